// `journeysim report`: simulate the baseline and the chosen what-ifs, paired
// as compare does, and write the HTML page.
#include "report_command.hpp"

#include <ostream>

#include "commands.hpp"
#include "compare_command.hpp"
#include "journeysim/report/html_report.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/fix_first.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "explore_commands.hpp"
#include "interrupt.hpp"
#include "run_command.hpp"

namespace journeysim::cli {

CLI::App* add_report_command(CLI::App& app, ReportOptions& options) {
  CLI::App* command = app.add_subcommand(
      "report", "Write a self-contained HTML report: journey map, KPIs, funnel, paths and what-ifs ranked by return");
  add_simulation_inputs(*command, options.simulation);
  command->add_option("--what-if", options.what_ifs,
                      "A what-if to include, by name (repeat for several; default: all)");
  command->add_option("--out", options.simulation.out, "The HTML file to write (atomically), e.g. report.html")
      ->required();
  command
      ->add_option("--fix-first", options.fix_first,
                   "on or off: the 'what to fix first' ranking (default on, off with arrivals: minutes of queues)")
      ->check(CLI::IsMember({"on", "off"}));
  command->add_option(
      "--kpi", options.kpi,
      "The KPI 'what to fix first' ranks by (default: churn_rate, else conversion_rate, else lost_rate)");
  return command;
}

namespace {

// The KPI to rank levers by: the one asked for, else the first of churn,
// conversion and lost the scenario defines; empty when none.
std::string ranking_kpi(const Scenario& scenario, const ReportOptions& options) {
  if (options.kpi) return *options.kpi;
  for (const char* name : {kpi::churn_rate, kpi::conversion_rate, kpi::lost_rate}) {
    if (kpi_not_applicable(scenario, name).empty()) return name;
  }
  return {};
}

}  // namespace

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
  if (options.kpi && !check_kpi(*options.kpi, err)) return exit_usage;
  PreparedRun prepared = prepare_run(options.simulation, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;
  ComparisonReport report;
  if (const int code = compare_chosen(prepared, options.what_ifs, options.simulation.file, err, report);
      code != exit_ok) {
    return code;
  }
  report::ReportInput input{scenario, options.simulation.file, report, nullptr, {}};
  std::optional<FixFirstRanking> ranking;
  const bool wanted = options.fix_first ? *options.fix_first == "on" : !scenario.has_queues();
  const std::string kpi = ranking_kpi(scenario, options);
  if (!wanted) {
    input.fix_first_note =
        "Not ranked in this report: the queue model's levers take minutes to simulate. Run "
        "journeysim report with --fix-first on, or journeysim sensitivity, for the ranking.";
  } else if (kpi.empty()) {
    input.fix_first_note =
        "Not ranked: the journey defines no churn, conversion or lost ending to rank by; give --kpi.";
  } else {
    const InterruptWatch watch;
    ranking = rank_levers(scenario, kpi, prepared.run, progress_bar(err), watch.flag());
    if (ranking->cancelled) return report_interrupted(err);
    input.fix_first = &*ranking;
  }
  const std::string page = report::render_html_report(input);
  return emit(options.simulation, page, out, err);
}

}  // namespace journeysim::cli
