// Distribution: a random quantity of the model (a dwell time in seconds, or a
// change of sentiment), as a small immutable value. Sampling lives in sim/;
// here are the parameters, their meaning and the moments analysis needs.
#pragma once

#include <string_view>
#include <vector>

namespace journeysim {

enum class DistributionKind { fixed, exponential, lognormal, gamma, uniform, normal, empirical };

std::string_view to_string(DistributionKind kind);

struct Distribution {
  DistributionKind kind = DistributionKind::fixed;
  // Parameters as written (durations in seconds), by kind:
  //   fixed: a = value            exponential: a = mean
  //   lognormal: a = median, b = p90; or, when !lognormal_as_median_p90,
  //              a = mu, b = sigma of the natural log of the value
  //   gamma: a = mean, b = sd     uniform: a = min, b = max     normal: a = mean, b = sd
  //   empirical: values, weights (relative, as written: >= 0 with a positive
  //              sum; kept unnormalised so that a file saves as it was written)
  // Kept as written so that a saved model reads back identical.
  double a = 0.0;
  double b = 0.0;
  std::vector<double> values;
  std::vector<double> weights;
  bool lognormal_as_median_p90 = true;

  // A lognormal's parameters of the log, whichever way it was written.
  double log_mu() const;
  double log_sigma() const;

  static Distribution constant(double value);
  double mean() const;
  // The largest value it can take (infinity where unbounded).
  double upper_bound() const;
  bool is_constant_zero() const;

  friend bool operator==(const Distribution&, const Distribution&) = default;
};

// z such that Phi(z) = 0.9: links a lognormal's median and 90th percentile.
inline constexpr double z_90 = 1.2815515655446004;

}  // namespace journeysim
