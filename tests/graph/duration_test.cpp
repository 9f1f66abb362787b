// Tests parse_duration and format_duration (graph/duration.hpp): units, chains, errors and round trips.
#include "journeysim/graph/duration.hpp"

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace journeysim {
namespace {

double seconds_of(std::string_view text) {
  const DurationParse parsed = parse_duration(text);
  EXPECT_TRUE(parsed.seconds.has_value()) << "\"" << text << "\": " << parsed.problem;
  EXPECT_EQ(parsed.problem, "") << "\"" << text << "\"";
  return parsed.seconds.value_or(-1.0);
}

std::string problem_of(std::string_view text) {
  const DurationParse parsed = parse_duration(text);
  EXPECT_FALSE(parsed.seconds.has_value()) << "\"" << text << "\" parsed as " << parsed.seconds.value_or(0.0);
  return parsed.problem;
}

TEST(ParseDuration, EachUnit) {
  EXPECT_EQ(seconds_of("30s"), 30.0);
  EXPECT_EQ(seconds_of("15m"), 900.0);
  EXPECT_EQ(seconds_of("2h"), 7200.0);
  EXPECT_EQ(seconds_of("1.5h"), 5400.0);
  EXPECT_EQ(seconds_of("3d"), 3.0 * 86400.0);
  EXPECT_EQ(seconds_of("4w"), 4.0 * 604800.0);
  EXPECT_EQ(seconds_of("365d"), 365.0 * 86400.0);
}

TEST(ParseDuration, ZeroAndFractions) {
  EXPECT_EQ(seconds_of("0s"), 0.0);
  EXPECT_EQ(seconds_of("0m"), 0.0);
  EXPECT_EQ(seconds_of("0.5s"), 0.5);
  EXPECT_EQ(seconds_of("0.25h"), 900.0);
  EXPECT_EQ(seconds_of("2.5d"), 2.5 * 86400.0);
}

TEST(ParseDuration, ChainedParts) {
  EXPECT_EQ(seconds_of("1h30m"), 5400.0);
  EXPECT_EQ(seconds_of("1d12h"), 129600.0);
  EXPECT_EQ(seconds_of("2m30s"), 150.0);
  EXPECT_EQ(seconds_of("1w2d3h4m5s"), 604800.0 + 2 * 86400.0 + 3 * 3600.0 + 4 * 60.0 + 5.0);
  EXPECT_EQ(seconds_of("1h0.5m"), 3630.0);
}

TEST(ParseDuration, UnitConstants) {
  EXPECT_EQ(seconds_per_minute, 60.0);
  EXPECT_EQ(seconds_per_hour, 3600.0);
  EXPECT_EQ(seconds_per_day, 86400.0);
  EXPECT_EQ(seconds_per_week, 604800.0);
}

TEST(ParseDuration, EmptyText) { EXPECT_EQ(problem_of(""), "an empty string is not a duration"); }

TEST(ParseDuration, NumberWithoutUnit) {
  EXPECT_EQ(problem_of("5"), "the number has no unit");
  EXPECT_EQ(problem_of("0"), "the number has no unit");
  EXPECT_EQ(problem_of("1.5"), "the number has no unit");
  EXPECT_EQ(problem_of("1h30"), "the number has no unit");
}

TEST(ParseDuration, WordsAreNotUnits) {
  EXPECT_EQ(problem_of("5 minutes"), "unknown unit \" minutes\"");
  EXPECT_EQ(problem_of("5min"), "unknown unit \"min\"");
  EXPECT_EQ(problem_of("5mm"), "unknown unit \"mm\"");
  EXPECT_EQ(problem_of("5 m"), "unknown unit \" m\"");
}

TEST(ParseDuration, UnknownUnit) {
  EXPECT_EQ(problem_of("5x"), "unknown unit \"x\"");
  EXPECT_EQ(problem_of("5yr"), "unknown unit \"yr\"");
  EXPECT_EQ(problem_of("5mon"), "unknown unit \"mon\"");
  EXPECT_EQ(problem_of("1h5q"), "unknown unit \"q\"");
}

// Months and years (DESIGN section 3): "12m" is twelve minutes, "12mo" a year.
TEST(ParseDuration, MonthsAndYears) {
  EXPECT_EQ(parse_duration("1y").seconds, 365.25 * 86400.0);
  EXPECT_EQ(parse_duration("12mo").seconds, 365.25 * 86400.0);
  EXPECT_EQ(parse_duration("6mo").seconds, 365.25 * 86400.0 / 2);
  EXPECT_EQ(parse_duration("1y6mo").seconds, 1.5 * 365.25 * 86400.0);
  EXPECT_EQ(parse_duration("12m").seconds, 720.0);
  EXPECT_EQ(format_duration(365.25 * 86400.0), "1y");
  EXPECT_EQ(format_duration(365.25 * 86400.0 / 12), "1mo");
  EXPECT_EQ(format_duration(365.0 * 86400.0), "365d");
  EXPECT_EQ(problem_of("5Y"), "unknown unit \"Y\"");
}

TEST(ParseDuration, UnitsAreCaseSensitive) {
  EXPECT_EQ(problem_of("5M"), "unknown unit \"M\"");
  EXPECT_EQ(problem_of("2H"), "unknown unit \"H\"");
}

TEST(ParseDuration, Negative) {
  EXPECT_EQ(problem_of("-5m"), "a duration cannot be negative");
  EXPECT_EQ(problem_of("-0s"), "a duration cannot be negative");
}

TEST(ParseDuration, NotANumber) {
  EXPECT_EQ(problem_of("abc"), "expected a number at \"abc\"");
  EXPECT_EQ(problem_of("m"), "expected a number at \"m\"");
  EXPECT_EQ(problem_of("+5m"), "expected a number at \"+5m\"");
  EXPECT_EQ(problem_of(" 5m"), "expected a number at \" 5m\"");
  EXPECT_EQ(problem_of("nan"), "expected a number at \"nan\"");
  EXPECT_EQ(problem_of("inf"), "expected a number at \"inf\"");
}

TEST(ParseDuration, MalformedNumber) {
  EXPECT_EQ(problem_of("1.2.3s"), "\"1.2.3\" is not a number");
  EXPECT_EQ(problem_of(".s"), "\".\" is not a number");
}

TEST(ParseDuration, ExponentNotationIsRefused) {
  // "1e3s" reads as the number 1 followed by the unit "e".
  EXPECT_EQ(problem_of("1e3s"), "unknown unit \"e\"");
  EXPECT_EQ(problem_of("1E3s"), "unknown unit \"E\"");
  EXPECT_EQ(problem_of("1e+06s"), "unknown unit \"e+\"");
}

TEST(ParseDuration, TooLongToRepresent) {
  // About 1.8e308 weeks: finite as a number, infinite in seconds.
  const std::string huge = "17976931348623157" + std::string(292, '0') + "w";
  EXPECT_EQ(problem_of(huge), "the duration is too long to represent");
}

TEST(ParseDuration, ProblemIsEmptyOnSuccess) {
  const DurationParse parsed = parse_duration("10m");
  ASSERT_TRUE(parsed.seconds.has_value());
  EXPECT_TRUE(parsed.problem.empty());
}

TEST(FormatDuration, DocumentedExamples) {
  EXPECT_EQ(format_duration(900), "15m");
  EXPECT_EQ(format_duration(5400), "1.5h");
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(0.5), "0.5s");
  EXPECT_EQ(format_duration(86400 * 3), "3d");
}

TEST(FormatDuration, NinetyThreeSecondsIsNinetyThreeSeconds) {
  // duration.hpp documents 93 -> "93s" (the shortest exact spelling).
  EXPECT_EQ(format_duration(93), "93s");
}

TEST(FormatDuration, LargestFittingUnit) {
  EXPECT_EQ(format_duration(30), "30s");
  EXPECT_EQ(format_duration(60), "1m");
  EXPECT_EQ(format_duration(3600), "1h");
  EXPECT_EQ(format_duration(7200), "2h");
  EXPECT_EQ(format_duration(86400), "1d");
  EXPECT_EQ(format_duration(604800), "1w");
  EXPECT_EQ(format_duration(4 * 604800), "4w");
  EXPECT_EQ(format_duration(365 * 86400.0), "365d");
  EXPECT_EQ(format_duration(14 * 86400.0), "2w");
  EXPECT_EQ(format_duration(1.5 * 86400.0), "1.5d");
  EXPECT_EQ(format_duration(45 * 60.0), "45m");
}

TEST(FormatDuration, OutputParsesBackExactly) {
  const std::vector<double> values{0,     0.5,    1,      1.25,   2.5,     59,      61,       90,    120,   599.5,
                                   900,   1800,   3599,   3601,   5400,    7200,    10000,    43200, 86399, 86400,
                                   90000, 129600, 259200, 604800, 1209600, 2419200, 31536000, 0.001, 0.1,   12345.678};
  for (double x : values) {
    const std::string text = format_duration(x);
    const DurationParse back = parse_duration(text);
    ASSERT_TRUE(back.seconds.has_value()) << x << " -> \"" << text << "\": " << back.problem;
    EXPECT_EQ(*back.seconds, x) << x << " -> \"" << text << "\"";
  }
}

TEST(FormatDuration, RoundNumbersOfSecondsParseBack) {
  // Round numbers whose shortest form is written with an exponent ("1e+05").
  for (double x : {1e5, 1e6, 2e6, 3e7, 1e-4}) {
    const std::string text = format_duration(x);
    const DurationParse back = parse_duration(text);
    ASSERT_TRUE(back.seconds.has_value()) << x << " -> \"" << text << "\": " << back.problem;
    EXPECT_EQ(*back.seconds, x) << x << " -> \"" << text << "\"";
  }
}

TEST(FormatDuration, RandomValuesRoundTrip) {
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> seconds(0.0, 1e7);
  std::uniform_real_distribution<double> small(0.0, 100.0);
  std::uniform_int_distribution<int> quarters(0, 4000);
  std::uniform_int_distribution<int> unit(0, 4);
  const double unit_seconds[] = {1.0, 60.0, 3600.0, 86400.0, 604800.0};
  for (int i = 0; i < 3000; ++i) {
    double x = 0.0;
    switch (i % 3) {
      case 0: x = seconds(rng); break;                                    // arbitrary doubles
      case 1: x = small(rng); break;                                      // short, many digits
      default: x = quarters(rng) / 4.0 * unit_seconds[unit(rng)]; break;  // written-by-hand values
    }
    const std::string text = format_duration(x);
    const DurationParse back = parse_duration(text);
    ASSERT_TRUE(back.seconds.has_value()) << x << " -> \"" << text << "\": " << back.problem;
    ASSERT_EQ(*back.seconds, x) << "\"" << text << "\"";
  }
}

TEST(FormatDuration, HandWrittenSpellingsSurvive) {
  // What people write comes back the same (or shorter in a larger unit).
  for (const char* text : {"30s", "15m", "1.5h", "3d", "4w", "2h", "45m", "10d", "0.5s"}) {
    const DurationParse parsed = parse_duration(text);
    ASSERT_TRUE(parsed.seconds.has_value()) << text;
    EXPECT_EQ(format_duration(*parsed.seconds), text);
  }
  EXPECT_EQ(format_duration(*parse_duration("1h30m").seconds), "1.5h");
  EXPECT_EQ(format_duration(*parse_duration("90m").seconds), "1.5h");
  EXPECT_EQ(format_duration(*parse_duration("7d").seconds), "1w");
}

}  // namespace
}  // namespace journeysim
