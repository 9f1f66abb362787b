// Calendar dates for event logs: days since 1970 to a proleptic Gregorian
// date and back, and UTC times written in ISO 8601. (std::chrono's calendar
// is not complete in g++ 12's library.)
#pragma once

#include <string>

namespace journeysim {

struct CivilDate {
  long long year = 1970;
  unsigned month = 1;  // 1-12
  unsigned day = 1;    // 1-31
};

long long days_from_civil(const CivilDate& date);
CivilDate civil_from_days(long long days);

// "2025-01-01T00:00:20Z", or with milliseconds "2025-01-01T00:00:20.250Z".
std::string format_utc_time(double seconds_since_1970, bool milliseconds = false);
void append_utc_time(std::string& out, double seconds_since_1970, bool milliseconds = false);

}  // namespace journeysim
