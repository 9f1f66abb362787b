// What every command prints is well-formed whatever the names hold: valid
// UTF-8 in JSON, CSV and tables (a file name may hold any bytes), RFC 4180
// CSV with counts as integers and no -0, and compare's variant and segment
// in columns of their own.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../run_program.hpp"
#include "report_format.hpp"

namespace {

using namespace journeysim::test_programs;
using nlohmann::json;
namespace fs = std::filesystem;

bool valid_utf8(const std::string& text) {
  try {
    (void)json(text).dump();  // nlohmann refuses to serialise invalid UTF-8
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

using CsvRows = std::vector<std::vector<std::string>>;

// RFC 4180: fields may be quoted; a quote inside is doubled; quoted fields
// may hold commas and line breaks.
CsvRows parse_csv(const std::string& text) {
  CsvRows rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back() == std::vector<std::string>(1)) rows.pop_back();
  return rows;
}

class ReportText : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("journeysim-text-" + std::to_string(::getpid()));
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }
  fs::path folder_;
};

TEST_F(ReportText, AFileNameThatIsNotUtf8ComesOutEscaped) {
  json store = json::parse(slurp(scenario("online_store.json")));
  store.erase("name");  // named after its file, then
  const fs::path path = folder_ / "bad\xFFname.json";
  std::ofstream(path) << store.dump();
  const std::string file = "'" + path.string() + "'";
  for (const std::string command : {"run", "analyze", "sweep", "sensitivity", "compare"}) {
    for (const std::string format : {"json", "csv", "table"}) {
      std::string args = command + " " + file + " --customers 1000 --format " + format;
      if (command == "sweep") args += " --set touchpoints.checkout.effort=1..2";
      if (command == "analyze") args = command + " " + file + " --format " + format;
      const Invocation run = run_journeysim(args);
      ASSERT_EQ(run.exit_code, 0) << args << ": " << run.err;
      EXPECT_TRUE(valid_utf8(run.out)) << args;
      if (format == "json") {
        const json report = json::parse(run.out);
        EXPECT_EQ(command == "compare" ? report["baseline"]["scenario"] : report["scenario"], "bad\\xFFname") << args;
      }
      if (format == "table") {
        EXPECT_NE(run.out.find("bad\\xFFname"), std::string::npos) << args;
      }
    }
  }
}

TEST_F(ReportText, AFileNameThatIsNotUtf8IsEscapedInValidateAndDiagnostics) {
  const fs::path good = folder_ / "ok\x1B[31m\xFF.json";
  fs::copy_file(scenario("online_store.json"), good);
  const Invocation valid = run_journeysim("validate '" + good.string() + "'");
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  EXPECT_TRUE(valid_utf8(valid.out));
  EXPECT_NE(valid.out.find("ok\\x1B[31m\\xFF.json: valid: "), std::string::npos) << valid.out;
  const fs::path bad = folder_ / "bad\xFF.json";
  std::ofstream(bad) << "{";
  const Invocation invalid = run_journeysim("run '" + bad.string() + "'");
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_TRUE(valid_utf8(invalid.err));
  EXPECT_NE(invalid.err.find("bad\\xFF.json:1:"), std::string::npos) << invalid.err;
  EXPECT_NE(invalid.err.find("bad\\xFF.json: invalid: 1 error"), std::string::npos) << invalid.err;
}

TEST_F(ReportText, CsvQuotesNamesAndSplitsVariantAndSegment) {
  json store = json::parse(slurp(scenario("online_store.json")));
  const std::string name = "Chat, then \"call\"";
  store["what_if"][0]["name"] = name;
  const fs::path path = folder_ / "store.json";
  std::ofstream(path) << store.dump();
  const Invocation run = run_journeysim("compare " + path.string() + " --customers 4000 --format csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const CsvRows rows = parse_csv(run.out);
  ASSERT_GT(rows.size(), 10u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"section", "key", "metric", "value", "ci95_lo", "ci95_hi", "variant",
                                               "segment"}));
  std::size_t variant_rows = 0, segment_rows = 0, variant_report_rows = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 8u) << run.out;
    if (row[6] == name) ++variant_rows;
    if (row[6] == name && row[0] == "delta" && !row[7].empty()) ++segment_rows;
    if (row[6] == name && row[0] == "kpis") ++variant_report_rows;  // the variant's own report, as in the JSON
    EXPECT_EQ(row[0].find(':'), std::string::npos) << row[0];
  }
  EXPECT_GT(variant_rows, 0u);
  EXPECT_GT(segment_rows, 0u);
  EXPECT_GT(variant_report_rows, 0u);
  EXPECT_NE(run.out.find(",\"Chat, then \"\"call\"\"\","), std::string::npos);
}

TEST_F(ReportText, CsvCountsAreIntegersAndThereIsNoMinusZero) {
  const std::vector<std::string> commands{
      "run " + scenario("online_store.json") + " --customers 100000 --format csv",
      "compare " + scenario("online_store.json") + " --customers 100000 --format csv",
      "sweep " + scenario("online_store.json") +
          " --customers 100000 --set touchpoints.checkout.effort=3..5 --format csv",
      "sensitivity " + scenario("online_store.json") + " --customers 20000 --format csv",
      "analyze " + scenario("online_store.json") + " --format csv"};
  for (const std::string& command : commands) {
    const Invocation run = run_journeysim(command);
    ASSERT_EQ(run.exit_code, 0) << command << ": " << run.err;
    const CsvRows rows = parse_csv(run.out);
    ASSERT_GT(rows.size(), 1u) << command;
    for (const auto& row : rows) {
      ASSERT_GE(row.size(), 6u) << command;
      const std::string& metric = row[2];
      for (std::size_t i = 3; i < 6; ++i) {
        // A zero with a sign: "-0", "-0.000000000", "-0e+00".
        const bool negative_zero =
            row[i].size() > 1 && row[i][0] == '-' && row[i].find_first_of("123456789") == std::string::npos;
        EXPECT_FALSE(negative_zero) << command << ": " << row[0] << ',' << row[1] << ',' << metric << ": " << row[i];
      }
      const bool count = metric == "count" || metric == "visits" || metric == "visitors" || metric == "reached" ||
                         metric == "flow" || metric == "customers" || metric.rfind("flow_to_", 0) == 0;
      if (count) {
        EXPECT_EQ(row[3].find_first_not_of("0123456789"), std::string::npos) << command << ": " << row[3];
      }
    }
  }
}

TEST(CsvTable, WritesZeroWithoutASignAndCountsAsIntegers) {
  journeysim::cli::CsvTable csv({"variant"});
  csv.set_extra({"a, \"b\""});
  journeysim::Estimate zero;
  zero.value = -0.0;
  zero.ci95 = {-0.0, 0.0};
  csv.estimate("delta", "nps", "change", zero);
  csv.number("summary", "x", "value", -0.0);
  csv.count("funnel", "awareness", "reached", 100000);
  EXPECT_EQ(csv.text(),
            "section,key,metric,value,ci95_lo,ci95_hi,variant\n"
            "delta,nps,change,0,0,0,\"a, \"\"b\"\"\"\n"
            "summary,x,value,0,,,\"a, \"\"b\"\"\"\n"
            "funnel,awareness,reached,100000,,,\"a, \"\"b\"\"\"\n");
}

TEST(JsonText, WritesZeroWithoutASign) {
  journeysim::Estimate zero;
  zero.value = -0.0;
  zero.ci95 = {-0.0, -0.0};
  EXPECT_EQ(journeysim::cli::estimate_to_json(zero).dump(), R"({"value":0.0,"ci95":[0.0,0.0]})");
}

}  // namespace
