// Inverse-CDF sampling (DESIGN section 5): every variate is its distribution's
// quantile function at ONE keyed uniform, with no rejection and no std:: or Boost
// distributions (those are implementation-defined or consume a variable number
// of draws). Monotone in the uniform, so a what-if that moves a parameter moves
// each customer's value smoothly instead of reshuffling who gets what.
// Here: the normal quantile (AS 241, and the tabulated version the engine
// draws with), the gamma quantile, the regularized incomplete gamma function
// they are checked against, the Sampler that turns a graph Distribution into
// values, and the ordered probit that turns a latent score into a rating
// category.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "journeysim/graph/distribution.hpp"

namespace journeysim {

// Standard normal quantile Phi^-1(p), to full double precision (Wichura's
// algorithm AS 241, PPND16). -inf at 0, +inf at 1, NaN outside [0, 1].
// Exactly antisymmetric: normal_quantile(1 - p) == -normal_quantile(p) whenever
// 1 - p is exact.
double normal_quantile(double p);

// The table behind tabulated_normal_quantile: Phi^-1 on the lower half
// t = min(p, 1 - p), cut at every binary octave [2^-(k+1), 2^-k) of t for
// k = 1 .. 52 and each octave into 32 equal segments; each segment holds a
// degree-6 polynomial in its local coordinate x in [0, 1). x is read exactly
// from t's low mantissa bits and the segment from t's exponent and top five
// mantissa bits, so an evaluation is a few integer operations, one cache line
// of coefficients and six multiply-adds: no division, no log, no square root,
// no data-dependent branch (AS 241 has all four). (16 segments of degree 7
// were as accurate and 4% slower on the reference journey; 64 of degree 5
// were less accurate, with a table four times larger.)
//
// Built once, before main, from a long-double reference (AS 241 refined by
// Newton steps on the long-double CDF) interpolated at Chebyshev-Lobatto
// points. Then made non-decreasing across every segment boundary: each
// segment starts at its reference value exactly (x = 0 gives c0 exactly), and
// the slope term c1 is lowered by as little as it takes (an ulp or so of the
// result) for the segment's last values not to exceed the next segment's first.
struct NormalQuantileTable {
  static constexpr int log2_segments_per_octave = 5;
  static constexpr int degree = 6;
  static constexpr int octaves = 52;
  static constexpr int segment_count = octaves << log2_segments_per_octave;
  // The table covers t in [2^-53, 1/2): every keyed uniform (random.hpp) and its complement.
  static constexpr double smallest_argument = 0x1p-53;
  static constexpr int biased_exponent_of_smallest = 1023 - 53;
  static constexpr int local_bits = 52 - log2_segments_per_octave;

  struct alignas(64) Segment {
    std::array<double, degree + 1> c;  // c[0] + c[1] x + ... + c[6] x^6, x in [0, 1)
  };
  std::array<Segment, segment_count> segments;

  // The segment holding t, and t's coordinate x within it; t in [2^-53, 1/2).
  static std::size_t segment_of(std::uint64_t bits) {
    return static_cast<std::size_t>((bits >> local_bits) -
                                    (std::uint64_t{biased_exponent_of_smallest} << log2_segments_per_octave));
  }
  static double local_coordinate(std::uint64_t bits) {
    constexpr std::uint64_t mask = (std::uint64_t{1} << local_bits) - 1;
    constexpr double scale = 1.0 / static_cast<double>(std::uint64_t{1} << local_bits);
    return static_cast<double>(static_cast<std::int64_t>(bits & mask)) * scale;  // exact
  }

  // Phi^-1(t) for t in [2^-53, 1/2), by Horner's rule (which keeps each
  // segment's evaluation non-decreasing in x: see the tests).
  double lower_half(double t) const {
    std::uint64_t bits;
    std::memcpy(&bits, &t, sizeof bits);
    const std::array<double, degree + 1>& c = segments[segment_of(bits)].c;
    const double x = local_coordinate(bits);
    double sum = c[degree];
    for (int k = degree - 1; k >= 0; --k) sum = sum * x + c[static_cast<std::size_t>(k)];
    return sum;
  }
};

namespace detail {
NormalQuantileTable build_normal_quantile_table();
// Built before main (about 10 ms), ahead of every other static initializer, and
// never changed: the hot path reads it without the guard a function-local
// static would check at every call (that check alone doubled the quantile's
// cost in a tight loop: the compiler keeps registers free for the call it guards).
extern const NormalQuantileTable normal_quantile_table;
}  // namespace detail

inline const NormalQuantileTable& normal_quantile_table() { return detail::normal_quantile_table; }

// The engine's standard normal quantile, and so the model's definition of
// every normal draw (normal and lognormal distributions, CSAT and NPS noise;
// docs/kpis.md): the table above for p in [2^-53, 1 - 2^-53] except 1/2,
// AS 241 elsewhere. Measured against a long-double reference over the whole
// range (tests/sim/sampling_test.cpp): at most 6.7e-16 absolute error where
// |z| < 4, at most 2.1e-15 anywhere (|z| up to 8.2), about an ulp like AS 241's
// own. Non-decreasing in p (AS 241 is not, by an ulp, at one in 200 steps
// between consecutive doubles), and exactly antisymmetric like normal_quantile.
inline double tabulated_normal_quantile(double p) {
  const double t = std::min(p, 1.0 - p);  // 1 - p is exact for p >= 1/2
  if (!(t >= NormalQuantileTable::smallest_argument && t < 0.5)) [[unlikely]] {
    return normal_quantile(p);  // 0, 1, 1/2, the far tails, NaN and bad arguments
  }
  // The lower half's value is <= 0; the sign of p - 1/2 makes the upper half.
  return std::copysign(normal_quantile_table().lower_half(t), p - 0.5);
}

// Standard normal CDF Phi(x), with full relative accuracy in the lower tail.
double normal_cdf(double x);

// Regularized incomplete gamma functions of shape a > 0 at x >= 0:
// gamma_p = P(a, x) = gamma(a, x) / Gamma(a), the Gamma(a, 1) CDF, and
// gamma_q = Q(a, x) = 1 - P(a, x), each with relative accuracy in its own tail.
double gamma_p(double a, double x);
double gamma_q(double a, double x);

// Quantile of the Gamma(shape, scale 1) distribution: the x with P(shape, x) = p,
// relative accuracy about 1e-12 for any shape > 0. 0 at p = 0, +inf at p = 1, NaN
// for a bad shape or p. Deterministic: a fixed maximum number of iterations.
double gamma_quantile(double shape, double p);

// Draws from a Distribution by inversion: operator()(u) is its quantile at u in
// (0, 1), non-decreasing in u. One exception: an empirical distribution takes
// its values in the written order (so that editing one value or weight moves
// only the customers in that value's band), which is non-decreasing only when
// the values are written in ascending order. Built once per distribution
// (parameters precomputed) and cheap to copy; the engine keeps an array of them.
class Sampler {
 public:
  explicit Sampler(const Distribution& distribution);

  double operator()(double u) const {
    switch (form_) {
      case Form::constant: return location_;
      case Form::affine_uniform: return location_ + scale_ * u;
      case Form::affine_normal: return location_ + scale_ * tabulated_normal_quantile(u);
      case Form::lognormal: return std::exp(location_ + scale_ * tabulated_normal_quantile(u));
      case Form::exponential: return -scale_ * std::log1p(-u);
      case Form::gamma: return scale_ * gamma_quantile(shape_, u);
      case Form::table: return empirical(u);
    }
    return location_;
  }

  // The distribution's mean.
  double mean() const { return mean_; }

  // The same values for every u (divergence compares variants' samplers).
  friend bool operator==(const Sampler&, const Sampler&) = default;

 private:
  // How a uniform becomes a value; degenerate distributions (sd 0 and the like)
  // become `constant`.
  enum class Form : unsigned char { constant, affine_uniform, affine_normal, lognormal, exponential, gamma, table };

  // One value of an empirical distribution and the weight up to and including it.
  struct TableEntry {
    double cumulative_weight;
    double value;
    friend bool operator==(const TableEntry&, const TableEntry&) = default;
  };

  // The first entry (in the written order) whose cumulative weight reaches u.
  double empirical(double u) const {
    const auto entry = std::lower_bound(table_.begin(), table_.end(), u,
                                        [](const TableEntry& e, double x) { return e.cumulative_weight < x; });
    return entry == table_.end() ? table_.back().value : entry->value;
  }

  Form form_ = Form::constant;
  double location_ = 0.0;  // constant value, min, mean, or mu of the log
  double scale_ = 0.0;     // width, sd, sigma of the log, mean (exponential) or scale (gamma)
  double shape_ = 0.0;     // gamma only
  double mean_ = 0.0;
  std::vector<TableEntry> table_;  // empirical only
};

// An ordered probit's category: how many of the `count` ascending cutpoints lie
// strictly below the latent score (0 .. count). A score equal to a cutpoint stays
// in the lower category. Branch-free count.
inline int ordered_probit(double latent, const double* cutpoints, int count) {
  int below = 0;
  for (int i = 0; i < count; ++i) below += cutpoints[i] < latent ? 1 : 0;
  return below;
}

}  // namespace journeysim
