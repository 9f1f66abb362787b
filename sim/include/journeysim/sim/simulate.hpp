// Simulate and report, whichever model the scenario uses: the plain walk of
// independent customers, or with `arrivals` the queue model's replications
// (DESIGN section 8). Commands, the viewer and the HTML report go through
// here rather than choosing an engine each.
#pragma once

#include <atomic>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {

struct SimulatedRun {
  RunReport report;
  bool cancelled = false;
};

SimulatedRun simulate_report(const Scenario& scenario, const RunOptions& options, const ProgressCallback& progress = {},
                             const std::atomic<bool>* cancel = nullptr, const ReportOptions& report_options = {});

struct SimulatedComparison {
  ComparisonReport report;
  bool cancelled = false;
};

SimulatedComparison compare_report(const Scenario& scenario, const std::vector<Variant>& variants,
                                   const RunOptions& options, const ProgressCallback& progress = {},
                                   const std::atomic<bool>* cancel = nullptr, const ReportOptions& report_options = {});

}  // namespace journeysim
