// Every diagnostic the loader gives says what to do ("; what to do", DESIGN
// section 10), is one line, and holds no control character: an audit over one
// bad input per kind of mistake, from syntax to what-if variants.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "journeysim/graph/scenario_loader.hpp"

namespace journeysim {
namespace {

// A valid scenario; each case replaces one of its parts.
std::string scenario(const std::string& touchpoint_extra = "", const std::string& top_extra = "",
                     const std::string& entry = R"({"a": 1})", const std::string& transition_extra = "") {
  return R"({)" + top_extra + R"(
  "entry": )" +
         entry + R"(,
  "touchpoints": [{"id": "a")" +
         touchpoint_extra + R"(}, {"id": "b"}, {"id": "c", "outcome": "converted"},
                  {"id": "d", "outcome": "lost"}],
  "transitions": [{"from": "a", "to": "b", "p": 0.5)" +
         transition_extra + R"(}, {"from": "a", "to": "d", "p": "rest"},
                  {"from": "b", "to": "c", "p": 0.4}, {"from": "b", "to": "d", "p": 0.6}]
})";
}

std::string what_if(const std::string& changes) {
  return scenario("", R"("what_if": [{"name": "V", "changes": [)" + changes + "]}],");
}

std::string dwell(const std::string& distribution) { return R"(, "dwell": )" + distribution; }

const std::vector<std::string>& bad_inputs() {
  static const std::vector<std::string> inputs{
      // Syntax.
      "",
      "{",
      "[1,]",
      "{\"a\": 1,}",
      "{'a': 1}",
      "{\"a\": NaN}",
      "{\"a\": 01}",
      "{\"a\": 1 \"b\": 2}",
      "{\"a\" 1}",
      "{1: 2}",
      "{\"a\": tru}",
      "{} {}",
      "{\"a\": 1e999}",
      "{\"a\": \"\xff\"}",
      "\x01\x02",
      "// note\n{}",
      "{\"a\": 1, \"a\": 2}",
      std::string(100, '[') + std::string(100, ']'),
      // The top level.
      "[]",
      scenario("", R"("customers": 0,)"),
      scenario("", R"("customers": 1.5,)"),
      scenario("", R"("seed": -1,)"),
      scenario("", R"("max_steps": 0,)"),
      scenario("", R"("horizon": "0s",)"),
      scenario("", R"("horizon": 5,)"),
      scenario("", R"("arrivals": 1,)"),
      scenario("", R"("nmae": "x",)"),
      scenario("", R"("name": 5,)"),
      scenario("", R"("stages": ["x", "x"],)"),
      scenario(R"(, "stage": "y")", R"("stages": ["x"],)"),
      scenario("", R"("stages": 1,)"),
      // Models.
      scenario("", R"("sentiment": {"min": 2, "max": 1},)"),
      scenario("", R"("sentiment": {"initial": 20},)"),
      scenario("", R"("sentiment": {"effort_penalty": -1},)"),
      scenario("", R"("sentiment": {"min": -20},)"),
      scenario("", R"("sentiment": 1,)"),
      scenario("", R"("nps": {"noise_sd": 0},)"),
      scenario("", R"("nps": {"cutpoints": [1]},)"),
      scenario("", R"("csat": {"cutpoints": [1, 0, 2, 3]},)"),
      scenario("", R"("nps": {"not_asked": "lost"},)"),
      scenario("", R"("nps": {"not_asked": ["lots"]},)"),
      // Entry.
      scenario("", "", R"({"a": 0.5})"),
      scenario("", "", R"({"a": 2})"),
      scenario("", "", R"({"zz": 1})"),
      scenario("", "", R"({})"),
      scenario("", "", R"({"a": "1"})"),
      // Touchpoints.
      scenario(R"(, "effort": 9)"),
      scenario(R"(, "effort": 2.5)"),
      scenario(R"(, "cost": -1)"),
      scenario(R"(, "revenue": -1)"),
      scenario(R"(, "csat": "yes")"),
      scenario(R"(, "capacity": 2)"),
      scenario(R"(, "dwel": "1m")"),
      scenario(R"(, "outcome": "")"),
      scenario(R"(, "outcome": "active")"),
      scenario(R"(, "name": 1)"),
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a b"}], "transitions": []})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": ""}], "transitions": []})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "active"}], "transitions": []})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "a"}], "transitions": []})",
      R"({"entry": {"a": 1}, "touchpoints": [], "transitions": []})",
      R"({"entry": {"a": 1}})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a", "outcome": "lost", "dwell": "1m"}], "transitions": []})",
      scenario(R"(, "sentiment": "up")"),
      // Durations and distributions.
      scenario(dwell(R"("5")")),
      scenario(dwell(R"("-5m")")),
      scenario(dwell("5")),
      scenario(dwell("true")),
      scenario(dwell(R"({"mean": "1m"})")),
      scenario(dwell(R"({"dist": "lognorm"})")),
      scenario(dwell(R"({"dist": "normal", "mean": "1m", "sd": "1m"})")),
      scenario(R"(, "sentiment": {"dist": "exponential", "mean": 1})"),
      scenario(dwell(R"({"dist": "exponential", "mean": "0s"})")),
      scenario(dwell(R"({"dist": "gamma", "mean": "1m", "sd": "0s"})")),
      scenario(dwell(R"({"dist": "gamma", "mean": "0s", "sd": "1m"})")),
      scenario(R"(, "sentiment": {"dist": "normal", "mean": 0, "sd": -1})"),
      scenario(dwell(R"({"dist": "uniform", "min": "2m", "max": "1m"})")),
      scenario(dwell(R"({"dist": "uniform", "min": "1m", "max": "1m"})")),
      scenario(dwell(R"({"dist": "lognormal", "median": "2m", "p90": "1m"})")),
      scenario(dwell(R"({"dist": "lognormal", "median": "2m"})")),
      scenario(dwell(R"({"dist": "lognormal", "mu": 1, "sigma": 0})")),
      scenario(dwell(R"({"dist": "lognormal", "mu": 1})")),
      scenario(dwell(R"({"dist": "lognormal", "mu": 1, "sigma": 1, "median": "1m"})")),
      scenario(dwell(R"({"dist": "empirical", "values": []})")),
      scenario(dwell(R"({"dist": "empirical", "values": ["1m"], "weights": [1, 2]})")),
      scenario(dwell(R"({"dist": "empirical", "values": ["1m"], "weights": [0]})")),
      scenario(dwell(R"({"dist": "empirical", "values": ["1m"], "weights": [-1]})")),
      scenario(dwell(R"({"dist": "fixed", "value": "1m", "mean": "1m"})")),
      // Transitions.
      scenario("", "", R"({"a": 1})", R"(, "sentiment_weight": 99)"),
      scenario("", "", R"({"a": 1})", R"(, "sentiment_weight": "x")"),
      scenario("", "", R"({"a": 1})", R"(, "q": 1)"),
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "b", "p": -0.2}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "b", "p": "rst"}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "b", "p": 0.5}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "b", "p": "rest"}, {"from": "a", "to": "a", "p": "rest"}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "b", "p": 1}, {"from": "b", "to": "a", "p": 1}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "b", "p": 0.5}, {"from": "a", "to": "b", "p": 0.5}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}, {"id": "c"}],
          "transitions": [{"from": "a", "to": "b", "p": 1}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "a", "p": 1}]})",
      R"({"entry": {"a": 1}, "horizon": "1d", "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "a", "p": 1}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "b", "p": 0.5}, {"from": "a", "to": "a", "p": "rest"}, {"from": "a", "to": "x", "p": 0.9}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
          "transitions": [{"from": "a", "to": "b", "p": 1}, {"from": "b", "to": "a", "p": 0}]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}], "transitions": {}})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}], "transitions": [1]})",
      R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}], "transitions": [{}]})",
      // Segments.
      scenario("", R"("segments": [{"id": "s", "share": 0.5}],)"),
      scenario("", R"("segments": [{"id": "s", "share": 1.5}],)"),
      scenario("", R"("segments": [{"id": "s", "share": 0.5}, {"id": "s", "share": 0.5}],)"),
      scenario("", R"("segments": [{"id": "s", "share": 1, "sentiment": {"initial": 50}}],)"),
      scenario("", R"("segments": [{"id": "s", "share": 1, "transitions": [{"from": "a", "to": "c", "p": 0.1}]}],)"),
      scenario(
          "",
          R"("segments": [{"id": "s", "share": 1, "transitions": [{"from": "a", "to": "b", "p": 0.9}, {"from": "a", "to": "d", "p": 0.9}]}],)"),
      scenario("", R"("segments": [{"id": "s", "share": 1, "touchpoints": [{"id": "a", "effort": 0}]}],)"),
      scenario("", R"("segments": [{"id": "s", "share": 1, "touchpoints": 1}],)"),
      scenario("", R"("segments": 1,)"),
      scenario("", R"("segments": [{"share": 1}],)"),
      // What-if variants.
      scenario("", R"("what_if": 1,)"),
      scenario("", R"("what_if": [{"changes": []}],)"),
      scenario("", R"("what_if": [{"name": "V", "changes": [1]}, {"name": "V", "changes": [1]}],)"),
      what_if(R"({"value": 1})"),
      what_if(R"({"set": "touchpoints.a.effort", "scale": "touchpoints.a.effort"})"),
      what_if(R"({"set": "touchpoints.a.effort", "by": 2, "value": 1})"),
      what_if(R"({"set": "touchpoints.a.effort"})"),
      what_if(R"({"set": "touchpoints.a", "value": 1})"),
      what_if(R"({"set": "nowhere", "value": 1})"),
      what_if(R"({"set": "transitions.a-b.p", "value": 1})"),
      what_if(R"({"set": "touchpoints.a.efort", "value": 1})"),
      what_if(R"({"set": "touchpoints.a.effort", "value": 9})"),
      what_if(R"({"set": "touchpoints.zz.effort", "value": 2})"),
      what_if(R"({"set": "transitions.a->c.p", "value": 0.5})"),
      what_if(R"({"scale": "touchpoints.a.name", "by": 2})"),
      what_if(R"({"scale": "touchpoints.a.effort", "by": -1})"),
      what_if(R"({"scale": "touchpoints.a.effort", "by": 1.5})"),
      what_if(R"({"scale": "touchpoints.a.dwell", "by": 0})"),
      what_if(R"({"scale": "transitions.a->b.p", "by": 3})"),
      what_if(R"({"set": "transitions.a->b.p", "value": "rest"})"),
      what_if(R"({"add_transition": {"from": "c", "to": "a", "p": 0.5}})"),
      what_if(R"({"add_transition": {"from": "a", "to": "b", "p": 0.5}})"),
      what_if(R"({"add_transition": {"from": "a", "to": "c"}})"),
      what_if(R"({"add_touchpoint": {"id": "a"}})"),
      what_if(R"({"add_touchpoint": {"id": "e"}}, {"reroute": "transitions.a->b", "to": "e", "share": 1})"),
      what_if(R"({"add_touchpoint": {"id": "e b"}})"),
      what_if(R"({"remove_touchpoint": "a", "inflow_to": "a"})"),
      what_if(R"({"remove_touchpoint": "b", "inflow_to": "a"})"),
      what_if(R"({"reroute": "transitions.a->b", "to": "b", "share": 0.5})"),
      what_if(R"({"reroute": "transitions.a->b", "to": "c", "share": 2})"),
      what_if(R"({"remove_transition": "transitions.b->c"}, {"remove_transition": "transitions.b->d"})"),
      what_if(R"({"remove_transition": "transitions.a->b.p"})"),
  };
  return inputs;
}

TEST(DiagnosticFixes, EveryDiagnosticSaysWhatToDo) {
  std::size_t diagnostics = 0;
  for (const std::string& input : bad_inputs()) {
    const LoadResult loaded = load_scenario_text(input);
    EXPECT_FALSE(loaded.diagnostics.empty()) << "no diagnostic for: " << input;
    for (const Diagnostic& d : loaded.diagnostics.all()) {
      ++diagnostics;
      const std::string line = format_diagnostic(d, "s.json", loaded.document.get());
      EXPECT_FALSE(d.fix.empty()) << line << "\n  for: " << input;
      EXPECT_TRUE(std::none_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
          << line;
    }
  }
  EXPECT_GT(diagnostics, bad_inputs().size());
}

}  // namespace
}  // namespace journeysim
