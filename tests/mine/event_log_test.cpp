// Mining event logs: counts and evidence, entry shares, endings (by flag, by
// column, lost, active), rare touchpoints, order and ids, segments, money,
// and bad rows with their file:line:col.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/scenario_writer.hpp"
#include "journeysim/mine/event_log.hpp"
#include "mine_test_support.hpp"

namespace journeysim::mine {
namespace {

const std::string kLog =
    "customer_id,timestamp,touchpoint,stage,channel\n"
    "a,2024-01-01T10:00:00Z,Search Ad,awareness,web\n"
    "b,2024-01-01T10:00:00Z,Search Ad,awareness,web\n"
    "a,2024-01-01T10:00:30Z,product,consideration,web\n"
    "c,2024-01-01T11:00:00Z,email,awareness,email\n"
    "b,2024-01-01T10:01:00Z,product,consideration,web\n"
    "a,2024-01-01T10:02:30Z,bought,purchase,web\n"
    "c,2024-01-01T11:00:20Z,product,consideration,web\n"
    "b,2024-01-01T10:05:00Z,product,consideration,web\n";

EventLogOptions options() {
  EventLogOptions o;
  o.source = "log.csv";
  o.outcomes = {{"bought", "converted"}};
  return o;
}

std::string messages(const MineResult& r) { return test_support::problem_lines(r, "log.csv"); }

const Transition* find(const Scenario& s, std::string_view from, std::string_view to) {
  return test_support::find_transition(s, from, to);
}

TEST(EventLog, CountsMovesWithTheirEvidence) {
  const MineResult r = mine_event_log_text(kLog, options());
  ASSERT_TRUE(r.ok()) << messages(r);
  const Scenario& s = *r.scenario;
  // product was left 4 times: to bought once, to itself once, to lost twice (b and c end there).
  const Transition* bought = find(s, "product", "bought");
  ASSERT_NE(bought, nullptr);
  EXPECT_EQ(bought->observed, (Observed{1, 4}));
  EXPECT_DOUBLE_EQ(bought->p.value, 0.25);
  EXPECT_EQ(find(s, "product", "product")->observed, (Observed{1, 4}));
  EXPECT_EQ(find(s, "product", "lost")->observed, (Observed{2, 4}));
  EXPECT_EQ(find(s, "search_ad", "product")->observed, (Observed{2, 2}));
  EXPECT_EQ(r.summary.rows, 8u);
  EXPECT_EQ(r.summary.journeys, 3u);
  EXPECT_EQ(r.summary.ended, 1u);
  EXPECT_EQ(r.summary.lost, 2u);
}

TEST(EventLog, EntrySharesFromFirstEvents) {
  const MineResult r = mine_event_log_text(kLog, options());
  ASSERT_TRUE(r.ok());
  const Scenario& s = *r.scenario;
  ASSERT_EQ(s.entry.size(), 2u);
  EXPECT_EQ(s.touchpoints[s.entry[0].touchpoint].id, "search_ad");
  EXPECT_DOUBLE_EQ(s.entry[0].share, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.entry[1].share, 1.0 / 3.0);
}

TEST(EventLog, ReadableIdsOrderedByStageThenFirstAppearance) {
  const MineResult r = mine_event_log_text(kLog, options());
  ASSERT_TRUE(r.ok());
  std::vector<std::string> ids;
  for (const Touchpoint& t : r.scenario->touchpoints) ids.push_back(t.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"search_ad", "email", "product", "bought", "lost"}));
  EXPECT_EQ(r.scenario->touchpoints[0].name, "Search Ad");
  EXPECT_EQ(r.scenario->touchpoints[1].channel, "email");
  EXPECT_EQ(r.scenario->touchpoints[3].outcome, "converted");
  EXPECT_EQ(r.scenario->stages, (std::vector<std::string>{"awareness", "consideration"}));
}

TEST(EventLog, DwellFromTheNextEvent) {
  const MineResult r = mine_event_log_text(kLog, options());
  ASSERT_TRUE(r.ok());
  const Scenario& s = *r.scenario;
  // search_ad: 30 s and 60 s (too few to refuse a lognormal); email: 20 s.
  EXPECT_EQ(s.touchpoints[*s.find_touchpoint("email")].dwell, Distribution::constant(20));
  const Distribution& ad = s.touchpoints[0].dwell;
  EXPECT_EQ(ad.kind, DistributionKind::lognormal);
  EXPECT_EQ(ad.a, 30.0);
  EXPECT_EQ(ad.b, 60.0);
}

TEST(EventLog, DescriptionStatesSourceCountsAndDates) {
  const MineResult r = mine_event_log_text(kLog, options());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.scenario->name, "log");
  EXPECT_EQ(r.scenario->description,
            "Mined by journeysim mine from log.csv: 8 rows (0 left out), 3 journeys (1 ended at an outcome, 2 lost), "
            "from 2024-01-01T10:00:00Z to 2024-01-01T11:00:20Z.");
}

TEST(EventLog, TheMinedScenarioValidates) {
  const MineResult r = mine_event_log_text(kLog, options());
  ASSERT_TRUE(r.ok());
  const LoadResult back = load_scenario_text(render_json(to_json(*r.scenario)));
  EXPECT_TRUE(back.ok());
  EXPECT_TRUE(back.diagnostics.empty());
}

TEST(EventLog, OutcomeColumnOnATerminalOrAfterATouchpoint) {
  const std::string log =
      "customer_id,timestamp,touchpoint,outcome\n"
      "a,1000,cart,\n"
      "a,1060,purchased,converted\n"
      "b,1000,cart,abandoned\n"
      "c,1000,cart,\n"
      "c,1030,purchased,converted\n";
  const MineResult r = mine_event_log_text(log, EventLogOptions{});
  ASSERT_TRUE(r.ok()) << messages(r);
  const Scenario& s = *r.scenario;
  // "purchased" always ends a journey as converted: it is that ending. "cart"
  // ends b's journey but is left by others: b moves on to an "abandoned" ending.
  EXPECT_EQ(s.touchpoints[*s.find_touchpoint("purchased")].outcome, "converted");
  EXPECT_EQ(s.touchpoints[*s.find_touchpoint("abandoned")].outcome, "abandoned");
  EXPECT_EQ(find(s, "cart", "purchased")->observed, (Observed{2, 3}));
  EXPECT_EQ(find(s, "cart", "abandoned")->observed, (Observed{1, 3}));
  EXPECT_EQ(r.summary.lost, 0u);
}

TEST(EventLog, ActiveNearTheEndSetsTheHorizon) {
  const std::string log =
      "customer_id,timestamp,touchpoint\n"
      "a,0,trial\n"
      "a,86400,trial\n"
      "b,0,trial\n"
      "b,864000,trial\n";
  EventLogOptions o;
  o.active_within = 2 * 86400.0;
  const MineResult r = mine_event_log_text(log, o);
  ASSERT_TRUE(r.ok()) << messages(r);
  EXPECT_EQ(r.summary.active, 1u);  // b, at the end of the log
  EXPECT_EQ(r.summary.lost, 1u);    // a, nine days before it
  EXPECT_EQ(r.scenario->horizon, 864000.0);
  EXPECT_EQ(find(*r.scenario, "trial", "trial")->observed, (Observed{2, 3}));
  EXPECT_EQ(find(*r.scenario, "trial", "lost")->observed, (Observed{1, 3}));
}

TEST(EventLog, RareTouchpointsMergeIntoOther) {
  const std::string log =
      "customer_id,timestamp,touchpoint\n"
      "a,0,home\n"
      "a,10,fax\n"
      "b,0,home\n"
      "b,10,telex\n"
      "c,0,home\n";
  EventLogOptions o;
  o.min_visits = 2;
  const MineResult r = mine_event_log_text(log, o);
  ASSERT_TRUE(r.ok()) << messages(r);
  EXPECT_EQ(messages(r),
            "log.csv: warning: 2 touchpoints seen fewer than 2 times merged into \"other\": fax (1), "
            "telex (1); lower --min-visits to keep them apart\n");
  EXPECT_EQ(find(*r.scenario, "home", "other")->observed, (Observed{2, 3}));
  EXPECT_EQ(find(*r.scenario, "other", "lost")->observed, (Observed{2, 2}));
}

TEST(EventLog, SegmentsWithSharesEntriesAndTheirOwnSplits) {
  std::string log = "customer_id,timestamp,touchpoint,segment\n";
  // 200 "mobile" customers leave the cart 3 in 4 times, 200 "desk" ones 1 in 4.
  for (int i = 0; i < 400; ++i) {
    const bool mobile = i < 200;
    const std::string id = std::to_string(i), segment = mobile ? "mobile" : "desk";
    log += id + ",0," + (mobile ? "app" : "web") + "," + segment + "\n";
    log += id + ",10,cart," + segment + "\n";
    const bool buys = mobile ? i % 4 == 0 : i % 4 != 0;
    if (buys) log += id + ",20,bought," + segment + "\n";
  }
  EventLogOptions o;
  o.outcomes = {{"bought", "converted"}};
  const MineResult r = mine_event_log_text(log, o);
  ASSERT_TRUE(r.ok()) << messages(r);
  const Scenario& s = *r.scenario;
  ASSERT_EQ(s.segments.size(), 2u);
  EXPECT_EQ(s.segments[0].id, "mobile");
  EXPECT_DOUBLE_EQ(s.segments[0].share, 0.5);
  ASSERT_TRUE(s.segments[0].entry.has_value());
  ASSERT_EQ(s.segments[0].entry->size(), 1u);
  EXPECT_EQ(s.touchpoints[(*s.segments[0].entry)[0].touchpoint].id, "app");
  ASSERT_EQ(s.segments[0].transitions.size(), 2u);
  EXPECT_DOUBLE_EQ(s.segments[0].transitions[0].p->value, 0.25);  // cart->bought
  EXPECT_TRUE(load_scenario_text(render_json(to_json(s))).ok());
}

TEST(EventLog, RevenueAndCostAreMeansPerVisit) {
  const std::string log =
      "customer_id,timestamp,touchpoint,revenue,cost\n"
      "a,0,chat,,2\n"
      "a,60,order,80,\n"
      "b,0,chat,,4\n"
      "b,60,order,100,\n";
  EventLogOptions o;
  o.outcomes = {{"order", "converted"}};
  const MineResult r = mine_event_log_text(log, o);
  ASSERT_TRUE(r.ok()) << messages(r);
  EXPECT_EQ(r.scenario->touchpoints[0].cost, 3.0);
  EXPECT_EQ(r.scenario->touchpoints[1].revenue, 90.0);
}

TEST(EventLog, TabsAndMappedColumns) {
  const std::string log =
      "user\twhen\tpage\n"
      "u1\t2024-01-01 10:00\thome\n"
      "u1\t2024-01-01 10:01\tdone\n";
  EventLogOptions o;
  o.columns.customer = "user";
  o.columns.timestamp = "when";
  o.columns.touchpoint = "page";
  o.outcomes = {{"done", "converted"}};
  const MineResult r = mine_event_log_text(log, o);
  ASSERT_TRUE(r.ok()) << messages(r);
  EXPECT_EQ(find(*r.scenario, "home", "done")->observed, (Observed{1, 1}));
  EXPECT_EQ(r.scenario->touchpoints[0].dwell, Distribution::constant(60));
}

// As the rows come, with no second pass: a row out of its customer's time
// order is a bad row here (mine_event_log_text and _file sort instead).
MineResult streamed(std::string_view text, const EventLogOptions& options) {
  EventLogMiner miner(options);
  miner.feed(text);
  return miner.finish();
}

TEST(EventLog, BadRowsAreCountedAndPlaced) {
  const std::string log =
      "customer_id,timestamp,touchpoint\n"
      "a,2024-01-01T10:00:00Z,home\n"
      "b,2024-01-01T10:00:00Z\n"
      "a,yesterday,home\n"
      "a,2024-01-01T09:00:00Z,cart\n"
      "c,2024-01-01T10:00:00Z,\n"
      "a,2024-01-01T10:05:00Z,cart\n";
  const MineResult r = streamed(log, EventLogOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.summary.bad_rows, 4u);
  EXPECT_EQ(messages(r),
            "log.csv:3:3: warning: column timestamp: the row has 2 fields, the header 3; fill in the missing fields "
            "(empty ones still need their delimiter)\n"
            "log.csv:4:3: warning: column timestamp: \"yesterday\" is not a time; write an ISO 8601 time such as "
            "2024-03-01T09:30:00Z (or with +01:00), or Unix seconds such as 1709285400\n"
            "log.csv:5:3: warning: column timestamp: customer a goes back in time: 2024-01-01T09:00:00Z is before "
            "their event at line 2 (2024-01-01T10:00:00Z); list each customer's events in time order\n"
            "log.csv:6:24: warning: column touchpoint: touchpoint is empty; give every event its touchpoint\n");
  EXPECT_EQ(find(*r.scenario, "home", "cart")->observed, (Observed{1, 1}));
}

// A Latin-1 export would otherwise put bytes that are not UTF-8 into the
// scenario's names, which a scenario file (UTF-8 JSON) cannot hold.
TEST(EventLog, FieldsThatAreNotUtf8AreBadRows) {
  const std::string log =
      "customer_id,timestamp,touchpoint\n"
      "a,1,home\n"
      "a,2,caf\xe9\n"
      "a,3,caf\xc3\xa9\n";
  const MineResult r = mine_event_log_text(log, EventLogOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.summary.bad_rows, 1u);
  EXPECT_EQ(messages(r),
            "log.csv:3:5: warning: column touchpoint: byte 4 of the field (0xE9) is not UTF-8; save the "
            "log as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8 FILE)\n");
  // The UTF-8 row still counts: home -> café.
  const auto cafe = std::find_if(r.scenario->touchpoints.begin(), r.scenario->touchpoints.end(),
                                 [](const Touchpoint& t) { return t.display_name() == "caf\xc3\xa9"; });
  ASSERT_NE(cafe, r.scenario->touchpoints.end());
  EXPECT_EQ(find(*r.scenario, "home", cafe->id)->observed, (Observed{1, 1}));
}

// Messages echo fields from the log: each stays one printable line.
TEST(EventLog, MessagesEscapeControlCharacters) {
  const MineResult r =
      streamed("customer_id,timestamp,touchpoint\n\"a\nerror: \x1b[2J\",5,home\n\"a\nerror: \x1b[2J\",1,home\n",
               EventLogOptions{});
  ASSERT_EQ(r.problems.size(), 1u);
  const std::string message = format_problem(r.problems[0], "log.csv");
  EXPECT_NE(message.find("customer a\\x0Aerror: \\x1B[2J goes back in time"), std::string::npos) << message;
  EXPECT_EQ(message.find_first_of("\n\x1b"), std::string::npos) << message;
}

// Rows in any order: a log whose rows of one customer are out of time order
// is sorted by customer and time (here in chunks of two rows, so the merge
// runs over several temporary files) and mines as the sorted log does; its
// bad rows keep their lines in the file.
TEST(EventLog, RowsInAnyOrderAreSortedFirst) {
  const std::string in_order =
      "customer_id,timestamp,touchpoint\n"
      "a,2024-01-01T10:00:00Z,home\n"
      "b,2024-01-01T10:00:00Z,home\n"
      "a,2024-01-01T10:01:00Z,cart\n"
      "b,2024-01-01T10:02:00Z,search\n"
      "a,2024-01-01T10:03:00Z,bought\n"
      "b,2024-01-01T10:04:00Z,cart\n";
  const std::string shuffled =
      "customer_id,timestamp,touchpoint\n"
      "a,2024-01-01T10:03:00Z,bought\n"
      "b,2024-01-01T10:04:00Z,cart\n"
      "a,2024-01-01T10:00:00Z,home\n"
      "c,soon,home\n"
      "b,2024-01-01T10:02:00Z,search\n"
      "a,2024-01-01T10:01:00Z,cart\n"
      "b,2024-01-01T10:00:00Z,home\n";
  EventLogOptions o = options();
  o.sort_chunk_rows = 2;
  const MineResult want = mine_event_log_text(in_order, o);
  const MineResult got = mine_event_log_text(shuffled, o);
  ASSERT_TRUE(want.ok());
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got.summary.sort_chunks, 4u);  // 7 rows in chunks of 2
  EXPECT_GT(got.summary.out_of_order, 0u);
  EXPECT_EQ(got.summary.journeys, 2u);
  EXPECT_EQ(got.summary.bad_rows, 1u);
  for (const char* move : {"home>cart", "cart>bought", "home>search", "search>cart"}) {
    const std::string text = move;
    const std::string from = text.substr(0, text.find('>')), to = text.substr(text.find('>') + 1);
    ASSERT_TRUE(find(*got.scenario, from, to)) << move;
    EXPECT_EQ(find(*got.scenario, from, to)->observed, find(*want.scenario, from, to)->observed) << move;
  }
  EXPECT_EQ(messages(got),
            "log.csv: warning: 2 rows come before their customer's previous one: mined from the rows sorted by "
            "customer and time (an external sort in 4 chunks); nothing to do; a log sorted by time is mined in one "
            "pass, without the sort\n"
            "log.csv:5:3: warning: column timestamp: \"soon\" is not a time; write an ISO 8601 time such as "
            "2024-03-01T09:30:00Z (or with +01:00), or Unix seconds such as 1709285400\n");
}

TEST(EventLog, StrictMakesBadRowsErrors) {
  EventLogOptions o;
  o.strict = true;
  const MineResult r = mine_event_log_text("customer_id,timestamp,touchpoint\na,1,home\nb,x,home\n", o);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].severity, Severity::error);
  EXPECT_EQ(r.problems[0].line, 3u);
  EXPECT_EQ(r.problems[0].column, 3u);
}

TEST(EventLog, MissingColumnIsAnErrorWithASuggestion) {
  const MineResult r = mine_event_log_text("customer,timestamp,touchpoint\na,1,home\n", EventLogOptions{});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(messages(r),
            "log.csv:1:1: error: the header has no column \"customer_id\"; did you mean \"customer\"? (or name the "
            "column with --customer-column)\n");
}

TEST(EventLog, AnOutcomeForATouchpointNeverSeenIsAWarning) {
  EventLogOptions o = options();
  o.outcomes.emplace_back("Bought", "converted");
  const MineResult r = mine_event_log_text(kLog, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(messages(r),
            "log.csv: warning: --outcome Bought=converted: no event is at touchpoint \"Bought\"; check the "
            "spelling against the touchpoint column\n");
}

TEST(EventLog, EmptyInput) {
  EXPECT_EQ(
      messages(mine_event_log_text("", EventLogOptions{})),
      "log.csv: error: the file is empty; export the events with a header line: customer_id,timestamp,touchpoint\n");
  EXPECT_EQ(messages(mine_event_log_text("customer_id,timestamp,touchpoint\n", EventLogOptions{})),
            "log.csv: error: no events to mine; check the file holds rows after its header\n");
}

}  // namespace
}  // namespace journeysim::mine
