// A simulation on a background thread, with progress and cancel. The UI
// thread starts it, polls progress each frame, and takes the finished report
// as an immutable shared value (swapped in, never edited), so drawing never
// waits for the engine.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/report.hpp"

namespace journeysim::viewer {

struct SimulationOutcome {
  std::shared_ptr<const Scenario> scenario;  // what was simulated
  RunOptions options;
  RunReport report;
  std::optional<ComparisonReport> comparison;  // when run against a pinned baseline
  bool cancelled = false;
};

class SimulationTask {
 public:
  SimulationTask() = default;
  SimulationTask(const SimulationTask&) = delete;
  SimulationTask& operator=(const SimulationTask&) = delete;
  ~SimulationTask();

  // Starts a run (cancelling any under way). With a `baseline`, the run is a
  // paired comparison of `scenario` against it on the same customers; with a
  // `variant` (one of the scenario's what-ifs), of the variant against `scenario`.
  void start(std::shared_ptr<const Scenario> scenario, const RunOptions& options,
             std::shared_ptr<const Scenario> baseline = nullptr, std::optional<Variant> variant = std::nullopt);
  void cancel();
  bool running() const { return running_.load(); }
  double progress() const;  // 0..1
  // The newest finished outcome not taken yet.
  std::shared_ptr<const SimulationOutcome> take();

 private:
  void join();

  std::thread worker_;
  std::atomic<bool> running_{false};
  std::atomic<bool> cancel_{false};
  std::atomic<std::uint64_t> done_{0};
  std::atomic<std::uint64_t> total_{1};
  std::mutex mutex_;
  std::shared_ptr<const SimulationOutcome> finished_;
};

}  // namespace journeysim::viewer
