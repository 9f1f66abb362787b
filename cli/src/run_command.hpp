// `journeysim run`: simulate a scenario and report every KPI.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "report_format.hpp"

namespace journeysim::cli {

struct RunCommandOptions {
  std::string file;
  std::optional<std::uint64_t> customers;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::optional<std::string> segment;
  Format format = Format::table;
  std::optional<std::string> out;
};

CLI::App* add_run_command(CLI::App& app, RunCommandOptions& options);
int run_run(const RunCommandOptions& options, std::ostream& out, std::ostream& err);

// Shared by the commands that take --format.
void add_format_option(CLI::App& command, Format& format);

}  // namespace journeysim::cli
