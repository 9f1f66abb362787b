// Mining path tables (ChannelAttribution's format): telling them from event
// logs by the header, reading `a > b > c` however it is spaced or quoted,
// counts to moves, entry and revenue, a small table whose removal effects are
// derived by hand, the heuristics of the paths themselves, and bad rows with
// their file:line:col.
#include <gtest/gtest.h>

#include <string>

#include "journeysim/graph/absorbing_chain.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/scenario_writer.hpp"
#include "journeysim/mine/miner.hpp"
#include "mine_test_support.hpp"

namespace journeysim::mine {
namespace path_table_test {

// Three channels, four paths, twelve journeys; C > A makes a cycle A -> C -> A.
const std::string kTable =
    "path,total_conversions,total_null\n"
    "A > B,2,2\n"
    "A > C,1,3\n"
    "B,1,1\n"
    "C > A > B,2,0\n";

PathTableOptions options() {
  PathTableOptions o;
  o.source = "paths.csv";
  return o;
}

std::string messages(const MineResult& r) { return test_support::problem_lines(r, "paths.csv"); }

const Transition* find(const Scenario& s, std::string_view from, std::string_view to) {
  return test_support::find_transition(s, from, to);
}

double entry_share(const Scenario& s, std::string_view id) {
  for (const EntryShare& e : s.entry) {
    if (s.touchpoints[e.touchpoint].id == id) return e.share;
  }
  return 0.0;
}

// The mined scenario as `journeysim analyze` sees it: written, loaded back, solved.
ScenarioAnalysis analyze_as_written(const Scenario& mined) {
  const LoadResult loaded = load_scenario_text(render_json(to_json(mined)));
  EXPECT_TRUE(loaded.ok());
  return analyze_scenario(*loaded.scenario, resolve_journeys(*loaded.scenario));
}

TEST(PathTable, TheHeaderSaysWhichKindOfFileItIs) {
  const EventColumns columns;
  using Names = std::vector<std::string>;
  EXPECT_EQ(detect_kind(Names{"customer_id", "timestamp", "touchpoint"}, columns), MinedFrom::event_log);
  EXPECT_EQ(detect_kind(Names{"path", "total_conversions", "total_null"}, columns), MinedFrom::path_table);
  // A web log's URL path column does not make an event log a path table.
  EXPECT_EQ(detect_kind(Names{"customer_id", "timestamp", "touchpoint", "path"}, columns), MinedFrom::event_log);
  // Part of either: that kind, whose miner names what is missing.
  EXPECT_EQ(detect_kind(Names{"path", "conversions"}, columns), MinedFrom::path_table);
  EXPECT_EQ(detect_kind(Names{"customer", "timestamp", "touchpoint"}, columns), MinedFrom::event_log);
  EXPECT_EQ(detect_kind(Names{"journey", "converted"}, columns), std::nullopt);

  EventLogOptions o;
  o.source = "paths.csv";
  const MineResult paths = mine_text(kTable, o);
  ASSERT_TRUE(paths.ok()) << messages(paths);
  EXPECT_EQ(paths.from, MinedFrom::path_table);
  const MineResult events = mine_text("customer_id,timestamp,touchpoint\na,1,home\n", o);
  ASSERT_TRUE(events.ok()) << messages(events);
  EXPECT_EQ(events.from, MinedFrom::event_log);
  EXPECT_EQ(messages(mine_text("journey,converted\nA > B,1\n", o)),
            "paths.csv:1:1: error: the header has neither an event log's columns (customer_id, timestamp, "
            "touchpoint) nor a path table's (path, total_conversions, total_null); name the columns so, or name "
            "an event log's with --customer-column, --timestamp-column and --touchpoint-column\n");
  EXPECT_EQ(messages(mine_text("", o)),
            "paths.csv: error: the file is empty; export it with a header line: customer_id,timestamp,touchpoint "
            "(an event log) or path,total_conversions,total_null (a path table)\n");
  EXPECT_EQ(messages(mine_text("path,total_conversions,total_nul\nA,1,0\n", o)),
            "paths.csv:1:1: error: the header has no column \"total_null\"; did you mean \"total_nul\"? (a path table "
            "has the columns path, total_conversions, total_null and optionally total_conversion_value)\n");
}

TEST(PathTable, SemicolonsAndPiecesAndEventLogFlags) {
  EventLogOptions o;
  o.source = "paths.csv";
  o.outcomes = {{"bought", "converted"}};
  std::string semicolons = kTable;
  for (char& c : semicolons) c = c == ',' ? ';' : c;
  // Fed a byte at a time, as a stream of any chunks would be.
  Miner miner(o);
  for (const char c : semicolons) miner.feed(std::string_view(&c, 1));
  const MineResult r = miner.finish();
  ASSERT_TRUE(r.ok()) << messages(r);
  EXPECT_EQ(r.summary.journeys, 12u);
  EXPECT_EQ(messages(r),
            "paths.csv: warning: --outcome applies to event logs and is ignored for a path table; leave it out (a "
            "path table's endings are converted and lost, and it has no times)\n");
  EXPECT_EQ(*r.scenario, *mine_path_table_text(kTable, options()).scenario);
}

TEST(PathTable, PathsAreSplitAsChannelAttributionSplitsThem) {
  using Channels = std::vector<std::string_view>;
  EXPECT_EQ(split_path("a>b>c"), (Channels{"a", "b", "c"}));
  EXPECT_EQ(split_path("  Paid Search  >\tEmail > Direct "), (Channels{"Paid Search", "Email", "Direct"}));
  EXPECT_EQ(split_path("a >> b >>> c"), (Channels{"a", "b", "c"}));
  EXPECT_EQ(split_path("> a >"), (Channels{"a"}));
  EXPECT_TRUE(split_path("").empty());
  EXPECT_TRUE(split_path(" > >  ").empty());
  // Quoted fields hold the delimiter and quotes.
  const MineResult r = mine_path_table_text(
      "path,total_conversions,total_null\n"
      "\"Search, brand > \"\"Email\"\" > Search, brand\",1,0\n",
      options());
  ASSERT_TRUE(r.ok()) << messages(r);
  ASSERT_EQ(r.chain.touchpoints.size(), 3u);  // two channels and the converted ending
  EXPECT_EQ(r.chain.touchpoints[0].label, "Search, brand");
  EXPECT_EQ(r.chain.touchpoints[1].label, "\"Email\"");
  EXPECT_EQ(r.scenario->touchpoints[0].id, "search_brand");
  EXPECT_EQ(r.scenario->touchpoints[0].channel, "Search, brand");
  EXPECT_EQ(find(*r.scenario, "email", "search_brand")->observed, (Observed{1, 1}));
}

TEST(PathTable, CountsBecomeMovesEntryAndEndings) {
  const MineResult r = mine_path_table_text(kTable, options());
  ASSERT_TRUE(r.ok()) << messages(r);
  const Scenario& s = *r.scenario;
  EXPECT_EQ(r.summary.rows, 4u);
  EXPECT_EQ(r.summary.journeys, 12u);
  EXPECT_EQ(r.summary.ended, 6u);
  EXPECT_EQ(r.summary.lost, 6u);
  EXPECT_EQ(s.customers, 12u);
  EXPECT_EQ(s.name, "paths");
  EXPECT_EQ(s.description,
            "Mined by journeysim mine from paths.csv, a path table: 4 rows (0 left out), 12 journeys (6 converted, "
            "6 lost). A path table has no times, so no dwell is known (0 here). A channel repeated back to back (a "
            "> a > b) is one visit, as ChannelAttribution's markov_model counts it.");
  // Every journey's moves: A > B (4 journeys) and C > A > B (2) both go A -> B.
  EXPECT_EQ(find(s, "a", "b")->observed, (Observed{6, 10}));
  EXPECT_EQ(find(s, "a", "c")->observed, (Observed{4, 10}));
  EXPECT_EQ(find(s, "c", "a")->observed, (Observed{2, 6}));
  EXPECT_EQ(find(s, "c", "converted")->observed, (Observed{1, 6}));
  EXPECT_EQ(find(s, "c", "lost")->observed, (Observed{3, 6}));
  EXPECT_EQ(find(s, "b", "converted")->observed, (Observed{5, 8}));
  EXPECT_EQ(find(s, "b", "lost")->observed, (Observed{3, 8}));
  EXPECT_EQ(s.transitions.size(), 7u);
  EXPECT_DOUBLE_EQ(entry_share(s, "a"), 8.0 / 12.0);
  EXPECT_DOUBLE_EQ(entry_share(s, "b"), 2.0 / 12.0);
  EXPECT_DOUBLE_EQ(entry_share(s, "c"), 2.0 / 12.0);
  // Channels are touchpoints with their channel; one ending of each kind; no dwell.
  ASSERT_EQ(s.touchpoints.size(), 5u);
  EXPECT_EQ(s.touchpoints[0].name, "A");
  EXPECT_EQ(s.touchpoints[0].channel, "A");
  EXPECT_EQ(s.touchpoints[3].outcome, "converted");
  EXPECT_EQ(s.touchpoints[4].outcome, "lost");
  for (const Touchpoint& t : s.touchpoints) EXPECT_TRUE(t.dwell.is_constant_zero()) << t.id;
  EXPECT_TRUE(load_scenario_text(render_json(to_json(s))).ok());
}

// ChannelAttribution's markov_model merges a channel repeated back to back
// (a > a > b is a > b); its heuristics count every touch.
TEST(PathTable, RepeatsBackToBackAreOneVisit) {
  const MineResult r = mine_path_table_text(
      "path,total_conversions,total_null\n"
      "A > A > B,3,1\n"
      "B > A > B,0,2\n",
      options());
  ASSERT_TRUE(r.ok()) << messages(r);
  const Scenario& s = *r.scenario;
  EXPECT_EQ(find(s, "a", "a"), nullptr);
  EXPECT_EQ(find(s, "a", "b")->observed, (Observed{6, 6}));
  EXPECT_EQ(find(s, "b", "a")->observed, (Observed{2, 8}));  // B is left by 4 + 2 + 2 journeys
  EXPECT_EQ(r.chain.touchpoints[0].visits, 6u);
  ASSERT_EQ(r.heuristics.size(), 2u);
  EXPECT_DOUBLE_EQ(r.heuristics[0].linear_touch, 2.0);  // A twice of A > A > B's three touches, of 3 conversions
  EXPECT_DOUBLE_EQ(r.heuristics[1].linear_touch, 1.0);
}

// The hand-solved example. The chain counted from kTable:
//   entry a_A = 8/12, a_B = 2/12, a_C = 2/12
//   A -> B 6/10, A -> C 4/10;  B -> conv 5/8, B -> null 3/8;
//   C -> A 2/6, C -> conv 1/6, C -> null 3/6.
// P(convert from j), b = R + Q b: b_B = 5/8; b_A = 3/5 b_B + 2/5 b_C and
// b_C = 1/6 + 1/3 b_A give b_A = 53/104, b_C = 35/104; so
// P(conv) = 2/3 53/104 + 1/6 5/8 + 1/6 35/104 = 1/2 (the table's 6 of 12).
// Removal effect RE_j = 1 - P(conv with j removed, its inflow to null) / P(conv):
//   without A: only B's and C's own starts convert: 1/6 5/8 + 1/6 1/6 = 19/144, RE_A = 1 - 38/144 = 53/72;
//   without B: b_C' = 1/6 + 1/3 (2/5 b_C') = 5/26, b_A' = 1/13:
//              2/3 1/13 + 1/6 5/26 = 1/12, RE_B = 1 - 2/12 = 5/6;
//   without C: b_A'' = 3/5 5/8 = 3/8: 2/3 3/8 + 1/6 5/8 = 17/48, RE_C = 1 - 34/48 = 7/24.
TEST(PathTable, RemovalEffectsAreThoseOfTheCountedChain) {
  const MineResult r = mine_path_table_text(kTable, options());
  ASSERT_TRUE(r.ok()) << messages(r);
  const ScenarioAnalysis analysis = analyze_as_written(*r.scenario);
  const ChainAnalysis& a = analysis.mixed;
  const Scenario& s = *r.scenario;
  const auto at = [&](std::string_view id) { return *s.find_touchpoint(id); };
  EXPECT_NEAR(a.conversion, 0.5, 1e-9);
  EXPECT_NEAR(a.removal_effect[at("a")], 53.0 / 72.0, 1e-9);
  EXPECT_NEAR(a.removal_effect[at("b")], 5.0 / 6.0, 1e-9);
  EXPECT_NEAR(a.removal_effect[at("c")], 7.0 / 24.0, 1e-9);
  // The removal effect is ChannelAttribution's P(visit j | convert), and the
  // channel's (one touchpoint each) the touchpoint's.
  ASSERT_EQ(analysis.channels, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_NEAR(analysis.channel_removal_effect[0], 53.0 / 72.0, 1e-9);
  EXPECT_NEAR(analysis.channel_removal_effect[1], 5.0 / 6.0, 1e-9);
  EXPECT_NEAR(analysis.channel_removal_effect[2], 7.0 / 24.0, 1e-9);
}

// The table's own heuristics, and how the chain's relate to them: the last
// touch is the same, the first touch and the linear split are not.
TEST(PathTable, HeuristicsOfThePathsAndOfTheChain) {
  const MineResult r = mine_path_table_text(kTable, options());
  ASSERT_TRUE(r.ok()) << messages(r);
  ASSERT_EQ(r.heuristics.size(), 3u);
  const PathHeuristics &A = r.heuristics[0], &B = r.heuristics[1], &C = r.heuristics[2];
  EXPECT_EQ(A.channel, "A");
  // First: A > B 2, A > C 1 for A; B 1; C > A > B 2.
  EXPECT_DOUBLE_EQ(A.first_touch, 3.0);
  EXPECT_DOUBLE_EQ(B.first_touch, 1.0);
  EXPECT_DOUBLE_EQ(C.first_touch, 2.0);
  EXPECT_DOUBLE_EQ(A.last_touch, 0.0);
  EXPECT_DOUBLE_EQ(B.last_touch, 5.0);
  EXPECT_DOUBLE_EQ(C.last_touch, 1.0);
  // Linear: A > B 2 (1 each), A > C 1 (1/2 each), B 1, C > A > B 2 (2/3 each).
  EXPECT_DOUBLE_EQ(A.linear_touch, 1.0 + 0.5 + 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(B.linear_touch, 1.0 + 1.0 + 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(C.linear_touch, 0.5 + 2.0 / 3.0);

  const ChainAnalysis a = analyze_as_written(*r.scenario).mixed;
  const auto at = [&](std::string_view id) { return *r.scenario->find_touchpoint(id); };
  const double conversions = 6.0;
  // Last touch: exactly the table's, by the flow identity of a counted chain.
  EXPECT_NEAR(a.last_touch[at("a")] * conversions, A.last_touch, 1e-9);
  EXPECT_NEAR(a.last_touch[at("b")] * conversions, B.last_touch, 1e-9);
  EXPECT_NEAR(a.last_touch[at("c")] * conversions, C.last_touch, 1e-9);
  // First touch: a_j b_j / P(conv), with the b_j above: A 53/78, B 5/24, C 35/312,
  // not the table's 3/6, 1/6, 2/6 (C > A > B converts more than A's chain does).
  EXPECT_NEAR(a.first_touch[at("a")], 53.0 / 78.0, 1e-9);
  EXPECT_NEAR(a.first_touch[at("b")], 5.0 / 24.0, 1e-9);
  EXPECT_NEAR(a.first_touch[at("c")], 35.0 / 312.0, 1e-9);
  // Linear: v_j b_j normalised, v = 10/12, 8/12, 6/12: 530 : 520 : 210,
  // not the table's 13/6 : 16/6 : 7/6.
  EXPECT_NEAR(a.linear_touch[at("a")], 530.0 / 1260.0, 1e-9);
  EXPECT_NEAR(a.linear_touch[at("b")], 520.0 / 1260.0, 1e-9);
  EXPECT_NEAR(a.linear_touch[at("c")], 210.0 / 1260.0, 1e-9);
}

// On a first-order table (each path's continuation independent of how it got
// there) the chain's first touch is the table's too.
TEST(PathTable, FirstTouchAgreesWhenThePathsAreMarkov) {
  const MineResult r = mine_path_table_text(
      "path,total_conversions,total_null\n"
      "A > B,3,3\n"
      "A,2,2\n"
      "B,1,1\n",
      options());
  ASSERT_TRUE(r.ok()) << messages(r);
  const ChainAnalysis a = analyze_as_written(*r.scenario).mixed;
  const double conversions = 6.0;
  for (const PathHeuristics& h : r.heuristics) {
    const std::size_t j = *r.scenario->find_touchpoint(readable_id(h.channel));
    EXPECT_NEAR(a.first_touch[j] * conversions, h.first_touch, 1e-9) << h.channel;
    EXPECT_NEAR(a.last_touch[j] * conversions, h.last_touch, 1e-9) << h.channel;
  }
}

TEST(PathTable, ConversionValueIsTheConvertedEndingsRevenue) {
  const MineResult r = mine_path_table_text(
      "path,total_conversions,total_null,total_conversion_value\n"
      "A > B,2,2,120\n"
      "B,1,1,\n"
      "A,0,3,0\n",
      options());
  ASSERT_TRUE(r.ok()) << messages(r);
  const Scenario& s = *r.scenario;
  const Touchpoint& converted = s.touchpoints[*s.find_touchpoint("converted")];
  // 120 over 3 conversions: each converting customer earns 40, so `run`'s
  // revenue per customer is 40 x P(convert) = 120 / 9 journeys.
  EXPECT_DOUBLE_EQ(converted.revenue, 40.0);
  for (const Touchpoint& t : s.touchpoints) {
    if (t.id != "converted") {
      EXPECT_EQ(t.revenue, 0.0) << t.id;
    }
  }
  EXPECT_NE(s.description.find("conversion value 120 (40 per conversion, the revenue of the converted ending)"),
            std::string::npos)
      << s.description;
}

TEST(PathTable, BadRowsArePlacedAndLeftOut) {
  const MineResult r = mine_path_table_text(
      "path,total_conversions,total_null,total_conversion_value\n"
      "A > B,2,1,10\n"
      "A > B,-1,1,\n"
      "A > B,x,1,\n"
      "A > B,,1,\n"
      "A > B,1.5,1,\n"
      " > ,1,1,\n"
      "A,0,2,5\n"
      "A,1,1,lots\n"
      "A,1\n"
      "A,1e3,0,\n",
      options());
  ASSERT_TRUE(r.ok()) << messages(r);
  EXPECT_EQ(r.summary.rows, 10u);
  EXPECT_EQ(r.summary.bad_rows, 8u);
  EXPECT_EQ(messages(r),
            "paths.csv:3:7: warning: column total_conversions: -1 is negative; a count of journeys is 0 or more\n"
            "paths.csv:4:7: warning: column total_conversions: \"x\" is not a number; write a whole number of "
            "journeys such as 12\n"
            "paths.csv:5:7: warning: column total_conversions: total_conversions is empty; write the number of "
            "journeys, 0 for none\n"
            "paths.csv:6:7: warning: column total_conversions: 1.5 is not a whole number; counts of journeys are "
            "whole numbers: round them, or scale every row alike\n"
            "paths.csv:7:1: warning: column path: the path is empty; write its channels as a > b > c\n"
            "paths.csv:8:7: warning: column total_conversion_value: a conversion value of 5 on a path with no "
            "conversions; give the row its conversions, or a value of 0\n"
            "paths.csv:9:7: warning: column total_conversion_value: \"lots\" is not a number; write a plain number "
            "such as 1250.50, or leave it empty\n"
            "paths.csv:10:3: warning: column total_conversions: the row has 2 fields, the header 4; fill in the "
            "missing fields (empty ones still need their delimiter)\n");
  // The good rows: A > B 2 + 1, and A 1000 conversions ("1e3", as some exports write counts).
  EXPECT_EQ(r.summary.journeys, 1003u);
  EXPECT_EQ(find(*r.scenario, "a", "b")->observed, (Observed{3, 1003}));
}

TEST(PathTable, StrictMakesBadRowsErrors) {
  PathTableOptions o = options();
  o.strict = true;
  const MineResult r = mine_path_table_text("path,total_conversions,total_null\nA,1,0\nB,1,-2\n", o);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(messages(r), "paths.csv:3:5: error: column total_null: -2 is negative; a count of journeys is 0 or more\n");
}

TEST(PathTable, NothingToMine) {
  EXPECT_EQ(messages(mine_path_table_text("path,total_conversions,total_null\n", options())),
            "paths.csv: error: no journeys to mine; check the file holds rows after its header, with conversions "
            "or nulls\n");
  // A path nobody took adds no channel.
  const MineResult r = mine_path_table_text("path,total_conversions,total_null\nA,1,0\nZ,0,0\n", options());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.scenario->find_touchpoint("z"));
  EXPECT_EQ(r.summary.rows, 2u);
}

TEST(PathTable, NoNullsMeansNoLostEnding) {
  const MineResult r = mine_path_table_text("path,total_conversions,total_null\nA > B,2,0\n", options());
  ASSERT_TRUE(r.ok()) << messages(r);
  EXPECT_FALSE(r.scenario->find_touchpoint("lost"));
  EXPECT_EQ(r.scenario->touchpoints.size(), 3u);
  EXPECT_TRUE(load_scenario_text(render_json(to_json(*r.scenario))).ok());
}

}  // namespace path_table_test
}  // namespace journeysim::mine
