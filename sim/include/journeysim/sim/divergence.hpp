// Divergence (issue 15, DESIGN section 5): every draw is keyed by customer,
// touchpoint, visit and purpose, so a variant's walk of customer i is the
// baseline's, draw for draw, until the customer first visits a touchpoint
// the variant changes. changed_touchpoints says which touchpoints those are
// by comparing the two compiled scenarios field by field; a customer whose
// baseline walk visited none of them walks the variant exactly as the
// baseline. Some changes reach every customer before any touchpoint (entry
// shares, segments' shares, the sentiment and rating models, the horizon,
// a different structure): then there is no such set and every customer
// must be walked.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "journeysim/sim/compiled_scenario.hpp"

namespace journeysim {

// Per touchpoint (the baseline's indices): 1 where the variant differs in
// any journey (segment) in what a visit there does (dwell, sentiment,
// effort, rating, money, flags) or in the transitions out of it (targets,
// probabilities, sentiment weights). Nothing when the variant differs in
// something every customer meets, or in structure.
std::optional<std::vector<std::uint8_t>> changed_touchpoints(const CompiledScenario& base,
                                                             const CompiledScenario& variant);

}  // namespace journeysim
