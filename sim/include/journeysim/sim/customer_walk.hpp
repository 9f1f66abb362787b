// The walk of one customer (DESIGN section 4), step by step, reporting what
// happens to an observer. Every draw is keyed by (seed, customer, touchpoint,
// visit number, purpose), so the walk is a pure function of its inputs.
//
// The walk is split into start_walk() and step() over an explicit WalkState so
// that a plain loop (walk_customer) and the queue model's event loop
// (sim/queue/) can drive it alike: step() does one touchpoint and says when
// the customer is next due; at a touchpoint with agents the event loop uses
// arrive_at_queue(), then serve_after_wait() or leave_unserved().
//
// Observer interface (static; every call inlined into the hot loop):
//   void on_start(const WalkState&)
//   void on_visit(const WalkState&, std::uint32_t node, double entered_at, double dwell)
//   void on_rating(std::uint32_t node, int csat_rating /*1..5*/, int ease /*1..7*/)
//   void on_move(std::uint32_t edge /*no_edge: left a queue unserved*/, std::uint32_t from, std::uint32_t to)
//   void on_end(const WalkState&, std::uint32_t ending, int nps_score /*0..10, or -1 not asked*/)
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "journeysim/sim/compiled_scenario.hpp"
#include "journeysim/sim/random.hpp"
#include "journeysim/sim/sampling.hpp"

namespace journeysim {

struct WalkState {
  std::uint64_t customer = 0;
  CustomerDraws draws{0, 0};  // the customer's keyed draws, (seed, customer) folded in once
  std::uint32_t journey = 0;  // index into CompiledScenario::journeys
  std::uint32_t node = 0;     // where the customer is
  double clock = 0.0;         // seconds: since entry, or with arrivals since time 0 (Monday 00:00)
  double started_at = 0.0;    // the clock at entry (the arrival time in the queue model)
  double sentiment = 0.0;
  std::uint64_t steps = 0;  // transitions taken
  std::uint32_t visit = 0;  // at a visit: how many earlier visits this customer made to this touchpoint
  bool finished = false;
  std::uint32_t ending = 0;  // once finished: a terminal's ending index, or active_ending / unfinished_ending
};

// Per-thread scratch, reused across customers: visit counters per touchpoint,
// reset only where the last customer went.
class WalkScratch {
 public:
  explicit WalkScratch(std::size_t node_count) : visits_(node_count, 0), touched_(node_count, 0) {}

  std::uint32_t next_visit(std::uint32_t node) {
    // Each touchpoint enters touched_ once, so node_count slots suffice; the
    // slot is written every time and kept only on a first visit (whether a
    // visit is the first is a coin toss for the branch predictor).
    const std::uint32_t visit = visits_[node]++;
    touched_[touched_count_] = node;
    touched_count_ += visit == 0 ? 1 : 0;
    return visit;
  }
  void reset() {
    for (std::size_t i = 0; i < touched_count_; ++i) visits_[touched_[i]] = 0;
    touched_count_ = 0;
  }

 private:
  std::vector<std::uint32_t> visits_;
  std::vector<std::uint32_t> touched_;
  std::size_t touched_count_ = 0;
};

namespace walk_detail {

// The first index in [0, count) whose running total exceeds `target`; the
// last one if rounding leaves `target` beyond them all.
inline std::uint32_t invert(const double* cumulative, std::uint32_t count, double target) {
  for (std::uint32_t i = 0; i < count; ++i) {
    if (cumulative[i] > target) return i;
  }
  return count - 1;
}

// The next edge from `node`: the keyed uniform inverted over the weights
// p * exp(w * S), in the fixed order of the node's transitions.
inline std::uint32_t choose_edge(const CompiledJourney& journey, const CompiledNode& node, double sentiment, double u) {
  const std::uint32_t first = node.first_edge;
  const std::uint32_t count = node.edge_count;
  const double* cumulative = journey.edge_cumulative.data() + first;
  const double* p = journey.edge_p.data() + first;
  const double* w = journey.edge_weight.data() + first;
  if (count <= CompiledNode::max_masked_edges) [[likely]] {
    // Up to the first weighted transition (often the last one, the "rest"; all
    // of them when none is weighted) the running sums are the compiled
    // cumulative ones: the same additions in the same order from 0. From
    // there on, exp only where the weight is not 0.
    const std::uint32_t weighted_from = node.first_weighted_edge;
    const double before_weighted = weighted_from > 0 ? cumulative[weighted_from - 1] : 0.0;
    double weights[CompiledNode::max_masked_edges];
    double total = before_weighted;
    for (std::uint32_t i = weighted_from; i < count; ++i) {
      weights[i] = (node.weighted_edges >> i) & 1 ? p[i] * std::exp(w[i] * sentiment) : p[i];
      total += weights[i];
    }
    const double target = u * total;
    const std::uint32_t scanned = std::min(weighted_from, count - 1);
    for (std::uint32_t i = 0; i < scanned; ++i) {
      if (cumulative[i] > target) return first + i;
    }
    double running = before_weighted;
    for (std::uint32_t i = weighted_from; i + 1 < count; ++i) {
      running += weights[i];
      if (running > target) return first + i;
    }
    return first + count - 1;
  }
  if (!node.weighted_choice) return first + invert(cumulative, count, u * cumulative[count - 1]);
  // Many transitions: each weight twice rather than a buffer of them.
  double total = 0.0;
  for (std::uint32_t i = 0; i < count; ++i) total += w[i] == 0.0 ? p[i] : p[i] * std::exp(w[i] * sentiment);
  const double target = u * total;
  double running = 0.0;
  for (std::uint32_t i = 0; i < count; ++i) {
    running += w[i] == 0.0 ? p[i] : p[i] * std::exp(w[i] * sentiment);
    if (running > target) return first + i;
  }
  return first + count - 1;
}

template <class Observer>
void finish(const CompiledScenario& scenario, WalkState& state, std::uint32_t ending, Observer& observer) {
  state.finished = true;
  state.ending = ending;
  int nps = -1;
  if (scenario.nps_asked[ending]) {
    const double u = state.draws.at(0, 0).uniform(Purpose::nps);
    const double latent = state.sentiment + scenario.nps_noise_sd * tabulated_normal_quantile(u);
    nps = ordered_probit(latent, scenario.nps_cutpoints.data(), 10);
  }
  observer.on_end(state, ending, nps);
}

}  // namespace walk_detail

// Draws the customer's segment and entry touchpoint.
// `arrival` is the clock at entry: 0 in the plain walk, the arrival time in the queue model.
template <class Observer>
WalkState start_walk(const CompiledScenario& scenario, std::uint64_t seed, std::uint64_t customer, Observer& observer,
                     double arrival = 0.0) {
  WalkState state;
  state.customer = customer;
  state.clock = arrival;
  state.started_at = arrival;
  state.draws = CustomerDraws(seed, customer);
  const VisitDraws customer_draws = state.draws.at(0, 0);
  if (scenario.journeys.size() > 1) {
    const double u = customer_draws.uniform(Purpose::segment);
    const auto& shares = scenario.journey_cumulative_share;
    state.journey = walk_detail::invert(shares.data(), static_cast<std::uint32_t>(shares.size()), u * shares.back());
  }
  const CompiledJourney& journey = scenario.journeys[state.journey];
  const double u = customer_draws.uniform(Purpose::entry);
  const auto& entry = journey.entry_cumulative;
  state.node =
      journey.entry_node[walk_detail::invert(entry.data(), static_cast<std::uint32_t>(entry.size()), u * entry.back())];
  state.sentiment = journey.initial_sentiment;
  observer.on_start(state);
  return state;
}

namespace walk_detail {

// The visit at the customer's touchpoint from the service on: the customer
// arrived at `state.clock` and is served from `service_start` (later than the
// arrival only after a wait in a queue, which costs sentiment by the hour);
// then dwell, sentiment, rating and the choice of the next touchpoint.
// Returns the clock at which the customer is due at the next touchpoint.
template <class Observer>
double serve(const CompiledScenario& scenario, WalkState& state, double service_start, Observer& observer) {
  const CompiledJourney& journey = scenario.journeys[state.journey];
  const CompiledNode& node = journey.nodes[state.node];
  const VisitDraws draws = state.draws.at(state.node, state.visit);
  const double dwell = node.dwell(draws.uniform(Purpose::dwell));
  const double entered_at = state.clock;
  if (service_start + dwell > scenario.horizon_seconds) {
    // Still here when the horizon comes: the customer is active, with no rating yet.
    observer.on_visit(state, state.node, entered_at, scenario.horizon_seconds - service_start);
    state.clock = scenario.horizon_seconds;
    finish(scenario, state, scenario.active_ending, observer);
    return state.clock;
  }
  state.clock = service_start + dwell;
  // A wait costs sentiment by the hour (0 elsewhere: one multiply-add, no branch).
  const double change = node.sentiment(draws.uniform(Purpose::sentiment)) - node.effort_drop -
                        node.wait_drop_per_second * dwell -
                        scenario.queue_wait_drop_per_second * (service_start - entered_at);
  state.sentiment = std::clamp(state.sentiment + change, scenario.sentiment_min, scenario.sentiment_max);
  observer.on_visit(state, state.node, entered_at, dwell);
  if (node.records_rating) {
    const double latent = change + scenario.csat_noise_sd * tabulated_normal_quantile(draws.uniform(Purpose::rating));
    observer.on_rating(state.node, 1 + ordered_probit(latent, scenario.csat_cutpoints.data(), 4), node.ease);
  }
  const std::uint32_t edge = choose_edge(journey, node, state.sentiment, draws.uniform(Purpose::choice));
  const std::uint32_t from = state.node;
  state.node = journey.edge_to[edge];
  ++state.steps;
  observer.on_move(edge, from, state.node);
  if (state.steps >= scenario.max_steps && journey.nodes[state.node].ending == no_ending) {
    finish(scenario, state, scenario.unfinished_ending, observer);
  }
  return state.clock;
}

}  // namespace walk_detail

// One touchpoint: dwell, sentiment, rating, choice (or the ending). Returns
// the clock at which the customer is due at the next touchpoint.
template <class Observer>
double step(const CompiledScenario& scenario, WalkState& state, WalkScratch& scratch, Observer& observer) {
  const CompiledNode& node = scenario.journeys[state.journey].nodes[state.node];
  if (node.ending != no_ending) {
    walk_detail::finish(scenario, state, node.ending, observer);
    return state.clock;
  }
  state.visit = scratch.next_visit(state.node);
  return walk_detail::serve(scenario, state, state.clock, observer);
}

// --- The queue model's split of step() (sim/queue/event_loop.cpp drives it) ---

// A customer reaches a touchpoint with agents: numbers the visit (its draws,
// patience included, are keyed by it). Then either serve_after_wait() or
// leave_unserved().
inline void arrive_at_queue(WalkState& state, WalkScratch& scratch) { state.visit = scratch.next_visit(state.node); }

// Served from `service_start`, having arrived at state.clock.
template <class Observer>
double serve_after_wait(const CompiledScenario& scenario, WalkState& state, double service_start, Observer& observer) {
  return walk_detail::serve(scenario, state, service_start, observer);
}

// Leaves the queue at `left_at` without service, for `to` (reneging, balking,
// or turned away while closed): the wait costs sentiment, nothing is rated,
// and the move is not one of the scenario's transitions (edge no_edge).
template <class Observer>
void leave_unserved(const CompiledScenario& scenario, WalkState& state, double left_at, std::uint32_t to,
                    Observer& observer) {
  const double entered_at = state.clock;
  const double waited = left_at - entered_at;
  state.clock = left_at;
  state.sentiment = std::clamp(state.sentiment - scenario.queue_wait_drop_per_second * waited, scenario.sentiment_min,
                               scenario.sentiment_max);
  observer.on_visit(state, state.node, entered_at, 0.0);
  const std::uint32_t from = state.node;
  state.node = to;
  ++state.steps;
  observer.on_move(no_edge, from, to);
  if (state.steps >= scenario.max_steps && scenario.journeys[state.journey].nodes[to].ending == no_ending) {
    walk_detail::finish(scenario, state, scenario.unfinished_ending, observer);
  }
}

// Still waiting when the horizon comes: active, the wait so far counted.
template <class Observer>
void wait_until_horizon(const CompiledScenario& scenario, WalkState& state, Observer& observer) {
  const double entered_at = state.clock;
  state.clock = scenario.horizon_seconds;
  state.sentiment = std::clamp(state.sentiment - scenario.queue_wait_drop_per_second * (state.clock - entered_at),
                               scenario.sentiment_min, scenario.sentiment_max);
  observer.on_visit(state, state.node, entered_at, 0.0);
  walk_detail::finish(scenario, state, scenario.active_ending, observer);
}

// A whole walk in a plain loop: the engine without queues.
template <class Observer>
void walk_customer(const CompiledScenario& scenario, std::uint64_t seed, std::uint64_t customer, WalkScratch& scratch,
                   Observer& observer) {
  WalkState state = start_walk(scenario, seed, customer, observer);
  while (!state.finished) step(scenario, state, scratch, observer);
  scratch.reset();
}

}  // namespace journeysim
