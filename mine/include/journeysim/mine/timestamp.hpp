// Reading the timestamps of an event log: ISO 8601 (a date, or a date and a
// time, with or without a zone) or Unix seconds, as seconds since 1970 UTC.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace journeysim::mine {

struct ParsedTimestamp {
  std::optional<double> seconds;  // since 1970-01-01T00:00:00Z; none when unreadable
  std::string problem;            // why it could not be read
};

// "2024-03-01", "2024-03-01T09:30", "2024-03-01 09:30:15.250", with an
// optional "Z", "+02:00" or "-0500"; or Unix seconds "1709285415" (with an
// optional fraction). A time without a zone is taken as UTC.
ParsedTimestamp parse_timestamp(std::string_view text);

}  // namespace journeysim::mine
