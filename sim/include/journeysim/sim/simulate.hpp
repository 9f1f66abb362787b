// Simulate and report, whichever model the scenario uses: the plain walk of
// independent customers, or with `arrivals` the queue model's replications
// (DESIGN section 8). Commands, the viewer and the HTML report go through
// here rather than choosing an engine each.
#pragma once

#include <atomic>
#include <functional>
#include <string_view>
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

// simulate_report(), the customers also written as an event log
// (event_log_writer.hpp) through `write`, time 0 at `start` (seconds since
// 1970): every customer of the plain walk; in the queue model those of the
// first replication, one history of the horizon. The report is the same.
SimulatedRun simulate_report_with_events(const Scenario& scenario, const RunOptions& options, double start,
                                         const std::function<void(std::string_view)>& write,
                                         const ProgressCallback& progress = {},
                                         const std::atomic<bool>* cancel = nullptr);

struct SimulatedComparison {
  ComparisonReport report;
  bool cancelled = false;
};

SimulatedComparison compare_report(const Scenario& scenario, const std::vector<Variant>& variants,
                                   const RunOptions& options, const ProgressCallback& progress = {},
                                   const std::atomic<bool>* cancel = nullptr, const ReportOptions& report_options = {});

}  // namespace journeysim
