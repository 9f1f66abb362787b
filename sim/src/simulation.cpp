// run_simulation: the block scheduler over plain customer walks; and how
// many worker threads a run may start.
#include "journeysim/sim/simulation.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "block_scheduler.hpp"
#include "journeysim/sim/customer_walk.hpp"

namespace journeysim {

unsigned worker_threads(unsigned requested) {
  const unsigned hardware = std::thread::hardware_concurrency();  // 0: unknown
  if (hardware == 0) return std::max(1u, requested);
  return requested == 0 ? hardware : std::min(requested, hardware);
}

namespace {

// Simulates `compiled` (moved into the result): the one block loop both overloads share.
RunResult simulate_compiled(CompiledScenario compiled_scenario, const RunOptions& options,
                            const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  RunResult result;
  result.compiled = std::move(compiled_scenario);
  result.tally = RunTally(result.compiled);
  const CompiledScenario& compiled = result.compiled;
  const auto simulate = [&](std::uint64_t first, std::uint64_t end) {
    RunTally tally(compiled);
    TallyObserver observer(compiled, tally);
    WalkScratch scratch(compiled.node_count);
    for (std::uint64_t customer = first; customer < end; ++customer) {
      walk_customer(compiled, options.seed, customer, scratch, observer);
    }
    return tally;
  };
  const auto merge = [&](const RunTally& block) { result.tally.merge(block); };
  result.cancelled =
      !detail::run_blocks<RunTally>(options.customers, options.threads, simulate, merge, progress, cancel);
  return result;
}

}  // namespace

RunResult run_simulation(const Scenario& scenario, const RunOptions& options, const ProgressCallback& progress,
                         const std::atomic<bool>* cancel) {
  return simulate_compiled(compile(scenario, options.segment), options, progress, cancel);
}

RunResult run_simulation(const Scenario& structure, const std::vector<Journey>& journeys, const RunOptions& options,
                         const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  return simulate_compiled(compile(structure, journeys, options.segment), options, progress, cancel);
}

}  // namespace journeysim
