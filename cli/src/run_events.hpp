// `journeysim run FILE --events OUT.csv`: the run's customers written as an
// event log in mine's format, streamed to a temporary file renamed into place
// once the run is complete.
#pragma once

#include <iosfwd>
#include <optional>

#include <CLI/CLI.hpp>

#include "journeysim/sim/simulation.hpp"
#include "run_command.hpp"

namespace journeysim::cli {

void add_events_options(CLI::App& command, SimulationOptions& options);

// The run, with the events written to options.events; none (and the
// problem on `err`) when the start time is unreadable or the file cannot be written.
std::optional<RunResult> run_writing_events(const Scenario& scenario, const RunOptions& run,
                                            const SimulationOptions& options, std::ostream& err);

}  // namespace journeysim::cli
