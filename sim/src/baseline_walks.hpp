// What a comparison keeps of one block's baseline walks so that a variant can
// re-walk only the customers its change reaches, and those only from where
// it first reaches them (issue 15; DESIGN section 5).
//
// Every draw is keyed by (customer, touchpoint, visit, purpose), so a
// variant's walk of a customer is the baseline's, draw for draw, up to the
// first move into a touchpoint the variant changes. The baseline walk
// records, per customer, which touchpoints it reached (a bit each), its
// segment record (what it added to its segment's tally), and its trace: each
// visit's figures and the move that followed. A variant then skips an
// untouched customer altogether (their figures are the baseline's, taken as
// they are), and for a touched one replays the trace into its own observer
// up to that first move and walks live from there. The observer sees the
// same calls with the same arguments as in a whole walk, so every figure is
// bitwise the same (tests/sim/divergence_test.cpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "journeysim/sim/compiled_scenario.hpp"
#include "journeysim/sim/customer_walk.hpp"
#include "journeysim/sim/tallies.hpp"

namespace journeysim::detail {

// The touchpoints a variant changes (sim/divergence.hpp), and the words of a
// customer's touched bits they fall in.
class ChangedMask {
 public:
  explicit ChangedMask(std::vector<std::uint8_t> changed) : changed_(std::move(changed)) {
    for (std::size_t node = 0; node < changed_.size(); ++node) {
      if (!changed_[node]) continue;
      const auto word = static_cast<std::uint32_t>(node / 64);
      if (words_.empty() || words_.back().first != word) words_.emplace_back(word, 0);
      words_.back().second |= std::uint64_t{1} << (node % 64);
    }
  }
  bool touches(const std::uint64_t* touched) const {
    std::uint64_t any = 0;
    for (const auto& [word, bits] : words_) any |= touched[word] & bits;
    return any != 0;
  }
  bool changed(std::uint32_t node) const { return changed_[node] != 0; }

 private:
  std::vector<std::uint8_t> changed_;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> words_;  // (word index, bits)
};

// One visit of a baseline walk, as the observer saw it, and the move after it.
struct TraceStep {
  std::uint32_t node = 0;
  std::uint32_t visit = 0;  // earlier visits to the node
  double entered_at = 0.0;
  double dwell = 0.0;
  double sentiment = 0.0;  // after the visit
  double clock = 0.0;      // after the visit
  std::int8_t csat = 0;    // 0: not rated
  std::int8_t ease = 0;
  std::uint32_t edge = no_edge;
  std::uint32_t to = no_edge;  // no_edge: the walk ended during this visit (at the horizon)
};

class BaselineWalks {
 public:
  // Without `keep_traces`, only the customers' summaries (every variant walks everyone).
  BaselineWalks(const CompiledScenario& base, std::size_t customers, bool keep_traces)
      : words_(keep_traces ? (base.node_count + 63) / 64 : 0),
        stages_(base.stages.size()),
        keep_traces_(keep_traces),
        summaries_(customers),
        touched_(customers * words_, 0) {
    if (keep_traces) {
      stage_exits_.resize(customers * stages_);
      episode_begin_.assign(customers + 1, 0);
      step_begin_.assign(customers + 1, 0);
    }
  }

  bool keeps_traces() const { return keep_traces_; }
  const std::uint64_t* touched(std::size_t customer) const { return touched_.data() + customer * words_; }

  // The baseline's observer, noting what the walk reaches and its trace for `customer`.
  template <class Tally>
  class Recorder {
   public:
    Recorder(Tally& tally, BaselineWalks& walks, std::size_t customer)
        : tally_(tally), walks_(walks), touched_(walks.touched_.data() + customer * walks.words_) {}
    void on_start(const WalkState& state) { tally_.on_start(state); }
    void on_visit(const WalkState& state, std::uint32_t node, double entered_at, double dwell) {
      mark(node);
      walks_.steps_.push_back(TraceStep{node, state.visit, entered_at, dwell, state.sentiment, state.clock});
      tally_.on_visit(state, node, entered_at, dwell);
    }
    void on_rating(std::uint32_t node, int csat, int ease) {
      walks_.steps_.back().csat = static_cast<std::int8_t>(csat);
      walks_.steps_.back().ease = static_cast<std::int8_t>(ease);
      tally_.on_rating(node, csat, ease);
    }
    void on_move(std::uint32_t edge, std::uint32_t from, std::uint32_t to) {
      mark(to);  // an ending is reached by a move, never visited
      walks_.steps_.back().edge = edge;
      walks_.steps_.back().to = to;
      tally_.on_move(edge, from, to);
    }
    void on_end(const WalkState& state, std::uint32_t ending, int nps) { tally_.on_end(state, ending, nps); }

   private:
    void mark(std::uint32_t node) { touched_[node / 64] |= std::uint64_t{1} << (node % 64); }
    Tally& tally_;
    BaselineWalks& walks_;
    std::uint64_t* touched_;
  };

  // After customer's walk: what their observer added up.
  void keep(std::size_t customer, const TallyObserver& observer) {
    const CustomerRecord record = observer.last_record();
    summaries_[customer] = record.summary;
    if (!keep_traces_) return;
    std::copy(record.stage_exits.begin(), record.stage_exits.end(), stage_exits_.begin() + customer * stages_);
    episode_hours_.insert(episode_hours_.end(), record.support_episode_hours.begin(),
                          record.support_episode_hours.end());
    episode_begin_[customer + 1] = episode_hours_.size();
    step_begin_[customer + 1] = steps_.size();
  }

  const CustomerSummary& summary(std::size_t customer) const { return summaries_[customer]; }
  CustomerRecord record(std::size_t customer) const {
    return {summaries_[customer],
            std::span(episode_hours_)
                .subspan(episode_begin_[customer], episode_begin_[customer + 1] - episode_begin_[customer]),
            std::span(stage_exits_).subspan(customer * stages_, stages_)};
  }
  std::span<const TraceStep> trace(std::size_t customer) const {
    return std::span(steps_).subspan(step_begin_[customer], step_begin_[customer + 1] - step_begin_[customer]);
  }

 private:
  std::size_t words_;
  std::size_t stages_;
  bool keep_traces_;
  std::vector<CustomerSummary> summaries_;
  std::vector<std::uint64_t> touched_;
  std::vector<SentimentExits> stage_exits_;
  std::vector<double> episode_hours_;
  std::vector<std::size_t> episode_begin_;
  std::vector<TraceStep> steps_;
  std::vector<std::size_t> step_begin_;
};

// Walks `customer` through the variant `scenario`, whose changed touchpoints
// the baseline walk `trace` reached: the trace replayed into `observer` up to
// the first move into a changed touchpoint, then the walk live from there,
// exactly as walk_customer would have gone.
template <class Observer>
void rewalk_from_divergence(const CompiledScenario& scenario, std::uint64_t seed, std::uint64_t customer,
                            std::span<const TraceStep> trace, const ChangedMask& changed, WalkScratch& scratch,
                            Observer& observer) {
  WalkState state = start_walk(scenario, seed, customer, observer);
  std::size_t replayed = 0;
  if (!changed.changed(state.node)) {
    // The trace's first move into a changed touchpoint (there is one: the customer touched one).
    while (replayed < trace.size() && (trace[replayed].to == no_edge || !changed.changed(trace[replayed].to)))
      ++replayed;
    if (replayed < trace.size())
      ++replayed;  // that move too: it was chosen at an unchanged touchpoint
    else
      replayed = 0;  // (not found: walk it all)
  }
  for (std::size_t k = 0; k < replayed; ++k) {
    const TraceStep& step = trace[k];
    state.node = step.node;
    state.visit = scratch.next_visit(step.node);
    state.clock = step.clock;
    state.sentiment = step.sentiment;
    observer.on_visit(state, step.node, step.entered_at, step.dwell);
    if (step.csat != 0) observer.on_rating(step.node, step.csat, step.ease);
    state.node = step.to;
    ++state.steps;
    observer.on_move(step.edge, step.node, step.to);
  }
  // As serve() ends a move: out of steps short of an ending.
  if (replayed > 0 && state.steps >= scenario.max_steps &&
      scenario.journeys[state.journey].nodes[state.node].ending == no_ending) {
    walk_detail::finish(scenario, state, scenario.unfinished_ending, observer);
  }
  while (!state.finished) step(scenario, state, scratch, observer);
  scratch.reset();
}

}  // namespace journeysim::detail
