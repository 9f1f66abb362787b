// Many variants in bounded memory: compare_in_batches gives every variant the
// same paired changes whatever the batch size (and as one run of them all
// would), names the ones it could not make, and runs never start more worker
// threads than the machine has.
#include <gtest/gtest.h>

#include <cmath>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/sim/compare.hpp"

namespace journeysim {
namespace {

Scenario online_store() {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json");
  EXPECT_TRUE(loaded.ok());
  return *loaded.scenario;
}

// Equal to the last bit (an undefined KPI is NaN on both sides).
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

void expect_same(const KpiChange& a, const KpiChange& b, const std::string& what) {
  EXPECT_EQ(a.name, b.name) << what;
  EXPECT_TRUE(same(a.change.value, b.change.value)) << what << " " << a.name;
  EXPECT_TRUE(same(a.change.ci95.lo, b.change.ci95.lo)) << what << " " << a.name;
  EXPECT_TRUE(same(a.change.ci95.hi, b.change.ci95.hi)) << what << " " << a.name;
  EXPECT_TRUE(same(a.variant.value, b.variant.value)) << what << " " << a.name;
}

TEST(BatchedComparison, TheSameChangesWhateverTheBatchSize) {
  const Scenario scenario = online_store();
  const std::vector<Perturbation> perturbations = sensitivity_perturbations(scenario);
  ASSERT_GT(perturbations.size(), 10u);
  const VariantMaker make = [&](std::size_t i, Diagnostics& diagnostics) {
    return apply_changes(scenario, perturbations[i].label, perturbations[i].changes, diagnostics);
  };
  RunOptions options;
  options.customers = 2'000;
  options.threads = 2;

  // All at once, as sensitivity ran them before batches.
  std::vector<Variant> variants;
  for (std::size_t i = 0; i < perturbations.size(); ++i) {
    Diagnostics diagnostics;
    if (auto v = make(i, diagnostics)) variants.push_back(std::move(*v));
  }
  const ComparisonReport whole = make_comparison_report(
      scenario, options, run_comparison(scenario, variants, options, {}, nullptr, VariantTallies::kpis));

  for (std::size_t batch : {1, 7, 0}) {
    const BatchedComparison batched =
        compare_in_batches(scenario, perturbations.size(), make, {}, options, {}, nullptr, batch);
    const std::string what = "batch size " + std::to_string(batch);
    ASSERT_FALSE(batched.cancelled);
    EXPECT_EQ(batched.refused.size(), perturbations.size() - variants.size()) << what;
    ASSERT_EQ(batched.report.variants.size(), whole.variants.size()) << what;
    for (std::size_t v = 0; v < whole.variants.size(); ++v) {
      EXPECT_EQ(batched.report.variants[v].name, whole.variants[v].name) << what;
      ASSERT_EQ(batched.report.variants[v].kpis.size(), whole.variants[v].kpis.size()) << what;
      for (std::size_t k = 0; k < whole.variants[v].kpis.size(); ++k) {
        expect_same(batched.report.variants[v].kpis[k], whole.variants[v].kpis[k], what + " " + whole.variants[v].name);
      }
    }
    ASSERT_EQ(batched.report.baseline.kpis.size(), whole.baseline.kpis.size());
    for (std::size_t k = 0; k < whole.baseline.kpis.size(); ++k) {
      EXPECT_TRUE(same(batched.report.baseline.kpis[k].estimate.value, whole.baseline.kpis[k].estimate.value)) << what;
    }
  }
}

TEST(BatchedComparison, KeepsOnlyTheKpisAskedForAndNamesWhatItCouldNotMake) {
  const Scenario scenario = online_store();
  const VariantMaker make = [&](std::size_t i, Diagnostics& diagnostics) -> std::optional<Variant> {
    if (i == 1) {
      diagnostics.error("", "in two, cannot", "make it whole");
      return std::nullopt;
    }
    return apply_changes(scenario, i == 0 ? "one" : "three", {}, diagnostics);
  };
  RunOptions options;
  options.customers = 1'000;
  const BatchedComparison batched = compare_in_batches(scenario, 3, make, {kpi::nps}, options, {}, nullptr, 1);
  ASSERT_EQ(batched.report.variants.size(), 2u);
  EXPECT_EQ(batched.report.variants[1].name, "three");
  ASSERT_EQ(batched.report.variants[1].kpis.size(), 1u);
  EXPECT_EQ(batched.report.variants[1].kpis[0].name, kpi::nps);
  EXPECT_EQ(batched.report.variants[1].kpis[0].change.value, 0.0);  // no changes: the baseline itself
  ASSERT_EQ(batched.refused.size(), 1u);
  EXPECT_EQ(batched.refused[0].index, 1u);
  EXPECT_EQ(batched.refused[0].diagnostics.at(0).message, "in two, cannot");
}

TEST(BatchedComparison, ABatchHoldsFewerVariantsForALargerScenarioOrMoreThreads) {
  Scenario small = online_store();
  Scenario large = small;
  for (int i = 0; i < 20; ++i)
    large.touchpoints.insert(large.touchpoints.end(), small.touchpoints.begin(), small.touchpoints.end());
  RunOptions one;
  one.threads = 1;
  RunOptions all;  // every hardware thread
  EXPECT_GT(variants_per_batch(small, one), variants_per_batch(large, one));
  EXPECT_GE(variants_per_batch(small, one), variants_per_batch(small, all));
  EXPECT_GE(variants_per_batch(large, all), 1u);
}

TEST(WorkerThreads, NeverMoreThanTheHardwareHas) {
  const unsigned hardware = std::thread::hardware_concurrency();
  if (hardware == 0) GTEST_SKIP() << "the hardware thread count is unknown here";
  EXPECT_EQ(worker_threads(0), hardware);
  EXPECT_EQ(worker_threads(1), 1u);
  EXPECT_EQ(worker_threads(100 * hardware), hardware);
  // A run asked for many threads starts no more workers than the hardware has:
  // progress is reported by whichever worker merges, so count who reports.
  RunOptions options;
  options.customers = 400 * customers_per_block;
  options.threads = 8 * hardware;
  std::mutex mutex;
  std::set<std::thread::id> workers;
  const Scenario scenario = online_store();
  run_simulation(scenario, options, [&](std::uint64_t, std::uint64_t) {
    const std::lock_guard lock(mutex);
    workers.insert(std::this_thread::get_id());
  });
  EXPECT_LE(workers.size(), hardware);
}

}  // namespace
}  // namespace journeysim
