// `journeysim compare FILE [--what-if NAME]...`: build each variant, simulate
// it beside the baseline on the same draws, report the paired changes.
#include "compare_command.hpp"

#include <ostream>

#include "commands.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/simulate.hpp"
#include "interrupt.hpp"
#include "usage.hpp"

namespace journeysim::cli {

CLI::App* add_compare_command(CLI::App& app, CompareOptions& options) {
  CLI::App* command =
      app.add_subcommand("compare", "Compare the scenario's what-if variants with the baseline, customer by customer");
  add_simulation_options(*command, options.simulation);
  command->add_option("--what-if", options.what_ifs,
                      "A variant to compare, by name (repeat for several; default: all)");
  return command;
}

std::optional<std::vector<Variant>> chosen_variants(const Scenario& scenario, const std::vector<std::string>& names,
                                                    const std::string& file, std::ostream& err) {
  if (names.empty()) return every_what_if(scenario);
  std::vector<std::string> known;
  for (const WhatIf& w : scenario.what_if) known.push_back(w.name);
  std::vector<Variant> variants;
  for (const std::string& name : names) {
    const auto found = std::find(known.begin(), known.end(), name);
    if (found == known.end()) {
      err << "journeysim: --what-if: " << file << ": " << unknown_name_text("what-if", "what-ifs", name, known) << '\n';
      return std::nullopt;
    }
    Diagnostics diagnostics;  // the loader validated every variant already
    variants.push_back(*apply_what_if(scenario, static_cast<std::size_t>(found - known.begin()), diagnostics));
  }
  return variants;
}

int compare_chosen(const PreparedRun& prepared, const std::vector<std::string>& names, const std::string& file,
                   std::ostream& err, ComparisonReport& report) {
  const Scenario& scenario = *prepared.scenario;
  const std::optional<std::vector<Variant>> variants = chosen_variants(scenario, names, file, err);
  if (!variants) return exit_usage;
  const InterruptWatch watch;
  SimulatedComparison compared = compare_report(scenario, *variants, prepared.run, progress_bar(err), watch.flag());
  if (compared.cancelled) return report_interrupted(err);
  report = std::move(compared.report);
  warn_unfinished(report, scenario, err);
  return exit_ok;
}

void warn_unfinished(const ComparisonReport& report, const Scenario& scenario, std::ostream& err) {
  warn_unfinished(report.baseline, scenario, "baseline: ", err);
  for (const VariantComparison& v : report.variants) warn_unfinished(v.report, scenario, v.name + ": ", err);
}

int run_compare(const CompareOptions& options, std::ostream& out, std::ostream& err) {
  PreparedRun prepared = prepare_run(options.simulation, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;
  if (scenario.what_if.empty()) {
    err << "journeysim: " << options.simulation.file
        << " has no \"what_if\" variants to compare; add some (see docs/scenario-format.md)\n";
    return exit_bad_input;
  }
  ComparisonReport report;
  if (const int code = compare_chosen(prepared, options.what_ifs, options.simulation.file, err, report);
      code != exit_ok) {
    return code;
  }
  return emit(options.simulation, format_comparison(report, options.simulation.format), out, err);
}

}  // namespace journeysim::cli
