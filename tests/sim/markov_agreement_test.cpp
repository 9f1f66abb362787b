// The exact analysis (graph/markov.hpp) against the simulation: on every
// shipped scenario with its sentiment weights set to 0 and its horizon
// removed, the walk is exactly the absorbing chain, so each ending's share of
// 200,000 simulated customers must lie within 5 standard errors of the exact
// probability, and the mean steps and journey hours within 5 of theirs.
// Lives in sim_tests because graph_tests must not depend on sim/.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "journeysim/graph/markov.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/structure.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {
namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The scenario as an exact Markov chain: every sentiment weight 0, no horizon.
Scenario without_weights_or_horizon(Scenario scenario) {
  for (Transition& t : scenario.transitions) t.sentiment_weight = 0.0;
  for (Segment& segment : scenario.segments) {
    for (TransitionOverride& o : segment.transitions) {
      if (o.sentiment_weight) o.sentiment_weight = 0.0;
    }
  }
  scenario.horizon.reset();
  return scenario;
}

class MarkovAgreement : public testing::TestWithParam<std::string> {};

TEST_P(MarkovAgreement, ExactFiguresMatchTheSimulation) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam());
  ASSERT_TRUE(loaded.ok()) << GetParam();
  const Scenario scenario = without_weights_or_horizon(*loaded.scenario);
  for (const Journey& journey : resolve_journeys(scenario)) {
    if (!closed_classes(journey).empty()) {
      GTEST_SKIP() << GetParam() << ": without its horizon, segment '" << journey.segment_id
                   << "' has a closed cycle, so neither the chain nor an endless simulation has an answer";
    }
  }

  const ExactAnalysis exact = analyze_exactly(scenario);
  EXPECT_FALSE(exact.approximate);
  RunOptions options;
  options.customers = 200'000;
  options.seed = 20240611;
  const RunReport report = make_report(scenario, options, run_simulation(scenario, options));
  const auto n = static_cast<double>(options.customers);

  double shares_seen = 0.0;
  for (const OutcomeFigures& o : report.outcomes) {
    const auto index = scenario.find_touchpoint(o.id);
    ASSERT_TRUE(index.has_value()) << o.id << " is not a terminal: no walk should be unfinished";
    const double p = exact.mixed.outcome_probability[*index];
    const double standard_error = std::sqrt(p * (1.0 - p) / n);
    EXPECT_NEAR(o.share.value, p, 5.0 * standard_error + 1e-12) << GetParam() << ", ending " << o.id;
    shares_seen += p;
  }
  // Endings that never occurred in the run must be (nearly) impossible.
  EXPECT_GT(shares_seen, 1.0 - 20.0 / n) << GetParam();

  const Kpi* steps = report.find_kpi(kpi::steps);
  ASSERT_NE(steps, nullptr);
  EXPECT_NEAR(steps->estimate.value, exact.mixed.expected_steps, 5.0 * steps->estimate.standard_error)
      << GetParam();
  const Kpi* hours = report.find_kpi(kpi::journey_hours);
  ASSERT_NE(hours, nullptr);
  EXPECT_NEAR(hours->estimate.value, exact.mixed.expected_seconds / 3600.0, 5.0 * hours->estimate.standard_error)
      << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Shipped, MarkovAgreement, testing::ValuesIn(shipped_scenarios()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(0, info.param.find('.'));
                         });

}  // namespace
}  // namespace journeysim
