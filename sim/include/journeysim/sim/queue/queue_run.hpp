// The queue model's run (DESIGN section 8): customers arrive over the
// horizon and share the agents of every touchpoint with a capacity. Each
// replication is a discrete-event simulation of the whole horizon on its own
// keyed draws; replications run in parallel and merge in replication order,
// so the result is the same for any thread count. Intervals come from the
// spread between replications (make_queue_report), never from treating
// customers who share agents as independent.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <string_view>
#include <cstdint>
#include <string>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/simulation.hpp"
#include "journeysim/sim/statistics.hpp"
#include "journeysim/sim/tallies.hpp"

namespace journeysim {

// One queue's counts over the statistics window (after the warm-up), for one
// replication or several merged. Customers count where they arrived after
// the warm-up.
struct StationTally {
  std::uint64_t arrivals = 0;          // reached the touchpoint
  std::uint64_t joined = 0;            // stayed for service (served at once or waited): arrivals - balked - turned_away
  std::uint64_t delayed = 0;           // joined and found no free agent
  std::uint64_t served = 0;            // reached an agent
  std::uint64_t reneged = 0;           // patience ran out
  std::uint64_t balked = 0;            // the queue was full
  std::uint64_t turned_away = 0;       // arrived while closed, sent to on_closed
  std::uint64_t answered_in_time = 0;  // served within answer_within
  RunningMoments wait_hours;           // per customer who left the queue (served or reneged), 0 included
  LogHistogram wait_histogram;         // hours, the same customers
  double busy_agent_seconds = 0.0;     // agents serving, integrated over the window
  double staffed_agent_seconds = 0.0;  // agents on duty, integrated over the window
  double waiting_seconds = 0.0;        // customers waiting, integrated over the window
  double window_seconds = 0.0;         // the window's length
  // By hour of the week (Monday 00:00-01:00 first), by when customers arrived.
  std::array<std::uint64_t, hours_per_week> arrivals_by_hour{};
  std::array<std::uint64_t, hours_per_week> served_by_hour{};  // by when service began
  std::array<RunningMoments, hours_per_week> wait_hours_by_hour{};
  std::array<double, hours_per_week> window_seconds_by_hour{};  // how long the window spent in each hour of week

  void merge(const StationTally& other);
};

struct QueueTally {
  std::vector<std::uint32_t> nodes;    // the touchpoints with a capacity, in scenario order
  std::vector<StationTally> stations;  // per entry of `nodes`
  void merge(const QueueTally& other);
};

struct QueueRun {
  RunResult pooled;                    // every replication's tallies merged (compiled: the scenario)
  QueueTally queues;                   // merged
  std::vector<RunTally> replications;  // each on its own, for the intervals
  std::vector<QueueTally> replication_queues;
  bool cancelled = false;
};

// The seed replication r of a run with `seed` draws from: every replication
// has draws of its own, and replication r of a variant has the baseline's.
std::uint64_t replication_seed(std::uint64_t seed, unsigned replication);

// Simulates `scenario` (which has arrivals). `progress` counts replications done.
QueueRun run_queue_simulation(const Scenario& scenario, const RunOptions& options,
                              const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

// The same, the first replication's customers also written as an event log
// (event_log_writer.hpp) through `write`: one history of the horizon, the
// warm-up's customers included, each customer's rows in time order and
// customers interleaved as they overlap; time 0 is `start` (seconds since
// 1970). `write` is called from one thread at a time.
QueueRun run_queue_simulation_with_events(const Scenario& scenario, const RunOptions& options, double start,
                                          const std::function<void(std::string_view)>& write,
                                          const ProgressCallback& progress = {},
                                          const std::atomic<bool>* cancel = nullptr);

// The same over explicit journeys (a what-if variant's), as compile() takes them.
QueueRun run_queue_simulation(const Scenario& structure, const std::vector<Journey>& journeys,
                              const RunOptions& options, const ProgressCallback& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

// The run's report: make_report() over the pooled tallies (every KPI from
// the one place), each interval replaced by the replications' (pooled value
// -+ t sd / sqrt(R)), and the `queues` section.
RunReport make_queue_report(const Scenario& scenario, const RunOptions& options, const QueueRun& run,
                            const ReportOptions& report_options = {});

// Compares what-if variants with the scenario in the queue model. Variant
// replication r meets the customers of baseline replication r (the same keyed
// arrivals and draws), so each change is paired replication by replication:
// its interval comes from the R per-replication differences. Return on cost
// is over one horizon's customers (those arriving after the warm-up).
// `cancelled` (when given) says whether the run was stopped; the report is then partial.
ComparisonReport compare_queue_variants(const Scenario& scenario, const std::vector<Variant>& variants,
                                        const RunOptions& options, const ProgressCallback& progress = {},
                                        const std::atomic<bool>* cancel = nullptr,
                                        const ReportOptions& report_options = {}, bool* cancelled = nullptr);

}  // namespace journeysim
