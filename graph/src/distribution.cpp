// Distribution: names of the kinds and the moments that analysis uses.
#include "journeysim/graph/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace journeysim {

std::string_view to_string(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::fixed: return "fixed";
    case DistributionKind::exponential: return "exponential";
    case DistributionKind::lognormal: return "lognormal";
    case DistributionKind::gamma: return "gamma";
    case DistributionKind::uniform: return "uniform";
    case DistributionKind::normal: return "normal";
    case DistributionKind::empirical: return "empirical";
  }
  return "unknown";
}

Distribution Distribution::constant(double value) {
  Distribution d;
  d.kind = DistributionKind::fixed;
  d.a = value;
  return d;
}

double Distribution::mean() const {
  switch (kind) {
    case DistributionKind::fixed:
    case DistributionKind::exponential:
    case DistributionKind::gamma:
    case DistributionKind::normal: return a;
    case DistributionKind::lognormal: return std::exp(log_mu() + 0.5 * log_sigma() * log_sigma());
    case DistributionKind::uniform: return 0.5 * (a + b);
    case DistributionKind::empirical: {
      const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
      return total > 0.0 ? std::inner_product(values.begin(), values.end(), weights.begin(), 0.0) / total : 0.0;
    }
  }
  return 0.0;
}

double Distribution::upper_bound() const {
  constexpr double unbounded = std::numeric_limits<double>::infinity();
  switch (kind) {
    case DistributionKind::fixed: return a;
    case DistributionKind::uniform: return b;
    case DistributionKind::empirical: {
      double top = -unbounded;
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (weights[i] > 0.0) top = std::max(top, values[i]);
      }
      return top;
    }
    default: return unbounded;
  }
}

double Distribution::log_mu() const { return lognormal_as_median_p90 ? std::log(a) : a; }

double Distribution::log_sigma() const { return lognormal_as_median_p90 ? (std::log(b) - std::log(a)) / z_90 : b; }

bool Distribution::is_constant_zero() const { return kind == DistributionKind::fixed && a == 0.0; }

}  // namespace journeysim
