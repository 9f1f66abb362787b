// Paired comparison: the interval of a variant's change covers the exact
// difference and is several times narrower than two independent runs'; what
// a change does not touch does not move at all; the baseline equals `run`.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/compare.hpp"

namespace journeysim {
namespace {

// ad -> won 0.3 (+60 revenue), ad -> gone rest; the variant raises 0.3 to 0.5.
const char* kScenario = R"({
  "entry": {"ad": 1},
  "touchpoints": [
    {"id": "ad", "dwell": "1m", "sentiment": {"dist": "normal", "mean": 0, "sd": 0.5}},
    {"id": "won", "outcome": "converted", "revenue": 60}, {"id": "gone", "outcome": "lost"}],
  "transitions": [{"from": "ad", "to": "won", "p": 0.3}, {"from": "ad", "to": "gone", "p": "rest"}],
  "what_if": [
    {"name": "Better ad", "cost": 1000, "changes": [{"set": "transitions.ad->won.p", "value": 0.5}]},
    {"name": "Longer ad", "changes": [{"set": "touchpoints.ad.dwell", "value": "2m"}]},
    {"name": "Slightly better ad", "changes": [{"set": "transitions.ad->won.p", "value": 0.33}]}
  ]
})";

struct Fixture {
  Scenario scenario;
  RunOptions options;
  Comparison comparison;
  ComparisonReport report;
};

Fixture compare(std::uint64_t customers, std::uint64_t seed = 11) {
  Fixture f;
  f.scenario = *load_scenario_text(kScenario).scenario;
  f.options.customers = customers;
  f.options.seed = seed;
  f.options.threads = 2;
  std::vector<Variant> variants;
  Diagnostics diagnostics;
  for (std::size_t i = 0; i < f.scenario.what_if.size(); ++i)
    variants.push_back(*apply_what_if(f.scenario, i, diagnostics));
  f.comparison = run_comparison(f.scenario, variants, f.options);
  f.report = make_comparison_report(f.scenario, f.options, f.comparison);
  return f;
}

const KpiChange& change_of(const VariantComparison& v, std::string_view name) {
  for (const KpiChange& c : v.kpis) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no change for " << name;
  static const KpiChange none{};
  return none;
}

TEST(Compare, PairedIntervalCoversTheExactDifferenceAndIsNarrow) {
  const Fixture f = compare(200'000);
  ASSERT_EQ(f.report.variants.size(), 3u);
  const KpiChange& conversion = change_of(f.report.variants[0], kpi::conversion_rate);
  // Exact difference 0.2. With keyed inversion, a customer converts in the
  // variant whenever they did in the baseline: the pairs disagree only in the
  // moved band, so Var(d) = 0.2 - 0.04.
  EXPECT_NEAR(conversion.change.value, 0.2, 5 * std::sqrt(0.16 / 200'000.0));
  const double independent_se = std::hypot(conversion.baseline.standard_error, conversion.variant.standard_error);
  EXPECT_LT(conversion.change.standard_error, independent_se / 1.5);
  EXPECT_TRUE(conversion.significant());
  // Revenue: 60 x 0.2 per customer, and the return on the cost over the scenario's customers.
  const KpiChange& revenue = change_of(f.report.variants[0], kpi::revenue_per_customer);
  EXPECT_NEAR(revenue.change.value, 12.0, 5 * 60 * std::sqrt(0.16 / 200'000.0));
  ASSERT_TRUE(f.report.variants[0].return_on_cost.has_value());
  EXPECT_DOUBLE_EQ(f.report.variants[0].return_on_cost->net_return.value,
                   revenue.change.value * default_customers - 1000.0);
}

// Over many seeds the 95% intervals of the paired change cover the exact
// difference 95% of the time: 400 replications, within 4.4 binomial SEs.
TEST(Compare, PairedIntervalsCoverTheExactDifference) {
  constexpr int replications = 400;
  int covered = 0;
  for (int r = 0; r < replications; ++r) {
    const Fixture f = compare(2'000, 1000 + static_cast<std::uint64_t>(r));
    const KpiChange& c = change_of(f.report.variants[0], kpi::conversion_rate);
    covered += c.change.ci95.lo <= 0.2 && 0.2 <= c.change.ci95.hi ? 1 : 0;
  }
  EXPECT_NEAR(covered / double(replications), 0.95, 4.4 * std::sqrt(0.95 * 0.05 / replications));
}

TEST(Compare, ASmallChangeIsMeasuredSeveralTimesMorePrecisely) {
  // 0.30 -> 0.33: pairs disagree only for the 3% in the moved band, so the
  // paired SE is sqrt(0.03 - 0.0009) = 0.17 per customer against
  // sqrt(0.21 + 0.2211) = 0.66 for two independent runs: about 3.9 times narrower.
  const Fixture f = compare(200'000);
  const KpiChange& c = change_of(f.report.variants[2], kpi::conversion_rate);
  EXPECT_NEAR(c.change.value, 0.03, 5 * std::sqrt(0.0291 / 200'000.0));
  const double independent_se = std::hypot(c.baseline.standard_error, c.variant.standard_error);
  EXPECT_GT(independent_se / c.change.standard_error, 3.0);
}

TEST(Compare, WhatAChangeDoesNotTouchDoesNotMove) {
  const Fixture f = compare(50'000);
  // A longer dwell changes journey time by exactly one minute for everyone, and nothing else.
  const VariantComparison& longer = f.report.variants[1];
  const KpiChange& hours = change_of(longer, kpi::journey_hours);
  EXPECT_NEAR(hours.change.value, 1.0 / 60.0, 1e-12);
  EXPECT_NEAR(hours.change.standard_error, 0.0, 1e-12);
  for (const char* name : {kpi::conversion_rate, kpi::lost_rate, kpi::nps, kpi::csat}) {
    const KpiChange& c = change_of(longer, name);
    EXPECT_EQ(c.change.value, 0.0) << name;
    EXPECT_EQ(c.change.ci95.lo, 0.0) << name;
    EXPECT_EQ(c.change.ci95.hi, 0.0) << name;
  }
  EXPECT_FALSE(longer.return_on_cost.has_value());
}

TEST(Compare, BaselineIsTheRunReport) {
  const Fixture f = compare(30'000);
  const RunReport run = make_report(f.scenario, f.options, run_simulation(f.scenario, f.options));
  ASSERT_EQ(run.kpis.size(), f.report.baseline.kpis.size());
  for (std::size_t i = 0; i < run.kpis.size(); ++i) {
    if (!run.kpis[i].defined) continue;
    EXPECT_EQ(run.kpis[i].estimate.value, f.report.baseline.kpis[i].estimate.value) << run.kpis[i].name;
    EXPECT_EQ(run.kpis[i].estimate.ci95.hi, f.report.baseline.kpis[i].estimate.ci95.hi) << run.kpis[i].name;
  }
}

TEST(Compare, OutcomeSharesChangeByEndingId) {
  const Fixture f = compare(100'000);
  const auto& outcomes = f.report.variants[0].outcomes;
  ASSERT_GE(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].first, "won");
  EXPECT_EQ(outcomes[1].first, "gone");
  EXPECT_NEAR(outcomes[0].second.value, -outcomes[1].second.value, 1e-15);
}

}  // namespace
}  // namespace journeysim

// An edit made in the viewer pairs with the pinned baseline exactly as the
// same change written as a what-if does.
namespace journeysim {
namespace {

ComparisonReport compare_variant(const Scenario& base, const Variant& variant, std::uint64_t customers) {
  RunOptions options;
  options.customers = customers;
  options.threads = 2;
  return make_comparison_report(base, options, run_comparison(base, {variant}, options));
}

TEST(CompareEdit, AnEditPairsLikeTheSameWhatIf) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json");
  ASSERT_TRUE(loaded.ok());
  const Scenario& base = *loaded.scenario;
  // The edit: payment -> payment_failed from 0.08 to 0.02, the "rest" beside
  // it absorbing the change (no segment overrides it).
  Scenario edited = base;
  const std::size_t k =
      *base.find_transition(*base.find_touchpoint("payment"), *base.find_touchpoint("payment_failed"));
  edited.transitions[k].p.value = 0.02;
  resolve_rest(edited.transitions, edited.touchpoints.size());
  WhatIfChange set;
  set.kind = WhatIfChange::Kind::set;
  set.address = ChangeAddress{ChangeAddress::Kind::transition, "", "payment", "payment_failed", "p"};
  set.value = 0.02;
  Diagnostics diagnostics;
  const std::optional<Variant> what_if = apply_changes(base, "current", {set}, diagnostics);
  ASSERT_TRUE(what_if.has_value());
  const std::optional<Variant> from_edit = variant_from_edit(base, edited, "current");
  ASSERT_TRUE(from_edit.has_value());
  const ComparisonReport a = compare_variant(base, *what_if, 20'000);
  const ComparisonReport b = compare_variant(base, *from_edit, 20'000);
  ASSERT_EQ(a.variants[0].kpis.size(), b.variants[0].kpis.size());
  bool moved = false;
  for (std::size_t i = 0; i < a.variants[0].kpis.size(); ++i) {
    const KpiChange& x = a.variants[0].kpis[i];
    const KpiChange& y = b.variants[0].kpis[i];
    EXPECT_EQ(x.defined, y.defined) << x.name;
    if (!x.defined) continue;  // undefined on both: no figure to compare (NaN)
    EXPECT_EQ(x.change.value, y.change.value) << x.name;
    EXPECT_EQ(x.change.ci95.lo, y.change.ci95.lo) << x.name;
    moved = moved || x.significant();
  }
  EXPECT_TRUE(moved);
}

TEST(CompareEdit, AnUneditedScenarioChangesNothing) {
  const LoadResult loaded =
      load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/saas_subscription.json");
  ASSERT_TRUE(loaded.ok());
  const ComparisonReport r =
      compare_variant(*loaded.scenario, *variant_from_edit(*loaded.scenario, *loaded.scenario, "same"), 5'000);
  for (const KpiChange& c : r.variants[0].kpis) {
    if (!c.defined) continue;
    EXPECT_EQ(c.change.value, 0.0) << c.name;
    // Quantile changes have unpaired (conservative) intervals; the rest are paired.
    const bool quantile = c.name == kpi::ttr_p50_hours || c.name == kpi::ttr_p90_hours;
    if (!quantile) {
      EXPECT_EQ(c.change.ci95.hi, 0.0) << c.name;
    }
  }
}

}  // namespace
}  // namespace journeysim

// Return on cost with --segment: over the segment's customers, not everyone's.
namespace journeysim {
namespace {

TEST(CompareSegment, ReturnOnCostIsOverTheSegmentsCustomers) {
  // 10,000 customers, 30% of them "few"; the what-if raises a->won from 0.3 to
  // 0.5 (+12 revenue per customer) at a cost of 50,000: for the whole
  // population that pays (+120,000), for the segment's 3,000 it does not (+36,000).
  const LoadResult loaded = load_scenario_text(R"({
    "customers": 10000, "entry": {"a": 1},
    "touchpoints": [{"id": "a"}, {"id": "won", "outcome": "converted", "revenue": 60}, {"id": "gone", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "won", "p": 0.3}, {"from": "a", "to": "gone", "p": "rest"}],
    "segments": [{"id": "many", "share": 0.7}, {"id": "few", "share": 0.3}],
    "what_if": [{"name": "Better", "cost": 50000, "changes": [{"set": "transitions.a->won.p", "value": 0.5}]}]
  })");
  ASSERT_TRUE(loaded.ok());
  const Scenario& scenario = *loaded.scenario;
  RunOptions options;
  options.customers = 40'000;
  options.threads = 2;
  options.segment = 1;
  Diagnostics diagnostics;
  const ComparisonReport report = make_comparison_report(
      scenario, options, run_comparison(scenario, {*apply_what_if(scenario, 0, diagnostics)}, options));
  ASSERT_TRUE(report.variants[0].return_on_cost.has_value());
  const ReturnOnCost& r = *report.variants[0].return_on_cost;
  EXPECT_EQ(r.customers, 3000.0);
  const Estimate per_customer = change_of(report.variants[0], kpi::revenue_per_customer).change;
  EXPECT_DOUBLE_EQ(r.revenue_change.value, per_customer.value * 3000.0);
  EXPECT_NEAR(r.revenue_change.value, 36'000.0, 5 * r.revenue_change.standard_error);
  EXPECT_LT(r.net_return.value, 0.0);
  EXPECT_DOUBLE_EQ(r.net_return.value, r.revenue_change.value - 50'000.0);
}

}  // namespace
}  // namespace journeysim
