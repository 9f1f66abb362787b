// Checks over a whole scenario once its parts are read: probability sums, the
// "rest" rule, dead ends, reachability and cycles no walk can leave, for the
// base journey and every segment's. Internal to the loader.
#pragma once

#include <vector>

#include "journeysim/graph/diagnostics.hpp"
#include "journeysim/graph/scenario.hpp"

namespace journeysim {

// Where the loader found each part, and which parts it could not read (checks
// that depend on an unreadable part are skipped rather than piling up
// consequences of the same mistake).
struct ModelPaths {
  std::vector<JsonPath> touchpoints;
  std::vector<JsonPath> transitions;
  std::vector<JsonPath> segments;
  std::vector<std::vector<JsonPath>> segment_transition_overrides;  // per segment, per override
  std::vector<bool> touchpoint_registered;                          // its id was valid and unique
  std::vector<bool> transition_readable;
  std::vector<bool> unreadable_from;  // per touchpoint: one of its transitions could not be read
  bool transitions_complete = true;
  bool entry_readable = true;
  std::vector<JsonPath> unreadable_capacities;  // the touchpoints whose capacity did not read whole
  JsonPath not_asked;
};

void check_scenario(const Scenario& scenario, const ModelPaths& paths, Diagnostics& diagnostics);

}  // namespace journeysim
