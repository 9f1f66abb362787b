// `journeysim run FILE`: load, simulate in blocks over threads, report.
#include "run_command.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>

#include "commands.hpp"
#include "journeysim/graph/atomic_file.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/sim/ranks.hpp"
#include "journeysim/sim/simulate.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/simulation.hpp"
#include "interrupt.hpp"
#include "print_diagnostics.hpp"
#include "run_events.hpp"
#include "usage.hpp"

namespace journeysim::cli {

namespace {

// A progress bar on stderr, only for a terminal and only once a run has taken
// a second: short runs and redirected output stay quiet.
class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& err) : err_(err), enabled_(::isatty(STDERR_FILENO) == 1) {}

  void update(std::uint64_t done, std::uint64_t total) {
    if (!enabled_) return;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - started_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    shown_ = true;
    constexpr int width = 30;
    const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
    const int filled = static_cast<int>(fraction * width);
    err_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
         << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << static_cast<int>(fraction * 100)
         << "% of " << total << " customers" << std::flush;
  }

  // Clears the bar once the run is over (the callback holding it is dropped).
  ~ProgressBar() {
    if (shown_) err_ << "\r" << std::string(60, ' ') << "\r" << std::flush;
  }

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

void add_simulation_inputs(CLI::App& command, SimulationOptions& options) {
  command.add_option("FILE", options.file, "Scenario JSON file")->required();
  add_whole_number_option(command, "--customers", options.customers, 1, 1'000'000'000'000,
                          "Customers to simulate (default: the scenario's \"customers\")");
  add_whole_number_option(command, "--seed", options.seed, 0, std::numeric_limits<std::uint64_t>::max(),
                          "Random seed (default: the scenario's \"seed\", else 1)");
  add_whole_number_option(command, "--threads", options.threads, 1, 1024,
                          "Worker threads (default and at most: the machine's hardware threads); results do not "
                          "depend on it");
  command.add_option("--segment", options.segment, "Simulate one segment only");
  add_whole_number_option(command, "--replications", options.replications, 2, 10'000,
                          "With arrivals (the queue model): independent replications of the whole horizon, whose "
                          "spread gives the intervals (default 8)");
}

void add_simulation_options(CLI::App& command, SimulationOptions& options) {
  add_simulation_inputs(command, options);
  add_output_options(command, options.format, options.out,
                     "Write the report to this file (atomically) instead of standard output");
}

namespace {

// --out must not name the scenario (by any path: a link, ./x.json) and must
// be writable; the exit code when it is not.
int check_out(const SimulationOptions& options, std::ostream& err) {
  if (!options.out) return exit_ok;
  struct stat scenario_file {
  }, out_file{};
  if (::stat(options.file.c_str(), &scenario_file) == 0 && ::stat(options.out->c_str(), &out_file) == 0 &&
      scenario_file.st_dev == out_file.st_dev && scenario_file.st_ino == out_file.st_ino) {
    err << "journeysim: --out " << *options.out << " is the scenario file " << options.file
        << " itself: the report would replace it; name another file\n";
    return exit_usage;
  }
  const WriteResult writable = check_writable(*options.out);
  if (!writable.ok) {
    err << *options.out << ": error: " << writable.problem << (writable.fix.empty() ? "" : "; " + writable.fix) << '\n';
    return exit_bad_input;
  }
  return exit_ok;
}

}  // namespace

PreparedRun prepare_run(const SimulationOptions& options, std::ostream& err) {
  PreparedRun prepared;
  prepared.exit_code = check_out(options, err);
  if (prepared.exit_code != exit_ok) return prepared;
  LoadResult loaded = load_scenario_file(options.file);
  print_diagnostics(loaded, options.file, err);
  if (!loaded.ok()) {
    err << printable_text(options.file) << ": invalid: " << count_summary(loaded.diagnostics) << '\n';
    prepared.exit_code = exit_bad_input;
    return prepared;
  }
  Scenario& scenario = *loaded.scenario;
  if (scenario.name.empty()) scenario.name = printable_text(std::filesystem::path(options.file).stem().string());
  prepared.run.customers = options.customers.value_or(scenario.customers);
  prepared.run.seed = options.seed.value_or(scenario.seed);
  prepared.run.threads = options.threads;
  prepared.run.replications = options.replications.value_or(default_replications);
  prepared.run.walk_all = options.walk_all;
  if (scenario.has_queues() && options.customers) {
    err << "journeysim: note: --customers is ignored: with \"arrivals\" the arrival rate over the horizon sets how "
           "many customers there are; --replications sets how many horizons are simulated\n";
  }
  if (!scenario.has_queues() && options.replications) {
    err << "journeysim: note: --replications is ignored: " << printable_text(options.file)
        << " has no \"arrivals\", so customers are independent and need no replications\n";
  }
  if (options.segment) {
    std::vector<std::string> ids;
    for (const Segment& s : scenario.segments) ids.push_back(s.id);
    const auto found = std::find(ids.begin(), ids.end(), *options.segment);
    if (found == ids.end()) {
      err << "journeysim: --segment: " << options.file
          << (ids.empty() ? " has no segments" : ": " + unknown_name_text("segment", "segments", *options.segment, ids))
          << '\n';
      prepared.exit_code = exit_usage;
      return prepared;
    }
    prepared.run.segment = static_cast<std::size_t>(found - ids.begin());
  }
  prepared.scenario = std::move(scenario);
  return prepared;
}

int emit(const SimulationOptions& options, const std::string& text, std::ostream& out, std::ostream& err) {
  if (ranks::rank() != 0) return exit_ok;  // rank 0 alone writes (cli/src/main.cpp)
  const InterruptWatch watch;
  if (watch.interrupted()) return report_interrupted(err);
  if (!options.out) {
    out << text << std::flush;
    if (!out) {
      err << "journeysim: error: cannot write the report to standard output (a full disk, a closed pipe); "
             "free some space, or write it with --out elsewhere\n";
      return exit_bad_input;
    }
    return exit_ok;
  }
  const WriteResult written = write_file_atomically(*options.out, text, watch.flag());
  if (written.cancelled) return report_interrupted(err);
  if (!written.ok) {
    err << *options.out << ": error: " << written.problem << (written.fix.empty() ? "" : "; " + written.fix) << '\n';
    return exit_bad_input;
  }
  return exit_ok;
}

ProgressCallback progress_bar(std::ostream& err) {
  auto bar = std::make_shared<ProgressBar>(err);
  return [bar](std::uint64_t done, std::uint64_t total) { bar->update(done, total); };
}

void warn_unfinished(const RunReport& report, const Scenario& scenario, const std::string& what, std::ostream& err) {
  if (report.unfinished == 0) return;
  err << "journeysim: warning: " << what << report.unfinished << " customers reached max_steps (" << scenario.max_steps
      << ") without an ending; they are reported as \"unfinished\"\n";
}

CLI::App* add_run_command(CLI::App& app, SimulationOptions& options) {
  CLI::App* command = app.add_subcommand("run", "Simulate customers through a scenario and report every KPI");
  add_simulation_options(*command, options);
  add_events_options(*command, options);
  return command;
}

int run_run(const SimulationOptions& options, std::ostream& out, std::ostream& err) {
  PreparedRun prepared = prepare_run(options, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;
  const InterruptWatch watch;
  std::optional<SimulatedRun> run;
  if (options.events && ranks::size() > 1) {
    err << "journeysim: --events: the event log is written by one process; run it without mpirun\n";
    return exit_usage;
  }
  if (options.events) {
    run = run_writing_events(scenario, prepared.run, options, progress_bar(err), watch.flag(), err);
    if (!run) return exit_bad_input;
  } else {
    run = simulate_report(scenario, prepared.run, progress_bar(err), watch.flag());
  }
  if (run->cancelled) return report_interrupted(err);
  warn_unfinished(run->report, scenario, "", err);
  return emit(options, format_report(run->report, options.format), out, err);
}

}  // namespace journeysim::cli
