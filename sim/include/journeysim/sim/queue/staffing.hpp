// How many agents a touchpoint has on duty at each moment: its schedule's
// shifts summed, minute by minute, over a repeating week (time 0 is Monday
// 00:00), or a constant without a schedule.
#pragma once

#include <cstdint>
#include <vector>

#include "journeysim/graph/queue_model.hpp"

namespace journeysim {

class Staffing {
 public:
  explicit Staffing(const Capacity& capacity);

  // Whether agents come and go with a schedule (0 agents is "closed" then).
  bool scheduled() const { return scheduled_; }
  std::uint32_t agents_at(double time) const;
  // The first time after `time` when the number on duty changes; infinity if it never does.
  double next_change_after(double time) const;
  // Mean agents on duty over the hour of the week starting at hour `hour`.
  double mean_agents_in_hour(std::size_t hour) const;

 private:
  bool scheduled_ = false;
  // Constant stretches of the week: stretch k runs from starts_[k] (seconds
  // into the week; starts_[0] is 0) to the next start, with agents_[k] on duty.
  std::vector<double> starts_;
  std::vector<std::uint32_t> agents_;
  std::size_t stretch_at(double seconds_into_week) const;
};

}  // namespace journeysim
