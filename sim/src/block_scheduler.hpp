// The block scheduler shared by run and compare: workers take block numbers
// in turn; finished blocks are merged strictly in block order by whichever
// worker completes the next one, so the result does not depend on the thread
// count. Workers stay at most a few blocks ahead of the merge, so memory stays
// flat however many customers run.
//
// Over MPI ranks (sim/ranks.hpp) block b belongs to rank b mod K: each rank
// walks its own blocks on its threads, as above, and sends each to rank 0 in
// order; rank 0 merges every block in block order, receiving the others'
// as their turn comes, so the totals are one process's, byte for byte.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "journeysim/sim/ranks.hpp"
#include "journeysim/sim/simulation.hpp"
#include "tally_bytes.hpp"

namespace journeysim::detail {

// `simulate(first, end)` tallies customers [first, end) into a Block;
// `merge(block)` folds one into the total, called in block order under a lock.
// Returns false when cancelled before every block was merged.
// Blocks 0..blocks-1 of customers, block j being customers [first(j), end(j)).
template <class Block, class Simulate, class Merge, class First, class End>
bool run_block_list(std::uint64_t blocks, std::uint64_t customers, const First& first_of, const End& end_of,
                    unsigned threads, const Simulate& simulate, const Merge& merge, const ProgressCallback& progress,
                    const std::atomic<bool>* cancel) {
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
      Block result = simulate(first_of(block), end_of(block));

      std::unique_lock lock(mutex);
      finished.emplace(block, std::move(result));
      while (!finished.empty() && finished.begin()->first == merged) {
        merge(finished.begin()->second);
        finished.erase(finished.begin());
        ++merged;
      }
      const std::uint64_t done = merged == blocks ? customers : std::min(customers, first_of(merged));
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

// In this process alone, whatever the ranks (what a rank cannot send: event logs).
template <class Block, class Simulate, class Merge>
bool run_blocks_in_process(std::uint64_t customers, unsigned threads, const Simulate& simulate, const Merge& merge,
                           const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  const std::uint64_t blocks = (customers + customers_per_block - 1) / customers_per_block;
  const auto first_of_block = [](std::uint64_t b) { return b * customers_per_block; };
  const auto end_of_block = [&](std::uint64_t b) { return std::min(customers, (b + 1) * customers_per_block); };
  return run_block_list<Block>(blocks, customers, first_of_block, end_of_block, threads, simulate, merge, progress,
                               cancel);
}

// Over the ranks; Block needs write(ByteWriter&, const Block&) and read(ByteReader&, Block&).
template <class Block, class Simulate, class Merge>
bool run_blocks(std::uint64_t customers, unsigned threads, const Simulate& simulate, const Merge& merge,
                const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  if (ranks::size() == 1) return run_blocks_in_process<Block>(customers, threads, simulate, merge, progress, cancel);
  const std::uint64_t blocks = (customers + customers_per_block - 1) / customers_per_block;
  const auto first_of_block = [](std::uint64_t b) { return b * customers_per_block; };
  const auto end_of_block = [&](std::uint64_t b) { return std::min(customers, (b + 1) * customers_per_block); };
  const std::uint64_t ranks = static_cast<std::uint64_t>(ranks::size());
  const std::uint64_t rank = static_cast<std::uint64_t>(ranks::rank());
  // This rank's blocks: j-th is block rank + j * ranks.
  const std::uint64_t own = blocks > rank ? (blocks - rank + ranks - 1) / ranks : 0;
  const auto global = [&](std::uint64_t j) { return rank + j * ranks; };
  const auto first_of = [&](std::uint64_t j) { return first_of_block(global(j)); };
  const auto end_of = [&](std::uint64_t j) { return end_of_block(global(j)); };
  ranks::fail_if_asked();
  if (rank != 0) {
    const auto send = [](const Block& block) {
      ByteWriter out;
      write(out, block);
      ranks::send(0, out.bytes());
    };
    return run_block_list<Block>(own, customers, first_of, end_of, threads, simulate, send, {}, cancel);
  }
  // Rank 0: before its own block b, every block before b from the rank holding it.
  std::uint64_t next = 0;
  const auto merge_through = [&](std::uint64_t before) {
    for (; next < before; ++next) {
      const std::vector<std::byte> bytes = ranks::receive(static_cast<int>(next % ranks));
      ByteReader in(bytes);
      Block block{};
      read(in, block);
      merge(block);
      if (progress) progress(end_of_block(next), customers);
    }
  };
  const auto merge_own = [&](const Block& block) {
    merge_through(next + (ranks - (next % ranks)) % ranks);  // up to this rank's next block
    merge(block);
    ++next;
    if (progress) progress(end_of_block(next - 1), customers);
  };
  const bool complete =
      run_block_list<Block>(own, customers, first_of, end_of, threads, simulate, merge_own, {}, cancel);
  merge_through(blocks);
  return complete;
}

}  // namespace journeysim::detail
