// "What to fix first" (DESIGN section 7): every sensitivity lever (graph's
// sensitivity_perturbations: drop-offs x0.9, effort -1, sentiment +0.1, a
// wait's time x0.9, one more agent) compared with the baseline on the same
// customers, and ranked by how much each improves one KPI. One ranking for
// the `sensitivity` command, the HTML report and the viewer.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {

struct LeverEffect {
  std::string label;  // "checkout: drop-off x0.9"
  KpiChange change;   // of the ranked KPI, paired
  double gain = 0.0;  // the change in the KPI's better direction (higher: better)
  Estimate revenue;   // the paired change of revenue per customer beside it
  // The KPI's base shrank (fewer converters, fewer reaching checkout): a gain
  // that may come only from fewer customers being counted.
  bool base_shrinks = false;
  std::int64_t base_change = 0;
  bool significant_after_bonferroni = false;  // its interval excludes 0 at the family-wise 95% level
};

// A lever that could not be made (a x1.1 that would leave a "rest" below 0), and why.
struct LeverNotMade {
  std::string label;
  std::string reason;
};

struct FixFirstRanking {
  std::string kpi;
  ComparisonReport report;            // the baseline's report, and each lever's KPI changes
  std::vector<LeverEffect> effects;   // best first
  std::vector<LeverNotMade> skipped;  // in lever order
  std::size_t comparisons = 0;
  // The family-wise threshold in standard errors (Bonferroni over the
  // comparisons; Student's t with R - 1 degrees of freedom in the queue model).
  double family_threshold = 0.0;
  bool cancelled = false;
};

// Ranks every lever of `scenario` by its paired change of `kpi` (a KPI name,
// kpi::*), the revenue change beside it.
FixFirstRanking rank_levers(const Scenario& scenario, const std::string& kpi, const RunOptions& options,
                            const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

// The same, levers simulated `batch_size` at a time, with the ranking of
// the levers simulated so far handed to `so_far` after each batch (its
// family threshold over those levers): the viewer's panel fills in from it.
// The final ranking is rank_levers' exactly.
FixFirstRanking rank_levers_in_batches(const Scenario& scenario, const std::string& kpi, const RunOptions& options,
                                       std::size_t batch_size,
                                       const std::function<void(const FixFirstRanking&)>& so_far,
                                       const ProgressCallback& progress = {},
                                       const std::atomic<bool>* cancel = nullptr);

// Why a variant could not be made, without the "in LABEL, " that names it in
// what-if messages, and with a lead-in such as "after its changes: " said
// once for all its problems.
std::string refusal_reason(const std::string& label, const std::vector<Diagnostic>& diagnostics);

}  // namespace journeysim
