// What-if variants against the baseline in the queue model, paired
// replication by replication.
#include <algorithm>
#include <cmath>
#include <limits>

#include "journeysim/sim/queue/queue_run.hpp"
#include "replication_figures.hpp"

namespace journeysim {

namespace {

constexpr double no_change_value = std::numeric_limits<double>::quiet_NaN();

// One figure's change, variant minus baseline: the pooled difference, with
// the interval of the replications' paired differences.
Estimate paired_change(double baseline, double variant, const std::vector<double>* baseline_reps,
                       const std::vector<double>* variant_reps, double missing) {
  std::vector<double> differences;
  if (baseline_reps && variant_reps) {
    for (std::size_t r = 0; r < baseline_reps->size() && r < variant_reps->size(); ++r) {
      differences.push_back((*variant_reps)[r] - (*baseline_reps)[r]);
    }
  } else if (baseline_reps || variant_reps) {
    // A figure one side does not have at all (an ending that never happens there) is `missing` on that side.
    const std::vector<double>& present = baseline_reps ? *baseline_reps : *variant_reps;
    for (double x : present) differences.push_back(baseline_reps ? missing - x : x - missing);
  }
  return replication_estimate(variant - baseline, differences);
}

const std::vector<double>* find_values(const detail::ReplicationFigures& figures, const std::string& name) {
  const auto found = figures.find(name);
  return found == figures.end() ? nullptr : &found->second;
}

std::vector<KpiChange> kpi_changes(const std::vector<Kpi>& baseline, const std::vector<Kpi>& variant,
                                   const detail::ReplicationFigures& base_reps,
                                   const detail::ReplicationFigures& variant_reps, const std::string& prefix) {
  std::vector<KpiChange> out;
  const Estimate undefined{no_change_value, Interval{no_change_value, no_change_value}, no_change_value};
  for (const Kpi& b : baseline) {
    const auto v = std::find_if(variant.begin(), variant.end(), [&](const Kpi& k) { return k.name == b.name; });
    if (v == variant.end()) continue;
    // Undefined on either side is no change at all, not a change of 0.
    const bool defined = b.defined && v->defined;
    const std::string name = prefix + b.name;
    out.push_back(KpiChange{b.name, b.estimate, v->estimate,
                            defined ? paired_change(b.estimate.value, v->estimate.value, find_values(base_reps, name),
                                                    find_values(variant_reps, name), 0.0)
                                    : undefined,
                            defined});
  }
  return out;
}

// Each queue both sides have: its rates' paired changes ("queue.ID.NAME").
std::vector<QueueChange> queue_changes(const RunReport& baseline, const RunReport& variant,
                                       const detail::ReplicationFigures& base_reps,
                                       const detail::ReplicationFigures& variant_reps) {
  std::vector<QueueChange> out;
  for (const QueueFigures& b : baseline.queues) {
    const auto v =
        std::find_if(variant.queues.begin(), variant.queues.end(), [&](const QueueFigures& q) { return q.id == b.id; });
    if (v == variant.queues.end()) continue;
    QueueChange change{b.id, {}};
    const QueueFigures::Named before = b.rates(), after = v->rates();
    for (std::size_t k = 0; k < before.size(); ++k) {
      const Estimate& x = *before[k].second;
      const Estimate& y = *after[k].second;
      // A rate with nothing to be a rate of (no one joined) is undefined there: no change, not 0.
      const bool defined = std::isfinite(x.value) && std::isfinite(y.value);
      const std::string name = "queue." + b.id + "." + before[k].first;
      change.figures.push_back(KpiChange{
          before[k].first, x, y,
          defined ? paired_change(x.value, y.value, find_values(base_reps, name), find_values(variant_reps, name), 0.0)
                  : Estimate{no_change_value, Interval{no_change_value, no_change_value}, no_change_value},
          defined});
    }
    out.push_back(std::move(change));
  }
  return out;
}

double outcome_share(const RunReport& report, const std::string& id) {
  for (const OutcomeFigures& o : report.outcomes) {
    if (o.id == id) return o.share.value;
  }
  return 0.0;
}

}  // namespace

ComparisonReport compare_queue_variants(const Scenario& scenario, const std::vector<Variant>& variants,
                                        const RunOptions& options, const ProgressCallback& progress,
                                        const std::atomic<bool>* cancel, const ReportOptions& report_options,
                                        bool* cancelled) {
  ComparisonReport report;
  const std::uint64_t runs = 1 + variants.size();
  const unsigned replications = std::max(1u, options.replications);
  const auto stage_progress = [&](std::uint64_t run) -> ProgressCallback {
    if (!progress) return {};
    return [&progress, run, runs, replications](std::uint64_t done, std::uint64_t) {
      progress(run * replications + done, runs * replications);
    };
  };
  const auto stopped = [&](const QueueRun& run) {
    if (cancelled) *cancelled = run.cancelled;
    return run.cancelled;
  };
  const QueueRun baseline = run_queue_simulation(scenario, options, stage_progress(0), cancel);
  if (stopped(baseline)) return report;
  report.baseline = make_queue_report(scenario, options, baseline, report_options);
  const detail::ReplicationFigures base_reps = detail::replication_figures(scenario, options, baseline);
  const double customers_per_horizon =
      static_cast<double>(report.baseline.customers) / std::max(1u, report.baseline.replications);

  for (std::size_t i = 0; i < variants.size(); ++i) {
    const Variant& variant = variants[i];
    const Scenario structure = variant_structure(scenario, variant);
    const QueueRun run = run_queue_simulation(structure, variant.journeys, options, stage_progress(1 + i), cancel);
    if (stopped(run)) return report;
    VariantComparison v;
    v.name = variant.name;
    v.report = make_queue_report(structure, options, run, report_options);
    v.report.scenario = report.baseline.scenario;
    const detail::ReplicationFigures variant_reps = detail::replication_figures(structure, options, run);
    v.kpis = kpi_changes(report.baseline.kpis, v.report.kpis, base_reps, variant_reps, "kpi.");
    v.queues = queue_changes(report.baseline, v.report, base_reps, variant_reps);

    std::vector<std::string> endings;
    for (const OutcomeFigures& o : report.baseline.outcomes) endings.push_back(o.id);
    for (const OutcomeFigures& o : v.report.outcomes) {
      if (std::find(endings.begin(), endings.end(), o.id) == endings.end()) endings.push_back(o.id);
    }
    for (const std::string& id : endings) {
      const std::string name = "outcome." + id;
      v.outcomes.emplace_back(id, paired_change(outcome_share(report.baseline, id), outcome_share(v.report, id),
                                                find_values(base_reps, name), find_values(variant_reps, name), 0.0));
    }
    for (std::size_t j = 0; j < report.baseline.segments.size() && j < v.report.segments.size(); ++j) {
      const std::string& id = report.baseline.segments[j].id;
      v.segments.emplace_back(id, kpi_changes(report.baseline.segments[j].kpis, v.report.segments[j].kpis, base_reps,
                                              variant_reps, "segment." + id + "."));
    }
    if (variant.cost) {
      const auto revenue = std::find_if(v.kpis.begin(), v.kpis.end(),
                                        [](const KpiChange& k) { return k.name == kpi::revenue_per_customer; });
      v.return_on_cost = make_return_on_cost(*variant.cost, customers_per_horizon,
                                             revenue != v.kpis.end() ? revenue->change : Estimate{});
    }
    report.variants.push_back(std::move(v));
  }
  return report;
}

}  // namespace journeysim
