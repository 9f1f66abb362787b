// Statistics: the one place where means, proportions, ratios, quantiles and
// paired differences become estimates with 95% intervals. Every accumulator
// is mergeable (Chan et al.'s parallel updates) and keeps running moments,
// never raw sums of squares, which cancel catastrophically at 10^8 samples.
// Merging is exact up to rounding and deterministic for a fixed merge order.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace journeysim {

// z such that Phi(z) = 0.975.
inline constexpr double z95 = 1.959963984540054;

struct Interval {
  double lo = 0.0;
  double hi = 0.0;
};

struct Estimate {
  double value = 0.0;
  Interval ci95;
  double standard_error = 0.0;
};

// Means and co-moments of K quantities observed together (one customer's
// totals): Welford's update, and Chan et al.'s merge of two partial sums.
// The accumulators below are views on it.
template <int K>
class CoMoments {
 public:
  void add(const std::array<double, K>& x) {
    ++n_;
    const double n = static_cast<double>(n_);
    std::array<double, K> before{};
    for (int i = 0; i < K; ++i) {
      before[i] = x[i] - mean_[i];
      mean_[i] += before[i] / n;
    }
    for (int i = 0; i < K; ++i) {
      for (int j = 0; j < K; ++j) comoment_[i * K + j] += before[i] * (x[j] - mean_[j]);
    }
  }

  void merge(const CoMoments& other) {
    if (other.n_ == 0) return;
    if (n_ == 0) {
      *this = other;
      return;
    }
    const double na = static_cast<double>(n_);
    const double nb = static_cast<double>(other.n_);
    const double n = na + nb;
    std::array<double, K> delta{};
    for (int i = 0; i < K; ++i) delta[i] = other.mean_[i] - mean_[i];
    for (int i = 0; i < K; ++i) {
      for (int j = 0; j < K; ++j)
        comoment_[i * K + j] += other.comoment_[i * K + j] + delta[i] * delta[j] * na * nb / n;
    }
    for (int i = 0; i < K; ++i) mean_[i] += delta[i] * nb / n;
    n_ += other.n_;
  }

  std::uint64_t count() const { return n_; }
  double mean(int i) const { return mean_[i]; }
  // The sum of (x_i - mean_i)(x_j - mean_j) over all observations.
  double comoment(int i, int j) const { return comoment_[i * K + j]; }

 private:
  std::uint64_t n_ = 0;
  std::array<double, K> mean_{};
  std::array<double, K * K> comoment_{};
};

// Mean and variance of one quantity.
class RunningMoments {
 public:
  void add(double x) { moments_.add({x}); }
  void merge(const RunningMoments& other) { moments_.merge(other.moments_); }

  std::uint64_t count() const { return moments_.count(); }
  double mean() const { return moments_.mean(0); }
  double variance() const;  // sample variance (n - 1); 0 below two samples
  double standard_error() const;
  // Normal interval mean +- z95 * SE. With fewer than two samples the SE is 0
  // and the interval collapses onto the mean (NaN mean when empty).
  Estimate mean_estimate() const;

 private:
  CoMoments<1> moments_;
};

// Moments of whole-number per-customer values (steps, counts), summed in
// integers: exact, free of rounding and cancellation, and cheap to update.
class CountMoments {
 public:
  void add(std::uint64_t x) {
    ++n_;
    sum_ += x;
    sum_squares_ += static_cast<Wide>(x) * x;
  }
  void merge(const CountMoments& other);
  std::uint64_t count() const { return n_; }
  double mean() const;
  Estimate mean_estimate() const;

 private:
  __extension__ typedef unsigned __int128 Wide;
  std::uint64_t n_ = 0;
  std::uint64_t sum_ = 0;
  Wide sum_squares_ = 0;
};

// The ratio estimator of RatioAccumulator for whole-number x and y (good
// ratings and ratings, ease points and ratings), from exact integer sums:
//   R = sum(x) / sum(y),  Var(R) ~ sum((x_i - R y_i)^2) / (n (n - 1) ybar^2).
class CountRatio {
 public:
  void add(std::uint64_t x, std::uint64_t y) {
    ++n_;
    sum_x_ += x;
    sum_y_ += y;
    sum_xx_ += static_cast<Wide>(x) * x;
    sum_yy_ += static_cast<Wide>(y) * y;
    sum_xy_ += static_cast<Wide>(x) * y;
  }
  void merge(const CountRatio& other);
  std::uint64_t count() const { return n_; }
  std::uint64_t sum_y() const { return sum_y_; }
  Estimate estimate() const;  // NaN when sum(y) is 0

 private:
  __extension__ typedef unsigned __int128 Wide;
  std::uint64_t n_ = 0;
  std::uint64_t sum_x_ = 0;
  std::uint64_t sum_y_ = 0;
  Wide sum_xx_ = 0;
  Wide sum_yy_ = 0;
  Wide sum_xy_ = 0;
};

// The NPS of a 0-10 score histogram: 100 (promoters - detractors) / asked,
// with the normal interval of the per-customer values +100, 0, -100.
Estimate net_promoter_score(const std::array<std::uint64_t, 11>& scores);

// A proportion with the Wilson score interval. With no trials the value is
// NaN and the interval [0, 1].
Estimate proportion(std::uint64_t successes, std::uint64_t trials);

// A ratio of per-customer totals, sum(x) / sum(y), when one customer gives
// many observations (CSAT over ratings, time over support episodes). Its
// standard error by the delta method treats customers, not observations, as
// the independent units:
//   Var(R) ~ (Sxx - 2 R Sxy + R^2 Syy) / (n (n - 1) ybar^2).
class RatioAccumulator {
 public:
  void add(double x, double y) { moments_.add({x, y}); }
  void merge(const RatioAccumulator& other) { moments_.merge(other.moments_); }

  std::uint64_t count() const { return moments_.count(); }
  double sum_x() const { return moments_.mean(0) * static_cast<double>(moments_.count()); }
  double sum_y() const { return moments_.mean(1) * static_cast<double>(moments_.count()); }
  // NaN when sum(y) is 0 (nothing observed: callers say "no ratings").
  Estimate estimate() const;

 private:
  CoMoments<2> moments_;  // x, y
};

// Per-customer paired differences (variant minus baseline): the interval is
// that of the mean difference, far narrower than two independent runs' when
// the sides are correlated, as paired draws make them.
class PairedDifference {
 public:
  void add(double baseline, double variant);
  void merge(const PairedDifference& other);

  Estimate difference() const { return difference_.mean_estimate(); }
  Estimate baseline() const { return baseline_.mean_estimate(); }
  Estimate variant() const { return variant_.mean_estimate(); }

 private:
  RunningMoments baseline_;
  RunningMoments variant_;
  RunningMoments difference_;
};

// Paired 0/1 outcomes (converted in the baseline, in the variant): exact
// integer counts of the discordant pairs give the mean difference and its SE.
class PairedIndicator {
 public:
  void add(bool baseline, bool variant) {
    ++n_;
    gained_ += (!baseline && variant) ? 1 : 0;
    lost_ += (baseline && !variant) ? 1 : 0;
  }
  void merge(const PairedIndicator& other) {
    n_ += other.n_;
    gained_ += other.gained_;
    lost_ += other.lost_;
  }
  Estimate difference() const;

 private:
  std::uint64_t n_ = 0;
  std::uint64_t gained_ = 0;  // 0 in the baseline, 1 in the variant
  std::uint64_t lost_ = 0;    // 1 in the baseline, 0 in the variant
};

// The paired difference of two ratio estimators, R_variant - R_baseline, from
// per-customer (x, y) on each side. Delta method with the full covariance of
// the four per-customer totals (kept as Welford/Chan co-moments):
//   d_i = (xv_i - Rv yv_i) / yv_bar - (xb_i - Rb yb_i) / yb_bar,  SE = sd(d) / sqrt(n).
class PairedRatioDifference {
 public:
  void add(double x_baseline, double y_baseline, double x_variant, double y_variant) {
    moments_.add({x_baseline, y_baseline, x_variant, y_variant});
  }
  void merge(const PairedRatioDifference& other) { moments_.merge(other.moments_); }
  Estimate difference() const;  // NaN when either side has no denominator

 private:
  CoMoments<4> moments_;  // x_b, y_b, x_v, y_v
};

// Quantiles of non-negative values from a fixed log-spaced histogram: 64
// buckets per decade from 1e-6 to 1e8 (relative resolution 10^(1/64) - 1,
// about 3.7%), plus one bucket below (zero, tiny values, NaN) and one above
// (1e8 hours and more, infinity). Counts merge exactly and memory is fixed
// whatever the number of values.
class LogHistogram {
 public:
  static constexpr int buckets_per_decade = 64;
  static constexpr int lowest_decade = -6;
  static constexpr int decades = 14;
  static constexpr std::size_t bucket_count = static_cast<std::size_t>(buckets_per_decade * decades) + 2;

  void add(double x);
  void merge(const LogHistogram& other);
  std::uint64_t count() const { return n_; }

  // The q-quantile: the geometric middle of the bucket where the cumulative
  // count reaches q n. Its interval is the distribution-free order-statistic
  // interval (ranks n q -+ z95 sqrt(n q (1 - q))), widened to whole buckets.
  // NaN when empty.
  Estimate quantile(double q) const;

 private:
  static std::size_t bucket_of(double x);
  static double lower_edge(std::size_t bucket);
  std::size_t bucket_at_rank(std::uint64_t rank) const;  // rank 1..n

  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t n_ = 0;
};

// Student's t quantile: P(T <= t) = p for T with `df` degrees of freedom.
double student_t_quantile(double p, std::uint64_t df);
// t(0.975, df): the half-width factor of a 95% interval from df + 1 independent values.
double t95(std::uint64_t df);

// A figure of the queue model, whose customers are not independent (they
// share agents): its interval comes from independent replications, each a
// whole horizon on its own draws. `pooled` is the figure over all of them
// together; the interval is pooled -+ t95(R - 1) sd / sqrt(R) over the R
// replications' own values (the NaN ones, where a replication could not
// define the figure, left out). With fewer than two values the interval is
// unknown: NaN.
Estimate replication_estimate(double pooled, std::span<const double> replications);

}  // namespace journeysim
