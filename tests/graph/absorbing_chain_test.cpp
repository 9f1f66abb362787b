// Exact analysis against results solved by hand: a gambler's ruin, a chain
// with a loop, removal effects checked by actually removing each touchpoint,
// touch shares, likely walks through a loop, the closed-cycle error, and
// what makes a scenario's chain approximate.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "journeysim/graph/absorbing_chain.hpp"

namespace journeysim {
namespace {

// A journey from touchpoint ids (terminal when an outcome is given) and transitions.
struct Builder {
  Journey journey;
  std::size_t add(const std::string& id, const std::string& outcome = "", double dwell_seconds = 0) {
    Touchpoint t;
    t.id = id;
    t.outcome = outcome;
    t.dwell = Distribution::constant(dwell_seconds);
    journey.touchpoints.push_back(t);
    return journey.touchpoints.size() - 1;
  }
  void link(std::size_t from, std::size_t to, double p) {
    journey.transitions.push_back(Transition{from, to, {p, false}, 0, {}, std::nullopt});
  }
  void enter(std::size_t at, double share = 1.0) { journey.entry.push_back(EntryShare{at, share}); }
};

TEST(AbsorbingChain, GamblersRuin) {
  // 0 (lost) - 1 - 2 - 3 - 4 (converted), fair steps, starting at 2.
  Builder b;
  const auto lost = b.add("zero", "lost");
  const auto s1 = b.add("one", "", 60);
  const auto s2 = b.add("two", "", 60);
  const auto s3 = b.add("three", "", 60);
  const auto won = b.add("four", "converted");
  b.link(s1, lost, 0.5), b.link(s1, s2, 0.5), b.link(s2, s1, 0.5), b.link(s2, s3, 0.5), b.link(s3, s2, 0.5),
      b.link(s3, won, 0.5);
  b.enter(s2);
  const ChainAnalysis a = analyze_journey(b.journey);
  EXPECT_NEAR(a.ending_probability[won], 0.5, 1e-12);
  EXPECT_NEAR(a.ending_probability[lost], 0.5, 1e-12);
  // Fundamental matrix row of state 2: visits 1, 2, 1 to states 1, 2, 3; 4 steps in all.
  EXPECT_NEAR(a.expected_visits[s1], 1.0, 1e-12);
  EXPECT_NEAR(a.expected_visits[s2], 2.0, 1e-12);
  EXPECT_NEAR(a.expected_visits[s3], 1.0, 1e-12);
  EXPECT_NEAR(a.expected_steps, 4.0, 1e-12);
  EXPECT_NEAR(a.expected_seconds, 240.0, 1e-9);
  // Every conversion passes through three; two only on the way from the start.
  EXPECT_NEAR(a.removal_effect[s3], 1.0, 1e-12);
  EXPECT_NEAR(a.removal_effect[s2], 1.0, 1e-12);
  // Through one: P(reach 1 before 4 from 2) = 2/3, P(win from 1) = 1/4, so
  // P(visit 1 and win) / P(win) = (2/3)(1/4) / (1/2) = 1/3.
  EXPECT_NEAR(a.removal_effect[s1], 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(a.first_touch[s2], 1.0, 1e-12);
  EXPECT_NEAR(a.last_touch[s3], 1.0, 1e-12);
  // Touches on winning walks: v_j P(win from j) = 1 (1/4), 2 (1/2), 1 (3/4),
  // 2 in all, shared 1/8, 1/2, 3/8.
  EXPECT_NEAR(a.converting_touches, 2.0, 1e-12);
  EXPECT_NEAR(a.linear_touch[s1], 0.125, 1e-12);
  EXPECT_NEAR(a.linear_touch[s2], 0.5, 1e-12);
  EXPECT_NEAR(a.linear_touch[s3], 0.375, 1e-12);
}

// P(convert) with touchpoint j made a dead, non-converting end: the
// definition of the removal effect, computed the slow way.
double conversion_without(Journey journey, std::size_t removed) {
  journey.touchpoints[removed].outcome = "lost";
  std::vector<Transition> kept;
  for (const Transition& t : journey.transitions) {
    if (t.from != removed) kept.push_back(t);
  }
  journey.transitions = kept;
  return analyze_journey(journey).conversion;
}

TEST(AbsorbingChain, RemovalEffectsMatchRemovingEachTouchpoint) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  constexpr std::size_t transient = 30;
  Builder b;
  for (std::size_t i = 0; i < transient; ++i) b.add("t" + std::to_string(i));
  const auto won = b.add("won", "converted");
  const auto lost = b.add("lost", "lost");
  for (std::size_t i = 0; i < transient; ++i) {
    // Three random successors (loops allowed), and both endings.
    std::vector<double> weights(5);
    for (double& w : weights) w = 0.1 + unit(random);
    double total = 0;
    for (double w : weights) total += w;
    for (int k = 0; k < 3; ++k) b.link(i, random() % transient, weights[k] / total);
    b.link(i, won, weights[3] / total);
    b.link(i, lost, weights[4] / total);
  }
  // Merge duplicate (from, to) pairs so each transition is unique.
  std::map<std::pair<std::size_t, std::size_t>, double> merged;
  for (const Transition& t : b.journey.transitions) merged[{t.from, t.to}] += t.p.value;
  b.journey.transitions.clear();
  for (const auto& [key, p] : merged) b.link(key.first, key.second, p);
  b.enter(0, 0.5), b.enter(1, 0.5);

  const ChainAnalysis a = analyze_journey(b.journey);
  for (std::size_t j = 0; j < transient; ++j) {
    const double slow = 1.0 - conversion_without(b.journey, j) / a.conversion;
    EXPECT_NEAR(a.removal_effect[j], slow, 1e-10) << "t" << j;
  }
}

TEST(AbsorbingChain, LikelyWalksGoRoundLoopsInOrder) {
  Builder b;
  const auto a = b.add("a");
  const auto c = b.add("b");
  const auto end = b.add("end", "converted");
  b.link(a, c, 0.6), b.link(a, end, 0.4), b.link(c, a, 0.5), b.link(c, end, 0.5);
  b.enter(a);
  const LikelyWalks walks = most_likely_walks(b.journey, 4);
  ASSERT_EQ(walks.by_outcome.size(), 1u);
  const auto& list = walks.by_outcome[0].second;
  ASSERT_EQ(list.size(), 4u);
  EXPECT_NEAR(list[0].probability, 0.4, 1e-12);
  EXPECT_EQ(list[0].touchpoints, (std::vector<std::size_t>{a, end}));
  EXPECT_NEAR(list[1].probability, 0.3, 1e-12);
  EXPECT_EQ(list[1].touchpoints, (std::vector<std::size_t>{a, c, end}));
  EXPECT_NEAR(list[2].probability, 0.12, 1e-12);
  EXPECT_NEAR(list[3].probability, 0.09, 1e-12);
  EXPECT_EQ(list[3].touchpoints, (std::vector<std::size_t>{a, c, a, c, end}));
}

TEST(AbsorbingChain, AClosedCycleIsRefused) {
  Builder b;
  const auto a = b.add("a");
  const auto c = b.add("b");
  b.add("end", "lost");
  b.link(a, c, 1.0), b.link(c, a, 1.0);
  b.enter(a);
  EXPECT_THROW(analyze_journey(b.journey), AnalysisError);
}

TEST(AbsorbingChain, SegmentsMixByShare) {
  Scenario structure;
  Builder b;
  const auto a = b.add("a");
  const auto won = b.add("won", "converted");
  const auto lost = b.add("lost", "lost");
  b.link(a, won, 0.2), b.link(a, lost, 0.8);
  b.enter(a);
  structure.touchpoints = b.journey.touchpoints;
  structure.transitions = b.journey.transitions;
  Journey first = b.journey, second = b.journey;
  first.segment_id = "first", first.share = 0.25;
  second.segment_id = "second", second.share = 0.75;
  second.transitions[0].p.value = 0.6, second.transitions[1].p.value = 0.4;
  const ScenarioAnalysis analysis = analyze_scenario(structure, {first, second});
  EXPECT_NEAR(analysis.mixed.ending_probability[won], 0.25 * 0.2 + 0.75 * 0.6, 1e-12);
  ASSERT_EQ(analysis.segments.size(), 2u);
  EXPECT_NEAR(analysis.segments[1].second.ending_probability[won], 0.6, 1e-12);
  EXPECT_FALSE(analysis.approximate);
}

// Linear touch shares are shares of touches: the mixture's own come from
// every segment's converting touches, not from its conversions.
TEST(AbsorbingChain, LinearTouchesMixByConvertingTouches) {
  Scenario structure;
  Builder b;
  const auto a = b.add("a");
  const auto c = b.add("c");
  b.add("won", "converted");
  b.link(a, c, 1.0), b.link(c, 2, 1.0);
  b.enter(a);
  structure.touchpoints = b.journey.touchpoints;
  structure.transitions = b.journey.transitions;
  Journey longer = b.journey, shorter = b.journey;
  longer.segment_id = "longer", longer.share = 0.5;  // a > c > won: two touches
  shorter.segment_id = "shorter", shorter.share = 0.5;
  shorter.entry = {EntryShare{c, 1.0}};  // c > won: one touch
  const ScenarioAnalysis analysis = analyze_scenario(structure, {longer, shorter});
  EXPECT_NEAR(analysis.segments[0].second.linear_touch[a], 0.5, 1e-12);
  EXPECT_NEAR(analysis.segments[1].second.linear_touch[c], 1.0, 1e-12);
  // 1.5 touches per customer, 0.5 of them at a.
  EXPECT_NEAR(analysis.mixed.converting_touches, 1.5, 1e-12);
  EXPECT_NEAR(analysis.mixed.linear_touch[a], 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(analysis.mixed.linear_touch[c], 2.0 / 3.0, 1e-12);
}

TEST(AbsorbingChain, NamesEachWeightedTransitionOnceAcrossSegments) {
  // a->won weighted in one segment, a->lost in both; a weight on a transition
  // of no probability (a what-if's removal) changes nothing and is not named.
  Scenario structure;
  Builder b;
  const auto a = b.add("a");
  const auto won = b.add("won", "converted");
  const auto lost = b.add("lost", "lost");
  const auto gone = b.add("gone", "lost");
  b.link(a, won, 0.2), b.link(a, lost, 0.8), b.link(a, gone, 0.0);
  b.enter(a);
  structure.touchpoints = b.journey.touchpoints;
  structure.transitions = b.journey.transitions;
  Journey first = b.journey, second = b.journey;
  first.segment_id = "first", first.share = 0.5;
  second.segment_id = "second", second.share = 0.5;
  first.transitions[0].sentiment_weight = 1.0;
  first.transitions[1].sentiment_weight = -1.0, second.transitions[1].sentiment_weight = -2.0;
  first.transitions[2].sentiment_weight = second.transitions[2].sentiment_weight = 3.0;
  const ScenarioAnalysis weighted = analyze_scenario(structure, {first, second});
  EXPECT_TRUE(weighted.approximate);
  EXPECT_EQ(weighted.weighted_transitions, (std::vector<std::size_t>{0, 1}));

  const ScenarioAnalysis plain = analyze_scenario(structure, {b.journey});
  EXPECT_FALSE(plain.approximate);
  EXPECT_TRUE(plain.weighted_transitions.empty());
  structure.horizon = 86400.0;  // a horizon alone makes it approximate, with no transition to name
  const ScenarioAnalysis horizon = analyze_scenario(structure, {b.journey});
  EXPECT_TRUE(horizon.approximate);
  EXPECT_TRUE(horizon.weighted_transitions.empty());
}

}  // namespace
}  // namespace journeysim
