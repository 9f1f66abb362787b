// `journeysim sweep` (one parameter over a range, a paired KPI curve) and
// `journeysim sensitivity` (small perturbations everywhere, ranked: what to
// fix first). Both build variants and run them through compare's engine.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace journeysim::cli {

struct SweepOptions {
  SimulationOptions simulation;
  std::string set;
  std::vector<std::string> kpis;
};

struct SensitivityOptions {
  SimulationOptions simulation;
  std::string kpi = "churn_rate";
  std::size_t top = 20;
};

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options);
int run_sweep(const SweepOptions& options, std::ostream& out, std::ostream& err);

CLI::App* add_sensitivity_command(CLI::App& app, SensitivityOptions& options);
int run_sensitivity(const SensitivityOptions& options, std::ostream& out, std::ostream& err);

// Whether `name` is a KPI the paired commands rank by (every KPI but the
// quantiles); if not, the message with a did-you-mean on `err`.
bool check_kpi(const std::string& name, std::ostream& err);

}  // namespace journeysim::cli
