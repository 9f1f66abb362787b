// `journeysim validate` as a user runs it: the real binary, its streams and exit codes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;

TEST(ValidateCommand, AValidScenarioPrintsOneSummaryLine) {
  const Invocation run = run_journeysim("validate " + scenario("online_store.json"));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_NE(run.out.find("online_store.json: valid: 25 touchpoints (5 terminal), 52 transitions, 3 segments"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 1);
}

TEST(ValidateCommand, EveryShippedScenarioIsValid) {
  for (const auto& entry : std::filesystem::directory_iterator(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios")) {
    const Invocation run = run_journeysim("validate " + entry.path().string());
    EXPECT_EQ(run.exit_code, 0) << entry.path() << "\n" << run.err;
  }
}

TEST(ValidateCommand, ErrorsGoToStderrInFileOrderWithExitCode1) {
  const auto path = write_temp("journeysim-bad.json", R"({
  "entry": {"a": 1},
  "touchpoints": [{"id": "a", "dwell": 5}, {"id": "b", "outcome": "lost"}],
  "transitions": [{"from": "a", "to": "bb", "p": 1}]
})");
  const Invocation run = run_journeysim("validate " + path.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  const std::string file = path.string();
  EXPECT_EQ(run.err, file +
                         ":3:40: error: touchpoints[0].dwell: a plain number is not a duration; write the unit: "
                         "\"5s\", \"5m\" or \"5h\"\n" +
                         file + ":4:39: error: transitions[0].to: unknown touchpoint \"bb\"; did you mean \"b\"?\n" +
                         file + ": invalid: 2 errors\n");
  std::filesystem::remove(path);
}

TEST(ValidateCommand, WarningsDoNotFailValidation) {
  const auto path = write_temp("journeysim-warn.json", R"({
  "entry": {"a": 1},
  "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}, {"id": "c", "outcome": "lost"}],
  "transitions": [{"from": "a", "to": "b", "p": 1}]
})");
  const Invocation run = run_journeysim("validate " + path.string());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, path.string() +
                         ":3:64: warning: touchpoints[2]: \"c\" cannot be reached from the entry; add a "
                         "transition to it with a probability above 0, or remove it\n");
  EXPECT_NE(run.out.find("(0 errors, 1 warning)"), std::string::npos) << run.out;
  std::filesystem::remove(path);
}

// Every schema-invalid fixture is refused by the loader too: exit code 1, and
// every stderr line but the last is a diagnostic in the contract's format.
TEST(ValidateCommand, EveryInvalidFixtureExitsWith1) {
  const std::string dir = std::string(JOURNEYSIM_SOURCE_DIR) + "/tests/schema/fixtures/invalid";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const Invocation run = run_journeysim("validate " + entry.path().string());
    EXPECT_EQ(run.exit_code, 1) << entry.path();
    EXPECT_EQ(run.out, "") << entry.path();
    std::istringstream lines(run.err);
    std::vector<std::string> all;
    for (std::string line; std::getline(lines, line);) all.push_back(line);
    ASSERT_GE(all.size(), 2u) << entry.path();
    for (std::size_t i = 0; i + 1 < all.size(); ++i) {
      EXPECT_EQ(all[i].rfind(entry.path().string() + ":", 0), 0u) << all[i];
      EXPECT_NE(all[i].find(": error: "), std::string::npos) << all[i];
    }
    EXPECT_NE(all.back().find(": invalid: "), std::string::npos) << all.back();
  }
}

TEST(ValidateCommand, AMissingFileIsBadInput) {
  const Invocation run = run_journeysim("validate /nonexistent/scenario.json");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "/nonexistent/scenario.json: error: cannot open the file: No such file or directory; check the path and "
            "that the file is readable\n/nonexistent/scenario.json: invalid: 1 error\n");
}

TEST(ValidateCommand, AFolderIsBadInput) {
  const Invocation run = run_journeysim("validate " + std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("this is a folder, not a file"), std::string::npos) << run.err;
}

TEST(ValidateCommand, UsageErrorsExitWith2) {
  EXPECT_EQ(run_journeysim("").exit_code, 2);
  EXPECT_EQ(run_journeysim("validate").exit_code, 2);
  const Invocation unknown = run_journeysim("frobnicate x.json");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command \"frobnicate\"; the commands are validate, run,"), std::string::npos)
      << unknown.err;
}

TEST(ValidateCommand, HelpExitsWith0) {
  const Invocation run = run_journeysim("--help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("validate"), std::string::npos);
}

}  // namespace
