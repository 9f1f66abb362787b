// The viewer's simulation of a request, and the background threads' lower
// priority.
#include "journeysim/viewer/simulation_task.hpp"

#include <chrono>
#include <utility>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "journeysim/sim/simulate.hpp"

namespace journeysim::viewer {

namespace {

// The path explorer ranks paths by how often they end one way or another
// ("paths that end in churn"), so it needs far more than the command line's
// top 20: every tracked path up to this many, their counts exact.
constexpr ReportOptions viewer_report_options{5000};

}  // namespace

void lower_this_threads_priority() {
#if defined(__linux__)
  constexpr int background_nice = 10;
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), background_nice);
#endif
}

SimulationOutcome simulate_request(SimulationRequest request, const ProgressCallback& progress,
                                   const std::atomic<bool>& cancel) {
  const auto started = std::chrono::steady_clock::now();
  SimulationOutcome outcome;
  progress(0, request.options.customers);
  const Scenario& scenario = *request.scenario;
  if (request.variant) {
    SimulatedComparison compared =
        compare_report(scenario, {*request.variant}, request.options, progress, &cancel, viewer_report_options);
    outcome.cancelled = compared.cancelled;
    if (!compared.report.variants.empty()) outcome.report = compared.report.variants.front().report;
    outcome.comparison = std::move(compared.report);
  } else {
    SimulatedRun run = simulate_report(scenario, request.options, progress, &cancel, viewer_report_options);
    outcome.cancelled = run.cancelled;
    outcome.report = std::move(run.report);
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  outcome.request = std::move(request);
  return outcome;
}

}  // namespace journeysim::viewer
