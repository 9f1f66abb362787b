// Durations: parsing "1h30m" or "6mo" into seconds and writing seconds back in the
// largest unit that says them exactly.
#include "journeysim/graph/duration.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace journeysim {

namespace {

struct Unit {
  std::string_view symbol;
  double seconds;
};
// Largest first, for format_duration. "mo" is a twelfth of a year, so that
// "12mo" and "1y" are the same horizon.
constexpr std::array<Unit, 7> units{{{"y", seconds_per_year},
                                     {"mo", seconds_per_month},
                                     {"w", seconds_per_week},
                                     {"d", seconds_per_day},
                                     {"h", seconds_per_hour},
                                     {"m", seconds_per_minute},
                                     {"s", 1.0}}};

std::optional<double> unit_seconds(std::string_view symbol) {
  for (const Unit& unit : units) {
    if (unit.symbol == symbol) return unit.seconds;
  }
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string shortest(double value) {
  std::array<char, 64> buffer{};
  // Fixed notation: "1e+05" would not parse back as a duration.
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  return std::string(buffer.data(), result.ptr);
}

}  // namespace

DurationParse parse_duration(std::string_view text) {
  if (text.empty()) return {std::nullopt, "an empty string is not a duration"};
  if (text.front() == '-') return {std::nullopt, "a duration cannot be negative"};
  double total = 0.0;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t number_begin = at;
    while (at < text.size() && (is_digit(text[at]) || text[at] == '.')) ++at;
    if (at == number_begin) {
      return {std::nullopt, "expected a number at \"" + std::string(text.substr(number_begin)) + "\""};
    }
    double value = 0.0;
    const auto parsed = std::from_chars(text.data() + number_begin, text.data() + at, value);
    if (parsed.ec != std::errc() || parsed.ptr != text.data() + at) {
      return {std::nullopt, "\"" + std::string(text.substr(number_begin, at - number_begin)) + "\" is not a number"};
    }
    const std::size_t unit_begin = at;
    while (at < text.size() && !is_digit(text[at]) && text[at] != '.') ++at;
    const std::string_view unit = text.substr(unit_begin, at - unit_begin);
    if (unit.empty()) return {std::nullopt, "the number has no unit"};
    const std::optional<double> seconds = unit_seconds(unit);
    if (!seconds) return {std::nullopt, "unknown unit \"" + std::string(unit) + "\""};
    total += value * *seconds;
  }
  if (!std::isfinite(total)) return {std::nullopt, "the duration is too long to represent"};
  return {total, {}};
}

std::string format_duration(double seconds) {
  for (const Unit& unit : units) {
    const double value = seconds / unit.seconds;
    if (value < 1.0 && unit.symbol != "s") continue;
    const std::string number = shortest(value);
    const std::size_t point = number.find('.');
    // "1.5h" reads well; "1.55m" does not: then a smaller unit says it better.
    const bool short_enough = point == std::string::npos || number.size() - point - 1 <= 1;
    if (!short_enough) continue;
    std::string text = number + std::string(unit.symbol);
    const DurationParse back = parse_duration(text);
    if (back.seconds && *back.seconds == seconds) return text;
  }
  return shortest(seconds) + "s";
}

}  // namespace journeysim
