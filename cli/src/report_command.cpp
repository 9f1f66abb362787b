// `journeysim report`: simulate the baseline and the chosen what-ifs, paired
// as compare does, and write the HTML page.
#include "report_command.hpp"

#include <ostream>

#include "commands.hpp"
#include "compare_command.hpp"
#include "journeysim/report/report_page.hpp"
#include "journeysim/sim/compare.hpp"
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

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
  if (options.kpi && !check_kpi(*options.kpi, err)) return exit_usage;
  PreparedRun prepared = prepare_run(options.simulation, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;
  std::optional<std::vector<Variant>> what_ifs =
      chosen_variants(scenario, options.what_ifs, options.simulation.file, err);
  if (!what_ifs) return exit_usage;
  report::ReportRequest request{options.simulation.file, std::move(*what_ifs), prepared.run, std::nullopt, options.kpi};
  if (options.fix_first) request.fix_first = *options.fix_first == "on";
  const InterruptWatch watch;
  const report::ReportPage page = report::make_report_page(scenario, request, progress_bar(err), watch.flag());
  if (page.cancelled) return report_interrupted(err);
  warn_unfinished(page.comparison, scenario, err);
  return emit(options.simulation, page.html, out, err);
}

}  // namespace journeysim::cli
