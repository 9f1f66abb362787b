// `journeysim report`: simulate the baseline and the chosen what-ifs, paired
// as compare does, and write the HTML page.
#include "report_command.hpp"

#include <ostream>

#include "commands.hpp"
#include "compare_command.hpp"
#include "journeysim/report/html_report.hpp"
#include "journeysim/sim/compare.hpp"

namespace journeysim::cli {

CLI::App* add_report_command(CLI::App& app, ReportOptions& options) {
  CLI::App* command = app.add_subcommand(
      "report", "Write a self-contained HTML report: journey map, KPIs, funnel, paths and what-ifs ranked by return");
  add_simulation_inputs(*command, options.simulation);
  command->add_option("--what-if", options.what_ifs,
                      "A what-if to include, by name (repeat for several; default: all)");
  command->add_option("--out", options.simulation.out, "The HTML file to write (atomically), e.g. report.html")
      ->required();
  return command;
}

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
  PreparedRun prepared = prepare_run(options.simulation, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;
  ComparisonReport report;
  if (const int code = compare_chosen(prepared, options.what_ifs, options.simulation.file, err, report);
      code != exit_ok) {
    return code;
  }
  const std::string page = report::render_html_report({scenario, options.simulation.file, report});
  return emit(options.simulation, page, out, err);
}

}  // namespace journeysim::cli
