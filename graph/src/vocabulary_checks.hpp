// Warnings for a scenario that loads but will not mean what its author meant
// (DESIGN sections 3 and 6): outcome kinds and stages a case or an edit or two
// away from the vocabulary, `abandoned` endings with nothing defining
// checkout, a horizon under a day ("12m" is twelve minutes), and a `converts`
// touchpoint no walk can reach. Internal to the loader; never errors.
#pragma once

#include "journeysim/graph/diagnostics.hpp"
#include "journeysim/graph/scenario.hpp"
#include "scenario_checks.hpp"

namespace journeysim {

void warn_vocabulary(const Scenario& scenario, const ModelPaths& paths, Diagnostics& diagnostics);

}  // namespace journeysim
