// `journeysim validate FILE...`: load each scenario, print what is wrong, or a
// one-line summary of what it holds.
#include <ostream>

#include "commands.hpp"
#include "journeysim/graph/text.hpp"
#include "print_diagnostics.hpp"
#include "validate_command.hpp"

namespace journeysim::cli {

namespace {

std::string summary(const Scenario& s) {
  std::size_t terminals = 0;
  for (const Touchpoint& t : s.touchpoints) terminals += t.terminal() ? 1 : 0;
  std::string outcomes;
  for (const std::string& kind : s.outcome_kinds()) outcomes += (outcomes.empty() ? "" : ", ") + kind;
  return plural(s.touchpoints.size(), "touchpoint", "touchpoints") + " (" + std::to_string(terminals) + " terminal), " +
         plural(s.transitions.size(), "transition", "transitions") + ", " +
         plural(s.segments.size(), "segment", "segments") + ", " + plural(s.stage_order().size(), "stage", "stages") +
         ", " + plural(s.what_if.size(), "what-if", "what-ifs") + "; outcomes: " + outcomes;
}

}  // namespace

void add_validate_command(CLI::App& app, ValidateOptions& options) {
  CLI::App* command = app.add_subcommand("validate", "Check scenario files and report every problem found");
  command->add_option("FILE", options.files, "Scenario JSON files")->required();
}

int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  int status = exit_ok;
  for (const std::string& file : options.files) {
    const LoadResult loaded = load_scenario_file(file);
    print_diagnostics(loaded, file, err);
    if (loaded.ok()) {
      out << printable_text(file) << ": valid: " << summary(*loaded.scenario);
      if (!loaded.diagnostics.empty()) out << " (" << count_summary(loaded.diagnostics) << ")";
      out << '\n';
    } else {
      err << printable_text(file) << ": invalid: " << count_summary(loaded.diagnostics) << '\n';
      status = exit_bad_input;
    }
  }
  return status;
}

}  // namespace journeysim::cli
