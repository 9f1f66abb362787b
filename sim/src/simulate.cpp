// The choice of engine, in one place.
#include "journeysim/sim/simulate.hpp"

#include "journeysim/sim/event_log_writer.hpp"
#include "journeysim/sim/queue/queue_run.hpp"

namespace journeysim {

SimulatedRun simulate_report(const Scenario& scenario, const RunOptions& options, const ProgressCallback& progress,
                             const std::atomic<bool>* cancel, const ReportOptions& report_options) {
  SimulatedRun out;
  if (scenario.has_queues()) {
    const QueueRun run = run_queue_simulation(scenario, options, progress, cancel);
    out.cancelled = run.cancelled;
    if (!out.cancelled) out.report = make_queue_report(scenario, options, run, report_options);
    return out;
  }
  const RunResult result = run_simulation(scenario, options, progress, cancel);
  out.cancelled = result.cancelled;
  out.report = make_report(scenario, options, result, report_options);
  return out;
}

SimulatedRun simulate_report_with_events(const Scenario& scenario, const RunOptions& options, double start,
                                         const std::function<void(std::string_view)>& write,
                                         const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  SimulatedRun out;
  if (scenario.has_queues()) {
    const QueueRun run = run_queue_simulation_with_events(scenario, options, start, write, progress, cancel);
    out.cancelled = run.cancelled;
    if (!out.cancelled) out.report = make_queue_report(scenario, options, run);
    return out;
  }
  const RunResult result = run_simulation_with_events(scenario, options, start, write, progress, cancel);
  out.cancelled = result.cancelled;
  out.report = make_report(scenario, options, result);
  return out;
}

SimulatedComparison compare_report(const Scenario& scenario, const std::vector<Variant>& variants,
                                   const RunOptions& options, const ProgressCallback& progress,
                                   const std::atomic<bool>* cancel, const ReportOptions& report_options) {
  SimulatedComparison out;
  if (scenario.has_queues()) {
    out.report = compare_queue_variants(scenario, variants, options, progress, cancel, report_options, &out.cancelled);
    return out;
  }
  const Comparison comparison = run_comparison(scenario, variants, options, progress, cancel);
  out.cancelled = comparison.cancelled;
  if (!out.cancelled) out.report = make_comparison_report(scenario, options, comparison, report_options);
  return out;
}

}  // namespace journeysim
