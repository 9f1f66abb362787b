// Statistics: the one place where means, proportions, ratios, quantiles and
// paired differences become estimates with 95% intervals. Every accumulator
// sums exactly, in integers: real values in fixed point (2^-32 steps) and
// their products in full, so that adding, taking back (remove) and merging
// give the same bits in any order and any grouping. That is what lets the
// runs be byte-identical for any thread count, and a what-if re-walk only the
// customers a change touches (DESIGN section 5, docs/performance.md). Spreads
// are computed from the exact sums at the end, in 256-bit integers: no
// cancellation, however many samples.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
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

namespace exact_sums {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// A real value in fixed point, twice: in steps of 2^-64 (every double from
// 2^-11 up exactly) for the sums the means come from, and rounded to steps
// of 2^-32 (2.3e-10: a microsecond in hours) for the products the spreads
// come from, whose 128-bit products then sum exactly. For |x| < 2^31; values
// beyond (or not finite) are counted apart and make the figures undefined
// (NaN) rather than wrong.
inline constexpr double coarse_scale = 0x1p32;
inline constexpr double limit = 0x1p31;

struct Fixed {
  Int128 fine = 0;          // x * 2^64
  std::int64_t coarse = 0;  // x * 2^32, rounded half away from zero
};

// False when x is out of range. x * 2^32 splits exactly into its whole part
// (truncated) and the rest; the rest times 2^32 is a whole number for
// x >= 2^-11 (below, truncated: a step of 2^-64 is far below any figure).
inline bool to_fixed(double x, Fixed& f) {
  if (!(std::abs(x) < limit)) return false;
  const double scaled = x * coarse_scale;
  const auto high = static_cast<std::int64_t>(scaled);
  const double rest = scaled - static_cast<double>(high);
  const auto low = static_cast<std::int64_t>(rest * coarse_scale);
  f.fine = static_cast<Int128>(high) * (Int128{1} << 32) + low;
  f.coarse = high + (rest >= 0.5) - (rest <= -0.5);
  return true;
}

// A sum of 128-bit products, exactly: their high (signed) and low (unsigned)
// 64-bit halves summed apart, each in 128 bits.
struct ProductSum {
  Int128 high = 0;
  UInt128 low = 0;
  void add(Int128 product) {
    high += product >> 64;
    low += static_cast<std::uint64_t>(product);
  }
  void remove(Int128 product) {
    high -= product >> 64;
    low -= static_cast<std::uint64_t>(product);
  }
  void merge(const ProductSum& other) {
    high += other.high;
    low += other.low;
  }
};

// From the exact sums of values held as x * 2^bits: sum(x) / n, and
// sum((x_i - mean_i)(x_j - mean_j)) = (n sum(x_i x_j) - sum(x_i) sum(x_j)) / n,
// each rounded once at the end. Real values' means come from their fine
// sums (bits 64) and spreads from their coarse ones (bits 32); whole numbers
// are summed as they are (bits 0).
double mean(std::int64_t n, Int128 sum, int bits);
double comoment(std::int64_t n, Int128 sum_i, Int128 sum_j, const ProductSum& products, int bits);

}  // namespace exact_sums

// Means and co-moments of K real quantities observed together (one
// customer's totals), from exact sums. The accumulators below are views on it.
template <int K>
class CoMoments {
 public:
  void add(const std::array<double, K>& x) { accumulate<+1>(x); }
  // Takes back an observation added before: the sums are as if it never was.
  void remove(const std::array<double, K>& x) { accumulate<-1>(x); }

  void merge(const CoMoments& other) {
    n_ += other.n_;
    out_of_range_ += other.out_of_range_;
    for (int i = 0; i < K; ++i) {
      fine_sum_[i] += other.fine_sum_[i];
      sum_[i] += other.sum_[i];
    }
    for (int p = 0; p < pairs; ++p) products_[p].merge(other.products_[p]);
  }

  std::uint64_t count() const { return static_cast<std::uint64_t>(n_); }
  // NaN when empty, or when a value was out of range.
  double mean(int i) const { return in_range() ? exact_sums::mean(n_, fine_sum_[i], 64) : nan(); }
  // The sum of (x_i - mean_i)(x_j - mean_j) over all observations.
  double comoment(int i, int j) const {
    return in_range() ? exact_sums::comoment(n_, sum_[i], sum_[j], products_[pair(i, j)], 32) : nan();
  }

 private:
  static constexpr int pairs = K * (K + 1) / 2;
  static constexpr int pair(int i, int j) { return i <= j ? i * K - i * (i - 1) / 2 + (j - i) : pair(j, i); }
  static double nan() { return std::numeric_limits<double>::quiet_NaN(); }
  bool in_range() const { return out_of_range_ == 0; }

  template <int Sign>
  void accumulate(const std::array<double, K>& x) {
    n_ += Sign;
    // All zero (no ratings, no wait, a stage not reached): nothing to sum.
    bool all_zero = true;
    for (int i = 0; i < K; ++i) all_zero &= x[i] == 0.0;
    if (all_zero) return;
    std::array<exact_sums::Fixed, K> q{};
    bool in_range = true;
    for (int i = 0; i < K; ++i) in_range &= exact_sums::to_fixed(x[i], q[i]);
    if (!in_range) {
      out_of_range_ += Sign;
      return;
    }
    for (int i = 0; i < K; ++i) {
      fine_sum_[i] += Sign * q[i].fine;
      sum_[i] += Sign * static_cast<exact_sums::Int128>(q[i].coarse);
    }
    int p = 0;
    for (int i = 0; i < K; ++i) {
      for (int j = i; j < K; ++j, ++p) {
        const exact_sums::Int128 product = static_cast<exact_sums::Int128>(q[i].coarse) * q[j].coarse;
        if constexpr (Sign > 0)
          products_[p].add(product);
        else
          products_[p].remove(product);
      }
    }
  }

  std::int64_t n_ = 0;
  std::int64_t out_of_range_ = 0;                 // observations with a value out of range (their sums left out)
  std::array<exact_sums::Int128, K> fine_sum_{};  // of x * 2^64
  std::array<exact_sums::Int128, K> sum_{};       // of x * 2^32, rounded
  std::array<exact_sums::ProductSum, pairs> products_{};
};

// The same for K whole numbers (counts, 0/1 outcomes, NPS's -100/0/+100),
// each below 2^31 in size: summed as they are, with no fixed point to
// convert to, which is several times cheaper.
template <int K>
class CountCoMoments {
 public:
  void add(const std::array<std::int64_t, K>& x) { accumulate<+1>(x); }
  void remove(const std::array<std::int64_t, K>& x) { accumulate<-1>(x); }
  void merge(const CountCoMoments& other) {
    n_ += other.n_;
    for (int i = 0; i < K; ++i) sum_[i] += other.sum_[i];
    for (int p = 0; p < pairs; ++p) products_[p] += other.products_[p];
  }

  std::uint64_t count() const { return static_cast<std::uint64_t>(n_); }
  double mean(int i) const { return exact_sums::mean(n_, sum_[i], 0); }
  double comoment(int i, int j) const {
    const exact_sums::Int128 p = products_[pair(i, j)];
    const exact_sums::ProductSum products{p >> 64, static_cast<std::uint64_t>(p)};
    return exact_sums::comoment(n_, sum_[i], sum_[j], products, 0);
  }

 private:
  static constexpr int pairs = K * (K + 1) / 2;
  static constexpr int pair(int i, int j) { return i <= j ? i * K - i * (i - 1) / 2 + (j - i) : pair(j, i); }

  template <int Sign>
  void accumulate(const std::array<std::int64_t, K>& x) {
    n_ += Sign;
    for (int i = 0; i < K; ++i) sum_[i] += Sign * x[i];
    int p = 0;
    for (int i = 0; i < K; ++i) {
      for (int j = i; j < K; ++j, ++p) products_[p] += Sign * static_cast<exact_sums::Int128>(x[i] * x[j]);
    }
  }

  std::int64_t n_ = 0;
  std::array<exact_sums::Int128, K> sum_{};
  std::array<exact_sums::Int128, pairs> products_{};  // each below 2^62, so n of them fit
};

// accumulator.add(values...) for Sign +1, accumulator.remove(values...) for -1:
// for code that adds a customer's figures or takes them back alike.
template <int Sign, class Accumulator, class... Values>
void fold_into(Accumulator& accumulator, const Values&... values) {
  static_assert(Sign == 1 || Sign == -1);
  if constexpr (Sign > 0)
    accumulator.add(values...);
  else
    accumulator.remove(values...);
}

// Mean and variance of one quantity.
class RunningMoments {
 public:
  void add(double x) { moments_.add({x}); }
  void remove(double x) { moments_.remove({x}); }
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
  void remove(std::uint64_t x) {
    --n_;
    sum_ -= x;
    sum_squares_ -= static_cast<Wide>(x) * x;
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
  void remove(std::uint64_t x, std::uint64_t y) {
    --n_;
    sum_x_ -= x;
    sum_y_ -= y;
    sum_xx_ -= static_cast<Wide>(x) * x;
    sum_yy_ -= static_cast<Wide>(y) * y;
    sum_xy_ -= static_cast<Wide>(x) * y;
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
  void remove(double x, double y) { moments_.remove({x, y}); }
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
  void add(double baseline, double variant) { accumulate<+1>(baseline, variant); }
  void remove(double baseline, double variant) { accumulate<-1>(baseline, variant); }
  void merge(const PairedDifference& other) {
    n_ += other.n_;
    out_of_range_ += other.out_of_range_;
    fine_sum_ += other.fine_sum_;
    sum_ += other.sum_;
    squares_.merge(other.squares_);
  }
  // NaN when empty, or when a value or difference was out of range.
  Estimate difference() const;

 private:
  // Sums of the difference, variant minus baseline, of the two sides' fixed
  // points: exactly 0 for equal sides (which then cost nothing to add).
  template <int Sign>
  void accumulate(double baseline, double variant) {
    n_ += Sign;
    if (baseline == variant) return;
    exact_sums::Fixed b, v;
    const bool in_range = exact_sums::to_fixed(baseline, b) && exact_sums::to_fixed(variant, v);
    const exact_sums::Int128 coarse = static_cast<exact_sums::Int128>(v.coarse) - b.coarse;
    // Its square must fit 128 bits: sides more than 2^30 apart are out of range.
    if (!in_range || coarse >= (exact_sums::Int128{1} << 62) || coarse <= -(exact_sums::Int128{1} << 62)) {
      out_of_range_ += Sign;
      return;
    }
    fine_sum_ += Sign * (v.fine - b.fine);
    sum_ += Sign * coarse;
    if constexpr (Sign > 0)
      squares_.add(coarse * coarse);
    else
      squares_.remove(coarse * coarse);
  }

  std::int64_t n_ = 0;
  std::int64_t out_of_range_ = 0;
  exact_sums::Int128 fine_sum_ = 0;  // of the differences * 2^64
  exact_sums::Int128 sum_ = 0;       // of the differences * 2^32
  exact_sums::ProductSum squares_;   // of their squares
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
  void remove(bool baseline, bool variant) {
    --n_;
    gained_ -= (!baseline && variant) ? 1 : 0;
    lost_ -= (baseline && !variant) ? 1 : 0;
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
// the four per-customer totals (from their exact co-moment sums):
//   d_i = (xv_i - Rv yv_i) / yv_bar - (xb_i - Rb yb_i) / yb_bar,  SE = sd(d) / sqrt(n).
template <class Moments, class Value>
class BasicPairedRatioDifference {
 public:
  void add(Value x_baseline, Value y_baseline, Value x_variant, Value y_variant) {
    moments_.add({x_baseline, y_baseline, x_variant, y_variant});
  }
  void remove(Value x_baseline, Value y_baseline, Value x_variant, Value y_variant) {
    moments_.remove({x_baseline, y_baseline, x_variant, y_variant});
  }
  void merge(const BasicPairedRatioDifference& other) { moments_.merge(other.moments_); }
  Estimate difference() const;  // NaN when either side has no denominator

 private:
  Moments moments_;  // x_b, y_b, x_v, y_v
};

// Real totals (hours in support episodes over episodes).
using PairedRatioDifference = BasicPairedRatioDifference<CoMoments<4>, double>;
// Whole-number totals (churned over the churn base, NPS points over asked,
// good ratings over ratings): the same estimator, summed more cheaply.
using PairedCountRatioDifference = BasicPairedRatioDifference<CountCoMoments<4>, std::int64_t>;

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
  void remove(double x);
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
