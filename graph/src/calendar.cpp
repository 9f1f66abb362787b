// Day counts and civil dates, counted in 400-year eras from 1 March (so the
// leap day is the last day of a year): the usual closed forms.
#include "journeysim/graph/calendar.hpp"

#include <cmath>

namespace journeysim {

long long days_from_civil(const CivilDate& date) {
  const long long year = date.year - (date.month <= 2 ? 1 : 0);
  const long long era = (year >= 0 ? year : year - 399) / 400;
  const long long year_of_era = year - era * 400;
  const long long day_of_year = (153 * (date.month > 2 ? date.month - 3 : date.month + 9) + 2) / 5 + date.day - 1;
  const long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(long long days) {
  const long long z = days + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long day_of_era = z - era * 146097;
  const long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long long shifted_month = (5 * day_of_year + 2) / 153;
  CivilDate date;
  date.day = static_cast<unsigned>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  date.month = static_cast<unsigned>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  date.year = year_of_era + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

namespace {

void append_digits(std::string& out, long long value, int width) {
  char digits[24];
  int n = 0;
  const bool negative = value < 0;
  unsigned long long v =
      negative ? 0ull - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0);
  if (negative) out += '-';
  for (int i = n; i < width; ++i) out += '0';
  while (n > 0) out += digits[--n];
}

}  // namespace

void append_utc_time(std::string& out, double seconds_since_1970, bool milliseconds) {
  // Digits by hand: an event log writes millions of these.
  constexpr long long millis_per_day = 86'400'000;
  const auto millis = std::llround(seconds_since_1970 * 1000.0);
  long long days = millis / millis_per_day;
  long long rest = millis % millis_per_day;
  if (rest < 0) {
    rest += millis_per_day;
    --days;
  }
  const CivilDate date = civil_from_days(days);
  append_digits(out, date.year, 4);
  out += '-';
  append_digits(out, date.month, 2);
  out += '-';
  append_digits(out, date.day, 2);
  out += 'T';
  append_digits(out, rest / 3'600'000, 2);
  out += ':';
  append_digits(out, rest / 60'000 % 60, 2);
  out += ':';
  append_digits(out, rest / 1000 % 60, 2);
  if (milliseconds) {
    out += '.';
    append_digits(out, rest % 1000, 3);
  }
  out += 'Z';
}

std::string format_utc_time(double seconds_since_1970, bool milliseconds) {
  std::string out;
  append_utc_time(out, seconds_since_1970, milliseconds);
  return out;
}

}  // namespace journeysim
