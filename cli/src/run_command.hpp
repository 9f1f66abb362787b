// `journeysim run`, and the options and steps that run and compare share:
// loading the scenario, turning flags into RunOptions, showing progress and
// writing the output.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/simulation.hpp"
#include "report_format.hpp"

namespace journeysim::cli {

struct SimulationOptions {
  std::string file;
  std::optional<std::uint64_t> customers;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::optional<std::string> segment;
  std::optional<unsigned> replications;  // the queue model's (DESIGN section 8)
  bool walk_all = false;                 // sweep and sensitivity: RunOptions::walk_all
  Format format = Format::table;
  std::optional<std::string> out;
  // run only: the simulated customers as an event log (run_events.hpp)
  std::optional<std::string> events;
  std::string events_start = "2025-01-01T00:00:00Z";
};

// FILE, --customers, --seed, --threads, --segment and --replications.
void add_simulation_inputs(CLI::App& command, SimulationOptions& options);
// The inputs, then --format and --out.
void add_simulation_options(CLI::App& command, SimulationOptions& options);

// Loads the scenario and prints its diagnostics; the exit code on failure.
// --out is checked first: never the scenario itself, nothing that cannot be
// written (so a long run does not end in a refusal). A scenario without a
// name is named after its file, made printable UTF-8.
struct PreparedRun {
  std::optional<Scenario> scenario;
  RunOptions run;
  int exit_code = 0;
};
PreparedRun prepare_run(const SimulationOptions& options, std::ostream& err);

// Writes `text` to --out (atomically) or standard output; the exit code.
// Nothing is written once the command was interrupted (see interrupt.hpp).
int emit(const SimulationOptions& options, const std::string& text, std::ostream& out, std::ostream& err);

// Says loudly on stderr when customers ran out of steps.
void warn_unfinished(const RunReport& report, const Scenario& scenario, const std::string& what, std::ostream& err);

// Shows a progress bar on a terminal once a run has taken a second.
ProgressCallback progress_bar(std::ostream& err);

CLI::App* add_run_command(CLI::App& app, SimulationOptions& options);
int run_run(const SimulationOptions& options, std::ostream& out, std::ostream& err);

}  // namespace journeysim::cli
