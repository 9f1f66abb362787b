// The block scheduler shared by run and compare: workers take block numbers
// in turn; finished blocks are merged strictly in block order by whichever
// worker completes the next one, so the result does not depend on the thread
// count. Workers stay at most a few blocks ahead of the merge, so memory stays
// flat however many customers run.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "journeysim/sim/simulation.hpp"

namespace journeysim::detail {

// `simulate(first, end)` tallies customers [first, end) into a Block;
// `merge(block)` folds one into the total, called in block order under a lock.
// Returns false when cancelled before every block was merged.
template <class Block, class Simulate, class Merge>
bool run_blocks(std::uint64_t customers, unsigned threads, const Simulate& simulate, const Merge& merge,
                const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  const std::uint64_t blocks = (customers + customers_per_block - 1) / customers_per_block;
  threads = static_cast<unsigned>(std::min<std::uint64_t>(worker_threads(threads), std::max<std::uint64_t>(blocks, 1)));
  const std::uint64_t max_ahead = 4ull * threads;
  const auto cancelled = [&] { return cancel && cancel->load(); };

  std::mutex mutex;
  std::condition_variable merged_more;
  std::uint64_t next_block = 0;
  std::uint64_t merged = 0;
  std::map<std::uint64_t, Block> finished;

  const auto worker = [&] {
    while (true) {
      std::uint64_t block = 0;
      {
        std::unique_lock lock(mutex);
        merged_more.wait(lock, [&] { return next_block >= blocks || next_block < merged + max_ahead || cancelled(); });
        if (next_block >= blocks || cancelled()) return;
        block = next_block++;
      }
      const std::uint64_t first = block * customers_per_block;
      Block result = simulate(first, std::min(customers, first + customers_per_block));

      std::unique_lock lock(mutex);
      finished.emplace(block, std::move(result));
      while (!finished.empty() && finished.begin()->first == merged) {
        merge(finished.begin()->second);
        finished.erase(finished.begin());
        ++merged;
      }
      const std::uint64_t done = std::min(customers, merged * customers_per_block);
      lock.unlock();
      merged_more.notify_all();
      if (progress) progress(done, customers);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  return merged == blocks;
}

}  // namespace journeysim::detail
