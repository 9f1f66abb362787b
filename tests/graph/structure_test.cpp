// Tests reachable_from_entry and closed_classes (structure.hpp) on small hand-built journeys.
#include "journeysim/graph/structure.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace journeysim {
namespace {

using Classes = std::vector<std::vector<std::size_t>>;

// A journey of `count` touchpoints named t0, t1, ...; those listed in `terminals` end the walk.
class JourneyBuilder {
 public:
  explicit JourneyBuilder(std::size_t count, std::vector<std::size_t> terminals = {}) {
    for (std::size_t i = 0; i < count; ++i) {
      Touchpoint t;
      t.id = "t" + std::to_string(i);
      journey_.touchpoints.push_back(t);
    }
    for (std::size_t i : terminals) journey_.touchpoints.at(i).outcome = "lost";
  }
  JourneyBuilder& edge(std::size_t from, std::size_t to, double p) {
    Transition t;
    t.from = from;
    t.to = to;
    t.p = Probability{p, false};
    journey_.transitions.push_back(t);
    return *this;
  }
  JourneyBuilder& entry(std::size_t touchpoint, double share = 1.0) {
    journey_.entry.push_back(EntryShare{touchpoint, share});
    return *this;
  }
  const Journey& journey() const { return journey_; }

 private:
  Journey journey_;
};

std::vector<bool> bools(std::initializer_list<int> values) {
  std::vector<bool> out;
  for (int v : values) out.push_back(v != 0);
  return out;
}

// ---------------------------------------------------------------- reachability

TEST(Reachable, FollowsEdgesFromTheEntry) {
  // 0 -> 1 -> 2, 3 unreachable, 4 only points into the journey.
  JourneyBuilder b(5, {2});
  b.entry(0).edge(0, 1, 1.0).edge(1, 2, 1.0).edge(4, 1, 1.0);
  EXPECT_EQ(reachable_from_entry(b.journey()), bools({1, 1, 1, 0, 0}));
}

TEST(Reachable, SeveralEntries) {
  JourneyBuilder b(5, {4});
  b.entry(0, 0.5).entry(2, 0.5).edge(0, 4, 1.0).edge(2, 3, 1.0).edge(3, 4, 1.0).edge(1, 4, 1.0);
  EXPECT_EQ(reachable_from_entry(b.journey()), bools({1, 0, 1, 1, 1}));
}

TEST(Reachable, ZeroShareEntryDoesNotStartAWalk) {
  JourneyBuilder b(4, {3});
  b.entry(0, 1.0).entry(1, 0.0).edge(0, 3, 1.0).edge(1, 2, 1.0).edge(2, 3, 1.0);
  EXPECT_EQ(reachable_from_entry(b.journey()), bools({1, 0, 0, 1}));
}

TEST(Reachable, ZeroProbabilityEdgesDoNotCount) {
  JourneyBuilder b(4, {2, 3});
  b.entry(0).edge(0, 1, 1.0).edge(0, 3, 0.0).edge(1, 2, 1.0);
  EXPECT_EQ(reachable_from_entry(b.journey()), bools({1, 1, 1, 0}));
}

TEST(Reachable, CyclesAndSelfLoops) {
  JourneyBuilder b(4, {3});
  b.entry(0).edge(0, 0, 0.5).edge(0, 1, 0.5).edge(1, 2, 1.0).edge(2, 1, 0.5).edge(2, 3, 0.5);
  EXPECT_EQ(reachable_from_entry(b.journey()), bools({1, 1, 1, 1}));
}

TEST(Reachable, NoEntryReachesNothing) {
  JourneyBuilder b(2, {1});
  b.edge(0, 1, 1.0);
  EXPECT_EQ(reachable_from_entry(b.journey()), bools({0, 0}));
}

// ---------------------------------------------------------------- closed classes

TEST(ClosedClasses, OrdinaryJourneyHasNone) {
  JourneyBuilder b(4, {2, 3});
  b.entry(0).edge(0, 1, 0.6).edge(0, 3, 0.4).edge(1, 2, 0.5).edge(1, 0, 0.5);
  EXPECT_EQ(closed_classes(b.journey()), Classes{});
}

TEST(ClosedClasses, SelfLoopTrap) {
  // 0 -> 1 (a self-loop with no way out) or -> 2 (terminal).
  JourneyBuilder b(3, {2});
  b.entry(0).edge(0, 1, 0.5).edge(0, 2, 0.5).edge(1, 1, 1.0);
  EXPECT_EQ(closed_classes(b.journey()), (Classes{{1}}));
}

TEST(ClosedClasses, SelfLoopWithAnExitIsNoTrap) {
  JourneyBuilder b(3, {2});
  b.entry(0).edge(0, 1, 1.0).edge(1, 1, 0.9).edge(1, 2, 0.1);
  EXPECT_EQ(closed_classes(b.journey()), Classes{});
}

TEST(ClosedClasses, TwoNodeTrap) {
  // 0 -> 1 <-> 2, nothing leaves {1, 2}.
  JourneyBuilder b(4, {3});
  b.entry(0).edge(0, 1, 0.5).edge(0, 3, 0.5).edge(1, 2, 1.0).edge(2, 1, 1.0);
  EXPECT_EQ(closed_classes(b.journey()), (Classes{{1, 2}}));
}

TEST(ClosedClasses, TrapWithAnExit) {
  // {1, 2} is a cycle, but 2 can leave to the terminal 3.
  JourneyBuilder b(4, {3});
  b.entry(0).edge(0, 1, 1.0).edge(1, 2, 1.0).edge(2, 1, 0.7).edge(2, 3, 0.3);
  EXPECT_EQ(closed_classes(b.journey()), Classes{});
}

TEST(ClosedClasses, ExitToAnotherTrapLeavesOnlyTheLastTrapClosed) {
  // {1, 2} can leave, but only into the self-loop 3, which cannot.
  JourneyBuilder b(5, {4});
  b.entry(0).edge(0, 1, 0.5).edge(0, 4, 0.5).edge(1, 2, 1.0).edge(2, 1, 0.5).edge(2, 3, 0.5).edge(3, 3, 1.0);
  EXPECT_EQ(closed_classes(b.journey()), (Classes{{3}}));
}

TEST(ClosedClasses, UnreachableTrapIsNotReported) {
  // {2, 3} traps a walk, but no entry leads there.
  JourneyBuilder b(4, {1});
  b.entry(0).edge(0, 1, 1.0).edge(2, 3, 1.0).edge(3, 2, 1.0);
  EXPECT_EQ(closed_classes(b.journey()), Classes{});
}

TEST(ClosedClasses, TrapReachedOnlyByAZeroProbabilityEdgeIsNotReported) {
  JourneyBuilder b(3, {1});
  b.entry(0).edge(0, 1, 1.0).edge(0, 2, 0.0).edge(2, 2, 1.0);
  EXPECT_EQ(closed_classes(b.journey()), Classes{});
}

TEST(ClosedClasses, ZeroProbabilityExitDoesNotCount) {
  // The only way out of the cycle {1, 2} has probability 0.
  JourneyBuilder b(4, {3});
  b.entry(0).edge(0, 1, 1.0).edge(1, 2, 1.0).edge(2, 1, 1.0).edge(2, 3, 0.0);
  EXPECT_EQ(closed_classes(b.journey()), (Classes{{1, 2}}));
}

TEST(ClosedClasses, ZeroProbabilitySelfLoopIsNoCycle) {
  // 1 has only a zero-probability self-loop: a dead end, not a trap.
  JourneyBuilder b(3, {2});
  b.entry(0).edge(0, 1, 0.5).edge(0, 2, 0.5).edge(1, 1, 0.0);
  EXPECT_EQ(closed_classes(b.journey()), Classes{});
}

TEST(ClosedClasses, DeadEndIsNotAClosedClass) {
  // A non-terminal touchpoint with no transitions out is reported elsewhere.
  JourneyBuilder b(3, {2});
  b.entry(0).edge(0, 1, 0.5).edge(0, 2, 0.5);
  EXPECT_EQ(closed_classes(b.journey()), Classes{});
}

TEST(ClosedClasses, TerminalsAreNotReported) {
  // Terminals absorb: with no edges, or even with a self-loop written on one.
  JourneyBuilder b(3, {1, 2});
  b.entry(0).edge(0, 1, 0.5).edge(0, 2, 0.5).edge(2, 2, 1.0);
  EXPECT_EQ(closed_classes(b.journey()), Classes{});
}

TEST(ClosedClasses, EntryInsideATrap) {
  JourneyBuilder b(2);
  b.entry(0).edge(0, 1, 1.0).edge(1, 0, 1.0);
  EXPECT_EQ(closed_classes(b.journey()), (Classes{{0, 1}}));
}

TEST(ClosedClasses, SeveralTrapsInTouchpointOrder) {
  // Traps {5, 2} and {1, 4} and the self-loop 6 (written in a scrambled order);
  // each is listed in touchpoint order, and the classes by their first touchpoint.
  JourneyBuilder b(7, {3});
  b.entry(0)
      .edge(0, 5, 0.25)
      .edge(0, 4, 0.25)
      .edge(0, 6, 0.25)
      .edge(0, 3, 0.25)
      .edge(6, 6, 1.0)
      .edge(5, 2, 1.0)
      .edge(2, 5, 1.0)
      .edge(4, 1, 1.0)
      .edge(1, 4, 1.0);
  EXPECT_EQ(closed_classes(b.journey()), (Classes{{1, 4}, {2, 5}, {6}}));
}

TEST(ClosedClasses, LargerComponentWithInnerChords) {
  // 1 -> 2 -> 3 -> 1 and 2 -> 1, 3 -> 3: one closed class of three.
  JourneyBuilder b(5, {4});
  b.entry(0, 0.5).entry(4, 0.5).edge(0, 1, 1.0).edge(1, 2, 1.0).edge(2, 3, 0.5).edge(2, 1, 0.5).edge(3, 1, 0.5).edge(
      3, 3, 0.5);
  EXPECT_EQ(closed_classes(b.journey()), (Classes{{1, 2, 3}}));
}

}  // namespace
}  // namespace journeysim
