// sweep and sensitivity against answers known by construction: a sweep of a
// probability traces it exactly, and the "what to fix first" ranking of a
// small funnel comes out in the order the arithmetic says.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>
#include <string>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;
using nlohmann::json;

// conversion = p(a->won) + p(a->b) p(b->won) = 0.1 + 0.4 x 0.5 = 0.3.
const char* kFunnel = R"({
  "entry": {"a": 1},
  "touchpoints": [{"id": "a", "effort": 2}, {"id": "b"}, {"id": "won", "outcome": "converted"}, {"id": "lost", "outcome": "lost"}],
  "transitions": [
    {"from": "a", "to": "won", "p": 0.1}, {"from": "a", "to": "b", "p": 0.4}, {"from": "a", "to": "lost", "p": "rest"},
    {"from": "b", "to": "won", "p": 0.5}, {"from": "b", "to": "lost", "p": "rest"}
  ]
})";

TEST(SweepCommand, TracesAProbabilityExactly) {
  const auto path = write_temp("journeysim-sweep.json", kFunnel);
  const Invocation run = run_journeysim("sweep " + path.string() +
                                        " --set 'transitions.a->won.p=0.1..0.5:0.1' --kpi conversion_rate"
                                        " --customers 100000 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  ASSERT_EQ(report.at("points").size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    const json& point = report["points"][i];
    const double p = 0.1 + 0.1 * static_cast<double>(i);
    // Raising a->won takes from "rest", so conversion = p + 0.2, and the change is p - 0.1.
    const double change = point["kpis"]["conversion_rate"]["change"]["value"];
    const double se = std::sqrt((p - 0.1) * (1 - (p - 0.1)) / 100000.0) + 1e-12;
    EXPECT_NEAR(change, p - 0.1, 5 * se) << point["value"];
    const double value = point["kpis"]["conversion_rate"]["value"];
    EXPECT_NEAR(value, p + 0.2, 5 * std::sqrt((p + 0.2) * (0.8 - p) / 100000.0)) << point["value"];
  }
  std::filesystem::remove(path);
}

TEST(SweepCommand, BadSpecificationsAreUsageErrors) {
  const auto path = write_temp("journeysim-sweep-bad.json", kFunnel);
  const Invocation typo = run_journeysim("sweep " + path.string() + " --set 'touchpoints.aa.effort=1..3'");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown touchpoint \"aa\"; did you mean \"a\"?"), std::string::npos) << typo.err;
  EXPECT_EQ(run_journeysim("sweep " + path.string() + " --set 'touchpoints.a.effort=3..1'").exit_code, 2);
  EXPECT_EQ(run_journeysim("sweep " + path.string() + " --set 'touchpoints.a.effort=1..9'").exit_code, 2);
  EXPECT_EQ(run_journeysim("sweep " + path.string() + " --set 'touchpoints.a.effort=1..3' --kpi convertion").exit_code, 2);
  std::filesystem::remove(path);
}

TEST(SensitivityCommand, RanksAKnownOrder) {
  const auto path = write_temp("journeysim-sensitivity.json", kFunnel);
  const Invocation run = run_journeysim("sensitivity " + path.string() +
                                        " --kpi conversion_rate --customers 200000 --top 100 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  const json& ranking = report.at("ranking");
  ASSERT_GE(ranking.size(), 5u);
  // Only improvement levers (DESIGN section 7), no arbitrary probability moves.
  // By hand: a's drop-off x0.9 rescales a->won and a->b by 1.1: 0.11 + 0.44 x 0.5 = 0.33 (+0.03);
  // b's drop-off x0.9 makes 0.1 + 0.4 x 0.55 = 0.32 (+0.02).
  EXPECT_EQ(ranking[0]["perturbation"], "a: drop-off -10%");
  EXPECT_EQ(ranking[1]["perturbation"], "b: drop-off -10%");
  const double expected[] = {0.03, 0.02};
  for (int i = 0; i < 2; ++i) {
    const double value = ranking[i]["change"]["value"];
    const double lo = ranking[i]["change"]["ci95"][0];
    const double hi = ranking[i]["change"]["ci95"][1];
    const double se = (hi - lo) / (2 * 1.959963984540054);
    EXPECT_NEAR(value, expected[i], 5 * se) << ranking[i]["perturbation"];
    EXPECT_TRUE(ranking[i]["significant_after_bonferroni"].get<bool>());
  }
  // Sentiment and effort do not touch conversion here (no sentiment weights): exactly no effect.
  for (const json& entry : ranking) {
    const std::string label = entry["perturbation"];
    if (label.find("sentiment") != std::string::npos || label.find("effort") != std::string::npos) {
      EXPECT_EQ(entry["change"]["value"], 0.0) << label;
    }
  }
  for (const json& entry : ranking) {
    EXPECT_EQ(entry["perturbation"].get<std::string>().find("->"), std::string::npos) << entry["perturbation"];
    EXPECT_FALSE(entry["base_shrinks"].get<bool>());
  }
  EXPECT_EQ(report.at("comparisons"), ranking.size());
  std::filesystem::remove(path);
}

// "Making customers leave earlier is never advice" (DESIGN section 7): on the
// broadband test journey and every shipped scenario, no top-10 lever for
// churn makes more customers leave (lost, abandoned, churned) or convert less,
// beyond noise.
TEST(SensitivityCommand, NoTopLeverMakesCustomersLeaveEarlier) {
  const std::string source = JOURNEYSIM_SOURCE_DIR;
  for (const std::string file : {source + "/tests/fixtures/broadband.json", source + "/scenarios/online_store.json",
                                 source + "/scenarios/saas_subscription.json", source + "/scenarios/contact_centre.json"}) {
    SCOPED_TRACE(file);
    const Invocation run =
        run_journeysim("sensitivity " + file + " --kpi churn_rate --customers 20000 --top 10 --format json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const json report = json::parse(run.out);
    const json& ranking = report.at("ranking");
    ASSERT_FALSE(ranking.empty());
    for (const json& entry : ranking) {
      const std::string label = entry["perturbation"];
      const bool improvement = label.find("drop-off -") != std::string::npos ||
                               label.find("effort -1") != std::string::npos ||
                               label.find("sentiment +") != std::string::npos ||
                               label.find("wait -") != std::string::npos || label.find("time -") != std::string::npos;
      EXPECT_TRUE(improvement) << label;
      // A churn gain from fewer converters would be marked; none of these levers converts fewer.
      EXPECT_LE(-entry["base_change"].get<double>(), 0.0) << label;
    }
  }
}

}  // namespace
