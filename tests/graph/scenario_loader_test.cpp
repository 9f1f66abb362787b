// Loader validation: every kind of bad scenario gets its exact message, at
// its line and column, and a valid one loads. The cases change one thing in a
// small valid scenario (kBase) at a time.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "journeysim/graph/scenario_loader.hpp"

namespace journeysim {
namespace {

const std::string kBase = R"json({
  "entry": {"ad": 1},
  "touchpoints": [
    {"id": "ad", "stage": "awareness"},
    {"id": "shop", "stage": "purchase", "dwell": "5m"},
    {"id": "bought", "outcome": "converted"},
    {"id": "gone", "outcome": "lost"}
  ],
  "transitions": [
    {"from": "ad", "to": "shop", "p": 0.5},
    {"from": "ad", "to": "gone", "p": "rest"},
    {"from": "shop", "to": "bought", "p": 0.3},
    {"from": "shop", "to": "gone", "p": 0.7}
  ]
})json";

struct Edit {
  std::string from, to;
};

std::string edited(const std::vector<Edit>& edits) {
  std::string text = kBase;
  for (const Edit& e : edits) {
    const std::size_t at = text.find(e.from);
    EXPECT_NE(at, std::string::npos) << e.from;
    if (at != std::string::npos) text.replace(at, e.from.size(), e.to);
  }
  return text;
}

// The diagnostics as `journeysim validate` prints them, in file order.
std::vector<std::string> messages(const std::string& text, bool* ok = nullptr) {
  const LoadResult loaded = load_scenario_text(text);
  if (ok) *ok = loaded.ok();
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::string>> lines;
  for (const Diagnostic& d : loaded.diagnostics.all()) {
    const auto where = diagnostic_position(d, loaded.document.get());
    lines.push_back(
        {{where ? where->line : 0, where ? where->column : 0}, format_diagnostic(d, "s.json", loaded.document.get())});
  }
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& line : lines) out.push_back(line.second);
  return out;
}

struct Case {
  const char* name;
  std::vector<Edit> edits;
  std::vector<std::string> expected;
  bool loads;
};

// Test names show the case's name, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class LoaderCase : public testing::TestWithParam<Case> {};

TEST_P(LoaderCase, ReportsExactly) {
  const Case& c = GetParam();
  bool ok = false;
  EXPECT_EQ(messages(edited(c.edits), &ok), c.expected);
  EXPECT_EQ(ok, c.loads);
}

INSTANTIATE_TEST_SUITE_P(
    Validation, LoaderCase,
    testing::Values(
        Case{"bad_id",
             {{"{\"id\": \"shop\"", "{\"id\": \"sh op\""}},
             {"s.json:5:12: error: touchpoints[1].id: touchpoint id \"sh op\" may hold only letters, digits and "
              "underscores; write it as \"sh_op\"",
              "s.json:10:26: error: transitions[0].to: unknown touchpoint \"shop\"; add a touchpoint with this id, or "
              "use an existing one",
              "s.json:12:14: error: transitions[2].from: unknown touchpoint \"shop\"; add a touchpoint with this id, "
              "or use an existing one",
              "s.json:13:14: error: transitions[3].from: unknown touchpoint \"shop\"; add a touchpoint with this id, "
              "or use an existing one"},
             false},
        Case{"closed_cycle",
             {{"{\"id\": \"gone\", \"outcome\": \"lost\"}",
               "{\"id\": \"gone\", \"outcome\": \"lost\"},\n    {\"id\": \"loop_a\"},\n    {\"id\": \"loop_b\"}"},
              {"\"p\": 0.7", "\"p\": 0.6"},
              {"{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6}",
               "{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6},\n    {\"from\": \"shop\", \"to\": \"loop_a\", "
               "\"p\": 0.1},\n    {\"from\": \"loop_a\", \"to\": \"loop_b\", \"p\": 1},\n    {\"from\": \"loop_b\", "
               "\"to\": \"loop_a\", \"p\": 1}"}},
             {"s.json:8:5: error: touchpoints[4]: touchpoints \"loop_a\", \"loop_b\" form a cycle no walk can leave "
              "(loop_a->loop_b, loop_b->loop_a), so customers would travel for ever; add a transition out of it to an "
              "outcome, or set a \"horizon\" to end walks in time"},
             false},
        Case{"cutpoints_count",
             {{"\"entry\"", "\"nps\": {\"cutpoints\": [1, 2, 3]},\n  \"entry\""}},
             {"s.json:2:24: error: nps.cutpoints: \"cutpoints\" must be an array of 10 numbers, found an array of 3; "
              "give 10 increasing numbers, one per step of the rating scale"},
             false},
        Case{"cutpoints_order",
             {{"\"entry\"", "\"csat\": {\"cutpoints\": [1, 0, 2, 3]},\n  \"entry\""}},
             {"s.json:2:29: error: csat.cutpoints[1]: cutpoints must increase, but 0 follows 1; sort them in "
              "increasing order, without repeats"},
             false},
        Case{"dead_end",
             {{"{\"id\": \"gone\", \"outcome\": \"lost\"}",
               "{\"id\": \"gone\", \"outcome\": \"lost\"},\n    {\"id\": \"limbo\"}"},
              {"\"p\": 0.7", "\"p\": 0.6"},
              {"{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6}",
               "{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6},\n    {\"from\": \"shop\", \"to\": \"limbo\", "
               "\"p\": 0.1}"}},
             {"s.json:8:5: error: touchpoints[4]: \"limbo\" has no outgoing transitions and no outcome, so customers "
              "would be stuck there; add transitions from it, or give it an \"outcome\" to make it an ending"},
             false},
        Case{"dist_empirical_weights",
             {{"\"dwell\": \"5m\"",
               "\"dwell\": {\"dist\": \"empirical\", \"values\": [\"1m\", \"2m\"], \"weights\": [1]}"}},
             {"s.json:5:107: error: touchpoints[1].dwell.weights: \"weights\" must be an array with one weight per "
              "value (2); give as many weights as values, or leave \"weights\" out for equal weights"},
             false},
        Case{"dist_exponential_zero",
             {{"\"dwell\": \"5m\"", "\"dwell\": {\"dist\": \"exponential\", \"mean\": \"0s\"}"}},
             {"s.json:5:82: error: touchpoints[1].dwell.mean: \"mean\" must be above zero for an exponential "
              "distribution; write a duration above zero, e.g. \"10m\""},
             false},
        Case{"dist_gamma_zero_sd",
             {{"\"dwell\": \"5m\"", "\"dwell\": {\"dist\": \"gamma\", \"mean\": \"4m\", \"sd\": \"0s\"}"}},
             {"s.json:5:88: error: touchpoints[1].dwell.sd: \"sd\" must be above zero for a gamma distribution; write "
              "a duration above zero, e.g. \"10m\""},
             false},
        Case{"dist_impossible_lognormal",
             {{"\"dwell\": \"5m\"", "\"dwell\": {\"dist\": \"lognormal\", \"median\": \"4m\", \"p90\": \"2m\"}"}},
             {"s.json:5:95: error: touchpoints[1].dwell.p90: \"p90\" (2m) must be above the median (4m); the 90th "
              "percentile of a lognormal lies above its median; for a constant use a plain duration"},
             false},
        Case{"dist_missing_dist",
             {{"\"dwell\": \"5m\"", "\"dwell\": {\"mean\": \"4m\"}"}},
             {"s.json:5:50: error: touchpoints[1].dwell: missing \"dist\": which distribution this is; use one of "
              "\"fixed\", \"exponential\", \"lognormal\", \"gamma\", \"uniform\", \"empirical\""},
             false},
        Case{"dist_missing_param",
             {{"\"dwell\": \"5m\"", "\"dwell\": {\"dist\": \"lognormal\", \"median\": \"4m\"}"}},
             {"s.json:5:50: error: touchpoints[1].dwell: missing \"p90\" for a lognormal distribution; add \"p90\": "
              "\"10m\""},
             false},
        Case{"dist_normal_duration",
             {{"\"dwell\": \"5m\"", "\"dwell\": {\"dist\": \"normal\", \"mean\": \"4m\", \"sd\": \"1m\"}"}},
             {"s.json:5:59: error: touchpoints[1].dwell.dist: a normal distribution can go below zero, so it cannot be "
              "a duration; use \"lognormal\" or \"gamma\" for a skewed duration"},
             false},
        Case{"dist_param_number",
             {{"\"dwell\": \"5m\"", "\"dwell\": {\"dist\": \"exponential\", \"mean\": 240}"}},
             {"s.json:5:82: error: touchpoints[1].dwell.mean: a plain number is not a duration; write the unit: "
              "\"240s\", \"240m\" or \"240h\""},
             false},
        Case{"dist_uniform_reversed",
             {{"\"dwell\": \"5m\"", "\"dwell\": {\"dist\": \"uniform\", \"min\": \"9m\", \"max\": \"2m\"}"}},
             {"s.json:5:90: error: touchpoints[1].dwell.max: \"max\" (2m) must be above \"min\" (9m); swap them"},
             false},
        Case{"dist_unknown_kind",
             {{"\"dwell\": \"5m\"", "\"dwell\": {\"dist\": \"lognorm\", \"median\": \"4m\", \"p90\": \"9m\"}"}},
             {"s.json:5:59: error: touchpoints[1].dwell.dist: unknown distribution \"lognorm\"; did you mean "
              "\"lognormal\"?"},
             false},
        Case{"duplicate_id",
             {{"{\"id\": \"gone\", \"outcome\": \"lost\"}",
               "{\"id\": \"gone\", \"outcome\": \"lost\"},\n    {\"id\": \"shop\", \"outcome\": \"lost\"}"}},
             {"s.json:8:12: error: touchpoints[4].id: duplicate touchpoint id \"shop\" (first at touchpoints[1]); give "
              "each touchpoint its own id"},
             false},
        Case{"duplicate_transition",
             {{"{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.7}",
               "{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.35},\n    {\"from\": \"shop\", \"to\": \"gone\", "
               "\"p\": 0.35}"}},
             {"s.json:14:5: error: transitions[4]: duplicate transition shop->gone (first at transitions[3]); merge "
              "them into one transition with the summed probability"},
             false},
        Case{"duration_negative",
             {{"\"dwell\": \"5m\"", "\"dwell\": \"-5m\""}},
             {"s.json:5:50: error: touchpoints[1].dwell: \"-5m\" is not a duration: a duration cannot be negative; "
              "write a number and a unit (s, m, h, d, w, mo or y), e.g. \"15m\" or \"1h30m\""},
             false},
        Case{"duration_no_unit",
             {{"\"dwell\": \"5m\"", "\"dwell\": \"5\""}},
             {"s.json:5:50: error: touchpoints[1].dwell: \"5\" is not a duration: the number has no unit; write a "
              "number and a unit (s, m, h, d, w, mo or y), e.g. \"15m\" or \"1h30m\""},
             false},
        Case{"duration_plain_number",
             {{"\"dwell\": \"5m\"", "\"dwell\": 5"}},
             {"s.json:5:50: error: touchpoints[1].dwell: a plain number is not a duration; write the unit: \"5s\", "
              "\"5m\" or \"5h\""},
             false},
        Case{"duration_unknown_unit",
             {{"\"dwell\": \"5m\"", "\"dwell\": \"5 minutes\""}},
             {"s.json:5:50: error: touchpoints[1].dwell: \"5 minutes\" is not a duration: unknown unit \" minutes\"; "
              "write a number and a unit (s, m, h, d, w, mo or y), e.g. \"15m\" or \"1h30m\""},
             false},
        Case{"effort_fraction",
             {{"\"dwell\": \"5m\"", "\"dwell\": \"5m\", \"effort\": 2.5"}},
             {"s.json:5:66: error: touchpoints[1].effort: effort must be a whole number from 1 to 7, found 2.5; write "
              "a whole number from 1 to 7"},
             false},
        Case{"effort_range",
             {{"\"dwell\": \"5m\"", "\"dwell\": \"5m\", \"effort\": 9"}},
             {"s.json:5:66: error: touchpoints[1].effort: effort must be a whole number from 1 to 7, found 9; write a "
              "whole number from 1 to 7"},
             false},
        Case{
            "empty_id",
            {{"{\"id\": \"bought\"", "{\"id\": \"\""}},
            {"s.json:6:12: error: touchpoints[2].id: touchpoint id is empty; give it a short name such as \"checkout\"",
             "s.json:12:28: error: transitions[2].to: unknown touchpoint \"bought\"; add a touchpoint with this id, or "
             "use an existing one"},
            false},
        Case{"entry_empty",
             {{"\"entry\": {\"ad\": 1}", "\"entry\": {}"}},
             {"s.json:2:12: error: entry: expected a non-empty object of touchpoint id -> share, found an object; e.g. "
              "{\"social_ad\": 0.6, \"search\": 0.4}"},
             false},
        Case{"entry_missing",
             {{"\"entry\": {\"ad\": 1},", ""}},
             {"s.json:1:1: error: $: missing required key \"entry\"; add \"entry\": {\"first_touchpoint\": 1}"},
             false},
        Case{"entry_sum",
             {{"\"entry\": {\"ad\": 1}", "\"entry\": {\"ad\": 0.6, \"shop\": 0.3}"}},
             {"s.json:2:12: error: entry: entry shares sum to 0.9, not 1 (ad 0.6, shop 0.3); adjust them so they sum "
              "to 1"},
             false},
        Case{"entry_unknown",
             {{"\"entry\": {\"ad\": 1}", "\"entry\": {\"add\": 1}"}},
             {"s.json:2:20: error: entry.add: unknown touchpoint \"add\"; did you mean \"ad\"?"},
             false},
        Case{"horizon_number",
             {{"\"entry\"", "\"horizon\": 365,\n  \"entry\""}},
             {"s.json:2:14: error: horizon: a plain number is not a duration; write the unit: \"365s\", \"365m\" or "
              "\"365h\""},
             false},
        Case{"many_errors",
             {{"\"p\": 0.3", "\"p\": 1.3"},
              {"\"dwell\": \"5m\"", "\"dwell\": 5"},
              {"\"to\": \"gone\", \"p\": 0.7", "\"to\": \"gonne\", \"p\": 0.7"}},
             {"s.json:5:50: error: touchpoints[1].dwell: a plain number is not a duration; write the unit: \"5s\", "
              "\"5m\" or \"5h\"",
              "s.json:12:43: error: transitions[2].p: probability 1.3 is above 1 for shop->bought; write a probability "
              "from 0 to 1, e.g. 0.35 for 35%",
              "s.json:13:28: error: transitions[3].to: unknown touchpoint \"gonne\"; did you mean \"gone\"?"},
             false},
        Case{"missing_id",
             {{"{\"id\": \"ad\", \"stage\": \"awareness\"}",
               "{\"id\": \"ad\", \"stage\": \"awareness\"},\n    {\"stage\": \"awareness\"}"}},
             {"s.json:5:5: error: touchpoints[1]: missing required key \"id\"; add \"id\": a short name such as "
              "\"checkout\""},
             false},
        Case{"observed_count_over_of",
             {{"{\"from\": \"shop\", \"to\": \"bought\", \"p\": 0.3}",
               "{\"from\": \"shop\", \"to\": \"bought\", \"p\": 0.3, \"observed\": {\"count\": 4, \"of\": 3}}"}},
             {"s.json:12:70: error: transitions[2].observed.count: count 4 is more than of 3; count the moves along "
              "this transition among the moves leaving its touchpoint"},
             false},
        Case{"observed_fraction",
             {{"{\"from\": \"shop\", \"to\": \"bought\", \"p\": 0.3}",
               "{\"from\": \"shop\", \"to\": \"bought\", \"p\": 0.3, \"observed\": {\"count\": 1.5, \"of\": 5, "
               "\"off\": 1}}"}},
             {"s.json:12:70: error: transitions[2].observed.count: count must be a whole number from 0 to 1e+15, found "
              "1.5; write a whole number from 0 to 1e+15",
              "s.json:12:84: error: transitions[2].observed.off: unknown key \"off\"; did you mean \"of\"?"},
             false},
        Case{"observed_ok",
             {{"{\"from\": \"shop\", \"to\": \"bought\", \"p\": 0.3}",
               "{\"from\": \"shop\", \"to\": \"bought\", \"p\": 0.3, \"observed\": {\"count\": 3, \"of\": 10}}"}},
             {},
             true},
        Case{"observed_stale_p",
             {{"{\"from\": \"shop\", \"to\": \"bought\", \"p\": 0.3}",
               "{\"from\": \"shop\", \"to\": \"bought\", \"p\": 0.3, \"observed\": {\"count\": 2, \"of\": 10}}"}},
             {"s.json:12:43: warning: transitions[2].p: p 0.3 is not the observed 2 of 10 (0.2); remove \"observed\" "
              "if p is no longer the mined figure"},
             true},
        Case{"not_asked_unknown",
             {{"\"entry\"", "\"nps\": {\"not_asked\": [\"lots\"]},\n  \"entry\""}},
             {"s.json:2:25: warning: nps.not_asked[0]: no ending of this scenario has the outcome \"lots\"; did you "
              "mean \"lost\"?"},
             true},
        Case{"p_above_one",
             {{"\"p\": 0.3", "\"p\": 1.3"}},
             {"s.json:12:43: error: transitions[2].p: probability 1.3 is above 1 for shop->bought; write a probability "
              "from 0 to 1, e.g. 0.35 for 35%"},
             false},
        Case{"p_bad_string",
             {{"\"p\": 0.3", "\"p\": \"Rest\""}},
             {"s.json:12:43: error: transitions[2].p: expected a probability from 0 to 1 or \"rest\", found a string "
              "(\"Rest\"); did you mean \"rest\"?"},
             false},
        Case{"p_negative",
             {{"\"p\": 0.3", "\"p\": -0.3"}},
             {"s.json:12:43: error: transitions[2].p: probability -0.3 is negative for shop->bought; write a "
              "probability from 0 to 1, e.g. 0.35 for 35%"},
             false},
        Case{"quoted_number",
             {{"\"p\": 0.3", "\"p\": \"0.3\""}},
             {"s.json:12:43: error: transitions[2].p: expected a probability from 0 to 1 or \"rest\", found a string "
              "(\"0.3\"); write a number such as 0.35 (for 35%)"},
             false},
        Case{"reserved_id",
             {{"{\"id\": \"gone\", \"outcome\": \"lost\"}",
               "{\"id\": \"gone\", \"outcome\": \"lost\"},\n    {\"id\": \"unfinished\", \"outcome\": \"lost\"}"}},
             {"s.json:8:12: error: touchpoints[4].id: id \"unfinished\" is reserved for an ending that is not a "
              "touchpoint; choose another id, e.g. \"unfinished_customer\""},
             false},
        Case{"rest_negative",
             {{"\"p\": 0.5", "\"p\": 1"},
              {"{\"from\": \"ad\", \"to\": \"shop\"",
               "{\"from\": \"ad\", \"to\": \"bought\", \"p\": 0.2},\n    {\"from\": \"ad\", \"to\": \"shop\""}},
             {"s.json:12:5: error: transitions[2]: the transitions from \"ad\" other than \"rest\" already sum to 1.2, "
              "leaving -0.2 for \"rest\" (ad->bought 0.2, ad->shop 1, ad->gone rest); lower them so they sum to at "
              "most 1"},
             false},
        Case{"seed_negative",
             {{"\"entry\"", "\"seed\": -1,\n  \"entry\""}},
             {"s.json:2:11: error: seed: the seed must be a whole number from 0 to 18446744073709551615, found a "
              "number (-1); write a whole number, e.g. 42"},
             false},
        Case{"segment_dup_id",
             {{"\"transitions\": [",
               "\"segments\": [{\"id\": \"a\", \"share\": 0.5}, {\"id\": \"a\", \"share\": 0.5}],\n  \"transitions\": "
               "["}},
             {"s.json:9:50: error: segments[1].id: duplicate segment id \"a\" (first at segments[0]); give each "
              "segment its own id"},
             false},
        Case{"segment_entry_sum",
             {{"\"transitions\": [",
               "\"segments\": [{\"id\": \"a\", \"share\": 1, \"entry\": {\"ad\": 0.5}}],\n  \"transitions\": ["}},
             {"s.json:9:49: error: segments[0].entry: entry shares sum to 0.5, not 1 (ad 0.5); adjust them so they sum "
              "to 1"},
             false},
        Case{"segment_override_sum",
             {{"\"transitions\": [",
               "\"segments\": [{\"id\": \"a\", \"share\": 1, \"transitions\": [{\"from\": \"shop\", \"to\": "
               "\"bought\", \"p\": 0.5}]}],\n  \"transitions\": ["}},
             {"s.json:9:56: error: segments[0].transitions[0]: in segment \"a\", out-probabilities of \"shop\" sum to "
              "1.2, not 1 (shop->bought 0.5, shop->gone 0.7); adjust them so they sum to 1, or make one of them "
              "\"rest\""},
             false},
        Case{
            "segment_override_unknown_touchpoint",
            {{"\"transitions\": [",
              "\"segments\": [{\"id\": \"a\", \"share\": 1, \"touchpoints\": [{\"id\": \"shopp\", \"effort\": 3}]}],\n "
              " \"transitions\": ["}},
            {"s.json:9:63: error: segments[0].touchpoints[0].id: unknown touchpoint \"shopp\"; did you mean \"shop\"?"},
            false},
        Case{"segment_override_unknown_transition",
             {{"\"transitions\": [",
               "\"segments\": [{\"id\": \"a\", \"share\": 1, \"transitions\": [{\"from\": \"ad\", \"to\": \"bought\", "
               "\"p\": 0.5}]}],\n  \"transitions\": ["}},
             {"s.json:9:56: error: segments[0].transitions[0]: the scenario has no transition ad->bought for this "
              "segment to change; add it to \"transitions\" first (with p 0 if only this segment takes it)"},
             false},
        Case{"segment_shares",
             {{"\"transitions\": [",
               "\"segments\": [{\"id\": \"a\", \"share\": 0.5}, {\"id\": \"b\", \"share\": 0.4}],\n  \"transitions\": "
               "["}},
             {"s.json:9:15: error: segments: segment shares sum to 0.9, not 1 (a 0.5, b 0.4); adjust them so they sum "
              "to 1"},
             false},
        Case{"self_loop_trap",
             {{"{\"id\": \"gone\", \"outcome\": \"lost\"}",
               "{\"id\": \"gone\", \"outcome\": \"lost\"},\n    {\"id\": \"usage\"}"},
              {"\"p\": 0.7", "\"p\": 0.6"},
              {"{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6}",
               "{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6},\n    {\"from\": \"shop\", \"to\": \"usage\", "
               "\"p\": 0.1},\n    {\"from\": \"usage\", \"to\": \"usage\", \"p\": 1}"}},
             {"s.json:8:5: error: touchpoints[4]: touchpoint \"usage\" forms a cycle no walk can leave (usage->usage), "
              "so customers would travel for ever; add a transition out of it to an outcome, or set a \"horizon\" to "
              "end walks in time"},
             false},
        Case{"self_loop_with_horizon_ok",
             {{"\"entry\"", "\"horizon\": \"365d\",\n  \"entry\""},
              {"{\"id\": \"gone\", \"outcome\": \"lost\"}",
               "{\"id\": \"gone\", \"outcome\": \"lost\"},\n    {\"id\": \"usage\", \"dwell\": \"30d\"}"},
              {"\"p\": 0.7", "\"p\": 0.6"},
              {"{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6}",
               "{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6},\n    {\"from\": \"shop\", \"to\": \"usage\", "
               "\"p\": 0.1},\n    {\"from\": \"usage\", \"to\": \"usage\", \"p\": 1}"}},
             {},
             true},
        Case{
            "sentiment_bounds",
            {{"\"entry\"", "\"sentiment\": {\"min\": 2, \"max\": 1},\n  \"entry\""}},
            {"s.json:2:34: error: sentiment.max: \"max\" (1) must be above \"min\" (2); swap them, or widen the range"},
            false},
        Case{"sentiment_dist_bad",
             {{"\"dwell\": \"5m\"",
               "\"dwell\": \"5m\", \"sentiment\": {\"dist\": \"normal\", \"mean\": 0.1, \"sd\": -1}"}},
             {"s.json:5:107: error: touchpoints[1].sentiment.sd: \"sd\" cannot be negative; write 0 or a positive "
              "number"},
             false},
        Case{"sentiment_dist_duration_kind",
             {{"\"dwell\": \"5m\"",
               "\"dwell\": \"5m\", \"sentiment\": {\"dist\": \"lognormal\", \"median\": 1, \"p90\": 2}"}},
             {"s.json:5:78: error: touchpoints[1].sentiment.dist: \"lognormal\" is a distribution of durations, not of "
              "sentiment changes; use one of \"fixed\", \"normal\", \"uniform\", \"empirical\""},
             false},
        Case{"stage_not_declared",
             {{"\"entry\"", "\"stages\": [\"awareness\", \"purchase\"],\n  \"entry\""},
              {"\"stage\": \"purchase\"", "\"stage\": \"purchse\""}},
             {"s.json:6:29: error: touchpoints[1].stage: stage \"purchse\" is not among the declared \"stages\"; did "
              "you mean \"purchase\"?"},
             false},
        Case{"sum_not_one",
             {{"\"p\": 0.7", "\"p\": 0.6"}},
             {"s.json:12:5: error: transitions[2]: out-probabilities of \"shop\" sum to 0.9, not 1 (shop->bought 0.3, "
              "shop->gone 0.6); adjust them so they sum to 1, or make one of them \"rest\""},
             false},
        Case{"terminal_ignored_fields",
             {{"{\"id\": \"bought\", \"outcome\": \"converted\"}",
               "{\"id\": \"bought\", \"outcome\": \"converted\", \"dwell\": \"1m\"}"}},
             {"s.json:6:55: warning: touchpoints[2].dwell: \"dwell\" is ignored on a terminal touchpoint (it has an "
              "outcome); remove it, or move it to the touchpoint before"},
             true},
        Case{"terminal_outgoing",
             {{"{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.7}",
               "{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.7},\n    {\"from\": \"bought\", \"to\": \"gone\", "
               "\"p\": 1}"}},
             {"s.json:14:14: error: transitions[4].from: \"bought\" is a terminal touchpoint (outcome \"converted\") "
              "and cannot have outgoing transitions; remove this transition, or remove the outcome from \"bought\""},
             false},
        Case{"two_rests",
             {{"\"p\": 0.7", "\"p\": \"rest\""}, {"\"p\": 0.3", "\"p\": \"rest\""}},
             {"s.json:13:5: error: transitions[3]: more than one \"rest\" among the transitions from \"shop\" "
              "(shop->bought rest, shop->gone rest); keep one \"rest\" and give the others numbers"},
             false},
        Case{"unknown_from",
             {{"{\"from\": \"shop\", \"to\": \"gone\"", "{\"from\": \"shp\", \"to\": \"gone\""}},
             {"s.json:13:14: error: transitions[3].from: unknown touchpoint \"shp\"; did you mean \"shop\"?"},
             false},
        Case{"unknown_from_far",
             {{"{\"from\": \"shop\", \"to\": \"gone\"", "{\"from\": \"warehouse\", \"to\": \"gone\""}},
             {"s.json:13:14: error: transitions[3].from: unknown touchpoint \"warehouse\"; add a touchpoint with this "
              "id, or use an existing one"},
             false},
        Case{"unknown_key_top",
             {{"\"entry\"", "\"transitons\": [],\n  \"entry\""}},
             {"s.json:2:3: error: transitons: unknown key \"transitons\"; did you mean \"transitions\"?"},
             false},
        Case{"unknown_key_touchpoint",
             {{"\"dwell\": \"5m\"", "\"dwel\": \"5m\""}},
             {"s.json:5:41: error: touchpoints[1].dwel: unknown key \"dwel\"; did you mean \"dwell\"?"},
             false},
        Case{"unknown_key_unrelated",
             {{"\"dwell\": \"5m\"", "\"zzzzzz\": \"5m\""}},
             {"s.json:5:41: error: touchpoints[1].zzzzzz: unknown key \"zzzzzz\"; use one of \"id\", \"name\", "
              "\"description\", \"stage\", \"channel\", \"dwell\", \"sentiment\", \"effort\" and 7 more"},
             false},
        Case{"unknown_to",
             {{"\"to\": \"bought\"", "\"to\": \"bougth\""}},
             {"s.json:12:28: error: transitions[2].to: unknown touchpoint \"bougth\"; did you mean \"bought\"?"},
             false},
        Case{"unreachable",
             {{"{\"id\": \"gone\", \"outcome\": \"lost\"}",
               "{\"id\": \"gone\", \"outcome\": \"lost\"},\n    {\"id\": \"island\", \"outcome\": \"churned\"}"}},
             {"s.json:8:5: warning: touchpoints[4]: \"island\" cannot be reached from the entry; add a transition to "
              "it with a probability above 0, or remove it"},
             true},
        Case{"capacity_not_an_object",
             {{"\"dwell\": \"5m\"", "\"dwell\": \"5m\", \"capacity\": 3"}},
             {"s.json:5:68: error: touchpoints[1].capacity: expected an object (a capacity), found a number (3); "
              "write it as { \"key\": value, ... }"},
             false},
        Case{"arrivals_not_an_object",
             {{"\"entry\"", "\"arrivals\": 100,\n  \"entry\""}},
             {"s.json:2:15: error: arrivals: expected an object (the arrivals), found a number (100); write it as { "
              "\"key\": value, ... }",
              "s.json:2:15: error: arrivals: \"arrivals\" needs a \"horizon\": customers arrive from time 0 until "
              "it; add how long to simulate, e.g. \"horizon\": \"90d\""},
             false},
        Case{"hours_on_a_touchpoint",
             {{"\"dwell\": \"5m\"", "\"dwell\": \"5m\", \"hours\": 3"}},
             {"s.json:5:56: error: touchpoints[1].hours: opening hours are the \"schedule\" of the touchpoint's "
              "\"capacity\"; write them as \"capacity\": {\"schedule\": [{\"days\": \"mon-fri\", \"from\": "
              "\"08:00\", \"to\": \"20:00\", \"agents\": 10}]}"},
             false},
        Case{"capacity_at_the_top_level",
             {{"\"entry\"", "\"capacity\": 3,\n  \"entry\""}},
             {"s.json:2:3: error: capacity: \"capacity\" belongs to a touchpoint, not to the scenario; move it into "
              "the touchpoint whose agents it gives"},
             false},
        Case{"valid", {}, {}, true},
        Case{"weight_range",
             {{"\"p\": 0.7", "\"p\": 0.7, \"sentiment_weight\": 80"}},
             {"s.json:13:66: error: transitions[3].sentiment_weight: sentiment_weight must be from -50 to 50, found "
              "80; write a number from -50 to 50"},
             false},
        Case{"wrong_type_csat",
             {{"\"dwell\": \"5m\"", "\"dwell\": \"5m\", \"csat\": \"yes\""}},
             {"s.json:5:64: error: touchpoints[1].csat: expected true or false, found a string (\"yes\"); write true "
              "or false without quotes"},
             false},
        Case{"wrong_type_customers",
             {{"\"entry\"", "\"customers\": \"many\",\n  \"entry\""}},
             {"s.json:2:16: error: customers: expected a number, found a string (\"many\"); write a number, e.g. 1"},
             false},
        Case{"wrong_type_name",
             {{"\"entry\"", "\"name\": 12,\n  \"entry\""}},
             {"s.json:2:11: error: name: expected a string, found a number (12); put it in quotes: \"12\""},
             false},
        Case{"wrong_type_touchpoints",
             {{"\"touchpoints\": [", "\"touchpoints\": {\"a\": 1}, \"x\": ["}},
             {"s.json:3:18: error: touchpoints: expected a non-empty array, found an object; list the touchpoints: [ "
              "{\"id\": \"web\"}, ... ]",
              "s.json:3:28: error: x: unknown key \"x\"; use one of \"$schema\", \"name\", \"description\", "
              "\"customers\", \"seed\", \"entry\", \"touchpoints\", \"transitions\" and 11 more"},
             false},
        Case{"zero_time_cycle_with_horizon",
             {{"\"entry\"", "\"horizon\": \"365d\",\n  \"entry\""},
              {"{\"id\": \"gone\", \"outcome\": \"lost\"}",
               "{\"id\": \"gone\", \"outcome\": \"lost\"},\n    {\"id\": \"usage\"}"},
              {"\"p\": 0.7", "\"p\": 0.6"},
              {"{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6}",
               "{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6},\n    {\"from\": \"shop\", \"to\": \"usage\", "
               "\"p\": 0.1},\n    {\"from\": \"usage\", \"to\": \"usage\", \"p\": 1}"}},
             {"s.json:9:5: error: touchpoints[4]: touchpoint \"usage\" forms a cycle no walk can leave (usage->usage) "
              "that takes no time, so the horizon (365d) never ends it; give one of them a \"dwell\" time, or add a "
              "transition out of the cycle"},
             false}),
    [](const testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(Loader, NotAnObject) {
  EXPECT_EQ(messages("[1, 2]"),
            std::vector<std::string>{"s.json:1:1: error: $: expected a JSON object (the scenario), found an array; a "
                                     "scenario file is one object: { \"entry\": ..., \"touchpoints\": [...], "
                                     "\"transitions\": [...] }"});
}

TEST(Loader, BuildsTheModel) {
  const LoadResult loaded = load_scenario_text(kBase);
  ASSERT_TRUE(loaded.ok());
  const Scenario& s = *loaded.scenario;
  ASSERT_EQ(s.touchpoints.size(), 4u);
  EXPECT_EQ(s.touchpoints[1].id, "shop");
  EXPECT_EQ(s.touchpoints[1].dwell, Distribution::constant(300.0));
  EXPECT_EQ(s.touchpoints[2].outcome, "converted");
  ASSERT_EQ(s.transitions.size(), 4u);
  EXPECT_TRUE(s.transitions[1].p.rest);
  EXPECT_DOUBLE_EQ(s.transitions[1].p.value, 0.5);
  EXPECT_EQ(s.customers, default_customers);
  EXPECT_EQ(s.seed, default_seed);
  EXPECT_EQ(s.max_steps, default_max_steps);
  EXPECT_FALSE(s.horizon.has_value());
  ASSERT_EQ(s.entry.size(), 1u);
  EXPECT_EQ(s.entry[0].touchpoint, 0u);
  EXPECT_EQ(s.stage_order(), (std::vector<std::string>{"awareness", "purchase"}));
}

TEST(Loader, SegmentsResolveIntoJourneys) {
  const std::string text =
      edited({{"\"transitions\": [",
               "\"segments\": [{\"id\": \"a\", \"share\": 0.25, \"sentiment\": {\"initial\": 1}, "
               "\"touchpoints\": [{\"id\": \"shop\", \"effort\": 4}], \"transitions\": [{\"from\": \"ad\", "
               "\"to\": \"shop\", \"p\": 0.8}]}, {\"id\": \"b\", \"share\": 0.75}],\n  \"transitions\": ["}});
  const LoadResult loaded = load_scenario_text(text);
  ASSERT_TRUE(loaded.ok()) << messages(text).front();
  const std::vector<Journey> journeys = resolve_journeys(*loaded.scenario);
  ASSERT_EQ(journeys.size(), 2u);
  EXPECT_EQ(journeys[0].segment_id, "a");
  EXPECT_DOUBLE_EQ(journeys[0].share, 0.25);
  EXPECT_DOUBLE_EQ(journeys[0].initial_sentiment, 1.0);
  EXPECT_EQ(journeys[0].touchpoints[1].effort, 4);
  EXPECT_DOUBLE_EQ(journeys[0].transitions[0].p.value, 0.8);
  // "rest" absorbs the segment's change.
  EXPECT_NEAR(journeys[0].transitions[1].p.value, 0.2, 1e-15);
  EXPECT_EQ(journeys[1].touchpoints[1].effort, 1);
  EXPECT_DOUBLE_EQ(journeys[1].transitions[1].p.value, 0.5);
}

TEST(Loader, DistributionsKeepTheirParameters) {
  const std::string text =
      edited({{"\"dwell\": \"5m\"",
               "\"dwell\": {\"dist\": \"lognormal\", \"median\": \"4m\", \"p90\": \"15m\"}, "
               "\"sentiment\": {\"dist\": \"empirical\", \"values\": [-1, 1], \"weights\": [3, 1]}"}});
  const LoadResult loaded = load_scenario_text(text);
  ASSERT_TRUE(loaded.ok());
  const Touchpoint& shop = loaded.scenario->touchpoints[1];
  EXPECT_EQ(shop.dwell.kind, DistributionKind::lognormal);
  EXPECT_DOUBLE_EQ(shop.dwell.a, 240.0);
  EXPECT_DOUBLE_EQ(shop.dwell.b, 900.0);
  EXPECT_NEAR(shop.dwell.log_sigma(), std::log(900.0 / 240.0) / z_90, 1e-12);
  EXPECT_EQ(shop.sentiment.weights, (std::vector<double>{3, 1}));  // as written
  EXPECT_DOUBLE_EQ(shop.sentiment.mean(), -0.5);
  EXPECT_DOUBLE_EQ(shop.sentiment.mean(), -0.5);
}

// --- Hardening (issue 10) ---

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

TEST(Loader, ARestWithinTheToleranceBelowZeroIsZero) {
  // 0.3 + 0.7000000009 leaves -9e-10 for "rest": within the tolerance of a sum, so it is 0, never negative.
  const LoadResult loaded =
      load_scenario_text(edited({{"\"p\": 0.5", "\"p\": 0.3"},
                                 {"{\"from\": \"ad\", \"to\": \"gone\", \"p\": \"rest\"}",
                                  "{\"from\": \"ad\", \"to\": \"bought\", \"p\": 0.7000000009},\n    "
                                  "{\"from\": \"ad\", \"to\": \"gone\", \"p\": \"rest\"}"}}));
  ASSERT_TRUE(loaded.ok()) << messages(edited({})).size();
  EXPECT_EQ(loaded.scenario->transitions[2].p.value, 0.0);
  for (const Journey& journey : resolve_journeys(*loaded.scenario)) EXPECT_EQ(journey.transitions[2].p.value, 0.0);
}

TEST(Loader, ControlCharactersAreEscapedInDiagnostics) {
  // A newline would forge a second diagnostic, ESC reach the terminal, NUL be printed.
  const std::string text = edited({{"{\"id\": \"shop\"", "{\"id\": \"sh\\nop\\u001b[31m\\u0000\", \"x\\ny\": 1"}});
  const std::vector<std::string> lines = messages(text);
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    EXPECT_FALSE(has_control_character(line)) << line;
  }
  EXPECT_EQ(lines.front(),
            "s.json:5:12: error: touchpoints[1].id: touchpoint id \"sh\\nop\\u001b[31m\\u0000\" may hold only "
            "letters, digits and underscores; write it as \"sh_op__31m_\"");
  EXPECT_EQ(lines.at(1),
            "s.json:5:38: error: touchpoints[1][\"x\\ny\"]: unknown key \"x\\ny\"; use one of \"id\", \"name\", "
            "\"description\", \"stage\", \"channel\", \"dwell\", \"sentiment\", \"effort\" and 7 more");
}

TEST(Loader, AVeryLongIdIsShortenedWhenEchoed) {
  const std::string id(1'000'000, 'x');
  const std::vector<std::string> lines = messages(edited({{"{\"id\": \"shop\"", "{\"id\": \"" + id + "-\""}}));
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) EXPECT_LT(line.size(), 1000u) << line.substr(0, 200);
  EXPECT_NE(lines.front().find("touchpoint id \"xxxxxxxx"), std::string::npos) << lines.front().substr(0, 300);
  EXPECT_NE(lines.front().find("...\" (1000001 bytes) may hold only letters"), std::string::npos)
      << lines.front().substr(0, 300);
}

TEST(Loader, SyntaxErrorsNeverCutAUtf8Sequence) {
  // An invalid literal is echoed up to 20 bytes: never half an "é".
  for (const std::string& literal : {std::string("tru"), std::string("tr"), std::string("t")}) {
    std::string text = "{\"name\": " + literal;
    for (int i = 0; i < 12; ++i) text += "\xc3\xa9";
    text += "}";
    const std::vector<std::string> lines = messages(text);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_TRUE(is_valid_utf8(lines.front())) << lines.front();
  }
}

TEST(Loader, WhatIfErrorsAreReportedWithTheFilesOthers) {
  // A bad value in the base, and a what-if naming an unknown touchpoint: both are reported.
  const std::vector<std::string> lines =
      messages(edited({{"\"dwell\": \"5m\"", "\"dwell\": \"5\""},
                       {"\"transitions\"",
                        "\"what_if\": [{\"name\": \"V\", \"changes\": [{\"set\": \"touchpoints.shopp.effort\", "
                        "\"value\": 2}, {\"set\": \"touchpoints.ad.effort\", \"value\": 9}]}],\n  \"transitions\""}}));
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "s.json:5:50: error: touchpoints[1].dwell: \"5\" is not a duration: the number has no unit; write "
                "a number and a unit (s, m, h, d, w, mo or y), e.g. \"15m\" or \"1h30m\"",
                "s.json:9:41: error: what_if[0].changes[0]: in what-if \"V\", set: unknown touchpoint \"shopp\"; "
                "did you mean \"shop\"?",
                "s.json:9:132: error: what_if[0].changes[1].value: effort must be a whole number from 1 to 7, "
                "found 9; write a whole number from 1 to 7"}));
}

TEST(Loader, AProbabilityErrorNamesItsTransition) {
  EXPECT_EQ(messages(edited({{"\"p\": 0.3", "\"p\": -0.2"}})),
            (std::vector<std::string>{"s.json:12:43: error: transitions[2].p: probability -0.2 is negative for "
                                      "shop->bought; write a probability from 0 to 1, e.g. 0.35 for 35%"}));
}

TEST(Loader, ACycleFasterThanMaxStepsAllowsIsWarnedOf) {
  // 365 days of a 1 microsecond loop is 3e13 steps: customers would end "unfinished", not at the horizon.
  const std::string text =
      edited({{"\"entry\"", "\"horizon\": \"365d\", \"max_steps\": 1000000000,\n  \"entry\""},
              {"{\"id\": \"gone\", \"outcome\": \"lost\"}",
               "{\"id\": \"gone\", \"outcome\": \"lost\"},\n    {\"id\": \"loop\", \"dwell\": \"0.000001s\"}"},
              {"\"p\": 0.7", "\"p\": 0.6"},
              {"{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6}",
               "{\"from\": \"shop\", \"to\": \"gone\", \"p\": 0.6},\n    {\"from\": \"shop\", \"to\": "
               "\"loop\", \"p\": 0.1},\n    {\"from\": \"loop\", \"to\": \"loop\", \"p\": 1}"}});
  bool ok = false;
  EXPECT_EQ(messages(text, &ok),
            (std::vector<std::string>{
                "s.json:9:5: warning: touchpoints[4]: touchpoint \"loop\" forms a cycle no walk can leave (loop->loop) "
                "whose steps take 0.000001s or less, so reaching the horizon (365d) takes about 3.15e+13 steps, more "
                "than max_steps (1000000000): customers caught in it end \"unfinished\" after 1000000000 steps each; "
                "give one of them a longer \"dwell\", or add a transition out of the cycle"}));
  EXPECT_TRUE(ok);
}

}  // namespace
}  // namespace journeysim
