// Statistics: moments and their merges, Wilson intervals against textbook
// values, the delta-method ratio, paired differences and log-bucket quantiles,
// including the coverage of the 95% intervals they report.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <type_traits>
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
  RunningMoments baseline, variant;
  for (int i = 0; i < 10'000; ++i) {
    const double common = normal(random);
    const double other = common + 0.1 + 0.1 * normal(random);
    paired.add(common, other);
    baseline.add(common);
    variant.add(other);
  }
  const double independent_se = std::hypot(baseline.standard_error(), variant.standard_error());
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

// --- Moments: the literal two-pass reference, merge order, cancellation ---

double two_pass_variance(const std::vector<double>& xs) {
  const double mean = std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
  double squares = 0.0;
  for (double x : xs) squares += (x - mean) * (x - mean);
  return squares / static_cast<double>(xs.size() - 1);
}

RunningMoments merged_in_chunks(const std::vector<double>& xs, std::size_t chunk) {
  RunningMoments merged;
  for (std::size_t start = 0; start < xs.size(); start += chunk) {
    RunningMoments part;
    for (std::size_t i = start; i < std::min(xs.size(), start + chunk); ++i) part.add(xs[i]);
    merged.merge(part);
  }
  return merged;
}

TEST(RunningMoments, MatchesTwoPassOnRandomData) {
  std::mt19937_64 random(11);
  std::lognormal_distribution<double> lognormal(1.0, 1.5);
  std::vector<double> xs(5'000);
  for (double& x : xs) x = lognormal(random);
  RunningMoments m;
  for (double x : xs) m.add(x);
  EXPECT_NEAR(m.variance(), two_pass_variance(xs), 1e-12 * two_pass_variance(xs));
}

TEST(RunningMoments, AnyOrderAndAnyChunkingGiveTheSameBits) {
  // The sums are exact (fixed point), so neither the order of the values nor
  // how they are split into merged blocks changes a bit: the runs are
  // byte-identical for any thread count, and a what-if may skip customers.
  std::mt19937_64 random(12);
  std::exponential_distribution<double> exponential(0.25);
  std::vector<double> xs(20'000);
  for (double& x : xs) x = exponential(random);
  const RunningMoments first = merged_in_chunks(xs, 1024);
  const RunningMoments other = merged_in_chunks(xs, 333);
  std::vector<double> shuffled = xs;
  std::shuffle(shuffled.begin(), shuffled.end(), random);
  const RunningMoments reordered = merged_in_chunks(shuffled, 1);
  for (const RunningMoments* m : {&other, &reordered}) {
    EXPECT_EQ(m->mean(), first.mean());
    EXPECT_EQ(m->variance(), first.variance());
  }
  // Each value is held to 2^-33 in the spread's sums: the variance to a few
  // parts in 10^12 of the two-pass one.
  EXPECT_NEAR(first.variance(), two_pass_variance(xs), 1e-11 * first.variance());
  EXPECT_NEAR(first.mean(), std::accumulate(xs.begin(), xs.end(), 0.0) / 20'000.0, 1e-14 * first.mean());
}

TEST(RunningMoments, RemovingAValueUndoesItsAddExactly) {
  std::mt19937_64 random(14);
  std::lognormal_distribution<double> lognormal(0.0, 2.0);
  RunningMoments kept, with_extra;
  for (int i = 0; i < 1000; ++i) {
    const double x = lognormal(random);
    kept.add(x);
    with_extra.add(x);
    if (i % 7 == 0) with_extra.add(-3.0 * x);
  }
  std::mt19937_64 again(14);
  for (int i = 0; i < 1000; ++i) {
    const double x = lognormal(again);
    if (i % 7 == 0) with_extra.remove(-3.0 * x);
  }
  EXPECT_EQ(with_extra.count(), kept.count());
  EXPECT_EQ(with_extra.mean(), kept.mean());
  EXPECT_EQ(with_extra.variance(), kept.variance());
}

TEST(RunningMoments, EqualValuesHaveThatMeanAndNoSpread) {
  RunningMoments m;
  for (int i = 0; i < 12'345; ++i) m.add(0.2);
  EXPECT_EQ(m.mean(), 0.2);
  EXPECT_EQ(m.variance(), 0.0);
  EXPECT_EQ(m.mean_estimate().standard_error, 0.0);
}

TEST(RunningMoments, ValuesOutOfRangeMakeTheFigureUndefined) {
  RunningMoments m;
  m.add(1.0);
  m.add(std::ldexp(1.0, 31));  // beyond the fixed point's range
  EXPECT_TRUE(std::isnan(m.mean()));
  EXPECT_EQ(m.count(), 2u);
  m.remove(std::ldexp(1.0, 31));
  EXPECT_EQ(m.mean(), 1.0);
  RunningMoments infinite;
  infinite.add(std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(infinite.mean_estimate().value));
}

TEST(RunningMoments, NoCancellationAroundAHundredMillion) {
  // 1e8 + N(0, 1): sum(x^2) is about 1e21, whose rounding step (about 1e5)
  // exceeds the whole spread n * variance, so raw sums would return noise.
  // The reference is two-pass on the stored values less 1e8 (exact by Sterbenz).
  std::mt19937_64 random(13);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> xs(100'000), shifted(xs.size());
  RunningMoments m;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    xs[i] = 1e8 + noise(random);
    shifted[i] = xs[i] - 1e8;
    m.add(xs[i]);
  }
  // Doubles near 1e8 step by 2^-26, a whole number of the sums' steps: the
  // sums are exact and so is the spread, to its one rounding.
  EXPECT_NEAR(m.variance(), two_pass_variance(shifted), 1e-12 * two_pass_variance(shifted));
  // The mean to its last bits: the reference sums the shifted values in
  // doubles (rounding of order 1e-16 each, relative to 1e8 that is nothing).
  EXPECT_NEAR(m.mean() - 1e8, std::accumulate(shifted.begin(), shifted.end(), 0.0) / 1e5, 1e-8);
}

TEST(RunningMoments, MeanIntervalCoverageIsNominal) {
  // Exponential durations (skewed) with 400 per replication: the normal
  // interval should still cover the true mean 95% of the time.
  std::mt19937_64 random(14);
  constexpr int replications = 1000;
  constexpr double truth = 2.5;
  std::exponential_distribution<double> exponential(1.0 / truth);
  int covered = 0;
  for (int r = 0; r < replications; ++r) {
    RunningMoments m;
    for (int i = 0; i < 400; ++i) m.add(exponential(random));
    const Estimate e = m.mean_estimate();
    covered += e.ci95.lo <= truth && truth <= e.ci95.hi ? 1 : 0;
  }
  EXPECT_NEAR(covered / double(replications), 0.95, coverage_tolerance(replications));
}

TEST(Proportion, StandardErrorAndEmptyInterval) {
  const Estimate e = proportion(30, 120);
  EXPECT_DOUBLE_EQ(e.value, 0.25);
  EXPECT_DOUBLE_EQ(e.standard_error, std::sqrt(0.25 * 0.75 / 120));
  const Estimate none = proportion(0, 0);
  EXPECT_EQ(none.ci95.lo, 0.0);
  EXPECT_EQ(none.ci95.hi, 1.0);
}

// --- Integer accumulators agree with the floating-point ones ---

TEST(CountMoments, AgreesWithRunningMomentsAndMergesExactly) {
  std::mt19937_64 random(15);
  std::geometric_distribution<std::uint64_t> steps(0.05);
  CountMoments whole, a, b;
  RunningMoments reference;
  for (int i = 0; i < 10'000; ++i) {
    const std::uint64_t x = steps(random);
    whole.add(x);
    (i % 3 == 0 ? a : b).add(x);
    reference.add(static_cast<double>(x));
  }
  a.merge(b);
  const Estimate e = whole.mean_estimate();
  EXPECT_NEAR(e.value, reference.mean(), 1e-12 * reference.mean());
  EXPECT_NEAR(e.standard_error, reference.standard_error(), 1e-10 * reference.standard_error());
  EXPECT_EQ(a.mean_estimate().value, e.value);
  EXPECT_EQ(a.mean_estimate().standard_error, e.standard_error);
  CountMoments one;
  EXPECT_TRUE(std::isnan(one.mean_estimate().value));
  one.add(7);
  EXPECT_EQ(one.mean_estimate().value, 7.0);
  EXPECT_EQ(one.mean_estimate().standard_error, 0.0);
}

// One customer's ratings: 1-5 of them, each good with probability 0.7 plus a
// customer effect independent of the count, so E[x] / E[y] is exactly 0.7.
struct Ratings {
  std::uint64_t good = 0;
  std::uint64_t total = 0;
};

Ratings rate(std::mt19937_64& random, double shift = 0.0) {
  std::uniform_int_distribution<int> ratings(1, 5);
  std::uniform_real_distribution<double> effect(-0.2, 0.2);
  Ratings r;
  r.total = static_cast<std::uint64_t>(ratings(random));
  std::bernoulli_distribution good(0.7 + shift + effect(random));
  for (std::uint64_t i = 0; i < r.total; ++i) r.good += good(random) ? 1 : 0;
  return r;
}

TEST(CountRatio, AgreesWithRatioAccumulator) {
  std::mt19937_64 random(16);
  CountRatio exact, a, b;
  RatioAccumulator floating;
  for (int c = 0; c < 5'000; ++c) {
    const Ratings r = rate(random);
    exact.add(r.good, r.total);
    (c < 1234 ? a : b).add(r.good, r.total);
    floating.add(static_cast<double>(r.good), static_cast<double>(r.total));
  }
  a.merge(b);
  const Estimate e = exact.estimate();
  EXPECT_NEAR(e.value, floating.estimate().value, 1e-12);
  EXPECT_NEAR(e.standard_error, floating.estimate().standard_error, 1e-9 * e.standard_error);
  EXPECT_EQ(a.estimate().value, e.value);
  EXPECT_EQ(a.estimate().standard_error, e.standard_error);
  CountRatio none;
  none.add(0, 0);
  EXPECT_TRUE(std::isnan(none.estimate().value));
}

TEST(RatioAccumulator, CoverageIsNominal) {
  std::mt19937_64 random(17);
  constexpr int replications = 1000;
  int covered = 0;
  for (int r = 0; r < replications; ++r) {
    RatioAccumulator ratio;
    for (int c = 0; c < 300; ++c) {
      const Ratings x = rate(random);
      ratio.add(static_cast<double>(x.good), static_cast<double>(x.total));
    }
    const Estimate e = ratio.estimate();
    covered += e.ci95.lo <= 0.7 && 0.7 <= e.ci95.hi ? 1 : 0;
  }
  EXPECT_NEAR(covered / double(replications), 0.95, coverage_tolerance(replications));
}

TEST(NetPromoterScore, IsTheMeanOfPlusHundredZeroMinusHundred) {
  std::array<std::uint64_t, 11> scores{};
  RunningMoments reference;
  std::mt19937_64 random(18);
  std::uniform_int_distribution<int> score(0, 10);
  for (int i = 0; i < 3'000; ++i) {
    const int s = score(random);
    ++scores[static_cast<std::size_t>(s)];
    reference.add(s >= 9 ? 100.0 : s >= 7 ? 0.0 : -100.0);
  }
  const Estimate e = net_promoter_score(scores);
  EXPECT_NEAR(e.value, reference.mean(), 1e-9);
  EXPECT_NEAR(e.standard_error, reference.standard_error(), 1e-9 * reference.standard_error());
  std::array<std::uint64_t, 11> small{};
  small[10] = 2;  // two promoters, one passive, one detractor: 100 (2 - 1) / 4
  small[8] = 1;
  small[3] = 1;
  EXPECT_DOUBLE_EQ(net_promoter_score(small).value, 25.0);
  EXPECT_TRUE(std::isnan(net_promoter_score({}).value));
}

// --- Paired differences ---

TEST(PairedIndicator, AgreesWithPairedDifferenceOnZeroOneOutcomes) {
  std::mt19937_64 random(19);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  PairedIndicator indicator, a, b, same;
  PairedDifference reference;
  for (int i = 0; i < 10'000; ++i) {
    const double u = uniform(random);  // one draw for both sides, as paired runs do
    const bool base = u < 0.30;
    const bool variant = u < 0.33;
    indicator.add(base, variant);
    (i % 2 == 0 ? a : b).add(base, variant);
    reference.add(base ? 1.0 : 0.0, variant ? 1.0 : 0.0);
    same.add(base, base);
  }
  a.merge(b);
  const Estimate e = indicator.difference();
  EXPECT_NEAR(e.value, reference.difference().value, 1e-12);
  EXPECT_NEAR(e.standard_error, reference.difference().standard_error, 1e-9 * e.standard_error);
  EXPECT_EQ(a.difference().value, e.value);
  EXPECT_EQ(same.difference().value, 0.0);
  EXPECT_EQ(same.difference().ci95.hi, 0.0);
}

TEST(PairedDifference, MergeEqualsOnePass) {
  std::mt19937_64 random(20);
  std::normal_distribution<double> normal(5.0, 2.0);
  PairedDifference whole, merged;
  std::vector<PairedDifference> blocks(7);
  for (int i = 0; i < 7'000; ++i) {
    const double base = normal(random);
    const double variant = base + 0.3 * normal(random);
    whole.add(base, variant);
    blocks[static_cast<std::size_t>(i / 1000)].add(base, variant);
  }
  for (const PairedDifference& block : blocks) merged.merge(block);
  const double se = whole.difference().standard_error;
  EXPECT_NEAR(merged.difference().value, whole.difference().value, 1e-12 * std::abs(whole.difference().value));
  EXPECT_NEAR(merged.difference().standard_error, se, 1e-12 * se);
  // Exact sums: the same bits, not merely close.
  EXPECT_EQ(merged.difference().value, whole.difference().value);
  EXPECT_EQ(merged.difference().standard_error, se);
}

// A customer under both sides on the same uniforms: the variant lifts the
// chance of a good rating by 0.05 and adds a rating with probability 0.3, so
// R_base = 0.7, R_variant = 0.75 and the true difference is 0.05.
std::array<double, 4> paired_ratings(std::mt19937_64& random) {
  std::uniform_int_distribution<int> ratings(1, 5);
  std::uniform_real_distribution<double> effect(-0.2, 0.2);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const int n = ratings(random);
  const double p = 0.7 + effect(random);
  double good_base = 0, good_variant = 0;
  for (int i = 0; i < n; ++i) {
    const double u = uniform(random);
    good_base += u < p ? 1 : 0;
    good_variant += u < p + 0.05 ? 1 : 0;
  }
  double variant_ratings = n;
  if (uniform(random) < 0.3) {
    variant_ratings += 1;
    good_variant += uniform(random) < p + 0.05 ? 1 : 0;
  }
  return {good_base, double(n), good_variant, variant_ratings};
}

TEST(PairedRatioDifference, IdenticalSidesDifferByZero) {
  std::mt19937_64 random(21);
  PairedRatioDifference d;
  for (int c = 0; c < 1'000; ++c) {
    const auto r = paired_ratings(random);
    d.add(r[0], r[1], r[0], r[1]);
  }
  EXPECT_EQ(d.difference().value, 0.0);
  // The quadratic form cancels in pairs; rounding may leave a trace, no more.
  EXPECT_LT(d.difference().standard_error, 1e-9);
}

TEST(PairedRatioDifference, WithUnitDenominatorsItIsThePairedDifference) {
  std::mt19937_64 random(22);
  std::normal_distribution<double> normal(10.0, 3.0);
  PairedRatioDifference ratio;
  PairedDifference mean;
  for (int i = 0; i < 2'000; ++i) {
    const double base = normal(random);
    const double variant = 0.8 * base + 0.5 * normal(random);
    ratio.add(base, 1.0, variant, 1.0);
    mean.add(base, variant);
  }
  EXPECT_NEAR(ratio.difference().value, mean.difference().value, 1e-12);
  EXPECT_NEAR(ratio.difference().standard_error, mean.difference().standard_error,
              1e-10 * mean.difference().standard_error);
}

TEST(PairedRatioDifference, DeltaMethodMatchesTheSpreadAndCovers) {
  // As for RatioAccumulator: 2000 replications pin the SD within about 1.6%,
  // so 10% is over 5 of its standard errors. Coverage is checked on the first
  // 1000 replications against the true difference 0.05.
  std::mt19937_64 random(23);
  RunningMoments estimates, reported_se, independent_se;
  int covered = 0;
  constexpr int coverage_replications = 1000;
  for (int r = 0; r < 2000; ++r) {
    PairedRatioDifference d;
    RatioAccumulator base, variant;
    for (int c = 0; c < 300; ++c) {
      const auto x = paired_ratings(random);
      d.add(x[0], x[1], x[2], x[3]);
      base.add(x[0], x[1]);
      variant.add(x[2], x[3]);
    }
    const Estimate e = d.difference();
    estimates.add(e.value);
    reported_se.add(e.standard_error);
    independent_se.add(std::hypot(base.estimate().standard_error, variant.estimate().standard_error));
    if (r < coverage_replications) covered += e.ci95.lo <= 0.05 && 0.05 <= e.ci95.hi ? 1 : 0;
  }
  const double sd = std::sqrt(estimates.variance());
  EXPECT_NEAR(reported_se.mean(), sd, 0.10 * sd);
  EXPECT_NEAR(estimates.mean(), 0.05, 5 * estimates.standard_error());
  EXPECT_NEAR(covered / double(coverage_replications), 0.95, coverage_tolerance(coverage_replications));
  // Pairing is what makes the interval worth having.
  EXPECT_LT(reported_se.mean() * 2, independent_se.mean());
}

TEST(PairedRatioDifference, MergeEqualsOnePassAndEmptySideIsNaN) {
  std::mt19937_64 random(24);
  PairedRatioDifference whole, merged;
  std::vector<PairedRatioDifference> blocks(5);
  for (int c = 0; c < 5'000; ++c) {
    const auto x = paired_ratings(random);
    whole.add(x[0], x[1], x[2], x[3]);
    blocks[static_cast<std::size_t>(c % 5)].add(x[0], x[1], x[2], x[3]);
  }
  for (const PairedRatioDifference& block : blocks) merged.merge(block);
  const Estimate w = whole.difference();
  EXPECT_NEAR(merged.difference().value, w.value, 1e-12);
  EXPECT_NEAR(merged.difference().standard_error, w.standard_error, 1e-10 * w.standard_error);
  PairedRatioDifference no_variant_ratings;
  no_variant_ratings.add(1, 2, 0, 0);
  EXPECT_TRUE(std::isnan(no_variant_ratings.difference().value));
}

// --- Log-bucket quantiles ---

// Fixed memory: nothing on the heap, whatever the count.
static_assert(std::is_trivially_copyable_v<LogHistogram>);

TEST(LogHistogram, ValueIsWithinHalfABucketOfTheSampleQuantile) {
  // The reported value is the geometric middle of the bucket holding the
  // order statistic of rank ceil(q n): within a factor 10^(1/128) of it.
  std::mt19937_64 random(25);
  std::lognormal_distribution<double> lognormal(0.0, 2.0);
  std::vector<double> xs(50'001);
  LogHistogram h;
  for (double& x : xs) {
    x = lognormal(random);
    h.add(x);
  }
  std::sort(xs.begin(), xs.end());
  const double half_bucket = std::pow(10.0, 1.0 / 128) * (1 + 1e-12);
  for (double q : {0.01, 0.25, 0.5, 0.9, 0.999}) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(xs.size())));
    const double exact = xs[rank - 1];
    const double value = h.quantile(q).value;
    EXPECT_LE(value / exact, half_bucket) << q;
    EXPECT_GE(value / exact, 1 / half_bucket) << q;
  }
}

TEST(LogHistogram, IntervalIsTheOrderStatisticRanksWidenedToBuckets) {
  // One value in each bucket, from the bucket [1e-3, 1e-3 * 10^(1/64)) up:
  // the median's rank is 200 of 400 and its ranks are 200 -+ 19.6, i.e. the
  // 181st and 220th values, so the interval runs from the lower edge of the
  // 181st value's bucket to the upper edge of the 220th's.
  LogHistogram h;
  const auto edge = [](int k) { return std::pow(10.0, -3.0 + k / 64.0); };
  for (int k = 0; k < 400; ++k) h.add(std::sqrt(edge(k) * edge(k + 1)));
  const Estimate e = h.quantile(0.5);
  EXPECT_NEAR(e.value, std::sqrt(edge(199) * edge(200)), 1e-12 * e.value);
  EXPECT_NEAR(e.ci95.lo, edge(180), 1e-12 * e.ci95.lo);
  EXPECT_NEAR(e.ci95.hi, edge(220), 1e-12 * e.ci95.hi);
}

TEST(LogHistogram, MergeIsExact) {
  std::mt19937_64 random(26);
  std::exponential_distribution<double> exponential(0.1);
  LogHistogram whole, merged;
  std::vector<LogHistogram> blocks(8);
  for (int i = 0; i < 80'000; ++i) {
    const double x = exponential(random);
    whole.add(x);
    blocks[static_cast<std::size_t>(i % 8)].add(x);
  }
  for (const LogHistogram& block : blocks) merged.merge(block);
  EXPECT_EQ(merged.count(), whole.count());
  for (double q : {0.0, 0.05, 0.5, 0.9, 0.99, 1.0}) {
    EXPECT_EQ(merged.quantile(q).value, whole.quantile(q).value) << q;
    EXPECT_EQ(merged.quantile(q).ci95.lo, whole.quantile(q).ci95.lo) << q;
    EXPECT_EQ(merged.quantile(q).ci95.hi, whole.quantile(q).ci95.hi) << q;
  }
}

TEST(LogHistogram, IntervalCoverageIsAtLeastNominal) {
  // Widening to whole buckets only adds coverage, so the check is one-sided.
  std::mt19937_64 random(27);
  std::exponential_distribution<double> exponential(1.0);
  constexpr int replications = 1000;
  const double p50 = std::log(2.0), p90 = std::log(10.0);
  int covered50 = 0, covered90 = 0;
  for (int r = 0; r < replications; ++r) {
    LogHistogram h;
    for (int i = 0; i < 1'000; ++i) h.add(exponential(random));
    const Estimate m = h.quantile(0.5), t = h.quantile(0.9);
    covered50 += m.ci95.lo <= p50 && p50 <= m.ci95.hi ? 1 : 0;
    covered90 += t.ci95.lo <= p90 && p90 <= t.ci95.hi ? 1 : 0;
  }
  EXPECT_GE(covered50 / double(replications), 0.95 - coverage_tolerance(replications));
  EXPECT_GE(covered90 / double(replications), 0.95 - coverage_tolerance(replications));
}

TEST(LogHistogram, InfinityAndHugeValuesLandInTheTopBucket) {
  LogHistogram h;
  h.add(std::numeric_limits<double>::infinity());
  h.add(1e300);
  h.add(2e8);
  const Estimate e = h.quantile(0.5);
  EXPECT_GE(e.ci95.lo, 1e8);
  EXPECT_EQ(e.ci95.hi, std::numeric_limits<double>::infinity());
  EXPECT_GE(e.value, 1e8);
}

}  // namespace
}  // namespace journeysim
