// run_comparison: every variant walked beside the baseline, customer by
// customer, on the same keyed draws (or, for KPIs only, just the customers a
// variant's change reaches); the report of the paired changes; and many
// variants compared a bounded batch at a time.
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/queue/queue_run.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "baseline_walks.hpp"
#include "block_scheduler.hpp"
#include "journeysim/sim/customer_walk.hpp"
#include "journeysim/sim/divergence.hpp"

namespace journeysim {

namespace {

std::string ending_id_of(const Scenario& structure, const CompiledScenario& compiled, std::uint32_t ending) {
  if (ending == compiled.active_ending) return std::string(outcome_kind::active);
  if (ending == compiled.unfinished_ending) return std::string(outcome_kind::unfinished);
  return structure.touchpoints[compiled.ending_node[ending]].id;
}

// For one variant: its ending index for each id of the comparison (or none).
std::vector<std::uint32_t> ending_map(const std::vector<std::string>& ids, const Scenario& structure,
                                      const CompiledScenario& compiled) {
  std::vector<std::uint32_t> map(ids.size(), no_ending);
  for (std::uint32_t e = 0; e < compiled.ending_count; ++e) {
    const auto at = std::find(ids.begin(), ids.end(), ending_id_of(structure, compiled, e));
    if (at != ids.end()) map[static_cast<std::size_t>(at - ids.begin())] = e;
  }
  return map;
}

std::int64_t nps_value(int score) { return score >= 9 ? 100 : score >= 7 ? 0 : -100; }

struct Side {
  const CompiledScenario& compiled;
  const CustomerSummary& customer;
  const std::vector<std::uint32_t>& endings;  // comparison ending id -> this side's ending
};

// Each accumulator of a PairedTally with what one customer's pair of sides
// gives it: apply(accumulator, baseline's values, variant's values), the
// values as tuples. Each side's values are the same function of that side.
template <class Apply>
void for_each_pair_term(PairedTally& t, const Side& b, const Side& v, const Apply& apply) {
  const auto flag = [](const Side& s, const std::vector<std::uint8_t>& flags) { return flags[s.customer.ending] != 0; };
  const auto both = [&](auto& accumulator, const auto& of_side) { apply(accumulator, of_side(b), of_side(v)); };
  using Count = std::int64_t;
  both(t.conversion, [](const Side& s) { return std::tuple{s.customer.converted}; });
  both(t.lost, [&](const Side& s) { return std::tuple{flag(s, s.compiled.ending_lost)}; });
  // (numerator, base) per side: the base is 0 or 1 for this customer.
  const auto of_base = [](bool counted, bool in_base) {
    return std::tuple<Count, Count>{counted && in_base ? 1 : 0, in_base ? 1 : 0};
  };
  both(t.churn, [&](const Side& s) { return of_base(flag(s, s.compiled.ending_churned), s.customer.in_churn_base); });
  both(t.retention,
       [&](const Side& s) { return of_base(s.customer.ending == s.compiled.active_ending, s.customer.in_churn_base); });
  both(t.abandonment,
       [&](const Side& s) { return of_base(flag(s, s.compiled.ending_abandoned), s.customer.reached_checkout); });
  both(t.nps, [](const Side& s) {
    return s.customer.nps_score < 0 ? std::tuple<Count, Count>{0, 0}
                                    : std::tuple<Count, Count>{nps_value(s.customer.nps_score), 1};
  });
  both(t.csat, [](const Side& s) { return std::tuple<Count, Count>{s.customer.good_ratings, s.customer.ratings}; });
  both(t.ces, [](const Side& s) { return std::tuple<Count, Count>{s.customer.ease, s.customer.ratings}; });
  both(t.ttr, [](const Side& s) {
    return std::tuple{s.customer.support_hours, static_cast<double>(s.customer.support_episodes)};
  });
  both(t.sentiment_final, [](const Side& s) { return std::tuple{s.customer.final_sentiment}; });
  both(t.wait_hours, [](const Side& s) { return std::tuple{s.customer.wait_hours}; });
  both(t.journey_hours, [](const Side& s) { return std::tuple{s.customer.hours}; });
  both(t.steps, [](const Side& s) { return std::tuple{static_cast<double>(s.customer.steps)}; });
  both(t.cost, [](const Side& s) { return std::tuple{s.customer.cost}; });
  both(t.revenue, [](const Side& s) { return std::tuple{s.customer.revenue}; });
  for (std::size_t i = 0; i < t.endings.size(); ++i) {
    both(t.endings[i], [i](const Side& s) { return std::tuple{s.endings[i] == s.customer.ending}; });
  }
}

// Adds (Sign +1) or takes back (-1) one customer's pair of sides.
template <int Sign>
void fold_pair(PairedTally& t, const Side& b, const Side& v) {
  for_each_pair_term(t, b, v, [](auto& accumulator, const auto& baseline, const auto& variant) {
    std::apply([&](const auto&... values) { fold_into<Sign>(accumulator, values...); },
               std::tuple_cat(baseline, variant));
  });
}

// A customer paired with themselves (b, b) becomes paired with their variant
// walk (b, v): each accumulator only where the variant's values differ
// (equal ones would be taken back and added again exactly).
void swap_in_variant(PairedTally& t, const Side& b, const Side& v) {
  for_each_pair_term(t, b, v, [](auto& accumulator, const auto& baseline, const auto& variant) {
    if (baseline == variant) return;
    std::apply([&](const auto&... values) { accumulator.remove(values...); }, std::tuple_cat(baseline, baseline));
    std::apply([&](const auto&... values) { accumulator.add(values...); }, std::tuple_cat(baseline, variant));
  });
}

// What one block adds up to: the baseline's tallies, each variant's, and the pairs.
struct ComparisonBlock {
  RunTally baseline;
  std::vector<RunTally> variants;
  std::vector<std::vector<PairedTally>> paired;  // per variant, per journey
};

// A block as bytes, for another rank.
void write(detail::ByteWriter& out, const ComparisonBlock& block) {
  detail::write(out, block.baseline);
  out.value(static_cast<std::uint64_t>(block.variants.size()));
  for (const RunTally& t : block.variants) detail::write(out, t);
  out.value(static_cast<std::uint64_t>(block.paired.size()));
  for (const std::vector<PairedTally>& journeys : block.paired) {
    out.value(static_cast<std::uint64_t>(journeys.size()));
    for (const PairedTally& t : journeys) detail::write(out, t);
  }
}

void read(detail::ByteReader& in, ComparisonBlock& block) {
  detail::read(in, block.baseline);
  std::uint64_t count = 0;
  in.value(count);
  block.variants.assign(count, RunTally());
  for (RunTally& t : block.variants) detail::read(in, t);
  in.value(count);
  block.paired.assign(count, {});
  for (std::vector<PairedTally>& journeys : block.paired) {
    in.value(count);
    journeys.assign(count, PairedTally());
    for (PairedTally& t : journeys) detail::read(in, t);
  }
}

}  // namespace

void PairedTally::merge(const PairedTally& other) {
  conversion.merge(other.conversion);
  churn.merge(other.churn);
  lost.merge(other.lost);
  retention.merge(other.retention);
  abandonment.merge(other.abandonment);
  nps.merge(other.nps);
  csat.merge(other.csat);
  ces.merge(other.ces);
  ttr.merge(other.ttr);
  sentiment_final.merge(other.sentiment_final);
  wait_hours.merge(other.wait_hours);
  journey_hours.merge(other.journey_hours);
  steps.merge(other.steps);
  cost.merge(other.cost);
  revenue.merge(other.revenue);
  for (std::size_t i = 0; i < endings.size(); ++i) endings[i].merge(other.endings[i]);
}

Comparison run_comparison(const Scenario& scenario, const std::vector<Variant>& variants, const RunOptions& options,
                          const ProgressCallback& progress, const std::atomic<bool>* cancel, VariantTallies tallies) {
  Comparison comparison;
  comparison.baseline.compiled = compile(scenario, options.segment);
  comparison.baseline.tally = RunTally(comparison.baseline.compiled);
  const CompiledScenario& base = comparison.baseline.compiled;
  for (std::uint32_t e = 0; e < base.ending_count; ++e)
    comparison.ending_ids.push_back(ending_id_of(scenario, base, e));

  for (const Variant& variant : variants) {
    VariantRun run;
    run.name = variant.name;
    run.cost = variant.cost;
    run.structure = variant_structure(scenario, variant);
    run.result.compiled = compile(run.structure, variant.journeys, options.segment);
    run.result.tally = RunTally(run.result.compiled, tallies == VariantTallies::full);
    for (std::uint32_t e = 0; e < run.result.compiled.ending_count; ++e) {
      const std::string id = ending_id_of(run.structure, run.result.compiled, e);
      if (std::find(comparison.ending_ids.begin(), comparison.ending_ids.end(), id) == comparison.ending_ids.end()) {
        comparison.ending_ids.push_back(id);
      }
    }
    comparison.variants.push_back(std::move(run));
  }
  const std::size_t ending_count = comparison.ending_ids.size();
  PairedTally empty_pair;
  empty_pair.endings.resize(ending_count);
  // Zeroed per-journey pair tallies: the shape each block starts from.
  std::vector<std::vector<PairedTally>> zero_pairs;
  for (VariantRun& run : comparison.variants) {
    run.paired.assign(run.result.compiled.journeys.size(), empty_pair);
    zero_pairs.push_back(run.paired);
  }

  const std::vector<std::uint32_t> base_endings = ending_map(comparison.ending_ids, scenario, base);
  std::vector<std::vector<std::uint32_t>> variant_endings;
  for (const VariantRun& run : comparison.variants) {
    variant_endings.push_back(ending_map(comparison.ending_ids, run.structure, run.result.compiled));
  }

  // The variants that re-walk only the customers they touch (the others walk everyone).
  std::vector<std::optional<detail::ChangedMask>> masks(comparison.variants.size());
  if (tallies == VariantTallies::kpis && !options.walk_all) {
    for (std::size_t v = 0; v < comparison.variants.size(); ++v) {
      const auto changed = changed_touchpoints(base, comparison.variants[v].result.compiled);
      if (changed && variant_endings[v] == base_endings) masks[v].emplace(*changed);
    }
  }
  const bool any_masked = std::any_of(masks.begin(), masks.end(), [](const auto& m) { return m.has_value(); });

  const auto simulate = [&](std::uint64_t first, std::uint64_t end) {
    const bool variant_paths = tallies == VariantTallies::full;
    ComparisonBlock block{RunTally(base), {}, {}};
    for (std::size_t v = 0; v < comparison.variants.size(); ++v) {
      block.variants.emplace_back(comparison.variants[v].result.compiled, variant_paths);
      block.paired.push_back(zero_pairs[v]);
    }
    const std::size_t customers = end - first;
    detail::BaselineWalks walks(base, customers, any_masked);
    {
      TallyObserver observer(base, block.baseline);
      WalkScratch scratch(base.node_count);
      for (std::size_t i = 0; i < customers; ++i) {
        if (any_masked) {
          detail::BaselineWalks::Recorder recorder(observer, walks, i);
          walk_customer(base, options.seed, first + i, scratch, recorder);
        } else {
          walk_customer(base, options.seed, first + i, scratch, observer);
        }
        walks.keep(i, observer);
      }
    }
    // Every customer paired with themselves: where a masked variant starts
    // from, before it swaps in the customers it re-walks.
    std::vector<PairedTally> self_pairs;
    if (any_masked) {
      self_pairs.assign(base.journeys.size(), empty_pair);
      for (std::size_t i = 0; i < customers; ++i) {
        const Side side{base, walks.summary(i), base_endings};
        fold_pair<+1>(self_pairs[side.customer.journey], side, side);
      }
    }
    for (std::size_t v = 0; v < comparison.variants.size(); ++v) {
      const CompiledScenario& compiled = comparison.variants[v].result.compiled;
      RunTally& tally = block.variants[v];
      std::vector<PairedTally>& paired = block.paired[v];
      // A masked variant adds a re-walked customer's record itself: only when it differs from the baseline's.
      TallyObserver observer(compiled, tally, !masks[v]);
      WalkScratch scratch(compiled.node_count);
      if (masks[v]) tally.segments = block.baseline.segments;
      if (masks[v]) paired = self_pairs;
      for (std::size_t i = 0; i < customers; ++i) {
        // An untouched customer walks the variant as the baseline, draw for draw: their figures are already in.
        if (masks[v] && !masks[v]->touches(walks.touched(i))) continue;
        if (masks[v])
          detail::rewalk_from_divergence(compiled, options.seed, first + i, walks.trace(i), *masks[v], scratch,
                                         observer);
        else
          walk_customer(compiled, options.seed, first + i, scratch, observer);
        const Side baseline_side{base, walks.summary(i), base_endings};
        const Side variant_side{compiled, observer.last_customer(), variant_endings[v]};
        if (masks[v]) {
          // Reached, and still the same figures (the change did not alter this walk's outcome): already in.
          const CustomerRecord baseline_record = walks.record(i);
          const CustomerRecord variant_record = observer.last_record();
          if (variant_record.same_as(baseline_record)) continue;
          tally.segments[baseline_side.customer.journey].replace(base, baseline_record, variant_record);
          swap_in_variant(paired[baseline_side.customer.journey], baseline_side, variant_side);
          continue;
        }
        fold_pair<+1>(paired[variant_side.customer.journey], baseline_side, variant_side);
      }
    }
    return block;
  };
  const auto merge = [&](const ComparisonBlock& block) {
    comparison.baseline.tally.merge(block.baseline);
    for (std::size_t v = 0; v < comparison.variants.size(); ++v) {
      comparison.variants[v].result.tally.merge(block.variants[v]);
      for (std::size_t j = 0; j < block.paired[v].size(); ++j)
        comparison.variants[v].paired[j].merge(block.paired[v][j]);
    }
  };
  const bool complete =
      detail::run_blocks<ComparisonBlock>(options.customers, options.threads, simulate, merge, progress, cancel);
  comparison.cancelled = !complete;
  comparison.baseline.cancelled = !complete;
  return comparison;
}

namespace {

const Kpi* find(const std::vector<Kpi>& kpis, std::string_view name) {
  for (const Kpi& k : kpis) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

// The paired change of each KPI that has one, beside both sides' values.
std::vector<KpiChange> kpi_changes(const PairedTally& paired, const std::vector<Kpi>& baseline,
                                   const std::vector<Kpi>& variant) {
  std::vector<KpiChange> out;
  const double nan = std::nan("");
  const Estimate undefined{nan, Interval{nan, nan}, nan};
  const auto add = [&](const char* name, const Estimate& change) {
    const Kpi* b = find(baseline, name);
    const Kpi* v = find(variant, name);
    if (!b || !v) return;
    // Undefined on either side is no change at all, not a change of 0.
    const bool defined = b->defined && v->defined && std::isfinite(change.value);
    out.push_back(KpiChange{name, b->estimate, v->estimate, defined ? change : undefined, defined});
  };
  add(kpi::conversion_rate, paired.conversion.difference());
  add(kpi::churn_rate, paired.churn.difference());
  add(kpi::abandonment_rate, paired.abandonment.difference());
  add(kpi::lost_rate, paired.lost.difference());
  add(kpi::retention_rate, paired.retention.difference());
  add(kpi::nps, paired.nps.difference());
  add(kpi::csat, paired.csat.difference());
  add(kpi::ces, paired.ces.difference());
  add(kpi::sentiment_final, paired.sentiment_final.difference());
  add(kpi::ttr_hours, paired.ttr.difference());
  // Quantiles do not pair customer by customer: their change carries the
  // interval of two independent estimates (wider than it needs to be).
  for (const char* name : {kpi::ttr_p50_hours, kpi::ttr_p90_hours}) {
    const Kpi* b = find(baseline, name);
    const Kpi* v = find(variant, name);
    if (!b || !v) continue;
    if (!b->defined || !v->defined) {
      out.push_back(KpiChange{name, b->estimate, v->estimate, undefined, false});
      continue;
    }
    const double se = std::hypot(b->estimate.standard_error, v->estimate.standard_error);
    const double change = v->estimate.value - b->estimate.value;
    out.push_back(KpiChange{name, b->estimate, v->estimate,
                            Estimate{change, Interval{change - z95 * se, change + z95 * se}, se}, true});
  }
  add(kpi::wait_hours, paired.wait_hours.difference());
  add(kpi::journey_hours, paired.journey_hours.difference());
  add(kpi::steps, paired.steps.difference());
  add(kpi::cost_per_customer, paired.cost.difference());
  add(kpi::revenue_per_customer, paired.revenue.difference());
  return out;
}

// The customers a run stands for: the scenario's population, or the
// segment's share of it (in whole customers) when one segment is simulated.
double represented_customers(const Scenario& scenario, const RunOptions& options) {
  const double population = static_cast<double>(scenario.customers);
  if (!options.segment) return population;
  return std::round(population * scenario.segments.at(*options.segment).share);
}

}  // namespace

ReturnOnCost make_return_on_cost(double cost, double customers, const Estimate& revenue_change_per_customer) {
  ReturnOnCost roi;
  roi.cost = cost;
  roi.customers = customers;
  const Estimate& per_customer = revenue_change_per_customer;
  const auto scaled = [&](double x) { return x * customers; };
  roi.revenue_change =
      Estimate{scaled(per_customer.value), Interval{scaled(per_customer.ci95.lo), scaled(per_customer.ci95.hi)},
               scaled(per_customer.standard_error)};
  roi.net_return = Estimate{roi.revenue_change.value - cost,
                            Interval{roi.revenue_change.ci95.lo - cost, roi.revenue_change.ci95.hi - cost},
                            roi.revenue_change.standard_error};
  return roi;
}

ComparisonReport make_comparison_report(const Scenario& scenario, const RunOptions& options,
                                        const Comparison& comparison, const ReportOptions& report_options) {
  ComparisonReport report;
  report.baseline = make_report(scenario, options, comparison.baseline, report_options);
  for (const VariantRun& run : comparison.variants) {
    VariantComparison v;
    v.name = run.name;
    v.report = make_report(run.structure, options, run.result, report_options);
    v.report.scenario = report.baseline.scenario;

    PairedTally total;
    total.endings.resize(comparison.ending_ids.size());
    for (const PairedTally& p : run.paired) total.merge(p);
    v.kpis = kpi_changes(total, report.baseline.kpis, v.report.kpis);
    for (std::size_t i = 0; i < comparison.ending_ids.size(); ++i) {
      v.outcomes.emplace_back(comparison.ending_ids[i], total.endings[i].difference());
    }
    for (std::size_t j = 0; j < run.paired.size() && j < report.baseline.segments.size(); ++j) {
      v.segments.emplace_back(report.baseline.segments[j].id,
                              kpi_changes(run.paired[j], report.baseline.segments[j].kpis, v.report.segments[j].kpis));
    }
    if (run.cost) {
      v.return_on_cost =
          make_return_on_cost(*run.cost, represented_customers(scenario, options), total.revenue.difference());
    }
    report.variants.push_back(std::move(v));
  }
  return report;
}

namespace {

// What one variant holds per touchpoint or transition, roughly (measured on
// generated chains): its copies of the structure (the variant's own, its
// report's structure, its compiled form and report) and one per segment's
// journey; and its tally, once in total and once per block in flight.
constexpr std::size_t bytes_per_element_copy = 500;
constexpr std::size_t bytes_per_element_tally = 250;
constexpr std::size_t batch_memory_budget = std::size_t{256} << 20;

// The entries of `named` (KPIs or their changes) whose name is in `names`; all when it is empty.
template <class Named>
std::vector<Named> kept(std::vector<Named> named, const std::vector<std::string>& names) {
  if (names.empty()) return named;
  std::erase_if(named, [&](const Named& n) { return std::find(names.begin(), names.end(), n.name) == names.end(); });
  return named;
}

}  // namespace

std::size_t variants_per_batch(const Scenario& scenario, const RunOptions& options) {
  const std::size_t elements = scenario.touchpoints.size() + scenario.transitions.size();
  const std::size_t copies = 4 + std::max<std::size_t>(1, scenario.segments.size());
  // The scheduler keeps up to 4 finished blocks per thread waiting for the merge, and one running on each.
  const std::size_t tallies = 1 + 5 * worker_threads(options.threads);
  const std::size_t per_variant = elements * (copies * bytes_per_element_copy + tallies * bytes_per_element_tally);
  return std::max<std::size_t>(1, batch_memory_budget / std::max<std::size_t>(1, per_variant));
}

BatchedComparison compare_in_batches(const Scenario& scenario, std::size_t count, const VariantMaker& make,
                                     const std::vector<std::string>& kpis, const RunOptions& options,
                                     const ProgressCallback& progress, const std::atomic<bool>* cancel,
                                     std::size_t batch_size,
                                     const std::function<void(const BatchedComparison&)>& after_batch) {
  BatchedComparison result;
  const std::size_t per_batch = batch_size > 0 ? batch_size : variants_per_batch(scenario, options);
  const std::size_t batches = std::max<std::size_t>(1, (count + per_batch - 1) / per_batch);
  for (std::size_t batch = 0; batch < batches; ++batch) {
    std::vector<Variant> variants;
    for (std::size_t i = batch * per_batch; i < std::min(count, (batch + 1) * per_batch); ++i) {
      Diagnostics diagnostics;
      std::optional<Variant> variant = make(i, diagnostics);
      if (variant)
        variants.push_back(std::move(*variant));
      else
        result.refused.push_back({i, diagnostics.all()});
    }
    if (variants.empty() && batch > 0) continue;  // the first batch's run gives the baseline
    ProgressCallback batch_progress;
    if (progress) {
      const std::uint64_t before = batch * options.customers;
      const std::uint64_t total = batches * options.customers;
      batch_progress = [&progress, before, total](std::uint64_t done, std::uint64_t) {
        progress(before + done, total);
      };
    }
    ComparisonReport report;
    if (scenario.has_queues()) {
      bool cancelled = false;
      // Progress counts replications here, not customers.
      ProgressCallback queue_progress;
      if (progress) {
        queue_progress = [&progress, batch, batches](std::uint64_t done, std::uint64_t total) {
          progress(batch * total + done, batches * total);
        };
      }
      report = compare_queue_variants(scenario, variants, options, queue_progress, cancel, {}, &cancelled);
      result.cancelled = cancelled;
    } else {
      const Comparison comparison =
          run_comparison(scenario, variants, options, batch_progress, cancel, VariantTallies::kpis);
      result.cancelled = comparison.cancelled;
      if (!result.cancelled) report = make_comparison_report(scenario, options, comparison);
    }
    if (result.cancelled) return result;
    if (batch == 0) result.report.baseline = std::move(report.baseline);
    for (VariantComparison& v : report.variants) {
      VariantComparison reduced;
      reduced.name = std::move(v.name);
      reduced.kpis = kept(std::move(v.kpis), kpis);
      reduced.report.kpis = kept(std::move(v.report.kpis), kpis);  // with their bases
      result.report.variants.push_back(std::move(reduced));
    }
    if (after_batch) after_batch(result);
  }
  return result;
}

BatchedComparison compare_sweep(const Scenario& scenario, const SweepSpec& spec, const std::vector<std::string>& kpis,
                                const RunOptions& options, const ProgressCallback& progress,
                                const std::atomic<bool>* cancel) {
  const VariantMaker make_point = [&](std::size_t i, Diagnostics& diagnostics) {
    return sweep_point(scenario, spec, i, diagnostics);
  };
  return compare_in_batches(scenario, spec.values.size(), make_point, kpis, options, progress, cancel);
}

const std::vector<std::string>& default_sweep_kpis() {
  static const std::vector<std::string> kpis{kpi::conversion_rate, kpi::churn_rate, kpi::abandonment_rate, kpi::nps,
                                             kpi::csat};
  return kpis;
}

const KpiChange* VariantComparison::find_change(std::string_view name) const {
  for (const KpiChange& c : kpis) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace journeysim
