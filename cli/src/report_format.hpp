// Writing a RunReport as JSON, CSV (long format) or a table for people
// (DESIGN section 10). Pure functions from report to text, and the pieces
// every command's output shares: the CSV table, JSON objects built in
// linear time, JSON text that is always valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

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

// A JSON object filled member by member in linear time (ordered_json's own
// operator[] searches its members: quadratic over 40,000 touchpoints). A key
// set twice keeps its first place and its last value, as operator[] does.
class JsonObjectBuilder {
 public:
  void set(const std::string& key, nlohmann::ordered_json value);
  nlohmann::ordered_json take() { return std::move(object_); }

 private:
  nlohmann::ordered_json object_ = nlohmann::ordered_json::object();
  std::unordered_map<std::string, std::size_t> position_;
};

// The text of a JSON report, indented. Text that is not valid UTF-8 cannot
// reach here (names from outside are made printable first); should some, it
// is replaced, not thrown.
std::string json_text(const nlohmann::ordered_json& report);

// A CSV table in the long format of DESIGN section 10,
// section,key,metric,value,ci95_lo,ci95_hi, then any extra columns (compare's
// variant and segment): RFC 4180 quoting, counts as integers, no -0.
class CsvTable {
 public:
  explicit CsvTable(std::vector<std::string> extra_columns = {});
  // The extra columns' values for the rows that follow.
  void set_extra(std::vector<std::string> values);
  void estimate(const std::string& section, const std::string& key, const std::string& metric, const Estimate& e);
  void count(const std::string& section, const std::string& key, const std::string& metric, std::uint64_t n);
  void number(const std::string& section, const std::string& key, const std::string& metric, double value);
  // A value that is text (a KPI's base, why it is undefined), quoted as needed.
  void label(const std::string& section, const std::string& key, const std::string& metric, const std::string& text);
  const std::string& text() const { return text_; }

 private:
  void row(const std::string& section, const std::string& key, const std::string& metric, const std::string& value,
           const std::string& lo, const std::string& hi);
  std::size_t extra_columns_;
  std::vector<std::string> extra_;
  std::string text_;
};

nlohmann::ordered_json comparison_json(const ComparisonReport& report);
std::string comparison_csv(const ComparisonReport& report);
std::string comparison_table(const ComparisonReport& report);
std::string format_comparison(const ComparisonReport& report, Format format);

}  // namespace journeysim::cli
