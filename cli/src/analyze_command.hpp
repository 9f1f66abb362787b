// `journeysim analyze`: the exact absorbing-chain figures, attribution and
// the most likely journeys.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "run_command.hpp"

namespace journeysim::cli {

struct AnalyzeOptions {
  std::string file;
  std::optional<std::string> what_if;
  std::optional<std::string> segment;
  std::size_t paths = 5;
  Format format = Format::table;
  std::optional<std::string> out;
};

CLI::App* add_analyze_command(CLI::App& app, AnalyzeOptions& options);
int run_analyze(const AnalyzeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace journeysim::cli
