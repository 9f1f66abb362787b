// The engine against closed forms: each KPI on a tiny scenario whose answer is
// known exactly, within 5 standard errors of the estimator (so a correct
// engine fails by chance about once in 1.7 million checks), and the
// reproducibility promises (same seed, same numbers, any thread count), and
// path counts against a plain record of every customer's path.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/customer_walk.hpp"
#include "journeysim/sim/path_counts.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/sampling.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {
namespace {

constexpr double tolerance_in_se = 5.0;

Scenario load(const std::string& text) {
  LoadResult loaded = load_scenario_text(text);
  EXPECT_TRUE(loaded.ok()) << (loaded.diagnostics.empty()
                                   ? ""
                                   : format_diagnostic(loaded.diagnostics.all()[0], "s", loaded.document.get()));
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
  // No churned ending: churn is undefined, not 0%.
  EXPECT_FALSE(kpi_of(report, kpi::churn_rate).defined);
  EXPECT_EQ(kpi_of(report, kpi::churn_rate).undefined_reason, "no churned ending");
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
      "sentiment": {"initial": )" +
                            std::to_string(initial) + R"(},
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

// Every customer's path recorded the plain way (a vector per customer, a map
// of paths), in order of first appearance: what RunTally::paths must equal.
struct RecordedPaths {
  std::vector<std::vector<std::uint32_t>> in_order;                          // distinct paths, first appearance first
  std::map<std::vector<std::uint32_t>, std::vector<std::uint64_t>> endings;  // path -> customers per ending
};

class PathRecorder {
 public:
  PathRecorder(RecordedPaths& into, std::uint32_t ending_count) : into_(into), ending_count_(ending_count) {}
  void on_start(const WalkState&) { path_.clear(); }
  void on_visit(const WalkState&, std::uint32_t node, double, double) {
    if (path_.empty() || path_.back() != node) path_.push_back(node);
  }
  void on_rating(std::uint32_t, int, int) {}
  void on_move(std::uint32_t, std::uint32_t, std::uint32_t) {}
  void on_end(const WalkState&, std::uint32_t ending, int) {
    auto [at, added] = into_.endings.try_emplace(path_, std::vector<std::uint64_t>(ending_count_, 0));
    if (added) into_.in_order.push_back(path_);
    ++at->second[ending];
  }

 private:
  RecordedPaths& into_;
  std::uint32_t ending_count_;
  std::vector<std::uint32_t> path_;
};

// Ten touchpoints in a ring with chords, leaving with 0.1 after each: about
// 3^10 likely paths, so 60,000 customers pass the 20,000-path tracking cap.
const char* kManyPaths = R"({
  "entry": {"t0": 0.5, "t5": 0.5},
  "touchpoints": [
    {"id": "t0"}, {"id": "t1"}, {"id": "t2"}, {"id": "t3"}, {"id": "t4"},
    {"id": "t5"}, {"id": "t6"}, {"id": "t7"}, {"id": "t8"}, {"id": "t9"},
    {"id": "won", "outcome": "converted"}, {"id": "gone", "outcome": "lost"}
  ],
  "transitions": [
    {"from": "t0", "to": "t1", "p": 0.3}, {"from": "t0", "to": "t3", "p": 0.3}, {"from": "t0", "to": "t7", "p": 0.3}, {"from": "t0", "to": "won", "p": "rest"},
    {"from": "t1", "to": "t2", "p": 0.3}, {"from": "t1", "to": "t4", "p": 0.3}, {"from": "t1", "to": "t8", "p": 0.3}, {"from": "t1", "to": "gone", "p": "rest"},
    {"from": "t2", "to": "t3", "p": 0.3}, {"from": "t2", "to": "t5", "p": 0.3}, {"from": "t2", "to": "t9", "p": 0.3}, {"from": "t2", "to": "won", "p": "rest"},
    {"from": "t3", "to": "t4", "p": 0.3}, {"from": "t3", "to": "t6", "p": 0.3}, {"from": "t3", "to": "t0", "p": 0.3}, {"from": "t3", "to": "gone", "p": "rest"},
    {"from": "t4", "to": "t5", "p": 0.3}, {"from": "t4", "to": "t7", "p": 0.3}, {"from": "t4", "to": "t1", "p": 0.3}, {"from": "t4", "to": "won", "p": "rest"},
    {"from": "t5", "to": "t6", "p": 0.3}, {"from": "t5", "to": "t8", "p": 0.3}, {"from": "t5", "to": "t2", "p": 0.3}, {"from": "t5", "to": "gone", "p": "rest"},
    {"from": "t6", "to": "t7", "p": 0.3}, {"from": "t6", "to": "t9", "p": 0.3}, {"from": "t6", "to": "t3", "p": 0.3}, {"from": "t6", "to": "won", "p": "rest"},
    {"from": "t7", "to": "t8", "p": 0.3}, {"from": "t7", "to": "t0", "p": 0.3}, {"from": "t7", "to": "t4", "p": 0.3}, {"from": "t7", "to": "gone", "p": "rest"},
    {"from": "t8", "to": "t9", "p": 0.3}, {"from": "t8", "to": "t1", "p": 0.3}, {"from": "t8", "to": "t5", "p": 0.3}, {"from": "t8", "to": "won", "p": "rest"},
    {"from": "t9", "to": "t0", "p": 0.3}, {"from": "t9", "to": "t2", "p": 0.3}, {"from": "t9", "to": "t6", "p": 0.3}, {"from": "t9", "to": "gone", "p": "rest"}
  ]
})";

// The tally's paths are the first distinct paths by customer index, with
// exact counts per ending, and the customers of every later new path are
// untracked; for one thread or several, and with repeats collapsed.
// Sets `distinct` to the number of distinct paths.
void expect_paths_as_recorded(const Scenario& scenario, std::uint64_t customers, std::size_t& distinct) {
  const CompiledScenario compiled = compile(scenario);
  RecordedPaths recorded;
  PathRecorder recorder(recorded, compiled.ending_count);
  WalkScratch scratch(compiled.node_count);
  for (std::uint64_t c = 0; c < customers; ++c) walk_customer(compiled, 7, c, scratch, recorder);
  distinct = recorded.in_order.size();

  for (const unsigned threads : {1u, 2u}) {
    SCOPED_TRACE(threads);
    RunOptions options;
    options.customers = customers;
    options.seed = 7;
    options.threads = threads;
    const RunResult result = run_simulation(scenario, options);
    const PathCounts& paths = result.tally.paths;
    const std::size_t tracked = std::min(recorded.in_order.size(), RunTally::max_tracked_paths);
    ASSERT_EQ(paths.size(), tracked);
    for (std::size_t row = 0; row < tracked; ++row) {
      const std::vector<std::uint32_t>& expected = recorded.in_order[row];
      ASSERT_EQ(std::vector<std::uint32_t>(paths.path(row).begin(), paths.path(row).end()), expected) << row;
      std::uint64_t customers_on_path = 0;
      for (std::uint32_t e = 0; e < compiled.ending_count; ++e) {
        ASSERT_EQ(paths.customers(row, e), recorded.endings.at(expected)[e]) << row;
        customers_on_path += recorded.endings.at(expected)[e];
      }
      ASSERT_EQ(paths.customers(row), customers_on_path);
    }
    std::uint64_t untracked = 0;
    for (std::size_t row = tracked; row < recorded.in_order.size(); ++row) {
      for (const std::uint64_t n : recorded.endings.at(recorded.in_order[row])) untracked += n;
    }
    EXPECT_EQ(result.tally.untracked_path_customers, untracked);
  }
}

TEST(Engine, PathsAreCountedExactlyInOrderOfFirstAppearance) {
  std::size_t distinct = 0;
  expect_paths_as_recorded(load(kManyPaths), 60'000, distinct);
  EXPECT_GT(distinct, RunTally::max_tracked_paths);
  // Below the cap, with loops (repeats collapsed) and a path for every ending.
  expect_paths_as_recorded(load(R"({
    "entry": {"a": 0.7, "b": 0.3},
    "touchpoints": [{"id": "a"}, {"id": "b"}, {"id": "won", "outcome": "converted"}, {"id": "gone", "outcome": "lost"}],
    "transitions": [
      {"from": "a", "to": "a", "p": 0.5}, {"from": "a", "to": "b", "p": 0.3}, {"from": "a", "to": "won", "p": "rest"},
      {"from": "b", "to": "a", "p": 0.4}, {"from": "b", "to": "b", "p": 0.2}, {"from": "b", "to": "gone", "p": "rest"}
    ]
  })"),
                           20'000, distinct);
  EXPECT_GT(distinct, 20u);
}

std::uint64_t hash_of(const std::vector<std::uint32_t>& path) {
  std::uint64_t hash = PathCounts::empty_path_hash;
  for (const std::uint32_t touchpoint : path) hash = PathCounts::extend_hash(hash, touchpoint);
  return hash;
}

// Equal hashes are confirmed on the touchpoints: two paths given the same hash stay apart.
TEST(PathCounts, PathsWithTheSameHashStayApart) {
  PathCounts counts(2);
  const std::vector<std::uint32_t> a{1, 2, 3};
  const std::vector<std::uint32_t> b{3, 2, 1};
  counts.count(a, 42, 0);
  counts.count(b, 42, 1);
  counts.count(a, 42, 1);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts.customers(0), 2u);
  EXPECT_EQ(counts.customers(0, 1), 1u);
  EXPECT_EQ(counts.customers(1), 1u);
  EXPECT_EQ(std::vector<std::uint32_t>(counts.path(1).begin(), counts.path(1).end()), b);
}

// Merging admits a later block's new paths in its order until the cap, adds
// to paths already tracked past the cap, and counts the rest as untracked.
TEST(PathCounts, MergeAdmitsNewPathsInOrderUpToTheCap) {
  const std::vector<std::vector<std::uint32_t>> paths{{}, {1}, {1, 2}, {2}, {2, 1}};
  PathCounts total(1);
  PathCounts first(1);
  first.count(paths[1], hash_of(paths[1]), 0);
  first.count(paths[0], hash_of(paths[0]), 0);
  PathCounts second(1);
  second.count(paths[2], hash_of(paths[2]), 0);
  second.count(paths[1], hash_of(paths[1]), 0);
  second.count(paths[3], hash_of(paths[3]), 0);
  second.count(paths[3], hash_of(paths[3]), 0);
  std::uint64_t untracked = 0;
  total.merge(first, 3, untracked);
  total.merge(second, 3, untracked);
  ASSERT_EQ(total.size(), 3u);
  EXPECT_TRUE(total.path(0).size() == 1 && total.path(0)[0] == 1);
  EXPECT_EQ(total.customers(0), 2u);
  EXPECT_TRUE(total.path(1).empty());
  EXPECT_EQ(total.path(2).size(), 2u);
  EXPECT_EQ(untracked, 2u);  // {2} arrived after the cap
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

TEST(Engine, ExplicitJourneysSimulateAsTheScenarioDoes) {
  // The overload analyze --what-if uses: given the scenario's own journeys it
  // is the scenario's run, customer for customer, with or without a segment.
  const Scenario s = load(R"({
    "entry": {"a": 1},
    "touchpoints": [{"id": "a", "sentiment": 0.5}, {"id": "won", "outcome": "converted"}, {"id": "gone", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "won", "p": 0.1, "sentiment_weight": 1}, {"from": "a", "to": "gone", "p": "rest"}],
    "segments": [{"id": "keen", "share": 0.3, "transitions": [{"from": "a", "to": "won", "p": 0.5}]}, {"id": "casual", "share": 0.7}]
  })");
  for (const std::optional<std::size_t> segment : {std::optional<std::size_t>{}, std::optional<std::size_t>{0}}) {
    RunOptions options;
    options.customers = 10'000;
    options.seed = 3;
    options.segment = segment;
    const RunReport own = make_report(s, options, run_simulation(s, options));
    const RunReport explicit_journeys = make_report(s, options, run_simulation(s, resolve_journeys(s), options));
    ASSERT_EQ(own.outcomes.size(), explicit_journeys.outcomes.size());
    for (std::size_t i = 0; i < own.outcomes.size(); ++i) {
      EXPECT_EQ(own.outcomes[i].count, explicit_journeys.outcomes[i].count) << own.outcomes[i].id;
    }
  }
}

}  // namespace
}  // namespace journeysim
