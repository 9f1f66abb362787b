// Replications of the queue model in parallel, merged in replication order,
// and their report: the pooled figures with intervals from the spread
// between replications.
#include "journeysim/sim/queue/queue_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "event_loop.hpp"
#include "journeysim/sim/event_log_writer.hpp"
#include "replication_figures.hpp"
#include "journeysim/sim/queue/staffing.hpp"
#include "journeysim/sim/random.hpp"

namespace journeysim {

void StationTally::merge(const StationTally& other) {
  arrivals += other.arrivals;
  joined += other.joined;
  delayed += other.delayed;
  served += other.served;
  reneged += other.reneged;
  balked += other.balked;
  turned_away += other.turned_away;
  answered_in_time += other.answered_in_time;
  wait_hours.merge(other.wait_hours);
  wait_histogram.merge(other.wait_histogram);
  busy_agent_seconds += other.busy_agent_seconds;
  staffed_agent_seconds += other.staffed_agent_seconds;
  waiting_seconds += other.waiting_seconds;
  window_seconds += other.window_seconds;
  for (std::size_t h = 0; h < hours_per_week; ++h) {
    arrivals_by_hour[h] += other.arrivals_by_hour[h];
    served_by_hour[h] += other.served_by_hour[h];
    wait_hours_by_hour[h].merge(other.wait_hours_by_hour[h]);
    window_seconds_by_hour[h] += other.window_seconds_by_hour[h];
  }
}

void QueueTally::merge(const QueueTally& other) {
  if (stations.empty()) {
    *this = other;
    return;
  }
  for (std::size_t s = 0; s < stations.size(); ++s) stations[s].merge(other.stations[s]);
}

std::uint64_t replication_seed(std::uint64_t seed, unsigned replication) {
  // Replication 0 keeps the run's seed folded once more, so no replication's
  // draws coincide with a plain run's of the same seed.
  return mix64(mix64(seed ^ 0xD1B54A32D192ED03ULL) + replication);
}

namespace {

// `log`: where replication 0 writes its event log, if anywhere.
QueueRun simulate_compiled(const Scenario& structure, CompiledScenario compiled, const RunOptions& options,
                           const ProgressCallback& progress, const std::atomic<bool>* cancel,
                           const detail::ReplicationLog* log = nullptr) {
  const unsigned replications = std::max(1u, options.replications);
  std::vector<std::optional<detail::ReplicationResult>> results(replications);
  std::atomic<unsigned> next{0};
  std::atomic<unsigned> done{0};
  std::mutex progress_mutex;
  const auto worker = [&] {
    for (unsigned r = next++; r < replications; r = next++) {
      if (cancel && cancel->load()) return;
      results[r] = detail::simulate_replication(structure, compiled, replication_seed(options.seed, r), cancel,
                                                r == 0 ? log : nullptr);
      const unsigned finished = ++done;
      if (progress) {
        const std::lock_guard lock(progress_mutex);
        progress(finished, replications);
      }
    }
  };
  const unsigned threads = std::min(worker_threads(options.threads), replications);
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();

  QueueRun run;
  run.pooled.tally = RunTally(compiled);
  for (auto& result : results) {
    if (!result || result->cancelled) {
      run.cancelled = true;
      continue;
    }
    run.pooled.tally.merge(result->tally);
    run.queues.merge(result->queues);
    run.replications.push_back(std::move(result->tally));
    run.replication_queues.push_back(std::move(result->queues));
  }
  run.pooled.cancelled = run.cancelled;
  run.pooled.compiled = std::move(compiled);
  return run;
}

}  // namespace

QueueRun run_queue_simulation(const Scenario& scenario, const RunOptions& options, const ProgressCallback& progress,
                              const std::atomic<bool>* cancel) {
  return simulate_compiled(scenario, compile(scenario, options.segment), options, progress, cancel);
}

QueueRun run_queue_simulation_with_events(const Scenario& scenario, const RunOptions& options, double start,
                                          const std::function<void(std::string_view)>& write,
                                          const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  CompiledScenario compiled = compile(scenario, options.segment);
  const detail::EventRows rows(scenario, compiled, start);
  const detail::ReplicationLog log{rows, write};
  write(event_log_header());
  return simulate_compiled(scenario, std::move(compiled), options, progress, cancel, &log);
}

QueueRun run_queue_simulation(const Scenario& structure, const std::vector<Journey>& journeys,
                              const RunOptions& options, const ProgressCallback& progress,
                              const std::atomic<bool>* cancel) {
  return simulate_compiled(structure, compile(structure, journeys, options.segment), options, progress, cancel);
}

// --- the report ---

namespace {

constexpr double no_figure = std::numeric_limits<double>::quiet_NaN();

double share_or_none(double x, double y) { return y > 0.0 ? x / y : no_figure; }

// A station's rates: wait probability, mean and p90 wait, abandonment,
// service level, utilisation, mean queue length.
constexpr std::size_t rate_count = 7;
std::array<double, rate_count> rates_of(const StationTally& t) {
  return {share_or_none(static_cast<double>(t.delayed), static_cast<double>(t.joined)),
          t.wait_hours.count() > 0 ? t.wait_hours.mean() : no_figure,
          t.wait_histogram.count() > 0 ? t.wait_histogram.quantile(0.9).value : no_figure,
          share_or_none(static_cast<double>(t.reneged), static_cast<double>(t.joined)),
          share_or_none(static_cast<double>(t.answered_in_time), static_cast<double>(t.served + t.reneged)),
          share_or_none(t.busy_agent_seconds, t.staffed_agent_seconds),
          share_or_none(t.waiting_seconds, t.window_seconds)};
}

constexpr std::size_t count_kinds = 5;
std::array<double, count_kinds> counts_of(const StationTally& t) {
  return {static_cast<double>(t.arrivals), static_cast<double>(t.served), static_cast<double>(t.reneged),
          static_cast<double>(t.balked), static_cast<double>(t.turned_away)};
}

QueueFigures queue_figures(const Scenario& scenario, std::uint32_t node, const StationTally& pooled,
                           const std::vector<const StationTally*>& replications) {
  QueueFigures f;
  const Touchpoint& t = scenario.touchpoints[node];
  f.id = t.id;
  f.answer_within_seconds = t.capacity->answer_within;
  const double r = static_cast<double>(replications.size());
  const auto totals = counts_of(pooled);
  Estimate* counts[count_kinds] = {&f.arrivals, &f.served, &f.reneged, &f.balked, &f.turned_away};
  for (std::size_t k = 0; k < count_kinds; ++k) {
    // A total's interval: R times that of the mean per replication.
    std::vector<double> scaled;
    for (const StationTally* rep : replications) scaled.push_back(r * counts_of(*rep)[k]);
    *counts[k] = replication_estimate(totals[k], scaled);
  }
  const auto pooled_rates = rates_of(pooled);
  Estimate* rates[rate_count] = {&f.wait_probability, &f.mean_wait_hours, &f.wait_p90_hours,   &f.abandonment_rate,
                                 &f.service_level,    &f.utilisation,     &f.mean_queue_length};
  for (std::size_t k = 0; k < rate_count; ++k) {
    std::vector<double> values;
    for (const StationTally* rep : replications) values.push_back(rates_of(*rep)[k]);
    *rates[k] = replication_estimate(pooled_rates[k], values);
  }
  const Staffing staffing(*t.capacity);
  f.by_hour_of_week.resize(hours_per_week);
  for (std::size_t h = 0; h < hours_per_week; ++h) {
    QueueHourFigures& hour = f.by_hour_of_week[h];
    hour.arrivals_per_hour =
        share_or_none(3600.0 * static_cast<double>(pooled.arrivals_by_hour[h]), pooled.window_seconds_by_hour[h]);
    hour.served_per_hour =
        share_or_none(3600.0 * static_cast<double>(pooled.served_by_hour[h]), pooled.window_seconds_by_hour[h]);
    hour.mean_wait_hours = pooled.wait_hours_by_hour[h].count() > 0 ? pooled.wait_hours_by_hour[h].mean() : no_figure;
    hour.agents = staffing.mean_agents_in_hour(h);
  }
  return f;
}

}  // namespace

namespace detail {

// Every estimate of a run report, by a name that matches across reports of
// the same scenario (outcomes and segments by id, touchpoints by id and figure).
std::vector<std::pair<std::string, Estimate*>> estimates_of(RunReport& report) {
  std::vector<std::pair<std::string, Estimate*>> out;
  for (Kpi& k : report.kpis) out.emplace_back("kpi." + k.name, &k.estimate);
  for (OutcomeFigures& o : report.outcomes) out.emplace_back("outcome." + o.id, &o.share);
  for (TouchpointFigures& t : report.touchpoints) {
    const std::string at = "touchpoint." + t.id + ".";
    out.emplace_back(at + "reach", &t.reach);
    out.emplace_back(at + "csat", &t.csat);
    out.emplace_back(at + "ces", &t.ces);
    out.emplace_back(at + "dropoff", &t.dropoff);
    out.emplace_back(at + "sentiment", &t.sentiment);
  }
  for (SegmentFigures& s : report.segments) {
    for (Kpi& k : s.kpis) out.emplace_back("segment." + s.id + "." + k.name, &k.estimate);
  }
  for (StageFigures& s : report.funnel) {
    out.emplace_back("stage." + s.stage + ".share", &s.share);
    out.emplace_back("stage." + s.stage + ".dropoff", &s.dropoff);
    out.emplace_back("stage." + s.stage + ".sentiment", &s.sentiment);
  }
  for (std::size_t i = 0; i < report.retention.size(); ++i) {
    out.emplace_back("retention." + std::to_string(i), &report.retention[i].travelling);
  }
  return out;
}

ReplicationFigures replication_figures(const Scenario& scenario, const RunOptions& options, const QueueRun& run) {
  ReplicationFigures figures;
  const std::size_t count = run.replications.size();
  RunResult one;
  one.compiled = run.pooled.compiled;
  for (std::size_t r = 0; r < count; ++r) {
    one.tally = run.replications[r];
    RunReport own = make_report(scenario, options, one, ReportOptions{0});
    const auto record = [&](const std::string& name, double value) {
      auto& values = figures[name];
      values.resize(count, std::numeric_limits<double>::quiet_NaN());
      values[r] = value;
    };
    for (const auto& [name, estimate] : estimates_of(own)) record(name, estimate->value);
    // Each queue's rates in this replication: "queue.ID.NAME", named as
    // QueueFigures::rates() names them (rates_of gives them in that order).
    static const QueueFigures nameless;
    const QueueFigures::Named rate_names = nameless.rates();
    const QueueTally& queues = run.replication_queues[r];
    for (std::size_t q = 0; q < queues.stations.size() && q < queues.nodes.size(); ++q) {
      const std::string at = "queue." + scenario.touchpoints[queues.nodes[q]].id + ".";
      const auto rates = rates_of(queues.stations[q]);
      for (std::size_t k = 0; k < rates.size() && k < rate_names.size(); ++k)
        record(at + rate_names[k].first, rates[k]);
    }
  }
  return figures;
}

}  // namespace detail

RunReport make_queue_report(const Scenario& scenario, const RunOptions& options, const QueueRun& run,
                            const ReportOptions& report_options) {
  RunReport report = make_report(scenario, options, run.pooled, report_options);
  report.replications = static_cast<unsigned>(run.replications.size());
  report.horizon_hours = run.pooled.compiled.horizon_seconds / 3600.0;
  report.warm_up_hours = scenario.warm_up / 3600.0;

  // Each replication's own figures, by name, for the spread between them.
  const detail::ReplicationFigures spread = detail::replication_figures(scenario, options, run);
  for (auto& [name, estimate] : detail::estimates_of(report)) {
    const auto found = spread.find(name);
    *estimate =
        replication_estimate(estimate->value, found == spread.end() ? std::span<const double>{} : found->second);
  }

  for (std::size_t s = 0; s < run.queues.nodes.size(); ++s) {
    std::vector<const StationTally*> replications;
    for (const QueueTally& q : run.replication_queues) replications.push_back(&q.stations[s]);
    report.queues.push_back(queue_figures(scenario, run.queues.nodes[s], run.queues.stations[s], replications));
  }
  return report;
}

}  // namespace journeysim
