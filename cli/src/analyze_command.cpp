// `journeysim analyze FILE [--what-if NAME] [--segment ID]`: solve the chain
// of the scenario (or of a variant, or of one segment) and print it.
#include "analyze_command.hpp"

#include <cmath>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "journeysim/graph/absorbing_chain.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/graph/what_if.hpp"
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
                                              {"share", total > 0 ? a.removal_effect[i] / total : 0.0},
                                              {"first_touch", a.first_touch[i]},
                                              {"last_touch", a.last_touch[i]}});
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

}  // namespace

CLI::App* add_analyze_command(CLI::App& app, AnalyzeOptions& options) {
  CLI::App* command =
      app.add_subcommand("analyze", "Exact outcome probabilities, expected visits, attribution and likely journeys");
  command->add_option("FILE", options.file, "Scenario JSON file")->required();
  command->add_option("--what-if", options.what_if, "Analyze this what-if variant instead of the baseline");
  command->add_option("--segment", options.segment, "Analyze one segment only");
  add_whole_number_option(*command, "--paths", options.paths, 1, 100, "Likely journeys to list per ending (default 5)");
  add_output_options(*command, options.format, options.out, "Write to this file (atomically) instead of standard output");
  return command;
}

int run_analyze(const AnalyzeOptions& options, std::ostream& out, std::ostream& err) {
  SimulationOptions as_run;
  as_run.file = options.file;
  as_run.segment = options.segment;
  as_run.out = options.out;
  PreparedRun prepared = prepare_run(as_run, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;

  Scenario structure = scenario;
  std::vector<Journey> journeys = resolve_journeys(scenario);
  if (options.what_if) {
    std::vector<std::string> names;
    for (const WhatIf& w : scenario.what_if) names.push_back(w.name);
    const auto found = std::find(names.begin(), names.end(), *options.what_if);
    if (found == names.end()) {
      err << "journeysim: --what-if: " << options.file
          << (names.empty() ? " has no what-ifs" : ": " + unknown_name_text("what-if", "what-ifs", *options.what_if, names))
          << '\n';
      return exit_usage;
    }
    Diagnostics diagnostics;
    const Variant variant = *apply_what_if(scenario, static_cast<std::size_t>(found - names.begin()), diagnostics);
    structure = variant_structure(scenario, variant);
    journeys = variant.journeys;
  }
  if (prepared.run.segment) {
    Journey one = journeys.at(*prepared.run.segment);
    one.share = 1.0;
    journeys = {one};
  }
  ScenarioAnalysis analysis;
  try {
    analysis = analyze_scenario(structure, journeys, options.paths);
  } catch (const AnalysisError& e) {
    err << options.file << ": error: " << e.what() << '\n';
    return exit_bad_input;
  }

  std::string text;
  if (options.format == Format::json) {
    Json report = Json::object();
    report["scenario"] = scenario.name;
    if (options.what_if) report["what_if"] = *options.what_if;
    if (options.segment) report["segment"] = *options.segment;
    report["approximate"] = analysis.approximate;
    const Json mixed = chain_json(structure, analysis.mixed);  // kept alive while its items are read
    for (const auto& [key, value] : mixed.items()) report[key] = value;
    const double channel_total = total_of(analysis.channel_removal_effect);
    Json channels = Json::object();
    for (std::size_t c = 0; c < analysis.channels.size(); ++c) {
      channels[analysis.channels[c]] = Json{{"removal_effect", analysis.channel_removal_effect[c]},
                                            {"share", channel_total > 0 ? analysis.channel_removal_effect[c] / channel_total : 0.0}};
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
  } else if (options.format == Format::csv) {
    CsvTable csv;
    const ChainAnalysis& a = analysis.mixed;
    const double total = total_of(a.removal_effect);
    for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
      const Touchpoint& t = structure.touchpoints[i];
      if (t.terminal()) csv.number("outcomes", t.id, "probability", a.ending_probability[i]);
    }
    csv.number("summary", "expected_steps", "value", a.expected_steps);
    csv.number("summary", "expected_hours", "value", a.expected_seconds / 3600.0);
    for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
      const Touchpoint& t = structure.touchpoints[i];
      csv.number("touchpoints", t.id, "expected_visits", a.expected_visits[i]);
      if (t.terminal()) continue;
      csv.number("attribution", t.id, "removal_effect", a.removal_effect[i]);
      csv.number("attribution", t.id, "share", total > 0 ? a.removal_effect[i] / total : 0.0);
    }
    text = csv.text();
  } else {
    std::ostringstream table;
    const ChainAnalysis& a = analysis.mixed;
    table << scenario.name << ": exact analysis" << (options.what_if ? " of what-if \"" + *options.what_if + "\"" : "")
          << (options.segment ? ", segment " + *options.segment : "") << "\n";
    if (analysis.approximate) {
      table << "(approximate: computed with every sentiment weight at 0 and no horizon; `run` simulates them)\n";
    }
    table << "\nEndings                                 probability\n";
    for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
      const Touchpoint& t = structure.touchpoints[i];
      if (!t.terminal()) continue;
      std::string label = t.id + " (" + t.outcome + ")";
      label.resize(std::max<std::size_t>(label.size(), 38), ' ');
      table << "  " << label << "  " << percent(a.ending_probability[i]) << '\n';
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
            << column("first touch", 14) << column("last touch", 13) << '\n';
      std::vector<std::size_t> order;
      for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
        if (!structure.touchpoints[i].terminal()) order.push_back(i);
      }
      std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return a.removal_effect[x] > a.removal_effect[y]; });
      for (std::size_t i : order) {
        std::string id = structure.touchpoints[i].id;
        id.resize(std::max<std::size_t>(id.size(), 30), ' ');
        table << "  " << id << column(percent(a.removal_effect[i]), 16)
              << column(percent(total > 0 ? a.removal_effect[i] / total : 0.0), 10) << column(percent(a.first_touch[i]), 14)
              << column(percent(a.last_touch[i]), 13) << '\n';
      }
      const double channel_total = total_of(analysis.channel_removal_effect);
      table << "\n  " << std::string(30, ' ') << column("removal effect", 16) << column("share", 10) << "   (by channel)\n";
      for (std::size_t c = 0; c < analysis.channels.size(); ++c) {
        std::string name = analysis.channels[c];
        name.resize(std::max<std::size_t>(name.size(), 30), ' ');
        table << "  " << name << column(percent(analysis.channel_removal_effect[c]), 16)
              << column(percent(channel_total > 0 ? analysis.channel_removal_effect[c] / channel_total : 0.0), 10) << '\n';
      }
      table << "  (removal effect: the share of conversions lost if the touchpoint or channel were removed;\n"
               "   share: removal effects normalised to sum to 100%, as Markov attribution reports them)\n";
    } else {
      table << "\nNo ending is a \"converted\" outcome, so there is nothing to attribute.\n";
    }
    table << "\nMost likely journeys";
    for (const auto& [segment, walks] : analysis.likely_walks) {
      table << (segment.empty() ? "" : "\n  segment " + segment) << (walks.complete ? "" : " (search budget reached)")
            << '\n';
      for (const auto& [kind, list] : walks.by_outcome) {
        for (std::size_t w = 0; w < list.size() && w < 3; ++w) {
          table << "  " << kind << "  " << percent(list[w].probability) << "  " << walk_text(structure, list[w]) << '\n';
        }
      }
    }
    table << "\nThese are exact figures of the Markov chain, not estimates: no intervals.\n";
    text = table.str();
  }
  return emit(as_run, text, out, err);
}

}  // namespace journeysim::cli
