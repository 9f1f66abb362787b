// Loading and validating scenarios: the shipped ones, and generated chains of
// growing size (the loader should scale about linearly in the file's size).
#include <benchmark/benchmark.h>

#include <string>

#include "journeysim/graph/json_document.hpp"
#include "journeysim/graph/scenario_loader.hpp"

namespace {

void load_shipped(benchmark::State& state, const char* name) {
  journeysim::Diagnostics diagnostics;
  const std::string path = std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + name;
  const std::string text = journeysim::read_text_file(path, diagnostics).value_or("");
  for (auto _ : state) {
    journeysim::LoadResult loaded = journeysim::load_scenario_text(text);
    benchmark::DoNotOptimize(loaded);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(load_shipped, online_store, "online_store.json");
BENCHMARK_CAPTURE(load_shipped, saas_subscription, "saas_subscription.json");
BENCHMARK_CAPTURE(load_shipped, contact_centre, "contact_centre.json");

// A chain of n touchpoints, each leaving to the next or to an ending.
std::string chain(std::int64_t n) {
  std::string text = R"({"entry": {"t0": 1}, "touchpoints": [)";
  for (std::int64_t i = 0; i < n; ++i) {
    text += R"({"id": "t)" + std::to_string(i) + R"(", "dwell": {"dist": "lognormal", "median": "4m", "p90": "15m"}},)";
  }
  text += R"({"id": "end", "outcome": "lost"}], "transitions": [)";
  for (std::int64_t i = 0; i + 1 < n; ++i) {
    text += R"({"from": "t)" + std::to_string(i) + R"(", "to": "t)" + std::to_string(i + 1) + R"(", "p": 0.9},)";
    text += R"({"from": "t)" + std::to_string(i) + R"(", "to": "end", "p": "rest"},)";
  }
  text += R"({"from": "t)" + std::to_string(n - 1) + R"(", "to": "end", "p": 1})";
  return text + "]}";
}

void load_chain(benchmark::State& state) {
  const std::string text = chain(state.range(0));
  for (auto _ : state) {
    journeysim::LoadResult loaded = journeysim::load_scenario_text(text);
    if (!loaded.ok()) state.SkipWithError("the generated scenario did not load");
    benchmark::DoNotOptimize(loaded);
  }
  state.SetComplexityN(state.range(0));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(load_chain)->RangeMultiplier(10)->Range(10, 10'000)->Complexity()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
