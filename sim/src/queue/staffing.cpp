// Schedules become constant stretches of the week.
#include "journeysim/sim/queue/staffing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace journeysim {

namespace {

constexpr std::size_t minutes_per_week = 7 * 24 * 60;

std::size_t minute_of(double seconds) { return static_cast<std::size_t>(std::llround(seconds / 60.0)); }

}  // namespace

Staffing::Staffing(const Capacity& capacity) : scheduled_(!capacity.schedule.empty()) {
  if (!scheduled_) {
    starts_ = {0.0};
    agents_ = {static_cast<std::uint32_t>(capacity.agents)};
    return;
  }
  // Each shift adds its agents at its first minute and takes them off at its
  // end: a running sum over the week's minutes, wrapping past Sunday midnight.
  std::vector<std::int64_t> change(minutes_per_week + 1, 0);
  for (const Shift& shift : capacity.schedule) {
    const auto agents = static_cast<std::int64_t>(shift.agents);
    const std::size_t from = minute_of(shift.from);
    std::size_t to = minute_of(shift.to);
    if (to <= from) to += 24 * 60;  // past midnight, into the next day
    for (std::size_t day = 0; day < 7; ++day) {
      if (!((shift.days >> day) & 1)) continue;
      const std::size_t start = day * 24 * 60 + from;
      const std::size_t end = day * 24 * 60 + to;
      change[start] += agents;
      if (end <= minutes_per_week) {
        change[end] -= agents;
      } else {  // Sunday night into Monday morning
        change[minutes_per_week] -= agents;
        change[0] += agents;
        change[end - minutes_per_week] -= agents;
      }
    }
  }
  std::int64_t on_duty = 0;
  for (std::size_t minute = 0; minute < minutes_per_week; ++minute) {
    on_duty += change[minute];
    const auto agents = static_cast<std::uint32_t>(std::max<std::int64_t>(on_duty, 0));
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
