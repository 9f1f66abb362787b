// Paired comparison of what-if variants against the baseline (DESIGN
// sections 5 and 7): customer i walks the baseline and every variant inside
// the same block on the same keyed draws, and the per-customer differences
// are accumulated, so each KPI's change comes with the (narrow) interval of a
// paired difference. The baseline's own tallies are exactly those of `run`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {

// Per-customer paired differences for one segment's customers.
struct PairedTally {
  PairedIndicator conversion, lost;
  // Shares of a base that may itself change (churn among converters): ratio
  // estimators' paired differences, by the delta method.
  PairedRatioDifference churn, retention, abandonment, nps, csat, ces, ttr;
  PairedDifference sentiment_final, wait_hours, journey_hours, steps, cost, revenue;
  std::vector<PairedIndicator> endings;  // per ending id in Comparison::ending_ids

  void merge(const PairedTally& other);
};

struct VariantRun {
  std::string name;
  std::optional<double> cost;
  Scenario structure;  // the variant's touchpoints and transitions, for names
  RunResult result;
  std::vector<PairedTally> paired;  // per compiled journey (segment)
};

struct Comparison {
  RunResult baseline;
  std::vector<VariantRun> variants;
  std::vector<std::string> ending_ids;  // the baseline's endings, then any a variant adds
  bool cancelled = false;
};

// Compares `variants` (built by apply_what_if or apply_changes) against the
// scenario itself. Without `variant_paths`, variants skip path counting (the
// memory of many variants' path maps adds up; sweep and sensitivity need
// only KPIs).
Comparison run_comparison(const Scenario& scenario, const std::vector<Variant>& variants, const RunOptions& options,
                          const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr,
                          bool variant_paths = true);

// --- the report ---

struct KpiChange {
  std::string name;
  Estimate baseline;
  Estimate variant;
  Estimate change;  // variant minus baseline, paired
  bool defined = true;
  // The change is distinguishable from simulation noise: its interval excludes 0.
  bool significant() const { return defined && (change.ci95.lo > 0.0 || change.ci95.hi < 0.0); }
};

struct ReturnOnCost {
  double cost = 0.0;
  double customers = 0.0;   // the scenario's "customers": the population the change applies to
  Estimate revenue_change;  // variant minus baseline, in total over those customers
  Estimate net_return;      // revenue_change - cost
};

struct VariantComparison {
  std::string name;
  RunReport report;
  std::vector<KpiChange> kpis;
  std::vector<std::pair<std::string, Estimate>> outcomes;  // ending id -> change of its share
  std::vector<std::pair<std::string, std::vector<KpiChange>>> segments;
  std::optional<ReturnOnCost> return_on_cost;
};

struct ComparisonReport {
  RunReport baseline;
  std::vector<VariantComparison> variants;
};

ComparisonReport make_comparison_report(const Scenario& scenario, const RunOptions& options,
                                        const Comparison& comparison, const ReportOptions& report_options = {});

}  // namespace journeysim
