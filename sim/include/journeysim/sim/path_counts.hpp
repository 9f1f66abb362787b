// Path counting (DESIGN section 6): a customer's path is the sequence of
// non-terminal touchpoints visited, consecutive repeats collapsed. PathCounts
// keeps the customers per path and per ending in order of first appearance,
// and merges a later block's counts in that order up to a cap.
//
// Why hashing and not a trie: on the reference journey most paths are long
// (22 touchpoints on average) and most customers' paths are their own (2,245
// distinct paths per 4,096 customers), so a trie costs a lookup per step and
// builds about seven new nodes per customer per block. Here a walk only
// appends to its path and folds each touchpoint into a running hash (off the
// walk's critical path); counting it at the end is one probe and one
// comparison of the stored path, and a new path is copied once into an arena.
// Counts are exact: equal hashes are always confirmed on the touchpoints.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "journeysim/sim/random.hpp"

namespace journeysim {

class PathCounts {
 public:
  // The hash of the empty path, and of a path extended by one touchpoint.
  static constexpr std::uint64_t empty_path_hash = 0x243F6A8885A308D3ULL;
  static constexpr std::uint64_t extend_hash(std::uint64_t hash, std::uint32_t touchpoint) {
    return mix64(hash + touchpoint + 0x9E3779B97F4A7C15ULL);
  }

  PathCounts() = default;
  explicit PathCounts(std::uint32_t ending_count);

  // One more customer on `path`, whose hash (by extend_hash from empty_path_hash) is `hash`.
  void count(std::span<const std::uint32_t> path, std::uint64_t hash, std::uint32_t ending) {
    const std::uint32_t row = find_or_add(path, hash);
    ++customers_[row];
    ++endings_[std::size_t{row} * ending_count_ + ending];
  }

  // Adds `later`'s paths, in their order, where `later` holds customers after
  // this one's. A path new here is admitted while there are fewer than `cap`;
  // otherwise its customers are added to `untracked`. Blocks track all their
  // own paths and merge in block order, so the tracked paths are the first
  // `cap` distinct ones by customer index, whatever the thread count.
  void merge(const PathCounts& later, std::size_t cap, std::uint64_t& untracked);

  std::size_t size() const { return customers_.size(); }  // distinct paths tracked, in order of first appearance
  std::span<const std::uint32_t> path(std::size_t row) const {
    const Stored& where = stored_[row];
    return {chunks_[where.chunk].data() + where.offset, where.length};
  }
  std::uint64_t customers(std::size_t row) const { return customers_[row]; }
  std::uint64_t customers(std::size_t row, std::uint32_t ending) const {
    return endings_[row * ending_count_ + ending];
  }
  std::uint32_t ending_count() const { return ending_count_; }
  std::uint64_t row_hash(std::size_t row) const { return row_hash_[row]; }
  // Adds `customers` on `path` (a new row at the end if it is new), `by_ending`
  // of them per ending: counts read back in their order (another rank's block).
  void add_customers(std::span<const std::uint32_t> path, std::uint64_t hash, std::uint64_t customers,
                     std::span<const std::uint64_t> by_ending);

 private:
  static constexpr std::uint32_t no_row = 0xFFFFFFFFu;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t row = no_row;
  };

  // The row of `path`, or no_row.
  std::uint32_t find(std::span<const std::uint32_t> path, std::uint64_t hash) const;
  std::uint32_t find_or_add(std::span<const std::uint32_t> path, std::uint64_t hash);
  std::uint32_t add(std::size_t slot, std::span<const std::uint32_t> path, std::uint64_t hash);
  bool same_path(std::uint32_t row, std::span<const std::uint32_t> path) const;
  std::size_t home_slot(std::uint64_t hash) const { return static_cast<std::size_t>(hash) & mask_; }
  void grow();

  std::uint32_t ending_count_ = 0;
  std::vector<Slot> slots_;  // open addressing, linear probing, at most half full
  std::size_t mask_ = 0;
  // Every row's path, back to back in chunks filled up to the capacity they
  // were given and never grown (one growing vector would hold its old and new
  // buffers at once while it moves: megabytes at the cap).
  struct Stored {
    std::uint32_t chunk;
    std::uint32_t offset;
    std::size_t length;
  };
  std::vector<std::vector<std::uint32_t>> chunks_;
  std::vector<Stored> stored_;  // per row
  std::vector<std::uint64_t> row_hash_;
  std::vector<std::uint64_t> customers_;  // per row
  std::vector<std::uint64_t> endings_;    // per row, per ending
};

}  // namespace journeysim
