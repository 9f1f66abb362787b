// The walk engine's speed on the reference journey (bench/scenarios/
// reference_journey.json: 30 touchpoints with loops, lognormal dwell, normal
// sentiment, about 20 transitions per customer), in transitions per second:
//   full_run     the real thing: every draw, every KPI tallied, blocks merged;
//   walk_only    the same walks with an observer that only counts (no tallies);
//   bare_table   a table walk with nothing but the keyed choice draw;
//   bare_with_draws  that walk plus the model's draws at each visit (the floor
//                the variates alone set: what the statistics cannot go below).
// DESIGN section 11 holds the full run to a ratio of the bare table walk
// measured in the same process; docs/performance.md records the figures.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/customer_walk.hpp"
#include "journeysim/sim/simulation.hpp"

namespace journeysim {
namespace {

const Scenario& reference() {
  static const Scenario scenario = [] {
    LoadResult loaded =
        load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/bench/scenarios/reference_journey.json");
    if (!loaded.ok()) std::abort();
    return *loaded.scenario;
  }();
  return scenario;
}

constexpr std::uint64_t customers_per_iteration = 100'000;

void full_run(benchmark::State& state) {
  RunOptions options;
  options.customers = customers_per_iteration;
  options.threads = static_cast<unsigned>(state.range(0));
  std::uint64_t transitions = 0;
  for (auto _ : state) {
    const RunResult result = run_simulation(reference(), options);
    double steps = 0;
    for (const SegmentTally& s : result.tally.segments) steps += s.steps.mean() * static_cast<double>(s.steps.count());
    transitions += static_cast<std::uint64_t>(steps);
  }
  state.counters["transitions_per_s"] =
      benchmark::Counter(static_cast<double>(transitions), benchmark::Counter::kIsRate);
  state.counters["transitions_per_customer"] =
      static_cast<double>(transitions) / static_cast<double>(state.iterations() * customers_per_iteration);
}
BENCHMARK(full_run)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

struct CountingObserver {
  std::uint64_t transitions = 0;
  void on_start(const WalkState&) {}
  void on_visit(const WalkState&, std::uint32_t, double, double) {}
  void on_rating(std::uint32_t, int, double) {}
  void on_move(std::uint32_t, std::uint32_t, std::uint32_t) { ++transitions; }
  void on_end(const WalkState&, std::uint32_t, int) {}
};

// Runs `walk(first, end)` over the customers split evenly across threads.
template <class Walk>
std::uint64_t on_threads(unsigned threads, const Walk& walk) {
  std::vector<std::uint64_t> counts(threads, 0);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      counts[t] = walk(customers_per_iteration * t / threads, customers_per_iteration * (t + 1) / threads);
    });
  }
  for (std::thread& thread : pool) thread.join();
  std::uint64_t total = 0;
  for (std::uint64_t c : counts) total += c;
  return total;
}

void walk_only(benchmark::State& state) {
  const CompiledScenario compiled = compile(reference());
  std::uint64_t transitions = 0;
  for (auto _ : state) {
    transitions += on_threads(static_cast<unsigned>(state.range(0)), [&](std::uint64_t first, std::uint64_t end) {
      CountingObserver observer;
      WalkScratch scratch(compiled.node_count);
      for (std::uint64_t c = first; c < end; ++c) walk_customer(compiled, 1, c, scratch, observer);
      return observer.transitions;
    });
  }
  state.counters["transitions_per_s"] =
      benchmark::Counter(static_cast<double>(transitions), benchmark::Counter::kIsRate);
}
BENCHMARK(walk_only)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor: walk the cumulative transition table with one keyed uniform per step.
void bare_table(benchmark::State& state) {
  const CompiledScenario compiled = compile(reference());
  const CompiledJourney& journey = compiled.journeys[0];
  std::uint64_t transitions = 0;
  for (auto _ : state) {
    transitions += on_threads(static_cast<unsigned>(state.range(0)), [&](std::uint64_t first, std::uint64_t end) {
      std::uint64_t steps = 0;
      for (std::uint64_t c = first; c < end; ++c) {
        std::uint32_t node = journey.entry_node[0];
        for (std::uint32_t visit = 0; journey.nodes[node].ending == no_ending; ++visit) {
          const CompiledNode& n = journey.nodes[node];
          const double* cumulative = journey.edge_cumulative.data() + n.first_edge;
          const double u = uniform(DrawKey{1, c, node, visit, Purpose::choice});
          node = journey.edge_to[n.first_edge +
                                 walk_detail::invert(cumulative, n.edge_count, u * cumulative[n.edge_count - 1])];
          ++steps;
        }
      }
      return steps;
    });
  }
  state.counters["transitions_per_s"] =
      benchmark::Counter(static_cast<double>(transitions), benchmark::Counter::kIsRate);
}
BENCHMARK(bare_table)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The bare table walk plus the model's own draws at each visit, and nothing
// else: dwell (lognormal: a normal quantile and an exp), the sentiment change
// (a normal quantile), the CSAT rating (a normal quantile and the cutpoints),
// and the choice weighted by e^(w S). What separates this from bare_table is
// the cost of the variates the model defines; what separates walk_only from
// this is the walk's bookkeeping (visit counts per touchpoint, the observer).
void bare_with_draws(benchmark::State& state) {
  const CompiledScenario compiled = compile(reference());
  const CompiledJourney& journey = compiled.journeys[0];
  std::uint64_t transitions = 0;
  std::atomic<std::int64_t> checksum = 0;
  for (auto _ : state) {
    transitions += on_threads(static_cast<unsigned>(state.range(0)), [&](std::uint64_t first, std::uint64_t end) {
      std::uint64_t steps = 0;
      std::int64_t ratings = 0;
      for (std::uint64_t c = first; c < end; ++c) {
        const CustomerDraws customer(1, c);
        std::uint32_t node = journey.entry_node[0];
        double clock = 0.0;
        double sentiment = journey.initial_sentiment;
        for (std::uint32_t visit = 0; journey.nodes[node].ending == no_ending; ++visit) {
          const CompiledNode& n = journey.nodes[node];
          const VisitDraws draws = customer.at(node, visit);
          clock += n.dwell(draws.uniform(Purpose::dwell));
          const double change = n.sentiment(draws.uniform(Purpose::sentiment)) - n.effort_drop;
          sentiment = std::clamp(sentiment + change, compiled.sentiment_min, compiled.sentiment_max);
          const double latent =
              change + compiled.csat_noise_sd * tabulated_normal_quantile(draws.uniform(Purpose::rating));
          ratings += ordered_probit(latent, compiled.csat_cutpoints.data(), 4);
          node = journey.edge_to[walk_detail::choose_edge(journey, n, sentiment, draws.uniform(Purpose::choice))];
          ++steps;
        }
        ratings += clock > 0.0 ? 1 : 0;
      }
      checksum += ratings;  // kept, so that no draw is optimised away
      return steps;
    });
  }
  benchmark::DoNotOptimize(checksum.load());
  state.counters["transitions_per_s"] =
      benchmark::Counter(static_cast<double>(transitions), benchmark::Counter::kIsRate);
}
BENCHMARK(bare_with_draws)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace journeysim

BENCHMARK_MAIN();
