// The round trip of DESIGN section 13: simulate every shipped scenario, write
// its customers as an event log (run --events), mine the log, and recover
// every segment's transition probabilities within their intervals and every
// dwell median within 5%.
//
// In the queue model (support_queues.json) the log is one replication's
// customers, arriving over the horizon. A touchpoint with agents is where
// customers wait, give up, balk or find it closed as well as being served, so
// its mined dwell includes the wait and its moves mix the served customers'
// choices with the routes of those not served: for those the test checks
// only that every mined move goes where the scenario can send a customer.
//
// Sentiment weights are set to 0 first: with them the next touchpoint depends
// on the customer's mood, which no event log records, so the counts measure
// the mood-averaged split and not the neutral `p` (docs/mining.md). Without
// them each segment's journey is the Markov chain mining estimates.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/scenario_writer.hpp"
#include "journeysim/mine/event_log.hpp"
#include "journeysim/sim/compiled_scenario.hpp"
#include "journeysim/sim/simulate.hpp"

namespace journeysim::mine {
namespace {

namespace fs = std::filesystem;

// 10^6 customers in an optimised build; the sanitizers' build runs 10x fewer,
// and every tolerance below is in standard errors of what it was mined from.
#if defined(JOURNEYSIM_SANITIZED_BUILD) || !defined(NDEBUG)
constexpr std::uint64_t customers = 100'000;
#else
constexpr std::uint64_t customers = 1'000'000;
#endif
constexpr double z = 4.0;  // about 300 intervals per scenario: each misses with probability 6e-5

Scenario without_sentiment_weights(Scenario s) {
  for (Transition& t : s.transitions) t.sentiment_weight = 0.0;
  for (Segment& g : s.segments) {
    for (TransitionOverride& o : g.transitions) o.sentiment_weight.reset();
  }
  return s;
}

struct Mined {
  MineResult result;
  std::map<std::string, std::uint32_t> chain_index;  // label -> index in result.chain
};

Mined simulate_and_mine(const Scenario& truth) {
  EventLogOptions options;
  options.source = truth.name + " (simulated)";
  if (truth.horizon) options.active_within = *truth.horizon;  // every journey without an ending ran into the horizon
  EventLogMiner miner(options);
  RunOptions run;
  run.customers = customers;
  run.seed = 7;
  simulate_report_with_events(truth, run, 1'735'689'600.0 /* 2025-01-01 */,
                              [&](std::string_view bytes) { miner.feed(bytes); });
  Mined mined{miner.finish(), {}};
  for (std::uint32_t i = 0; i < mined.result.chain.touchpoints.size(); ++i) {
    mined.chain_index[mined.result.chain.touchpoints[i].label] = i;
  }
  return mined;
}

class RoundTrip : public testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, RecoversTransitionsAndDwell) {
  const fs::path path = fs::path(JOURNEYSIM_SOURCE_DIR) / "scenarios" / GetParam();
  const LoadResult loaded = load_scenario_file(path.string());
  ASSERT_TRUE(loaded.ok());
  const Scenario truth = without_sentiment_weights(*loaded.scenario);
  const Mined mined = simulate_and_mine(truth);
  const MineResult& result = mined.result;
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.summary.bad_rows, 0u);
  const Scenario& learnt = *result.scenario;
  ASSERT_EQ(learnt.segments.size(), truth.segments.size());

  const std::vector<Journey> true_journeys = resolve_journeys(truth);
  const std::vector<Journey> learnt_journeys = resolve_journeys(learnt);
  const CompiledScenario true_compiled = compile(truth);
  const CompiledScenario learnt_compiled = compile(learnt);
  std::size_t transitions_checked = 0, dwells_checked = 0, queue_moves_checked = 0;
  for (std::size_t j = 0; j < true_journeys.size(); ++j) {
    const Journey& want = true_journeys[j];
    SCOPED_TRACE("segment " + want.segment_id);
    // The learnt segment of the same id.
    std::size_t k = 0;
    while (k < learnt_journeys.size() && learnt_journeys[k].segment_id != want.segment_id) ++k;
    ASSERT_LT(k, learnt_journeys.size());
    const Journey& got = learnt_journeys[k];
    const MinedSegment* counts = nullptr;
    for (const MinedSegment& g : result.chain.segments) {
      if (g.label == want.segment_id) counts = &g;
    }
    ASSERT_TRUE(truth.segments.empty() || counts);
    const Moves& moves = counts ? counts->moves : result.chain.moves;

    // Transitions: the learnt p within z standard errors of the true one,
    // the standard error that of a share of the segment's moves out of `from`.
    for (const Transition& t : want.transitions) {
      if (truth.touchpoints[t.from].capacity) continue;  // below
      const std::string& from = truth.touchpoints[t.from].id;
      const std::string& to = truth.touchpoints[t.to].id;
      const auto from_index = mined.chain_index.find(from);
      if (from_index == mined.chain_index.end()) continue;  // never visited
      std::uint64_t n = 0;
      for (const auto& [move, count] : moves) {
        if (move.first == from_index->second) n += count;
      }
      if (n == 0) continue;
      const auto learnt_from = learnt.find_touchpoint(from), learnt_to = learnt.find_touchpoint(to);
      double p = 0.0;
      if (learnt_from && learnt_to) {
        if (const auto i = learnt.find_transition(*learnt_from, *learnt_to)) p = got.transitions[*i].p.value;
      }
      const double se = std::sqrt(t.p.value * (1 - t.p.value) / static_cast<double>(n));
      EXPECT_NEAR(p, t.p.value, z * se + 1.0 / static_cast<double>(n)) << from << "->" << to << " of " << n;
      ++transitions_checked;
    }
    // A queue's moves: to its transitions' targets, or where those not served go.
    for (const auto& [move, count] : moves) {
      const std::string& from = result.chain.touchpoints[move.first].label;
      const auto from_index = truth.find_touchpoint(from);
      ASSERT_TRUE(from_index) << from;
      const Touchpoint& queue = truth.touchpoints[*from_index];
      if (!queue.capacity) continue;
      const std::string& to = result.chain.touchpoints[move.second].label;
      const auto to_index = truth.find_touchpoint(to);
      ASSERT_TRUE(to_index) << to;
      const Capacity& c = *queue.capacity;
      const bool routed = to == c.on_renege || to == c.on_balk || to == c.on_closed ||
                          truth.find_transition(*from_index, *to_index).has_value();
      EXPECT_TRUE(routed) << count << " moves from " << from << " to " << to;
      ++queue_moves_checked;
    }
    // Dwell: the learnt median within 5% (or z standard errors of a median
    // where the sample is small); where the true dwell has steps (empirical),
    // the median may sit at either side of a step, so it is bracketed.
    for (std::size_t i = 0; i < want.touchpoints.size(); ++i) {
      const Touchpoint& tp = want.touchpoints[i];
      if (tp.terminal() || tp.capacity) continue;
      const auto chain = mined.chain_index.find(tp.id);
      if (chain == mined.chain_index.end()) continue;
      std::uint64_t n = result.chain.touchpoints[chain->second].dwell.count();
      if (counts) {
        const auto dwell = counts->dwell.find(chain->second);
        n = dwell == counts->dwell.end() ? 0 : dwell->second.count();
      }
      if (n < 1000) continue;
      const auto learnt_index = learnt.find_touchpoint(tp.id);
      ASSERT_TRUE(learnt_index);
      const Sampler& want_dwell = true_compiled.journeys[j].nodes[i].dwell;
      const Sampler& got_dwell = learnt_compiled.journeys[k].nodes[*learnt_index].dwell;
      const double median = want_dwell(0.5);
      const double sigma = median > 0 ? std::log(want_dwell(0.9) / median) / z_90 : 0.0;
      const double tolerance = std::max(0.05, z * 1.2533 * sigma / std::sqrt(static_cast<double>(n)));
      if (median == 0.0) {  // no dwell: the next event at the same millisecond
        EXPECT_LE(got_dwell(0.5), 0.001) << tp.id;
      } else if (tp.dwell.kind == DistributionKind::empirical) {
        const double step = z * 0.5 / std::sqrt(static_cast<double>(n));
        EXPECT_LE(got_dwell(0.5), want_dwell(0.5 + step) * (1 + tolerance)) << tp.id;
        EXPECT_GE(got_dwell(0.5), want_dwell(0.5 - step) * (1 - tolerance)) << tp.id;
      } else {
        EXPECT_NEAR(got_dwell(0.5) / median, 1.0, tolerance) << tp.id << " from " << n << " visits";
      }
      ++dwells_checked;
    }
  }
  EXPECT_GT(transitions_checked + queue_moves_checked, truth.transitions.size());
  if (truth.has_queues()) {
    EXPECT_GT(queue_moves_checked, 0u);
  }
  EXPECT_GT(dwells_checked, truth.touchpoints.size() / 2);
  // The learnt file is a scenario people can load.
  EXPECT_TRUE(load_scenario_text(render_json(to_json(learnt))).ok());
}

INSTANTIATE_TEST_SUITE_P(ShippedScenarios, RoundTrip,
                         testing::Values("online_store.json", "saas_subscription.json", "contact_centre.json",
                                         "support_queues.json"),
                         [](const auto& info) { return fs::path(info.param).stem().string(); });

}  // namespace
}  // namespace journeysim::mine
