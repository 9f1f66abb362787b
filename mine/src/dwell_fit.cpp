// DwellSample's histogram and the lognormal-or-empirical fit.
#include "journeysim/mine/dwell_fit.hpp"

#include <algorithm>
#include <cmath>

namespace journeysim::mine {

namespace {

constexpr int buckets_per_octave = 32;
constexpr int lowest_octave = -10;  // 2^-10 s, about a millisecond
constexpr int octaves = 44;         // up to 2^34 s, about 544 years
constexpr std::size_t bucket_count = static_cast<std::size_t>(buckets_per_octave * octaves);

std::size_t bucket_of(double seconds) {
  const double position = (std::log2(seconds) - lowest_octave) * buckets_per_octave;
  if (!(position > 0)) return 0;
  return std::min(bucket_count - 1, static_cast<std::size_t>(position));
}

double bucket_lower(std::size_t bucket) {
  return std::exp2(static_cast<double>(bucket) / buckets_per_octave + lowest_octave);
}

// Phi(z), for the lognormal's CDF.
double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

}  // namespace

void DwellSample::add(double seconds) {
  ++count_;
  sum_ += seconds;
  if (!too_many_values_) {
    const auto at = std::lower_bound(exact_.begin(), exact_.end(), seconds,
                                     [](const auto& entry, double v) { return entry.first < v; });
    if (at != exact_.end() && at->first == seconds) {
      ++at->second;
    } else if (exact_.size() < max_exact_values) {
      exact_.insert(at, {seconds, 1});
    } else {
      too_many_values_ = true;
      exact_.clear();
      exact_.shrink_to_fit();
    }
  }
  if (seconds <= 0.0) {
    ++zeros_;
    return;
  }
  if (buckets_.empty()) buckets_.assign(bucket_count, 0);
  ++buckets_[bucket_of(seconds)];
}

void DwellSample::merge(const DwellSample& other) {
  if (other.count_ == 0) return;
  if (!too_many_values_ && !other.too_many_values_) {
    for (const auto& [value, n] : other.exact_) {
      const auto at = std::lower_bound(exact_.begin(), exact_.end(), value,
                                       [](const auto& entry, double v) { return entry.first < v; });
      if (at != exact_.end() && at->first == value) {
        at->second += n;
      } else if (exact_.size() < max_exact_values) {
        exact_.insert(at, {value, n});
      } else {
        too_many_values_ = true;
        break;
      }
    }
  } else {
    too_many_values_ = true;
  }
  if (too_many_values_) exact_.clear();
  count_ += other.count_;
  sum_ += other.sum_;
  zeros_ += other.zeros_;
  if (!other.buckets_.empty()) {
    if (buckets_.empty()) buckets_.assign(bucket_count, 0);
    for (std::size_t i = 0; i < bucket_count; ++i) buckets_[i] += other.buckets_[i];
  }
}

double DwellSample::quantile(double q) const {
  if (count_ == 0) return 0.0;
  const double target = q * static_cast<double>(count_);
  if (exact()) {
    // The smallest value whose cumulative count reaches the target: the
    // inverse of the step CDF, as the engine inverts an empirical one.
    std::uint64_t cumulative = 0;
    for (const auto& [value, n] : exact_) {
      cumulative += n;
      if (static_cast<double>(cumulative) >= target) return value;
    }
    return exact_.back().first;
  }
  if (target <= static_cast<double>(zeros_)) return 0.0;
  double cumulative = static_cast<double>(zeros_);
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    const double n = static_cast<double>(buckets_[i]);
    if (n > 0 && cumulative + n >= target) {
      const double within = (target - cumulative) / n;
      return bucket_lower(i) * std::exp2(within / buckets_per_octave);
    }
    cumulative += n;
  }
  return bucket_lower(bucket_count);
}

double DwellSample::cdf(double x) const {
  if (count_ == 0) return 0.0;
  const double total = static_cast<double>(count_);
  if (exact()) {
    std::uint64_t below = 0;
    for (const auto& [value, n] : exact_) {
      if (value > x) break;
      below += n;
    }
    return static_cast<double>(below) / total;
  }
  if (x < 0) return 0.0;
  double below = static_cast<double>(zeros_);
  if (x > 0 && !buckets_.empty()) {
    const std::size_t last = bucket_of(x);
    for (std::size_t i = 0; i < last; ++i) below += static_cast<double>(buckets_[i]);
    const double within = (std::log2(x) - lowest_octave) * buckets_per_octave - static_cast<double>(last);
    below += static_cast<double>(buckets_[last]) * std::clamp(within, 0.0, 1.0);
  }
  return below / total;
}

double lognormal_fit_bar(std::uint64_t sample_size) {
  return lognormal_fit_tolerance + 1.36 / std::sqrt(static_cast<double>(std::max<std::uint64_t>(sample_size, 1)));
}

DwellFit fit_dwell(const DwellSample& sample) {
  DwellFit fit;
  if (sample.count() == 0) return fit;
  if (sample.exact() && sample.exact_values().size() == 1) {
    fit.distribution = Distribution::constant(sample.exact_values().front().first);
    return fit;
  }
  const double median = sample.quantile(0.5);
  const double p90 = sample.quantile(0.9);
  if (median > 0 && p90 > median) {
    // The lognormal through the observed median and 90th percentile, judged by
    // its largest distance from the observed CDF: at every exact value (both
    // sides of its step), or at the edges of the histogram's quantile grid.
    const double mu = std::log(median);
    const double sigma = (std::log(p90) - mu) / z_90;
    const auto model = [&](double x) { return x <= 0 ? 0.0 : normal_cdf((std::log(x) - mu) / sigma); };
    double distance = 0.0;
    if (sample.exact()) {
      double below = 0.0;
      for (const auto& [value, n] : sample.exact_values()) {
        const double at = model(value);
        distance = std::max(distance, std::abs(below - at));
        below += static_cast<double>(n) / static_cast<double>(sample.count());
        distance = std::max(distance, std::abs(below - at));
      }
    } else {
      for (int i = 1; i < 200; ++i) {
        const double x = sample.quantile(i / 200.0);
        distance = std::max(distance, std::abs(sample.cdf(x) - model(x)));
      }
      distance = std::max(distance, sample.cdf(0.0));  // zeros a lognormal cannot have
    }
    fit.lognormal_tried = true;
    fit.distance = distance;
    if (distance <= lognormal_fit_bar(sample.count())) {
      fit.distribution.kind = DistributionKind::lognormal;
      fit.distribution.a = median;
      fit.distribution.b = p90;
      fit.distribution.lognormal_as_median_p90 = true;
      return fit;
    }
  }
  Distribution& empirical = fit.distribution;
  empirical.kind = DistributionKind::empirical;
  if (sample.exact()) {
    for (const auto& [value, n] : sample.exact_values()) {
      empirical.values.push_back(value);
      empirical.weights.push_back(static_cast<double>(n));  // counts: relative weights, exact in the file
    }
  } else {
    for (int i = 0; i < empirical_quantiles; ++i) {
      empirical.values.push_back(sample.quantile((i + 0.5) / empirical_quantiles));
      empirical.weights.push_back(1.0);
    }
  }
  return fit;
}

}  // namespace journeysim::mine
