// The engine against closed forms: each KPI on a tiny scenario whose answer is
// known exactly, within 5 standard errors of the estimator (so a correct
// engine fails by chance about once in 1.7 million checks), and the
// reproducibility promises (same seed, same numbers, any thread count).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/sampling.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {
namespace {

constexpr double tolerance_in_se = 5.0;

Scenario load(const std::string& text) {
  LoadResult loaded = load_scenario_text(text);
  EXPECT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : format_diagnostic(loaded.diagnostics.all()[0], "s", loaded.document.get()));
  return loaded.ok() ? *loaded.scenario : Scenario{};
}

RunReport simulate(const Scenario& scenario, std::uint64_t customers, unsigned threads = 2, std::uint64_t seed = 7) {
  RunOptions options;
  options.customers = customers;
  options.seed = seed;
  options.threads = threads;
  return make_report(scenario, options, run_simulation(scenario, options));
}

const Kpi& kpi_of(const RunReport& report, const char* name) {
  const Kpi* k = report.find_kpi(name);
  EXPECT_NE(k, nullptr) << name;
  static const Kpi missing{};
  return k ? *k : missing;
}

// A proportion's check: the truth within 5 binomial standard errors.
void expect_share(const Kpi& k, double truth) {
  ASSERT_TRUE(k.defined) << k.name;
  const double se = std::sqrt(truth * (1 - truth) / static_cast<double>(k.sample_size));
  EXPECT_NEAR(k.estimate.value, truth, tolerance_in_se * se) << k.name;
  EXPECT_LE(k.estimate.ci95.lo, k.estimate.value);
  EXPECT_GE(k.estimate.ci95.hi, k.estimate.value);
}

// A mean's check with a known standard deviation of one customer's value.
void expect_mean(const Kpi& k, double truth, double sd) {
  ASSERT_TRUE(k.defined) << k.name;
  const double se = sd / std::sqrt(static_cast<double>(k.sample_size));
  EXPECT_NEAR(k.estimate.value, truth, tolerance_in_se * se) << k.name;
}

const char* kTwoWay = R"({
  "entry": {"ad": 1},
  "touchpoints": [
    {"id": "ad", "stage": "awareness", "cost": 2.5},
    {"id": "won", "outcome": "converted", "revenue": 60},
    {"id": "gone", "outcome": "lost"}
  ],
  "transitions": [
    {"from": "ad", "to": "won", "p": 0.3},
    {"from": "ad", "to": "gone", "p": "rest"}
  ]
})";

TEST(Engine, ConversionLostRevenueOfASingleChoice) {
  const RunReport report = simulate(load(kTwoWay), 200'000);
  EXPECT_EQ(report.customers, 200'000u);
  expect_share(kpi_of(report, kpi::conversion_rate), 0.3);
  expect_share(kpi_of(report, kpi::lost_rate), 0.7);
  EXPECT_EQ(kpi_of(report, kpi::churn_rate).estimate.value, 0.0);
  // Revenue: 60 with probability 0.3.
  expect_mean(kpi_of(report, kpi::revenue_per_customer), 18.0, 60.0 * std::sqrt(0.3 * 0.7));
  EXPECT_EQ(kpi_of(report, kpi::steps).estimate.value, 1.0);
  EXPECT_EQ(kpi_of(report, kpi::cost_per_customer).estimate.value, 2.5);  // one visit each, exactly
  EXPECT_FALSE(kpi_of(report, kpi::retention_rate).defined);
  ASSERT_EQ(report.outcomes.size(), 2u);
  EXPECT_EQ(report.outcomes[0].id, "won");
  EXPECT_EQ(report.outcomes[0].count + report.outcomes[1].count, 200'000u);
}

TEST(Engine, LoopsGiveGeometricStepsAndVisits) {
  // From "a", stay with 0.6 or leave: transitions per customer ~ Geometric(0.4) on {1, 2, ...}.
  const Scenario s = load(R"({
    "entry": {"a": 1},
    "touchpoints": [{"id": "a", "dwell": {"dist": "exponential", "mean": "1h"}}, {"id": "end", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "a", "p": 0.6}, {"from": "a", "to": "end", "p": "rest"}]
  })");
  const RunReport report = simulate(s, 200'000);
  const double p = 0.4;
  expect_mean(kpi_of(report, kpi::steps), 1 / p, std::sqrt((1 - p) / (p * p)));
  // Journey time: a Geometric(0.4) number of Exp(1h) dwells is Exp(mean 2.5h).
  expect_mean(kpi_of(report, kpi::journey_hours), 2.5, 2.5);
  ASSERT_EQ(report.touchpoints.size(), 2u);
  EXPECT_EQ(report.touchpoints[0].visitors, 200'000u);
  const double visits_per_customer = static_cast<double>(report.touchpoints[0].visits) / 200'000.0;
  EXPECT_NEAR(visits_per_customer, 2.5, tolerance_in_se * std::sqrt((1 - p) / (p * p) / 200'000.0));
  // One path: a (repeats collapsed).
  ASSERT_EQ(report.paths.size(), 1u);
  EXPECT_EQ(report.paths[0].path, std::vector<std::string>{"a"});
  EXPECT_EQ(report.paths[0].count, 200'000u);
}

TEST(Engine, HorizonEndsWalksAsActive) {
  // One day per visit, leaving with 0.1 after each; the 11th visit would end
  // after the 10.5-day horizon, so active = stayed after each of 10 visits.
  const Scenario s = load(R"({
    "horizon": "10.5d",
    "entry": {"usage": 1},
    "touchpoints": [{"id": "usage", "dwell": "1d"}, {"id": "quit", "outcome": "churned"}],
    "transitions": [{"from": "usage", "to": "usage", "p": 0.9}, {"from": "usage", "to": "quit", "p": "rest"}]
  })");
  const RunReport report = simulate(s, 100'000);
  const double active = std::pow(0.9, 10);
  expect_share(kpi_of(report, kpi::retention_rate), active);
  expect_share(kpi_of(report, kpi::churn_rate), 1 - active);
  ASSERT_FALSE(report.retention.empty());
  EXPECT_DOUBLE_EQ(report.retention.front().travelling.value, 1.0);
  EXPECT_NEAR(report.retention.back().travelling.value, kpi_of(report, kpi::retention_rate).estimate.value, 1e-12);
}

TEST(Engine, MaxStepsEndsWalksAsUnfinished) {
  const Scenario s = load(R"({
    "max_steps": 10,
    "entry": {"a": 1},
    "touchpoints": [{"id": "a"}, {"id": "end", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "a", "p": 0.99}, {"from": "a", "to": "end", "p": "rest"}]
  })");
  const RunReport report = simulate(s, 50'000);
  const double unfinished = std::pow(0.99, 10);
  ASSERT_EQ(report.outcomes.size(), 2u);
  EXPECT_EQ(report.outcomes[1].id, "unfinished");
  const double se = std::sqrt(unfinished * (1 - unfinished) / 50'000.0);
  EXPECT_NEAR(report.outcomes[1].share.value, unfinished, tolerance_in_se * se);
  EXPECT_EQ(report.unfinished, report.outcomes[1].count);
}

TEST(Engine, NpsFromTheOrderedProbitOfFinalSentiment) {
  // Sentiment stays at `initial`; latent = S + N(0, 1); NPS = 100 (P(latent > c9) - P(latent <= c7)).
  for (const double initial : {0.0, 1.0}) {
    const Scenario s = load(R"({
      "sentiment": {"initial": )" + std::to_string(initial) + R"(},
      "nps": {"not_asked": []},
      "entry": {"a": 1},
      "touchpoints": [{"id": "a", "csat": false}, {"id": "end", "outcome": "lost"}],
      "transitions": [{"from": "a", "to": "end", "p": 1}]
    })");
    const RunReport report = simulate(s, 200'000);
    const NpsModel model;
    const double promoters = 1 - normal_cdf(model.cutpoints[8] - initial);
    const double detractors = normal_cdf(model.cutpoints[6] - initial);
    const double truth = 100 * (promoters - detractors);
    const double sd = 100 * std::sqrt(promoters + detractors - std::pow(promoters - detractors, 2));
    expect_mean(kpi_of(report, kpi::nps), truth, sd);
  }
}

TEST(Engine, LostCustomersAreNotAskedByDefault) {
  const RunReport report = simulate(load(kTwoWay), 50'000);
  const Kpi& nps = kpi_of(report, kpi::nps);
  // Only the converted 30% are asked.
  EXPECT_NEAR(static_cast<double>(nps.sample_size) / 50'000.0, 0.3, tolerance_in_se * std::sqrt(0.21 / 50'000.0));
}

TEST(Engine, CsatAndCesPerVisit) {
  // A change of +0.2 - 0.1 * (3 - 1) = 0 at each visit: P(rating >= 4) = P(N(0,1) > -0.77).
  const Scenario s = load(R"({
    "entry": {"a": 1},
    "touchpoints": [{"id": "a", "sentiment": 0.2, "effort": 3}, {"id": "end", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "a", "p": 0.5}, {"from": "a", "to": "end", "p": "rest"}]
  })");
  const RunReport report = simulate(s, 200'000);
  const Kpi& csat = kpi_of(report, kpi::csat);
  const double truth = 1 - normal_cdf(CsatModel{}.cutpoints[2]);
  // Ratings within a customer are independent here, so the binomial SE over ratings applies.
  expect_share(csat, truth);
  EXPECT_DOUBLE_EQ(kpi_of(report, kpi::ces).estimate.value, 5.0);  // ease = 8 - effort, exactly
}

TEST(Engine, AbandonmentCountsFromThePurchaseStage) {
  const Scenario s = load(R"({
    "entry": {"browse": 1},
    "touchpoints": [
      {"id": "browse", "stage": "consideration"}, {"id": "checkout", "stage": "purchase"},
      {"id": "bought", "outcome": "converted"}, {"id": "left", "outcome": "abandoned"}, {"id": "gone", "outcome": "lost"}
    ],
    "transitions": [
      {"from": "browse", "to": "checkout", "p": 0.5}, {"from": "browse", "to": "gone", "p": "rest"},
      {"from": "checkout", "to": "bought", "p": 0.4}, {"from": "checkout", "to": "left", "p": "rest"}
    ]
  })");
  const RunReport report = simulate(s, 200'000);
  expect_share(kpi_of(report, kpi::abandonment_rate), 0.6);
  EXPECT_NEAR(static_cast<double>(kpi_of(report, kpi::abandonment_rate).sample_size) / 200'000.0, 0.5,
              tolerance_in_se * std::sqrt(0.25 / 200'000.0));
  ASSERT_EQ(report.funnel.size(), 2u);
  EXPECT_EQ(report.funnel[0].reached, 200'000u);
  EXPECT_EQ(report.funnel[1].reached, kpi_of(report, kpi::abandonment_rate).sample_size);
}

TEST(Engine, TimeToResolutionPerSupportEpisode) {
  // Each support visit takes 2h and repeats with 0.5: an episode lasts 2h x Geometric(0.5).
  const Scenario s = load(R"({
    "entry": {"call": 1},
    "touchpoints": [{"id": "call", "stage": "support", "dwell": "2h"}, {"id": "fixed", "outcome": "retained"}],
    "transitions": [{"from": "call", "to": "call", "p": 0.5}, {"from": "call", "to": "fixed", "p": "rest"}]
  })");
  const RunReport report = simulate(s, 100'000);
  // Mean 4h, sd 2h * sqrt(0.5) / 0.5.
  expect_mean(kpi_of(report, kpi::ttr_hours), 4.0, 2.0 * std::sqrt(0.5) / 0.5);
  // P(visits <= 3) = 0.875 < 0.9 <= P(visits <= 4) = 0.9375: the 90th percentile is 8h (within the bucket width).
  const Kpi& p90 = kpi_of(report, kpi::ttr_p90_hours);
  EXPECT_NEAR(p90.estimate.value, 8.0, 8.0 * 0.04);
  EXPECT_LE(p90.estimate.ci95.lo, 8.0);
  EXPECT_GE(p90.estimate.ci95.hi, 8.0);
}

TEST(Engine, SentimentWeightsTiltChoices) {
  // S = 1 throughout: weights 0.5 e^1 and 0.5 e^0, so P(won) = e / (e + 1).
  const Scenario s = load(R"({
    "sentiment": {"initial": 1},
    "entry": {"a": 1},
    "touchpoints": [{"id": "a"}, {"id": "won", "outcome": "converted"}, {"id": "gone", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "won", "p": 0.5, "sentiment_weight": 1}, {"from": "a", "to": "gone", "p": 0.5}]
  })");
  const RunReport report = simulate(s, 200'000);
  expect_share(kpi_of(report, kpi::conversion_rate), std::exp(1.0) / (std::exp(1.0) + 1.0));
}

TEST(Engine, SegmentsMixByShare) {
  const Scenario s = load(R"({
    "entry": {"a": 1},
    "touchpoints": [{"id": "a"}, {"id": "won", "outcome": "converted"}, {"id": "gone", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "won", "p": 0.1}, {"from": "a", "to": "gone", "p": "rest"}],
    "segments": [
      {"id": "keen", "share": 0.3, "transitions": [{"from": "a", "to": "won", "p": 0.5}]},
      {"id": "casual", "share": 0.7}
    ]
  })");
  const RunReport report = simulate(s, 200'000);
  expect_share(kpi_of(report, kpi::conversion_rate), 0.3 * 0.5 + 0.7 * 0.1);
  ASSERT_EQ(report.segments.size(), 2u);
  EXPECT_EQ(report.segments[0].id, "keen");
  EXPECT_NEAR(static_cast<double>(report.segments[0].customers) / 200'000.0, 0.3,
              tolerance_in_se * std::sqrt(0.21 / 200'000.0));
  const Kpi& keen = *std::find_if(report.segments[0].kpis.begin(), report.segments[0].kpis.end(),
                                  [](const Kpi& k) { return k.name == kpi::conversion_rate; });
  expect_share(keen, 0.5);
}

TEST(Engine, TransitionFlowsSplitByEnding) {
  const RunReport report = simulate(load(kTwoWay), 10'000);
  ASSERT_EQ(report.transitions.size(), 2u);
  EXPECT_EQ(report.transitions[0].label, "ad->won");
  ASSERT_EQ(report.transitions[0].by_ending.size(), 1u);
  EXPECT_EQ(report.transitions[0].by_ending[0].first, "won");
  EXPECT_EQ(report.transitions[0].by_ending[0].second, report.transitions[0].traversals);
  EXPECT_EQ(report.transitions[0].traversals + report.transitions[1].traversals, 10'000u);
}

TEST(Engine, SameSeedSameNumbersWhateverTheThreads) {
  const Scenario s = load(kTwoWay);
  const RunReport one = simulate(s, 30'000, 1);
  const RunReport three = simulate(s, 30'000, 3);
  ASSERT_EQ(one.kpis.size(), three.kpis.size());
  for (std::size_t i = 0; i < one.kpis.size(); ++i) {
    if (!one.kpis[i].defined) continue;
    EXPECT_EQ(one.kpis[i].estimate.value, three.kpis[i].estimate.value) << one.kpis[i].name;
    EXPECT_EQ(one.kpis[i].estimate.ci95.lo, three.kpis[i].estimate.ci95.lo) << one.kpis[i].name;
  }
  const RunReport other_seed = simulate(s, 30'000, 1, 8);
  EXPECT_NE(one.kpis[0].estimate.value, other_seed.kpis[0].estimate.value);
}

}  // namespace
}  // namespace journeysim
