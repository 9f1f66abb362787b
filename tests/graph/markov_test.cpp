// Tests the exact analysis (markov.hpp) and the most likely paths
// (likely_paths.hpp): textbook absorbing chains solved by hand, removal
// effects by hand and by brute force (removing each touchpoint and solving
// again), the fundamental matrix's diagonal against a dense inverse,
// first/last touch, likely walks through a loop against an enumeration, the
// closed-cycle error and the mixing of segments.
#include "journeysim/graph/markov.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "journeysim/graph/likely_paths.hpp"

namespace journeysim {
namespace {

// A journey written by touchpoint id.
class Builder {
 public:
  Builder& touchpoint(const std::string& id, const std::string& channel = "", double dwell_seconds = 0.0) {
    Touchpoint t;
    t.id = id;
    t.channel = channel;
    t.dwell = Distribution::constant(dwell_seconds);
    journey_.touchpoints.push_back(t);
    return *this;
  }
  Builder& terminal(const std::string& id, const std::string& outcome) {
    Touchpoint t;
    t.id = id;
    t.outcome = outcome;
    journey_.touchpoints.push_back(t);
    return *this;
  }
  Builder& edge(const std::string& from, const std::string& to, double p, double sentiment_weight = 0.0) {
    Transition t;
    t.from = at(from);
    t.to = at(to);
    t.p = Probability{p, false};
    t.sentiment_weight = sentiment_weight;
    journey_.transitions.push_back(t);
    return *this;
  }
  Builder& entry(const std::string& id, double share) {
    journey_.entry.push_back(EntryShare{at(id), share});
    return *this;
  }
  Builder& segment(const std::string& id, double share) {
    journey_.segment_id = id;
    journey_.share = share;
    return *this;
  }
  std::size_t at(const std::string& id) const {
    for (std::size_t i = 0; i < journey_.touchpoints.size(); ++i) {
      if (journey_.touchpoints[i].id == id) return i;
    }
    ADD_FAILURE() << "no touchpoint " << id;
    return 0;
  }
  const Journey& journey() const { return journey_; }

 private:
  Journey journey_;
};

Scenario structure_of(const Journey& journey) {
  Scenario s;
  s.touchpoints = journey.touchpoints;
  s.transitions = journey.transitions;
  s.entry = journey.entry;
  return s;
}

double goal_probability(const ChainFigures& f, const Journey& journey, const std::string& goal = "converted") {
  double p = 0.0;
  for (std::size_t i = 0; i < journey.touchpoints.size(); ++i) {
    if (journey.touchpoints[i].outcome == goal) p += f.outcome_probability[i];
  }
  return p;
}

// Dense Gauss-Jordan inverse with partial pivoting: the reference the sparse
// solutions are checked against.
std::vector<std::vector<double>> dense_inverse(std::vector<std::vector<double>> a) {
  const std::size_t n = a.size();
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1.0;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r) {
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    }
    std::swap(a[c], a[pivot]);
    std::swap(inv[c], inv[pivot]);
    const double d = a[c][c];
    for (std::size_t k = 0; k < n; ++k) {
      a[c][k] /= d;
      inv[c][k] /= d;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c || a[r][c] == 0.0) continue;
      const double f = a[r][c];
      for (std::size_t k = 0; k < n; ++k) {
        a[r][k] -= f * a[c][k];
        inv[r][k] -= f * inv[c][k];
      }
    }
  }
  return inv;
}

// N = (I - Q)^-1 over every non-terminal touchpoint (all reachable in the journeys used here).
std::vector<std::vector<double>> dense_fundamental(const Journey& journey, std::vector<std::size_t>& transient) {
  transient.clear();
  std::vector<std::ptrdiff_t> index(journey.touchpoints.size(), -1);
  for (std::size_t i = 0; i < journey.touchpoints.size(); ++i) {
    if (journey.touchpoints[i].terminal()) continue;
    index[i] = static_cast<std::ptrdiff_t>(transient.size());
    transient.push_back(i);
  }
  const std::size_t m = transient.size();
  std::vector<std::vector<double>> a(m, std::vector<double>(m, 0.0));
  for (std::size_t i = 0; i < m; ++i) a[i][i] = 1.0;
  for (const Transition& t : journey.transitions) {
    if (index[t.from] >= 0 && index[t.to] >= 0) a[index[t.from]][index[t.to]] -= t.p.value;
  }
  return dense_inverse(a);
}

// Deterministic uniforms in [0, 1) without std:: distributions (their output is implementation-defined).
class Uniform {
 public:
  explicit Uniform(std::uint64_t seed) : state_(seed) {}
  double operator()() {
    state_ += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>((*this)() * static_cast<double>(n)); }

 private:
  std::uint64_t state_;
};

// `count` non-terminal touchpoints with loops (back edges, self-loops), each
// with some way out to one of three endings (two converting), three entries
// and channels web/email/app.
Journey random_journey(std::size_t count, std::uint64_t seed, std::size_t extra_edges = 3) {
  Uniform u(seed);
  Builder b;
  const char* channels[] = {"web", "email", "app"};
  for (std::size_t i = 0; i < count; ++i) b.touchpoint("t" + std::to_string(i), channels[u.below(3)], 60.0 * (1 + u.below(5)));
  b.terminal("bought", "converted").terminal("renewed", "converted").terminal("lost", "lost");
  const char* endings[] = {"bought", "renewed", "lost"};
  for (std::size_t i = 0; i < count; ++i) {
    std::map<std::string, double> weights;
    const std::size_t edges = 1 + u.below(extra_edges);
    for (std::size_t e = 0; e < edges; ++e) weights["t" + std::to_string(u.below(count))] += 0.2 + u();
    double inner = 0.0;
    for (const auto& [to, w] : weights) inner += w;
    weights[endings[u.below(3)]] += 0.15 * inner + 0.05;  // every touchpoint has a way out
    double total = 0.0;
    for (const auto& [to, w] : weights) total += w;
    for (const auto& [to, w] : weights) b.edge("t" + std::to_string(i), to, w / total);
  }
  b.entry("t0", 0.5).entry("t" + std::to_string(count / 2), 0.3).entry("t" + std::to_string(count - 1), 0.2);
  return b.journey();
}

// ------------------------------------------------------------ textbook chains

// Gambler's ruin on 0..4, win each round with p = 2/5, starting with 2:
// N = (I - Q)^-1 = [[19, 10, 4], [15, 25, 10], [9, 15, 19]] / 13.
Journey gamblers_ruin() {
  Builder b;
  b.terminal("ruin", "lost").touchpoint("s1").touchpoint("s2").touchpoint("s3").terminal("win", "converted");
  b.edge("s1", "ruin", 0.6).edge("s1", "s2", 0.4);
  b.edge("s2", "s1", 0.6).edge("s2", "s3", 0.4);
  b.edge("s3", "s2", 0.6).edge("s3", "win", 0.4);
  b.entry("s2", 1.0);
  return b.journey();
}

TEST(MarkovChain, GamblersRuin) {
  const Journey journey = gamblers_ruin();
  const MarkovChain chain(journey);
  const ChainFigures& f = chain.figures();
  // Row s2 of N: expected visits; P(win) = 1 - (3/2)^2 over 1 - (3/2)^4 = 4/13.
  EXPECT_NEAR(f.expected_visits[1], 15.0 / 13, 1e-12);
  EXPECT_NEAR(f.expected_visits[2], 25.0 / 13, 1e-12);
  EXPECT_NEAR(f.expected_visits[3], 10.0 / 13, 1e-12);
  EXPECT_NEAR(f.outcome_probability[4], 4.0 / 13, 1e-12);
  EXPECT_NEAR(f.outcome_probability[0], 9.0 / 13, 1e-12);
  EXPECT_NEAR(f.expected_visits[4], 4.0 / 13, 1e-12);
  EXPECT_EQ(f.outcome_probability[2], 0.0);
  // The expected duration of the game, i / (q - p) - N / (q - p) P(win) = 10 - 20 * 4/13.
  EXPECT_NEAR(f.expected_steps, 50.0 / 13, 1e-12);
  const std::vector<double> diagonal = chain.fundamental_diagonal();
  EXPECT_NEAR(diagonal[1], 19.0 / 13, 1e-12);
  EXPECT_NEAR(diagonal[2], 25.0 / 13, 1e-12);
  EXPECT_NEAR(diagonal[3], 19.0 / 13, 1e-12);
  EXPECT_EQ(diagonal[0], 0.0);
}

// Three states with a self-loop and a cycle, N given in full:
//   Q = [[0, 1/2, 1/4], [1/3, 1/3, 0], [0, 1/2, 0]]
//   N = [[16, 15, 4], [8, 24, 2], [4, 12, 12]] / 11
Journey small_loop_chain() {
  Builder b;
  b.touchpoint("A", "web", 60).touchpoint("B", "app", 120).touchpoint("C", "email", 0);
  b.terminal("end1", "converted").terminal("end2", "lost");
  b.edge("A", "B", 0.5).edge("A", "C", 0.25).edge("A", "end1", 0.25);
  b.edge("B", "A", 1.0 / 3).edge("B", "B", 1.0 / 3).edge("B", "end2", 1.0 / 3);
  b.edge("C", "B", 0.5).edge("C", "end1", 0.5);
  b.entry("A", 0.5).entry("C", 0.5);
  return b.journey();
}

TEST(MarkovChain, ExplicitFundamentalMatrix) {
  const Journey journey = small_loop_chain();
  const MarkovChain chain(journey);
  const ChainFigures& f = chain.figures();
  // v = (row A + row C) / 2.
  EXPECT_NEAR(f.expected_visits[0], 10.0 / 11, 1e-12);
  EXPECT_NEAR(f.expected_visits[1], 27.0 / 22, 1e-12);
  EXPECT_NEAR(f.expected_visits[2], 8.0 / 11, 1e-12);
  EXPECT_NEAR(f.expected_steps, 63.0 / 22, 1e-12);
  // end1 = v_A / 4 + v_C / 2, end2 = v_B / 3.
  EXPECT_NEAR(f.outcome_probability[3], 13.0 / 22, 1e-12);
  EXPECT_NEAR(f.outcome_probability[4], 9.0 / 22, 1e-12);
  EXPECT_NEAR(f.expected_seconds, 60 * 10.0 / 11 + 120 * 27.0 / 22, 1e-9);
  const std::vector<double> diagonal = chain.fundamental_diagonal();
  EXPECT_NEAR(diagonal[0], 16.0 / 11, 1e-12);
  EXPECT_NEAR(diagonal[1], 24.0 / 11, 1e-12);
  EXPECT_NEAR(diagonal[2], 12.0 / 11, 1e-12);
}

TEST(MarkovChain, EntryStraightAtATerminalTakesNoStep) {
  Builder b;
  b.touchpoint("a").terminal("done", "converted").terminal("gone", "lost");
  b.edge("a", "done", 0.5).edge("a", "gone", 0.5).entry("a", 0.6).entry("done", 0.4);
  const MarkovChain chain(b.journey());
  EXPECT_NEAR(chain.figures().outcome_probability[1], 0.4 + 0.3, 1e-15);
  EXPECT_NEAR(chain.figures().expected_steps, 0.6, 1e-15);
  const Attribution a = chain.attribution();
  EXPECT_NEAR(a.goal_probability, 0.7, 1e-15);
  EXPECT_NEAR(a.removal_effect[0], 0.3 / 0.7, 1e-15);
  EXPECT_NEAR(a.first_touch[1], 0.4 / 0.7, 1e-15);  // credited to the terminal itself
  EXPECT_NEAR(a.last_touch[0], 0.3 / 0.7, 1e-15);
}

TEST(MarkovChain, UnreachableTouchpointsStayOut) {
  // x and y trap a walk for ever, but no walk gets there.
  Builder b;
  b.touchpoint("a").touchpoint("x").touchpoint("y").terminal("done", "converted");
  b.edge("a", "done", 1.0).edge("x", "y", 1.0).edge("y", "x", 1.0).entry("a", 1.0);
  const MarkovChain chain(b.journey());
  EXPECT_EQ(chain.figures().expected_visits, (std::vector<double>{1.0, 0.0, 0.0, 1.0}));
  EXPECT_EQ(chain.figures().expected_steps, 1.0);
}

TEST(MarkovChain, AClosedCycleIsRefusedByName) {
  Builder b;
  b.touchpoint("browse").touchpoint("usage").touchpoint("support").terminal("left", "churned");
  b.edge("browse", "usage", 0.5).edge("browse", "left", 0.5);
  b.edge("usage", "support", 0.2).edge("usage", "usage", 0.8).edge("support", "usage", 1.0);
  b.entry("browse", 1.0).segment("pro", 1.0);
  try {
    const MarkovChain chain(b.journey());
    FAIL() << "expected ClosedCycleError";
  } catch (const ClosedCycleError& e) {
    EXPECT_STREQ(e.what(),
                 "segment pro: touchpoints usage, support form a closed cycle that no walk leaves, so the chain has "
                 "no exact solution; give the cycle a transition to an ending (a horizon ends such walks in a "
                 "simulation, but the exact analysis has none)");
    EXPECT_EQ(e.classes(), (std::vector<std::vector<std::size_t>>{{1, 2}}));
  }
  // A self-loop with no way out, through the scenario-level call.
  Builder c;
  c.touchpoint("a").touchpoint("stuck").terminal("done", "converted");
  c.edge("a", "stuck", 0.5).edge("a", "done", 0.5).edge("stuck", "stuck", 1.0).entry("a", 1.0);
  EXPECT_THROW(analyze_exactly(structure_of(c.journey()), {c.journey()}), ClosedCycleError);
}

// ---------------------------------------------------------------- attribution

// a -> b or c; b converts 0.8; c converts 0.4 and returns to a 0.3. By hand:
//   x = P(convert from a) = 0.4 + 0.5 (0.4 + 0.3 x)        -> x = 12/17
//   without b: y = 0.5 (0.4 + 0.3 y)                       -> y = 4/17, effect 2/3
//   without c: 0.5 * 0.8 = 0.4                              -> effect 1 - 0.4 / (12/17) = 13/30
//   without a: nothing converts                             -> effect 1
// Visits: v_a = 1 / (1 - 0.15) = 20/17, v_b = v_c = 10/17, so the last touch
// is b: v_b 0.8 / x = 2/3 and c: v_c 0.4 / x = 1/3.
Journey attribution_chain() {
  Builder b;
  b.touchpoint("a", "social").touchpoint("b", "web").touchpoint("c", "email");
  b.terminal("buy", "converted").terminal("lost", "lost");
  b.edge("a", "b", 0.5).edge("a", "c", 0.5);
  b.edge("b", "buy", 0.8).edge("b", "lost", 0.2);
  b.edge("c", "buy", 0.4).edge("c", "a", 0.3).edge("c", "lost", 0.3);
  b.entry("a", 1.0);
  return b.journey();
}

TEST(Attribution, RemovalEffectsByHand) {
  const Attribution a = MarkovChain(attribution_chain()).attribution();
  EXPECT_EQ(a.goal, "converted");
  EXPECT_NEAR(a.goal_probability, 12.0 / 17, 1e-14);
  EXPECT_NEAR(a.removal_effect[0], 1.0, 1e-14);
  EXPECT_NEAR(a.removal_effect[1], 2.0 / 3, 1e-14);
  EXPECT_NEAR(a.removal_effect[2], 13.0 / 30, 1e-14);
  EXPECT_EQ(a.removal_effect[3], 0.0);
  // Shares: 30, 20 and 13 over 63.
  EXPECT_NEAR(a.removal_share[0], 30.0 / 63, 1e-14);
  EXPECT_NEAR(a.removal_share[1], 20.0 / 63, 1e-14);
  EXPECT_NEAR(a.removal_share[2], 13.0 / 63, 1e-14);
  // One touchpoint per channel: the channel effects are the touchpoints'.
  EXPECT_EQ(a.channels, (std::vector<std::string>{"social", "web", "email"}));
  EXPECT_NEAR(a.channel_removal_effect[0], 1.0, 1e-14);
  EXPECT_NEAR(a.channel_removal_effect[1], 2.0 / 3, 1e-14);
  EXPECT_NEAR(a.channel_removal_effect[2], 13.0 / 30, 1e-14);
}

TEST(Attribution, FirstAndLastTouch) {
  const Attribution a = MarkovChain(attribution_chain()).attribution();
  EXPECT_NEAR(a.first_touch[0], 1.0, 1e-14);
  EXPECT_EQ(a.first_touch[1], 0.0);
  EXPECT_NEAR(a.last_touch[0], 0.0, 1e-14);
  EXPECT_NEAR(a.last_touch[1], 2.0 / 3, 1e-14);
  EXPECT_NEAR(a.last_touch[2], 1.0 / 3, 1e-14);

  // Two entries: first touch = a_i b_i / P with b the conversion probability from i.
  Builder b;
  b.touchpoint("ad").touchpoint("search").terminal("buy", "converted").terminal("lost", "lost");
  b.edge("ad", "search", 0.5).edge("ad", "lost", 0.5).edge("search", "buy", 0.4).edge("search", "lost", 0.6);
  b.entry("ad", 0.7).entry("search", 0.3);
  const Attribution two = MarkovChain(b.journey()).attribution();
  const double p = 0.7 * 0.5 * 0.4 + 0.3 * 0.4;  // 0.26
  EXPECT_NEAR(two.goal_probability, p, 1e-15);
  EXPECT_NEAR(two.first_touch[0], 0.7 * 0.2 / p, 1e-15);
  EXPECT_NEAR(two.first_touch[1], 0.3 * 0.4 / p, 1e-15);
  EXPECT_NEAR(two.last_touch[1], 1.0, 1e-15);
  EXPECT_NEAR(two.removal_effect[0], 0.14 / p, 1e-15);
  EXPECT_NEAR(two.removal_effect[1], 1.0, 1e-15);
}

TEST(Attribution, AnotherGoalAndNoConversions) {
  const Attribution lost = MarkovChain(attribution_chain()).attribution("lost");
  EXPECT_NEAR(lost.goal_probability, 5.0 / 17, 1e-14);
  Builder b;
  b.touchpoint("a", "web").terminal("gone", "lost").edge("a", "gone", 1.0).entry("a", 1.0);
  const Attribution none = MarkovChain(b.journey()).attribution();
  EXPECT_EQ(none.goal_probability, 0.0);
  EXPECT_EQ(none.removal_effect, (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(none.channel_removal_effect, (std::vector<double>{0.0}));
}

// The removal effect of each touchpoint and channel against removing it for
// real (making it an ending that does not convert) and solving again.
TEST(Attribution, MatchesBruteForceOnARandomChain) {
  const Journey journey = random_journey(30, 20240611);
  const MarkovChain chain(journey);
  const Attribution a = chain.attribution();
  const double p = goal_probability(chain.figures(), journey);
  ASSERT_GT(p, 0.05);
  EXPECT_NEAR(a.goal_probability, p, 1e-12);
  int positive = 0;
  for (std::size_t j = 0; j < 30; ++j) {
    Journey without = journey;
    without.touchpoints[j].outcome = "removed";
    const double p_without = goal_probability(MarkovChain(without).figures(), without);
    EXPECT_NEAR(a.removal_effect[j], 1.0 - p_without / p, 1e-10) << journey.touchpoints[j].id;
    positive += a.removal_effect[j] > 1e-9;
  }
  EXPECT_GT(positive, 10);
  for (std::size_t c = 0; c < a.channels.size(); ++c) {
    Journey without = journey;
    for (Touchpoint& t : without.touchpoints) {
      if (t.channel == a.channels[c]) t.outcome = "removed";
    }
    const double p_without = goal_probability(MarkovChain(without).figures(), without);
    EXPECT_NEAR(a.channel_removal_effect[c], 1.0 - p_without / p, 1e-10) << a.channels[c];
  }
}

// Visits and the fundamental matrix's diagonal against a dense inverse, on a
// chain small enough to invert and on one strongly connected component of
// 400 touchpoints (where the diagonal comes from selected inversion with fill).
TEST(Attribution, FundamentalDiagonalMatchesADenseInverse) {
  for (const auto& [count, seed, extra] : {std::tuple{30, 7, 3}, std::tuple{400, 11, 4}}) {
    const Journey journey = random_journey(count, seed, extra);
    const MarkovChain chain(journey);
    std::vector<std::size_t> transient;
    const std::vector<std::vector<double>> n = dense_fundamental(journey, transient);
    const std::vector<double> diagonal = chain.fundamental_diagonal();
    std::vector<double> visits(transient.size(), 0.0);
    for (const EntryShare& e : journey.entry) {
      for (std::size_t k = 0; k < transient.size(); ++k) visits[k] += e.share * n[e.touchpoint][k];
    }
    std::size_t on_cycles = 0;
    for (std::size_t k = 0; k < transient.size(); ++k) {
      EXPECT_NEAR(chain.figures().expected_visits[transient[k]], visits[k], 1e-10 * (1 + visits[k]));
      if (visits[k] == 0.0) continue;  // the entry never reaches it: left out, 0
      EXPECT_NEAR(diagonal[transient[k]], n[k][k], 1e-10 * n[k][k]) << count << " touchpoints, t" << k;
      on_cycles += n[k][k] > 1.0 + 1e-9;
    }
    EXPECT_GT(on_cycles, transient.size() / 2);
  }
}

// ---------------------------------------------------------------- segments

TEST(ExactAnalysis, SegmentsMixByShare) {
  Builder first;
  first.touchpoint("ad", "social", 30).touchpoint("page", "web", 90);
  first.terminal("buy", "converted").terminal("lost", "lost");
  first.edge("ad", "page", 0.6).edge("ad", "lost", 0.4);
  first.edge("page", "buy", 0.3).edge("page", "page", 0.2).edge("page", "lost", 0.5);
  first.entry("ad", 1.0).segment("casual", 0.25);
  Builder second = first;
  second.segment("keen", 0.75);
  Journey keen = second.journey();
  keen.transitions[2].p.value = 0.6;  // page -> buy
  keen.transitions[4].p.value = 0.2;  // page -> lost
  keen.entry = {EntryShare{0, 0.5}, EntryShare{1, 0.5}};
  const std::vector<Journey> journeys{first.journey(), keen};

  const ExactAnalysis both = analyze_exactly(structure_of(journeys[0]), journeys);
  ASSERT_EQ(both.segments.size(), 2u);
  EXPECT_EQ(both.segments[1].segment_id, "keen");
  EXPECT_FALSE(both.approximate);
  const ChainFigures& a = both.segments[0].figures;
  const ChainFigures& b = both.segments[1].figures;
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(both.mixed.outcome_probability[i], 0.25 * a.outcome_probability[i] + 0.75 * b.outcome_probability[i],
                1e-15);
    EXPECT_NEAR(both.mixed.expected_visits[i], 0.25 * a.expected_visits[i] + 0.75 * b.expected_visits[i], 1e-15);
  }
  EXPECT_NEAR(both.mixed.expected_steps, 0.25 * a.expected_steps + 0.75 * b.expected_steps, 1e-15);
  EXPECT_NEAR(both.mixed.expected_seconds, 0.25 * a.expected_seconds + 0.75 * b.expected_seconds, 1e-12);
  // casual: P = 0.6 * 0.3 / 0.8 = 0.225; keen: P = 0.5 * (0.6 * 0.75) + 0.5 * 0.75 = 0.6
  EXPECT_NEAR(both.segments[0].attribution.goal_probability, 0.225, 1e-15);
  EXPECT_NEAR(both.segments[1].attribution.goal_probability, 0.6, 1e-15);
  const double p = 0.25 * 0.225 + 0.75 * 0.6;
  EXPECT_NEAR(both.attribution.goal_probability, p, 1e-15);
  // Removing ad: casual loses all 0.225, keen the 0.5 * 0.6 * 0.75 = 0.225 entering there.
  EXPECT_NEAR(both.attribution.removal_effect[0], (0.25 * 0.225 + 0.75 * 0.225) / p, 1e-14);
  EXPECT_NEAR(both.attribution.removal_effect[1], 1.0, 1e-14);
  EXPECT_NEAR(both.attribution.first_touch[0], (0.25 * 0.225 + 0.75 * 0.225) / p, 1e-14);
  EXPECT_NEAR(both.attribution.first_touch[1], 0.75 * 0.375 / p, 1e-14);
  EXPECT_NEAR(both.attribution.channel_removal_effect[0], both.attribution.removal_effect[0], 1e-14);

  ExactAnalysisOptions one;
  one.segment = 1;
  const ExactAnalysis keen_only = analyze_exactly(structure_of(journeys[0]), journeys, one);
  ASSERT_EQ(keen_only.segments.size(), 1u);
  EXPECT_EQ(keen_only.segments[0].share, 1.0);
  EXPECT_EQ(keen_only.mixed.outcome_probability, b.outcome_probability);
}

TEST(ExactAnalysis, SaysWhenTheChainOnlyApproximatesTheSimulation) {
  Builder b;
  b.touchpoint("a").terminal("done", "converted").terminal("gone", "lost");
  b.edge("a", "done", 0.5, -1.0).edge("a", "gone", 0.5).entry("a", 1.0);
  Scenario structure = structure_of(b.journey());
  EXPECT_EQ(analyze_exactly(structure, {b.journey()}).approximations, (std::vector<std::string>{"sentiment weights"}));
  structure.horizon = 3600.0;
  Journey flat = b.journey();
  flat.transitions[0].sentiment_weight = 0.0;
  const ExactAnalysis with_horizon = analyze_exactly(structure, {flat});
  EXPECT_TRUE(with_horizon.approximate);
  EXPECT_EQ(with_horizon.approximations, (std::vector<std::string>{"a horizon"}));
}

// ---------------------------------------------------------------- likely paths

std::vector<std::string> ids(const Journey& journey, const LikelyPath& path) {
  std::vector<std::string> out;
  for (std::size_t t : path.touchpoints) out.push_back(journey.touchpoints[t].id);
  return out;
}

// s -> a 0.6 | b 0.4; a -> end 0.5 | back to s 0.5; b -> end 0.9 | lost 0.1.
Journey loop_journey() {
  Builder b;
  b.touchpoint("s").touchpoint("a").touchpoint("b").terminal("end", "converted").terminal("lost", "lost");
  b.edge("s", "a", 0.6).edge("s", "b", 0.4);
  b.edge("a", "end", 0.5).edge("a", "s", 0.5);
  b.edge("b", "end", 0.9).edge("b", "lost", 0.1);
  b.entry("s", 1.0);
  return b.journey();
}

TEST(LikelyPaths, KnownTopThreeThroughALoop) {
  const Journey journey = loop_journey();
  LikelyPathOptions options;
  options.per_list = 3;
  const LikelyPaths found = most_likely_paths(journey, options);
  EXPECT_TRUE(found.complete);
  ASSERT_EQ(found.lists.size(), 3u);
  EXPECT_EQ(found.lists[0].outcome_kind, "");
  EXPECT_EQ(found.lists[1].outcome_kind, "converted");
  EXPECT_EQ(found.lists[2].outcome_kind, "lost");

  using Ids = std::vector<std::string>;
  const auto& any = found.lists[0].paths;
  ASSERT_EQ(any.size(), 3u);
  EXPECT_EQ(ids(journey, any[0]), (Ids{"s", "b", "end"}));
  EXPECT_NEAR(any[0].probability, 0.36, 1e-15);
  EXPECT_EQ(ids(journey, any[1]), (Ids{"s", "a", "end"}));
  EXPECT_NEAR(any[1].probability, 0.30, 1e-15);
  EXPECT_EQ(ids(journey, any[2]), (Ids{"s", "a", "s", "b", "end"}));  // round the loop once
  EXPECT_NEAR(any[2].probability, 0.108, 1e-15);

  const auto& lost = found.lists[2].paths;
  ASSERT_EQ(lost.size(), 3u);
  EXPECT_EQ(ids(journey, lost[0]), (Ids{"s", "b", "lost"}));
  EXPECT_NEAR(lost[0].probability, 0.04, 1e-15);
  EXPECT_EQ(ids(journey, lost[1]), (Ids{"s", "a", "s", "b", "lost"}));
  EXPECT_NEAR(lost[1].probability, 0.012, 1e-15);
  EXPECT_EQ(ids(journey, lost[2]), (Ids{"s", "a", "s", "a", "s", "b", "lost"}));
  EXPECT_NEAR(lost[2].probability, 0.0036, 1e-15);
}

TEST(LikelyPaths, ABudgetReturnsWhatWasFound) {
  LikelyPathOptions options;
  options.per_list = 3;
  options.expansion_budget = 4;
  const LikelyPaths found = most_likely_paths(loop_journey(), options);
  EXPECT_FALSE(found.complete);
  EXPECT_EQ(found.expansions, 4u);
  ASSERT_EQ(found.lists[0].paths.size(), 1u);  // s, s>a, s>b, then s>b>end
  EXPECT_NEAR(found.lists[0].paths[0].probability, 0.36, 1e-15);
}

TEST(LikelyPaths, FewerWalksThanAskedIsComplete) {
  Builder b;
  b.touchpoint("a").terminal("x", "converted").terminal("y", "lost");
  b.edge("a", "x", 0.7).edge("a", "y", 0.3).entry("a", 1.0);
  const LikelyPaths found = most_likely_paths(b.journey());
  EXPECT_TRUE(found.complete);
  EXPECT_EQ(found.lists[0].paths.size(), 2u);
  EXPECT_EQ(found.lists[1].paths.size(), 1u);
  EXPECT_EQ(found.lists[2].paths.size(), 1u);
}

// Every walk of a small random journey with loops, enumerated down to a
// probability floor: the search's k best per list must be the enumeration's.
TEST(LikelyPaths, AgreeWithAnEnumerationOfWalks) {
  const Journey journey = random_journey(6, 99);
  struct Walk {
    double probability;
    std::string kind;
  };
  std::vector<Walk> walks;
  const double floor = 1e-7;
  const std::function<void(std::size_t, double)> extend = [&](std::size_t at, double probability) {
    if (probability < floor) return;
    if (journey.touchpoints[at].terminal()) {
      walks.push_back(Walk{probability, journey.touchpoints[at].outcome});
      return;
    }
    for (const Transition& t : journey.transitions) {
      if (t.from == at) extend(t.to, probability * t.p.value);
    }
  };
  for (const EntryShare& e : journey.entry) extend(e.touchpoint, e.share);
  std::sort(walks.begin(), walks.end(), [](const Walk& a, const Walk& b) { return a.probability > b.probability; });

  LikelyPathOptions options;
  options.per_list = 8;
  const LikelyPaths found = most_likely_paths(journey, options);
  EXPECT_TRUE(found.complete);
  for (const LikelyPathList& list : found.lists) {
    std::vector<double> expected;
    for (const Walk& w : walks) {
      if ((list.outcome_kind.empty() || w.kind == list.outcome_kind) && expected.size() < options.per_list) {
        expected.push_back(w.probability);
      }
    }
    ASSERT_EQ(list.paths.size(), expected.size()) << list.outcome_kind;
    ASSERT_GT(expected.back(), 10 * floor);  // the enumeration went deep enough
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_NEAR(list.paths[i].probability, expected[i], 1e-15) << list.outcome_kind << " #" << i;
    }
  }
}

}  // namespace
}  // namespace journeysim
