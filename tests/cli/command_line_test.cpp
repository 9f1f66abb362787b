// Usage errors as a user meets them: each says what was wrong and what is
// accepted (exit 2); numbers are whole decimal numbers in range; help and
// unknown commands name the program and its commands.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;
using nlohmann::json;

const std::string store = scenario("online_store.json");

void expect_usage_error(const std::string& args, const std::string& message) {
  const Invocation run = run_journeysim(args);
  EXPECT_EQ(run.exit_code, 2) << args << ": " << run.err;
  EXPECT_NE(run.err.find(message), std::string::npos) << args << ":\n" << run.err;
  EXPECT_EQ(run.err.find("FAILED"), std::string::npos) << run.err;  // no CLI11 internals
  EXPECT_EQ(run.out, "");
}

TEST(CommandLine, SeedsAreWholeDecimalNumbersInRange) {
  const std::string range = "--seed: \"-1\" is not a whole number from 0 to 18446744073709551615";
  expect_usage_error("run " + store + " --seed -1", range);
  expect_usage_error("run " + store + " --seed 18446744073709551616",
                     "--seed: 18446744073709551616 is out of range; use 0 to 18446744073709551615");
  expect_usage_error("run " + store + " --seed 0x10", "--seed: \"0x10\" is not a whole number");
  const Invocation leading_zero = run_journeysim("run " + store + " --customers 100 --seed 010 --format json");
  ASSERT_EQ(leading_zero.exit_code, 0) << leading_zero.err;
  EXPECT_EQ(json::parse(leading_zero.out).at("seed"), 10);  // decimal, not octal
  const Invocation largest =
      run_journeysim("run " + store + " --customers 100 --seed 18446744073709551615 --format json");
  ASSERT_EQ(largest.exit_code, 0) << largest.err;
  EXPECT_EQ(json::parse(largest.out).at("seed").get<std::uint64_t>(), 18446744073709551615ull);
}

TEST(CommandLine, CustomersAreWholeDecimalNumbersInRange) {
  expect_usage_error("run " + store + " --customers 1e3",
                     "--customers: \"1e3\" is not a whole number from 1 to 1000000000000 (10^12); write it in digits");
  expect_usage_error("run " + store + " --customers 0",
                     "--customers: 0 is out of range; use 1 to 1000000000000 (10^12)");
  expect_usage_error("run " + store + " --customers -5", "--customers: \"-5\" is not a whole number");
  expect_usage_error("run " + store + " --customers 99999999999999999999999", "is out of range; use 1 to");
  expect_usage_error("compare " + store + " --customers 2.5", "--customers: \"2.5\" is not a whole number");
  expect_usage_error("run " + store + " --threads 0", "--threads: 0 is out of range; use 1 to 1024");
  const Invocation leading_zero = run_journeysim("run " + store + " --customers 010 --format json");
  ASSERT_EQ(leading_zero.exit_code, 0) << leading_zero.err;
  EXPECT_EQ(json::parse(leading_zero.out).at("customers"), 10);
}

TEST(CommandLine, AnUnknownFormatListsTheFormats) {
  for (const std::string command : {"run", "compare", "analyze", "sensitivity"}) {
    expect_usage_error(command + " " + store + " --format xlsx",
                       "--format: \"xlsx\" is not a format; use table, json or csv");
  }
  const Invocation upper = run_journeysim("run " + store + " --customers 100 --format JSON");
  EXPECT_EQ(upper.exit_code, 0) << upper.err;
}

TEST(CommandLine, AnUnknownKpiGetsADidYouMeanAndTheList) {
  const std::string list =
      "KPIs: conversion_rate, churn_rate, abandonment_rate, lost_rate, retention_rate, nps, csat, "
      "ces, sentiment_final, ttr_hours, wait_hours, journey_hours, steps, cost_per_customer, revenue_per_customer";
  for (const std::string& command :
       std::vector<std::string>{"sensitivity " + store, "sweep " + store + " --set touchpoints.checkout.effort=1..2"}) {
    const Invocation run = run_journeysim(command + " --kpi churn");
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("--kpi: unknown KPI \"churn\"; did you mean \"churn_rate\"?"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(list), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find("more"), std::string::npos) << run.err;
  }
}

TEST(CommandLine, AnUnknownCommandNamesTheCommands) {
  const std::string commands = "the commands are validate, run, compare, sweep, sensitivity, analyze, report and mine";
  expect_usage_error("rnu " + store, "journeysim: unknown command \"rnu\"; did you mean \"run\"? " + commands);
  expect_usage_error("simulate " + store, "journeysim: unknown command \"simulate\"; " + commands);
  expect_usage_error("", "journeysim: a command is required; " + commands);
}

TEST(CommandLine, AnUnknownOptionGetsADidYouMeanAndTheCommandsOptions) {
  expect_usage_error("run " + store + " --customer 10",
                     "journeysim run: unknown option \"--customer\"; did you mean \"--customers\"?");
  expect_usage_error("run " + store + " --customer 10", "the options of run are --customers, --seed, --threads,");
  expect_usage_error("run", "journeysim run: FILE is required");
}

TEST(CommandLine, HelpNamesTheProgram) {
  const Invocation top = run_journeysim("--help");
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("Usage: journeysim [OPTIONS] SUBCOMMAND"), std::string::npos) << top.out;
  const Invocation run = run_journeysim("run --help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("Usage: journeysim run [OPTIONS] FILE"), std::string::npos) << run.out;
}

}  // namespace
