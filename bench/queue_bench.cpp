// The queue model's speed (DESIGN section 11): an M/M/c queue, 100 arrivals
// an hour on 12 agents with exponential service (mean 6 minutes), simulated
// for a number of days with every figure of the run report collected, on one
// thread and one replication. items_per_second is arrivals per second, to
// set beside bench/simpy_mmc.py's (bench/queue_vs_simpy.sh runs both).
//
// BM_QueueMemory prints the peak resident set after horizons of 28 and 280
// days: memory does not grow with the customers simulated.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/queue/queue_run.hpp"

namespace {

using namespace journeysim;

Scenario mmc(double days) {
  Scenario s;
  s.name = "M/M/12";
  Touchpoint queue;
  queue.id = "queue";
  queue.stage = "support";
  queue.dwell.kind = DistributionKind::exponential;
  queue.dwell.a = 360.0;
  Capacity capacity;
  capacity.agents = 12;
  queue.capacity = capacity;
  Touchpoint done;
  done.id = "done";
  done.outcome = "resolved";
  s.touchpoints = {queue, done};
  s.transitions = {Transition{0, 1, Probability{1.0, false}, 0.0, {}, {}}};
  s.entry = {EntryShare{0, 1.0}};
  s.horizon = days * seconds_per_day;
  Arrivals arrivals;
  arrivals.per_hour = 100.0;
  s.arrivals = arrivals;
  return s;
}

void BM_QueueMmc(benchmark::State& state) {
  const Scenario scenario = mmc(static_cast<double>(state.range(0)));
  RunOptions options;
  options.threads = 1;
  options.replications = 1;
  std::uint64_t arrivals = 0;
  for (auto _ : state) {
    const QueueRun run = run_queue_simulation(scenario, options);
    const RunReport report = make_queue_report(scenario, options, run);
    arrivals += report.customers;
    benchmark::DoNotOptimize(report.queues.front().mean_wait_hours.value);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(arrivals));
  state.counters["arrivals"] = static_cast<double>(arrivals) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_QueueMmc)->Arg(28)->Unit(benchmark::kMillisecond);

void BM_QueueMemory(benchmark::State& state) {
  const Scenario scenario = mmc(static_cast<double>(state.range(0)));
  RunOptions options;
  options.threads = 1;
  options.replications = 1;
  for (auto _ : state) benchmark::DoNotOptimize(run_queue_simulation(scenario, options).pooled.tally.paths.size());
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_kib"] = static_cast<double>(usage.ru_maxrss);
}
BENCHMARK(BM_QueueMemory)->Arg(28)->Arg(280)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
