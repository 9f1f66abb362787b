// Path counts: the open-addressing table over stored paths, and merging in
// first-appearance order.
#include "journeysim/sim/path_counts.hpp"

#include <algorithm>

namespace journeysim {

namespace {

constexpr std::size_t initial_slots = 1024;
constexpr std::size_t chunk_touchpoints = 1 << 16;  // 256 KiB; a longer path gets a chunk of its own size

}  // namespace

PathCounts::PathCounts(std::uint32_t ending_count)
    : ending_count_(ending_count), slots_(initial_slots), mask_(initial_slots - 1) {}

bool PathCounts::same_path(std::uint32_t row, std::span<const std::uint32_t> path) const {
  const std::span<const std::uint32_t> stored = this->path(row);
  return stored.size() == path.size() && std::equal(stored.begin(), stored.end(), path.begin());
}

std::uint32_t PathCounts::find(std::span<const std::uint32_t> path, std::uint64_t hash) const {
  if (slots_.empty()) return no_row;
  for (std::size_t slot = home_slot(hash);; slot = (slot + 1) & mask_) {
    const Slot& s = slots_[slot];
    if (s.row == no_row) return no_row;
    if (s.hash == hash && same_path(s.row, path)) return s.row;
  }
}

std::uint32_t PathCounts::find_or_add(std::span<const std::uint32_t> path, std::uint64_t hash) {
  if (slots_.empty()) grow();
  for (std::size_t slot = home_slot(hash);; slot = (slot + 1) & mask_) {
    const Slot& s = slots_[slot];
    if (s.row == no_row) return add(slot, path, hash);
    if (s.hash == hash && same_path(s.row, path)) return s.row;
  }
}

std::uint32_t PathCounts::add(std::size_t slot, std::span<const std::uint32_t> path, std::uint64_t hash) {
  const auto row = static_cast<std::uint32_t>(customers_.size());
  if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < path.size()) {
    chunks_.emplace_back().reserve(std::max(chunk_touchpoints, path.size()));
  }
  std::vector<std::uint32_t>& chunk = chunks_.back();
  stored_.push_back(
      Stored{static_cast<std::uint32_t>(chunks_.size() - 1), static_cast<std::uint32_t>(chunk.size()), path.size()});
  chunk.insert(chunk.end(), path.begin(), path.end());  // within its capacity: never moves
  row_hash_.push_back(hash);
  customers_.push_back(0);
  endings_.resize(endings_.size() + ending_count_, 0);
  slots_[slot] = Slot{hash, row};
  if (2 * size() > slots_.size()) grow();
  return row;
}

void PathCounts::grow() {
  std::vector<Slot> larger(std::max(initial_slots, 2 * slots_.size()));
  slots_.swap(larger);
  mask_ = slots_.size() - 1;
  for (std::uint32_t row = 0; row < size(); ++row) {
    std::size_t slot = home_slot(row_hash_[row]);
    while (slots_[slot].row != no_row) slot = (slot + 1) & mask_;
    slots_[slot] = Slot{row_hash_[row], row};
  }
}

void PathCounts::add_customers(std::span<const std::uint32_t> path, std::uint64_t hash, std::uint64_t customers,
                               std::span<const std::uint64_t> by_ending) {
  const std::uint32_t row = find_or_add(path, hash);
  customers_[row] += customers;
  for (std::uint32_t e = 0; e < ending_count_ && e < by_ending.size(); ++e)
    endings_[std::size_t{row} * ending_count_ + e] += by_ending[e];
}

void PathCounts::merge(const PathCounts& later, std::size_t cap, std::uint64_t& untracked) {
  if (ending_count_ == 0) ending_count_ = later.ending_count_;
  for (std::uint32_t row = 0; row < later.size(); ++row) {
    const std::span<const std::uint32_t> path = later.path(row);
    const std::uint64_t hash = later.row_hash_[row];
    std::uint32_t ours = find(path, hash);
    if (ours == no_row) {
      if (size() >= cap) {
        untracked += later.customers_[row];
        continue;
      }
      ours = find_or_add(path, hash);
    }
    customers_[ours] += later.customers_[row];
    for (std::uint32_t e = 0; e < ending_count_; ++e) {
      endings_[std::size_t{ours} * ending_count_ + e] += later.endings_[std::size_t{row} * later.ending_count_ + e];
    }
  }
}

}  // namespace journeysim
