// Command-line dispatch: one CLI11 app, a subcommand per verb, usage errors
// said for people (usage.hpp) and mapped to exit code 2.
#include "commands.hpp"

#include <ostream>

#include <CLI/CLI.hpp>

#include "analyze_command.hpp"
#include "compare_command.hpp"
#include "explore_commands.hpp"
#include "mine_command.hpp"
#include "report_command.hpp"
#include "run_command.hpp"
#include "usage.hpp"
#include "validate_command.hpp"

namespace journeysim::cli {

int run_command_line(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"journeysim: simulate customer journeys and compare what-if changes", "journeysim"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "journeysim 0.1.0");

  ValidateOptions validate;
  add_validate_command(app, validate);
  SimulationOptions run;
  add_run_command(app, run);
  CompareOptions compare;
  add_compare_command(app, compare);
  SweepOptions sweep;
  add_sweep_command(app, sweep);
  SensitivityOptions sensitivity;
  add_sensitivity_command(app, sensitivity);
  AnalyzeOptions analyze;
  add_analyze_command(app, analyze);
  ReportOptions report;
  add_report_command(app, report);
  MineOptions mine;
  add_mine_command(app, mine);

  if (const std::optional<std::string> unknown = unknown_command_error(app, args)) {
    err << *unknown << '\n';
    return exit_usage;
  }
  try {
    // CLI11 parses a reversed vector of arguments.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return exit_ok;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return exit_ok;
  } catch (const CLI::CallForVersion& e) {
    out << e.what() << '\n';
    return exit_ok;
  } catch (const CLI::ParseError& e) {
    err << usage_error_text(app, e) << '\n';
    return exit_usage;
  }
  if (app.got_subcommand("validate")) return run_validate(validate, out, err);
  if (app.got_subcommand("run")) return run_run(run, out, err);
  if (app.got_subcommand("compare")) return run_compare(compare, out, err);
  if (app.got_subcommand("sweep")) return run_sweep(sweep, out, err);
  if (app.got_subcommand("sensitivity")) return run_sensitivity(sensitivity, out, err);
  if (app.got_subcommand("analyze")) return run_analyze(analyze, out, err);
  if (app.got_subcommand("mine")) return run_mine(mine, out, err);
  if (app.got_subcommand("report")) return run_report(report, out, err);
  return exit_usage;
}

}  // namespace journeysim::cli
