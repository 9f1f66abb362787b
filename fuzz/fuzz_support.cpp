// The fuzz targets' work (see fuzz_support.hpp). A finding is an exception
// escaping the libraries, a model that does not survive a save, or a
// what-if the loader accepted that then does not apply; crashes and
// sanitizer reports end the process on their own.
#include "fuzz_support.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <vector>

#include "journeysim/graph/absorbing_chain.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/scenario_writer.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/mine/delimited_reader.hpp"
#include "journeysim/mine/miner.hpp"
#include "journeysim/sim/compare.hpp"

namespace journeysim::fuzz {

namespace {

// Small enough for thousands of inputs a second, large enough that every
// touchpoint of a small scenario is visited.
constexpr std::uint64_t fuzz_customers = 24;
// A scenario may ask for 10^9 steps a customer; the fuzzer looks for wrong
// states, not for long walks.
constexpr std::uint64_t fuzz_max_steps = 2'000;

struct Defect {
  std::string what;
};

[[noreturn]] void fail(const std::string& what, const std::string& detail) { throw Defect{what + ": " + detail}; }

Scenario bounded(Scenario scenario) {
  scenario.max_steps = std::min(scenario.max_steps, fuzz_max_steps);
  return scenario;
}

void simulate(const Scenario& scenario, const std::vector<Variant>& variants) {
  RunOptions options;
  options.customers = fuzz_customers;
  options.threads = 1;
  const Comparison comparison = run_comparison(scenario, variants, options);
  (void)make_comparison_report(scenario, options, comparison);
}

void analyze(const Scenario& scenario) { (void)analyze_scenario(scenario, resolve_journeys(scenario), 3); }

void round_trip(const Scenario& scenario) {
  const std::string saved = render_json(to_json(scenario));
  LoadResult again = load_scenario_text(saved);
  if (!again.ok()) fail("a saved scenario does not load again", saved);
  if (!(*again.scenario == scenario)) fail("a saved scenario loads as a different model", saved);
}

// Every row the reader delivers for `text` fed in pieces of `piece` bytes
// (0: all at once), as one comparable string.
std::string rows_read(const std::string& text, char delimiter, std::size_t piece) {
  std::string rows;
  auto keep = [&](const mine::DelimitedRow& row) {
    if (row.places.size() != row.fields.size()) fail("a row's fields and their places differ in number", text);
    rows += std::to_string(row.start.line) + ":" + std::to_string(row.start.column) + " ";
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      rows += std::to_string(row.places[i].line) + ":" + std::to_string(row.places[i].column) + "=" +
              std::to_string(row.fields[i].size()) + "[" + row.fields[i] + "]";
    }
    rows += "|" + row.problem + "@" + std::to_string(row.problem_place.line) + ":" +
            std::to_string(row.problem_place.column) + "\n";
  };
  mine::DelimitedReader reader(delimiter, keep);
  if (piece == 0) {
    reader.feed(text);
  } else {
    for (std::size_t at = 0; at < text.size(); at += piece) reader.feed(std::string_view(text).substr(at, piece));
  }
  reader.finish();
  return rows;
}

template <class Work>
Finding guarded(Work&& work) {
  try {
    work();
  } catch (const Defect& defect) {
    return defect.what;
  } catch (const std::exception& e) {
    return std::string("exception escaped: ") + e.what();
  }
  return std::nullopt;
}

const char* const sweep_scenario = R"({
  "name": "Sweep fuzzing", "customers": 100,
  "stages": ["awareness", "purchase", "support"],
  "entry": {"ad": 0.7, "search": 0.3},
  "touchpoints": [
    {"id": "ad", "stage": "awareness", "channel": "social", "dwell": "10m", "sentiment": 0.1},
    {"id": "search", "stage": "awareness", "channel": "web", "dwell": {"dist": "exponential", "mean": "2m"}},
    {"id": "cart", "stage": "purchase", "channel": "web", "effort": 3,
     "dwell": {"dist": "lognormal", "median": "4m", "p90": "15m"}},
    {"id": "help", "stage": "support", "channel": "phone", "dwell": "20m"},
    {"id": "bought", "outcome": "converted", "revenue": 60},
    {"id": "left", "outcome": "abandoned"},
    {"id": "gone", "outcome": "lost"}
  ],
  "transitions": [
    {"from": "ad", "to": "cart", "p": 0.3},
    {"from": "ad", "to": "gone", "p": "rest"},
    {"from": "search", "to": "cart", "p": 0.6},
    {"from": "search", "to": "gone", "p": "rest"},
    {"from": "cart", "to": "bought", "p": 0.6, "sentiment_weight": 0.5},
    {"from": "cart", "to": "help", "p": 0.1},
    {"from": "cart", "to": "left", "p": "rest", "sentiment_weight": -1},
    {"from": "help", "to": "cart", "p": 0.7},
    {"from": "help", "to": "gone", "p": "rest"}
  ],
  "segments": [
    {"id": "new", "share": 0.6},
    {"id": "loyal", "share": 0.4, "sentiment": {"initial": 0.5},
     "touchpoints": [{"id": "cart", "effort": 2}],
     "transitions": [{"from": "cart", "to": "bought", "p": 0.75}]}
  ]
})";

}  // namespace

Finding exercise_scenario_text(const std::string& text) {
  return guarded([&] {
    LoadResult loaded = load_scenario_text(text);
    if (!loaded.ok()) return;
    const Scenario scenario = bounded(*loaded.scenario);
    round_trip(*loaded.scenario);
    std::vector<Variant> variants;
    for (std::size_t i = 0; i < scenario.what_if.size(); ++i) {
      Diagnostics diagnostics;
      std::optional<Variant> variant = apply_what_if(scenario, i, diagnostics);
      // The loader checked every what-if: one that loads must apply.
      if (!variant) fail("a what-if of a valid scenario does not apply", scenario.what_if[i].name);
      variants.push_back(std::move(*variant));
    }
    simulate(scenario, variants);
    analyze(scenario);
  });
}

const char* sweep_scenario_text() { return sweep_scenario; }

int abort_on_finding(const Finding& finding) {
  if (finding) {
    std::fprintf(stderr, "fuzz finding: %s\n", finding->c_str());
    std::abort();
  }
  return 0;
}

Finding exercise_event_log_text(const std::string& text) {
  return guarded([&] {
    const char delimiter = mine::detect_delimiter(std::string_view(text).substr(0, text.find('\n')));
    const std::string whole = rows_read(text, delimiter, 0);
    // Chunk sizes that split quotes, \r\n pairs and UTF-8 sequences.
    for (std::size_t piece : {std::size_t{1}, std::size_t{7}}) {
      if (rows_read(text, delimiter, piece) != whole) {
        fail("the CSV reader reads different rows when fed in pieces of " + std::to_string(piece), text);
      }
    }
    mine::EventLogOptions options;
    options.source = "fuzz.csv";
    options.outcomes = {{"bought", "converted"}, {"cancelled", "churned"}};
    for (const bool strict : {false, true}) {
      options.strict = strict;
      const mine::MineResult mined = mine::mine_text(text, options);
      for (const mine::RowProblem& problem : mined.problems) {
        const std::string line = mine::format_problem(problem, options.source);
        if (printable_text(line) != line) fail("a diagnostic is not one line of printable UTF-8", line);
      }
      if (!mined.ok()) continue;
      round_trip(*mined.scenario);
      simulate(bounded(*mined.scenario), {});
      analyze(*mined.scenario);
    }
  });
}

Finding exercise_sweep_text(const std::string& text) {
  return guarded([&] {
    static const Scenario scenario = [] {
      LoadResult loaded = load_scenario_text(sweep_scenario);
      if (!loaded.ok()) fail("the sweep scenario does not load", sweep_scenario);
      return *loaded.scenario;
    }();
    std::string problem;
    const std::optional<SweepSpec> spec = parse_sweep(scenario, text, problem);
    if (!spec) return;
    std::vector<Variant> variants;
    for (std::size_t i = 0; i < spec->values.size(); ++i) {
      Diagnostics diagnostics;
      std::optional<Variant> variant = apply_changes(scenario, spec->labels[i], {sweep_change(*spec, i)}, diagnostics);
      if (variant) variants.push_back(std::move(*variant));
    }
    simulate(scenario, variants);
  });
}

}  // namespace journeysim::fuzz
