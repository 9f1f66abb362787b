// Statistics: exact sums and what they become (means, co-moments), Wilson
// intervals, delta-method ratios and log-bucket quantiles.
#include "journeysim/sim/statistics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include <boost/math/distributions/students_t.hpp>
#include <boost/multiprecision/cpp_int.hpp>

namespace journeysim {

namespace exact_sums {

namespace {

using boost::multiprecision::int256_t;

int256_t wide(Int128 x) {
  // int256_t has no constructor from __int128: built from its two halves.
  const bool negative = x < 0;
  const UInt128 magnitude = negative ? UInt128(0) - static_cast<UInt128>(x) : static_cast<UInt128>(x);
  int256_t w = static_cast<std::uint64_t>(magnitude >> 64);
  w <<= 64;
  w += static_cast<std::uint64_t>(magnitude);
  return negative ? int256_t(-w) : w;
}

int256_t wide(UInt128 x) {
  int256_t w = static_cast<std::uint64_t>(x >> 64);
  w <<= 64;
  w += static_cast<std::uint64_t>(x);
  return w;
}

int256_t whole(const ProductSum& products) { return (wide(products.high) << 64) + wide(products.low); }

double spread(std::int64_t n, const int256_t& n_times_products, const int256_t& product_of_sums, int bits) {
  const long double value = (n_times_products - product_of_sums).convert_to<long double>();
  return static_cast<double>(std::ldexp(value / static_cast<long double>(n), -2 * bits));
}

}  // namespace

double mean(std::int64_t n, Int128 sum, int bits) {
  if (n <= 0) return std::numeric_limits<double>::quiet_NaN();
  // The quotient in 256-bit integers first, so that n equal values give that value exactly.
  const int256_t quotient = wide(sum) / n;
  const int256_t rest = wide(sum) - quotient * n;
  const long double value = quotient.convert_to<long double>() + rest.convert_to<long double>() / n;
  return static_cast<double>(std::ldexp(value, -bits));
}

double comoment(std::int64_t n, Int128 sum_i, Int128 sum_j, const ProductSum& products, int bits) {
  if (n <= 0) return 0.0;
  return spread(n, int256_t(n) * whole(products), wide(sum_i) * wide(sum_j), bits);
}

}  // namespace exact_sums

namespace {

const double nan = std::numeric_limits<double>::quiet_NaN();

Estimate normal_estimate(double value, double se) {
  return Estimate{value, Interval{value - z95 * se, value + z95 * se}, se};
}

}  // namespace

double RunningMoments::variance() const {
  const std::uint64_t n = count();
  return n < 2 ? 0.0 : moments_.comoment(0, 0) / static_cast<double>(n - 1);
}

double RunningMoments::standard_error() const {
  const std::uint64_t n = count();
  return n < 2 ? 0.0 : std::sqrt(variance() / static_cast<double>(n));
}

Estimate RunningMoments::mean_estimate() const {
  if (count() == 0) return Estimate{nan, Interval{nan, nan}, nan};
  return normal_estimate(mean(), standard_error());
}

Estimate proportion(std::uint64_t successes, std::uint64_t trials) {
  if (trials == 0) return Estimate{nan, Interval{0.0, 1.0}, nan};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z95 * z95;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z95 * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  // Exact at the edges: 0 successes has lower bound 0, all successes upper bound 1.
  const double lo = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  const double hi = successes == trials ? 1.0 : std::min(1.0, centre + half);
  return Estimate{p, Interval{lo, hi}, std::sqrt(p * (1 - p) / n)};
}

void CountMoments::merge(const CountMoments& other) {
  n_ += other.n_;
  sum_ += other.sum_;
  sum_squares_ += other.sum_squares_;
}

double CountMoments::mean() const { return n_ == 0 ? nan : static_cast<double>(sum_) / static_cast<double>(n_); }

Estimate CountMoments::mean_estimate() const {
  if (n_ == 0) return Estimate{nan, Interval{nan, nan}, nan};
  if (n_ < 2) return normal_estimate(mean(), 0.0);
  // n * sum(x^2) - sum(x)^2 = n (n - 1) * variance, exactly.
  const Wide spread = static_cast<Wide>(n_) * sum_squares_ - static_cast<Wide>(sum_) * sum_;
  const long double n = n_;
  const long double variance = static_cast<long double>(spread) / (n * (n - 1));
  return normal_estimate(mean(), static_cast<double>(std::sqrt(variance / n)));
}

void CountRatio::merge(const CountRatio& other) {
  n_ += other.n_;
  sum_x_ += other.sum_x_;
  sum_y_ += other.sum_y_;
  sum_xx_ += other.sum_xx_;
  sum_yy_ += other.sum_yy_;
  sum_xy_ += other.sum_xy_;
}

Estimate CountRatio::estimate() const {
  if (sum_y_ == 0) return Estimate{nan, Interval{nan, nan}, nan};
  const double ratio = static_cast<double>(sum_x_) / static_cast<double>(sum_y_);
  if (n_ < 2) return normal_estimate(ratio, 0.0);
  // sum((x - R y)^2) needs no centring: sum(x - R y) is 0 at R = sum(x) / sum(y).
  const long double r = static_cast<long double>(sum_x_) / static_cast<long double>(sum_y_);
  const long double residual =
      std::max<long double>(0.0L, static_cast<long double>(sum_xx_) - 2 * r * static_cast<long double>(sum_xy_) +
                                      r * r * static_cast<long double>(sum_yy_));
  const long double n = n_;
  const long double mean_y = static_cast<long double>(sum_y_) / n;
  const long double variance = residual / (n * (n - 1) * mean_y * mean_y);
  return normal_estimate(ratio, static_cast<double>(std::sqrt(variance)));
}

Estimate net_promoter_score(const std::array<std::uint64_t, 11>& scores) {
  std::uint64_t asked = 0;
  for (std::uint64_t s : scores) asked += s;
  if (asked == 0) return Estimate{nan, Interval{nan, nan}, nan};
  const std::uint64_t promoters = scores[9] + scores[10];
  std::uint64_t detractors = 0;
  for (int s = 0; s <= 6; ++s) detractors += scores[s];
  const double n = static_cast<double>(asked);
  const double p = static_cast<double>(promoters) / n;
  const double d = static_cast<double>(detractors) / n;
  const double value = 100.0 * (p - d);
  if (asked < 2) return normal_estimate(value, 0.0);
  // Per customer: +100, 0 or -100; variance with n - 1.
  const double variance = 10'000.0 * (p + d - (p - d) * (p - d)) * n / (n - 1);
  return normal_estimate(value, std::sqrt(variance / n));
}

Estimate RatioAccumulator::estimate() const {
  const double mean_x = moments_.mean(0);
  const double mean_y = moments_.mean(1);
  if (moments_.count() == 0 || mean_y == 0.0) return Estimate{nan, Interval{nan, nan}, nan};
  const double ratio = mean_x / mean_y;
  if (moments_.count() < 2) return normal_estimate(ratio, 0.0);
  const double n = static_cast<double>(moments_.count());
  const double residual = std::max(
      0.0, moments_.comoment(0, 0) - 2 * ratio * moments_.comoment(0, 1) + ratio * ratio * moments_.comoment(1, 1));
  const double se = std::sqrt(residual / (n * (n - 1))) / std::abs(mean_y);
  return normal_estimate(ratio, se);
}

namespace {

// The mean +- z95 SE of n values with this mean and spread (sum of squared deviations).
Estimate mean_of(std::uint64_t n, double mean, double spread) {
  if (n == 0) return Estimate{nan, Interval{nan, nan}, nan};
  if (n < 2) return normal_estimate(mean, 0.0);
  const double count = static_cast<double>(n);
  return normal_estimate(mean, std::sqrt(spread / (count - 1) / count));
}

}  // namespace

Estimate PairedDifference::difference() const {
  if (out_of_range_ != 0) return Estimate{nan, Interval{nan, nan}, nan};
  return mean_of(static_cast<std::uint64_t>(n_), exact_sums::mean(n_, fine_sum_, 64),
                 exact_sums::comoment(n_, sum_, sum_, squares_, 32));
}

Estimate PairedIndicator::difference() const {
  if (n_ == 0) return Estimate{nan, Interval{nan, nan}, nan};
  const double n = static_cast<double>(n_);
  const double mean = (static_cast<double>(gained_) - static_cast<double>(lost_)) / n;
  if (n_ < 2) return normal_estimate(mean, 0.0);
  // Each difference is -1, 0 or +1: its mean square is the discordant share.
  const double mean_square = static_cast<double>(gained_ + lost_) / n;
  const double variance = std::max(0.0, mean_square - mean * mean) * n / (n - 1);
  return normal_estimate(mean, std::sqrt(variance / n));
}

template <class Moments, class Value>
Estimate BasicPairedRatioDifference<Moments, Value>::difference() const {
  const double yb = moments_.mean(1);
  const double yv = moments_.mean(3);
  if (moments_.count() == 0 || yb == 0.0 || yv == 0.0) return Estimate{nan, Interval{nan, nan}, nan};
  const double rb = moments_.mean(0) / yb;
  const double rv = moments_.mean(2) / yv;
  if (moments_.count() < 2) return normal_estimate(rv - rb, 0.0);
  // Gradient of Rv - Rb with respect to the four means, in its baseline
  // (x_b, y_b) and variant (x_v, y_v) halves. The quadratic form is summed
  // as the two sides' own parts plus their cross part, so that identical
  // sides (an unchanged variant) give exactly 0, not a rounding residue.
  const std::array<double, 2> gb{-1.0 / yb, rb / yb};
  const std::array<double, 2> gv{1.0 / yv, -rv / yv};
  const auto part = [&](const std::array<double, 2>& g, int first, const std::array<double, 2>& h, int second) {
    double sum = 0.0;
    for (int i = 0; i < 2; ++i) {
      for (int j = 0; j < 2; ++j) sum += g[i] * moments_.comoment(first + i, second + j) * h[j];
    }
    return sum;
  };
  const double quadratic = (part(gb, 0, gb, 0) + part(gv, 2, gv, 2)) + 2.0 * part(gv, 2, gb, 0);
  const double n = static_cast<double>(moments_.count());
  const double variance = std::max(0.0, quadratic) / (n - 1) / n;
  return normal_estimate(rv - rb, std::sqrt(variance));
}

template class BasicPairedRatioDifference<CoMoments<4>, double>;
template class BasicPairedRatioDifference<CountCoMoments<4>, std::int64_t>;

std::size_t LogHistogram::bucket_of(double x) {
  constexpr double lowest = 1e-6;
  if (!(x >= lowest)) return 0;  // zero, tiny, (and NaN) values
  // Clamped before the conversion: a double beyond size_t's range (infinity)
  // would be undefined behaviour, and in practice landed in the lowest bucket.
  const double position =
      std::min((std::log10(x) - lowest_decade) * buckets_per_decade, static_cast<double>(bucket_count - 2));
  return static_cast<std::size_t>(position) + 1;
}

double LogHistogram::lower_edge(std::size_t bucket) {
  if (bucket == 0) return 0.0;
  return std::pow(10.0, lowest_decade + static_cast<double>(bucket - 1) / buckets_per_decade);
}

void LogHistogram::add(double x) {
  ++counts_[bucket_of(x)];
  ++n_;
}

void LogHistogram::remove(double x) {
  --counts_[bucket_of(x)];
  --n_;
}

void LogHistogram::merge(const LogHistogram& other) {
  for (std::size_t i = 0; i < bucket_count; ++i) counts_[i] += other.counts_[i];
  n_ += other.n_;
}

std::size_t LogHistogram::bucket_at_rank(std::uint64_t rank) const {
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bucket_count; ++i) {
    cumulative += counts_[i];
    if (cumulative >= rank) return i;
  }
  return bucket_count - 1;
}

Estimate LogHistogram::quantile(double q) const {
  assert(q >= 0.0 && q <= 1.0);
  if (n_ == 0) return Estimate{nan, Interval{nan, nan}, nan};
  const double n = static_cast<double>(n_);
  const auto rank_of = [&](double r) { return static_cast<std::uint64_t>(std::clamp(std::ceil(r), 1.0, n)); };
  const std::size_t middle = bucket_at_rank(rank_of(q * n));
  const double spread = z95 * std::sqrt(n * q * (1 - q));
  const std::size_t low = bucket_at_rank(rank_of(q * n - spread));
  const std::size_t high = bucket_at_rank(rank_of(q * n + spread));
  const double value = middle == 0 ? 0.0 : std::sqrt(lower_edge(middle) * lower_edge(middle + 1));
  const double hi_edge = high + 1 < bucket_count ? lower_edge(high + 1) : std::numeric_limits<double>::infinity();
  const Interval interval{lower_edge(low), hi_edge};
  return Estimate{value, interval, (interval.hi - interval.lo) / (2 * z95)};
}

double student_t_quantile(double p, std::uint64_t df) {
  if (df == 0 || !(p > 0.0 && p < 1.0)) return nan;
  return boost::math::quantile(boost::math::students_t_distribution<double>(static_cast<double>(df)), p);
}

double t95(std::uint64_t df) { return student_t_quantile(0.975, df); }

Estimate replication_estimate(double pooled, std::span<const double> replications) {
  RunningMoments spread;
  for (double x : replications) {
    if (std::isfinite(x)) spread.add(x);
  }
  if (spread.count() < 2 || !std::isfinite(pooled)) return Estimate{pooled, Interval{nan, nan}, nan};
  const double se = std::sqrt(spread.variance() / static_cast<double>(spread.count()));
  const double half = t95(spread.count() - 1) * se;
  return Estimate{pooled, Interval{pooled - half, pooled + half}, se};
}

}  // namespace journeysim
