// The viewer's document edits: each result loads as a valid scenario, moves
// probability by DESIGN section 7's rule, keeps segment overrides consistent,
// and an edit that cannot be made says why.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/viewer/document_edits.hpp"

namespace journeysim::viewer {
namespace {

// a -> b 0.2, a -> c 0.3, a -> d rest; b -> c 0.4, b -> d 0.6 (no rest); c, d endings.
const char* const small = R"({
  "entry": {"a": 0.75, "b": 0.25},
  "touchpoints": [{"id": "a"}, {"id": "b"}, {"id": "c", "outcome": "converted"}, {"id": "d", "outcome": "lost"}],
  "transitions": [
    {"from": "a", "to": "b", "p": 0.2}, {"from": "a", "to": "c", "p": 0.3}, {"from": "a", "to": "d", "p": "rest"},
    {"from": "b", "to": "c", "p": 0.4}, {"from": "b", "to": "d", "p": 0.6}
  ],
  "segments": [
    {"id": "s1", "share": 0.5, "entry": {"b": 1}, "touchpoints": [{"id": "b", "effort": 3}],
     "transitions": [{"from": "a", "to": "b", "p": 0.1}, {"from": "b", "to": "c", "p": 0.5}, {"from": "b", "to": "d", "p": 0.5}]},
    {"id": "s2", "share": 0.5}
  ]
})";

struct Loaded {
  Json document;
  Scenario scenario;
};

Loaded load(const std::string& text) {
  const LoadResult r = load_scenario_text(text);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty()
                              ? ""
                              : format_diagnostic(r.diagnostics.all().front(), "s.json", r.document.get()));
  if (!r.ok()) return {};
  return {r.document->root(), *r.scenario};
}

// The edited document as a scenario: it must load.
Scenario reload(const Json& document) {
  const LoadResult r = load_scenario_text(document.dump());
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty()
                              ? ""
                              : format_diagnostic(r.diagnostics.all().front(), "s.json", r.document.get()))
                      << "\n"
                      << document.dump(1);
  return r.scenario.value_or(Scenario{});
}

double p(const Scenario& s, const char* from, const char* to) {
  const auto k = s.find_transition(*s.find_touchpoint(from), *s.find_touchpoint(to));
  EXPECT_TRUE(k.has_value()) << from << "->" << to;
  return k ? s.transitions[*k].p.value : -1.0;
}

bool has(const Scenario& s, const char* from, const char* to) {
  return s.find_transition(*s.find_touchpoint(from), *s.find_touchpoint(to)).has_value();
}

TEST(DocumentEdits, ProbabilityGoesToRestOrRescalesTheOthers) {
  const Loaded l = load(small);
  const Scenario into_rest = reload(with_probability(l.document, 0, 0.5));  // a->b
  EXPECT_DOUBLE_EQ(p(into_rest, "a", "b"), 0.5);
  EXPECT_DOUBLE_EQ(p(into_rest, "a", "c"), 0.3);
  EXPECT_NEAR(p(into_rest, "a", "d"), 0.2, 1e-12);
  const Json rescaled = with_probability(l.document, 3, 0.8);  // b->c; b has no rest
  EXPECT_EQ(rescaled["transitions"][4]["p"], 0.2);             // tidy: not 0.19999999999999996
  reload(rescaled);
  // Moving the "rest" itself makes it a number; the others share what is left in proportion.
  const Json from_rest = with_probability(l.document, 2, 0.3);  // a->d
  EXPECT_EQ(from_rest["transitions"][2]["p"], 0.3);
  EXPECT_EQ(from_rest["transitions"][0]["p"], 0.28);
  EXPECT_EQ(from_rest["transitions"][1]["p"], 0.42);
  reload(from_rest);
}

TEST(DocumentEdits, ASentimentWeightSavesAsTyped) {
  const Loaded l = load(small);
  const Json edited =
      with_sentiment_weight(l.document, 3, static_cast<double>(0.35f));  // as a drag field hands it over
  EXPECT_EQ(edited["transitions"][3]["sentiment_weight"], 0.35);
  EXPECT_EQ(reload(edited).transitions[3].sentiment_weight, 0.35);
}

TEST(DocumentEdits, AddingATransitionPutsItBesideItsSiblings) {
  const Loaded l =
      load(R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b"}, {"id": "c", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "c", "p": 1}, {"from": "b", "to": "c", "p": 1}]})");
  const DocumentEdit e = with_transition_added(l.document, l.scenario, 0, 1);
  ASSERT_TRUE(e.ok()) << e.problem;
  EXPECT_EQ(e.document["transitions"][1], (Json{{"from", "a"}, {"to", "b"}, {"p", 0}}));
  EXPECT_EQ(p(reload(e.document), "a", "b"), 0.0);
  EXPECT_EQ(with_transition_added(l.document, l.scenario, 0, 2).problem, "a->c is already there");
  EXPECT_EQ(with_transition_added(l.document, l.scenario, 2, 0).problem,
            "\"c\" is an ending: customers leave the journey there");
}

TEST(DocumentEdits, RemovingATransitionGivesItsProbabilityAway) {
  const Loaded l = load(small);
  // a->b: a's rest absorbs it; segment s1's override of a->b goes with it.
  const DocumentEdit to_rest = with_transition_removed(l.document, l.scenario, 0);
  ASSERT_TRUE(to_rest.ok()) << to_rest.problem;
  const Scenario s = reload(to_rest.document);
  EXPECT_FALSE(has(s, "a", "b"));
  EXPECT_NEAR(p(s, "a", "d"), 0.7, 1e-12);
  // b->d: b has no rest, so b->c is rescaled to 1 (in the base; s1's own override of b->d goes).
  const DocumentEdit rescaled = with_transition_removed(l.document, l.scenario, 4);
  ASSERT_TRUE(rescaled.ok()) << rescaled.problem;
  EXPECT_EQ(rescaled.document["transitions"][3]["p"], 1.0);
  // Removing the rest rescales the numbers: a->b 0.4, a->c 0.6.
  const DocumentEdit the_rest = with_transition_removed(l.document, l.scenario, 2);
  ASSERT_TRUE(the_rest.ok());
  EXPECT_EQ(the_rest.document["transitions"][0]["p"], 0.4);
  EXPECT_EQ(the_rest.document["transitions"][1]["p"], 0.6);
  reload(the_rest.document);
  // The only way out cannot go.
  const Loaded one = load(R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "c", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "c", "p": 1}]})");
  EXPECT_EQ(with_transition_removed(one.document, one.scenario, 0).problem,
            "\"a\" has no other way out; add another transition from it first, or remove the touchpoint");
}

TEST(DocumentEdits, ATouchpointOnAFlowTakesAllOfIt) {
  const Loaded l = load(small);
  const DocumentEdit e = with_touchpoint_on_flow(l.document, l.scenario, 0, Json{{"id", "chat"}, {"channel", "chat"}});
  ASSERT_TRUE(e.ok()) << e.problem;
  const Scenario s = reload(e.document);
  EXPECT_EQ(*s.find_touchpoint("chat"), 1u);  // placed after a, where the flow starts
  EXPECT_FALSE(has(s, "a", "b"));
  EXPECT_DOUBLE_EQ(p(s, "a", "chat"), 0.2);
  EXPECT_DOUBLE_EQ(p(s, "chat", "b"), 1.0);
  // Segment s1's override of a->b now applies to a->chat.
  EXPECT_EQ(e.document["segments"][0]["transitions"][0]["to"], "chat");
  EXPECT_EQ(with_touchpoint_on_flow(l.document, l.scenario, 0, Json{{"id", "b"}}).problem,
            "\"b\" is taken; pick another id");
}

TEST(DocumentEdits, AnEndingTakesItsShareByTheRule) {
  const Loaded l = load(small);
  const DocumentEdit e =
      with_ending_added(l.document, l.scenario, 1, Json{{"id", "churned"}, {"outcome", "churned"}}, 0.1);
  ASSERT_TRUE(e.ok()) << e.problem;
  const Scenario s = reload(e.document);
  EXPECT_DOUBLE_EQ(p(s, "b", "churned"), 0.1);
  EXPECT_NEAR(p(s, "b", "c") + p(s, "b", "d"), 0.9, 1e-12);  // b has no rest: rescaled
  // Segment s1 sets all of b's exits itself: the new ending's 0.1 is rescaled in with them.
  const Journey s1 = resolve_journey(s, 0);
  const std::size_t churned = *s.find_transition(*s.find_touchpoint("b"), *s.find_touchpoint("churned"));
  EXPECT_NEAR(s1.transitions[churned].p.value, 0.1 / 1.1, 1e-11);
  EXPECT_EQ(with_ending_added(l.document, l.scenario, 1, Json{{"id", "x"}}, 0.1).problem,
            "an ending needs an outcome, e.g. converted");
}

TEST(DocumentEdits, RemovingATouchpointSendsItsInflowOn) {
  const Loaded l = load(small);
  // b goes, its inflow to a. a->b is a's own way into b: it goes, its 0.2 to a's rest;
  // b's entry shares (0.25 in the base, all of s1's) move to a.
  const DocumentEdit e = with_touchpoint_removed(l.document, 1, 0);
  ASSERT_TRUE(e.ok()) << e.problem;
  const Scenario s = reload(e.document);
  EXPECT_FALSE(s.find_touchpoint("b").has_value());
  EXPECT_NEAR(p(s, "a", "d"), 0.7, 1e-12);
  EXPECT_EQ(e.document["entry"], (Json{{"a", 1.0}}));
  EXPECT_EQ(e.document["segments"][0]["entry"], (Json{{"a", 1.0}}));
  EXPECT_FALSE(e.document["segments"][0]["touchpoints"].dump().find("\"b\"") != std::string::npos);
  EXPECT_EQ(with_touchpoint_removed(l.document, 1, 1).problem,
            "its inflow cannot go to itself; pick another touchpoint");
}

TEST(DocumentEdits, RemovedInflowMergesOrRetargets) {
  // x -> m 0.5, x -> y 0.2, x -> out rest; m -> y 1; y -> out 1. Removing m with its inflow to y:
  // x->m merges into x->y (0.7); a segment's override of x->m follows it.
  const Loaded l = load(R"({"entry": {"x": 1},
    "touchpoints": [{"id": "x"}, {"id": "m"}, {"id": "y"}, {"id": "out", "outcome": "lost"}],
    "transitions": [{"from": "x", "to": "m", "p": 0.5}, {"from": "x", "to": "y", "p": 0.2}, {"from": "x", "to": "out", "p": "rest"},
                    {"from": "m", "to": "y", "p": 1}, {"from": "y", "to": "out", "p": 1}],
    "segments": [{"id": "s", "share": 1, "transitions": [{"from": "x", "to": "m", "p": 0.3}]}]})");
  const DocumentEdit e = with_touchpoint_removed(l.document, 1, 2);
  ASSERT_TRUE(e.ok()) << e.problem;
  const Scenario s = reload(e.document);
  EXPECT_DOUBLE_EQ(p(s, "x", "y"), 0.7);
  EXPECT_NEAR(p(s, "x", "out"), 0.3, 1e-12);
  // In the segment: x->y = 0.2 (the base's before) + 0.3 (its own x->m).
  EXPECT_EQ(e.document["segments"][0]["transitions"], (Json::array({Json{{"from", "x"}, {"to", "y"}, {"p", 0.5}}})));
  // With no x->y, x->m is retargeted instead, and the override follows.
  const Loaded r = load(R"({"entry": {"x": 1},
    "touchpoints": [{"id": "x"}, {"id": "m"}, {"id": "y"}, {"id": "out", "outcome": "lost"}],
    "transitions": [{"from": "x", "to": "m", "p": 0.5}, {"from": "x", "to": "out", "p": "rest"},
                    {"from": "m", "to": "y", "p": 1}, {"from": "y", "to": "out", "p": 1}],
    "segments": [{"id": "s", "share": 1, "transitions": [{"from": "x", "to": "m", "p": 0.3}]}]})");
  const DocumentEdit retargeted = with_touchpoint_removed(r.document, 1, 2);
  ASSERT_TRUE(retargeted.ok());
  EXPECT_DOUBLE_EQ(p(reload(retargeted.document), "x", "y"), 0.5);
  EXPECT_EQ(retargeted.document["segments"][0]["transitions"][0]["to"], "y");
}

TEST(DocumentEdits, ASegmentLeftOutOfBalanceIsRescaledAsItsOwn) {
  // x -> a 0.2, b 0.3, c 0.5 and no rest; the segment sets x -> c itself (to 0.5).
  const Loaded l = load(R"({"entry": {"x": 1},
    "touchpoints": [{"id": "x"}, {"id": "a", "outcome": "lost"}, {"id": "b", "outcome": "lost"}, {"id": "c", "outcome": "converted"}],
    "transitions": [{"from": "x", "to": "a", "p": 0.2}, {"from": "x", "to": "b", "p": 0.3}, {"from": "x", "to": "c", "p": 0.5}],
    "segments": [{"id": "s", "share": 1, "transitions": [{"from": "x", "to": "c", "p": 0.5}]}]})");
  // x -> a to 0.4: the base rescales b and c to 0.225 and 0.375; the segment's
  // 0.4 + 0.225 + its own 0.5 = 1.125 is rescaled, all three now its own.
  const Json edited = with_probability(l.document, 0, 0.4);
  const Scenario s = reload(edited);
  const Json& own = edited["segments"][0]["transitions"];
  ASSERT_EQ(own.size(), 3u);
  EXPECT_EQ(own[0], (Json{{"from", "x"}, {"to", "c"}, {"p", std::stod(format_number(0.5 / 1.125, 12))}}));
  EXPECT_EQ(own[1]["to"], "a");
  EXPECT_EQ(own[2]["to"], "b");
  const Journey segment = resolve_journey(s, 0);
  double total = 0;
  for (const Transition& t : segment.transitions) total += t.p.value;
  EXPECT_NEAR(total, 1.0, 1e-11);
  EXPECT_NEAR(segment.transitions[0].p.value, 0.4 / 1.125, 1e-11);
}

TEST(DocumentEdits, NewIdsAreChecked) {
  const Loaded l = load(small);
  EXPECT_EQ(new_touchpoint_id_problem(l.scenario, "chat_2"), "");
  EXPECT_EQ(new_touchpoint_id_problem(l.scenario, ""), "give it an id: letters, digits and _, e.g. chatbot");
  EXPECT_EQ(new_touchpoint_id_problem(l.scenario, "live chat"),
            "an id has only letters, digits and _ (no spaces), e.g. chatbot_2");
  EXPECT_EQ(new_touchpoint_id_problem(l.scenario, "active"),
            "\"active\" is reserved for an ending the engine gives; pick another id");
  EXPECT_EQ(new_touchpoint_id_problem(l.scenario, "a"), "\"a\" is taken; pick another id");
}

// Every touchpoint of every shipped scenario that no what-if names can be
// removed, its inflow sent to an ending, and the result still loads.
class ShippedRemovals : public testing::TestWithParam<std::string> {};

TEST_P(ShippedRemovals, EveryRemovalLoads) {
  const Loaded l = load([&] {
    Diagnostics d;
    return *read_text_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam(), d);
  }());
  const std::string what_ifs = l.document.contains("what_if") ? l.document["what_if"].dump() : "";
  std::size_t ending = 0;
  while (!l.scenario.touchpoints[ending].terminal()) ++ending;
  std::size_t removed_count = 0;
  for (std::size_t t = 0; t < l.scenario.touchpoints.size(); ++t) {
    const std::string& id = l.scenario.touchpoints[t].id;
    if (t == ending || what_ifs.find("\"" + id) != std::string::npos || what_ifs.find(id + "\"") != std::string::npos ||
        what_ifs.find(id + "-") != std::string::npos || what_ifs.find(">" + id) != std::string::npos ||
        what_ifs.find("." + id + ".") != std::string::npos) {
      continue;
    }
    SCOPED_TRACE(id);
    const DocumentEdit e = with_touchpoint_removed(l.document, t, ending);
    if (!e.ok()) continue;  // e.g. a touchpoint whose only way out leads back to it
    const LoadResult r = load_scenario_text(e.document.dump());
    EXPECT_TRUE(r.ok()) << (r.diagnostics.empty()
                                ? ""
                                : format_diagnostic(r.diagnostics.all().front(), GetParam(), r.document.get()));
    ++removed_count;
  }
  EXPECT_GT(removed_count, 5u);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ShippedRemovals,
                         testing::Values("online_store.json", "saas_subscription.json", "contact_centre.json"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(0, info.param.find('.'));
                         });

}  // namespace
}  // namespace journeysim::viewer
