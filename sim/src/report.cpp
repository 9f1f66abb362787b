// make_report: the one place where tallies become KPIs and figures.
#include "journeysim/sim/report.hpp"

#include <algorithm>
#include <cmath>
#include <span>

namespace journeysim {

namespace {

std::uint64_t count_of_kind(const SegmentTally& tally, const CompiledScenario& compiled, std::string_view kind) {
  std::uint64_t count = 0;
  for (std::uint32_t e = 0; e < compiled.ending_count; ++e) {
    if (compiled.outcome_kinds[compiled.ending_kind[e]] == kind) count += tally.endings[e];
  }
  return count;
}

Kpi share_kpi(const char* name, std::uint64_t count, std::uint64_t of) {
  return Kpi{name, proportion(count, of), of, of > 0};
}

template <class Moments>
Kpi mean_kpi(const char* name, const Moments& moments) {
  return Kpi{name, moments.mean_estimate(), moments.count(), moments.count() > 0};
}

template <class Ratio>
Kpi ratio_kpi(const char* name, const Ratio& ratio, std::uint64_t denominator_total) {
  return Kpi{name, ratio.estimate(), denominator_total, denominator_total > 0};
}

Kpi undefined_kpi(const char* name) {
  const double nan = std::nan("");
  return Kpi{name, Estimate{nan, Interval{nan, nan}, nan}, 0, false};
}

std::vector<Kpi> compute_kpis(const SegmentTally& t, const CompiledScenario& compiled) {
  std::vector<Kpi> kpis;
  kpis.push_back(share_kpi(kpi::conversion_rate, count_of_kind(t, compiled, outcome_kind::converted), t.customers));
  kpis.push_back(share_kpi(kpi::churn_rate, count_of_kind(t, compiled, outcome_kind::churned), t.customers));
  // Abandonment is counted among those who reached checkout, where the scenario has a purchase stage.
  if (compiled.has_purchase_stage) {
    kpis.push_back(share_kpi(kpi::abandonment_rate, t.abandoned_after_purchase, t.reached_purchase));
  } else {
    kpis.push_back(share_kpi(kpi::abandonment_rate, count_of_kind(t, compiled, outcome_kind::abandoned), t.customers));
  }
  kpis.push_back(share_kpi(kpi::lost_rate, count_of_kind(t, compiled, outcome_kind::lost), t.customers));
  if (std::isfinite(compiled.horizon_seconds)) {
    kpis.push_back(share_kpi(kpi::retention_rate, t.endings[compiled.active_ending], t.customers));
  } else {
    kpis.push_back(undefined_kpi(kpi::retention_rate));
  }
  std::uint64_t asked = 0;
  for (std::uint64_t n : t.nps_scores) asked += n;
  kpis.push_back(Kpi{kpi::nps, net_promoter_score(t.nps_scores), asked, asked > 0});
  const std::uint64_t ratings = t.csat.sum_y();
  kpis.push_back(ratio_kpi(kpi::csat, t.csat, ratings));
  kpis.push_back(ratio_kpi(kpi::ces, t.ces, ratings));
  const std::uint64_t episodes = t.ttr_episodes.count();
  kpis.push_back(ratio_kpi(kpi::ttr_hours, t.ttr, episodes));
  if (episodes > 0) {
    kpis.push_back(Kpi{kpi::ttr_p50_hours, t.ttr_episodes.quantile(0.5), episodes, true});
    kpis.push_back(Kpi{kpi::ttr_p90_hours, t.ttr_episodes.quantile(0.9), episodes, true});
  } else {
    kpis.push_back(undefined_kpi(kpi::ttr_p50_hours));
    kpis.push_back(undefined_kpi(kpi::ttr_p90_hours));
  }
  kpis.push_back(mean_kpi(kpi::journey_hours, t.journey_hours));
  kpis.push_back(mean_kpi(kpi::steps, t.steps));
  kpis.push_back(mean_kpi(kpi::cost_per_customer, t.cost));
  kpis.push_back(mean_kpi(kpi::revenue_per_customer, t.revenue));
  return kpis;
}

std::string ending_id(const Scenario& scenario, const CompiledScenario& compiled, std::uint32_t ending) {
  if (ending == compiled.active_ending) return std::string(outcome_kind::active);
  if (ending == compiled.unfinished_ending) return std::string(outcome_kind::unfinished);
  return scenario.touchpoints[compiled.ending_node[ending]].id;
}

}  // namespace

const Kpi* RunReport::find_kpi(std::string_view name) const {
  for (const Kpi& k : kpis) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

RunReport make_report(const Scenario& scenario, const RunOptions& options, const RunResult& result,
                      const ReportOptions& report_options) {
  const CompiledScenario& compiled = result.compiled;
  const RunTally& tally = result.tally;
  RunReport report;
  report.scenario = scenario.name;
  report.seed = options.seed;
  if (options.segment) report.segment = scenario.segments.at(*options.segment).id;

  // The whole run is the segments merged in order.
  SegmentTally total(compiled.ending_count);
  for (const SegmentTally& s : tally.segments) total.merge(s);
  report.customers = total.customers;
  report.kpis = compute_kpis(total, compiled);
  report.nps_scores = total.nps_scores;

  for (std::uint32_t e = 0; e < compiled.ending_count; ++e) {
    const bool synthetic = e == compiled.active_ending || e == compiled.unfinished_ending;
    if (synthetic && total.endings[e] == 0) continue;  // shown only when they occur
    report.outcomes.push_back(OutcomeFigures{ending_id(scenario, compiled, e),
                                             compiled.outcome_kinds[compiled.ending_kind[e]], total.endings[e],
                                             proportion(total.endings[e], total.customers)});
  }
  report.unfinished = total.endings[compiled.unfinished_ending];

  for (std::size_t i = 0; i < scenario.touchpoints.size(); ++i) {
    const Touchpoint& t = scenario.touchpoints[i];
    const TouchpointTally& tt = tally.touchpoints[i];
    TouchpointFigures f;
    f.id = t.id;
    f.name = t.display_name();
    f.stage = t.stage;
    f.terminal = t.terminal();
    if (t.terminal()) {
      std::uint32_t ending = 0;
      while (compiled.ending_node[ending] != i) ++ending;
      f.visits = f.visitors = total.endings[ending];
    } else {
      f.visits = tt.visits;
      f.visitors = tt.visitors;
    }
    f.reach = proportion(f.visitors, total.customers);
    f.rated = tt.csat.sum_y() > 0;
    if (f.rated) {
      f.csat = tt.csat.estimate();
      f.ces = tt.ces.estimate();
    }
    f.dropoff = proportion(tt.dropoffs, tt.visitors);
    report.touchpoints.push_back(std::move(f));
  }

  for (std::size_t i = 0; i < scenario.transitions.size(); ++i) {
    const TransitionTally& tt = tally.transitions[i];
    TransitionFigures f;
    f.label = scenario.transition_label(i);
    f.traversals = tt.traversals;
    for (std::uint32_t e = 0; e < compiled.ending_count; ++e) {
      if (tt.by_ending[e] > 0) f.by_ending.emplace_back(ending_id(scenario, compiled, e), tt.by_ending[e]);
    }
    report.transitions.push_back(std::move(f));
  }

  for (std::size_t j = 0; j < compiled.journeys.size(); ++j) {
    if (!compiled.journeys[j].segment) continue;
    const SegmentTally& s = tally.segments[j];
    report.segments.push_back(
        SegmentFigures{scenario.segments[*compiled.journeys[j].segment].id, s.customers, compute_kpis(s, compiled)});
  }

  // Stages need not be visited in order, so drop-off is judged per customer:
  // reached the previous stage, never this one.
  for (std::size_t s = 0; s < compiled.stages.size(); ++s) {
    const std::uint64_t reached = tally.stage_reached[s];
    const std::uint64_t before = s > 0 ? tally.stage_reached[s - 1] : total.customers;
    const std::uint64_t continued = s > 0 ? tally.stage_reached_after_previous[s] : reached;
    report.funnel.push_back(StageFigures{compiled.stages[s], reached, proportion(reached, total.customers),
                                         proportion(before - continued, before)});
  }

  if (!tally.ended_by_bin.empty()) {
    std::uint64_t ended = 0;
    const double bin_hours = compiled.horizon_seconds / 3600.0 / static_cast<double>(tally.ended_by_bin.size());
    report.retention.push_back(RetentionPoint{0.0, proportion(total.customers, total.customers)});
    for (std::size_t b = 0; b < tally.ended_by_bin.size(); ++b) {
      ended += tally.ended_by_bin[b];
      report.retention.push_back(
          RetentionPoint{bin_hours * static_cast<double>(b + 1), proportion(total.customers - ended, total.customers)});
    }
  }

  // Most common paths first; ties in path order, so the list is deterministic.
  struct RankedPath {
    std::uint64_t customers;
    std::vector<std::uint32_t> touchpoints;
    std::size_t row;
  };
  std::vector<RankedPath> ranked;
  for (std::size_t row = 0; row < tally.paths.size(); ++row) {
    const std::span<const std::uint32_t> path = tally.paths.path(row);
    ranked.push_back(RankedPath{tally.paths.customers(row), {path.begin(), path.end()}, row});
  }
  std::sort(ranked.begin(), ranked.end(), [](const RankedPath& a, const RankedPath& b) {
    if (a.customers != b.customers) return a.customers > b.customers;
    return a.touchpoints < b.touchpoints;
  });
  report.distinct_paths = ranked.size();
  report.untracked_path_customers = tally.untracked_path_customers;
  for (std::size_t i = 0; i < ranked.size() && i < report_options.top_paths; ++i) {
    PathFigures p;
    for (std::uint32_t node : ranked[i].touchpoints) p.path.push_back(scenario.touchpoints[node].id);
    p.count = ranked[i].customers;
    for (std::uint32_t e = 0; e < compiled.ending_count; ++e) {
      const std::uint64_t n = tally.paths.customers(ranked[i].row, e);
      if (n > 0) p.endings.emplace_back(ending_id(scenario, compiled, e), n);
    }
    report.paths.push_back(std::move(p));
  }
  return report;
}

}  // namespace journeysim
