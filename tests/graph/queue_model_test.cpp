// The queue model in the scenario file (DESIGN section 8): every key of
// arrivals, warm_up and capacity loads; every broken rule gets its exact
// message at its path; what-if changes set and scale the new addresses;
// the writer saves them as written; sweep and sensitivity reach them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/scenario_writer.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/graph/what_if.hpp"

namespace journeysim {
namespace {

// help -> phone (a queue whose quitters go to hung_up) -> done.
const std::string kQueueBase = R"json({
  "horizon": "28d",
  "arrivals": {"per_hour": 20},
  "entry": {"help": 1},
  "touchpoints": [
    {"id": "help", "stage": "support"},
    {"id": "phone", "stage": "support", "dwell": "5m", "capacity": {"agents": 3, "patience": "5m", "on_renege": "hung_up", "queue_limit": 10, "on_balk": "hung_up"}},
    {"id": "done", "outcome": "resolved"},
    {"id": "hung_up", "outcome": "lost"}
  ],
  "transitions": [
    {"from": "help", "to": "phone", "p": 0.5},
    {"from": "help", "to": "done", "p": "rest"},
    {"from": "phone", "to": "done", "p": 1}
  ]
})json";

struct QueueEdit {
  std::string from, to;
};

std::string queue_edited(const std::vector<QueueEdit>& edits) {
  std::string text = kQueueBase;
  for (const QueueEdit& e : edits) {
    const std::size_t at = text.find(e.from);
    EXPECT_NE(at, std::string::npos) << e.from;
    if (at != std::string::npos) text.replace(at, e.from.size(), e.to);
  }
  return text;
}

// The diagnostics as `journeysim validate` prints them, in file order.
std::vector<std::string> queue_messages(const std::string& text, bool* ok = nullptr) {
  const LoadResult loaded = load_scenario_text(text);
  if (ok) *ok = loaded.ok();
  return format_diagnostics(loaded.diagnostics, "s.json", loaded.document.get());
}

Scenario queue_scenario(const std::string& text) {
  LoadResult loaded = load_scenario_text(text);
  EXPECT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.all().front().message);
  return loaded.scenario.value_or(Scenario{});
}

struct QueueCase {
  const char* name;
  std::vector<QueueEdit> edits;
  std::vector<std::string> expected;
  bool loads;
};

void PrintTo(const QueueCase& c, std::ostream* os) { *os << c.name; }

class QueueLoadCase : public testing::TestWithParam<QueueCase> {};

TEST_P(QueueLoadCase, ReportsExactly) {
  const QueueCase& c = GetParam();
  bool ok = false;
  EXPECT_EQ(queue_messages(queue_edited(c.edits), &ok), c.expected);
  EXPECT_EQ(ok, c.loads);
}

INSTANTIATE_TEST_SUITE_P(
    QueueValidation, QueueLoadCase,
    testing::Values(
        QueueCase{"per_day", {{"\"per_hour\": 20", "\"per_day\": 480"}}, {}, true},
        QueueCase{"both_rates",
                  {{"\"per_hour\": 20", "\"per_hour\": 20, \"per_day\": 480"}},
                  {"s.json:3:43: error: arrivals.per_day: \"arrivals\" takes \"per_hour\" or \"per_day\", not both; "
                   "keep one of them"},
                  false},
        QueueCase{"no_rate",
                  {{"\"per_hour\": 20", "\"by_weekday\": [1, 1, 1, 1, 1, 1, 1]"}},
                  {"s.json:3:15: error: arrivals: \"arrivals\" needs a rate: \"per_hour\" or \"per_day\"; add how many "
                   "customers arrive, e.g. \"per_hour\": 200"},
                  false},
        QueueCase{"zero_rate",
                  {{"\"per_hour\": 20", "\"per_hour\": 0"}},
                  {"s.json:3:28: error: arrivals.per_hour: per_hour must be above 0, up to 1e+06, found 0; write a "
                   "number above 0, up to 1e+06"},
                  false},
        QueueCase{"short_by_hour",
                  {{"\"per_hour\": 20", "\"per_hour\": 20, \"by_hour\": [1, 2]"}},
                  {"s.json:3:43: error: arrivals.by_hour: \"by_hour\" must be an array of 24 weights, found an array "
                   "of 2; give 24 numbers of 0 or more, one per hour of the day from 00:00"},
                  false},
        QueueCase{"zero_by_weekday",
                  {{"\"per_hour\": 20", "\"per_hour\": 20, \"by_weekday\": [0, 0, 0, 0, 0, 0, 0]"}},
                  {"s.json:3:46: error: arrivals.by_weekday: every weight of \"by_weekday\" is 0, so nobody would ever "
                   "arrive; give at least one weight above 0"},
                  false},
        QueueCase{"negative_weight",
                  {{"\"per_hour\": 20", "\"per_hour\": 20, \"by_weekday\": [1, 1, 1, 1, 1, -1, 1]"}},
                  {"s.json:3:62: error: arrivals.by_weekday[5]: a weight must be from 0 to 1e+09, found -1; write a "
                   "number from 0 to 1e+09"},
                  false},
        QueueCase{"arrivals_typo",
                  {{"\"per_hour\": 20", "\"per_hour\": 20, \"by_hours\": []"}},
                  {"s.json:3:32: error: arrivals.by_hours: unknown key \"by_hours\"; did you mean \"by_hour\"?"},
                  false},
        QueueCase{"no_horizon",
                  {{"\"horizon\": \"28d\",", ""}},
                  {"s.json:3:15: error: arrivals: \"arrivals\" needs a \"horizon\": customers arrive from time 0 until "
                   "it; add how long to simulate, e.g. \"horizon\": \"90d\""},
                  false},
        QueueCase{"warm_up_too_long",
                  {{"\"horizon\": \"28d\",", "\"horizon\": \"28d\", \"warm_up\": \"4w\","}},
                  {"s.json:2:32: error: warm_up: the warm-up (4w) must be shorter than the horizon (4w): statistics "
                   "start when it ends; shorten \"warm_up\", or lengthen \"horizon\""},
                  false},
        QueueCase{
            "warm_up_plain_number",
            {{"\"horizon\": \"28d\",", "\"horizon\": \"28d\", \"warm_up\": 7,"}},
            {"s.json:2:32: error: warm_up: a plain number is not a duration; write the unit: \"7s\", \"7m\" or \"7h\""},
            false},
        QueueCase{"capacity_without_arrivals",
                  {{"\"arrivals\": {\"per_hour\": 20},", ""}},
                  {"s.json:7:68: error: touchpoints[1].capacity: \"phone\" has a \"capacity\", but the scenario has no "
                   "\"arrivals\": without them customers do not queue; add \"arrivals\" (and a \"horizon\"), e.g. "
                   "\"arrivals\": {\"per_hour\": 100}, or remove \"capacity\""},
                  false},
        QueueCase{"warm_up_without_arrivals",
                  {{"\"arrivals\": {\"per_hour\": 20},", "\"warm_up\": \"1d\","},
                   {"\"capacity\": {\"agents\": 3, \"patience\": \"5m\", \"on_renege\": \"hung_up\", \"queue_limit\": "
                    "10, \"on_balk\": \"hung_up\"}",
                    "\"effort\": 2"}},
                  {"s.json:3:14: error: warm_up: \"warm_up\" is for the queue model, and the scenario has no "
                   "\"arrivals\"; add \"arrivals\", e.g. \"arrivals\": {\"per_hour\": 100}, or remove \"warm_up\"",
                   "s.json:9:5: warning: touchpoints[3]: \"hung_up\" cannot be reached from the entry; add a "
                   "transition to it with a probability above 0, or remove it"},
                  false},
        QueueCase{
            "capacity_on_ending",
            {{"{\"id\": \"done\", \"outcome\": \"resolved\"}",
              "{\"id\": \"done\", \"outcome\": \"resolved\", \"capacity\": {}}"}},
            {"s.json:8:55: error: touchpoints[2].capacity: \"done\" is an ending (it has an \"outcome\"), so nobody "
             "waits there; move \"capacity\" to the touchpoint where customers wait to be served, or remove it"},
            false},
        QueueCase{"unknown_on_renege",
                  {{"\"on_renege\": \"hung_up\"", "\"on_renege\": \"hungup\""}},
                  {"s.json:7:113: error: touchpoints[1].capacity.on_renege: unknown touchpoint \"hungup\" in "
                   "\"on_renege\" of \"phone\"; did you mean \"hung_up\"?"},
                  false},
        QueueCase{"on_balk_itself",
                  {{"\"on_balk\": \"hung_up\"", "\"on_balk\": \"phone\""}},
                  {"s.json:7:154: error: touchpoints[1].capacity.on_balk: \"on_balk\" of \"phone\" sends customers "
                   "back to \"phone\" itself; name the touchpoint they go to instead, e.g. an ending or a callback"},
                  false},
        QueueCase{"patience_without_on_renege",
                  {{"\"on_renege\": \"hung_up\", ", ""}},
                  {"s.json:7:94: error: touchpoints[1].capacity.patience: \"phone\" has a \"patience\" but no "
                   "\"on_renege\": nowhere to go for customers who give up waiting; add \"on_renege\": the touchpoint "
                   "they go to, e.g. \"hung_up\""},
                  false},
        QueueCase{"on_renege_without_patience",
                  {{"\"patience\": \"5m\", ", ""}},
                  {"s.json:7:95: warning: touchpoints[1].capacity.on_renege: \"on_renege\" of \"phone\" is never used: "
                   "without a \"patience\" nobody gives up waiting; add \"patience\", e.g. {\"dist\": \"exponential\", "
                   "\"mean\": \"5m\"}, or remove \"on_renege\""},
                  true},
        QueueCase{"queue_limit_without_on_balk",
                  {{", \"on_balk\": \"hung_up\"", ""}},
                  {"s.json:7:139: error: touchpoints[1].capacity.queue_limit: \"phone\" has a \"queue_limit\" but no "
                   "\"on_balk\": nowhere to go for customers who find the queue full; add \"on_balk\": the touchpoint "
                   "they go to, e.g. \"hung_up\""},
                  false},
        QueueCase{"nobody_serves",
                  {{"\"agents\": 3", "\"agents\": 0"}},
                  {"s.json:7:79: error: touchpoints[1].capacity.agents: \"phone\" has 0 agents and no schedule, so "
                   "nobody is ever served; give it agents, e.g. \"agents\": 5, or a \"schedule\" of shifts"},
                  false},
        QueueCase{"agents_fraction",
                  {{"\"agents\": 3", "\"agents\": 2.5"}},
                  {"s.json:7:79: error: touchpoints[1].capacity.agents: agents must be a whole number from 0 to 1e+06, "
                   "found 2.5; write a whole number from 0 to 1e+06"},
                  false},
        QueueCase{"queue_limit_negative",
                  {{"\"queue_limit\": 10", "\"queue_limit\": -1"}},
                  {"s.json:7:139: error: touchpoints[1].capacity.queue_limit: queue_limit must be a whole number from "
                   "0 to 1e+09, found -1; write a whole number from 0 to 1e+09"},
                  false},
        QueueCase{
            "capacity_typo",
            {{"\"agents\": 3", "\"agent\": 3"}},
            {"s.json:7:69: error: touchpoints[1].capacity.agent: unknown key \"agent\"; did you mean \"agents\"?"},
            false},
        QueueCase{"patience_number",
                  {{"\"patience\": \"5m\"", "\"patience\": 300"}},
                  {"s.json:7:94: error: touchpoints[1].capacity.patience: a plain number is not a duration; write the "
                   "unit: \"300s\", \"300m\" or \"300h\""},
                  false},
        QueueCase{"schedule_from_equals_to",
                  {{"\"agents\": 3,",
                    "\"schedule\": [{\"days\": \"mon-fri\", \"from\": \"08:00\", \"to\": \"08:00\", \"agents\": 2}],"}},
                  {"s.json:7:125: error: touchpoints[1].capacity.schedule[0].to: the shift starts and ends at 08:00, "
                   "so it has no length; give the time it ends; for a shift round the clock write \"from\": \"00:00\", "
                   "\"to\": \"24:00\""},
                  false},
        QueueCase{"schedule_bad_days",
                  {{"\"agents\": 3,",
                    "\"schedule\": [{\"days\": \"mon-fry\", \"from\": \"08:00\", \"to\": \"18:00\", \"agents\": 2}],"}},
                  {"s.json:7:91: error: touchpoints[1].capacity.schedule[0].days: \"mon-fry\" does not name weekdays: "
                   "\"fry\" is not a day; write three-letter day names, a range or a list: \"mon-fri\", \"sat\", "
                   "\"mon,wed,fri\", \"daily\", \"weekdays\" or \"weekends\""},
                  false},
        QueueCase{"schedule_bad_time",
                  {{"\"agents\": 3,",
                    "\"schedule\": [{\"days\": \"sat\", \"from\": \"8am\", \"to\": \"24:30\", \"agents\": 2}],"}},
                  {"s.json:7:106: error: touchpoints[1].capacity.schedule[0].from: \"8am\" is not a time of day; write "
                   "hours and minutes from 00:00 to 24:00, e.g. \"08:00\" or \"17:30\"",
                   "s.json:7:119: error: touchpoints[1].capacity.schedule[0].to: \"24:30\" is not a time of day; write "
                   "hours and minutes from 00:00 to 24:00, e.g. \"08:00\" or \"17:30\""},
                  false},
        QueueCase{"schedule_missing_agents",
                  {{"\"agents\": 3,", "\"schedule\": [{\"days\": \"sat\", \"from\": \"08:00\", \"to\": \"12:00\"}],"}},
                  {"s.json:7:82: error: touchpoints[1].capacity.schedule[0]: missing required key \"agents\"; add "
                   "\"agents\": how many are on duty, e.g. 10"},
                  false},
        QueueCase{"schedule_empty",
                  {{"\"agents\": 3,", "\"schedule\": [],"}},
                  {"s.json:7:81: error: touchpoints[1].capacity.schedule: expected a non-empty array of shifts, found "
                   "an array; list when agents are on duty, e.g. [{\"days\": \"mon-fri\", \"from\": \"08:00\", \"to\": "
                   "\"20:00\", \"agents\": 10}], or remove \"schedule\" for agents round the clock"},
                  false},
        QueueCase{"schedule_all_zero",
                  {{"\"agents\": 3,",
                    "\"schedule\": [{\"days\": \"daily\", \"from\": \"00:00\", \"to\": \"24:00\", \"agents\": 0}],"}},
                  {"s.json:7:81: error: touchpoints[1].capacity.schedule: every shift of \"phone\" has 0 agents, so "
                   "nobody is ever served; give at least one shift agents"},
                  false},
        QueueCase{
            "schedule_with_agents",
            {{"\"agents\": 3,",
              "\"agents\": 3, \"schedule\": [{\"days\": \"daily\", \"from\": \"00:00\", \"to\": \"24:00\", \"agents\": "
              "2}],"}},
            {"s.json:7:79: warning: touchpoints[1].capacity.agents: \"agents\" is ignored: with a \"schedule\", the "
             "shifts say how many agents are on duty; remove \"agents\", or give the shifts' \"agents\" instead"},
            true},
        QueueCase{"on_closed_without_schedule",
                  {{"\"on_balk\": \"hung_up\"", "\"on_balk\": \"hung_up\", \"on_closed\": \"done\""}},
                  {"s.json:7:178: warning: touchpoints[1].capacity.on_closed: \"on_closed\" of \"phone\" is never "
                   "used: without a \"schedule\" it is never closed; add a \"schedule\", or remove \"on_closed\""},
                  true},
        QueueCase{"closed_hours_without_on_closed",
                  {{"\"agents\": 3,",
                    "\"schedule\": [{\"days\": \"mon-fri\", \"from\": \"08:00\", \"to\": \"18:00\", \"agents\": 2}],"}},
                  {"s.json:7:81: warning: touchpoints[1].capacity.schedule: \"phone\" is closed 118 hours a week "
                   "while customers arrive (first mon 00:00-08:00) and has no \"on_closed\": those who reach it then "
                   "wait for it to open, and most give up first; add \"on_closed\": where they go while it is closed "
                   "(voicemail, a callback, an ending), or staff those hours; keep it as it is if callers really do "
                   "wait for opening"},
                  true},
        QueueCase{"closed_only_when_nobody_arrives",
                  {{"\"arrivals\": {\"per_hour\": 20}",
                    "\"arrivals\": {\"per_hour\": 20, \"by_hour\": [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                    "1, 0, 0, 0, 0, 0, 0], \"by_weekday\": [1, 1, 1, 1, 1, 0, 0]}"},
                   {"\"agents\": 3,",
                    "\"schedule\": [{\"days\": \"mon-fri\", \"from\": \"08:00\", \"to\": \"18:00\", \"agents\": 2}],"}},
                  {},
                  true},
        QueueCase{"unknown_on_closed",
                  {{"\"agents\": 3,",
                    "\"schedule\": [{\"days\": \"mon-fri\", \"from\": \"08:00\", \"to\": \"18:00\", \"agents\": 2}], "
                    "\"on_closed\": \"dnoe\","}},
                  {"s.json:7:162: error: touchpoints[1].capacity.on_closed: unknown touchpoint \"dnoe\" in "
                   "\"on_closed\" of \"phone\"; did you mean \"done\"?"},
                  false}),
    [](const testing::TestParamInfo<QueueCase>& info) { return std::string(info.param.name); });

const std::string kQueueEveryKey = R"json({
  "horizon": "28d", "warm_up": "7d",
  "arrivals": {"per_day": 480, "by_hour": [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 0, 0, 0, 0, 0, 0],
               "by_weekday": [1, 1, 1, 1, 1, 0.5, 0]},
  "entry": {"help": 1},
  "touchpoints": [
    {"id": "help", "stage": "support"},
    {"id": "phone", "stage": "support", "dwell": "5m",
     "capacity": {"patience": {"dist": "exponential", "mean": "4m"}, "on_renege": "hung_up", "queue_limit": 12,
                  "on_balk": "hung_up", "answer_within": "45s",
                  "schedule": [{"days": "Mon-Fri", "from": "08:00", "to": "20:00", "agents": 6},
                               {"days": "sat", "from": "22:00", "to": "02:00", "agents": 1}],
                  "on_closed": "voicemail"}},
    {"id": "chat", "stage": "support", "dwell": "9m", "capacity": {"agents": 4}},
    {"id": "voicemail", "stage": "support", "dwell": "1m"},
    {"id": "done", "outcome": "resolved"},
    {"id": "hung_up", "outcome": "lost"}
  ],
  "transitions": [
    {"from": "help", "to": "phone", "p": 0.5},
    {"from": "help", "to": "chat", "p": 0.2},
    {"from": "help", "to": "done", "p": "rest"},
    {"from": "phone", "to": "done", "p": 1},
    {"from": "chat", "to": "done", "p": 1},
    {"from": "voicemail", "to": "done", "p": 1}
  ]
})json";

TEST(QueueLoad, EveryKeyIsRead) {
  const LoadResult loaded = load_scenario_text(kQueueEveryKey);
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(loaded.diagnostics.empty());  // voicemail is reached through on_closed
  const Scenario& s = *loaded.scenario;
  EXPECT_EQ(s.warm_up, 7 * 86400.0);
  ASSERT_TRUE(s.arrivals.has_value());
  EXPECT_DOUBLE_EQ(s.arrivals->per_hour, 20.0);
  EXPECT_TRUE(s.arrivals->written_per_day);
  EXPECT_TRUE(s.arrivals->has_by_hour);
  EXPECT_TRUE(s.arrivals->has_by_weekday);
  EXPECT_EQ(s.arrivals->by_hour[9], 2.0);
  EXPECT_EQ(s.arrivals->by_weekday[5], 0.5);
  const Capacity& phone = *s.touchpoints[1].capacity;
  ASSERT_TRUE(phone.patience.has_value());
  EXPECT_EQ(phone.patience->kind, DistributionKind::exponential);
  EXPECT_EQ(phone.patience->a, 240.0);
  EXPECT_EQ(phone.on_renege, "hung_up");
  EXPECT_EQ(phone.queue_limit, 12.0);
  EXPECT_EQ(phone.on_balk, "hung_up");
  EXPECT_EQ(phone.answer_within, 45.0);
  EXPECT_EQ(phone.on_closed, "voicemail");
  ASSERT_EQ(phone.schedule.size(), 2u);
  EXPECT_EQ(phone.schedule[0].days, 0x1f);
  EXPECT_EQ(phone.schedule[0].days_text, "Mon-Fri");
  EXPECT_EQ(phone.schedule[0].from, 8 * 3600.0);
  EXPECT_EQ(phone.schedule[0].to, 20 * 3600.0);
  EXPECT_EQ(phone.schedule[0].agents, 6.0);
  EXPECT_EQ(phone.schedule[1].days, 1 << 5);
  EXPECT_EQ(phone.schedule[1].to, 2 * 3600.0);  // past midnight
  const Capacity& chat = *s.touchpoints[2].capacity;
  EXPECT_EQ(chat.agents, 4.0);
  EXPECT_FALSE(chat.patience.has_value());
  EXPECT_FALSE(chat.queue_limit.has_value());
  EXPECT_EQ(chat.answer_within, 20.0);  // the default
  EXPECT_TRUE(chat.schedule.empty());
  EXPECT_FALSE(s.touchpoints[0].capacity.has_value());
}

TEST(QueueLoad, WeekdaysAndTimesOfDay) {
  EXPECT_EQ(parse_days("daily").days, 0x7f);
  EXPECT_EQ(parse_days("WEEKENDS").days, 0x60);
  EXPECT_EQ(parse_days("weekdays").days, 0x1f);
  EXPECT_EQ(parse_days("mon,wed,fri").days, 0x15);
  EXPECT_EQ(parse_days("fri-mon").days, 0x71);  // wraps over the weekend
  EXPECT_EQ(parse_days("mon-wed, sat").days, 0x27);
  EXPECT_EQ(parse_days("monday").problem, "\"monday\" is not a day");
  EXPECT_EQ(parse_days("mon,").problem, "a day name is missing");
  EXPECT_EQ(parse_days("").problem, "no days are named");
  EXPECT_EQ(format_days(0x15), "mon,wed,fri");
  EXPECT_EQ(format_days(0x27), "mon-wed,sat");
  EXPECT_EQ(format_days(0x7f), "daily");
  EXPECT_EQ(parse_clock("00:00"), 0.0);
  EXPECT_EQ(parse_clock("8:30"), 8 * 3600.0 + 1800.0);
  EXPECT_EQ(parse_clock("24:00"), 86400.0);
  EXPECT_FALSE(parse_clock("24:01"));
  EXPECT_FALSE(parse_clock("12:60"));
  EXPECT_FALSE(parse_clock("12:5"));
  EXPECT_EQ(format_clock(86400.0), "24:00");
  EXPECT_EQ(format_clock(8 * 3600.0 + 300.0), "08:05");
}

// --- what-if changes on the queue model's addresses ---

std::string queue_with_changes(const std::string& changes) {
  std::string text = kQueueEveryKey;
  text.erase(text.rfind("\n}"));
  return text + ",\n  \"what_if\": [{\"name\": \"Q\", \"changes\": [" + changes + "]}]\n}";
}

Variant queue_variant(const std::string& changes) {
  const LoadResult loaded = load_scenario_text(queue_with_changes(changes));
  if (!loaded.ok()) {
    ADD_FAILURE() << format_diagnostic(loaded.diagnostics.all().front(), "s.json", loaded.document.get());
    return {};
  }
  Diagnostics diagnostics;
  std::optional<Variant> variant = apply_what_if(*loaded.scenario, 0, diagnostics);
  EXPECT_TRUE(variant.has_value());
  return variant.value_or(Variant{});
}

// The errors of loading a scenario with these changes, as printed.
std::vector<std::string> queue_change_errors(const std::string& changes) {
  const LoadResult loaded = load_scenario_text(queue_with_changes(changes));
  std::vector<std::string> out;
  for (const Diagnostic& d : loaded.diagnostics.all()) {
    if (d.severity == Severity::error) out.push_back(d.message + "; " + d.fix);
  }
  return out;
}

const Capacity& queue_capacity(const Variant& v, std::size_t touchpoint, std::size_t journey = 0) {
  static const Capacity none;
  if (journey >= v.journeys.size() || !v.journeys[journey].touchpoints.at(touchpoint).capacity) {
    ADD_FAILURE() << "no capacity";
    return none;
  }
  return *v.journeys[journey].touchpoints[touchpoint].capacity;
}

TEST(QueueWhatIf, SetAndScaleAgents) {
  const Variant set = queue_variant(R"({"set": "touchpoints.chat.capacity.agents", "value": 7})");
  EXPECT_EQ(queue_capacity(set, 2).agents, 7.0);
  EXPECT_EQ(set.touchpoints[2].capacity->agents, 7.0);  // the structure too
  const Variant scaled = queue_variant(R"({"scale": "touchpoints.chat.capacity.agents", "by": 1.5})");
  EXPECT_EQ(queue_capacity(scaled, 2).agents, 6.0);
}

TEST(QueueWhatIf, ScalingAgentsToAFractionIsRefused) {
  EXPECT_EQ(queue_change_errors(R"({"scale": "touchpoints.chat.capacity.agents", "by": 1.1})"),
            std::vector<std::string>{"in what-if \"Q\", scale: scaling the agents of \"chat\" (4) by 1.1 gives 4.4, "
                                     "not a whole number; use \"set\" with the number wanted, e.g. 4"});
}

TEST(QueueWhatIf, SetAndScaleQueueLimit) {
  EXPECT_EQ(
      queue_capacity(queue_variant(R"({"set": "touchpoints.phone.capacity.queue_limit", "value": 20})"), 1).queue_limit,
      20.0);
  EXPECT_EQ(
      queue_capacity(queue_variant(R"({"scale": "touchpoints.phone.capacity.queue_limit", "by": 0.5})"), 1).queue_limit,
      6.0);
  EXPECT_EQ(queue_change_errors(R"({"scale": "touchpoints.chat.capacity.queue_limit", "by": 2})"),
            std::vector<std::string>{"in what-if \"Q\", scale: \"chat\" has no \"queue_limit\" to scale; use \"set\" "
                                     "to give it one"});
  // A limit without somewhere to balk to breaks the same rule as in the file.
  EXPECT_EQ(queue_change_errors(R"({"set": "touchpoints.chat.capacity.queue_limit", "value": 5})"),
            std::vector<std::string>{"in what-if \"Q\", after its changes: \"chat\" has a \"queue_limit\" but no "
                                     "\"on_balk\": nowhere to go for customers who find the queue full; add "
                                     "\"on_balk\": the touchpoint they go to, e.g. \"hung_up\""});
}

TEST(QueueWhatIf, SetAndScalePatience) {
  const Variant set = queue_variant(
      R"({"set": "touchpoints.phone.capacity.patience", "value": {"dist": "lognormal", "median": "3m", "p90": "9m"}})");
  ASSERT_TRUE(queue_capacity(set, 1).patience.has_value());
  EXPECT_EQ(queue_capacity(set, 1).patience->kind, DistributionKind::lognormal);
  EXPECT_EQ(queue_capacity(set, 1).patience->b, 540.0);
  const Variant scaled = queue_variant(R"({"scale": "touchpoints.phone.capacity.patience", "by": 2})");
  EXPECT_EQ(queue_capacity(scaled, 1).patience->a, 480.0);  // the exponential's mean, like a dwell
  EXPECT_EQ(queue_change_errors(R"({"scale": "touchpoints.chat.capacity.patience", "by": 2})"),
            std::vector<std::string>{"in what-if \"Q\", scale: \"chat\" has no \"patience\" to scale; use \"set\" to "
                                     "give it one"});
}

TEST(QueueWhatIf, SetAndScaleAnswerWithin) {
  EXPECT_EQ(queue_capacity(queue_variant(R"({"set": "touchpoints.phone.capacity.answer_within", "value": "1m"})"), 1)
                .answer_within,
            60.0);
  EXPECT_EQ(queue_capacity(queue_variant(R"({"scale": "touchpoints.phone.capacity.answer_within", "by": 2})"), 1)
                .answer_within,
            90.0);
}

TEST(QueueWhatIf, SetAndScaleAShiftsAgents) {
  const Variant set = queue_variant(R"({"set": "touchpoints.phone.capacity.schedule.1.agents", "value": 3})");
  EXPECT_EQ(queue_capacity(set, 1).schedule[1].agents, 3.0);
  EXPECT_EQ(queue_capacity(set, 1).schedule[0].agents, 6.0);
  const Variant scaled = queue_variant(R"({"scale": "touchpoints.phone.capacity.schedule.0.agents", "by": 1.5})");
  EXPECT_EQ(queue_capacity(scaled, 1).schedule[0].agents, 9.0);
  EXPECT_EQ(queue_change_errors(R"({"set": "touchpoints.phone.capacity.schedule.2.agents", "value": 3})"),
            std::vector<std::string>{"in what-if \"Q\", set: shift 2 of \"phone\" does not exist: its schedule has 2 "
                                     "shifts; name a shift from 0 to 1"});
  EXPECT_EQ(queue_change_errors(R"({"set": "touchpoints.chat.capacity.schedule.0.agents", "value": 3})"),
            std::vector<std::string>{"in what-if \"Q\", set: shift 0 of \"chat\" does not exist: it has no "
                                     "schedule; change touchpoints.chat.capacity.agents"});
  EXPECT_EQ(queue_change_errors(R"({"set": "touchpoints.phone.capacity.agents", "value": 3})"),
            std::vector<std::string>{"in what-if \"Q\", set: \"phone\" has a \"schedule\", so its shifts say how many "
                                     "agents are on duty; change a shift's agents: "
                                     "touchpoints.phone.capacity.schedule.K.agents, K from 0 to 1"});
}

TEST(QueueWhatIf, ACapacityChangeOnATouchpointWithoutOneNamesThoseWithOne) {
  EXPECT_EQ(queue_change_errors(R"({"set": "touchpoints.help.capacity.agents", "value": 3})"),
            std::vector<std::string>{"in what-if \"Q\", set: \"help\" has no \"capacity\"; change a touchpoint that "
                                     "has one: \"phone\", \"chat\""});
}

TEST(QueueWhatIf, SetAndScaleArrivals) {
  const Variant per_hour = queue_variant(R"({"set": "arrivals.per_hour", "value": 30})");
  ASSERT_TRUE(per_hour.arrivals.has_value());
  EXPECT_EQ(per_hour.arrivals->per_hour, 30.0);
  const Variant per_day = queue_variant(R"({"set": "arrivals.per_day", "value": 240})");
  EXPECT_EQ(per_day.arrivals->per_hour, 10.0);
  const Variant scaled = queue_variant(R"({"scale": "arrivals.per_hour", "by": 1.2})");
  EXPECT_DOUBLE_EQ(scaled.arrivals->per_hour, 24.0);
  const Variant scaled_day = queue_variant(R"({"scale": "arrivals.per_day", "by": 0.5})");
  EXPECT_DOUBLE_EQ(scaled_day.arrivals->per_hour, 10.0);
  // The structure reported over carries the variant's arrivals.
  const Scenario base = queue_scenario(kQueueEveryKey);
  EXPECT_DOUBLE_EQ(variant_structure(base, scaled).arrivals->per_hour, 24.0);
  EXPECT_EQ(queue_change_errors(R"({"scale": "arrivals.per_hour", "by": 0})"),
            std::vector<std::string>{"in what-if \"Q\", scale: arrivals.per_hour would become 0, outside 0 to "
                                     "1e+06; scale it by less, or \"set\" a value above 0, up to 1e+06"});
}

TEST(QueueWhatIf, AddressesAreCheckedAsTheyAreRead) {
  EXPECT_EQ(queue_change_errors(R"({"set": "arrivals.per_week", "value": 3})"),
            std::vector<std::string>{"unknown field \"arrivals.per_week\"; did you mean \"arrivals.per_hour\"?"});
  EXPECT_EQ(queue_change_errors(R"({"set": "touchpoints.phone.capacity.agnets", "value": 3})"),
            std::vector<std::string>{"unknown field \"capacity.agnets\" in \"touchpoints.phone.capacity.agnets\"; did "
                                     "you mean \"capacity.agents\"?"});
  EXPECT_EQ(queue_change_errors(R"({"set": "touchpoints.phone.capacity.schedule.first.agents", "value": 3})"),
            std::vector<std::string>{"unknown field \"capacity.schedule.first.agents\" in "
                                     "\"touchpoints.phone.capacity.schedule.first.agents\"; name a shift by its index "
                                     "from 0: \"capacity.schedule.0.agents\""});
  EXPECT_EQ(queue_change_errors(R"({"set": "touchpoints.chat.capacity.agents", "value": 2.5})"),
            std::vector<std::string>{"agents must be a whole number from 0 to 1e+06, found 2.5; write a whole number "
                                     "from 0 to 1e+06"});
  EXPECT_EQ(queue_change_errors(R"({"set": "arrivals.per_hour", "value": 0})"),
            std::vector<std::string>{"per_hour must be above 0, up to 1e+06, found 0; write a number above 0, up to "
                                     "1e+06"});
}

TEST(QueueWhatIf, AddressTextRoundTrips) {
  for (const char* text : {"arrivals.per_hour", "arrivals.per_day", "touchpoints.phone.capacity.agents",
                           "touchpoints.phone.capacity.schedule.12.agents", "transitions.a->b.p"}) {
    const AddressParse parsed = parse_change_address(text);
    ASSERT_TRUE(parsed.address.has_value()) << text << ": " << parsed.problem;
    EXPECT_EQ(parsed.address->text(), text);
  }
  EXPECT_EQ(parse_change_address("arrivals.per_hour").address->kind, ChangeAddress::Kind::scenario);
  EXPECT_EQ(shift_index("capacity.schedule.12.agents"), 12u);
  EXPECT_FALSE(shift_index("capacity.schedule.01.agents"));
}

TEST(QueueWhatIf, AnAddedTouchpointMayHaveACapacity) {
  const Variant v = queue_variant(
      R"({"add_touchpoint": {"id": "callback", "dwell": "4m", "capacity": {"agents": 2}}},
         {"add_transition": {"from": "callback", "to": "done", "p": 1}},
         {"reroute": "transitions.help->phone", "to": "callback", "share": 0.5})");
  ASSERT_EQ(v.touchpoints.size(), 7u);
  EXPECT_EQ(queue_capacity(v, 6).agents, 2.0);
}

TEST(QueueWhatIf, RemovingWhereAQueueSendsCustomersIsRefused) {
  EXPECT_EQ(queue_change_errors(R"({"remove_touchpoint": "voicemail", "inflow_to": "done"})"),
            std::vector<std::string>{"in what-if \"Q\", after its changes: \"on_closed\" of \"phone\" names "
                                     "\"voicemail\", which is removed; send them to a touchpoint that stays, or keep "
                                     "\"voicemail\""});
}

TEST(QueueWhatIf, CapacityChangesAreEveryonesNotOneSegments) {
  std::string text = queue_with_changes(R"({"set": "touchpoints.chat.capacity.agents", "value": 5, "segment": "a"})");
  text.replace(text.find("\"entry\""), 7,
               "\"segments\": [{\"id\": \"a\", \"share\": 0.5}, {\"id\": \"b\", \"share\": 0.5}],\n  \"entry\"");
  const LoadResult loaded = load_scenario_text(text);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.diagnostics.all().back().message,
            "in what-if \"Q\", set: the capacity of \"chat\" is shared by the customers of every segment");
}

// --- the writer ---

TEST(QueueWriter, SavesEveryKeyAsWritten) {
  const Scenario s = queue_scenario(queue_with_changes(
      R"({"set": "touchpoints.phone.capacity.schedule.1.agents", "value": 2},
         {"scale": "arrivals.per_day", "by": 1.5},
         {"set": "touchpoints.phone.capacity.answer_within", "value": "1m"},
         {"set": "touchpoints.phone.capacity.patience", "value": "3m"})"));
  const Json saved = to_json(s);
  EXPECT_EQ(saved.at("warm_up"), "1w");  // the shortest spelling, as for the horizon
  EXPECT_EQ(saved.at("arrivals").at("per_day"), 480);
  EXPECT_FALSE(saved.at("arrivals").contains("per_hour"));
  EXPECT_EQ(saved.at("arrivals").at("by_weekday").size(), 7u);
  const Json& phone = saved.at("touchpoints").at(1).at("capacity");
  EXPECT_EQ(render_json(phone, 0, 1000),
            R"({"patience": {"dist": "exponential", "mean": "4m"}, "on_renege": "hung_up", "queue_limit": 12, )"
            R"("on_balk": "hung_up", "answer_within": "45s", "schedule": [{"days": "Mon-Fri", "from": "08:00", )"
            R"("to": "20:00", "agents": 6}, {"days": "sat", "from": "22:00", "to": "02:00", "agents": 1}], )"
            R"("on_closed": "voicemail"})");
  EXPECT_EQ(render_json(saved.at("touchpoints").at(2).at("capacity")), R"({"agents": 4})");
  const Json& changes = saved.at("what_if").at(0).at("changes");
  EXPECT_EQ(render_json(changes.at(0)), R"({"set": "touchpoints.phone.capacity.schedule.1.agents", "value": 2})");
  EXPECT_EQ(render_json(changes.at(1)), R"({"scale": "arrivals.per_day", "by": 1.5})");
  EXPECT_EQ(render_json(changes.at(2)), R"({"set": "touchpoints.phone.capacity.answer_within", "value": "1m"})");
  EXPECT_EQ(render_json(changes.at(3)), R"({"set": "touchpoints.phone.capacity.patience", "value": "3m"})");
  // And it reads back as the same model.
  const Scenario again = queue_scenario(render_json(saved));
  EXPECT_EQ(again.arrivals, s.arrivals);
  EXPECT_EQ(again.warm_up, s.warm_up);
  EXPECT_EQ(again.touchpoints, s.touchpoints);
  EXPECT_EQ(again.what_if.at(0).changes.size(), 4u);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(again.what_if[0].changes[k].address, s.what_if[0].changes[k].address);
    EXPECT_EQ(again.what_if[0].changes[k].value, s.what_if[0].changes[k].value);
  }
}

TEST(QueueWriter, PerHourAndAwkwardPerDayRatesRoundTrip) {
  for (const char* rate : {R"("per_hour": 12.5)", R"("per_day": 1000)", R"("per_day": 0.7)", R"("per_day": 33.3)"}) {
    std::string text = kQueueBase;
    text.replace(text.find(R"("per_hour": 20)"), 14, rate);
    const Scenario s = queue_scenario(text);
    const Scenario again = queue_scenario(render_json(to_json(s)));
    EXPECT_EQ(again.arrivals, s.arrivals) << rate;
    EXPECT_NE(render_json(to_json(s)).find(rate), std::string::npos) << rate;
  }
}

TEST(QueueWriter, ShiftsMadeInCodeGetTheirDaysWritten) {
  Scenario s = queue_scenario(kQueueBase);
  Shift shift;
  shift.days = 0x15;
  shift.from = 9 * 3600.0;
  shift.to = 17 * 3600.0;
  shift.agents = 2;
  s.touchpoints[1].capacity->schedule = {shift};
  const Json saved = to_json(s);
  EXPECT_EQ(render_json(saved.at("touchpoints").at(1).at("capacity").at("schedule")),
            R"([{"days": "mon,wed,fri", "from": "09:00", "to": "17:00", "agents": 2}])");
}

// --- sweep and sensitivity ---

TEST(QueueSweep, AgentsAndArrivalsAreSweptThroughTheWhatIfAddresses) {
  const Scenario s = queue_scenario(kQueueEveryKey);
  std::string problem;
  const auto agents = parse_sweep(s, "touchpoints.chat.capacity.agents=2..5:1", problem);
  ASSERT_TRUE(agents) << problem;
  EXPECT_EQ(agents->labels, (std::vector<std::string>{"2", "3", "4", "5"}));
  const auto rate = parse_sweep(s, "arrivals.per_hour=100..200:50", problem);
  ASSERT_TRUE(rate) << problem;
  EXPECT_EQ(rate->address.kind, ChangeAddress::Kind::scenario);
  EXPECT_EQ(rate->labels, (std::vector<std::string>{"100", "150", "200"}));
  Diagnostics diagnostics;
  const auto variant = sweep_variant(s, *rate, 1, diagnostics, "the sweep value 150");
  ASSERT_TRUE(variant.has_value());
  EXPECT_EQ(variant->arrivals->per_hour, 150.0);
  const auto shift = parse_sweep(s, "touchpoints.phone.capacity.schedule.0.agents=4..8:2", problem);
  ASSERT_TRUE(shift) << problem;
  const auto third = sweep_variant(s, *shift, 2, diagnostics, "8");
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->touchpoints[1].capacity->schedule[0].agents, 8.0);
  const auto patience = parse_sweep(s, "touchpoints.phone.capacity.patience=1m..3m:1m", problem);
  ASSERT_TRUE(patience) << problem;
  EXPECT_EQ(patience->labels, (std::vector<std::string>{"1m", "2m", "3m"}));
}

TEST(QueueSweep, ImpossibleQueueSweepsAreRefused) {
  const Scenario s = queue_scenario(kQueueEveryKey);
  std::string problem;
  EXPECT_FALSE(parse_sweep(s, "touchpoints.chat.capacity.agents=2..3:0.5", problem));
  EXPECT_EQ(problem, "agents takes whole numbers from 0");
  EXPECT_FALSE(parse_sweep(s, "touchpoints.help.capacity.agents=2..3", problem));
  EXPECT_EQ(problem, "\"help\" has no \"capacity\"");
  EXPECT_FALSE(parse_sweep(s, "touchpoints.phone.capacity.schedule.5.agents=2..3", problem));
  EXPECT_EQ(problem, "\"phone\" has 2 shifts in its schedule; name one from 0 to 1");
  EXPECT_FALSE(parse_sweep(queue_scenario(R"({"entry": {"a": 1}, "touchpoints": [{"id": "a", "outcome": "lost"}],
                                             "transitions": []})"),
                           "arrivals.per_hour=1..2", problem));
  EXPECT_EQ(problem, "the scenario has no \"arrivals\" to sweep");
}

TEST(QueueSensitivity, OneMoreAgentAtEachQueue) {
  const Scenario s = queue_scenario(kQueueEveryKey);
  std::vector<Perturbation> levers;
  for (Perturbation& p : sensitivity_perturbations(s)) {
    if (p.label.find("agent") != std::string::npos) levers.push_back(std::move(p));
  }
  ASSERT_EQ(levers.size(), 2u);
  EXPECT_EQ(levers[0].label, "phone: one more agent per shift");
  ASSERT_EQ(levers[0].changes.size(), 2u);
  EXPECT_EQ(levers[0].changes[1].address.text(), "touchpoints.phone.capacity.schedule.1.agents");
  EXPECT_EQ(std::get<double>(levers[0].changes[0].value), 7.0);
  EXPECT_EQ(std::get<double>(levers[0].changes[1].value), 2.0);
  EXPECT_EQ(levers[1].label, "chat: one more agent");
  ASSERT_EQ(levers[1].changes.size(), 1u);
  EXPECT_EQ(levers[1].changes[0].address.text(), "touchpoints.chat.capacity.agents");
  EXPECT_EQ(std::get<double>(levers[1].changes[0].value), 5.0);
  // Each is a valid variant.
  for (const Perturbation& p : levers) {
    Diagnostics diagnostics;
    const auto v = apply_changes(s, p.label, p.changes, diagnostics);
    ASSERT_TRUE(v.has_value()) << p.label;
  }
  // A shift with no agents stays closed: opening hours are not a staffing lever.
  Scenario closed_on_one_shift = s;
  const auto phone = *closed_on_one_shift.find_touchpoint("phone");
  closed_on_one_shift.touchpoints[phone].capacity->schedule[1].agents = 0.0;
  for (const Perturbation& p : sensitivity_perturbations(closed_on_one_shift)) {
    if (p.label != "phone: one more agent per shift") continue;
    ASSERT_EQ(p.changes.size(), 1u);
    EXPECT_EQ(p.changes[0].address.text(), "touchpoints.phone.capacity.schedule.0.agents");
  }
}

}  // namespace
}  // namespace journeysim
