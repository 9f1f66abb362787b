// Replays the fuzz targets' work (fuzz/fuzz_support.hpp) on their seed
// corpora and on every input a fuzzer ever found a defect with
// (tests/fuzz/regressions/), in the ordinary builds and under the
// sanitizers, so a fixed defect stays fixed without clang or libFuzzer.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "run_program.hpp"

namespace {

namespace fs = std::filesystem;
using journeysim::test_programs::slurp;

const fs::path source_dir = JOURNEYSIM_SOURCE_DIR;

// Every regular file below `dir`, in a fixed order.
std::vector<fs::path> files_below(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != ".gitkeep") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(FuzzCorpus, ScenarioSeedsAndRegressionsFindNothing) {
  std::vector<fs::path> inputs = files_below(source_dir / "scenarios");
  for (const char* dir : {"tests/schema/fixtures", "tests/fuzz/regressions/scenario"}) {
    const std::vector<fs::path> more = files_below(source_dir / dir);
    inputs.insert(inputs.end(), more.begin(), more.end());
  }
  ASSERT_GE(inputs.size(), 3u);
  for (const fs::path& input : inputs) {
    const journeysim::fuzz::Finding finding = journeysim::fuzz::exercise_scenario_text(slurp(input));
    EXPECT_FALSE(finding) << input << ": " << finding.value_or("");
  }
}

TEST(FuzzCorpus, SweepSeedsAndRegressionsFindNothing) {
  std::vector<fs::path> inputs = files_below(source_dir / "tests/fuzz/corpus/sweep");
  const std::vector<fs::path> regressions = files_below(source_dir / "tests/fuzz/regressions/sweep");
  inputs.insert(inputs.end(), regressions.begin(), regressions.end());
  ASSERT_GE(inputs.size(), 5u);
  for (const fs::path& input : inputs) {
    const journeysim::fuzz::Finding finding = journeysim::fuzz::exercise_sweep_text(slurp(input));
    EXPECT_FALSE(finding) << input << ": " << finding.value_or("");
  }
}

TEST(FuzzCorpus, EventLogSeedsAndRegressionsFindNothing) {
  std::vector<fs::path> inputs = files_below(source_dir / "tests/fuzz/corpus/event_log");
  const std::vector<fs::path> regressions = files_below(source_dir / "tests/fuzz/regressions/event_log");
  inputs.insert(inputs.end(), regressions.begin(), regressions.end());
  ASSERT_GE(inputs.size(), 4u);
  for (const fs::path& input : inputs) {
    const journeysim::fuzz::Finding finding = journeysim::fuzz::exercise_event_log_text(slurp(input));
    EXPECT_FALSE(finding) << input << ": " << finding.value_or("");
  }
}

// The seeds are worth fuzzing from only if they are the real thing: each one
// parses as a sweep of the fixed scenario.
TEST(FuzzCorpus, SweepSeedsAreValidSweeps) {
  journeysim::LoadResult loaded = journeysim::load_scenario_text(journeysim::fuzz::sweep_scenario_text());
  ASSERT_TRUE(loaded.ok());
  for (const fs::path& input : files_below(source_dir / "tests/fuzz/corpus/sweep")) {
    std::string problem;
    EXPECT_TRUE(journeysim::parse_sweep(*loaded.scenario, slurp(input), problem)) << input << ": " << problem;
  }
}

}  // namespace
