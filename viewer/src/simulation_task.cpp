// The background simulation: one worker thread at a time, the engine's own
// threads beneath it, the result handed over under a mutex.
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

// On Linux the nice value belongs to the thread, and threads it creates
// inherit it: lowering it here lowers the engine's workers too. Results do
// not depend on scheduling, only how soon they come.
void lower_this_threads_priority() {
#if defined(__linux__)
  constexpr int background_nice = 10;
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), background_nice);
#endif
}

}  // namespace

SimulationTask::~SimulationTask() {
  cancel();
  join();
}

void SimulationTask::join() {
  if (worker_.joinable()) worker_.join();
}

void SimulationTask::wait() { join(); }

void SimulationTask::cancel() { cancel_.store(true); }

double SimulationTask::progress() const {
  const double total = static_cast<double>(std::max<std::uint64_t>(total_.load(), 1));
  return static_cast<double>(done_.load()) / total;
}

void SimulationTask::start(SimulationRequest request) {
  cancel();
  join();
  cancel_.store(false);
  done_.store(0);
  total_.store(request.options.customers);
  running_.store(true);
  worker_ = std::thread([this, request = std::move(request)]() mutable {
    lower_this_threads_priority();
    const auto started = std::chrono::steady_clock::now();
    auto outcome = std::make_shared<SimulationOutcome>();
    const auto progress = [this](std::uint64_t done, std::uint64_t total) {
      done_.store(done);
      total_.store(total);
    };
    const Scenario& scenario = *request.scenario;
    if (request.variant) {
      SimulatedComparison compared =
          compare_report(scenario, {*request.variant}, request.options, progress, &cancel_, viewer_report_options);
      outcome->cancelled = compared.cancelled;
      if (!compared.report.variants.empty()) outcome->report = compared.report.variants.front().report;
      outcome->comparison = std::move(compared.report);
    } else {
      SimulatedRun run = simulate_report(scenario, request.options, progress, &cancel_, viewer_report_options);
      outcome->cancelled = run.cancelled;
      outcome->report = std::move(run.report);
    }
    outcome->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    outcome->request = std::move(request);
    {
      std::lock_guard lock(mutex_);
      finished_ = std::move(outcome);
    }
    running_.store(false);
  });
}

std::shared_ptr<const SimulationOutcome> SimulationTask::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(finished_, nullptr);
}

}  // namespace journeysim::viewer
