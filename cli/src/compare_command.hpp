// `journeysim compare`: what-if variants against the baseline, paired.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "run_command.hpp"

namespace journeysim::cli {

struct CompareOptions {
  SimulationOptions simulation;
  std::vector<std::string> what_ifs;  // empty: all of the scenario's
};

// The variants `names` (--what-if, repeatable) choose, every one of the
// scenario's when none is named; nothing, with the message on `err`, when a
// name is unknown (a usage error).
std::optional<std::vector<Variant>> chosen_variants(const Scenario& scenario, const std::vector<std::string>& names,
                                                    const std::string& file, std::ostream& err);

// Simulates the chosen variants beside the baseline, paired, into `report`
// (with the warnings a run gives); the exit code: exit_ok, or why not (an
// unknown name, an interrupt).
int compare_chosen(const PreparedRun& prepared, const std::vector<std::string>& names, const std::string& file,
                   std::ostream& err, ComparisonReport& report);

// run_command's warn_unfinished for the baseline and each variant, named.
void warn_unfinished(const ComparisonReport& report, const Scenario& scenario, std::ostream& err);

CLI::App* add_compare_command(CLI::App& app, CompareOptions& options);
int run_compare(const CompareOptions& options, std::ostream& out, std::ostream& err);

}  // namespace journeysim::cli
