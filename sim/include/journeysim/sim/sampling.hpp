// Inverse-CDF sampling (DESIGN section 5): every variate is its distribution's
// quantile function at ONE keyed uniform, with no rejection and no std:: or Boost
// distributions (those are implementation-defined or consume a variable number
// of draws). Monotone in the uniform, so a what-if that moves a parameter moves
// each customer's value smoothly instead of reshuffling who gets what.
// Here: the normal and gamma quantiles, the regularized incomplete gamma
// function they are checked against, the Sampler that turns a graph
// Distribution into values, and the ordered probit that turns a latent score
// into a rating category.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "journeysim/graph/distribution.hpp"

namespace journeysim {

// Standard normal quantile Phi^-1(p), to full double precision (Wichura's
// algorithm AS 241, PPND16). -inf at 0, +inf at 1, NaN outside [0, 1].
// Exactly antisymmetric: normal_quantile(1 - p) == -normal_quantile(p) whenever
// 1 - p is exact.
double normal_quantile(double p);

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
      case Form::affine_normal: return location_ + scale_ * normal_quantile(u);
      case Form::lognormal: return std::exp(location_ + scale_ * normal_quantile(u));
      case Form::exponential: return -scale_ * std::log1p(-u);
      case Form::gamma: return scale_ * gamma_quantile(shape_, u);
      case Form::table: return empirical(u);
    }
    return location_;
  }

  // The distribution's mean.
  double mean() const { return mean_; }

 private:
  // How a uniform becomes a value; degenerate distributions (sd 0 and the like)
  // become `constant`.
  enum class Form : unsigned char { constant, affine_uniform, affine_normal, lognormal, exponential, gamma, table };

  // One value of an empirical distribution and the weight up to and including it.
  struct TableEntry {
    double cumulative_weight;
    double value;
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
