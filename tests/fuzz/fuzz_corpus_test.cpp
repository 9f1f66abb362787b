// Replays the fuzz targets' work (fuzz/fuzz_support.hpp) on their seed
// corpora and on every input a fuzzer ever found a defect with
// (tests/fuzz/regressions/), in the ordinary builds and under the
// sanitizers, so a fixed defect stays fixed without clang or libFuzzer.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
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

// Every file below the `dirs` (from the source tree), given to `exercise`,
// finds nothing; at least `at_least` of them, so that a moved corpus fails.
template <class Exercise>
void expect_nothing_found(std::initializer_list<const char*> dirs, std::size_t at_least, const Exercise& exercise) {
  std::vector<fs::path> inputs;
  for (const char* dir : dirs) {
    const std::vector<fs::path> more = files_below(source_dir / dir);
    inputs.insert(inputs.end(), more.begin(), more.end());
  }
  ASSERT_GE(inputs.size(), at_least);
  for (const fs::path& input : inputs) {
    const journeysim::fuzz::Finding finding = exercise(slurp(input));
    EXPECT_FALSE(finding) << input << ": " << finding.value_or("");
  }
}

TEST(FuzzCorpus, ScenarioSeedsAndRegressionsFindNothing) {
  expect_nothing_found({"scenarios", "tests/schema/fixtures", "tests/fuzz/regressions/scenario"}, 3,
                       journeysim::fuzz::exercise_scenario_text);
}

TEST(FuzzCorpus, SweepSeedsAndRegressionsFindNothing) {
  expect_nothing_found({"tests/fuzz/corpus/sweep", "tests/fuzz/regressions/sweep"}, 5,
                       journeysim::fuzz::exercise_sweep_text);
}

TEST(FuzzCorpus, EventLogSeedsAndRegressionsFindNothing) {
  expect_nothing_found({"tests/fuzz/corpus/event_log", "tests/fuzz/regressions/event_log"}, 4,
                       journeysim::fuzz::exercise_event_log_text);
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
