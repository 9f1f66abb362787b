// Statistics: Welford/Chan moments, Wilson intervals, delta-method ratios and
// log-bucket quantiles.
#include "journeysim/sim/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace journeysim {

namespace {

const double nan = std::numeric_limits<double>::quiet_NaN();

Estimate normal_estimate(double value, double se) { return Estimate{value, Interval{value - z95 * se, value + z95 * se}, se}; }

}  // namespace

void RunningMoments::add(double x) {
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
}

void RunningMoments::merge(const RunningMoments& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n_);
  const double nb = static_cast<double>(other.n_);
  const double n = na + nb;
  const double delta = other.mean_ - mean_;
  mean_ += delta * nb / n;
  m2_ += other.m2_ + delta * delta * na * nb / n;
  n_ += other.n_;
}

double RunningMoments::variance() const { return n_ < 2 ? 0.0 : m2_ / static_cast<double>(n_ - 1); }

double RunningMoments::standard_error() const {
  return n_ < 2 ? 0.0 : std::sqrt(variance() / static_cast<double>(n_));
}

Estimate RunningMoments::mean_estimate() const {
  if (n_ == 0) return Estimate{nan, Interval{nan, nan}, nan};
  return normal_estimate(mean_, standard_error());
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
  const long double residual = std::max<long double>(
      0.0L, static_cast<long double>(sum_xx_) - 2 * r * static_cast<long double>(sum_xy_) +
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

void RatioAccumulator::add(double x, double y) {
  ++n_;
  const double n = static_cast<double>(n_);
  const double dx = x - mean_x_;
  const double dy = y - mean_y_;
  mean_x_ += dx / n;
  mean_y_ += dy / n;
  sxx_ += dx * (x - mean_x_);
  syy_ += dy * (y - mean_y_);
  sxy_ += dx * (y - mean_y_);
}

void RatioAccumulator::merge(const RatioAccumulator& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n_);
  const double nb = static_cast<double>(other.n_);
  const double n = na + nb;
  const double dx = other.mean_x_ - mean_x_;
  const double dy = other.mean_y_ - mean_y_;
  const double weight = na * nb / n;
  mean_x_ += dx * nb / n;
  mean_y_ += dy * nb / n;
  sxx_ += other.sxx_ + dx * dx * weight;
  syy_ += other.syy_ + dy * dy * weight;
  sxy_ += other.sxy_ + dx * dy * weight;
  n_ += other.n_;
}

Estimate RatioAccumulator::estimate() const {
  if (n_ == 0 || mean_y_ == 0.0) return Estimate{nan, Interval{nan, nan}, nan};
  const double ratio = mean_x_ / mean_y_;
  if (n_ < 2) return normal_estimate(ratio, 0.0);
  const double n = static_cast<double>(n_);
  const double residual = std::max(0.0, sxx_ - 2 * ratio * sxy_ + ratio * ratio * syy_);
  const double se = std::sqrt(residual / (n * (n - 1))) / std::abs(mean_y_);
  return normal_estimate(ratio, se);
}

void PairedDifference::add(double baseline, double variant) {
  baseline_.add(baseline);
  variant_.add(variant);
  difference_.add(variant - baseline);
}

void PairedDifference::merge(const PairedDifference& other) {
  baseline_.merge(other.baseline_);
  variant_.merge(other.variant_);
  difference_.merge(other.difference_);
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

void PairedRatioDifference::add(double x_baseline, double y_baseline, double x_variant, double y_variant) {
  const std::array<double, k> x{x_baseline, y_baseline, x_variant, y_variant};
  ++n_;
  const double n = static_cast<double>(n_);
  std::array<double, k> before{};
  for (int i = 0; i < k; ++i) {
    before[i] = x[i] - mean_[i];
    mean_[i] += before[i] / n;
  }
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) comoment_[i * k + j] += before[i] * (x[j] - mean_[j]);
  }
}

void PairedRatioDifference::merge(const PairedRatioDifference& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n_);
  const double nb = static_cast<double>(other.n_);
  const double n = na + nb;
  std::array<double, k> delta{};
  for (int i = 0; i < k; ++i) delta[i] = other.mean_[i] - mean_[i];
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) {
      comoment_[i * k + j] += other.comoment_[i * k + j] + delta[i] * delta[j] * na * nb / n;
    }
  }
  for (int i = 0; i < k; ++i) mean_[i] += delta[i] * nb / n;
  n_ += other.n_;
}

Estimate PairedRatioDifference::difference() const {
  const double yb = mean_[1];
  const double yv = mean_[3];
  if (n_ == 0 || yb == 0.0 || yv == 0.0) return Estimate{nan, Interval{nan, nan}, nan};
  const double rb = mean_[0] / yb;
  const double rv = mean_[2] / yv;
  if (n_ < 2) return normal_estimate(rv - rb, 0.0);
  // Gradient of Rv - Rb with respect to the four means.
  const std::array<double, k> g{-1.0 / yb, rb / yb, 1.0 / yv, -rv / yv};
  double quadratic = 0.0;
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) quadratic += g[i] * comoment_[i * k + j] * g[j];
  }
  const double n = static_cast<double>(n_);
  const double variance = std::max(0.0, quadratic) / (n - 1) / n;
  return normal_estimate(rv - rb, std::sqrt(variance));
}

std::size_t LogHistogram::bucket_of(double x) {
  constexpr double lowest = 1e-6;
  if (!(x >= lowest)) return 0;  // zero, tiny, (and NaN) values
  const double position = (std::log10(x) - lowest_decade) * buckets_per_decade;
  const auto bucket = static_cast<std::size_t>(position) + 1;
  return std::min(bucket, bucket_count - 1);
}

double LogHistogram::lower_edge(std::size_t bucket) {
  if (bucket == 0) return 0.0;
  return std::pow(10.0, lowest_decade + static_cast<double>(bucket - 1) / buckets_per_decade);
}

void LogHistogram::add(double x) {
  ++counts_[bucket_of(x)];
  ++n_;
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
  if (n_ == 0) return Estimate{nan, Interval{nan, nan}, nan};
  const double n = static_cast<double>(n_);
  const auto rank_of = [&](double r) {
    return static_cast<std::uint64_t>(std::clamp(std::ceil(r), 1.0, n));
  };
  const std::size_t middle = bucket_at_rank(rank_of(q * n));
  const double spread = z95 * std::sqrt(n * q * (1 - q));
  const std::size_t low = bucket_at_rank(rank_of(q * n - spread));
  const std::size_t high = bucket_at_rank(rank_of(q * n + spread));
  const double value = middle == 0 ? 0.0 : std::sqrt(lower_edge(middle) * lower_edge(middle + 1));
  const double hi_edge = high + 1 < bucket_count ? lower_edge(high + 1) : std::numeric_limits<double>::infinity();
  const Interval interval{lower_edge(low), hi_edge};
  return Estimate{value, interval, (interval.hi - interval.lo) / (2 * z95)};
}

}  // namespace journeysim
