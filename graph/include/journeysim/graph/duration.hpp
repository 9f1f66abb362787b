// Durations as people write them: "30s", "15m", "1.5h", "3d", "4w", "6mo" (a twelfth of
// 365.25 days each), "1y" (365.25 days), "1h30m".
// Inside the model every duration is a double number of seconds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace journeysim {

inline constexpr double seconds_per_minute = 60.0;
inline constexpr double seconds_per_hour = 3600.0;
inline constexpr double seconds_per_day = 86400.0;
inline constexpr double seconds_per_week = 604800.0;
inline constexpr double seconds_per_year = 365.25 * seconds_per_day;  // "y"
inline constexpr double seconds_per_month = seconds_per_year / 12.0;  // "mo"

struct DurationParse {
  std::optional<double> seconds;
  std::string problem;  // why it is not a duration, when it is not
};

DurationParse parse_duration(std::string_view text);

// The shortest exact spelling in the largest fitting unit: 900 -> "15m",
// 5400 -> "1.5h", 93 -> "93s". parse_duration(format_duration(x)) == x.
std::string format_duration(double seconds);

}  // namespace journeysim
