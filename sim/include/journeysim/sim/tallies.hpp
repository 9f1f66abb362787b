// Tallies: what a block of customers adds up to, in fixed-size mergeable
// accumulators (memory does not grow with the number of customers), and the
// observer that feeds them from customer walks. Blocks are merged in block
// order, which makes the totals identical for any number of threads.
// Turning tallies into KPIs happens in one place only: report.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "journeysim/sim/compiled_scenario.hpp"
#include "journeysim/sim/customer_walk.hpp"
#include "journeysim/sim/path_counts.hpp"
#include "journeysim/sim/statistics.hpp"

namespace journeysim {

struct CustomerRecord;

// One segment's customers.
struct SegmentTally {
  std::uint64_t customers = 0;
  std::vector<std::uint64_t> endings;  // customers per ending (terminal touchpoint, active, unfinished)
  // Who counts (DESIGN section 6): converters, and the churn and retention
  // base (the converters, or everyone without a conversion point).
  std::uint64_t converted = 0;
  std::uint64_t churn_base = 0;
  std::uint64_t churned_of_base = 0;
  std::uint64_t active_of_base = 0;
  std::uint64_t reached_checkout = 0;
  std::uint64_t abandoned_after_checkout = 0;
  std::array<std::uint64_t, 11> nps_scores{};  // asked customers by score
  CountRatio csat;                             // per customer: ratings of 4-5, ratings
  CountRatio ces;                              // per customer: sum of ease, ratings
  RatioAccumulator ttr;                        // per customer: hours in support episodes, episodes
  LogHistogram ttr_episodes;                   // hours, per episode
  RunningMoments journey_hours;
  CountMoments steps;
  RunningMoments cost;
  RunningMoments revenue;
  RunningMoments wait_hours;
  RunningMoments sentiment_final;
  // The emotion curve by stage: per customer, sentiment summed over their
  // exits from the stage, and the number of exits (a ratio estimator).
  std::vector<RatioAccumulator> stage_sentiment;

  explicit SegmentTally(std::size_t ending_count = 0, std::size_t stage_count = 0)
      : endings(ending_count, 0), stage_sentiment(stage_count) {}
  void merge(const SegmentTally& other);
  // What one customer adds (the one place their figures enter a segment), and
  // taking it back exactly: a what-if swaps a re-walked customer's baseline
  // figures for the variant's this way.
  void add(const CompiledScenario& scenario, const CustomerRecord& customer);
  void remove(const CompiledScenario& scenario, const CustomerRecord& customer);
  // remove(before) then add(after), touching only what differs.
  void replace(const CompiledScenario& scenario, const CustomerRecord& before, const CustomerRecord& after);

 private:
  // Each accumulator with what a customer gives it, before and after:
  // apply(accumulator, values of `before`, values of `after`), as tuples.
  template <class Apply>
  void for_each_term(const CompiledScenario& scenario, const CustomerRecord& before, const CustomerRecord& after,
                     const Apply& apply);
};

struct TouchpointTally {
  std::uint64_t visits = 0;
  std::uint64_t visitors = 0;
  std::uint64_t dropoffs = 0;  // visitors whose last touchpoint this was, ending other than converted
  CountRatio csat;             // over customers who rated here
  CountRatio ces;
  RatioAccumulator sentiment;  // per visitor: sentiment on leaving, summed over visits; visits left
  void merge(const TouchpointTally& other);
};

struct TransitionTally {
  std::uint64_t traversals = 0;
  std::vector<std::uint64_t> by_ending;  // traversals by the traveller's eventual ending
  void merge(const TransitionTally& other);
};

struct RunTally {
  std::vector<SegmentTally> segments;  // per compiled journey
  std::vector<TouchpointTally> touchpoints;
  std::vector<TransitionTally> transitions;                 // per scenario transition
  std::vector<std::uint64_t> stage_reached;                 // customers reaching each stage
  std::vector<std::uint64_t> stage_reached_after_previous;  // ... who also reached the stage before it
  std::vector<std::uint64_t> ended_by_bin;                  // with a horizon: customers ending in each time bin
  // Customers per path (the non-terminal touchpoints visited, consecutive
  // repeats collapsed) and per ending, for the first max_tracked_paths distinct paths.
  PathCounts paths;
  std::uint64_t untracked_path_customers = 0;  // customers whose path arrived after the cap

  static constexpr std::size_t retention_bins = 24;
  static constexpr std::size_t max_tracked_paths = 20'000;

  // Off where only the KPIs matter (sweep, sensitivity, a queue's warm-up):
  // then only the segments are tallied, and the touchpoints, transitions,
  // stages and paths stay empty (their figures mean nothing).
  bool all_figures = true;

  RunTally() = default;  // empty: for a result not run yet
  explicit RunTally(const CompiledScenario& scenario, bool all_figures = true);
  // Adds `later`, which must hold the customers after this one's.
  void merge(const RunTally& later);
};

// One customer's figures, as the last walk left them (compare pairs these).
struct CustomerSummary {
  std::uint32_t journey = 0;
  std::uint32_t ending = 0;
  bool converted = false;
  bool in_churn_base = false;  // converted, or anyone without a conversion point
  bool reached_checkout = false;
  int nps_score = -1;  // -1: not asked
  std::uint32_t ratings = 0;
  std::uint32_t good_ratings = 0;
  std::uint32_t ease = 0;
  double support_hours = 0.0;
  std::uint32_t support_episodes = 0;
  double hours = 0.0;
  std::uint64_t steps = 0;
  double cost = 0.0;
  double revenue = 0.0;
  double wait_hours = 0.0;
  double final_sentiment = 0.0;

  bool operator==(const CustomerSummary&) const = default;
};

// Sentiment on leaving a touchpoint or stage, summed over a customer's exits, and the exits.
struct SentimentExits {
  double sentiment = 0.0;
  std::uint32_t count = 0;

  bool operator==(const SentimentExits&) const = default;
};

// Everything one customer adds to their segment's tally: the summary, each
// support episode's hours, and their exits from each stage.
struct CustomerRecord {
  const CustomerSummary& summary;
  std::span<const double> support_episode_hours;
  std::span<const SentimentExits> stage_exits;  // per stage

  // The same figures: adding either adds the same to a segment.
  bool same_as(const CustomerRecord& other) const {
    return summary == other.summary &&
           std::equal(support_episode_hours.begin(), support_episode_hours.end(), other.support_episode_hours.begin(),
                      other.support_episode_hours.end()) &&
           std::equal(stage_exits.begin(), stage_exits.end(), other.stage_exits.begin(), other.stage_exits.end());
  }
};

// Feeds one customer's walk into a RunTally. What happens at a visit is
// folded in at once where it is a plain count (visits, visitors); what needs
// the customer's totals (ratios, means, endings, paths) waits for on_end. The
// per-visit hooks are inline: the walk calls them at every step.
class TallyObserver {
 public:
  // Without `adds_to_segment`, a customer's record is left for the caller to
  // add (SegmentTally::add of last_record()).
  TallyObserver(const CompiledScenario& scenario, RunTally& tally, bool adds_to_segment = true);

  void on_start(const WalkState& state);
  void on_visit(const WalkState& state, std::uint32_t node, double entered_at, double dwell);
  void on_rating(std::uint32_t node, int csat_rating, int ease);
  void on_move(std::uint32_t edge, std::uint32_t from, std::uint32_t to);
  void on_end(const WalkState& state, std::uint32_t ending, int nps_score);
  // The queue model: `seconds` waited for an agent (before on_visit of that touchpoint).
  void on_wait(double seconds) { wait_hours_ += seconds / 3600.0; }

  const CustomerSummary& last_customer() const { return last_; }
  // The last customer's whole record (valid until the next walk).
  CustomerRecord last_record() const { return {last_, episode_hours_, stage_exits_}; }

 private:
  // One customer's ratings at one touchpoint.
  struct Ratings {
    std::uint32_t count = 0;
    std::uint32_t good = 0;  // 4 or 5
    std::uint32_t ease = 0;  // summed
  };
  static constexpr std::uint32_t no_visit_yet = 0xFFFFFFFFu;

  CustomerSummary last_;
  const CompiledScenario& scenario_;
  bool adds_to_segment_;
  RunTally& tally_;
  // The current customer.
  const CompiledJourney* journey_ = nullptr;
  std::uint32_t ratings_ = 0;
  std::uint32_t good_ratings_ = 0;
  std::uint32_t ease_ = 0;
  double cost_ = 0.0;
  double revenue_ = 0.0;
  bool reached_checkout_ = false;
  bool converted_ = false;
  double wait_hours_ = 0.0;
  double leave_sentiment_ = 0.0;  // sentiment after the touchpoint last visited
  bool in_support_ = false;
  double support_since_ = 0.0;
  double support_hours_ = 0.0;
  std::uint32_t support_episodes_ = 0;
  std::uint32_t last_node_ = no_visit_yet;  // the touchpoint last visited
  double leave_time_ = 0.0;                 // when the customer leaves the touchpoint last visited
  std::vector<std::uint32_t> edges_taken_;  // scenario transition indices, in order
  std::vector<std::uint32_t> path_;         // the customer's path so far: its first path_length_ entries
  std::size_t path_length_ = 0;
  std::uint64_t path_hash_ = PathCounts::empty_path_hash;
  std::vector<Ratings> node_ratings_;  // per touchpoint; zero except at rated_
  std::vector<std::uint32_t> rated_;   // touchpoints rated, each once: the first rated_count_
  std::size_t rated_count_ = 0;
  std::vector<std::uint8_t> stage_seen_;
  // Sentiment on leaving: per touchpoint (zero except at left_) and per stage.
  std::vector<SentimentExits> node_exits_;
  std::vector<std::uint32_t> left_;  // touchpoints left, each once: the first left_count_
  std::size_t left_count_ = 0;
  std::vector<SentimentExits> stage_exits_;
  std::vector<double> episode_hours_;  // the customer's closed support episodes

  void close_support_episode(double at);
};

inline void TallyObserver::on_visit(const WalkState& state, std::uint32_t node, double entered_at, double dwell) {
  const CompiledNode& n = journey_->nodes[node];
  if (tally_.all_figures) {
    TouchpointTally& t = tally_.touchpoints[node];
    // Branch-free where the outcome is a coin toss for the predictor: whether
    // this is the first visit here, whether it repeats the last touchpoint.
    ++t.visits;
    t.visitors += state.visit == 0 ? 1 : 0;
    // A new touchpoint extends the path; a repeat of the last one does not.
    if (path_length_ == path_.size()) path_.resize(2 * path_length_ + 16);
    const bool extends = last_node_ != node;
    path_[path_length_] = node;
    path_length_ += extends ? 1 : 0;
    const std::uint64_t extended = PathCounts::extend_hash(path_hash_, node);
    path_hash_ = extends ? extended : path_hash_;
  }
  cost_ += n.cost;
  revenue_ += n.revenue;
  reached_checkout_ |= n.checkout;
  converted_ |= n.converts;
  wait_hours_ += n.wait ? dwell / 3600.0 : 0.0;
  leave_sentiment_ = state.sentiment;
  if (n.stage != CompiledScenario::no_stage) stage_seen_[n.stage] = 1;
  if (n.support_stage && !in_support_) {
    in_support_ = true;
    support_since_ = entered_at;
  }
  last_node_ = node;
  leave_time_ = state.clock;
}

inline void TallyObserver::on_rating(std::uint32_t node, int csat_rating, int ease) {
  const std::uint32_t good = csat_rating >= 4 ? 1 : 0;
  const auto points = static_cast<std::uint32_t>(ease);
  ++ratings_;
  good_ratings_ += good;
  ease_ += points;
  if (!tally_.all_figures) return;
  Ratings& here = node_ratings_[node];
  rated_[rated_count_] = node;  // kept on the first rating here only (each touchpoint once: node_count slots)
  rated_count_ += here.count == 0 ? 1 : 0;
  ++here.count;
  here.good += good;
  here.ease += points;
}

inline void TallyObserver::on_move(std::uint32_t edge, std::uint32_t from, std::uint32_t to) {
  if (tally_.all_figures) {
    if (edge != no_edge) edges_taken_.push_back(journey_->edge_transition[edge]);
    SentimentExits& here = node_exits_[from];
    left_[left_count_] = from;  // kept on the first exit only (each touchpoint once: node_count slots)
    left_count_ += here.count == 0 ? 1 : 0;
    here.sentiment += leave_sentiment_;
    ++here.count;
  }
  const std::uint32_t stage = journey_->nodes[from].stage;
  if (stage != CompiledScenario::no_stage && stage != journey_->nodes[to].stage) {
    stage_exits_[stage].sentiment += leave_sentiment_;
    ++stage_exits_[stage].count;
  }
  if (in_support_ && !journey_->nodes[to].support_stage) close_support_episode(leave_time_);
}

}  // namespace journeysim
