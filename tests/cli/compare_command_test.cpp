// `journeysim compare` as a user runs it: the JSON shape of DESIGN section 10,
// a baseline byte-identical to `run`, variant selection and errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;
using nlohmann::json;

TEST(CompareCommand, JsonHasTheContractShape) {
  const Invocation run =
      run_journeysim("compare " + scenario("contact_centre.json") + " --customers 20000 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  EXPECT_TRUE(report.at("baseline").contains("kpis"));
  ASSERT_EQ(report.at("variants").size(), 3u);  // the last is personalised: one segment's change
  EXPECT_EQ(report["variants"][2].at("name"), "Priority line for small businesses");
  const json& variant = report["variants"][0];
  EXPECT_EQ(variant.at("name"), "Chatbot first");
  EXPECT_TRUE(variant.at("report").contains("kpis"));
  for (const char* name : {"conversion_rate", "churn_rate", "nps", "csat", "ces", "ttr_hours", "journey_hours"}) {
    ASSERT_TRUE(variant["delta"]["kpis"].contains(name)) << name;
    EXPECT_TRUE(variant["delta"]["kpis"][name].contains("value")) << name;
    EXPECT_TRUE(variant["delta"]["kpis"][name].contains("ci95")) << name;
  }
  EXPECT_TRUE(variant["delta"]["outcomes"].contains("churned"));
  EXPECT_EQ(variant["delta"]["segments"].size(), 3u);
  EXPECT_EQ(variant.at("return_on_cost").at("cost"), 40000);
}

// The queue model's what-ifs carry each queue's rates, paired, in JSON, CSV
// and the table; and plain scenarios have no `queues` in their delta.
TEST(CompareCommand, QueueRatesArePairedInEveryFormat) {
  const std::string base =
      "compare " + scenario("support_queues.json") + " --replications 4 --what-if 'Two more phone agents'";
  const Invocation run = run_journeysim(base + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  const json& queues = report.at("variants").at(0).at("delta").at("queues");
  ASSERT_TRUE(queues.contains("phone_queue"));
  ASSERT_TRUE(queues.contains("chat_queue"));
  const json& phone = queues["phone_queue"];
  for (const char* name : {"wait_probability", "mean_wait_hours", "wait_p90_hours", "abandonment_rate", "service_level",
                           "utilisation", "mean_queue_length"}) {
    ASSERT_TRUE(phone.contains(name)) << name;
    EXPECT_TRUE(phone[name].contains("ci95")) << name;
  }
  EXPECT_LT(phone["mean_wait_hours"]["ci95"][1].get<double>(), 0.0) << "two more agents: shorter waits";
  EXPECT_TRUE(phone["mean_wait_hours"]["significant"].get<bool>());
  EXPECT_GT(phone["service_level"]["value"].get<double>(), 0.0);
  const Invocation csv = run_journeysim(base + " --format csv");
  EXPECT_NE(csv.out.find("\ndelta_queues,phone_queue,service_level,"), std::string::npos);
  const Invocation table = run_journeysim(base);
  EXPECT_NE(table.out.find("  queue phone_queue\n    waited (no free agent)"), std::string::npos) << table.out;
  const Invocation plain =
      run_journeysim("compare " + scenario("online_store.json") + " --customers 2000 --format json");
  EXPECT_FALSE(json::parse(plain.out).at("variants").at(0).at("delta").contains("queues"));
}

TEST(CompareCommand, BaselineIsByteIdenticalToRun) {
  const std::string options = " --customers 20000 --seed 3 --format json";
  const Invocation run = run_journeysim("run " + scenario("online_store.json") + options);
  const Invocation compare = run_journeysim("compare " + scenario("online_store.json") + options + " --threads 1");
  ASSERT_EQ(run.exit_code, 0);
  ASSERT_EQ(compare.exit_code, 0) << compare.err;
  // Parsed keeping key order, the baseline prints back to exactly run's bytes.
  const std::string baseline = nlohmann::ordered_json::parse(compare.out).at("baseline").dump(2) + "\n";
  EXPECT_TRUE(baseline == run.out) << "the baseline inside compare differs from run";
}

TEST(CompareCommand, ByteIdenticalForAnyThreadCount) {
  const std::string base = "compare " + scenario("saas_subscription.json") + " --customers 20000 --format csv";
  const Invocation one = run_journeysim(base + " --threads 1");
  const Invocation three = run_journeysim(base + " --threads 3");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, three.out);
  EXPECT_NE(one.out.find("\ndelta,conversion_rate,change,"), std::string::npos);
  EXPECT_NE(one.out.find(",Proactive onboarding email,\n"), std::string::npos);
}

TEST(CompareCommand, TableMarksChangesBeyondNoise) {
  const Invocation run =
      run_journeysim("compare " + scenario("online_store.json") + " --customers 20000 --what-if 'One-page checkout'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("What-if \"One-page checkout\""), std::string::npos);
  EXPECT_EQ(run.out.find("Fix payment failures"), std::string::npos);
  EXPECT_NE(run.out.find("Return on cost"), std::string::npos);
  EXPECT_NE(run.out.find("its 95% interval excludes 0"), std::string::npos);
}

TEST(CompareCommand, UnknownVariantIsAUsageError) {
  const Invocation run = run_journeysim("compare " + scenario("online_store.json") + " --what-if 'One page checkout'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("did you mean \"One-page checkout\"?"), std::string::npos) << run.err;
}

TEST(CompareCommand, AScenarioWithoutWhatIfsIsBadInput) {
  const auto path = write_temp("journeysim-compare-none.json", R"({"entry": {"a": 1},
    "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}], "transitions": [{"from": "a", "to": "b", "p": 1}]})");
  const Invocation run = run_journeysim("compare " + path.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("has no \"what_if\" variants to compare"), std::string::npos) << run.err;
  std::filesystem::remove(path);
}

}  // namespace
