// The shape of a journey as a directed graph (Boost.Graph): which touchpoints
// the entry reaches, and which groups of touchpoints trap a walk for ever.
// Only transitions with a positive probability count as edges.
#pragma once

#include <cstddef>
#include <vector>

#include "journeysim/graph/scenario.hpp"

namespace journeysim {

// Per touchpoint: can a customer get there from an entry touchpoint?
std::vector<bool> reachable_from_entry(const Journey& journey);

// Closed classes: strongly connected groups of non-terminal touchpoints with
// no transition leaving them (a self-loop with no way out counts), among those
// the entry reaches. Each is listed in touchpoint order; classes in order of
// their first touchpoint.
std::vector<std::vector<std::size_t>> closed_classes(const Journey& journey);

}  // namespace journeysim
