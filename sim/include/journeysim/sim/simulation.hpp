// Running a simulation: customers in fixed-size blocks spread over threads,
// each block tallied on its own and merged in block order, so the result is
// byte-identical for any thread count (DESIGN section 5).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/compiled_scenario.hpp"
#include "journeysim/sim/tallies.hpp"

namespace journeysim {

// Part of the reproducibility contract: changing it changes every report.
inline constexpr std::uint64_t customers_per_block = 4096;

// The queue model's independent replications when --replications is not given (DESIGN section 8).
inline constexpr unsigned default_replications = 8;

struct RunOptions {
  std::uint64_t customers = default_customers;  // the plain walk's; with arrivals, the arrival process sets the count
  std::uint64_t seed = default_seed;
  unsigned threads = 0;                          // 0: every hardware thread; capped by worker_threads()
  std::optional<std::size_t> segment;            // simulate this segment only
  unsigned replications = default_replications;  // the queue model's, each a whole horizon
  // What-ifs (sweep, sensitivity): walk every customer in every variant, not
  // only those whose baseline walk reached what the variant changes. The
  // figures are the same to the byte; this is the yardstick they are tested
  // and timed against (`--walk-all`).
  bool walk_all = false;
};

// The threads a run starts for `requested` (0: all): never more than the
// machine's hardware threads, since the work is all computation and each
// extra thread would only hold more blocks' tallies in memory; at least one.
// Where the count of hardware threads is unknown, `requested` (or 1).
unsigned worker_threads(unsigned requested);

// Called from worker threads with the number of customers done so far.
using ProgressCallback = std::function<void(std::uint64_t done, std::uint64_t total)>;

struct RunResult {
  CompiledScenario compiled;
  RunTally tally;
  bool cancelled = false;
};

RunResult run_simulation(const Scenario& scenario, const RunOptions& options, const ProgressCallback& progress = {},
                         const std::atomic<bool>* cancel = nullptr);

// The same over explicit per-segment journeys (a what-if variant's, as
// compile() takes them), `structure` holding the variant's touchpoints and
// transitions: what `analyze --what-if` simulates beside its chain.
RunResult run_simulation(const Scenario& structure, const std::vector<Journey>& journeys, const RunOptions& options,
                         const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

}  // namespace journeysim
