// `journeysim analyze` as a user runs it: the JSON shape of DESIGN section 10
// and exact figures on a small funnel.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;
using nlohmann::json;

TEST(AnalyzeCommand, JsonHasTheContractShapeAndExactFigures) {
  // conversion = 0.1 + 0.4 x 0.5 = 0.3; every conversion but a->won's passes b.
  const auto path = write_temp("journeysim-analyze.json", R"({
    "entry": {"a": 1},
    "touchpoints": [{"id": "a", "channel": "web"}, {"id": "b", "channel": "email"},
                    {"id": "won", "outcome": "converted"}, {"id": "lost", "outcome": "lost"}],
    "transitions": [
      {"from": "a", "to": "won", "p": 0.1}, {"from": "a", "to": "b", "p": 0.4}, {"from": "a", "to": "lost", "p": "rest"},
      {"from": "b", "to": "won", "p": 0.5}, {"from": "b", "to": "lost", "p": "rest"}]
  })");
  const Invocation run = run_journeysim("analyze " + path.string() + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  EXPECT_NEAR(report.at("outcomes").at("won").get<double>(), 0.3, 1e-12);
  EXPECT_NEAR(report["outcomes"]["lost"].get<double>(), 0.7, 1e-12);
  EXPECT_NEAR(report.at("expected_steps").get<double>(), 1.4, 1e-12);
  EXPECT_NEAR(report.at("touchpoints").at("b").at("expected_visits").get<double>(), 0.4, 1e-12);
  EXPECT_NEAR(report.at("attribution").at("a").at("removal_effect").get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(report["attribution"]["b"]["removal_effect"].get<double>(), 0.2 / 0.3, 1e-12);
  EXPECT_NEAR(report["attribution"]["a"]["share"].get<double>(), 1.0 / (1.0 + 2.0 / 3.0), 1e-12);
  EXPECT_EQ(report.at("approximate"), false);
  EXPECT_NEAR(report.at("channels").at("email").at("removal_effect").get<double>(), 2.0 / 3.0, 1e-12);
  ASSERT_FALSE(report.at("likely_paths").empty());
  EXPECT_EQ(report["likely_paths"][0]["outcome"], "converted");
  std::filesystem::remove(path);
}

TEST(AnalyzeCommand, ShippedScenariosAnalyseAndSayTheyAreApproximate) {
  for (const char* name : {"online_store.json", "saas_subscription.json", "contact_centre.json"}) {
    const Invocation run = run_journeysim("analyze " + scenario(name) + " --format json");
    ASSERT_EQ(run.exit_code, 0) << name << run.err;
    EXPECT_EQ(json::parse(run.out).at("approximate"), true) << name;  // sentiment weights
  }
  const Invocation variant = run_journeysim("analyze " + scenario("online_store.json") + " --what-if 'Fix payment failures'");
  EXPECT_EQ(variant.exit_code, 0) << variant.err;
  EXPECT_NE(variant.out.find("exact analysis of what-if \"Fix payment failures\""), std::string::npos);
}

TEST(AnalyzeCommand, LikelyJourneysCollapseASelfLoopWithItsCount) {
  // The likeliest conversion stays at `usage` three times: 0.5 x 0.5 x 0.5.
  const auto path = write_temp("journeysim-analyze-loop.json", R"({
    "entry": {"usage": 1},
    "touchpoints": [{"id": "usage"}, {"id": "won", "outcome": "converted"}],
    "transitions": [{"from": "usage", "to": "usage", "p": 0.5}, {"from": "usage", "to": "won", "p": "rest"}]
  })");
  const Invocation table = run_journeysim("analyze " + path.string() + " --paths 3");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("converted  50%  usage > won"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("converted  12.5%  usage x3 > won"), std::string::npos) << table.out;
  const json report = json::parse(run_journeysim("analyze " + path.string() + " --paths 3 --format json").out);
  EXPECT_EQ(report.at("likely_paths").at(2).at("path"), json::array({"usage", "usage", "usage", "won"}));
  std::filesystem::remove(path);
}

}  // namespace
