// Writing a RunReport as JSON, CSV (long format) or a table for people
// (DESIGN section 10). Pure functions from report to text.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/report.hpp"

namespace journeysim::cli {

enum class Format { table, json, csv };

nlohmann::ordered_json report_json(const RunReport& report);
std::string report_csv(const RunReport& report);
std::string report_table(const RunReport& report);

std::string format_report(const RunReport& report, Format format);

// Pieces for other commands' output (KPI text is in journeysim/sim/kpi_text.hpp):
// an estimate as {value, ci95}.
nlohmann::ordered_json estimate_to_json(const Estimate& estimate);
std::string csv_number(double value);

nlohmann::ordered_json comparison_json(const ComparisonReport& report);
std::string comparison_csv(const ComparisonReport& report);
std::string comparison_table(const ComparisonReport& report);
std::string format_comparison(const ComparisonReport& report, Format format);

}  // namespace journeysim::cli
