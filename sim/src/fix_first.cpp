// The ranking of sensitivity levers (fix_first.hpp).
#include "journeysim/sim/fix_first.hpp"

#include <algorithm>
#include <cmath>

#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "journeysim/sim/sampling.hpp"
#include "journeysim/sim/statistics.hpp"

namespace journeysim {

std::string refusal_reason(const std::string& label, const std::vector<Diagnostic>& diagnostics) {
  const std::string named = "in " + label + ", ";
  std::string reason;
  std::string lead_in;
  for (const Diagnostic& d : diagnostics) {
    std::string message = d.message.rfind(named, 0) == 0 ? d.message.substr(named.size()) : d.message;
    const std::size_t colon = message.find(": ");
    const std::string head = colon == std::string::npos ? "" : message.substr(0, colon + 2);
    if (!reason.empty() && !head.empty() && head == lead_in) message.erase(0, head.size());
    if (reason.empty()) lead_in = head;
    reason += (reason.empty() ? "" : "; ") + message;
  }
  return reason;
}

namespace {

// The ranking of the levers `batched` holds (all, or those simulated so far).
FixFirstRanking ranking_of(const BatchedComparison& batched, const std::vector<Perturbation>& levers,
                           const std::string& kpi) {
  FixFirstRanking ranking;
  ranking.kpi = kpi;
  ranking.cancelled = batched.cancelled;
  if (batched.cancelled) return ranking;
  for (const RefusedVariant& r : batched.refused) {
    const std::string& label = levers[r.index].label;
    ranking.skipped.push_back({label, refusal_reason(label, r.diagnostics)});
  }
  ranking.report = batched.report;
  const int direction = kpi_presentation(kpi).better < 0 ? -1 : +1;
  const Kpi* baseline_kpi = ranking.report.baseline.find_kpi(kpi);
  for (const VariantComparison& v : ranking.report.variants) {
    const KpiChange* c = v.find_change(kpi);
    if (!c || !c->defined) continue;
    const KpiChange* revenue = v.find_change(kpi::revenue_per_customer);
    const Kpi* variant_kpi = v.report.find_kpi(kpi);
    const auto base_change = variant_kpi && baseline_kpi ? static_cast<std::int64_t>(variant_kpi->sample_size) -
                                                               static_cast<std::int64_t>(baseline_kpi->sample_size)
                                                         : 0;
    const double gain = direction * c->change.value;
    ranking.effects.push_back(
        {v.name, *c, gain, revenue ? revenue->change : Estimate{}, base_change < 0 && gain > 0, base_change, false});
  }
  std::stable_sort(ranking.effects.begin(), ranking.effects.end(),
                   [](const LeverEffect& a, const LeverEffect& b) { return a.gain > b.gain; });
  // With many comparisons some intervals exclude 0 by chance: Bonferroni keeps
  // the family's false-alarm rate at 5%. In the queue model a change's
  // standard error comes from R paired replications: Student's t with R - 1
  // degrees of freedom, not the normal.
  ranking.comparisons = ranking.effects.size();
  const unsigned replications = ranking.report.baseline.replications;
  const double family_p = ranking.comparisons > 0 ? 1.0 - 0.025 / static_cast<double>(ranking.comparisons) : 0.975;
  ranking.family_threshold =
      replications > 1 ? student_t_quantile(family_p, replications - 1) : -normal_quantile(1.0 - family_p);
  for (LeverEffect& e : ranking.effects) {
    const Estimate& change = e.change.change;
    e.significant_after_bonferroni =
        change.standard_error > 0 && std::abs(change.value) > ranking.family_threshold * change.standard_error;
  }
  return ranking;
}

}  // namespace

FixFirstRanking rank_levers_in_batches(const Scenario& scenario, const std::string& kpi, const RunOptions& options,
                                       std::size_t batch_size,
                                       const std::function<void(const FixFirstRanking&)>& so_far,
                                       const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  const std::vector<Perturbation> levers = sensitivity_perturbations(scenario);
  const VariantMaker make_lever = [&](std::size_t i, Diagnostics& diagnostics) {
    return apply_changes(scenario, levers[i].label, levers[i].changes, diagnostics);
  };
  std::function<void(const BatchedComparison&)> after_batch;
  if (so_far) after_batch = [&](const BatchedComparison& batched) { so_far(ranking_of(batched, levers, kpi)); };
  const BatchedComparison batched =
      compare_in_batches(scenario, levers.size(), make_lever, {kpi, kpi::revenue_per_customer}, options, progress,
                         cancel, batch_size, after_batch);
  return ranking_of(batched, levers, kpi);
}

FixFirstRanking rank_levers(const Scenario& scenario, const std::string& kpi, const RunOptions& options,
                            const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  return rank_levers_in_batches(scenario, kpi, options, 0, {}, progress, cancel);
}

}  // namespace journeysim
