// Exact analysis with attribution of a generated 10,000-touchpoint journey
// (DESIGN section 11: under a second). The generator makes stages of 100
// touchpoints: forward links up to 100 ahead (into later stages), loops back
// within a stage (customers browse back and forth inside a stage, not back to
// an earlier one), and three endings. docs/performance.md says what a single
// giant loop costs instead.
#include <benchmark/benchmark.h>

#include <map>
#include <random>

#include "journeysim/graph/absorbing_chain.hpp"

namespace journeysim {
namespace {

// `stage_local`: loops stay within stages of 100; otherwise links back up to
// 150 touchpoints join the whole journey into one strongly connected loop.
Journey generated_journey(std::size_t touchpoints, std::uint64_t seed, bool stage_local = true) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Journey j;
  for (std::size_t i = 0; i < touchpoints; ++i) {
    Touchpoint t;
    t.id = "t" + std::to_string(i);
    t.channel = i % 3 == 0 ? "web" : i % 3 == 1 ? "app" : "email";
    t.dwell = Distribution::constant(60.0);
    j.touchpoints.push_back(t);
  }
  const std::size_t won = j.touchpoints.size(), lost = won + 1, churned = won + 2;
  for (const char* outcome : {"converted", "lost", "churned"}) {
    Touchpoint t;
    t.id = outcome;
    t.outcome = outcome;
    j.touchpoints.push_back(t);
  }
  for (std::size_t i = 0; i < touchpoints; ++i) {
    const std::size_t forward = std::min(touchpoints - 1, i + 1 + random() % 100);
    const std::size_t stage_start = i - i % 100;
    std::size_t back = i > stage_start ? stage_start + random() % (i - stage_start) : won;
    if (!stage_local) back = i >= 150 ? i - 1 - random() % 150 : (i + 1) % touchpoints;
    double w[5];
    double total = 0;
    for (double& x : w) total += (x = 0.05 + unit(random));
    const std::size_t targets[5] = {forward == i ? won : forward, back, won, lost, churned};
    std::map<std::size_t, double> merged;
    for (int k = 0; k < 5; ++k) merged[targets[k]] += w[k] / total;
    for (const auto& [to, p] : merged) j.transitions.push_back(Transition{i, to, {p, false}, 0, {}, std::nullopt});
  }
  j.entry.push_back(EntryShare{0, 1.0});
  return j;
}

void exact_analysis_with_attribution(benchmark::State& state) {
  const Journey journey = generated_journey(static_cast<std::size_t>(state.range(0)), 3, state.range(1) == 1);
  for (auto _ : state) {
    ChainAnalysis a = analyze_journey(journey);
    std::vector<double> channels = channel_removal_effects(journey, {"web", "app", "email"});
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(channels);
  }
}
// Second argument: 1 for stage-local loops, 0 for one loop through everything.
BENCHMARK(exact_analysis_with_attribution)
    ->Args({1'000, 1})
    ->Args({10'000, 1})
    ->Args({10'000, 0})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace journeysim

BENCHMARK_MAIN();
