// Paired comparison of what-if variants against the baseline (DESIGN
// sections 5 and 7): customer i walks the baseline and every variant inside
// the same block on the same keyed draws, and the per-customer differences
// are accumulated, so each KPI's change comes with the (narrow) interval of a
// paired difference. The baseline's own tallies are exactly those of `run`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {

// Per-customer paired differences for one segment's customers.
struct PairedTally {
  PairedIndicator conversion, lost;
  // Shares of a base that may itself change (churn among converters): ratio
  // estimators' paired differences, by the delta method.
  PairedCountRatioDifference churn, retention, abandonment, nps, csat, ces;
  PairedRatioDifference ttr;
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

// What the variants' tallies collect.
enum class VariantTallies {
  // Everything a run collects: each variant's own report is whole (compare,
  // the viewer's what-ifs).
  full,
  // Their segments' tallies only (every KPI and its base); the touchpoints,
  // transitions, stages and paths are not collected (their figures are not
  // meaningful). Each variant then re-walks only the customers whose
  // baseline walk reached a touchpoint it changes (sim/divergence.hpp) and
  // takes the others' figures from the baseline, exactly: sweep and
  // sensitivity.
  kpis,
};

// Compares `variants` (built by apply_what_if or apply_changes) against the
// scenario itself, paired customer by customer.
Comparison run_comparison(const Scenario& scenario, const std::vector<Variant>& variants, const RunOptions& options,
                          const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr,
                          VariantTallies tallies = VariantTallies::full);

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
  double customers = 0.0;   // the population the change applies to: the scenario's "customers", or
                            // with RunOptions::segment that segment's share of them
  Estimate revenue_change;  // variant minus baseline, in total over those customers
  Estimate net_return;      // revenue_change - cost
};

// The return on a change costing `cost`, from its paired change of revenue
// per customer over `customers` customers.
ReturnOnCost make_return_on_cost(double cost, double customers, const Estimate& revenue_change_per_customer);

// A queue's rates (QueueFigures::rates(), by those names) in the variant
// against the baseline, paired replication by replication.
struct QueueChange {
  std::string id;
  std::vector<KpiChange> figures;
};

struct VariantComparison {
  std::string name;
  RunReport report;
  std::vector<KpiChange> kpis;
  std::vector<QueueChange> queues;                         // the queue model's: the queues both sides have
  std::vector<std::pair<std::string, Estimate>> outcomes;  // ending id -> change of its share
  std::vector<std::pair<std::string, std::vector<KpiChange>>> segments;
  std::optional<ReturnOnCost> return_on_cost;

  // The change of the KPI called `name` (kpi::*), or null when it was not kept.
  const KpiChange* find_change(std::string_view name) const;
};

struct ComparisonReport {
  RunReport baseline;
  std::vector<VariantComparison> variants;
};

ComparisonReport make_comparison_report(const Scenario& scenario, const RunOptions& options,
                                        const Comparison& comparison, const ReportOptions& report_options = {});

// --- Many variants in bounded memory (sweep and sensitivity) ---
//
// A variant holds copies of the scenario (its structure, each segment's
// journey, the compiled form, tallies per block in flight): thousands of them
// at once grow with touchpoints squared. So they are made, simulated against
// the baseline and reduced to their KPI changes a batch at a time. A
// variant's paired changes do not depend on which others share its batch, so
// the result is the same for any batch size (and thread count).

// Makes variant `index`, or says in `diagnostics` why it cannot be made.
using VariantMaker = std::function<std::optional<Variant>(std::size_t index, Diagnostics& diagnostics)>;

struct RefusedVariant {
  std::size_t index = 0;
  std::vector<Diagnostic> diagnostics;  // why it could not be made
};

struct BatchedComparison {
  // The baseline's report, and every variant made, in index order, reduced
  // to its name, its KPI changes and those KPIs (their values and bases, in
  // report.kpis); the rest of each VariantComparison is left empty: that is
  // what would not fit.
  ComparisonReport report;
  std::vector<RefusedVariant> refused;  // in index order
  bool cancelled = false;
};

// How many variants one batch holds: as many as fit a fixed memory budget
// (about 256 MB) for this scenario's size and the threads the run uses; at least one.
std::size_t variants_per_batch(const Scenario& scenario, const RunOptions& options);

// Compares variants 0..count-1 (each made by `make`) with the baseline, in
// batches of `batch_size` (0: variants_per_batch). Keeps the changes of the
// KPIs named in `kpis` (all when empty). The baseline is walked again in each
// batch, on the same draws: its report is the same every time. `after_batch`
// sees the result so far after each batch (a panel filling in as it runs).
BatchedComparison compare_in_batches(const Scenario& scenario, std::size_t count, const VariantMaker& make,
                                     const std::vector<std::string>& kpis, const RunOptions& options,
                                     const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr,
                                     std::size_t batch_size = 0,
                                     const std::function<void(const BatchedComparison&)>& after_batch = {});

// A sweep (`journeysim sweep`, the viewer's sweep chart): each of its points
// against the baseline, in batches, keeping the KPIs `kpis`.
BatchedComparison compare_sweep(const Scenario& scenario, const SweepSpec& spec, const std::vector<std::string>& kpis,
                                const RunOptions& options, const ProgressCallback& progress = {},
                                const std::atomic<bool>* cancel = nullptr);

// The KPIs a sweep shows when none are asked for.
const std::vector<std::string>& default_sweep_kpis();

}  // namespace journeysim
