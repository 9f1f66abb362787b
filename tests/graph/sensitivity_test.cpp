// Sweep specifications: every degenerate range is refused with its reason
// (never a silent one-point sweep), and the points are the values their labels
// say. Sweep points as variants: a segment with its own value of the field
// keeps it, and the point at the scenario's own value is the baseline itself.
#include <gtest/gtest.h>

#include <string>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/sensitivity.hpp"

namespace journeysim {
namespace {

const char* kScenario = R"({
  "entry": {"a": 1},
  "touchpoints": [{"id": "a", "effort": 3, "dwell": "10m"}, {"id": "won", "outcome": "converted"}, {"id": "lost", "outcome": "lost"}],
  "transitions": [{"from": "a", "to": "won", "p": 0.3}, {"from": "a", "to": "lost", "p": "rest"}]
})";

Scenario one_step_scenario() { return *load_scenario_text(kScenario).scenario; }

// The problem parse_sweep reports for `text`, or "" when it accepts it.
std::string problem_of(const std::string& text) {
  std::string problem;
  const std::optional<SweepSpec> spec = parse_sweep(one_step_scenario(), text, problem);
  EXPECT_EQ(spec.has_value(), problem.empty()) << text;
  return problem;
}

TEST(SweepSpec, TooManyPointsAreRefusedHoweverManyThereAre) {
  const std::string too_many = "more than 101 points; use a larger step";
  // 10^300 points: the count does not fit any integer (it was cast, undefined, to a one-point sweep).
  EXPECT_EQ(problem_of("transitions.a->won.p=0..1:1e-300"), too_many);
  EXPECT_EQ(problem_of("transitions.a->won.p=0..1:5e-324"), too_many);    // the smallest double
  EXPECT_EQ(problem_of("touchpoints.a.cost=-1e308..1e308:1"), too_many);  // B - A overflows to infinity
  EXPECT_EQ(problem_of("transitions.a->won.p=0..1:0.001"), too_many);
  EXPECT_EQ(problem_of("touchpoints.a.dwell=1s..1h:1s"), too_many);
  EXPECT_EQ(problem_of("transitions.a->won.p=0..1:0.01"), "");  // exactly 101
}

TEST(SweepSpec, DegenerateRangesAreRefusedWithTheirReason) {
  const std::string order = "the range must be A..B with A below B, both numbers";
  EXPECT_EQ(problem_of("touchpoints.a.cost=3..1"), order);
  EXPECT_EQ(problem_of("touchpoints.a.cost=1..1"), order);
  EXPECT_EQ(problem_of("touchpoints.a.cost=x..1"), order);
  EXPECT_EQ(problem_of("touchpoints.a.cost=1..nan"), order);
  EXPECT_EQ(problem_of("touchpoints.a.cost=-inf..1"), order);
  EXPECT_EQ(problem_of("touchpoints.a.cost=0..1e400"), order);
  EXPECT_EQ(problem_of("touchpoints.a.cost=..1"), order);
  EXPECT_EQ(problem_of("touchpoints.a.cost=0...1"), order);
  EXPECT_EQ(problem_of("touchpoints.a.dwell=30m..5m"),
            "the range must be A..B with A below B, both durations such as 5m..30m");
  const std::string step = "the step after ':' must be a number above zero";
  EXPECT_EQ(problem_of("touchpoints.a.cost=0..1:0"), step);
  EXPECT_EQ(problem_of("touchpoints.a.cost=0..1:-0.1"), step);
  EXPECT_EQ(problem_of("touchpoints.a.cost=0..1:nan"), step);
  EXPECT_EQ(problem_of("touchpoints.a.cost=0..1:inf"), step);
  EXPECT_EQ(problem_of("touchpoints.a.cost=0..1:x"), step);
  EXPECT_EQ(problem_of("touchpoints.a.cost=0..1:"), step);
  EXPECT_EQ(problem_of("touchpoints.a.cost=0..1:0.5:0.5"), step);
  EXPECT_EQ(problem_of("touchpoints.a.dwell=5m..30m:0s"), "the step after ':' must be a duration above zero");
  // Points closer than a double can tell apart would repeat one value.
  EXPECT_EQ(problem_of("touchpoints.a.cost=1e16..1.00000000000001e16:1"),
            "the points are too close together to tell apart; use a larger step");
}

TEST(SweepSpec, EachPointIsTheValueItsLabelShows) {
  std::string problem;
  const std::optional<SweepSpec> spec = parse_sweep(one_step_scenario(), "transitions.a->won.p=0.1..0.5:0.1", problem);
  ASSERT_TRUE(spec) << problem;
  ASSERT_EQ(spec->labels.size(), 5u);
  // 0.1 + 2 x 0.1 is 0.30000000000000004 in doubles; the point is 0.3, as written in the file.
  EXPECT_EQ(spec->labels[2], "0.3");
  EXPECT_EQ(std::get<double>(spec->values[2]), 0.3);
  EXPECT_EQ(std::get<double>(spec->values[4]), 0.5);
}

// "mobile" overrides a's effort, "loyal" a->won's probability; "desk" neither.
const char* kPersonas = R"({
  "entry": {"a": 1},
  "touchpoints": [{"id": "a", "effort": 3}, {"id": "won", "outcome": "converted"}, {"id": "lost", "outcome": "lost"}],
  "transitions": [{"from": "a", "to": "won", "p": 0.3}, {"from": "a", "to": "lost", "p": "rest"}],
  "segments": [{"id": "desk", "share": 0.5}, {"id": "mobile", "share": 0.3, "touchpoints": [{"id": "a", "effort": 5}]},
               {"id": "loyal", "share": 0.2, "transitions": [{"from": "a", "to": "won", "p": 0.6}]}]
})";

Variant sweep_point(const Scenario& scenario, const std::string& text, std::size_t i) {
  std::string problem;
  const std::optional<SweepSpec> spec = parse_sweep(scenario, text, problem);
  EXPECT_TRUE(spec) << problem;
  Diagnostics diagnostics;
  std::optional<Variant> variant = sweep_variant(scenario, *spec, i, diagnostics, text);
  EXPECT_TRUE(variant) << (diagnostics.empty() ? "" : diagnostics.all().front().message);
  return variant.value_or(Variant{});
}

TEST(SweepVariant, SegmentsWithTheirOwnValueKeepIt) {
  const Scenario scenario = *load_scenario_text(kPersonas).scenario;
  std::string problem;
  const ChangeAddress address = parse_sweep(scenario, "touchpoints.a.effort=1..2", problem)->address;
  EXPECT_EQ(segments_with_own_value(scenario, address), std::vector<std::string>{"mobile"});
  const Variant effort = sweep_point(scenario, "touchpoints.a.effort=1..7", 0);  // effort 1
  ASSERT_EQ(effort.journeys.size(), 3u);
  EXPECT_EQ(effort.journeys[0].touchpoints[0].effort, 1);
  EXPECT_EQ(effort.journeys[1].touchpoints[0].effort, 5);  // mobile's own
  EXPECT_EQ(effort.journeys[2].touchpoints[0].effort, 1);
  EXPECT_EQ(effort.journeys[1].segment_id, "mobile");

  const Variant p = sweep_point(scenario, "transitions.a->won.p=0.1..0.5:0.1", 3);  // 0.4
  EXPECT_EQ(p.journeys[0].transitions[0].p.value, 0.4);
  EXPECT_EQ(p.journeys[1].transitions[0].p.value, 0.4);
  EXPECT_EQ(p.journeys[2].transitions[0].p.value, 0.6);         // loyal's own
  EXPECT_DOUBLE_EQ(p.journeys[0].transitions[1].p.value, 0.6);  // the rest absorbs
}

TEST(SweepVariant, ThePointAtTheScenariosOwnValueIsTheBaseline) {
  const Scenario scenario = *load_scenario_text(kPersonas).scenario;
  const Variant effort = sweep_point(scenario, "touchpoints.a.effort=1..7", 2);  // effort 3, the base's
  const std::vector<Journey> base = resolve_journeys(scenario);
  ASSERT_EQ(effort.journeys.size(), base.size());
  for (std::size_t s = 0; s < base.size(); ++s) {
    EXPECT_EQ(effort.journeys[s].touchpoints, base[s].touchpoints) << base[s].segment_id;
    EXPECT_EQ(effort.journeys[s].transitions, base[s].transitions) << base[s].segment_id;
  }
  const Variant p = sweep_point(scenario, "transitions.a->won.p=0.1..0.5:0.1", 2);  // 0.3, the base's
  for (std::size_t s = 0; s < base.size(); ++s) EXPECT_EQ(p.journeys[s].transitions, base[s].transitions);
}

}  // namespace
}  // namespace journeysim
