// Tallies: merging, and folding one customer's walk into them.
#include "journeysim/sim/tallies.hpp"

#include <algorithm>
#include <tuple>

#include "journeysim/sim/random.hpp"

namespace journeysim {

namespace {

constexpr double seconds_per_hour_ = 3600.0;

void add_counts(std::vector<std::uint64_t>& into, const std::vector<std::uint64_t>& from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}

}  // namespace

void SegmentTally::merge(const SegmentTally& other) {
  customers += other.customers;
  add_counts(endings, other.endings);
  converted += other.converted;
  churn_base += other.churn_base;
  churned_of_base += other.churned_of_base;
  active_of_base += other.active_of_base;
  reached_checkout += other.reached_checkout;
  abandoned_after_checkout += other.abandoned_after_checkout;
  for (std::size_t i = 0; i < nps_scores.size(); ++i) nps_scores[i] += other.nps_scores[i];
  csat.merge(other.csat);
  ces.merge(other.ces);
  ttr.merge(other.ttr);
  ttr_episodes.merge(other.ttr_episodes);
  journey_hours.merge(other.journey_hours);
  steps.merge(other.steps);
  cost.merge(other.cost);
  revenue.merge(other.revenue);
  wait_hours.merge(other.wait_hours);
  sentiment_final.merge(other.sentiment_final);
  for (std::size_t i = 0; i < stage_sentiment.size(); ++i) stage_sentiment[i].merge(other.stage_sentiment[i]);
}

void TouchpointTally::merge(const TouchpointTally& other) {
  visits += other.visits;
  visitors += other.visitors;
  dropoffs += other.dropoffs;
  csat.merge(other.csat);
  ces.merge(other.ces);
  sentiment.merge(other.sentiment);
}

void TransitionTally::merge(const TransitionTally& other) {
  traversals += other.traversals;
  add_counts(by_ending, other.by_ending);
}

namespace {

// Counts as accumulators, for SegmentTally::for_each_term. They wrap modulo
// 2^64 when taking back, which is exact.
struct Count {
  std::uint64_t& n;
  void add(bool yes) { n += yes ? 1 : 0; }
  void remove(bool yes) { n -= yes ? 1 : 0; }
};
// One of several counts (by ending, by NPS score); none for a negative index.
struct CountAt {
  std::uint64_t* counts;
  void add(std::int64_t i) {
    if (i >= 0) ++counts[i];
  }
  void remove(std::int64_t i) {
    if (i >= 0) --counts[i];
  }
};

}  // namespace

template <class Apply>
void SegmentTally::for_each_term(const CompiledScenario& scenario, const CustomerRecord& before,
                                 const CustomerRecord& after, const Apply& apply) {
  const auto both = [&](auto&& accumulator, const auto& of_record) {
    apply(accumulator, of_record(before), of_record(after));
  };
  using Whole = std::uint64_t;
  both(Count{customers}, [](const CustomerRecord&) { return std::tuple{true}; });
  both(CountAt{endings.data()}, [](const CustomerRecord& r) { return std::tuple{std::int64_t{r.summary.ending}}; });
  both(Count{converted}, [](const CustomerRecord& r) { return std::tuple{r.summary.converted}; });
  // Who counts (DESIGN section 6): the churn base, and the abandonment base.
  both(Count{churn_base}, [](const CustomerRecord& r) { return std::tuple{r.summary.in_churn_base}; });
  both(Count{churned_of_base}, [&](const CustomerRecord& r) {
    return std::tuple{r.summary.in_churn_base && scenario.ending_churned[r.summary.ending] != 0};
  });
  both(Count{active_of_base}, [&](const CustomerRecord& r) {
    return std::tuple{r.summary.in_churn_base && r.summary.ending == scenario.active_ending};
  });
  both(Count{reached_checkout}, [](const CustomerRecord& r) { return std::tuple{r.summary.reached_checkout}; });
  both(Count{abandoned_after_checkout}, [&](const CustomerRecord& r) {
    return std::tuple{r.summary.reached_checkout && scenario.ending_abandoned[r.summary.ending] != 0};
  });
  both(CountAt{nps_scores.data()},
       [](const CustomerRecord& r) { return std::tuple{std::int64_t{r.summary.nps_score}}; });
  both(csat, [](const CustomerRecord& r) {
    return std::tuple<Whole, Whole>{r.summary.good_ratings, r.summary.ratings};
  });
  both(ces, [](const CustomerRecord& r) { return std::tuple<Whole, Whole>{r.summary.ease, r.summary.ratings}; });
  both(ttr, [](const CustomerRecord& r) {
    return std::tuple{r.summary.support_hours, static_cast<double>(r.summary.support_episodes)};
  });
  both(journey_hours, [](const CustomerRecord& r) { return std::tuple{r.summary.hours}; });
  both(steps, [](const CustomerRecord& r) { return std::tuple{r.summary.steps}; });
  both(cost, [](const CustomerRecord& r) { return std::tuple{r.summary.cost}; });
  both(revenue, [](const CustomerRecord& r) { return std::tuple{r.summary.revenue}; });
  both(wait_hours, [](const CustomerRecord& r) { return std::tuple{r.summary.wait_hours}; });
  both(sentiment_final, [](const CustomerRecord& r) { return std::tuple{r.summary.final_sentiment}; });
  for (std::size_t s = 0; s < stage_sentiment.size(); ++s) {
    both(stage_sentiment[s], [s](const CustomerRecord& r) {
      return std::tuple{r.stage_exits[s].sentiment, static_cast<double>(r.stage_exits[s].count)};
    });
  }
}

void SegmentTally::add(const CompiledScenario& scenario, const CustomerRecord& customer) {
  for_each_term(scenario, customer, customer, [](auto& accumulator, const auto&, const auto& values) {
    std::apply([&](const auto&... v) { accumulator.add(v...); }, values);
  });
  for (double hours : customer.support_episode_hours) ttr_episodes.add(hours);
}

void SegmentTally::remove(const CompiledScenario& scenario, const CustomerRecord& customer) {
  for_each_term(scenario, customer, customer, [](auto& accumulator, const auto& values, const auto&) {
    std::apply([&](const auto&... v) { accumulator.remove(v...); }, values);
  });
  for (double hours : customer.support_episode_hours) ttr_episodes.remove(hours);
}

void SegmentTally::replace(const CompiledScenario& scenario, const CustomerRecord& before,
                           const CustomerRecord& after) {
  for_each_term(scenario, before, after, [](auto& accumulator, const auto& old_values, const auto& new_values) {
    if (old_values == new_values) return;  // taken back and added again exactly: nothing
    std::apply([&](const auto&... v) { accumulator.remove(v...); }, old_values);
    std::apply([&](const auto&... v) { accumulator.add(v...); }, new_values);
  });
  if (!std::equal(before.support_episode_hours.begin(), before.support_episode_hours.end(),
                  after.support_episode_hours.begin(), after.support_episode_hours.end())) {
    for (double hours : before.support_episode_hours) ttr_episodes.remove(hours);
    for (double hours : after.support_episode_hours) ttr_episodes.add(hours);
  }
}

RunTally::RunTally(const CompiledScenario& scenario, bool all_figures_)
    : segments(scenario.journeys.size(), SegmentTally(scenario.ending_count, scenario.stages.size())),
      touchpoints(scenario.node_count),
      transitions(scenario.edge_count),
      stage_reached(scenario.stages.size(), 0),
      stage_reached_after_previous(scenario.stages.size(), 0),
      ended_by_bin(std::isfinite(scenario.horizon_seconds) ? retention_bins : 0, 0),
      paths(scenario.ending_count),
      all_figures(all_figures_) {
  for (TransitionTally& t : transitions) t.by_ending.assign(scenario.ending_count, 0);
}

void RunTally::merge(const RunTally& later) {
  for (std::size_t i = 0; i < segments.size(); ++i) segments[i].merge(later.segments[i]);
  for (std::size_t i = 0; i < touchpoints.size(); ++i) touchpoints[i].merge(later.touchpoints[i]);
  for (std::size_t i = 0; i < transitions.size(); ++i) transitions[i].merge(later.transitions[i]);
  add_counts(stage_reached, later.stage_reached);
  add_counts(stage_reached_after_previous, later.stage_reached_after_previous);
  add_counts(ended_by_bin, later.ended_by_bin);
  untracked_path_customers += later.untracked_path_customers;
  // Paths are tracked in order of first appearance until the cap: a block
  // tracks all of its own, in customer order, and blocks merge in block order,
  // so the tracked paths are the first distinct ones by customer index,
  // whatever the thread count.
  paths.merge(later.paths, max_tracked_paths, untracked_path_customers);
}

TallyObserver::TallyObserver(const CompiledScenario& scenario, RunTally& tally, bool adds_to_segment)
    : scenario_(scenario),
      adds_to_segment_(adds_to_segment),
      tally_(tally),
      node_ratings_(scenario.node_count),
      rated_(scenario.node_count, 0),
      stage_seen_(scenario.stages.size(), 0),
      node_exits_(scenario.node_count),
      left_(scenario.node_count, 0),
      stage_exits_(scenario.stages.size()) {}

void TallyObserver::on_start(const WalkState& state) {
  journey_ = &scenario_.journeys[state.journey];
  ratings_ = 0;
  good_ratings_ = 0;
  ease_ = 0;
  cost_ = 0.0;
  revenue_ = 0.0;
  reached_checkout_ = false;
  converted_ = false;
  wait_hours_ = 0.0;
  leave_sentiment_ = state.sentiment;
  in_support_ = false;
  support_hours_ = 0.0;
  support_episodes_ = 0;
  edges_taken_.clear();
  episode_hours_.clear();
  std::fill(stage_exits_.begin(), stage_exits_.end(), SentimentExits{});
  path_length_ = 0;
  path_hash_ = PathCounts::empty_path_hash;
  last_node_ = no_visit_yet;
}

void TallyObserver::close_support_episode(double at) {
  const double hours = (at - support_since_) / seconds_per_hour_;
  support_hours_ += hours;
  ++support_episodes_;
  in_support_ = false;
  episode_hours_.push_back(hours);
}

void TallyObserver::on_end(const WalkState& state, std::uint32_t ending, int nps_score) {
  const std::size_t segment_index = static_cast<std::size_t>(journey_ - scenario_.journeys.data());
  SegmentTally& segment = tally_.segments[segment_index];
  const CompiledNode& final_node = journey_->nodes[state.node];
  if (final_node.ending != no_ending) {
    cost_ += final_node.cost;
    revenue_ += final_node.revenue;
    reached_checkout_ = reached_checkout_ || final_node.checkout;
    converted_ = converted_ || final_node.converts;
    if (final_node.stage != CompiledScenario::no_stage) stage_seen_[final_node.stage] = 1;
  }
  // A support episode still open at the horizon has no resolution time yet: left out.
  if (in_support_ && ending != scenario_.active_ending) close_support_episode(state.clock);

  const bool in_churn_base = converted_ || !scenario_.has_conversion_point;
  last_ = CustomerSummary{static_cast<std::uint32_t>(segment_index),
                          ending,
                          converted_,
                          in_churn_base,
                          reached_checkout_,
                          nps_score,
                          ratings_,
                          good_ratings_,
                          ease_,
                          support_hours_,
                          support_episodes_,
                          (state.clock - state.started_at) / seconds_per_hour_,
                          state.steps,
                          cost_,
                          revenue_,
                          wait_hours_,
                          state.sentiment};
  if (adds_to_segment_) segment.add(scenario_, last_record());
  if (!tally_.all_figures) {
    std::fill(stage_seen_.begin(), stage_seen_.end(), 0);
    return;
  }
  for (std::size_t i = 0; i < left_count_; ++i) {
    SentimentExits& here = node_exits_[left_[i]];
    tally_.touchpoints[left_[i]].sentiment.add(here.sentiment, here.count);
    here = SentimentExits{};
  }
  left_count_ = 0;

  const bool dropped = ending != scenario_.active_ending && !scenario_.ending_converted[ending];
  // Per touchpoint, CSAT and CES over the customers who rated there.
  for (std::size_t i = 0; i < rated_count_; ++i) {
    const std::uint32_t node = rated_[i];
    TouchpointTally& t = tally_.touchpoints[node];
    Ratings& here = node_ratings_[node];
    t.csat.add(here.good, here.count);
    t.ces.add(here.ease, here.count);
    here = Ratings{};
  }
  rated_count_ = 0;
  if (dropped && last_node_ != no_visit_yet) ++tally_.touchpoints[last_node_].dropoffs;
  for (std::uint32_t transition : edges_taken_) {
    TransitionTally& t = tally_.transitions[transition];
    ++t.traversals;
    ++t.by_ending[ending];
  }
  for (std::size_t s = 0; s < stage_seen_.size(); ++s) {
    tally_.stage_reached[s] += stage_seen_[s];
    if (s > 0) tally_.stage_reached_after_previous[s] += stage_seen_[s] & stage_seen_[s - 1];
  }
  std::fill(stage_seen_.begin(), stage_seen_.end(), 0);
  if (!tally_.ended_by_bin.empty() && ending != scenario_.active_ending) {
    const double fraction = (state.clock - state.started_at) / scenario_.horizon_seconds;
    const auto bins = tally_.ended_by_bin.size();
    ++tally_.ended_by_bin[std::min(bins - 1, static_cast<std::size_t>(fraction * static_cast<double>(bins)))];
  }
  tally_.paths.count({path_.data(), path_length_}, path_hash_, ending);
}

}  // namespace journeysim
