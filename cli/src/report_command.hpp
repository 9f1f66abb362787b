// `journeysim report FILE [--what-if NAME]... --out REPORT.html`: the
// self-contained HTML report (report/).
#pragma once

#include <iosfwd>
#include <string>
#include <optional>
#include <vector>

#include "run_command.hpp"

namespace journeysim::cli {

struct ReportOptions {
  SimulationOptions simulation;          // its `out` is the HTML file, required
  std::vector<std::string> what_ifs;     // empty: all of the scenario's
  std::optional<std::string> fix_first;  // "on", "off"; none: on without queues (with them it takes minutes)
  std::optional<std::string> kpi;        // what to fix first ranks by; none: churn, else conversion, else lost
};

CLI::App* add_report_command(CLI::App& app, ReportOptions& options);
int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace journeysim::cli
