// `journeysim mine` and `journeysim run --events` as a user runs them: a
// scenario file that validates, bad rows at FILE:LINE:COL, usage errors,
// nothing written on failure, a simulated log that mines back, and path
// tables whose mined scenario analyze and run read as the table says.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;
namespace fs = std::filesystem;
using ordered = nlohmann::ordered_json;

const std::string kLog =
    "customer_id,timestamp,touchpoint,stage\n"
    "a,2024-01-01T10:00:00Z,ad,awareness\n"
    "a,2024-01-01T10:00:30Z,shop,purchase\n"
    "a,2024-01-01T10:02:30Z,bought,purchase\n"
    "b,2024-01-01T10:00:00Z,ad,awareness\n"
    "b,2024-01-01T10:01:00Z,shop,purchase\n";

TEST(MineCommand, WritesAScenarioThatValidates) {
  const fs::path log = write_temp("journeysim-mine-log.csv", kLog);
  const fs::path out = fs::temp_directory_path() / "journeysim-mine-out.json";
  fs::remove(out);
  const Invocation run =
      run_journeysim("mine " + log.string() + " --out " + out.string() + " --outcome bought=converted");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, log.string() + ": mined 5 rows (0 left out), 2 journeys, into 4 touchpoints and 3 transitions: " +
                         out.string() + "\n");
  const ordered learnt = ordered::parse(slurp(out));
  EXPECT_EQ(learnt.at("transitions")[1].dump(),
            R"({"from":"shop","to":"bought","p":0.5,"observed":{"count":1,"of":2}})");
  const Invocation validate = run_journeysim("validate " + out.string());
  EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
  fs::remove(log);
  fs::remove(out);
}

TEST(MineCommand, BadRowsAreWarningsOrWithStrictErrorsAndNothingIsWritten) {
  const fs::path log = write_temp("journeysim-mine-bad.csv", kLog + "c,soon,ad,awareness\n");
  const fs::path out = fs::temp_directory_path() / "journeysim-mine-bad.json";
  fs::remove(out);
  const std::string warning = log.string() +
                              ":7:3: warning: column timestamp: \"soon\" is not a time; write an ISO 8601 time such as "
                              "2024-03-01T09:30:00Z (or with +01:00), or Unix seconds such as 1709285400\n";
  const Invocation lenient = run_journeysim("mine " + log.string() + " --out " + out.string());
  EXPECT_EQ(lenient.exit_code, 0);
  EXPECT_EQ(lenient.err.substr(0, warning.size()), warning);
  EXPECT_TRUE(fs::exists(out));
  fs::remove(out);
  const Invocation strict = run_journeysim("mine " + log.string() + " --out " + out.string() + " --strict");
  EXPECT_EQ(strict.exit_code, 1);
  std::string error = warning;
  error.replace(error.find("warning:"), 8, "error:");
  EXPECT_EQ(strict.err, error + log.string() + ": nothing mined (1 bad row)\n");
  EXPECT_FALSE(fs::exists(out));
  fs::remove(log);
}

TEST(MineCommand, UsageErrors) {
  const fs::path log = write_temp("journeysim-mine-usage.csv", kLog);
  const Invocation outcome = run_journeysim("mine " + log.string() + " --outcome bought");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.err,
            "journeysim: mine: --outcome bought: write TOUCHPOINT=KIND, e.g. --outcome purchased=converted\n"
            "run 'journeysim mine --help' for usage\n");
  const Invocation within = run_journeysim("mine " + log.string() + " --active-within 30");
  EXPECT_EQ(within.exit_code, 2);
  EXPECT_NE(within.err.find("--active-within 30: "), std::string::npos) << within.err;
  const Invocation order = run_journeysim("mine " + log.string() + " --order 0");
  EXPECT_EQ(order.exit_code, 2);
  EXPECT_EQ(order.err,
            "journeysim: mine: --order 0: give a whole number from 1 to 9, or auto\n"
            "run 'journeysim mine --help' for usage\n");
  const Invocation automatic = run_journeysim("mine " + log.string() + " --order auto");
  EXPECT_EQ(automatic.exit_code, 0) << automatic.err;
  EXPECT_NE(automatic.err.find("--order auto: held-out log-likelihood per move"), std::string::npos) << automatic.err;
  EXPECT_NE(automatic.err.find("<- chosen"), std::string::npos) << automatic.err;
  const Invocation missing = run_journeysim("mine /nonexistent/log.csv");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err,
            "/nonexistent/log.csv: error: cannot open the file; check the path\n"
            "/nonexistent/log.csv: nothing mined\n");
  fs::remove(log);
}

TEST(RunEvents, WritesTheCustomersAsALogThatMinesBack) {
  const fs::path events = fs::temp_directory_path() / "journeysim-run-events.csv";
  const fs::path mined = fs::temp_directory_path() / "journeysim-run-events.json";
  const Invocation run = run_journeysim("run " + scenario("online_store.json") + " --customers 2000 --events " +
                                        events.string() + " --events-start 2025-03-01 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string log = slurp(events);
  EXPECT_EQ(log.substr(0, log.find('\n')),
            "customer_id,timestamp,touchpoint,stage,channel,segment,revenue,cost,outcome");
  EXPECT_NE(log.find("\nc1,2025-03-01T00:00:00.000Z,"), std::string::npos);
  // The report is the plain run's.
  const Invocation plain = run_journeysim("run " + scenario("online_store.json") + " --customers 2000 --format json");
  EXPECT_EQ(run.out, plain.out);
  const Invocation mine = run_journeysim("mine " + events.string() + " --out " + mined.string());
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  const ordered learnt = ordered::parse(slurp(mined));
  EXPECT_EQ(learnt.at("segments").size(), 3u);
  EXPECT_EQ(run_journeysim("validate " + mined.string()).exit_code, 0);
  const Invocation bad_start = run_journeysim("run " + scenario("online_store.json") + " --customers 10 --events " +
                                              events.string() + " --events-start tomorrow");
  EXPECT_EQ(bad_start.exit_code, 1);
  fs::remove(events);
  fs::remove(mined);
}

// The queue model's log: the first replication's customers, arriving over
// the horizon; the same bytes for any thread count, and a report that is the
// plain run's.
TEST(RunEvents, TheQueueModelWritesItsFirstReplication) {
  const fs::path one = fs::temp_directory_path() / "journeysim-queue-events-1.csv";
  const fs::path two = fs::temp_directory_path() / "journeysim-queue-events-2.csv";
  const std::string run = "run " + scenario("support_queues.json") + " --replications 2 --format json --events ";
  const Invocation first = run_journeysim(run + one.string() + " --threads 1 --events-start 2026-01-05");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const Invocation second = run_journeysim(run + two.string() + " --threads 2 --events-start 2026-01-05");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(first.out, second.out);
  const std::string log = slurp(one);
  EXPECT_EQ(log, slurp(two));
  const Invocation plain =
      run_journeysim("run " + scenario("support_queues.json") + " --replications 2 --format json --threads 2");
  EXPECT_EQ(first.out, plain.out);
  // Customers arrive over the horizon, not all at its start: into its last
  // day (the 56th from Monday 5 January), and none after it.
  EXPECT_NE(log.find("\nc1,2026-01-05T"), std::string::npos);
  EXPECT_NE(log.find(",2026-03-01T"), std::string::npos);
  EXPECT_EQ(log.find(",2026-03-02T"), std::string::npos);
  EXPECT_NE(log.find(",phone_queue,"), std::string::npos);
  fs::remove(one);
  fs::remove(two);
}

// Path tables: the nested namespace keeps these names apart from the other
// files of a unity build.
namespace mine_path_tables {

using json = nlohmann::json;

// The table of tests/mine/path_table_test.cpp, whose removal effects are
// derived there by hand (53/72, 5/6, 7/24), with 300 of conversion value.
const std::string kPaths =
    "path,total_conversions,total_null,total_conversion_value\n"
    "A > B,2,2,100\n"
    "A > C,1,3,40\n"
    "B,1,1,60\n"
    "C > A > B,2,0,100\n";

TEST(MinePathTable, MinesAnalyzesAndRunsAsTheTableSays) {
  const fs::path table = write_temp("journeysim-mine-paths.csv", kPaths);
  const fs::path out = fs::temp_directory_path() / "journeysim-mine-paths.json";
  fs::remove(out);
  const Invocation mine = run_journeysim("mine " + table.string() + " --out " + out.string());
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  EXPECT_EQ(mine.err,
            table.string() + ": mined 4 rows (0 left out), 12 journeys, into 5 touchpoints and 7 transitions: " +
                out.string() + "\n" + table.string() +
                ": heuristic attribution of the 6 conversions over the paths themselves (as ChannelAttribution's "
                "heuristic_models; journeysim analyze gives the Markov removal effects)\n"
                "                                   first touch    last touch  linear touch\n"
                "  A                                          3             0     2.1666667\n"
                "  B                                          1             5     2.6666667\n"
                "  C                                          2             1     1.1666667\n");
  EXPECT_EQ(run_journeysim("validate " + out.string()).exit_code, 0);

  const Invocation analyze = run_journeysim("analyze " + out.string() + " --format json");
  ASSERT_EQ(analyze.exit_code, 0) << analyze.err;
  const json report = json::parse(analyze.out);
  EXPECT_EQ(report.at("approximate"), false);
  const json& attribution = report.at("attribution");
  EXPECT_NEAR(attribution.at("a").at("removal_effect").get<double>(), 53.0 / 72.0, 1e-9);
  EXPECT_NEAR(attribution.at("b").at("removal_effect").get<double>(), 5.0 / 6.0, 1e-9);
  EXPECT_NEAR(attribution.at("c").at("removal_effect").get<double>(), 7.0 / 24.0, 1e-9);
  // ChannelAttribution's total_conversions per channel: share x the 6 conversions.
  const double total = 53.0 / 72.0 + 5.0 / 6.0 + 7.0 / 24.0;
  EXPECT_NEAR(attribution.at("b").at("share").get<double>() * 6, 6 * (5.0 / 6.0) / total, 1e-9);
  EXPECT_NEAR(report.at("channels").at("B").at("removal_effect").get<double>(), 5.0 / 6.0, 1e-9);
  // The chain's last touch is the table's; its first touch is not (path_table_test says why).
  EXPECT_NEAR(attribution.at("b").at("last_touch").get<double>() * 6, 5.0, 1e-9);

  // 300 over 6 conversions: run's revenue per customer is 50 x P(convert) = 25.
  const Invocation run = run_journeysim("run " + out.string() + " --customers 20000 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json kpis = json::parse(run.out).at("kpis");
  const json& revenue = kpis.at("revenue_per_customer");
  EXPECT_LE(revenue.at("ci95")[0].get<double>(), 25.0);
  EXPECT_GE(revenue.at("ci95")[1].get<double>(), 25.0);
  fs::remove(table);
  fs::remove(out);
}

TEST(MinePathTable, BadRowsWithStrictAndAnUnknownHeaderWriteNothing) {
  const fs::path table = write_temp("journeysim-mine-paths-bad.csv", kPaths + "A > ,2,-1,\n");
  const fs::path out = fs::temp_directory_path() / "journeysim-mine-paths-bad.json";
  fs::remove(out);
  const std::string warning =
      table.string() + ":6:8: warning: column total_null: -1 is negative; a count of journeys is 0 or more\n";
  const Invocation lenient = run_journeysim("mine " + table.string() + " --out " + out.string());
  EXPECT_EQ(lenient.exit_code, 0);
  EXPECT_EQ(lenient.err.substr(0, warning.size()), warning);
  EXPECT_NE(lenient.err.find("mined 5 rows (1 left out), 12 journeys"), std::string::npos) << lenient.err;
  EXPECT_TRUE(fs::exists(out));
  fs::remove(out);
  const Invocation strict = run_journeysim("mine " + table.string() + " --out " + out.string() + " --strict");
  EXPECT_EQ(strict.exit_code, 1);
  std::string error = warning;
  error.replace(error.find("warning:"), 8, "error:");
  EXPECT_EQ(strict.err, error + table.string() + ": nothing mined (1 bad row)\n");
  EXPECT_FALSE(fs::exists(out));

  const fs::path neither = write_temp("journeysim-mine-neither.csv", "journey,converted\nA > B,1\n");
  const Invocation unknown = run_journeysim("mine " + neither.string() + " --out " + out.string());
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, neither.string() +
                             ":1:1: error: the header has neither an event log's columns (customer_id, timestamp, "
                             "touchpoint) nor a path table's (path, total_conversions, total_null); name the columns "
                             "so, or name an event log's with --customer-column, --timestamp-column and "
                             "--touchpoint-column\n" +
                             neither.string() + ": nothing mined\n");
  EXPECT_FALSE(fs::exists(out));
  fs::remove(table);
  fs::remove(neither);
}

// The example docs/mining.md mines: what it prints there is what it prints.
TEST(MinePathTable, TheShippedExampleMinesAsTheDocsSay) {
  const std::string table = std::string(JOURNEYSIM_SOURCE_DIR) + "/examples/paths.csv";
  const fs::path out = fs::temp_directory_path() / "journeysim-mine-example-paths.json";
  const Invocation mine = run_journeysim("mine " + table + " --out " + out.string());
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  const std::string summary = mine.err.substr(mine.err.find(": mined"));
  EXPECT_EQ(summary.substr(0, summary.find('\n')),
            ": mined 14 rows (0 left out), 9979 journeys, into 8 touchpoints and 21 transitions: " + out.string());
  EXPECT_NE(mine.err.find("\n  Paid Search                              141            42         103.5\n"),
            std::string::npos)
      << mine.err;
  const json report = json::parse(run_journeysim("analyze " + out.string() + " --format json").out);
  EXPECT_NEAR(report.at("attribution").at("direct").at("removal_effect").get<double>(), 273.0 / 384.0, 1e-9);
  fs::remove(out);
}

}  // namespace mine_path_tables

}  // namespace
