// run --events: the flags, the start time read as mine reads timestamps, and
// the atomic streamed file.
#include "run_events.hpp"

#include <ostream>

#include "journeysim/graph/atomic_file.hpp"
#include "journeysim/mine/timestamp.hpp"

namespace journeysim::cli {

void add_events_options(CLI::App& command, SimulationOptions& options) {
  command.add_option("--events", options.events,
                     "Also write the simulated customers as an event log (CSV, as `journeysim mine` reads)");
  command
      .add_option("--events-start", options.events_start,
                  "When every simulated customer starts, ISO 8601 or Unix seconds")
      ->capture_default_str();
}

std::optional<SimulatedRun> run_writing_events(const Scenario& scenario, const RunOptions& run,
                                               const SimulationOptions& options, const ProgressCallback& progress,
                                               const std::atomic<bool>* cancel, std::ostream& err) {
  const mine::ParsedTimestamp start = mine::parse_timestamp(options.events_start);
  if (!start.seconds) {
    err << "journeysim: run: --events-start " << options.events_start << ": " << start.problem << '\n';
    return std::nullopt;
  }
  AtomicFileWriter writer(*options.events);
  SimulatedRun result = simulate_report_with_events(
      scenario, run, *start.seconds, [&](std::string_view bytes) { writer.write(bytes); }, progress, cancel);
  if (result.cancelled) return result;  // the writer, uncommitted, leaves nothing behind
  const WriteResult written = writer.commit();
  if (!written.ok) {
    err << *options.events << ": error: " << written.problem << '\n';
    return std::nullopt;
  }
  return result;
}

}  // namespace journeysim::cli
