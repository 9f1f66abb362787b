// `journeysim compare`: what-if variants against the baseline, paired.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace journeysim::cli {

struct CompareOptions {
  SimulationOptions simulation;
  std::vector<std::string> what_ifs;  // empty: all of the scenario's
};

CLI::App* add_compare_command(CLI::App& app, CompareOptions& options);
int run_compare(const CompareOptions& options, std::ostream& out, std::ostream& err);

}  // namespace journeysim::cli
