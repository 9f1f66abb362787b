// `journeysim run` as a user runs it: the JSON and CSV shapes of DESIGN
// section 10, byte-identical reports for any thread count, --out, and errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;
using nlohmann::json;

const std::vector<std::string> kpi_names{"conversion_rate",
                                         "churn_rate",
                                         "abandonment_rate",
                                         "lost_rate",
                                         "retention_rate",
                                         "nps",
                                         "csat",
                                         "ces",
                                         "sentiment_final",
                                         "ttr_hours",
                                         "ttr_p50_hours",
                                         "ttr_p90_hours",
                                         "wait_hours",
                                         "journey_hours",
                                         "steps",
                                         "cost_per_customer",
                                         "revenue_per_customer"};

TEST(RunCommand, TablePrintsHeadlinesAndTheNoiseNote) {
  const Invocation run = run_journeysim("run " + scenario("online_store.json") + " --customers 20000");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_NE(run.out.find("Online store: 20,000 customers, seed "), std::string::npos) << run.out;
  for (const char* section : {"Headline KPIs", "conversion rate", "Endings", "Funnel by stage", "Lowest CSAT",
                              "Highest drop-off", "Most common paths"}) {
    EXPECT_NE(run.out.find(section), std::string::npos) << section;
  }
  EXPECT_NE(run.out.find("simulation noise only"), std::string::npos);
}

TEST(RunCommand, JsonHasTheContractShape) {
  const Invocation run =
      run_journeysim("run " + scenario("saas_subscription.json") + " --customers 20000 --seed 5 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  EXPECT_EQ(report.at("customers"), 20000);
  EXPECT_EQ(report.at("seed"), 5);
  EXPECT_TRUE(report.at("scenario").is_string());
  for (const std::string& name : kpi_names) {
    ASSERT_TRUE(report.at("kpis").contains(name)) << name;
    EXPECT_TRUE(report["kpis"][name].contains("value")) << name;
    EXPECT_TRUE(report["kpis"][name].contains("ci95")) << name;
    EXPECT_TRUE(report["kpis"][name].at("base").is_string()) << name;
    EXPECT_TRUE(report["kpis"][name].at("base_count").is_number_unsigned()) << name;
  }
  // The first month of use converts: churn and retention are shares of subscribers.
  EXPECT_EQ(report["kpis"]["churn_rate"]["base"], "customers who converted");
  EXPECT_LT(report["kpis"]["churn_rate"]["base_count"].get<std::uint64_t>(), 20000u);
  EXPECT_EQ(report["kpis"]["abandonment_rate"]["base"], "customers who reached checkout");
  // No touchpoint is a wait here: null with the reason, never 0.
  EXPECT_TRUE(report["kpis"]["wait_hours"]["value"].is_null());
  EXPECT_TRUE(report["kpis"]["wait_hours"]["ci95"].is_null());
  EXPECT_EQ(report["kpis"]["wait_hours"]["undefined"], "no \"wait\" touchpoint or queue");
  // The emotion curve, per stage and touchpoint.
  for (const json& stage : report.at("funnel")) EXPECT_TRUE(stage.at("sentiment").contains("ci95")) << stage;
  EXPECT_TRUE(report["touchpoints"]["signup"].at("sentiment").at("value").is_number());
  // The SaaS journey has a horizon: retention is defined, and some customers are active.
  EXPECT_TRUE(report["kpis"]["retention_rate"]["value"].is_number());
  ASSERT_TRUE(report.at("outcomes").contains("active"));
  std::uint64_t total = 0;
  for (const auto& [id, outcome] : report["outcomes"].items()) {
    total += outcome.at("count").get<std::uint64_t>();
    EXPECT_TRUE(outcome.contains("share")) << id;
    EXPECT_EQ(outcome.at("ci95").size(), 2u) << id;
  }
  EXPECT_EQ(total, 20000u);
  EXPECT_TRUE(report.at("touchpoints").is_object());
  EXPECT_FALSE(report["touchpoints"].empty());
  for (const auto& [label, transition] : report.at("transitions").items()) {
    EXPECT_NE(label.find("->"), std::string::npos);
    EXPECT_TRUE(transition.contains("flow"));
  }
  EXPECT_EQ(report.at("segments").size(), 3u);
  for (const auto& [id, segment] : report["segments"].items())
    EXPECT_EQ(segment.at("kpis").size(), kpi_names.size()) << id;
  ASSERT_TRUE(report.at("paths").is_array());
  ASSERT_FALSE(report["paths"].empty());
  EXPECT_TRUE(report["paths"][0].at("path").is_array());
  EXPECT_TRUE(report["paths"][0].at("count").is_number());
  EXPECT_TRUE(report["paths"][0].at("endings").is_object());
  EXPECT_TRUE(report.at("retention").is_array());
}

TEST(RunCommand, ReportsAreByteIdenticalForAnyThreadCount) {
  for (const char* format : {"json", "csv", "table"}) {
    const std::string base = "run " + scenario("contact_centre.json") + " --customers 30000 --format " + format;
    const Invocation one = run_journeysim(base + " --threads 1");
    const Invocation two = run_journeysim(base + " --threads 2");
    const Invocation five = run_journeysim(base + " --threads 5");
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(one.out, two.out) << format;
    EXPECT_EQ(one.out, five.out) << format;
  }
}

TEST(RunCommand, CsvIsLongFormatWithSixColumns) {
  const Invocation run = run_journeysim("run " + scenario("online_store.json") + " --customers 5000 --format csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "section,key,metric,value,ci95_lo,ci95_hi");
  std::set<std::string> sections;
  int rows = 0;
  for (; std::getline(lines, line); ++rows) {
    EXPECT_EQ(std::count(line.begin(), line.end(), ','), 5) << line;
    sections.insert(line.substr(0, line.find(',')));
  }
  EXPECT_GT(rows, 100);
  for (const char* section : {"outcomes", "kpis", "touchpoints", "transitions", "segments", "funnel", "paths"}) {
    EXPECT_EQ(sections.count(section), 1u) << section;
  }
  EXPECT_NE(run.out.find("\nkpis,conversion_rate,value,"), std::string::npos);
}

TEST(RunCommand, OutWritesTheFileAndNothingElse) {
  const auto dir = std::filesystem::temp_directory_path() / ("journeysim-out-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "report.json";
  const Invocation run =
      run_journeysim("run " + scenario("online_store.json") + " --customers 3000 --format json --out " + path.string());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(json::accept(slurp(path)));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);  // no temporary left behind
  std::filesystem::remove_all(dir);
}

TEST(RunCommand, BadScenarioWritesNothing) {
  const auto bad =
      write_temp("journeysim-run-bad.json", R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}], "transitions": []})");
  const auto out = std::filesystem::temp_directory_path() / "journeysim-run-bad-report.json";
  std::filesystem::remove(out);
  const Invocation run = run_journeysim("run " + bad.string() + " --out " + out.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("has no outgoing transitions and no outcome"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  std::filesystem::remove(bad);
}

TEST(RunCommand, SegmentRunsOneSegment) {
  const Invocation run =
      run_journeysim("run " + scenario("online_store.json") + " --customers 5000 --format json --segment deal_seekers");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  EXPECT_EQ(report.at("segment"), "deal_seekers");
  EXPECT_EQ(report.at("segments").size(), 1u);
  EXPECT_EQ(report["segments"]["deal_seekers"]["customers"], 5000);

  const Invocation typo = run_journeysim("run " + scenario("online_store.json") + " --segment deal_seeker");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean \"deal_seekers\"?"), std::string::npos) << typo.err;
}

TEST(RunCommand, UsageErrors) {
  EXPECT_EQ(run_journeysim("run").exit_code, 2);
  EXPECT_EQ(run_journeysim("run " + scenario("online_store.json") + " --customers 0").exit_code, 2);
  EXPECT_EQ(run_journeysim("run " + scenario("online_store.json") + " --format xml").exit_code, 2);
  EXPECT_EQ(run_journeysim("run " + scenario("online_store.json") + " --threads 0").exit_code, 2);
}

TEST(RunCommand, UnfinishedWalksAreReportedLoudly) {
  const auto path = write_temp("journeysim-run-loop.json", R"({
    "max_steps": 5,
    "entry": {"a": 1},
    "touchpoints": [{"id": "a"}, {"id": "end", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "a", "p": 0.9}, {"from": "a", "to": "end", "p": "rest"}]
  })");
  const Invocation run = run_journeysim("run " + path.string() + " --customers 2000");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.err.find("customers reached max_steps (5) without an ending"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("unfinished"), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace

// Undefined is not zero (DESIGN section 6), in every format: a loan journey
// with no churned ending and no horizon, its checkout a touchpoint, and a
// near-miss of the vocabulary that `run` warns about and still runs.
TEST(RunCommand, UndefinedKpisAreNullEmptyOrADashWithTheReason) {
  const auto path = write_temp("journeysim-loan.json", R"({
    "abandonment_from": "application",
    "entry": {"ad": 1},
    "touchpoints": [
      {"id": "ad", "stage": "awareness"}, {"id": "application", "stage": "apply"},
      {"id": "approved", "outcome": "converted"}, {"id": "gave_up", "outcome": "abandoned"},
      {"id": "lost", "outcome": "Lost"}
    ],
    "transitions": [
      {"from": "ad", "to": "application", "p": 0.1}, {"from": "ad", "to": "lost", "p": "rest"},
      {"from": "application", "to": "approved", "p": 0.28}, {"from": "application", "to": "gave_up", "p": "rest"}
    ]
  })");
  const Invocation table = run_journeysim("run " + path.string() + " --customers 2000");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.err.find(":7:33: warning: touchpoints[4].outcome: outcome \"Lost\" is a custom name, so it counts "
                           "towards no headline rate; did you mean \"lost\"?"),
            std::string::npos)
      << table.err;
  EXPECT_NE(table.out.find("churn rate                                   -   (no churned ending)"), std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("(no horizon)"), std::string::npos);
  EXPECT_NE(table.out.find("(no lost ending)"), std::string::npos);
  EXPECT_NE(table.out.find("customers who reached checkout"), std::string::npos);

  const Invocation csv = run_journeysim("run " + path.string() + " --customers 2000 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("\nkpis,churn_rate,value,,,\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("\nkpis,churn_rate,undefined,no churned ending,,\n"), std::string::npos);
  EXPECT_NE(csv.out.find("\nkpis,abandonment_rate,base,customers who reached checkout,,\n"), std::string::npos);

  const Invocation js = run_journeysim("run " + path.string() + " --customers 2000 --format json");
  ASSERT_EQ(js.exit_code, 0) << js.err;
  const json report = json::parse(js.out);
  for (const char* name : {"churn_rate", "retention_rate", "lost_rate"}) {
    EXPECT_TRUE(report["kpis"][name]["value"].is_null()) << name;
    EXPECT_TRUE(report["kpis"][name]["ci95"].is_null()) << name;
  }
  EXPECT_TRUE(report["kpis"]["abandonment_rate"]["value"].is_number());
  std::filesystem::remove(path);
}
