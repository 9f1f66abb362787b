// The queue model's part of a scenario (DESIGN section 8): customers arriving
// over time, and touchpoints whose agents they share. Plain immutable values
// like the rest of the model; the loader's queue reader builds them and the
// engine's event loop (sim/queue/) consumes them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journeysim/graph/distribution.hpp"
#include "journeysim/graph/duration.hpp"

namespace journeysim {

// seconds_per_day and seconds_per_week: duration.hpp.
inline constexpr std::size_t hours_per_week = 168;
inline constexpr std::size_t minutes_per_week = 7 * 24 * 60;

// When customers arrive: a Poisson process whose rate varies by hour of the
// week. Time 0 is Monday 00:00. The profiles are relative weights: the rate
// in hour h of weekday d is per_hour * by_hour[h] * by_weekday[d], divided by
// the weights' means, so `per_hour` is the mean rate over a week whatever the
// profiles' scale.
struct Arrivals {
  double per_hour = 0.0;         // `per_day` in the file is stored divided by 24
  bool written_per_day = false;  // for saving as written
  std::array<double, 24> by_hour{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  std::array<double, 7> by_weekday{1, 1, 1, 1, 1, 1, 1};
  bool has_by_hour = false;  // written in the file (for saving)
  bool has_by_weekday = false;

  // The rate, per hour, in each hour of the week (Monday 00:00-01:00 first).
  std::array<double, hours_per_week> hourly_rates() const;
  friend bool operator==(const Arrivals&, const Arrivals&) = default;
};

// One shift of a schedule: `agents` on duty on the given weekdays from `from`
// to `to` (seconds after midnight; a `to` at or before `from` runs past
// midnight into the next day). Overlapping shifts add up.
struct Shift {
  std::uint8_t days = 0;  // bit d: weekday d, Monday = 0
  double from = 0.0;      // seconds after midnight
  double to = seconds_per_day;
  double agents = 0.0;    // a whole number >= 0 (a double so that `scale` can reach it)
  std::string days_text;  // as written ("mon-fri"), for saving and messages
  friend bool operator==(const Shift&, const Shift&) = default;
};

// A touchpoint whose visitors share a pool of agents: each is served by one
// agent for the touchpoint's dwell, first come first served, and waits while
// none is free.
struct Capacity {
  double agents = 1.0;                   // always on duty when there is no schedule (a whole number >= 0)
  std::optional<Distribution> patience;  // none: waits however long it takes
  std::string on_renege;                 // touchpoint id where customers whose patience runs out go
  std::optional<double> queue_limit;     // waiting customers beyond which arrivals balk (whole number >= 0)
  std::string on_balk;                   // touchpoint id where balking customers go
  double answer_within = 20.0;           // seconds: the service level's target
  std::vector<Shift> schedule;           // empty: `agents` around the clock
  std::string on_closed;                 // touchpoint id for arrivals while closed; empty: wait for opening

  friend bool operator==(const Capacity&, const Capacity&) = default;
};

// Agents on duty in each minute of the week (Monday 00:00 first): `agents`
// throughout without a schedule, else the sum of the shifts covering the
// minute. Schedules are in whole minutes, so this is the schedule exactly.
std::vector<std::uint32_t> agents_by_minute(const Capacity& capacity);

// The most agents on duty at once in the week, and how the journey's
// pictures (the viewer's canvas, the report's map) tag a queue with it:
// "queue, 15 agents".
std::uint32_t most_agents_on_duty(const Capacity& capacity);
std::string queue_tag(const Capacity& capacity);

// The weekdays a shift is on, as written: three-letter names (Monday first,
// any case), ranges ("mon-fri", "fri-mon" wraps over the weekend), lists
// ("mon,wed,fri", "mon-wed,sat"), and the words "daily", "weekdays" and
// "weekends". Bit d of the result is weekday d (Monday = 0).
struct DaysParse {
  std::optional<std::uint8_t> days;
  std::string problem;  // why not, when not
};
DaysParse parse_days(std::string_view text);
// Weekday bits as parse_days reads them: "daily", "weekdays", "weekends", else
// ranges and single days ("mon-wed,fri"); for shifts made in code.
std::string format_days(std::uint8_t days);

// A time of day as "HH:MM" (00:00 to 24:00), in seconds after midnight.
std::optional<double> parse_clock(std::string_view text);
// Seconds after midnight as "HH:MM" (whole minutes; 86400 is "24:00").
std::string format_clock(double seconds);

}  // namespace journeysim
