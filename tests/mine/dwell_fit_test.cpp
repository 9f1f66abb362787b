// The dwell fit: exact values come back exact, lognormal data as a lognormal
// by median and p90, and data a lognormal misdescribes as an empirical
// distribution with the same median.
#include <gtest/gtest.h>

#include <cmath>

#include "journeysim/mine/dwell_fit.hpp"

namespace journeysim::mine {
namespace {

// z with Phi(z) = p, by bisection (a test needs no speed).
double normal_quantile(double p) {
  double lo = -10, hi = 10;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

TEST(DwellFit, NothingObservedIsNoDwell) { EXPECT_TRUE(fit_dwell(DwellSample{}).distribution.is_constant_zero()); }

TEST(DwellFit, OneValueIsAFixedDwell) {
  DwellSample s;
  for (int i = 0; i < 50; ++i) s.add(20.0);
  const DwellFit fit = fit_dwell(s);
  EXPECT_EQ(fit.distribution, Distribution::constant(20.0));
}

TEST(DwellFit, LognormalDataGiveALognormal) {
  DwellSample s;
  const double median = 90, p90 = 360;
  const double sigma = std::log(p90 / median) / z_90;
  const int n = 20000;
  for (int i = 0; i < n; ++i) s.add(median * std::exp(sigma * normal_quantile((i + 0.5) / n)));
  const DwellFit fit = fit_dwell(s);
  ASSERT_EQ(fit.distribution.kind, DistributionKind::lognormal);
  EXPECT_NEAR(fit.distribution.a / median, 1.0, 0.01);
  EXPECT_NEAR(fit.distribution.b / p90, 1.0, 0.01);
  EXPECT_LT(fit.distance, 0.01);
  EXPECT_NEAR(s.mean(), median * std::exp(sigma * sigma / 2), median * 0.01);
}

TEST(DwellFit, FewTypicalValuesGiveTheirEmpiricalDistribution) {
  DwellSample s;
  for (int i = 0; i < 50; ++i) s.add(5);
  for (int i = 0; i < 30; ++i) s.add(15);
  for (int i = 0; i < 20; ++i) s.add(480);
  const DwellFit fit = fit_dwell(s);
  ASSERT_EQ(fit.distribution.kind, DistributionKind::empirical);
  EXPECT_EQ(fit.distribution.values, (std::vector<double>{5, 15, 480}));
  EXPECT_EQ(fit.distribution.weights, (std::vector<double>{50, 30, 20}));  // the counts, as relative weights
  EXPECT_GT(fit.distance, lognormal_fit_bar(s.count()));
}

TEST(DwellFit, TwoHumpsGiveQuantilesWithTheMedianInTheMiddle) {
  DwellSample s;
  const int n = 10000;
  for (int i = 0; i < n; ++i) s.add(i % 2 == 0 ? 60 + (i % 1000) * 0.01 : 86400 + (i % 1000));
  const DwellFit fit = fit_dwell(s);
  ASSERT_EQ(fit.distribution.kind, DistributionKind::empirical);
  ASSERT_EQ(fit.distribution.values.size(), static_cast<std::size_t>(empirical_quantiles));
  EXPECT_DOUBLE_EQ(fit.distribution.values[empirical_quantiles / 2], s.quantile(0.5));
}

TEST(DwellSample, QuantilesFromTheHistogramWithinABucket) {
  DwellSample s;
  for (int i = 1; i <= 10000; ++i) s.add(i);  // uniform 1..10000 s
  EXPECT_FALSE(s.exact());
  EXPECT_NEAR(s.quantile(0.5) / 5000, 1.0, 0.022);
  EXPECT_NEAR(s.quantile(0.9) / 9000, 1.0, 0.022);
  EXPECT_NEAR(s.cdf(2500), 0.25, 0.005);
  DwellSample other;
  other.merge(s);
  EXPECT_EQ(other.count(), s.count());
  EXPECT_EQ(other.quantile(0.5), s.quantile(0.5));
}

}  // namespace
}  // namespace journeysim::mine
