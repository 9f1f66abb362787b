// Choosing the memory of a mined chain (`mine --order auto`, DESIGN section
// 13): how many of the last touchpoints a state should hold. Journeys are
// split by customer into a training part and a held-out fifth; a chain of
// each order is counted on the training part and scored by the
// log-likelihood of the held-out journeys' moves. Only counts are kept, so
// the score needs no second pass over the log.
//
// Smoothing, without which a held-out move never seen in training would
// score minus infinity: one pseudo-move out of every state, spread over the
// targets by how often each is moved to overall,
//   p_k(t | s) = (n(s, t) + f(t)) / (n(s) + 1),  f(t) = (n(t) + 1) / (N + kinds + 1),
// the same at every order, so that states of two orders that saw the same
// moves (a journey shorter than both) score exactly alike.
//
// The choice: starting from order 1, a higher order is taken only when its
// held-out score beats the order taken so far by more than twice the standard
// error of the per-move gain (paired: the same held-out moves under both), so
// noise does not buy memory.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace journeysim::mine {

struct OrderFit {
  unsigned order = 1;
  std::uint64_t states = 0;              // distinct states seen in training
  std::uint64_t transitions = 0;         // distinct moves seen in training
  double held_out_log_likelihood = 0.0;  // natural log, summed over the held-out moves
  std::uint64_t held_out_moves = 0;
  // Per held-out move, against the order chosen before this one was considered
  // (0 for order 1), and the standard error of that gain.
  double gain_per_move = 0.0;
  double gain_standard_error = 0.0;
  bool chosen = false;
  double per_move() const {
    return held_out_moves > 0 ? held_out_log_likelihood / static_cast<double>(held_out_moves) : 0.0;
  }
};

class OrderSelection {
 public:
  explicit OrderSelection(unsigned max_order);

  // Whether a customer's journeys are held out: a fixed fifth of customer ids.
  static bool held_out(std::string_view customer_id);

  // A move to `next` (a touchpoint's or an ending's symbol) after `history`,
  // the journey's touchpoints so far, oldest first (only the last max_order matter).
  void move(bool held_out, std::span<const std::uint32_t> history, std::uint32_t next);

  unsigned max_order() const { return max_order_; }
  // Every order's score, 1 first, with exactly one marked chosen (order 1
  // when nothing was held out).
  std::vector<OrderFit> fits() const;
  static unsigned chosen(const std::vector<OrderFit>& fits);

 private:
  struct Counts {
    std::unordered_map<std::uint32_t, std::uint64_t> next;
    std::uint64_t total = 0;
  };
  using Table = std::unordered_map<std::string, Counts>;  // a state (its symbols' bytes) -> the moves out of it

  static constexpr std::uint32_t start_symbol = 0xFFFFFFFFu;  // before a journey's first touchpoint
  static std::string key(std::span<const std::uint32_t> state);
  double log_probability(unsigned order, std::span<const std::uint32_t> context, std::uint32_t next) const;

  unsigned max_order_;
  std::vector<Table> train_;  // [order - 1]: states of `order` symbols (start symbols first at a journey's start)
  Counts targets_;            // every training move's target
  // Held-out moves by their longest context (max_order symbols) and target:
  // every order's state is a suffix of it.
  std::unordered_map<std::string, std::unordered_map<std::uint32_t, std::uint64_t>> held_;
};

}  // namespace journeysim::mine
