// The queue model's rules over a whole scenario (DESIGN section 8): arrivals
// need a horizon, the warm-up must end before it, a capacity needs arrivals
// and somewhere to send those who give up, balk or find it closed, and
// someone to serve. One definition for the loader (the file) and for what-if
// variants (what changes made of it). Internal to graph/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "journeysim/graph/diagnostics.hpp"
#include "journeysim/graph/scenario.hpp"

namespace journeysim {

struct QueueProblem {
  Severity severity = Severity::error;
  std::optional<std::size_t> touchpoint;  // at that touchpoint (`key` below it); none: at the top level
  std::string key;                        // "arrivals", "warm_up", "capacity.on_renege", "capacity.schedule"
  std::string message;
  std::string fix;
};

struct QueueModel {
  const std::vector<Touchpoint>& touchpoints;
  const std::optional<Arrivals>& arrivals;
  std::optional<double> horizon;
  double warm_up = 0.0;
  std::vector<std::string> removed;  // ids a variant removed: no longer a place to send anyone
  bool ids_complete = true;          // every touchpoint's id was read (else an unknown id may be a refused one)
  std::vector<bool> unread;  // per touchpoint: its capacity did not read whole (already reported); none: all did
};

std::vector<QueueProblem> queue_problems(const QueueModel& model);

}  // namespace journeysim
