// Schedules become constant stretches of the week.
#include "journeysim/sim/queue/staffing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace journeysim {

Staffing::Staffing(const Capacity& capacity) : scheduled_(!capacity.schedule.empty()) {
  if (!scheduled_) {
    starts_ = {0.0};
    agents_ = {static_cast<std::uint32_t>(capacity.agents)};
    return;
  }
  const std::vector<std::uint32_t> on_duty = agents_by_minute(capacity);
  for (std::size_t minute = 0; minute < minutes_per_week; ++minute) {
    const std::uint32_t agents = on_duty[minute];
    if (agents_.empty() || agents != agents_.back()) {
      starts_.push_back(static_cast<double>(minute) * 60.0);
      agents_.push_back(agents);
    }
  }
}

std::size_t Staffing::stretch_at(double seconds_into_week) const {
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), seconds_into_week);
  return static_cast<std::size_t>(std::max<std::ptrdiff_t>(after - starts_.begin() - 1, 0));
}

std::uint32_t Staffing::agents_at(double time) const {
  if (agents_.size() == 1) return agents_[0];
  const double into_week = time - std::floor(time / seconds_per_week) * seconds_per_week;
  return agents_[stretch_at(into_week)];
}

double Staffing::next_change_after(double time) const {
  if (agents_.size() == 1) return std::numeric_limits<double>::infinity();
  const double week_start = std::floor(time / seconds_per_week) * seconds_per_week;
  const std::size_t next = stretch_at(time - week_start) + 1;
  // The stretch running into Sunday midnight may go on into Monday's: then the
  // change is the second stretch of next week (starts_[0] is always 0).
  if (next < starts_.size()) return week_start + starts_[next];
  if (agents_.back() != agents_.front()) return week_start + seconds_per_week;
  return week_start + seconds_per_week + starts_[1];
}

double Staffing::mean_agents_in_hour(std::size_t hour) const {
  double agent_seconds = 0.0;
  const double from = static_cast<double>(hour) * 3600.0;
  for (double t = from; t < from + 3600.0; t += 60.0) agent_seconds += 60.0 * agents_at(t);
  return agent_seconds / 3600.0;
}

}  // namespace journeysim
