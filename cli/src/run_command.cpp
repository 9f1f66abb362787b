// `journeysim run FILE`: load, simulate in blocks over threads, report.
#include "run_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>

#include "commands.hpp"
#include "journeysim/graph/atomic_file.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/sim/simulation.hpp"
#include "print_diagnostics.hpp"
#include "run_events.hpp"

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

void add_format_option(CLI::App& command, Format& format) {
  const std::map<std::string, Format> formats{{"table", Format::table}, {"json", Format::json}, {"csv", Format::csv}};
  command.add_option("--format", format, "Output format: table, json or csv")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
}

void add_simulation_options(CLI::App& command, SimulationOptions& options) {
  command.add_option("FILE", options.file, "Scenario JSON file")->required();
  command.add_option("--customers", options.customers, "Customers to simulate (default: the scenario's \"customers\")")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000'000}));
  command.add_option("--seed", options.seed, "Random seed (default: the scenario's \"seed\", else 1)");
  command.add_option("--threads", options.threads, "Worker threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1u, 1024u));
  command.add_option("--segment", options.segment, "Simulate one segment only");
  add_format_option(command, options.format);
  command.add_option("--out", options.out, "Write the report to this file (atomically) instead of standard output");
}

PreparedRun prepare_run(const SimulationOptions& options, std::ostream& err) {
  PreparedRun prepared;
  LoadResult loaded = load_scenario_file(options.file);
  print_diagnostics(loaded, options.file, err);
  if (!loaded.ok()) {
    err << options.file << ": invalid: " << count_summary(loaded.diagnostics) << '\n';
    prepared.exit_code = exit_bad_input;
    return prepared;
  }
  Scenario& scenario = *loaded.scenario;
  if (scenario.name.empty()) scenario.name = std::filesystem::path(options.file).stem().string();
  prepared.run.customers = options.customers.value_or(scenario.customers);
  prepared.run.seed = options.seed.value_or(scenario.seed);
  prepared.run.threads = options.threads;
  if (options.segment) {
    std::vector<std::string> ids;
    for (const Segment& s : scenario.segments) ids.push_back(s.id);
    const auto found = std::find(ids.begin(), ids.end(), *options.segment);
    if (found == ids.end()) {
      err << "journeysim: --segment: " << options.file << " has no segment \"" << *options.segment << "\""
          << (ids.empty() ? std::string("; it has no segments") : "; " + did_you_mean(*options.segment, ids)) << '\n';
      prepared.exit_code = exit_usage;
      return prepared;
    }
    prepared.run.segment = static_cast<std::size_t>(found - ids.begin());
  }
  prepared.scenario = std::move(scenario);
  return prepared;
}

int emit(const SimulationOptions& options, const std::string& text, std::ostream& out, std::ostream& err) {
  if (!options.out) {
    out << text;
    return exit_ok;
  }
  const WriteResult written = write_file_atomically(*options.out, text);
  if (!written.ok) {
    err << *options.out << ": error: " << written.problem << '\n';
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
  std::optional<RunResult> result;
  if (options.events) {
    result = run_writing_events(scenario, prepared.run, options, err);
    if (!result) return exit_bad_input;
  } else {
    result = run_simulation(scenario, prepared.run, progress_bar(err));
  }
  const RunReport report = make_report(scenario, prepared.run, *result);
  warn_unfinished(report, scenario, "", err);
  return emit(options, format_report(report, options.format), out, err);
}

}  // namespace journeysim::cli
