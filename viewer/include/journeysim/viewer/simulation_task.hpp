// The viewer's simulation: what a run is asked for and what it gives, run
// in the background as a BackgroundJob.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/viewer/background_job.hpp"

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

// Simulates a request (the scenario, or the variant paired against it),
// with the path explorer's many paths kept; on the calling thread.
SimulationOutcome simulate_request(SimulationRequest request, const ProgressCallback& progress,
                                   const std::atomic<bool>& cancel);

// The viewer's runs, one at a time in the background.
class SimulationTask : public BackgroundJob<SimulationOutcome> {
 public:
  void start(SimulationRequest request) {
    BackgroundJob::start(
        [request = std::move(request)](const ProgressCallback& progress, const std::atomic<bool>& cancel) mutable {
          return simulate_request(std::move(request), progress, cancel);
        });
  }
};

}  // namespace journeysim::viewer
