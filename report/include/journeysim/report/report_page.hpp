// Everything behind one report page, from a scenario to its HTML: the
// baseline and the chosen what-ifs simulated paired (as `compare` does),
// the "what to fix first" levers ranked when wanted, then the page. One
// path for `journeysim report` and the viewer's File > Export report, so
// the two write the same bytes for the same scenario, seed and customers.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim::report {

struct ReportRequest {
  std::string source;             // the scenario file's name, as the user gave it
  std::vector<Variant> what_ifs;  // the what-ifs to show, in order
  RunOptions options;
  // The "what to fix first" ranking: asked on or off, or (unset) on unless
  // the scenario has queues, whose levers take minutes to simulate.
  std::optional<bool> fix_first;
  std::optional<std::string> kpi;  // the KPI the levers are ranked by (default: ranking_kpi)
};

struct ReportPage {
  std::string html;
  ComparisonReport comparison;  // what the page shows of the baseline and the what-ifs
  bool cancelled = false;
};

// The KPI "what to fix first" ranks by when none is asked for: the first of
// churn, conversion and lost the scenario defines; empty when none is.
std::string ranking_kpi(const Scenario& scenario);

// Simulates and renders. Progress runs once from 0 to its total over both
// the comparison and the ranking, weighted by the walks each makes.
ReportPage make_report_page(const Scenario& scenario, const ReportRequest& request,
                            const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

}  // namespace journeysim::report
