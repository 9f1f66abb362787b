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

// Pieces for other commands' output: a KPI's label, a value or a change in
// the KPI's unit (shares in %, their changes in percentage points), an
// estimate as {value, ci95}.
std::string kpi_label(const std::string& kpi);
std::string kpi_value_text(const std::string& kpi, double value);
std::string kpi_change_text(const std::string& kpi, double change);
nlohmann::ordered_json estimate_to_json(const Estimate& estimate);
std::string csv_number(double value);

nlohmann::ordered_json comparison_json(const ComparisonReport& report);
std::string comparison_csv(const ComparisonReport& report);
std::string comparison_table(const ComparisonReport& report);
std::string format_comparison(const ComparisonReport& report, Format format);

}  // namespace journeysim::cli
