// "What to fix first" as a library (sim/fix_first.hpp): every lever ranked by
// its gain in the KPI's better direction, the family-wise threshold that of
// Bonferroni over the comparisons, and each lever's mark consistent with it.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/sim/fix_first.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/sampling.hpp"

namespace journeysim::fix_first_tests {  // named: the tests build in unity batches
namespace {

TEST(FixFirst, RanksEveryLeverByItsGainWithBonferroniMarks) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json");
  ASSERT_TRUE(loaded.ok());
  const Scenario& scenario = *loaded.scenario;
  RunOptions options;
  options.customers = 5000;
  options.seed = 3;
  const FixFirstRanking ranking = rank_levers(scenario, kpi::churn_rate, options);
  ASSERT_FALSE(ranking.cancelled);
  EXPECT_EQ(ranking.kpi, kpi::churn_rate);
  EXPECT_EQ(ranking.effects.size() + ranking.skipped.size(), sensitivity_perturbations(scenario).size());
  EXPECT_EQ(ranking.comparisons, ranking.effects.size());
  ASSERT_GT(ranking.effects.size(), 1u);
  // Churn: lower is better, so the gain is minus the change, best first.
  for (std::size_t i = 0; i < ranking.effects.size(); ++i) {
    const LeverEffect& e = ranking.effects[i];
    EXPECT_DOUBLE_EQ(e.gain, -e.change.change.value) << e.label;
    if (i > 0) {
      EXPECT_GE(ranking.effects[i - 1].gain, e.gain);
    }
    const bool beyond = std::abs(e.change.change.value) > ranking.family_threshold * e.change.change.standard_error;
    EXPECT_EQ(e.significant_after_bonferroni, e.change.change.standard_error > 0 && beyond) << e.label;
  }
  const double comparisons = static_cast<double>(ranking.comparisons);
  EXPECT_NEAR(ranking.family_threshold, -normal_quantile(0.025 / comparisons), 1e-12);
  EXPECT_GT(ranking.family_threshold, 1.96);
}

}  // namespace
}  // namespace journeysim::fix_first_tests
