// What-if changes do what DESIGN section 7 says: probabilities absorbed by
// "rest" or rescaled, flows rerouted, touchpoints added and removed, every
// segment changed, and errors that name the variant, the change and the id.
#include <gtest/gtest.h>

#include <string>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/what_if.hpp"

namespace journeysim {
namespace {

// a -> b 0.2, a -> c 0.3, a -> d "rest"; b -> c 0.4, b -> d 0.6; c, d terminal.
std::string scenario_with(const std::string& what_if, const std::string& segments = "") {
  return R"({
  "entry": {"a": 1},
  "touchpoints": [{"id": "a"}, {"id": "b"}, {"id": "c", "outcome": "converted"}, {"id": "d", "outcome": "lost"}],
  "transitions": [
    {"from": "a", "to": "b", "p": 0.2}, {"from": "a", "to": "c", "p": 0.3}, {"from": "a", "to": "d", "p": "rest"},
    {"from": "b", "to": "c", "p": 0.4}, {"from": "b", "to": "d", "p": 0.6}
  ],)" + segments +
         R"(
  "what_if": [{"name": "V", "cost": 10, "changes": [)" +
         what_if + R"(]}]
})";
}

Variant apply(const std::string& text) {
  LoadResult loaded = load_scenario_text(text);
  if (!loaded.ok()) {
    ADD_FAILURE() << format_diagnostic(loaded.diagnostics.all().front(), "s.json", loaded.document.get());
    return {};
  }
  Diagnostics diagnostics;
  std::optional<Variant> variant = apply_what_if(*loaded.scenario, 0, diagnostics);
  EXPECT_TRUE(variant.has_value());
  return variant.value_or(Variant{});
}

std::vector<std::string> errors(const std::string& text) {
  const LoadResult loaded = load_scenario_text(text);
  std::vector<std::string> out;
  for (const Diagnostic& d : loaded.diagnostics.all())
    out.push_back(format_diagnostic(d, "s.json", loaded.document.get()));
  return out;
}

double p(const Variant& v, std::size_t transition, std::size_t journey = 0) {
  return v.journeys.at(journey).transitions.at(transition).p.value;
}

TEST(WhatIf, SetMovesProbabilityIntoRest) {
  const Variant v = apply(scenario_with(R"({"set": "transitions.a->b.p", "value": 0.5})"));
  EXPECT_DOUBLE_EQ(p(v, 0), 0.5);
  EXPECT_DOUBLE_EQ(p(v, 1), 0.3);
  EXPECT_NEAR(p(v, 2), 0.2, 1e-15);  // rest absorbed -0.3
  EXPECT_EQ(v.name, "V");
  EXPECT_EQ(v.cost, 10.0);
}

TEST(WhatIf, SetRescalesTheOthersWithoutRest) {
  // b has no "rest": raising b->c to 0.8 scales b->d from 0.6 to 0.2.
  const Variant v = apply(scenario_with(R"({"set": "transitions.b->c.p", "value": 0.8})"));
  EXPECT_DOUBLE_EQ(p(v, 3), 0.8);
  EXPECT_NEAR(p(v, 4), 0.2, 1e-15);
}

TEST(WhatIf, ScaleMultipliesAndRefusesLeavingTheUnitInterval) {
  const Variant v = apply(scenario_with(R"({"scale": "transitions.a->c.p", "by": 2})"));
  EXPECT_DOUBLE_EQ(p(v, 1), 0.6);
  EXPECT_NEAR(p(v, 2), 0.2, 1e-15);
  EXPECT_EQ(errors(scenario_with(R"({"scale": "transitions.a->c.p", "by": 4})")),
            std::vector<std::string>{"s.json:8:53: error: what_if[0].changes[0]: in what-if \"V\", scale: the "
                                     "probability would become 1.2, outside [0, 1]; change it by less"});
}

TEST(WhatIf, ScaleDwellAndSetFields) {
  const Variant v = apply(scenario_with(R"({"set": "touchpoints.a.dwell", "value": "10m"},
    {"scale": "touchpoints.a.dwell", "by": 3}, {"set": "touchpoints.b.effort", "value": 5},
    {"set": "touchpoints.b.csat", "value": false})"));
  EXPECT_EQ(v.journeys[0].touchpoints[0].dwell, Distribution::constant(1800.0));
  EXPECT_EQ(v.journeys[0].touchpoints[1].effort, 5);
  EXPECT_FALSE(v.journeys[0].touchpoints[1].csat);
}

TEST(WhatIf, AddTouchpointWithTransitions) {
  const Variant v = apply(scenario_with(R"({"add_touchpoint": {"id": "bot", "stage": "support", "dwell": "3m"}},
    {"add_transition": {"from": "bot", "to": "c", "p": 0.4}},
    {"add_transition": {"from": "bot", "to": "d", "p": "rest"}},
    {"reroute": "transitions.a->b", "to": "bot", "share": 0.5})"));
  ASSERT_EQ(v.touchpoints.size(), 5u);
  EXPECT_EQ(v.touchpoints[4].id, "bot");
  ASSERT_EQ(v.journeys[0].transitions.size(), 8u);
  EXPECT_DOUBLE_EQ(p(v, 5), 0.4);    // bot->c
  EXPECT_NEAR(p(v, 6), 0.6, 1e-15);  // bot->d, rest
  EXPECT_DOUBLE_EQ(p(v, 0), 0.1);    // a->b kept half
  EXPECT_DOUBLE_EQ(p(v, 7), 0.1);    // a->bot got the other half
  EXPECT_NEAR(p(v, 2), 0.5, 1e-15);  // a->d rest unchanged
}

TEST(WhatIf, AddTransitionTakesFromRestOrFromTheOthers) {
  const Variant with_rest = apply(scenario_with(R"({"add_transition": {"from": "a", "to": "a", "p": 0.1}})"));
  EXPECT_NEAR(p(with_rest, 2), 0.4, 1e-15);
  const Variant without = apply(scenario_with(R"({"add_transition": {"from": "b", "to": "b", "p": 0.5}})"));
  EXPECT_DOUBLE_EQ(p(without, 3), 0.2);
  EXPECT_DOUBLE_EQ(p(without, 4), 0.3);
}

TEST(WhatIf, RemoveTransitionGivesItsProbabilityAway) {
  const Variant to_rest = apply(scenario_with(R"({"remove_transition": "transitions.a->b"})"));
  EXPECT_EQ(p(to_rest, 0), 0.0);
  EXPECT_NEAR(p(to_rest, 2), 0.7, 1e-15);
  const Variant rescaled = apply(scenario_with(R"({"remove_transition": "transitions.b->d"})"));
  EXPECT_EQ(p(rescaled, 4), 0.0);
  EXPECT_DOUBLE_EQ(p(rescaled, 3), 1.0);
}

TEST(WhatIf, RemoveTouchpointSendsItsInflowOn) {
  const Variant v = apply(scenario_with(R"({"remove_touchpoint": "b", "inflow_to": "c"})"));
  EXPECT_EQ(p(v, 0), 0.0);         // a->b
  EXPECT_DOUBLE_EQ(p(v, 1), 0.5);  // a->c got a->b's 0.2
  EXPECT_EQ(v.removed_touchpoints, std::vector<std::string>{"b"});
}

TEST(WhatIf, ChangesApplyToEverySegmentsJourney) {
  const Variant v = apply(
      scenario_with(R"({"scale": "transitions.a->b.p", "by": 2})",
                    R"("segments": [{"id": "s1", "share": 0.5, "transitions": [{"from": "a", "to": "b", "p": 0.1}]},
                                                        {"id": "s2", "share": 0.5}],)"));
  ASSERT_EQ(v.journeys.size(), 2u);
  EXPECT_DOUBLE_EQ(p(v, 0, 0), 0.2);  // the segment's own 0.1, doubled
  EXPECT_DOUBLE_EQ(p(v, 0, 1), 0.4);
  EXPECT_NEAR(p(v, 2, 0), 0.5, 1e-15);
}

TEST(WhatIf, UnknownIdsAreNamedWithASuggestion) {
  EXPECT_EQ(errors(scenario_with(R"({"reroute": "transitions.a->bb", "to": "c", "share": 0.5})")),
            std::vector<std::string>{"s.json:8:53: error: what_if[0].changes[0]: in what-if \"V\", reroute: unknown "
                                     "touchpoint \"bb\"; did you mean \"b\"?"});
  EXPECT_EQ(errors(scenario_with(R"({"set": "transitions.a->a.p", "value": 0.1})")),
            std::vector<std::string>{"s.json:8:53: error: what_if[0].changes[0]: in what-if \"V\", set: unknown "
                                     "transition \"a->a\"; did you mean \"a->b\"?"});
  EXPECT_EQ(errors(scenario_with(R"({"set": "touchpoints.a.dwel", "value": "1m"})")),
            std::vector<std::string>{"s.json:8:61: error: what_if[0].changes[0].set: unknown field \"dwel\" in "
                                     "\"touchpoints.a.dwel\"; did you mean \"dwell\"?"});
}

TEST(WhatIf, AnInvalidVariantIsRefused) {
  // A new touchpoint with one transition of 0.4 and no rest: its sum is not 1.
  EXPECT_EQ(errors(scenario_with(
                R"({"add_touchpoint": {"id": "bot"}}, {"add_transition": {"from": "bot", "to": "c", "p": 0.4}},
    {"reroute": "transitions.a->b", "to": "bot", "share": 1})")),
            std::vector<std::string>{"s.json:8:15: error: what_if[0]: in what-if \"V\", after its changes: "
                                     "out-probabilities of \"bot\" sum to 0.4, not 1 (bot->c 0.4); add or change "
                                     "transitions so they sum to 1, or make one of them \"rest\""});
}

TEST(WhatIf, AChangeNeedsExactlyOneOperation) {
  EXPECT_EQ(errors(scenario_with(R"({"value": 1})")),
            std::vector<std::string>{"s.json:8:53: error: what_if[0].changes[0]: the change names no operation; give "
                                     "exactly one of set, scale, add_touchpoint, remove_touchpoint, add_transition, "
                                     "remove_transition, reroute"});
}

}  // namespace
}  // namespace journeysim

// variant_from_edit: an edit made in the viewer, aligned to the baseline's
// indices so that the two pair customer by customer.
namespace journeysim {
namespace {

Scenario loaded_scenario(const std::string& text) {
  LoadResult loaded = load_scenario_text(text);
  EXPECT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.all().front().message);
  return loaded.scenario.value_or(Scenario{});
}

const char* const any_change = R"({"set": "touchpoints.a.effort", "value": 2})";
const char* const segmented = R"(
  "segments": [{"id": "s1", "share": 0.4, "transitions": [{"from": "a", "to": "b", "p": 0.1}]}, {"id": "s2", "share": 0.6}],)";

TEST(VariantFromEdit, AnUneditedScenarioIsItsOwnVariant) {
  const Scenario base = loaded_scenario(scenario_with(any_change, segmented));
  const std::optional<Variant> v = variant_from_edit(base, base, "current");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->name, "current");
  EXPECT_EQ(v->touchpoints, base.touchpoints);
  EXPECT_TRUE(v->removed_touchpoints.empty());
  const std::vector<Journey> journeys = resolve_journeys(base);
  ASSERT_EQ(v->journeys.size(), journeys.size());
  for (std::size_t s = 0; s < journeys.size(); ++s) {
    EXPECT_EQ(v->journeys[s].segment_id, journeys[s].segment_id);
    EXPECT_EQ(v->journeys[s].touchpoints, journeys[s].touchpoints);
    EXPECT_EQ(v->journeys[s].transitions, journeys[s].transitions);
    EXPECT_EQ(v->journeys[s].entry, journeys[s].entry);
  }
}

TEST(VariantFromEdit, RemovedThingsKeepTheirPlaceAndNewOnesAreAppended) {
  const Scenario base = loaded_scenario(scenario_with(any_change));
  // b removed (a's flow to it now goes to a new touchpoint e, which leads to c).
  const Scenario edited = loaded_scenario(R"({
  "entry": {"a": 1},
  "touchpoints": [{"id": "a"}, {"id": "e", "effort": 3}, {"id": "c", "outcome": "converted"}, {"id": "d", "outcome": "lost"}],
  "transitions": [
    {"from": "a", "to": "e", "p": 0.2}, {"from": "a", "to": "c", "p": 0.3}, {"from": "a", "to": "d", "p": "rest"},
    {"from": "e", "to": "c", "p": 1}
  ]
})");
  const std::optional<Variant> v = variant_from_edit(base, edited, "current");
  ASSERT_TRUE(v.has_value());
  ASSERT_EQ(v->touchpoints.size(), 5u);
  EXPECT_EQ(v->touchpoints[1].id, "b");  // kept in place, unreachable
  EXPECT_EQ(v->touchpoints[4].id, "e");
  EXPECT_EQ(v->removed_touchpoints, std::vector<std::string>{"b"});
  const Journey& j = v->journeys.front();
  ASSERT_EQ(j.transitions.size(), 7u);  // the base's five, then a->e and e->c
  EXPECT_EQ(p(*v, 0), 0.0);             // a->b is gone
  EXPECT_EQ(p(*v, 1), 0.3);
  EXPECT_DOUBLE_EQ(p(*v, 2), 0.5);
  EXPECT_EQ(p(*v, 3), 0.0);  // b->c and b->d: gone with b
  EXPECT_EQ(p(*v, 4), 0.0);
  EXPECT_EQ(j.transitions[5].from, 0u);
  EXPECT_EQ(j.transitions[5].to, 4u);
  EXPECT_EQ(p(*v, 5), 0.2);
  EXPECT_EQ(j.transitions[6].from, 4u);
  EXPECT_EQ(j.transitions[6].to, 2u);
  EXPECT_EQ(j.touchpoints[4].effort, 3);
  ASSERT_EQ(j.entry.size(), 1u);
  EXPECT_EQ(j.entry[0].touchpoint, 0u);
}

TEST(VariantFromEdit, DifferentSegmentsCannotPair) {
  const Scenario base = loaded_scenario(scenario_with(any_change, segmented));
  const Scenario edited = loaded_scenario(scenario_with(any_change));
  std::string why;
  EXPECT_FALSE(variant_from_edit(base, edited, "current", &why).has_value());
  EXPECT_EQ(why, "the segments differ from the baseline's");
}

// --- Values a change makes are held to the loader's rules (issue 10) ---

// The messages of building a variant from changes made in code (sweep and
// sensitivity do this), without a file.
std::vector<std::string> change_errors(const std::string& text, const std::vector<WhatIfChange>& changes) {
  const LoadResult loaded = load_scenario_text(text);
  EXPECT_TRUE(loaded.ok());
  if (!loaded.ok()) return {};
  Diagnostics diagnostics;
  const std::optional<Variant> variant =
      apply_changes(*loaded.scenario, "v", changes, diagnostics, "the sweep value v");
  EXPECT_EQ(variant.has_value(), diagnostics.all().empty());
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.all()) out.push_back(format_diagnostic(d, "", nullptr).substr(2));  // no file
  return out;
}

WhatIfChange set_change(std::string touchpoint_or_from, std::string to_or_empty, std::string field, ChangeValue value) {
  WhatIfChange change;
  change.kind = WhatIfChange::Kind::set;
  change.address.kind = to_or_empty.empty() ? ChangeAddress::Kind::touchpoint : ChangeAddress::Kind::transition;
  (to_or_empty.empty() ? change.address.touchpoint : change.address.from) = std::move(touchpoint_or_from);
  change.address.to = std::move(to_or_empty);
  change.address.field = std::move(field);
  change.value = std::move(value);
  return change;
}

const std::string declared_stages = R"("stages": ["first", "last"],)";

TEST(WhatIfLimits, AStageMustBeDeclared) {
  EXPECT_EQ(errors(scenario_with(R"({"set": "touchpoints.a.stage", "value": "middle"})", declared_stages)),
            std::vector<std::string>{"s.json:8:53: error: what_if[0].changes[0]: in what-if \"V\", set: stage "
                                     "\"middle\" is not among the declared \"stages\"; add it to \"stages\""});
  EXPECT_EQ(errors(scenario_with(R"({"add_touchpoint": {"id": "bot", "stage": "lats", "outcome": "lost"}})",
                                 declared_stages)),
            std::vector<std::string>{"s.json:8:53: error: what_if[0].changes[0]: in what-if \"V\", add_touchpoint: "
                                     "stage \"lats\" is not among the declared \"stages\"; did you mean \"last\"?"});
  // Declared stages are all a variant may use; without them any stage goes.
  EXPECT_TRUE(errors(scenario_with(R"({"set": "touchpoints.a.stage", "value": "last"})", declared_stages)).empty());
  EXPECT_TRUE(errors(scenario_with(R"({"set": "touchpoints.a.stage", "value": "middle"})")).empty());
}

TEST(WhatIfLimits, ScalingASentimentWeightPastItsBoundIsRefused) {
  std::string text = scenario_with(R"({"scale": "transitions.b->c.sentiment_weight", "by": 100})");
  text.replace(text.find(R"("p": 0.4})"), 9, R"("p": 0.4, "sentiment_weight": 2})");
  EXPECT_EQ(errors(text), std::vector<std::string>{
                              "s.json:8:53: error: what_if[0].changes[0]: in what-if \"V\", scale: sentiment_weight of "
                              "b->c would become 200, outside -50 to 50; scale it by less, or \"set\" a value from -50 "
                              "to 50"});
}

TEST(WhatIfLimits, ChangesMadeInCodeAreCheckedAsTheFileIs) {
  const std::string text = scenario_with(R"({"set": "touchpoints.a.effort", "value": 2})");
  EXPECT_EQ(change_errors(text, {set_change("b", "c", "sentiment_weight", 1e6)}),
            std::vector<std::string>{"error: in the sweep value v, set: sentiment_weight of b->c would become 1e+06, "
                                     "outside -50 to 50; \"set\" a value from -50 to 50"});
  EXPECT_EQ(change_errors(text, {set_change("b", "", "effort", 9.0)}),
            std::vector<std::string>{"error: in the sweep value v, set: effort of \"b\" would become 9, not a whole "
                                     "number from 1 to 7; \"set\" a whole number from 1 to 7"});
  EXPECT_EQ(change_errors(text, {set_change("b", "", "cost", -1.0)}),
            std::vector<std::string>{"error: in the sweep value v, set: cost of \"b\" would become -1, outside 0 to "
                                     "1e+15; \"set\" a value from 0 to 1e+15"});
  EXPECT_EQ(change_errors(text, {set_change("b", "c", "p", 1.5)}),
            std::vector<std::string>{"error: in the sweep value v, set: the probability would become 1.5, outside [0, "
                                     "1]; change it by less"});
  EXPECT_EQ(change_errors(scenario_with(R"({"set": "touchpoints.a.effort", "value": 2})", declared_stages),
                          {set_change("b", "", "stage", std::string("nowhere"))}),
            std::vector<std::string>{"error: in the sweep value v, set: stage \"nowhere\" is not among the declared "
                                     "\"stages\"; add it to \"stages\""});
  EXPECT_TRUE(change_errors(text, {set_change("b", "c", "sentiment_weight", 50.0)}).empty());
}

TEST(WhatIfLimits, AScaledDwellStaysFinite) {
  std::string text = scenario_with(R"({"scale": "touchpoints.a.dwell", "by": 1e9})");
  text.replace(text.find(R"({"id": "a"})"), 11, R"({"id": "a", "dwell": "1)" + std::string(300, '0') + R"(s"})");
  EXPECT_EQ(errors(text), std::vector<std::string>{
                              "s.json:8:53: error: what_if[0].changes[0]: in what-if \"V\", scale: the dwell of \"a\" "
                              "would become infinite; scale it by less"});
}

TEST(WhatIfLimits, AScaleErrorNamesTheSegmentWhoseValueItWas) {
  EXPECT_EQ(errors(scenario_with(R"({"scale": "transitions.b->c.p", "by": 2})",
                                 R"("segments": [{"id": "base", "share": 0.5},
                  {"id": "keen", "share": 0.5, "transitions": [{"from": "b", "to": "c", "p": 0.6}, {"from": "b", "to": "d", "p": 0.4}]}],)")),
            std::vector<std::string>{"s.json:9:53: error: what_if[0].changes[0]: in what-if \"V\", scale: the "
                                     "probability in segment \"keen\" would become 1.2, outside [0, 1]; change it by "
                                     "less"});
  EXPECT_EQ(errors(scenario_with(R"({"scale": "touchpoints.b.effort", "by": 2})",
                                 R"("segments": [{"id": "base", "share": 0.5},
                  {"id": "keen", "share": 0.5, "touchpoints": [{"id": "b", "effort": 5}]}],)")),
            std::vector<std::string>{"s.json:9:53: error: what_if[0].changes[0]: in what-if \"V\", scale: scaling "
                                     "effort 5 in segment \"keen\" by 2 gives 10, not a whole number from 1 to 7; use "
                                     "\"set\" with the effort wanted"});
}

TEST(WhatIfLimits, ATouchpointLeftWithNoWayOutIsAnError) {
  const std::string text = scenario_with(R"({"set": "touchpoints.a.effort", "value": 2})");
  EXPECT_EQ(change_errors(text, {set_change("b", "c", "p", 0.0), set_change("b", "d", "p", 0.0)}),
            std::vector<std::string>{"error: in the sweep value v, after its changes: touchpoint \"b\" has no way "
                                     "out and no outcome; add transitions from it with \"add_transition\""});
}

TEST(WhatIfLimits, EveryErrorOfAVariantHasAFix) {
  // A second "rest", and a transition out of an ending.
  for (const std::string& change : {std::string(R"({"set": "transitions.a->b.p", "value": "rest"})"),
                                    std::string(R"({"add_transition": {"from": "c", "to": "a", "p": 0.5}})")}) {
    const LoadResult loaded = load_scenario_text(scenario_with(change));
    ASSERT_FALSE(loaded.diagnostics.all().empty()) << change;
    for (const Diagnostic& d : loaded.diagnostics.all()) EXPECT_FALSE(d.fix.empty()) << d.message;
  }
}

}  // namespace
}  // namespace journeysim

namespace journeysim {
namespace {

// Personalisation (DESIGN section 7): a change naming a segment changes that
// persona's journey only.
const char* kTwoSegments = R"(
  "segments": [{"id": "smb", "share": 0.3}, {"id": "enterprise", "share": 0.7}],)";

TEST(WhatIfSegment, AChangeNamingASegmentChangesThatJourneyOnly) {
  const Variant v = apply(scenario_with(
      R"({"set": "transitions.a->b.p", "value": 0.5, "segment": "smb"}, {"set": "touchpoints.b.effort", "value": 3, "segment": "enterprise"})",
      kTwoSegments));
  ASSERT_EQ(v.journeys.size(), 2u);
  EXPECT_EQ(v.journeys[0].segment_id, "smb");
  EXPECT_DOUBLE_EQ(v.journeys[0].transitions[0].p.value, 0.5);
  EXPECT_DOUBLE_EQ(v.journeys[0].transitions[2].p.value, 0.2);  // the rest absorbed it
  EXPECT_DOUBLE_EQ(v.journeys[1].transitions[0].p.value, 0.2);
  EXPECT_EQ(v.journeys[0].touchpoints[1].effort, 1);
  EXPECT_EQ(v.journeys[1].touchpoints[1].effort, 3);
  EXPECT_EQ(v.touchpoints[1].effort, 1);  // the structure keeps the base's fields
}

TEST(WhatIfSegment, UnknownSegmentsAndStructuralChangesAreErrors) {
  EXPECT_EQ(
      errors(scenario_with(R"({"set": "touchpoints.b.effort", "value": 3, "segment": "smbb"})", kTwoSegments)),
      std::vector<std::string>{"s.json:9:108: error: what_if[0].changes[0].segment: unknown segment \"smbb\"; did "
                               "you mean \"smb\"?"});
  const std::vector<std::string> structural =
      errors(scenario_with(R"({"remove_transition": "transitions.a->b", "segment": "smb"})", kTwoSegments));
  ASSERT_EQ(structural.size(), 1u);
  EXPECT_NE(structural[0].find("\"segment\" goes with \"set\", \"scale\" and \"reroute\" only"), std::string::npos)
      << structural[0];
}

}  // namespace
}  // namespace journeysim
