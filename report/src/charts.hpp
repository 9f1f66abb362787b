// The report's pictures as inline SVG: the journey map (the shared layout of
// graph/layout.hpp, flows sized by traffic and coloured by how the customers
// on them ended), the retention curve with its band and the emotion curve
// (mean sentiment on leaving each stage, with its interval). (The funnel is an
// HTML table with CSS bars, which reflows on a phone.)
// Internal to report/.
#pragma once

#include <string>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/report.hpp"

namespace journeysim::report {

// The colour of an outcome kind (converted green, churned red, ...) and of a
// channel (a fixed palette in order of first appearance), as CSS colours.
std::string outcome_colour(std::string_view kind);
std::string channel_colour(const Scenario& scenario, std::string_view channel);

std::string journey_map_svg(const Scenario& scenario, const RunReport& run);
// Empty when the run has no retention curve (no horizon).
std::string retention_svg(const RunReport& run);
// Empty when fewer than two stages have customers leaving them.
std::string emotion_svg(const RunReport& run);
// A queue's mean wait by hour of the week (a line) over the agents on duty (bars).
std::string queue_week_svg(const QueueFigures& queue);

}  // namespace journeysim::report
