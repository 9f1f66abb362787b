// Statistics: moments and their merges, Wilson intervals against textbook
// values, the delta-method ratio, paired differences and log-bucket quantiles,
// including the coverage of the 95% intervals they report.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "journeysim/sim/statistics.hpp"

namespace journeysim {
namespace {

TEST(RunningMoments, MatchesTwoPassOnKnownData) {
  RunningMoments m;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) m.add(x);
  EXPECT_EQ(m.count(), 8u);
  EXPECT_DOUBLE_EQ(m.mean(), 5.0);
  EXPECT_DOUBLE_EQ(m.variance(), 32.0 / 7.0);
  const Estimate e = m.mean_estimate();
  EXPECT_DOUBLE_EQ(e.standard_error, std::sqrt(32.0 / 7.0 / 8.0));
  EXPECT_DOUBLE_EQ(e.ci95.hi - e.value, z95 * e.standard_error);
}

TEST(RunningMoments, MergingChunksEqualsOnePass) {
  std::mt19937_64 random(1);
  std::normal_distribution<double> normal(3.0, 2.0);
  std::vector<double> xs(10'000);
  for (double& x : xs) x = normal(random);
  RunningMoments whole;
  for (double x : xs) whole.add(x);
  RunningMoments merged;
  for (std::size_t start = 0; start < xs.size(); start += 777) {
    RunningMoments chunk;
    for (std::size_t i = start; i < std::min(xs.size(), start + 777); ++i) chunk.add(xs[i]);
    merged.merge(chunk);
  }
  EXPECT_EQ(merged.count(), whole.count());
  EXPECT_NEAR(merged.mean(), whole.mean(), 1e-12 * std::abs(whole.mean()));
  EXPECT_NEAR(merged.variance(), whole.variance(), 1e-12 * whole.variance());
}

TEST(RunningMoments, NoCatastrophicCancellation) {
  // Values near 1e9 with variance 1: raw sums of squares would lose every digit.
  RunningMoments m;
  for (int i = 0; i < 100'000; ++i) m.add(1e9 + (i % 2 == 0 ? 1.0 : -1.0));
  EXPECT_NEAR(m.variance(), 100'000.0 / 99'999.0, 1e-6);
}

TEST(RunningMoments, EmptyAndSingle) {
  RunningMoments m;
  EXPECT_TRUE(std::isnan(m.mean_estimate().value));
  m.add(4.0);
  EXPECT_EQ(m.mean_estimate().value, 4.0);
  EXPECT_EQ(m.mean_estimate().standard_error, 0.0);
}

TEST(Proportion, WilsonTextbookValues) {
  const auto check = [](std::uint64_t k, std::uint64_t n, double lo, double hi) {
    const Estimate e = proportion(k, n);
    EXPECT_NEAR(e.ci95.lo, lo, 1e-4) << k << "/" << n;
    EXPECT_NEAR(e.ci95.hi, hi, 1e-4) << k << "/" << n;
  };
  check(0, 10, 0.0, 0.2775);
  check(5, 10, 0.2366, 0.7634);
  check(81, 263, 0.2553, 0.3662);
  check(10, 10, 0.7225, 1.0);
  EXPECT_TRUE(std::isnan(proportion(0, 0).value));
}

// Over many replications a 95% interval covers the truth 95% of the time:
// within 4.4 binomial standard errors of 1000 replications.
double coverage_tolerance(int replications) { return 4.4 * std::sqrt(0.95 * 0.05 / replications); }

TEST(Proportion, CoverageIsNominal) {
  std::mt19937_64 random(2);
  constexpr int replications = 1000;
  constexpr double truth = 0.07;
  std::bernoulli_distribution coin(truth);
  int covered = 0;
  for (int r = 0; r < replications; ++r) {
    std::uint64_t k = 0;
    for (int i = 0; i < 500; ++i) k += coin(random) ? 1 : 0;
    const Estimate e = proportion(k, 500);
    covered += e.ci95.lo <= truth && truth <= e.ci95.hi ? 1 : 0;
  }
  EXPECT_NEAR(covered / double(replications), 0.95, coverage_tolerance(replications));
}

TEST(RatioAccumulator, WithUnitDenominatorsItIsTheMean) {
  RatioAccumulator ratio;
  RunningMoments mean;
  for (double x : {1.0, 0.0, 1.0, 1.0, 0.0, 1.0}) {
    ratio.add(x, 1.0);
    mean.add(x);
  }
  EXPECT_DOUBLE_EQ(ratio.estimate().value, mean.mean());
  EXPECT_NEAR(ratio.estimate().standard_error, mean.standard_error(), 1e-15);
}

TEST(RatioAccumulator, DeltaMethodMatchesTheSpreadOfEstimates) {
  // Customers rate 1-5 times; each rating is good with probability 0.7 plus a
  // customer effect. The reported SE should match the spread of the estimate
  // over replications: 2000 replications estimate an SD within about 1.6%
  // (1/sqrt(2 * 2000)), so 10% is over 5 of those standard errors.
  std::mt19937_64 random(3);
  std::uniform_int_distribution<int> ratings(1, 5);
  std::uniform_real_distribution<double> effect(-0.2, 0.2);
  RunningMoments estimates;
  RunningMoments reported_se;
  for (int r = 0; r < 2000; ++r) {
    RatioAccumulator ratio;
    for (int c = 0; c < 300; ++c) {
      const int n = ratings(random);
      std::bernoulli_distribution good(0.7 + effect(random));
      int k = 0;
      for (int i = 0; i < n; ++i) k += good(random) ? 1 : 0;
      ratio.add(k, n);
    }
    const Estimate e = ratio.estimate();
    estimates.add(e.value);
    reported_se.add(e.standard_error);
  }
  EXPECT_NEAR(reported_se.mean(), std::sqrt(estimates.variance()), 0.10 * std::sqrt(estimates.variance()));
}

TEST(RatioAccumulator, MergeEqualsOnePassAndEmptyIsNaN) {
  RatioAccumulator whole, a, b;
  for (int i = 0; i < 100; ++i) {
    const double x = i % 3, y = 1 + i % 4;
    whole.add(x, y);
    (i < 40 ? a : b).add(x, y);
  }
  a.merge(b);
  EXPECT_NEAR(a.estimate().value, whole.estimate().value, 1e-14);
  EXPECT_NEAR(a.estimate().standard_error, whole.estimate().standard_error, 1e-14);
  RatioAccumulator none;
  none.add(0, 0);
  EXPECT_TRUE(std::isnan(none.estimate().value));
}

TEST(PairedDifference, IdenticalSidesDifferByExactlyZero) {
  PairedDifference d;
  for (double x : {1.0, 2.0, 5.0, 3.0}) d.add(x, x);
  EXPECT_EQ(d.difference().value, 0.0);
  EXPECT_EQ(d.difference().ci95.lo, 0.0);
  EXPECT_EQ(d.difference().ci95.hi, 0.0);
}

TEST(PairedDifference, CorrelatedSidesGiveANarrowerInterval) {
  std::mt19937_64 random(4);
  std::normal_distribution<double> normal(0.0, 1.0);
  PairedDifference paired;
  for (int i = 0; i < 10'000; ++i) {
    const double common = normal(random);
    paired.add(common, common + 0.1 + 0.1 * normal(random));
  }
  const double independent_se = std::hypot(paired.baseline().standard_error, paired.variant().standard_error);
  EXPECT_LT(paired.difference().standard_error * 5, independent_se);
  EXPECT_NEAR(paired.difference().value, 0.1, 5 * paired.difference().standard_error);
}

TEST(LogHistogram, QuantilesOfAnExponential) {
  std::mt19937_64 random(5);
  std::exponential_distribution<double> exponential(1.0);
  LogHistogram h;
  LogHistogram first, second;
  for (int i = 0; i < 200'000; ++i) {
    const double x = exponential(random);
    h.add(x);
    (i % 2 == 0 ? first : second).add(x);
  }
  first.merge(second);
  for (double q : {0.1, 0.5, 0.9, 0.99}) {
    const double truth = -std::log(1 - q);
    const Estimate e = h.quantile(q);
    // Bucket resolution (3.7%) plus a generous allowance for sampling error.
    EXPECT_NEAR(e.value, truth, 0.05 * truth) << q;
    EXPECT_LE(e.ci95.lo, truth) << q;
    EXPECT_GE(e.ci95.hi, truth) << q;
    EXPECT_EQ(first.quantile(q).value, e.value);
  }
  EXPECT_EQ(h.count(), 200'000u);
  EXPECT_TRUE(std::isnan(LogHistogram().quantile(0.5).value));
}

TEST(LogHistogram, ZerosLandInTheLowestBucket) {
  LogHistogram h;
  for (int i = 0; i < 10; ++i) h.add(0.0);
  EXPECT_EQ(h.quantile(0.5).value, 0.0);
}

}  // namespace
}  // namespace journeysim
