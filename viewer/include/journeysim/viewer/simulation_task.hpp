// A simulation on a background thread, with progress and cancel. The UI
// thread starts it, polls progress each frame, and takes the finished result
// as an immutable shared value (swapped in, never edited), so drawing never
// waits for the engine.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/report.hpp"

namespace journeysim::viewer {

struct SimulationRequest {
  std::shared_ptr<const Scenario> scenario;  // what is simulated; the baseline when there is a variant
  std::optional<Variant> variant;            // simulated against `scenario`, paired customer by customer
  std::string comparison_label;              // what the pairing is, for people: "what-if \"Chatbot first\""
  RunOptions options;
};

struct SimulationOutcome {
  SimulationRequest request;
  RunReport report;                            // the variant's when there is one, else the scenario's
  std::optional<ComparisonReport> comparison;  // with a variant: its changes against the scenario
  double seconds = 0.0;                        // wall time of the run
  bool cancelled = false;
};

class SimulationTask {
 public:
  SimulationTask() = default;
  SimulationTask(const SimulationTask&) = delete;
  SimulationTask& operator=(const SimulationTask&) = delete;
  ~SimulationTask();

  // Starts a run, cancelling any under way. The simulation's threads run at a
  // lower scheduling priority than the caller's, so that on a machine with
  // few cores the UI thread that started it still builds its frames at once.
  void start(SimulationRequest request);
  void cancel();
  bool running() const { return running_.load(); }
  // Blocks until the run under way (if any) has finished or been cancelled:
  // for callers that need its result before going on (tests, screenshots),
  // so that none of them waits on a clock.
  void wait();
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
