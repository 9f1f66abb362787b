// make_report: the one place where tallies become KPIs and figures.
#include "journeysim/sim/report.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "journeysim/sim/kpi_text.hpp"

namespace journeysim {

namespace {

std::uint64_t count_of_kind(const SegmentTally& tally, const CompiledScenario& compiled, std::string_view kind) {
  std::uint64_t count = 0;
  for (std::uint32_t e = 0; e < compiled.ending_count; ++e) {
    if (compiled.outcome_kinds[compiled.ending_kind[e]] == kind) count += tally.endings[e];
  }
  return count;
}

// Each maker names the base; make_kpis() then marks what the scenario cannot define.
Kpi share_kpi(const char* name, std::uint64_t count, std::uint64_t of, std::string base) {
  return Kpi{name, proportion(count, of), of, of > 0, std::move(base), {}};
}

template <class Moments>
Kpi mean_kpi(const char* name, const Moments& moments) {
  return Kpi{name, moments.mean_estimate(), moments.count(), moments.count() > 0, "customers", {}};
}

template <class Ratio>
Kpi ratio_kpi(const char* name, const Ratio& ratio, std::uint64_t denominator_total, std::string base) {
  return Kpi{name, ratio.estimate(), denominator_total, denominator_total > 0, std::move(base), {}};
}

Kpi quantile_kpi(const char* name, const LogHistogram& episodes, double q) {
  const std::uint64_t n = episodes.count();
  const double nan = std::nan("");
  return Kpi{name, n > 0 ? episodes.quantile(q) : Estimate{nan, Interval{nan, nan}, nan}, n, n > 0, "support episodes",
             {}};
}

std::vector<Kpi> compute_kpis(const SegmentTally& t, const CompiledScenario& compiled, const Scenario& scenario) {
  const std::string churn_base = compiled.has_conversion_point ? "customers who converted" : "customers";
  std::vector<Kpi> kpis;
  kpis.push_back(share_kpi(kpi::conversion_rate, t.converted, t.customers, "customers"));
  kpis.push_back(share_kpi(kpi::churn_rate, t.churned_of_base, t.churn_base, churn_base));
  kpis.push_back(share_kpi(kpi::abandonment_rate, t.abandoned_after_checkout, t.reached_checkout,
                           "customers who reached checkout"));
  kpis.push_back(share_kpi(kpi::lost_rate, count_of_kind(t, compiled, outcome_kind::lost), t.customers, "customers"));
  kpis.push_back(share_kpi(kpi::retention_rate, t.active_of_base, t.churn_base, churn_base));
  std::uint64_t asked = 0;
  for (std::uint64_t n : t.nps_scores) asked += n;
  kpis.push_back(Kpi{kpi::nps, net_promoter_score(t.nps_scores), asked, asked > 0, "customers asked", {}});
  const std::uint64_t ratings = t.csat.sum_y();
  kpis.push_back(ratio_kpi(kpi::csat, t.csat, ratings, "ratings"));
  kpis.push_back(ratio_kpi(kpi::ces, t.ces, ratings, "ratings"));
  kpis.push_back(mean_kpi(kpi::sentiment_final, t.sentiment_final));
  const std::uint64_t episodes = t.ttr_episodes.count();
  kpis.push_back(ratio_kpi(kpi::ttr_hours, t.ttr, episodes, "support episodes"));
  kpis.push_back(quantile_kpi(kpi::ttr_p50_hours, t.ttr_episodes, 0.5));
  kpis.push_back(quantile_kpi(kpi::ttr_p90_hours, t.ttr_episodes, 0.9));
  kpis.push_back(mean_kpi(kpi::wait_hours, t.wait_hours));
  kpis.push_back(mean_kpi(kpi::journey_hours, t.journey_hours));
  kpis.push_back(mean_kpi(kpi::steps, t.steps));
  kpis.push_back(mean_kpi(kpi::cost_per_customer, t.cost));
  kpis.push_back(mean_kpi(kpi::revenue_per_customer, t.revenue));
  // Undefined is not zero: what the scenario cannot define first, then what nothing was observed for.
  const double nan = std::nan("");
  for (Kpi& k : kpis) {
    std::string reason = kpi_not_applicable(scenario, k.name);
    if (reason.empty() && !k.defined) reason = kpi_undefined_reason(k.name);
    if (reason.empty()) continue;
    k.defined = false;
    k.undefined_reason = std::move(reason);
    k.estimate = Estimate{nan, Interval{nan, nan}, nan};
  }
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
  SegmentTally total(compiled.ending_count, compiled.stages.size());
  for (const SegmentTally& s : tally.segments) total.merge(s);
  report.customers = total.customers;
  report.kpis = compute_kpis(total, compiled, scenario);
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
    f.sentiment = tt.sentiment.estimate();
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
    report.segments.push_back(SegmentFigures{scenario.segments[*compiled.journeys[j].segment].id, s.customers,
                                             compute_kpis(s, compiled, scenario)});
  }

  // Stages need not be visited in order, so drop-off is judged per customer:
  // reached the previous stage, never this one.
  for (std::size_t s = 0; s < compiled.stages.size(); ++s) {
    const std::uint64_t reached = tally.stage_reached[s];
    const std::uint64_t before = s > 0 ? tally.stage_reached[s - 1] : total.customers;
    const std::uint64_t continued = s > 0 ? tally.stage_reached_after_previous[s] : reached;
    report.funnel.push_back(StageFigures{compiled.stages[s], reached, proportion(reached, total.customers),
                                         proportion(before - continued, before), total.stage_sentiment[s].estimate()});
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

QueueFigures::WeekScale QueueFigures::week_scale() const {
  WeekScale scale;
  for (const QueueHourFigures& h : by_hour_of_week) {
    scale.most_agents = std::max(scale.most_agents, h.agents);
    if (std::isfinite(h.mean_wait_hours))
      scale.longest_wait_hours = std::max(scale.longest_wait_hours, h.mean_wait_hours);
  }
  return scale;
}

QueueFigures::Named QueueFigures::counts() const {
  return {{"arrivals", &arrivals},
          {"served", &served},
          {"reneged", &reneged},
          {"balked", &balked},
          {"turned_away", &turned_away}};
}

QueueFigures::Named QueueFigures::rates() const {
  return {{"wait_probability", &wait_probability},  {"mean_wait_hours", &mean_wait_hours},
          {"wait_p90_hours", &wait_p90_hours},      {"abandonment_rate", &abandonment_rate},
          {"service_level", &service_level},        {"utilisation", &utilisation},
          {"mean_queue_length", &mean_queue_length}};
}

}  // namespace journeysim
