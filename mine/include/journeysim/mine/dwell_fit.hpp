// Dwell times observed at a touchpoint, kept in bounded memory, and the
// distribution fitted to them: lognormal by its median and 90th percentile
// when that describes them, empirical otherwise (docs/mining.md says how the
// fit is judged).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "journeysim/graph/distribution.hpp"

namespace journeysim::mine {

// Durations in seconds: the first few distinct values exactly (so a fixed
// dwell, or a handful of typical ones, comes back exact), and all of them in
// a log-spaced histogram (32 buckets per doubling, 2.2% wide) from a
// millisecond to a few centuries. Memory does not grow with the count.
class DwellSample {
 public:
  static constexpr std::size_t max_exact_values = 32;

  void add(double seconds);
  void merge(const DwellSample& other);

  std::uint64_t count() const { return count_; }
  double mean() const { return count_ == 0 ? 0.0 : sum_ / static_cast<double>(count_); }
  // The q-quantile (0 < q < 1): exact among few distinct values, else read
  // from the histogram (log-linear within a bucket).
  double quantile(double q) const;
  // Share of the values <= x.
  double cdf(double x) const;
  // The exact distinct values and their counts, when there are few of them.
  bool exact() const { return !too_many_values_; }
  const std::vector<std::pair<double, std::uint64_t>>& exact_values() const { return exact_; }

 private:
  std::uint64_t count_ = 0;
  double sum_ = 0.0;
  std::uint64_t zeros_ = 0;                              // durations of 0 (events at the same instant)
  std::vector<std::uint64_t> buckets_;                   // allocated at the first positive value
  std::vector<std::pair<double, std::uint64_t>> exact_;  // sorted by value
  bool too_many_values_ = false;
};

struct DwellFit {
  Distribution distribution = Distribution::constant(0.0);
  double distance = 0.0;  // Kolmogorov distance of the lognormal from the data (when one was tried)
  bool lognormal_tried = false;
};

// The largest Kolmogorov distance at which a lognormal is taken, beyond what
// the sample alone can give: 1.36 / sqrt(n) is the distance a sample of n
// from the lognormal itself stays under 95% of the time.
inline constexpr double lognormal_fit_tolerance = 0.05;
double lognormal_fit_bar(std::uint64_t sample_size);

// The dwell distribution for a touchpoint; zero when nothing was observed.
DwellFit fit_dwell(const DwellSample& sample);

// Values of an empirical fit when the values are many: this many equally
// likely quantiles, an odd number so that the middle one is the median.
inline constexpr int empirical_quantiles = 21;

}  // namespace journeysim::mine
