// Who counts (DESIGN section 6): each KPI's base on a closed-form scenario
// (conversion points, checkout from a stage or a touchpoint, churn and
// retention among converters or among everyone), every undefined case with
// its reason, waits that cost sentiment, and the emotion curve. Tolerances
// are 5 standard errors of the estimator, as in engine_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {
namespace {

constexpr double tolerance_in_se = 5.0;
constexpr std::uint64_t customers = 100'000;

Scenario load(const std::string& text) {
  LoadResult loaded = load_scenario_text(text);
  EXPECT_TRUE(loaded.ok()) << (loaded.diagnostics.empty()
                                   ? ""
                                   : format_diagnostic(loaded.diagnostics.all()[0], "s", loaded.document.get()));
  return loaded.ok() ? *loaded.scenario : Scenario{};
}

RunOptions options_for(std::uint64_t n) {
  RunOptions options;
  options.customers = n;
  options.seed = 11;
  options.threads = 2;
  return options;
}

RunReport simulate(const Scenario& scenario, std::uint64_t n = customers) {
  return make_report(scenario, options_for(n), run_simulation(scenario, options_for(n)));
}

const Kpi& kpi_of(const std::vector<Kpi>& kpis, const char* name) {
  for (const Kpi& k : kpis) {
    if (k.name == name) return k;
  }
  ADD_FAILURE() << "no KPI " << name;
  static const Kpi missing{};
  return missing;
}
const Kpi& kpi_of(const RunReport& report, const char* name) { return kpi_of(report.kpis, name); }

// A share of its base: the truth within 5 binomial standard errors of the base's count.
void expect_share(const Kpi& k, double truth, const std::string& base) {
  ASSERT_TRUE(k.defined) << k.name << ": " << k.undefined_reason;
  EXPECT_EQ(k.base, base) << k.name;
  ASSERT_GT(k.sample_size, 0u);
  const double se = std::sqrt(truth * (1 - truth) / static_cast<double>(k.sample_size));
  EXPECT_NEAR(k.estimate.value, truth, tolerance_in_se * se) << k.name;
}

// The base's count: a binomial count of all customers.
void expect_base_share(const Kpi& k, double share_of_all) {
  const double n = static_cast<double>(customers);
  EXPECT_NEAR(static_cast<double>(k.sample_size) / n, share_of_all,
              tolerance_in_se * std::sqrt(share_of_all * (1 - share_of_all) / n))
      << k.name;
}

void expect_undefined(const Kpi& k, const std::string& reason) {
  EXPECT_FALSE(k.defined) << k.name;
  EXPECT_EQ(k.undefined_reason, reason) << k.name;
  EXPECT_TRUE(std::isnan(k.estimate.value)) << k.name;
  EXPECT_TRUE(std::isnan(k.estimate.ci95.lo)) << k.name;
}

// A SaaS sign-up: 40% of visitors subscribe (a conversion point partway),
// a quarter of subscribers cancel; nobody else can.
const char* kSubscription = R"({
  "entry": {"site": 1},
  "touchpoints": [
    {"id": "site", "stage": "awareness"},
    {"id": "subscribe", "stage": "purchase", "converts": true},
    {"id": "lost", "outcome": "lost"},
    {"id": "cancelled", "outcome": "churned"},
    {"id": "kept", "outcome": "retained"}
  ],
  "transitions": [
    {"from": "site", "to": "subscribe", "p": 0.4}, {"from": "site", "to": "lost", "p": "rest"},
    {"from": "subscribe", "to": "cancelled", "p": 0.25}, {"from": "subscribe", "to": "kept", "p": "rest"}
  ]
})";

TEST(KpiBases, ChurnIsAShareOfConverters) {
  const RunReport report = simulate(load(kSubscription));
  expect_share(kpi_of(report, kpi::conversion_rate), 0.4, "customers");
  EXPECT_EQ(kpi_of(report, kpi::conversion_rate).sample_size, customers);
  expect_share(kpi_of(report, kpi::churn_rate), 0.25, "customers who converted");
  expect_base_share(kpi_of(report, kpi::churn_rate), 0.4);
  expect_share(kpi_of(report, kpi::lost_rate), 0.6, "customers");
  expect_undefined(kpi_of(report, kpi::retention_rate), "no horizon");
  expect_undefined(kpi_of(report, kpi::abandonment_rate), "no abandoned ending");
}

TEST(KpiBases, ChurnIsAShareOfEveryoneWithoutAConversionPoint) {
  const RunReport report = simulate(load(R"({
    "entry": {"problem": 1},
    "touchpoints": [{"id": "problem", "stage": "support"}, {"id": "left", "outcome": "churned"},
                    {"id": "fixed", "outcome": "retained"}],
    "transitions": [{"from": "problem", "to": "left", "p": 0.3}, {"from": "problem", "to": "fixed", "p": "rest"}]
  })"));
  expect_share(kpi_of(report, kpi::churn_rate), 0.3, "customers");
  EXPECT_EQ(kpi_of(report, kpi::churn_rate).sample_size, customers);
  expect_undefined(kpi_of(report, kpi::conversion_rate), "no converted ending or \"converts\" touchpoint");
  expect_undefined(kpi_of(report, kpi::lost_rate), "no lost ending");
  expect_undefined(kpi_of(report, kpi::wait_hours), "no \"wait\" touchpoint or queue");
}

TEST(KpiBases, RetentionIsAShareOfConvertersActiveAtTheHorizon) {
  // Converters spend 30-day months; at 45 days those whose first month renewed are active.
  const RunReport report = simulate(load(R"({
    "horizon": "45d",
    "entry": {"site": 1},
    "touchpoints": [
      {"id": "site", "stage": "awareness"}, {"id": "month", "stage": "usage", "dwell": "30d", "converts": true},
      {"id": "lost", "outcome": "lost"}, {"id": "cancelled", "outcome": "churned"}
    ],
    "transitions": [
      {"from": "site", "to": "month", "p": 0.5}, {"from": "site", "to": "lost", "p": "rest"},
      {"from": "month", "to": "month", "p": 0.9}, {"from": "month", "to": "cancelled", "p": "rest"}
    ]
  })"));
  expect_share(kpi_of(report, kpi::retention_rate), 0.9, "customers who converted");
  expect_share(kpi_of(report, kpi::churn_rate), 0.1, "customers who converted");
  expect_base_share(kpi_of(report, kpi::retention_rate), 0.5);
}

// A loan: 10% of prospects apply, 72% of applicants abandon the application.
std::string loan(const std::string& abandonment_from) {
  return R"({
    "abandonment_from": ")" +
         abandonment_from + R"(",
    "entry": {"ad": 1},
    "touchpoints": [
      {"id": "ad", "stage": "awareness"}, {"id": "application", "stage": "apply"},
      {"id": "approved", "outcome": "converted"}, {"id": "gave_up", "outcome": "abandoned"},
      {"id": "lost", "outcome": "lost"}
    ],
    "transitions": [
      {"from": "ad", "to": "application", "p": 0.1}, {"from": "ad", "to": "lost", "p": "rest"},
      {"from": "application", "to": "approved", "p": 0.28}, {"from": "application", "to": "gave_up", "p": "rest"}
    ]
  })";
}

TEST(KpiBases, AbandonmentCountsFromTheTouchpointOrStageNamed) {
  for (const std::string from : {"application", "apply"}) {
    SCOPED_TRACE(from);
    const RunReport report = simulate(load(loan(from)));
    expect_share(kpi_of(report, kpi::abandonment_rate), 0.72, "customers who reached checkout");
    expect_base_share(kpi_of(report, kpi::abandonment_rate), 0.1);
    expect_share(kpi_of(report, kpi::conversion_rate), 0.028, "customers");
  }
}

TEST(KpiBases, AbandonmentWithoutCheckoutIsUndefined) {
  // No purchase stage and no abandonment_from: nothing says where checkout begins.
  std::string text = loan("x");
  text.erase(text.find("\"abandonment_from\""), std::string("\"abandonment_from\": \"x\",").size());
  const RunReport report = simulate(load(text), 1000);
  expect_undefined(kpi_of(report, kpi::abandonment_rate), "no checkout: no purchase stage or \"abandonment_from\"");
  // The CLI's table and the viewer read the reason through kpi_text.
  EXPECT_EQ(kpi_undefined_text(kpi_of(report, kpi::abandonment_rate)),
            "- (no checkout: no purchase stage or \"abandonment_from\")");
}

TEST(KpiBases, AbandonmentFromMustNameAStageOrTouchpoint) {
  const LoadResult loaded = load_scenario_text(loan("aplication"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(format_diagnostic(loaded.diagnostics.all()[0], "s", loaded.document.get()),
            "s:2:25: error: abandonment_from: \"aplication\" is neither a stage nor a touchpoint id; did you mean "
            "\"application\"?");
}

TEST(KpiBases, BaseTextNamesTheCount) {
  const RunReport report = simulate(load(kSubscription), 1000);
  const Kpi& churn = kpi_of(report, kpi::churn_rate);
  EXPECT_EQ(kpi_base_text(churn), "of " + grouped_count(churn.sample_size) + " customers who converted");
}

// Paired changes of a ratio whose base moves: more subscribers, same churn among them.
TEST(KpiBases, PairedChurnAmongConvertersWhenTheBaseGrows) {
  Scenario scenario = load(kSubscription);
  WhatIfChange change;
  change.kind = WhatIfChange::Kind::set;
  change.address.kind = ChangeAddress::Kind::transition;
  change.address.from = "site";
  change.address.to = "subscribe";
  change.address.field = "p";
  change.value = 0.6;
  Diagnostics problems;
  auto built = apply_changes(scenario, "more sign-ups", {change}, problems);
  ASSERT_TRUE(built);
  const RunOptions options = options_for(customers);
  const ComparisonReport report =
      make_comparison_report(scenario, options, run_comparison(scenario, {*built}, options));
  ASSERT_EQ(report.variants.size(), 1u);
  const auto change_of = [&](const char* name) -> const KpiChange& {
    for (const KpiChange& c : report.variants[0].kpis) {
      if (c.name == name) return c;
    }
    ADD_FAILURE() << name;
    static const KpiChange none{};
    return none;
  };
  const KpiChange& conversion = change_of(kpi::conversion_rate);
  EXPECT_NEAR(conversion.change.value, 0.2, tolerance_in_se * conversion.change.standard_error);
  // Churn among converters stays 0.25: the paired ratio difference is 0 within its (delta-method) error.
  const KpiChange& churn = change_of(kpi::churn_rate);
  ASSERT_TRUE(churn.defined);
  EXPECT_GT(churn.change.standard_error, 0.0);
  EXPECT_NEAR(churn.change.value, 0.0, tolerance_in_se * churn.change.standard_error);
  // Those who convert in both walk on the same draws and churn alike, so
  // Rv - Rb ~ (0.2 / 0.6) (churn among the new fifth - churn among the old 0.4):
  // SE = (1/3) sqrt(0.1875 (1 / 0.2n + 1 / 0.4n)).
  const double n = static_cast<double>(customers);
  const double expected_se = std::sqrt(0.1875 * (1 / (0.2 * n) + 1 / (0.4 * n))) / 3;
  EXPECT_NEAR(churn.change.standard_error, expected_se, 0.2 * expected_se);
  // Undefined on both sides is no change, not a change of 0.
  const KpiChange& retention = change_of(kpi::retention_rate);
  EXPECT_FALSE(retention.defined);
  EXPECT_TRUE(std::isnan(retention.change.value));
}

TEST(Waits, AWaitCostsSentimentByTheHour) {
  const std::string text = R"({
    "sentiment": {"per_wait_hour": 0.25},
    "entry": {"hold": 1},
    "touchpoints": [{"id": "hold", "stage": "support", "dwell": "2h", WAIT "csat": false},
                    {"id": "done", "outcome": "retained"}],
    "transitions": [{"from": "hold", "to": "done", "p": 1}]
  })";
  const auto with = [&](const std::string& wait) {
    std::string t = text;
    t.replace(t.find("WAIT"), 4, wait);
    return simulate(load(t), 1000);
  };
  const RunReport waiting = with("\"wait\": true,");
  EXPECT_DOUBLE_EQ(kpi_of(waiting, kpi::sentiment_final).estimate.value, -0.5);
  EXPECT_DOUBLE_EQ(kpi_of(waiting, kpi::wait_hours).estimate.value, 2.0);
  EXPECT_EQ(kpi_of(waiting, kpi::wait_hours).base, "customers");
  const RunReport dwelling = with("");
  EXPECT_DOUBLE_EQ(kpi_of(dwelling, kpi::sentiment_final).estimate.value, 0.0);
  EXPECT_FALSE(kpi_of(dwelling, kpi::wait_hours).defined);
}

TEST(EmotionCurve, SentimentOnLeavingEachTouchpointAndStage) {
  // Fixed changes: +0.2 in awareness, then -0.5 in support. A loop at "usage"
  // adds 0.1 per visit and repeats with 0.5, so K visits ~ Geometric(0.5):
  // per visit, E[0.1 K (K + 1) / 2] / E[K] = 0.1 x 4 / 2 = 0.2; per exit of the stage, 0.1 E[K] = 0.2.
  const RunReport report = simulate(load(R"({
    "entry": {"ad": 1},
    "touchpoints": [
      {"id": "ad", "stage": "awareness", "sentiment": 0.2},
      {"id": "call", "stage": "support", "sentiment": -0.5},
      {"id": "usage", "stage": "usage", "sentiment": 0.1},
      {"id": "end", "outcome": "retained"}
    ],
    "transitions": [
      {"from": "ad", "to": "call", "p": 1}, {"from": "call", "to": "usage", "p": 1},
      {"from": "usage", "to": "usage", "p": 0.5}, {"from": "usage", "to": "end", "p": "rest"}
    ]
  })"));
  ASSERT_EQ(report.funnel.size(), 3u);
  EXPECT_DOUBLE_EQ(report.funnel[0].sentiment.value, 0.2);
  EXPECT_DOUBLE_EQ(report.funnel[1].sentiment.value, -0.3);
  EXPECT_NEAR(report.funnel[2].sentiment.value, -0.3 + 0.2,
              tolerance_in_se * report.funnel[2].sentiment.standard_error);
  EXPECT_DOUBLE_EQ(report.touchpoints[0].sentiment.value, 0.2);
  EXPECT_DOUBLE_EQ(report.touchpoints[1].sentiment.value, -0.3);
  const Estimate& usage = report.touchpoints[2].sentiment;
  EXPECT_GT(usage.standard_error, 0.0);
  EXPECT_NEAR(usage.value, -0.3 + 0.2, tolerance_in_se * usage.standard_error);
  EXPECT_LE(usage.ci95.lo, usage.value);
  EXPECT_GE(usage.ci95.hi, usage.value);
  // sentiment_final: -0.3 + 0.1 E[K] = -0.1, sd 0.1 sd(K) = 0.1 sqrt(2).
  const Kpi& final_sentiment = kpi_of(report, kpi::sentiment_final);
  EXPECT_NEAR(final_sentiment.estimate.value, -0.1, tolerance_in_se * 0.1 * std::sqrt(2.0 / customers));
}

}  // namespace
}  // namespace journeysim

namespace journeysim {
namespace {

// A personalised what-if moves its persona only: the other segment's paired
// changes are exactly 0 (the same walks on the same draws).
TEST(Personalisation, OnlyTheNamedSegmentChanges) {
  const Scenario scenario = load(R"({
    "entry": {"site": 1},
    "touchpoints": [{"id": "site"}, {"id": "won", "outcome": "converted"}, {"id": "lost", "outcome": "lost"}],
    "transitions": [{"from": "site", "to": "won", "p": 0.2}, {"from": "site", "to": "lost", "p": "rest"}],
    "segments": [{"id": "smb", "share": 0.4}, {"id": "enterprise", "share": 0.6}],
    "what_if": [{"name": "Guided", "changes": [{"set": "transitions.site->won.p", "value": 0.3, "segment": "smb"}]}]
  })");
  Diagnostics diagnostics;
  const std::optional<Variant> variant = apply_what_if(scenario, 0, diagnostics);
  ASSERT_TRUE(variant);
  const RunOptions options = options_for(customers);
  const ComparisonReport report =
      make_comparison_report(scenario, options, run_comparison(scenario, {*variant}, options));
  const VariantComparison& v = report.variants.at(0);
  ASSERT_EQ(v.segments.size(), 2u);
  const auto conversion = [](const std::vector<KpiChange>& changes) {
    for (const KpiChange& c : changes) {
      if (c.name == kpi::conversion_rate) return c.change;
    }
    return Estimate{};
  };
  const Estimate smb = conversion(v.segments[0].second);
  EXPECT_EQ(v.segments[0].first, "smb");
  EXPECT_NEAR(smb.value, 0.1, tolerance_in_se * smb.standard_error);
  EXPECT_EQ(conversion(v.segments[1].second).value, 0.0);
  EXPECT_EQ(conversion(v.segments[1].second).ci95.hi, 0.0);
  // Overall: 0.4 x 0.1.
  const Estimate overall = conversion(v.kpis);
  EXPECT_NEAR(overall.value, 0.04, tolerance_in_se * overall.standard_error);
}

}  // namespace
}  // namespace journeysim
