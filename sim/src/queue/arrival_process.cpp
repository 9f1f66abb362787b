// The cumulative arrival rate over a week, and its inverse.
#include "journeysim/sim/queue/arrival_process.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace journeysim {

ArrivalProcess::ArrivalProcess(const Arrivals& arrivals) {
  const auto rates = arrivals.hourly_rates();
  for (std::size_t h = 0; h < hours_per_week; ++h) cumulative_[h + 1] = cumulative_[h] + rates[h];
}

double ArrivalProcess::time_at(double expected) const {
  const double per_week = cumulative_.back();
  if (!(per_week > 0.0) || !std::isfinite(expected)) return std::numeric_limits<double>::infinity();
  const double weeks = std::floor(expected / per_week);
  const double within = expected - weeks * per_week;
  // The hour in which the running total passes `within`; hours with no
  // arrivals add nothing and are never chosen.
  const auto after = std::upper_bound(cumulative_.begin(), cumulative_.end(), within);
  const auto hour = static_cast<std::size_t>(std::max<std::ptrdiff_t>(after - cumulative_.begin() - 1, 0));
  if (hour >= hours_per_week) return (weeks + 1.0) * seconds_per_week;  // rounding at the week's very end
  const double in_hour = (within - cumulative_[hour]) / per_hour(hour);
  return weeks * seconds_per_week + (static_cast<double>(hour) + std::min(in_hour, 1.0)) * 3600.0;
}

}  // namespace journeysim
