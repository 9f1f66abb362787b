// Many machines (DESIGN section 15), tried on one: `mpirun --oversubscribe
// -np K journeysim ...` for K = 1, 2 and 3 gives byte for byte the output of
// one process for run, compare, sweep and sensitivity; --out is written once,
// by rank 0; a rank that fails fails the run with its message. Skipped in a
// build without MPI (JOURNEYSIM_MPI off, or Boost.MPI not installed).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../run_program.hpp"
#include "journeysim/sim/ranks.hpp"

namespace journeysim::mpi_ranks_tests {  // named: the tests build in unity batches
namespace {

using namespace journeysim::test_programs;

bool can_run_ranks() { return journeysim::ranks::built_with_mpi() && std::string(JOURNEYSIM_MPIRUN) != ""; }

Invocation run_on_ranks(int ranks, const std::string& args, const std::string& environment = "") {
  return run_program(environment + std::string(JOURNEYSIM_MPIRUN) + " --oversubscribe --allow-run-as-root -np " +
                     std::to_string(ranks) + " " + JOURNEYSIM_BINARY + " " + args);
}

TEST(MpiRanks, EveryCommandGivesOneProcesssBytes) {
  if (!can_run_ranks()) GTEST_SKIP() << "built without MPI";
  const std::vector<std::string> commands{
      "run " + scenario("online_store.json") + " --customers 30000 --format json",
      "run " + scenario("saas_subscription.json") + " --customers 9000 --threads 1 --format csv",
      "compare " + scenario("online_store.json") + " --customers 20000 --format json",
      "sweep " + scenario("online_store.json") + " --set touchpoints.checkout.effort=1..4 --customers 20000",
      "sensitivity " + scenario("contact_centre.json") + " --customers 15000 --format json"};
  for (const std::string& command : commands) {
    const Invocation one = run_journeysim(command);
    ASSERT_EQ(one.exit_code, 0) << command << "\n" << one.err;
    for (int ranks : {1, 2, 3}) {
      const Invocation spread = run_on_ranks(ranks, command);
      ASSERT_EQ(spread.exit_code, 0) << command << " on " << ranks << " ranks\n" << spread.err;
      EXPECT_EQ(spread.out, one.out) << command << " on " << ranks << " ranks";
    }
  }
}

TEST(MpiRanks, OutIsWrittenOnceByRankZero) {
  if (!can_run_ranks()) GTEST_SKIP() << "built without MPI";
  const auto out = std::filesystem::temp_directory_path() / "journeysim-mpi-out.json";
  std::filesystem::remove(out);
  const std::string command = "run " + scenario("online_store.json") + " --customers 20000 --format json";
  const Invocation one = run_journeysim(command);
  const Invocation spread = run_on_ranks(3, command + " --out " + out.string());
  ASSERT_EQ(spread.exit_code, 0) << spread.err;
  EXPECT_EQ(spread.out, "");
  EXPECT_EQ(slurp(out), one.out);
  std::filesystem::remove(out);
}

TEST(MpiRanks, AFailedRankFailsTheRunWithItsMessage) {
  if (!can_run_ranks()) GTEST_SKIP() << "built without MPI";
  const auto out = std::filesystem::temp_directory_path() / "journeysim-mpi-failed.json";
  std::filesystem::remove(out);
  const Invocation spread =
      run_on_ranks(3, "run " + scenario("online_store.json") + " --customers 20000 --out " + out.string(),
                   "JOURNEYSIM_FAIL_RANK=2 ");
  EXPECT_NE(spread.exit_code, 0);
  EXPECT_NE(spread.err.find("journeysim (rank 2 of 3): journeysim: internal error: rank 2 failed"), std::string::npos)
      << spread.err;
  EXPECT_FALSE(std::filesystem::exists(out)) << "nothing half-written";
}

TEST(MpiRanks, BadInputIsSaidOnceAndFailsEveryRank) {
  if (!can_run_ranks()) GTEST_SKIP() << "built without MPI";
  const Invocation spread = run_on_ranks(2, "run /nonexistent/scenario.json");
  EXPECT_NE(spread.exit_code, 0);
  EXPECT_NE(spread.err.find("/nonexistent/scenario.json: error: cannot open the file"), std::string::npos)
      << spread.err;
  EXPECT_EQ(spread.err.find("(rank 1 of 2)"), std::string::npos) << spread.err;
  const Invocation events = run_on_ranks(2, "run " + scenario("online_store.json") + " --events /tmp/x.csv");
  EXPECT_EQ(events.exit_code, 2);
  EXPECT_NE(events.err.find("--events: the event log is written by one process"), std::string::npos) << events.err;
}

}  // namespace
}  // namespace journeysim::mpi_ranks_tests
