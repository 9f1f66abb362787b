// `journeysim analyze`: the exact absorbing-chain figures, attribution and
// the most likely journeys; beside them, when sentiment weights or a horizon
// make the chain differ from the model, a quick simulation of the endings.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "run_command.hpp"

namespace journeysim::cli {

// Customers the simulation beside an approximate chain runs by default: its
// shares then come within about +-0.7 points, in well under a second.
inline constexpr std::uint64_t analyze_default_customers = 20'000;

struct AnalyzeOptions {
  // FILE, --segment, --format and --out; --customers, --seed and --threads
  // for the simulation beside an approximate chain.
  SimulationOptions simulation;
  std::optional<std::string> what_if;
  std::size_t paths = 5;
};

CLI::App* add_analyze_command(CLI::App& app, AnalyzeOptions& options);
int run_analyze(const AnalyzeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace journeysim::cli
