// What mining counts, whatever the source (an event log, a path table): the
// touchpoints seen, the moves between them, where journeys start, per segment
// as well, and the dwell times; and how those counts become a scenario.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/mine/dwell_fit.hpp"

namespace journeysim::mine {

using Moves = std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t>;  // (from, to) -> count
using Entries = std::map<std::uint32_t, std::uint64_t>;                          // touchpoint -> journeys

struct MinedTouchpoint {
  std::string label;  // as written in the data (a higher-order state: its touchpoints joined by "__")
  // A higher-order state's touchpoints as written, oldest first; empty for a
  // touchpoint. Its id joins theirs with "__" (search__cart), its name says
  // where it was reached from ("Cart (after Search)").
  std::vector<std::string> sequence;
  std::string stage;
  std::string channel;
  std::string outcome;  // non-empty: an ending of this kind
  std::uint64_t visits = 0;
  double revenue_sum = 0.0;
  double cost_sum = 0.0;
  DwellSample dwell;  // time from arriving here to the next event
};

struct MinedSegment {
  std::string label;
  std::uint64_t journeys = 0;
  Entries entry;
  Moves moves;
  std::map<std::uint32_t, DwellSample> dwell;  // touchpoint -> this segment's dwell times
};

struct MinedChain {
  std::vector<MinedTouchpoint> touchpoints;  // in order of first appearance
  Moves moves;
  Entries entry;
  std::vector<MinedSegment> segments;  // empty: no segment column
  std::optional<double> horizon;       // seconds, when journeys were cut short by the end of the data
};

struct ScenarioText {
  std::string name;
  std::string description;
};

// A note for the user about a choice made while building (a merged touchpoint,
// a touchpoint no one was seen leaving).
struct BuildNote {
  std::string message;
  std::string fix;
};

struct BuiltScenario {
  Scenario scenario;
  std::vector<BuildNote> notes;
  // For each scenario touchpoint, the mined touchpoints merged into it.
  std::vector<std::vector<std::uint32_t>> sources;
};

struct BuildOptions {
  std::uint64_t min_visits = 1;  // rarer non-terminal touchpoints merge into "other"
};

// Readable ids ([A-Za-z0-9_], not a reserved name, unique), touchpoints
// ordered by stage (the conventional stages in their order, others as they
// first appear) then first appearance, endings last; p = count / of with
// `observed` on every transition; dwell fitted; revenue and cost as means per
// visit; segments with their shares, entry, and their own transitions and
// dwell where they differ from everyone's beyond noise.
BuiltScenario build_scenario(const MinedChain& chain, const ScenarioText& text, const BuildOptions& options);

// A label as an id: letters, digits and underscores, lower case ("Product
// page" -> "product_page").
std::string readable_id(std::string_view label);

}  // namespace journeysim::mine
