// analyze and run agree: on every shipped scenario with sentiment weights at
// 0 and no horizon, each ending's exact probability lies within 5 standard
// errors of the simulated share.
#include <gtest/gtest.h>

#include <cmath>

#include "journeysim/graph/absorbing_chain.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {
namespace {

class AnalysisAgreement : public testing::TestWithParam<std::string> {};

TEST_P(AnalysisAgreement, ExactProbabilitiesMatchTheSimulation) {
  LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam());
  ASSERT_TRUE(loaded.ok());
  Scenario s = *loaded.scenario;
  s.horizon.reset();
  for (Transition& t : s.transitions) t.sentiment_weight = 0;
  for (Segment& g : s.segments) {
    for (TransitionOverride& o : g.transitions) o.sentiment_weight.reset();
  }
  const ScenarioAnalysis exact = analyze_scenario(s, resolve_journeys(s));
  EXPECT_FALSE(exact.approximate);
  RunOptions options;
  options.customers = 200'000;
  options.seed = 5;
  const RunReport report = make_report(s, options, run_simulation(s, options));
  for (const OutcomeFigures& o : report.outcomes) {
    const auto index = s.find_touchpoint(o.id);
    ASSERT_TRUE(index.has_value()) << o.id;  // no `active` or `unfinished` without a horizon
    const double p = exact.mixed.ending_probability[*index];
    const double se = std::sqrt(p * (1 - p) / static_cast<double>(options.customers));
    EXPECT_NEAR(o.share.value, p, 5 * se + 1e-12) << o.id;
  }
  const Kpi* steps = report.find_kpi(kpi::steps);
  EXPECT_NEAR(steps->estimate.value, exact.mixed.expected_steps, 5 * steps->estimate.standard_error);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, AnalysisAgreement,
                         testing::Values("online_store.json", "saas_subscription.json", "contact_centre.json"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(0, info.param.find('.'));
                         });

}  // namespace
}  // namespace journeysim
