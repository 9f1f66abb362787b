// Event-log timestamps: ISO 8601 with and without zones, Unix seconds, and
// exact reasons for what cannot be read.
#include <gtest/gtest.h>

#include "journeysim/graph/calendar.hpp"
#include "journeysim/mine/timestamp.hpp"

namespace journeysim::mine {
namespace {

double seconds(std::string_view text) {
  const ParsedTimestamp t = parse_timestamp(text);
  EXPECT_TRUE(t.seconds.has_value()) << text << ": " << t.problem;
  return t.seconds.value_or(-1);
}

TEST(Timestamp, IsoForms) {
  EXPECT_EQ(seconds("1970-01-01"), 0.0);
  EXPECT_EQ(seconds("2024-03-01T09:30:15Z"), 1709285415.0);
  EXPECT_EQ(seconds("2024-03-01 09:30:15"), 1709285415.0);
  EXPECT_EQ(seconds("2024-03-01T09:30"), 1709285400.0);
  EXPECT_EQ(seconds("2024-03-01T10:30:15+01:00"), 1709285415.0);
  EXPECT_EQ(seconds("2024-03-01T04:30:15-0500"), 1709285415.0);
  EXPECT_DOUBLE_EQ(seconds("2024-03-01T09:30:15.250Z"), 1709285415.25);
  EXPECT_EQ(seconds("2024-02-29"), 1709164800.0);  // a leap day
  EXPECT_EQ(seconds("1969-12-31T23:59:59Z"), -1.0);
}

TEST(Timestamp, UnixSeconds) {
  EXPECT_EQ(seconds("1709285415"), 1709285415.0);
  EXPECT_DOUBLE_EQ(seconds("1709285415.5"), 1709285415.5);
}

TEST(Timestamp, Unreadable) {
  const std::string form =
      "; write an ISO 8601 time such as 2024-03-01T09:30:00Z (or with +01:00), or Unix seconds such as 1709285400";
  EXPECT_EQ(parse_timestamp("").problem, "the time is empty" + form);
  EXPECT_EQ(parse_timestamp("yesterday").problem, "\"yesterday\" is not a time" + form);
  EXPECT_EQ(parse_timestamp("2023-02-29").problem, "2023-02-29 does not exist" + form);
  EXPECT_EQ(parse_timestamp("2024-13-01").problem, "month 13 does not exist" + form);
  EXPECT_EQ(parse_timestamp("2024-03-01T25:00").problem, "\"2024-03-01T25:00\" has an impossible time of day" + form);
  EXPECT_EQ(parse_timestamp("2024-03-01T09:30Q").problem, "\"2024-03-01T09:30Q\" has an unreadable time zone" + form);
  EXPECT_EQ(parse_timestamp("03/01/2024").problem, "\"03/01/2024\" is not a time" + form);
}

TEST(Calendar, RoundTripsEveryDayOfFourCenturies) {
  for (long long day = -146097; day < 146097; day += 1) {
    ASSERT_EQ(days_from_civil(civil_from_days(day)), day);
  }
  EXPECT_EQ(format_utc_time(1709285415.25, true), "2024-03-01T09:30:15.250Z");
  EXPECT_EQ(format_utc_time(1709285415.25), "2024-03-01T09:30:15Z");
  EXPECT_EQ(format_utc_time(-1), "1969-12-31T23:59:59Z");
}

}  // namespace
}  // namespace journeysim::mine
