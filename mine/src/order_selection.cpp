// Held-out scoring of chains of each order, and the choice between them
// (order_selection.hpp).
#include "journeysim/mine/order_selection.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace journeysim::mine {

OrderSelection::OrderSelection(unsigned max_order) : max_order_(std::max(1u, max_order)), train_(max_order_) {}

bool OrderSelection::held_out(std::string_view customer_id) {
  // FNV-1a: the same customers are held out on every run and platform.
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : customer_id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash % 5 == 0;
}

std::string OrderSelection::key(std::span<const std::uint32_t> state) {
  std::string out(state.size() * sizeof(std::uint32_t), '\0');
  if (!state.empty()) std::memcpy(out.data(), state.data(), out.size());
  return out;
}

void OrderSelection::move(bool is_held_out, std::span<const std::uint32_t> history, std::uint32_t next) {
  if (history.empty()) return;
  // The last max_order touchpoints, padded at a journey's start with a start
  // symbol: a journey's first state ("search" at order 2) is not the same
  // state as the same touchpoint later on ("cart__search").
  std::vector<std::uint32_t> padded(max_order_, start_symbol);
  const std::size_t have = std::min<std::size_t>(history.size(), max_order_);
  std::copy(history.end() - static_cast<std::ptrdiff_t>(have), history.end(),
            padded.end() - static_cast<std::ptrdiff_t>(have));
  if (is_held_out) {
    ++held_[key(padded)][next];
    return;
  }
  const std::span<const std::uint32_t> all(padded);
  for (unsigned order = 1; order <= max_order_; ++order) {
    Counts& counts = train_[order - 1][key(all.subspan(max_order_ - order))];
    ++counts.next[next];
    ++counts.total;
  }
  ++targets_.next[next];
  ++targets_.total;
}

double OrderSelection::log_probability(unsigned order, std::span<const std::uint32_t> context,
                                       std::uint32_t next) const {
  const auto seen = targets_.next.find(next);
  const double kinds = static_cast<double>(targets_.next.size()) + 1.0;  // +1: a target never seen
  const double overall = ((seen == targets_.next.end() ? 0.0 : static_cast<double>(seen->second)) + 1.0) /
                         (static_cast<double>(targets_.total) + kinds);
  const Table& table = train_[order - 1];
  const auto found = table.find(key(context.subspan(context.size() - order)));
  if (found == table.end()) return std::log(overall);
  const auto n = found->second.next.find(next);
  const double count = n == found->second.next.end() ? 0.0 : static_cast<double>(n->second);
  return std::log((count + overall) / (static_cast<double>(found->second.total) + 1.0));
}

std::vector<OrderFit> OrderSelection::fits() const {
  std::vector<OrderFit> out(max_order_);
  for (unsigned order = 1; order <= max_order_; ++order) {
    OrderFit& fit = out[order - 1];
    fit.order = order;
    for (const auto& [state, counts] : train_[order - 1]) {
      ++fit.states;
      fit.transitions += counts.next.size();
    }
  }
  // Every held-out group's log-probability under every order, in a fixed
  // order (the map's) so that the sums are the same on every run.
  struct Group {
    std::uint64_t moves = 0;
    std::vector<double> log_p;  // [order - 1]
  };
  std::map<std::pair<std::string, std::uint32_t>, Group> groups;
  for (const auto& [context_key, targets] : held_) {
    std::vector<std::uint32_t> context(max_order_);
    std::memcpy(context.data(), context_key.data(), context_key.size());
    for (const auto& [next, n] : targets) {
      Group g{n, {}};
      for (unsigned order = 1; order <= max_order_; ++order) g.log_p.push_back(log_probability(order, context, next));
      groups.emplace(std::make_pair(context_key, next), std::move(g));
    }
  }
  std::uint64_t moves = 0;
  for (const auto& [where, g] : groups) {
    moves += g.moves;
    for (unsigned order = 1; order <= max_order_; ++order) {
      out[order - 1].held_out_log_likelihood += static_cast<double>(g.moves) * g.log_p[order - 1];
    }
  }
  for (OrderFit& fit : out) fit.held_out_moves = moves;

  // Forward: each order against the one chosen so far, by the paired gain per move.
  unsigned chosen = 1;
  for (unsigned order = 2; order <= max_order_ && moves > 1; ++order) {
    double sum = 0.0, sum_squares = 0.0;
    for (const auto& [where, g] : groups) {
      const double gain = g.log_p[order - 1] - g.log_p[chosen - 1];
      sum += static_cast<double>(g.moves) * gain;
      sum_squares += static_cast<double>(g.moves) * gain * gain;
    }
    const double n = static_cast<double>(moves);
    const double mean = sum / n;
    const double variance = std::max(0.0, (sum_squares - n * mean * mean) / (n - 1.0));
    OrderFit& fit = out[order - 1];
    fit.gain_per_move = mean;
    fit.gain_standard_error = std::sqrt(variance / n);
    if (mean > 2.0 * fit.gain_standard_error && mean > 0.0) chosen = order;
  }
  out[chosen - 1].chosen = true;
  return out;
}

unsigned OrderSelection::chosen(const std::vector<OrderFit>& fits) {
  for (const OrderFit& fit : fits) {
    if (fit.chosen) return fit.order;
  }
  return 1;
}

}  // namespace journeysim::mine
