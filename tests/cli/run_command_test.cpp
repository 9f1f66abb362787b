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

const std::vector<std::string> kpi_names{
    "conversion_rate", "churn_rate",    "abandonment_rate", "lost_rate",     "retention_rate",
    "nps",             "csat",          "ces",              "ttr_hours",     "ttr_p50_hours",
    "ttr_p90_hours",   "journey_hours", "steps",            "cost_per_customer", "revenue_per_customer"};

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
  }
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
  for (const auto& [id, segment] : report["segments"].items()) EXPECT_EQ(segment.at("kpis").size(), kpi_names.size()) << id;
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
  const Invocation run = run_journeysim("run " + scenario("online_store.json") + " --customers 3000 --format json --out " +
                                    path.string());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_NO_THROW(json::parse(slurp(path)));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);  // no temporary left behind
  std::filesystem::remove_all(dir);
}

TEST(RunCommand, BadScenarioWritesNothing) {
  const auto bad = write_temp("journeysim-run-bad.json", R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}], "transitions": []})");
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
