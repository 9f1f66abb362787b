// The queue model's derived figures (the arrival rate by hour of the week),
// and the words of a schedule: weekdays and times of day.
#include "journeysim/graph/queue_model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace journeysim {

std::array<double, hours_per_week> Arrivals::hourly_rates() const {
  // Normalised by the weights' means, so per_hour stays the week's mean rate.
  const double hour_mean = std::accumulate(by_hour.begin(), by_hour.end(), 0.0) / 24.0;
  const double day_mean = std::accumulate(by_weekday.begin(), by_weekday.end(), 0.0) / 7.0;
  std::array<double, hours_per_week> rates{};
  if (hour_mean <= 0.0 || day_mean <= 0.0) return rates;
  for (std::size_t day = 0; day < 7; ++day) {
    for (std::size_t hour = 0; hour < 24; ++hour) {
      rates[day * 24 + hour] = per_hour * (by_hour[hour] / hour_mean) * (by_weekday[day] / day_mean);
    }
  }
  return rates;
}

std::vector<std::uint32_t> agents_by_minute(const Capacity& capacity) {
  if (capacity.schedule.empty()) {
    return std::vector<std::uint32_t>(minutes_per_week, static_cast<std::uint32_t>(capacity.agents));
  }
  const auto minute_of = [](double seconds) { return static_cast<std::size_t>(std::llround(seconds / 60.0)); };
  // Each shift adds its agents at its first minute and takes them off at its
  // end: a running sum over the week's minutes, wrapping past Sunday midnight.
  std::vector<std::int64_t> change(minutes_per_week + 1, 0);
  for (const Shift& shift : capacity.schedule) {
    const auto agents = static_cast<std::int64_t>(shift.agents);
    const std::size_t from = minute_of(shift.from);
    std::size_t to = minute_of(shift.to);
    if (to <= from) to += 24 * 60;  // past midnight, into the next day
    for (std::size_t day = 0; day < 7; ++day) {
      if (!((shift.days >> day) & 1)) continue;
      const std::size_t start = day * 24 * 60 + from;
      const std::size_t end = day * 24 * 60 + to;
      change[start] += agents;
      if (end <= minutes_per_week) {
        change[end] -= agents;
      } else {  // Sunday night into Monday morning
        change[minutes_per_week] -= agents;
        change[0] += agents;
        change[end - minutes_per_week] -= agents;
      }
    }
  }
  std::vector<std::uint32_t> on_duty(minutes_per_week);
  std::int64_t running = 0;
  for (std::size_t minute = 0; minute < minutes_per_week; ++minute) {
    running += change[minute];
    on_duty[minute] = static_cast<std::uint32_t>(std::max<std::int64_t>(running, 0));
  }
  return on_duty;
}

std::uint32_t most_agents_on_duty(const Capacity& capacity) {
  const std::vector<std::uint32_t> agents = agents_by_minute(capacity);
  return agents.empty() ? 0 : *std::max_element(agents.begin(), agents.end());
}

std::string queue_tag(const Capacity& capacity) {
  const std::uint32_t most = most_agents_on_duty(capacity);
  return "queue, " + std::to_string(most) + (most == 1 ? " agent" : " agents");
}

}  // namespace journeysim

namespace journeysim {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
  std::string out;
  for (char c : text) out += lower(c);
  return out;
}

constexpr std::array<std::string_view, 7> day_names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<std::size_t> day_index(std::string_view name) {
  for (std::size_t d = 0; d < day_names.size(); ++d) {
    if (day_names[d] == name) return d;
  }
  return std::nullopt;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

DaysParse parse_days(std::string_view text) {
  const std::string all = lowered(text);
  if (all == "daily") return {std::uint8_t{0x7f}, {}};
  if (all == "weekdays") return {std::uint8_t{0x1f}, {}};
  if (all == "weekends") return {std::uint8_t{0x60}, {}};
  if (trimmed(all).empty()) return {std::nullopt, "no days are named"};
  std::uint8_t days = 0;
  std::size_t at = 0;
  while (at <= all.size()) {
    const std::size_t comma = std::min(all.find(',', at), all.size());
    const std::string part = trimmed(std::string_view(all).substr(at, comma - at));
    const std::size_t dash = part.find('-');
    const std::string first = trimmed(std::string_view(part).substr(0, dash));
    const std::string last = dash == std::string::npos ? first : trimmed(std::string_view(part).substr(dash + 1));
    const auto a = day_index(first);
    const auto b = day_index(last);
    if (!a || !b) {
      const std::string bad = a ? last : first;
      return {std::nullopt, bad.empty() ? "a day name is missing" : "\"" + bad + "\" is not a day"};
    }
    for (std::size_t d = *a;; d = (d + 1) % 7) {
      days = static_cast<std::uint8_t>(days | (1u << d));
      if (d == *b) break;
    }
    at = comma + 1;
  }
  return {days, {}};
}

std::string format_days(std::uint8_t days) {
  days &= 0x7f;
  if (days == 0x7f) return "daily";
  if (days == 0x1f) return "weekdays";
  if (days == 0x60) return "weekends";
  std::string out;
  for (std::size_t d = 0; d < 7;) {
    if ((days & (1u << d)) == 0) {
      ++d;
      continue;
    }
    std::size_t last = d;
    while (last + 1 < 7 && (days & (1u << (last + 1))) != 0) ++last;
    out += (out.empty() ? "" : ",") + std::string(day_names[d]);
    if (last > d) out += "-" + std::string(day_names[last]);
    d = last + 1;
  }
  return out;
}

std::optional<double> parse_clock(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) return std::nullopt;
  const auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const std::string_view hours = text.substr(0, colon);
  const std::string_view minutes = text.substr(colon + 1);
  if (!digits(hours) || !digits(minutes)) return std::nullopt;
  const int h = std::stoi(std::string(hours));
  const int m = std::stoi(std::string(minutes));
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 3600.0 + m * 60.0;
}

std::string format_clock(double seconds) {
  const auto minutes = static_cast<long>(std::llround(seconds / 60.0));
  const long h = minutes / 60;
  const long m = minutes % 60;
  std::string out;
  out += static_cast<char>('0' + h / 10);
  out += static_cast<char>('0' + h % 10);
  out += ':';
  out += static_cast<char>('0' + m / 10);
  out += static_cast<char>('0' + m % 10);
  return out;
}

}  // namespace journeysim
