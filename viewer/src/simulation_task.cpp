// The background simulation: one worker thread at a time, the engine's own
// threads beneath it, the result handed over under a mutex.
#include "journeysim/viewer/simulation_task.hpp"

#include <utility>

#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim::viewer {

SimulationTask::~SimulationTask() {
  cancel();
  join();
}

void SimulationTask::join() {
  if (worker_.joinable()) worker_.join();
}

void SimulationTask::cancel() { cancel_.store(true); }

double SimulationTask::progress() const {
  const double total = static_cast<double>(std::max<std::uint64_t>(total_.load(), 1));
  return static_cast<double>(done_.load()) / total;
}

void SimulationTask::start(std::shared_ptr<const Scenario> scenario, const RunOptions& options,
                           std::shared_ptr<const Scenario> baseline, std::optional<Variant> what_if) {
  cancel();
  join();
  cancel_.store(false);
  done_.store(0);
  total_.store(options.customers);
  running_.store(true);
  worker_ = std::thread([this, scenario, options, baseline, what_if = std::move(what_if)] {
    auto outcome = std::make_shared<SimulationOutcome>();
    outcome->scenario = scenario;
    outcome->options = options;
    const auto progress = [this](std::uint64_t done, std::uint64_t total) {
      done_.store(done);
      total_.store(total);
    };
    if (what_if) {
      const Comparison comparison = run_comparison(*scenario, {*what_if}, options, progress, &cancel_);
      outcome->cancelled = comparison.cancelled;
      ComparisonReport report = make_comparison_report(*scenario, options, comparison);
      outcome->report = report.variants.front().report;
      outcome->comparison = std::move(report);
    } else if (baseline) {
      // The edited scenario as a variant of the pinned one: same indices
      // while only fields and probabilities changed, so customers pair.
      Variant variant;
      variant.name = "current";
      variant.touchpoints = scenario->touchpoints;
      variant.journeys = resolve_journeys(*scenario);
      const Comparison comparison = run_comparison(*baseline, {variant}, options, progress, &cancel_);
      outcome->cancelled = comparison.cancelled;
      ComparisonReport report = make_comparison_report(*baseline, options, comparison);
      outcome->report = report.variants.front().report;
      outcome->comparison = std::move(report);
    } else {
      const RunResult result = run_simulation(*scenario, options, progress, &cancel_);
      outcome->cancelled = result.cancelled;
      outcome->report = make_report(*scenario, options, result);
    }
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
