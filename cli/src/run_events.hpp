// `journeysim run FILE --events OUT.csv`: the run's customers written as an
// event log in mine's format, streamed to a temporary file renamed into place
// once the run is complete.
#pragma once

#include <atomic>
#include <iosfwd>
#include <optional>

#include <CLI/CLI.hpp>

#include "journeysim/sim/simulate.hpp"
#include "run_command.hpp"

namespace journeysim::cli {

void add_events_options(CLI::App& command, SimulationOptions& options);

// The run, with the events written to options.events (of the queue model:
// its first replication's customers); none (and the problem on `err`) when
// the start time is unreadable or the file cannot be written. An interrupted
// run leaves no file.
std::optional<SimulatedRun> run_writing_events(const Scenario& scenario, const RunOptions& run,
                                               const SimulationOptions& options, const ProgressCallback& progress,
                                               const std::atomic<bool>* cancel, std::ostream& err);

}  // namespace journeysim::cli
