// Inverse-CDF sampling: the normal quantile (AS 241) and the building of its
// table, the regularized incomplete gamma function and its inverse, and the
// Sampler's per-distribution set-up.
#include "journeysim/sim/sampling.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace journeysim {
namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double epsilon = std::numeric_limits<double>::epsilon();

// c[0] + c[1] x + ... + c[N-1] x^(N-1), by Horner's rule.
template <std::size_t N>
double polynomial(const std::array<double, N>& c, double x) {
  double sum = c[N - 1];
  for (std::size_t i = N - 1; i-- > 0;) sum = sum * x + c[i];
  return sum;
}

// AS 241 (Wichura, Applied Statistics 37(3), 1988), PPND16: three rational
// approximations, each good to about 1 part in 10^16. Coefficients from the paper,
// lowest power first; each denominator's constant term is 1.
// Central region |p - 1/2| <= 0.425: z = q A(r) / B(r), r = 0.180625 - q^2.
constexpr std::array<double, 8> central_numerator{
    3.3871328727963666080e0,  1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
    4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3};
constexpr std::array<double, 8> central_denominator{1.0,
                                                    4.2313330701600911252e+1,
                                                    6.8718700749205790830e+2,
                                                    5.3941960214247511077e+3,
                                                    2.1213794301586595867e+4,
                                                    3.9307895800092710610e+4,
                                                    2.8729085735721942674e+4,
                                                    5.2264952788528545610e+3};
// Intermediate tail, r = sqrt(-log(min(p, 1 - p))) <= 5: z = C(r - 1.6) / D(r - 1.6).
constexpr std::array<double, 8> intermediate_numerator{
    1.42343711074968357734e0, 4.63033784615654529590e0,  5.76949722146069140550e0,  3.64784832476320460504e0,
    1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4};
constexpr std::array<double, 8> intermediate_denominator{1.0,
                                                         2.05319162663775882187e0,
                                                         1.67638483018380384940e0,
                                                         6.89767334985100004550e-1,
                                                         1.48103976427480074590e-1,
                                                         1.51986665636164571966e-2,
                                                         5.47593808499534494600e-4,
                                                         1.05075007164441684324e-9};
// Far tail, r > 5 (p below about 1e-11): z = E(r - 5) / F(r - 5).
constexpr std::array<double, 8> far_numerator{
    6.65790464350110377720e0,  5.46378491116411436990e0,  1.78482653991729133580e0,  2.96560571828504891230e-1,
    2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
constexpr std::array<double, 8> far_denominator{1.0,
                                                5.99832206555887937690e-1,
                                                1.36929880922735805310e-1,
                                                1.48753612908506148525e-2,
                                                7.86869131145613259100e-4,
                                                1.84631831751005468180e-5,
                                                1.42151175831644588870e-7,
                                                2.04426310338993978564e-15};

// P(a, x) and Q(a, x) together, with the factor D = x^a e^-x / Gamma(a) (that is,
// x times the Gamma(a) density at x) that both share and the quantile's Newton
// steps need.
struct IncompleteGamma {
  double lower = 0.0;  // P(a, x)
  double upper = 1.0;  // Q(a, x)
  double x_density = 0.0;
};

// Iteration caps of the series and the continued fraction: both need O(sqrt(a))
// terms near x = a, so this serves shapes up to about 10^8. Fixed, like every
// loop here, so results never depend on anything but the arguments.
constexpr int max_gamma_terms = 100'000;
constexpr double gamma_term_tolerance = epsilon;

// Evaluates whichever of P and Q is the smaller one directly (the series below
// x = a + 1, the continued fraction above), so each keeps its relative accuracy
// in its own tail, and gets the other as the complement.
IncompleteGamma incomplete_gamma(double a, double x, double log_gamma_a) {
  IncompleteGamma result;
  if (x <= 0.0) return result;
  if (x == infinity) return IncompleteGamma{1.0, 0.0, 0.0};
  result.x_density = std::exp(a * std::log(x) - x - log_gamma_a);
  if (x < a + 1.0) {
    // gamma(a, x) = x^a e^-x sum_n x^n / (a (a + 1) ... (a + n)).
    double term = 1.0 / a;
    double sum = term;
    double denominator = a;
    for (int n = 1; n < max_gamma_terms; ++n) {
      denominator += 1.0;
      term *= x / denominator;
      sum += term;
      if (term < sum * gamma_term_tolerance) break;
    }
    result.lower = result.x_density * sum;
    result.upper = 1.0 - result.lower;
  } else {
    // Gamma(a, x) = x^a e^-x / (x + 1 - a - 1 (1 - a) / (x + 3 - a - 2 (2 - a) / (x + 5 - a - ...))),
    // by the modified Lentz method.
    constexpr double tiny = 1e-300;  // stands in for a zero denominator
    double b = x + 1.0 - a;
    double c = 1.0 / tiny;
    double d = 1.0 / b;
    double fraction = d;
    for (int n = 1; n < max_gamma_terms; ++n) {
      const double an = -n * (n - a);
      b += 2.0;
      d = an * d + b;
      if (std::fabs(d) < tiny) d = tiny;
      c = b + an / c;
      if (std::fabs(c) < tiny) c = tiny;
      d = 1.0 / d;
      const double factor = d * c;
      fraction *= factor;
      if (std::fabs(factor - 1.0) < gamma_term_tolerance) break;
    }
    result.upper = result.x_density * fraction;
    result.lower = 1.0 - result.upper;
  }
  return result;
}

bool valid_gamma_arguments(double a, double x) { return a > 0.0 && std::isfinite(a) && x >= 0.0; }

// The quantile search: Halley's method on y = log x, applied to the log of the
// smaller tail probability (P for p <= 1/2, Q above, so that 1 - 1e-10 is matched
// as a Q of 1e-10 rather than a P within 1e-10 of 1). In these coordinates the function is
// nearly linear both where P ~ x^a / Gamma(a + 1) (small x) and where
// log Q ~ -x, so few steps are needed, and each step is checked against a
// bracket that bisection falls back on.
constexpr int max_quantile_iterations = 100;
constexpr double quantile_tolerance = 1e-14;  // on log x, so relative in x

}  // namespace

double normal_quantile(double p) {
  if (!(p >= 0.0 && p <= 1.0)) return not_a_number;
  if (p == 0.0) return -infinity;
  if (p == 1.0) return infinity;
  const double q = p - 0.5;  // exact
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * polynomial(central_numerator, r) / polynomial(central_denominator, r);
  }
  // The tails work from the smaller of p and 1 - p (exact for p > 1/2) and give
  // the lower tail's z; the sign is restored at the end, so that the result is
  // exactly antisymmetric.
  double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  double z;
  if (r <= 5.0) {
    r -= 1.6;
    z = polynomial(intermediate_numerator, r) / polynomial(intermediate_denominator, r);
  } else {
    r -= 5.0;
    z = polynomial(far_numerator, r) / polynomial(far_denominator, r);
  }
  return q < 0.0 ? -z : z;
}

namespace {

// Phi^-1(p) in long double (64-bit mantissa): AS 241's double result refined
// by Newton steps on the long-double CDF. AS 241 is good to about 1e-16, so
// two steps reach the long-double CDF's own accuracy (about 1e-19). For p <=
// 1/2 only, where erfc of a non-negative argument keeps its relative accuracy.
long double reference_normal_quantile(long double p) {
  const long double root_two = std::sqrt(2.0L);
  const long double root_two_pi = std::sqrt(2.0L * 3.14159265358979323846264338327950288L);
  long double z = normal_quantile(static_cast<double>(p));
  for (int step = 0; step < 2; ++step) {
    const long double cdf = 0.5L * std::erfc(-z / root_two);
    const long double density = std::exp(-0.5L * z * z) / root_two_pi;
    z -= (cdf - p) / density;
  }
  return z;
}

// The coefficients, lowest power first, of the degree-n polynomial through
// (x[k], f[k]), k = 0 .. n: Newton's divided differences expanded into powers
// of x, all in long double.
std::vector<long double> interpolating_polynomial(const std::vector<long double>& x, std::vector<long double> f) {
  const std::size_t n = x.size();
  for (std::size_t j = 1; j < n; ++j) {
    for (std::size_t k = n - 1; k >= j; --k) f[k] = (f[k] - f[k - 1]) / (x[k] - x[k - j]);
  }
  std::vector<long double> power(n, 0.0L);  // the expansion so far
  for (std::size_t k = n; k-- > 0;) {
    // power = power * (X - x[k]) + f[k]
    std::vector<long double> next(n, 0.0L);
    for (std::size_t q = 0; q + 1 < n; ++q) {
      next[q + 1] += power[q];
      next[q] -= power[q] * x[k];
    }
    next[0] += f[k];
    power = std::move(next);
  }
  return power;
}

// Where the table's lower-half values are probed for monotonicity below a
// segment's right end: the 64 doubles just below it, then points 2^j of its
// ulps below it out to a quarter of the segment (rounding errors could only
// reverse the order where the function rises by less than an ulp or two).
std::vector<double> probes_below(double right_end) {
  std::vector<double> probes;
  double t = right_end;
  for (int k = 0; k < 64; ++k) probes.push_back(t = std::nextafter(t, 0.0));
  const double ulp = std::nextafter(right_end, 1.0) - right_end;
  for (int j = 6; j <= NormalQuantileTable::local_bits - 2; ++j) probes.push_back(right_end - std::ldexp(ulp, j));
  return probes;
}

}  // namespace

namespace detail {

NormalQuantileTable build_normal_quantile_table() {
  using Table = NormalQuantileTable;
  constexpr int per_octave = 1 << Table::log2_segments_per_octave;
  constexpr double pi = 3.14159265358979323846;
  // Segment i covers [left_end(i), left_end(i + 1)); the octaves run upwards from 2^-53.
  const auto left_end = [](int i) {
    const int octave = i / per_octave;
    return std::ldexp(1.0 + static_cast<double>(i % per_octave) / per_octave, octave - 53);
  };
  const auto width = [](int i) { return std::ldexp(1.0L, i / per_octave - 53) / per_octave; };

  Table table;
  // Chebyshev-Lobatto points on [0, 1]: both ends included, so neighbouring
  // segments meet at their shared reference value.
  std::vector<long double> nodes(Table::degree + 1);
  for (int k = 0; k <= Table::degree; ++k) {
    nodes[static_cast<std::size_t>(k)] =
        k == 0               ? 0.0L
        : k == Table::degree ? 1.0L
                             : 0.5L * (1.0L - std::cos(static_cast<long double>(pi) * k / Table::degree));
  }
  for (int i = 0; i < Table::segment_count; ++i) {
    std::vector<long double> values(nodes.size());
    for (std::size_t k = 0; k < nodes.size(); ++k) {
      values[k] = reference_normal_quantile(static_cast<long double>(left_end(i)) + nodes[k] * width(i));
    }
    const std::vector<long double> c = interpolating_polynomial(nodes, values);
    auto& segment = table.segments[static_cast<std::size_t>(i)].c;
    for (std::size_t k = 0; k < c.size(); ++k) segment[k] = static_cast<double>(c[k]);
    segment[0] = static_cast<double>(values[0]);  // the value at x = 0, rounded once
  }

  // Monotone across the table's lower end: AS 241 takes over below 2^-53.
  double below_table = -std::numeric_limits<double>::infinity();
  double t = Table::smallest_argument;
  for (int k = 0; k < 64; ++k) below_table = std::max(below_table, normal_quantile(t = std::nextafter(t, 0.0)));
  double& lowest = table.segments.front().c[0];
  while (lowest < below_table) lowest = std::nextafter(lowest, infinity);

  // Monotone across every boundary: a segment's last values stay at or below
  // the next one's first (and below 0, the value at 1/2).
  for (int i = 0; i < Table::segment_count; ++i) {
    const bool last = i + 1 == Table::segment_count;
    const double next_first = last ? 0.0 : table.segments[static_cast<std::size_t>(i) + 1].c[0];
    const std::vector<double> probes = probes_below(last ? 0.5 : left_end(i + 1));
    double& slope = table.segments[static_cast<std::size_t>(i)].c[1];
    while (true) {
      double highest = -infinity;
      for (const double probe : probes) highest = std::max(highest, table.lower_half(probe));
      if (highest <= next_first) break;
      // Near x = 1 the value moves with the slope term one for one.
      slope = std::nextafter(slope - (highest - next_first), -infinity);
    }
  }
  return table;
}

// Priority 101, the first one open to programs: before any other static
// object of any translation unit is built, so none can see the table unfilled.
[[gnu::init_priority(101)]] const NormalQuantileTable normal_quantile_table = build_normal_quantile_table();

}  // namespace detail

double normal_cdf(double x) {
  // Phi(x) = erfc(-x / sqrt 2) / 2: erfc keeps full relative accuracy in the
  // lower tail, where 1 + erf would cancel.
  constexpr double one_over_root_two = 0.70710678118654752440;
  return 0.5 * std::erfc(-x * one_over_root_two);
}

double gamma_p(double a, double x) {
  if (!valid_gamma_arguments(a, x)) return not_a_number;
  return incomplete_gamma(a, x, std::lgamma(a)).lower;
}

double gamma_q(double a, double x) {
  if (!valid_gamma_arguments(a, x)) return not_a_number;
  return incomplete_gamma(a, x, std::lgamma(a)).upper;
}

double gamma_quantile(double shape, double p) {
  const double a = shape;
  if (!(a > 0.0 && std::isfinite(a)) || !(p >= 0.0 && p <= 1.0)) return not_a_number;
  if (p == 0.0) return 0.0;
  if (p == 1.0) return infinity;

  // Since P(a, x) <= x^a / Gamma(a + 1), the answer is at least x_floor =
  // (p Gamma(a + 1))^(1/a). That bound is the lower end of the bracket, and the
  // answer itself when it is tiny: P(a, x) = x^a / Gamma(a + 1) (1 - O(x)), so
  // below 1e-20 (small shapes, small p) the bound is exact to double precision.
  const double log_x_floor = (std::log(p) + std::lgamma(a + 1.0)) / a;
  if (log_x_floor < std::log(1e-20)) return std::exp(log_x_floor);

  const bool upper_tail = p > 0.5;
  const double log_tail_target = std::log(upper_tail ? 1.0 - p : p);  // 1 - p is exact here
  const double log_gamma_a = std::lgamma(a);

  // Start: Wilson-Hilferty (the cube root of a gamma variate is nearly normal),
  // good to a few parts in a thousand for a >= 1; for small shapes in the lower
  // tail, where it fails, the floor is the better start.
  const double c = 1.0 / (9.0 * a);
  const double cube_root = 1.0 - c + normal_quantile(p) * std::sqrt(c);
  const double wilson_hilferty = a * cube_root * cube_root * cube_root;
  double y = cube_root > 0.0 ? std::max(std::log(wilson_hilferty), log_x_floor) : log_x_floor;

  double y_low = log_x_floor;  // the answer's log is in [y_low, y_high]
  double y_high = infinity;
  for (int iteration = 0; iteration < max_quantile_iterations; ++iteration) {
    const double x = std::exp(y);
    const IncompleteGamma g = incomplete_gamma(a, x, log_gamma_a);
    const double tail = upper_tail ? g.upper : g.lower;
    // residual(y) = log(tail) - log(target); slope = d log(tail) / dy (D/P or
    // -D/Q); residual'' / residual' = a - x - slope for both tails.
    const double residual = std::log(tail) - log_tail_target;
    const double slope = (upper_tail ? -g.x_density : g.x_density) / tail;
    const bool x_too_small = upper_tail ? residual > 0.0 : residual < 0.0;
    (x_too_small ? y_low : y_high) = y;

    const double newton_step = residual / slope;
    // Halley's correction only while it is modest: far from the answer (a tail
    // probability near 1 in the log) it would shrink the step to a crawl.
    const double halley_correction = 0.5 * newton_step * (a - x - slope);
    const double step = std::fabs(halley_correction) < 0.5 ? newton_step / (1.0 - halley_correction) : newton_step;
    const double y_next = y - step;
    const bool inside_bracket = y_next > y_low && y_next < y_high;  // false for NaN too

    // Done when the step is below the tolerance, or when the residual is down to
    // the rounding error of log(tail) itself (from the log-density's terms, and
    // from 1 - P or 1 - Q when the tail was a complement): further steps would
    // only chase that noise. Large shapes and tiny shapes' upper tails stop this way.
    const bool tail_was_complement = upper_tail ? x < a + 1.0 : x >= a + 1.0;
    const double rounding_noise = 4.0 * epsilon * (std::fabs(a * y) + x + std::fabs(log_gamma_a)) +
                                  (tail_was_complement ? 2.0 * epsilon / tail : 0.0);
    const double tolerance = quantile_tolerance * std::max(1.0, std::fabs(y));
    const bool residual_is_noise = std::isfinite(residual) && std::fabs(residual) <= rounding_noise;
    if (std::fabs(step) <= tolerance || residual_is_noise) {
      return std::exp(inside_bracket ? y_next : y);
    }
    if (y_high - y_low <= tolerance) return std::exp(y);

    // Outside the bracket (or NaN, where a tail underflowed): bisect in log x, or
    // widen geometrically while there is no upper end yet.
    if (inside_bracket) {
      y = y_next;
    } else {
      y = y_high == infinity ? y_low + std::max(1.0, std::fabs(y_low)) : 0.5 * (y_low + y_high);
    }
  }
  return std::exp(y);
}

Sampler::Sampler(const Distribution& distribution) : mean_(distribution.mean()) {
  const double a = distribution.a;
  const double b = distribution.b;
  auto make_constant = [this](double value) {
    form_ = Form::constant;
    location_ = value;
    mean_ = value;
  };
  switch (distribution.kind) {
    case DistributionKind::fixed: make_constant(a); return;
    case DistributionKind::exponential:
      if (a == 0.0) {
        make_constant(0.0);
        return;
      }
      form_ = Form::exponential;
      scale_ = a;
      return;
    case DistributionKind::lognormal: {
      const double mu = distribution.log_mu();
      const double sigma = distribution.log_sigma();
      if (sigma == 0.0) {
        make_constant(std::exp(mu));
        return;
      }
      form_ = Form::lognormal;
      location_ = mu;
      scale_ = sigma;
      return;
    }
    case DistributionKind::gamma:
      // Written as mean and sd: shape (mean / sd)^2, scale sd^2 / mean.
      if (b == 0.0) {
        make_constant(a);
        return;
      }
      form_ = Form::gamma;
      shape_ = (a / b) * (a / b);
      scale_ = b * b / a;
      return;
    case DistributionKind::uniform:
      if (b == a) {
        make_constant(a);
        return;
      }
      form_ = Form::affine_uniform;
      location_ = a;
      scale_ = b - a;
      return;
    case DistributionKind::normal:
      if (b == 0.0) {
        make_constant(a);
        return;
      }
      form_ = Form::affine_normal;
      location_ = a;
      scale_ = b;
      return;
    case DistributionKind::empirical: {
      // Cumulative weights in the written order (never sorted or aliased, so that
      // moving one weight moves only the customers in the band it gains or loses).
      // Normalised here as well, so the last chosen entry reaches exactly 1.
      double total = 0.0;
      std::size_t last_chosen = 0;  // the last value with a positive weight
      for (std::size_t i = 0; i < distribution.values.size() && i < distribution.weights.size(); ++i) {
        if (distribution.weights[i] > 0.0) {
          total += distribution.weights[i];
          last_chosen = i;
        }
      }
      if (!(total > 0.0)) {
        make_constant(0.0);
        return;
      }
      double running = 0.0;
      double weighted_sum = 0.0;
      for (std::size_t i = 0; i <= last_chosen; ++i) {
        const double weight = std::max(distribution.weights[i], 0.0);
        running += weight;
        weighted_sum += weight * distribution.values[i];
        table_.push_back(TableEntry{i == last_chosen ? 1.0 : running / total, distribution.values[i]});
      }
      mean_ = weighted_sum / total;
      if (table_.size() == 1) {
        const double only = table_.front().value;
        table_.clear();
        make_constant(only);
      } else {
        form_ = Form::table;
      }
      return;
    }
  }
}

}  // namespace journeysim
