// The block scheduler: workers take block numbers in turn; finished blocks are
// merged strictly in block order by whichever worker completes the next one.
// Workers stay at most a few blocks ahead of the merge, so memory stays flat
// however many customers run.
#include "journeysim/sim/simulation.hpp"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "journeysim/sim/customer_walk.hpp"

namespace journeysim {

namespace {

RunTally simulate_block(const CompiledScenario& compiled, std::uint64_t seed, std::uint64_t first,
                        std::uint64_t end) {
  RunTally tally(compiled);
  TallyObserver observer(compiled, tally);
  WalkScratch scratch(compiled.node_count);
  for (std::uint64_t customer = first; customer < end; ++customer) {
    walk_customer(compiled, seed, customer, scratch, observer);
  }
  return tally;
}

}  // namespace

RunResult run_simulation(const Scenario& scenario, const RunOptions& options, const ProgressCallback& progress,
                         const std::atomic<bool>* cancel) {
  RunResult result{compile(scenario, options.segment), RunTally(CompiledScenario{}), false};
  result.tally = RunTally(result.compiled);
  const CompiledScenario& compiled = result.compiled;

  const std::uint64_t blocks = (options.customers + customers_per_block - 1) / customers_per_block;
  unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(blocks, 1)));
  const std::uint64_t max_ahead = 4ull * threads;

  std::mutex mutex;
  std::condition_variable merged_more;
  std::uint64_t next_block = 0;
  std::uint64_t merged = 0;  // blocks merged into result.tally so far
  std::map<std::uint64_t, RunTally> finished;

  const auto worker = [&] {
    while (true) {
      std::uint64_t block = 0;
      {
        std::unique_lock lock(mutex);
        merged_more.wait(lock, [&] {
          return next_block >= blocks || next_block < merged + max_ahead || (cancel && cancel->load());
        });
        if (next_block >= blocks || (cancel && cancel->load())) return;
        block = next_block++;
      }
      const std::uint64_t first = block * customers_per_block;
      const std::uint64_t end = std::min(options.customers, first + customers_per_block);
      RunTally tally = simulate_block(compiled, options.seed, first, end);

      std::unique_lock lock(mutex);
      finished.emplace(block, std::move(tally));
      while (!finished.empty() && finished.begin()->first == merged) {
        result.tally.merge(finished.begin()->second);
        finished.erase(finished.begin());
        ++merged;
      }
      const std::uint64_t done = std::min(options.customers, merged * customers_per_block);
      lock.unlock();
      merged_more.notify_all();
      if (progress) progress(done, options.customers);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  result.cancelled = merged < blocks;
  return result;
}

}  // namespace journeysim
