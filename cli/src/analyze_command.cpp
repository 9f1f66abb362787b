// `journeysim analyze FILE [--what-if NAME] [--segment ID]`: solve the chain
// of the scenario (or of a variant, or of one segment) and print it; when the
// chain is only an approximation of the model, simulate the endings beside it.
#include "analyze_command.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "interrupt.hpp"
#include "journeysim/graph/absorbing_chain.hpp"
#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "journeysim/sim/queue/queue_run.hpp"
#include "journeysim/sim/report.hpp"
#include "usage.hpp"

namespace journeysim::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string percent(double x) { return format_number(100 * x, 4) + "%"; }

double total_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum;
}

// A removal effect as a share of all of them (0 when none has any), as Markov attribution reports it.
double share_of(double value, double total) { return total > 0 ? value / total : 0.0; }

Json chain_json(const Scenario& s, const ChainAnalysis& a) {
  Json out = Json::object();
  JsonObjectBuilder outcomes;
  for (std::size_t i = 0; i < s.touchpoints.size(); ++i) {
    if (s.touchpoints[i].terminal()) outcomes.set(s.touchpoints[i].id, a.ending_probability[i]);
  }
  out["outcomes"] = outcomes.take();
  out["conversion"] = a.conversion;
  out["expected_steps"] = a.expected_steps;
  out["expected_hours"] = a.expected_seconds / 3600.0;
  JsonObjectBuilder touchpoints;
  for (std::size_t i = 0; i < s.touchpoints.size(); ++i) {
    touchpoints.set(s.touchpoints[i].id, Json{{"expected_visits", a.expected_visits[i]}});
  }
  out["touchpoints"] = touchpoints.take();
  const double total = total_of(a.removal_effect);
  JsonObjectBuilder attribution;
  for (std::size_t i = 0; i < s.touchpoints.size(); ++i) {
    if (s.touchpoints[i].terminal()) continue;
    attribution.set(s.touchpoints[i].id, Json{{"removal_effect", a.removal_effect[i]},
                                              {"share", share_of(a.removal_effect[i], total)},
                                              {"first_touch", a.first_touch[i]},
                                              {"last_touch", a.last_touch[i]},
                                              {"linear_touch", a.linear_touch[i]}});
  }
  out["attribution"] = attribution.take();
  return out;
}

// A walk as `a > b x3 > c`: consecutive visits to one touchpoint (a
// self-loop) collapsed with their count, as run's paths are; the JSON keeps
// every step.
std::string walk_text(const Scenario& s, const LikelyWalk& walk) {
  std::string text;
  const std::vector<std::size_t>& tps = walk.touchpoints;
  for (std::size_t k = 0; k < tps.size();) {
    std::size_t repeats = 1;
    while (k + repeats < tps.size() && tps[k + repeats] == tps[k]) ++repeats;
    text += (k == 0 ? "" : " > ") + s.touchpoints[tps[k]].id + (repeats > 1 ? " x" + std::to_string(repeats) : "");
    k += repeats;
  }
  return text;
}

// Why the chain is not the model `run` simulates, one sentence per cause:
// the weighted transitions (a few named, and their count) and the horizon.
std::vector<std::string> approximate_reasons(const Scenario& structure, const ScenarioAnalysis& analysis) {
  std::vector<std::string> reasons;
  const std::vector<std::size_t>& weighted = analysis.weighted_transitions;
  if (!weighted.empty()) {
    constexpr std::size_t named = 3;
    std::string names;
    for (std::size_t k = 0; k < weighted.size() && k < named; ++k) {
      names += (k == 0 ? "" : ", ") + structure.transition_label(weighted[k]);
    }
    if (weighted.size() > named) names += " and " + std::to_string(weighted.size() - named) + " more";
    reasons.push_back((weighted.size() == 1
                           ? "a sentiment weight on 1 transition ("
                           : "sentiment weights on " + std::to_string(weighted.size()) + " transitions (") +
                      names + "): choices there depend on the customer's mood, which the chain takes as neutral");
  }
  if (structure.horizon) {
    reasons.push_back("a horizon of " + format_duration(*structure.horizon) +
                      ": customers still travelling then end \"active\", which the chain never does");
  }
  if (structure.has_queues()) {
    const auto queues = std::count_if(structure.touchpoints.begin(), structure.touchpoints.end(),
                                      [](const Touchpoint& t) { return t.capacity.has_value(); });
    reasons.push_back("queues at " + std::to_string(queues) + (queues == 1 ? " touchpoint" : " touchpoints") +
                      ": the chain has no waits, and no reneging, balking or closed hours");
  }
  return reasons;
}

// The simulated share of ending `id`, or none when the run never ended there
// (`active` and `unfinished` are listed only when they occur).
const OutcomeFigures* simulated_outcome(const RunReport& report, const std::string& id) {
  for (const OutcomeFigures& o : report.outcomes) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

// An ending beside the chain: the chain's probability (0 for `active` and
// `unfinished`, which it has not) and the simulated share.
struct EndingRow {
  std::string id;
  std::string kind;
  double chain = 0.0;
  Estimate simulated;
};

// Every ending of the structure, then the simulation's own, in report order.
std::vector<EndingRow> ending_rows(const Scenario& structure, const ChainAnalysis& a, const RunReport& simulated) {
  std::vector<EndingRow> rows;
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
    const Touchpoint& t = structure.touchpoints[i];
    if (!t.terminal()) continue;
    const OutcomeFigures* o = simulated_outcome(simulated, t.id);
    rows.push_back({t.id, t.outcome, a.ending_probability[i], o ? o->share : proportion(0, simulated.customers)});
  }
  for (const OutcomeFigures& o : simulated.outcomes) {
    if (o.id == outcome_kind::active || o.id == outcome_kind::unfinished) rows.push_back({o.id, o.kind, 0.0, o.share});
  }
  return rows;
}

// "20,000 customers, seed 1": the simulation's size, wherever it is named.
std::string simulation_text(const RunReport& simulated) {
  return grouped_count(simulated.customers) + " customers, seed " + std::to_string(simulated.seed);
}

// The whole chain's figures as CSV rows (and a segment's, the extra column
// naming it), in the JSON's order.
void chain_csv(CsvTable& csv, const Scenario& s, const ChainAnalysis& a) {
  const double total = total_of(a.removal_effect);
  for (std::size_t i = 0; i < s.touchpoints.size(); ++i) {
    const Touchpoint& t = s.touchpoints[i];
    if (t.terminal()) csv.number("outcomes", t.id, "probability", a.ending_probability[i]);
  }
  csv.number("summary", "conversion", "value", a.conversion);
  csv.number("summary", "expected_steps", "value", a.expected_steps);
  csv.number("summary", "expected_hours", "value", a.expected_seconds / 3600.0);
  for (std::size_t i = 0; i < s.touchpoints.size(); ++i) {
    const Touchpoint& t = s.touchpoints[i];
    csv.number("touchpoints", t.id, "expected_visits", a.expected_visits[i]);
    if (t.terminal()) continue;
    csv.number("attribution", t.id, "removal_effect", a.removal_effect[i]);
    csv.number("attribution", t.id, "share", share_of(a.removal_effect[i], total));
    csv.number("attribution", t.id, "first_touch", a.first_touch[i]);
    csv.number("attribution", t.id, "last_touch", a.last_touch[i]);
    csv.number("attribution", t.id, "linear_touch", a.linear_touch[i]);
  }
}

}  // namespace

CLI::App* add_analyze_command(CLI::App& app, AnalyzeOptions& options) {
  CLI::App* command =
      app.add_subcommand("analyze", "Exact outcome probabilities, expected visits, attribution and likely journeys");
  add_simulation_inputs(*command, options.simulation);
  // The simulation runs only beside an approximate chain, and is quick: its own default.
  command->get_option("--customers")
      ->description(
          "Customers to simulate beside a chain that sentiment weights or a horizon make approximate "
          "(default " +
          grouped_count(analyze_default_customers) + ")");
  command->get_option("--segment")->description("Analyze one segment only");
  command->add_option("--what-if", options.what_if, "Analyze this what-if variant instead of the baseline");
  add_whole_number_option(*command, "--paths", options.paths, 1, 100, "Likely journeys to list per ending (default 5)");
  add_output_options(*command, options.simulation.format, options.simulation.out,
                     "Write to this file (atomically) instead of standard output");
  return command;
}

int run_analyze(const AnalyzeOptions& options, std::ostream& out, std::ostream& err) {
  const SimulationOptions& as_run = options.simulation;
  PreparedRun prepared = prepare_run(as_run, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;
  prepared.run.customers = as_run.customers.value_or(analyze_default_customers);

  Scenario structure = scenario;
  std::vector<Journey> journeys = resolve_journeys(scenario);
  if (options.what_if) {
    std::vector<std::string> names;
    for (const WhatIf& w : scenario.what_if) names.push_back(w.name);
    const auto found = std::find(names.begin(), names.end(), *options.what_if);
    if (found == names.end()) {
      err << "journeysim: --what-if: " << as_run.file
          << (names.empty() ? " has no what-ifs"
                            : ": " + unknown_name_text("what-if", "what-ifs", *options.what_if, names))
          << '\n';
      return exit_usage;
    }
    Diagnostics diagnostics;
    const Variant variant = *apply_what_if(scenario, static_cast<std::size_t>(found - names.begin()), diagnostics);
    structure = variant_structure(scenario, variant);
    journeys = variant.journeys;
  }
  // One segment's chain is its journey at share 1; the simulation keeps every
  // journey and restricts itself (RunOptions::segment), as `run --segment` does.
  std::vector<Journey> one_segment;
  if (prepared.run.segment) {
    one_segment = {journeys.at(*prepared.run.segment)};
    one_segment.front().share = 1.0;
  }
  ScenarioAnalysis analysis;
  try {
    analysis = analyze_scenario(structure, prepared.run.segment ? one_segment : journeys, options.paths);
  } catch (const AnalysisError& e) {
    err << as_run.file << ": error: " << e.what() << '\n';
    return exit_bad_input;
  }

  // The chain ignores sentiment weights and the horizon; where the model has
  // them, the endings are simulated as `run` would (same engine, same seed
  // contract), so the gap between the two is on the page, not guessed at.
  std::vector<std::string> reasons;
  std::optional<RunReport> simulated;
  if (analysis.approximate) {
    reasons = approximate_reasons(structure, analysis);
    const InterruptWatch watch;
    if (structure.has_queues()) {
      const QueueRun run = run_queue_simulation(structure, journeys, prepared.run, progress_bar(err), watch.flag());
      if (run.cancelled) return report_interrupted(err);
      simulated = make_queue_report(structure, prepared.run, run);
    } else {
      const RunResult result = run_simulation(structure, journeys, prepared.run, progress_bar(err), watch.flag());
      if (result.cancelled) return report_interrupted(err);
      simulated = make_report(structure, prepared.run, result);
    }
    warn_unfinished(*simulated, scenario, "the simulation beside the chain: ", err);
  }

  std::string text;
  if (as_run.format == Format::json) {
    Json report = Json::object();
    report["scenario"] = scenario.name;
    if (options.what_if) report["what_if"] = *options.what_if;
    if (as_run.segment) report["segment"] = *as_run.segment;
    report["approximate"] = analysis.approximate;
    if (simulated) {
      report["approximate_because"] = reasons;
      report["simulation"] = Json{{"customers", simulated->customers}, {"seed", simulated->seed}};
    }
    const Json mixed = chain_json(structure, analysis.mixed);  // kept alive while its items are read
    for (const auto& [key, value] : mixed.items()) {
      report[key] = value;
      if (key != "outcomes" || !simulated) continue;
      // `outcomes` stays the chain's numbers; each ending beside its simulated share follows it.
      JsonObjectBuilder endings;
      for (const EndingRow& row : ending_rows(structure, analysis.mixed, *simulated)) {
        endings.set(row.id,
                    Json{{"outcome", row.kind}, {"chain", row.chain}, {"simulated", estimate_to_json(row.simulated)}});
      }
      report["endings"] = endings.take();
    }
    const double channel_total = total_of(analysis.channel_removal_effect);
    Json channels = Json::object();
    for (std::size_t c = 0; c < analysis.channels.size(); ++c) {
      channels[analysis.channels[c]] = Json{{"removal_effect", analysis.channel_removal_effect[c]},
                                            {"share", share_of(analysis.channel_removal_effect[c], channel_total)}};
    }
    report["channels"] = channels;
    Json segments = Json::object();
    for (const auto& [id, chain] : analysis.segments) segments[id] = chain_json(structure, chain);
    report["segments"] = segments;
    Json paths = Json::array();
    for (const auto& [segment, walks] : analysis.likely_walks) {
      for (const auto& [kind, list] : walks.by_outcome) {
        for (const LikelyWalk& walk : list) {
          Json ids = Json::array();
          for (std::size_t tp : walk.touchpoints) ids.push_back(structure.touchpoints[tp].id);
          Json entry{{"outcome", kind}, {"path", ids}, {"probability", walk.probability}};
          if (!segment.empty()) entry["segment"] = segment;
          paths.push_back(entry);
        }
      }
    }
    report["likely_paths"] = paths;
    text = json_text(report);
  } else if (as_run.format == Format::csv) {
    // Everything the JSON has, in the long format; the extra column names the
    // segment a row is about (empty: the whole population analysed).
    CsvTable csv({"segment"});
    csv.label("analysis", "scenario", "value", scenario.name);
    if (options.what_if) csv.label("analysis", "what_if", "value", *options.what_if);
    if (as_run.segment) csv.label("analysis", "segment", "value", *as_run.segment);
    csv.count("analysis", "approximate", "value", analysis.approximate ? 1 : 0);
    for (std::size_t r = 0; r < reasons.size(); ++r) {
      csv.label("approximate_because", std::to_string(r + 1), "reason", reasons[r]);
    }
    if (simulated) {
      csv.count("simulation", "customers", "value", simulated->customers);
      csv.count("simulation", "seed", "value", simulated->seed);
    }
    chain_csv(csv, structure, analysis.mixed);
    if (simulated) {
      for (const EndingRow& row : ending_rows(structure, analysis.mixed, *simulated)) {
        csv.label("endings", row.id, "outcome", row.kind);
        csv.number("endings", row.id, "chain", row.chain);
        csv.estimate("endings", row.id, "simulated", row.simulated);
      }
    }
    const double channel_total = total_of(analysis.channel_removal_effect);
    for (std::size_t c = 0; c < analysis.channels.size(); ++c) {
      csv.number("channels", analysis.channels[c], "removal_effect", analysis.channel_removal_effect[c]);
      csv.number("channels", analysis.channels[c], "share",
                 share_of(analysis.channel_removal_effect[c], channel_total));
    }
    for (const auto& [id, chain] : analysis.segments) {
      csv.set_extra({id});
      chain_csv(csv, structure, chain);
    }
    // A walk per key "KIND RANK" (1: the likeliest), its every step in `path`.
    for (const auto& [segment, walks] : analysis.likely_walks) {
      csv.set_extra({segment});
      for (const auto& [kind, list] : walks.by_outcome) {
        for (std::size_t w = 0; w < list.size(); ++w) {
          std::string steps;
          for (std::size_t tp : list[w].touchpoints) {
            steps += (steps.empty() ? "" : " > ") + structure.touchpoints[tp].id;
          }
          const std::string key = kind + " " + std::to_string(w + 1);
          csv.label("likely_paths", key, "path", steps);
          csv.number("likely_paths", key, "probability", list[w].probability);
        }
      }
    }
    text = csv.text();
  } else {
    std::ostringstream table;
    const ChainAnalysis& a = analysis.mixed;
    table << scenario.name
          << (simulated ? ": analysis of the chain without sentiment weights or horizon (APPROXIMATE)"
                        : ": exact analysis")
          << (options.what_if ? " of what-if \"" + *options.what_if + "\"" : "")
          << (as_run.segment ? ", segment " + *as_run.segment : "") << "\n";
    if (simulated) {
      table
          << "\nAPPROXIMATE: every figure below is that of the chain with each sentiment weight at 0 and no horizon,\n"
             "not of the model `run` simulates, because of\n";
      for (const std::string& reason : reasons) table << "  - " << reason << '\n';
      table << "Each ending's share is simulated beside the chain's (" << simulation_text(*simulated)
            << ") to show the gap; `run` gives every KPI.\n";
      table << "\nEndings: the chain's probability, then the simulated share and its 95% interval\n";
      for (const EndingRow& row : ending_rows(structure, a, *simulated)) {
        // `active` and `unfinished` are their own kind (no touchpoint may take those ids).
        const bool synthetic = row.id == outcome_kind::active || row.id == outcome_kind::unfinished;
        std::string label = synthetic ? row.id : row.id + " (" + row.kind + ")";
        label.resize(std::max<std::size_t>(label.size(), 38), ' ');
        std::string chain = percent_text(row.chain);
        chain.resize(std::max<std::size_t>(chain.size(), 8), ' ');
        table << "  " << label << "  chain " << chain << "  simulated " << percent_text(row.simulated.value) << ' '
              << share_interval_text(row.simulated) << '\n';
      }
    } else {
      table << "\nEndings                                 probability\n";
      for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
        const Touchpoint& t = structure.touchpoints[i];
        if (!t.terminal()) continue;
        std::string label = t.id + " (" + t.outcome + ")";
        label.resize(std::max<std::size_t>(label.size(), 38), ' ');
        table << "  " << label << "  " << percent(a.ending_probability[i]) << '\n';
      }
    }
    table << "\nExpected steps per customer " << format_number(a.expected_steps, 4) << ", expected journey "
          << format_number(a.expected_seconds / 3600.0, 4) << " h\n";
    table << "\nExpected visits per customer (most visited first)\n";
    std::vector<std::size_t> visited;
    for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
      if (!structure.touchpoints[i].terminal()) visited.push_back(i);
    }
    std::stable_sort(visited.begin(), visited.end(),
                     [&](std::size_t x, std::size_t y) { return a.expected_visits[x] > a.expected_visits[y]; });
    for (std::size_t i : visited) {
      std::string id = structure.touchpoints[i].id;
      id.resize(std::max<std::size_t>(id.size(), 38), ' ');
      table << "  " << id << "  " << format_number(a.expected_visits[i], 4) << '\n';
    }
    const double total = total_of(a.removal_effect);
    if (a.conversion > 0) {
      const auto column = [](const std::string& text, std::size_t width) {
        return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
      };
      table << "\nAttribution of conversions (" << percent(a.conversion) << " of customers convert)\n"
            << "  " << std::string(30, ' ') << column("removal effect", 16) << column("share", 10)
            << column("first touch", 14) << column("last touch", 13) << column("linear touch", 15) << '\n';
      std::vector<std::size_t> order;
      for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
        if (!structure.touchpoints[i].terminal()) order.push_back(i);
      }
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t x, std::size_t y) { return a.removal_effect[x] > a.removal_effect[y]; });
      for (std::size_t i : order) {
        std::string id = structure.touchpoints[i].id;
        id.resize(std::max<std::size_t>(id.size(), 30), ' ');
        table << "  " << id << column(percent(a.removal_effect[i]), 16)
              << column(percent(share_of(a.removal_effect[i], total)), 10) << column(percent(a.first_touch[i]), 14)
              << column(percent(a.last_touch[i]), 13) << column(percent(a.linear_touch[i]), 15) << '\n';
      }
      const double channel_total = total_of(analysis.channel_removal_effect);
      table << "\n  " << std::string(30, ' ') << column("removal effect", 16) << column("share", 10)
            << "   (by channel)\n";
      for (std::size_t c = 0; c < analysis.channels.size(); ++c) {
        std::string name = analysis.channels[c];
        name.resize(std::max<std::size_t>(name.size(), 30), ' ');
        table << "  " << name << column(percent(analysis.channel_removal_effect[c]), 16)
              << column(percent(share_of(analysis.channel_removal_effect[c], channel_total)), 10) << '\n';
      }
      table << "  (removal effect: the share of conversions lost if the touchpoint or channel were removed;\n"
               "   share: removal effects normalised to sum to 100%, as Markov attribution reports them;\n"
               "   first and last touch: the share of conversions entering at the touchpoint, or converting\n"
               "   straight after it; linear touch: its share of the touches of the customers who convert)\n";
    } else {
      table << "\nNo ending is a \"converted\" outcome, so there is nothing to attribute.\n";
    }
    table << "\nMost likely journeys";
    for (const auto& [segment, walks] : analysis.likely_walks) {
      table << (segment.empty() ? "" : "\n  segment " + segment) << (walks.complete ? "" : " (search budget reached)")
            << '\n';
      for (const auto& [kind, list] : walks.by_outcome) {
        for (std::size_t w = 0; w < list.size() && w < 3; ++w) {
          table << "  " << kind << "  " << percent(list[w].probability) << "  " << walk_text(structure, list[w])
                << '\n';
        }
      }
    }
    if (simulated) {
      table << "\nThe chain's figures hold for the chain without sentiment weights or horizon only; the simulated\n"
               "shares are estimates of the model as written ("
            << simulation_text(*simulated) << "), with 95% intervals.\n";
    } else {
      table << "\nThese are exact figures of the Markov chain, not estimates: no intervals.\n";
    }
    text = table.str();
  }
  return emit(as_run, text, out, err);
}

}  // namespace journeysim::cli
