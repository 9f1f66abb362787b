// Loading and validating scenarios: the shipped ones, generated chains of
// growing size up to 10^5 touchpoints, and objects of growing width (an entry
// over every touchpoint): the loader should scale about linearly in the file's
// size, whatever its shape (objects read quadratically in their width before).
#include <benchmark/benchmark.h>

#include <string>

#include "journeysim/graph/json_document.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/text.hpp"

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
BENCHMARK(load_chain)->RangeMultiplier(10)->Range(10, 100'000)->Complexity()->Unit(benchmark::kMillisecond);

// n touchpoints, each entered by 1/n of the customers: an entry object n keys wide.
std::string wide_entry(std::int64_t n) {
  std::string entry;
  std::string touchpoints;
  std::string transitions;
  const std::string share = journeysim::format_number(1.0 / static_cast<double>(n), 17);
  for (std::int64_t i = 0; i < n; ++i) {
    const std::string id = "t" + std::to_string(i);
    entry += (i == 0 ? "\"" : ", \"") + id + "\": " + share;
    touchpoints += R"({"id": ")" + id + R"("},)";
    transitions += (i == 0 ? "" : ",") + std::string(R"({"from": ")") + id + R"(", "to": "end", "p": 1})";
  }
  return R"({"entry": {)" + entry + R"(}, "touchpoints": [)" + touchpoints +
         R"({"id": "end", "outcome": "lost"}], "transitions": [)" + transitions + "]}";
}

void load_wide_object(benchmark::State& state) {
  const std::string text = wide_entry(state.range(0));
  for (auto _ : state) {
    journeysim::LoadResult loaded = journeysim::load_scenario_text(text);
    if (!loaded.ok()) state.SkipWithError("the generated scenario did not load");
    benchmark::DoNotOptimize(loaded);
  }
  state.SetComplexityN(state.range(0));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(load_wide_object)->RangeMultiplier(4)->Range(1'000, 64'000)->Complexity()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
