// ISO 8601 and Unix-seconds timestamps, read by hand: std::get_time depends on
// the locale and reads neither fractions nor zones.
#include "journeysim/mine/timestamp.hpp"

#include <charconv>
#include <cmath>

#include "journeysim/graph/calendar.hpp"

namespace journeysim::mine {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Exactly `count` digits at `at`, advancing it.
std::optional<int> digits(std::string_view text, std::size_t& at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[at + i];
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  at += count;
  return value;
}

bool leap(long long year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(long long year, unsigned month) {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : days[month - 1];
}

const char* const expected_form =
    "write an ISO 8601 time such as 2024-03-01T09:30:00Z (or with +01:00), or Unix seconds such as 1709285400";

ParsedTimestamp unreadable(std::string what) { return {std::nullopt, std::move(what) + "; " + expected_form}; }

ParsedTimestamp parse_unix(std::string_view text) {
  double seconds = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds, std::chars_format::fixed);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(seconds)) {
    return unreadable("\"" + std::string(text) + "\" is not a time");
  }
  return {seconds, {}};
}

}  // namespace

ParsedTimestamp parse_timestamp(std::string_view text) {
  if (text.empty()) return unreadable("the time is empty");
  // Unix seconds: digits only (a fraction allowed). An ISO date has a '-' at 4.
  if (text.size() < 5 || text[4] != '-') return parse_unix(text);
  std::size_t at = 0;
  const auto year = digits(text, at, 4);
  std::optional<int> month, day;
  if (year && at < text.size() && text[at] == '-') {
    ++at;
    month = digits(text, at, 2);
    if (month && at < text.size() && text[at] == '-') {
      ++at;
      day = digits(text, at, 2);
    }
  }
  if (!year || !month || !day) return unreadable("\"" + std::string(text) + "\" is not a date");
  if (*month < 1 || *month > 12) return unreadable("month " + std::to_string(*month) + " does not exist");
  if (*day < 1 || static_cast<unsigned>(*day) > days_in_month(*year, *month)) {
    return unreadable(std::string(text.substr(0, 10)) + " does not exist");
  }
  const CivilDate date{*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)};
  double seconds = static_cast<double>(days_from_civil(date)) * 86400.0;
  if (at == text.size()) return {seconds, {}};
  if (text[at] != 'T' && text[at] != 't' && text[at] != ' ') {
    return unreadable("\"" + std::string(text) + "\" has something other than a time after its date");
  }
  ++at;
  const auto hour = digits(text, at, 2);
  std::optional<int> minute;
  if (hour && at < text.size() && text[at] == ':') {
    ++at;
    minute = digits(text, at, 2);
  }
  if (!hour || !minute) return unreadable("\"" + std::string(text) + "\" has no readable time of day (HH:MM)");
  int second = 0;
  double fraction = 0.0;
  if (at < text.size() && text[at] == ':') {
    ++at;
    const auto s = digits(text, at, 2);
    if (!s) return unreadable("\"" + std::string(text) + "\" has no readable seconds");
    second = *s;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      ++at;
      double scale = 0.1;
      const std::size_t first = at;
      while (at < text.size() && is_digit(text[at])) {
        fraction += (text[at] - '0') * scale;
        scale /= 10;
        ++at;
      }
      if (at == first) return unreadable("\"" + std::string(text) + "\" has a decimal point without digits");
    }
  }
  if (*hour > 24 || *minute > 59 || second > 60 || (*hour == 24 && (*minute != 0 || second != 0 || fraction != 0))) {
    return unreadable("\"" + std::string(text) + "\" has an impossible time of day");
  }
  seconds += *hour * 3600.0 + *minute * 60.0 + second + fraction;
  if (at == text.size()) return {seconds, {}};
  if ((text[at] == 'Z' || text[at] == 'z') && at + 1 == text.size()) return {seconds, {}};
  if (text[at] == '+' || text[at] == '-') {
    const int sign = text[at] == '+' ? 1 : -1;
    ++at;
    const auto zone_hours = digits(text, at, 2);
    std::optional<int> zone_minutes = 0;
    if (at < text.size() && text[at] == ':') ++at;
    if (at < text.size()) zone_minutes = digits(text, at, 2);
    if (zone_hours && zone_minutes && at == text.size() && *zone_hours <= 23 && *zone_minutes <= 59) {
      // Local time minus its offset is UTC.
      return {seconds - sign * (*zone_hours * 3600.0 + *zone_minutes * 60.0), {}};
    }
  }
  return unreadable("\"" + std::string(text) + "\" has an unreadable time zone");
}

}  // namespace journeysim::mine
