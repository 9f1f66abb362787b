// The queue model's derived figures: the arrival rate by hour of the week.
#include "journeysim/graph/queue_model.hpp"

#include <numeric>

namespace journeysim {

std::array<double, hours_per_week> Arrivals::hourly_rates() const {
  // Normalised by the weights' means, so per_hour stays the week's mean rate.
  const double hour_mean = std::accumulate(by_hour.begin(), by_hour.end(), 0.0) / 24.0;
  const double day_mean = std::accumulate(by_weekday.begin(), by_weekday.end(), 0.0) / 7.0;
  std::array<double, hours_per_week> rates{};
  if (hour_mean <= 0.0 || day_mean <= 0.0) return rates;
  for (std::size_t day = 0; day < 7; ++day) {
    for (std::size_t hour = 0; hour < 24; ++hour) {
      rates[day * 24 + hour] = per_hour * (by_hour[hour] / hour_mean) * (by_weekday[day] / day_mean);
    }
  }
  return rates;
}

}  // namespace journeysim
