// When customers arrive in the queue model: a Poisson process whose rate
// varies by hour of the week, sampled by inverting its cumulative rate.
//
// Customer i's arrival is the time at which the cumulative rate reaches
// E_i = g_0 + ... + g_i, each g_k an exponential gap keyed by customer k
// (DESIGN section 5). So arrival times are a pure function of the customers'
// keyed draws, and a what-if that scales the rate moves every customer's
// arrival without reshuffling who arrives in which order: "add two agents"
// meets exactly the same customers at exactly the same times.
#pragma once

#include <array>

#include "journeysim/graph/queue_model.hpp"

namespace journeysim {

class ArrivalProcess {
 public:
  explicit ArrivalProcess(const Arrivals& arrivals);

  // The time (seconds from Monday 00:00) by which `expected` arrivals are
  // due: the inverse of the cumulative rate. Infinity when nobody ever arrives.
  double time_at(double expected) const;
  // Expected arrivals in the hour of the week starting at hour `hour`.
  double per_hour(std::size_t hour) const { return cumulative_[hour + 1] - cumulative_[hour]; }

 private:
  // Expected arrivals from Monday 00:00 to the start of each hour of the week.
  std::array<double, hours_per_week + 1> cumulative_{};
};

}  // namespace journeysim
