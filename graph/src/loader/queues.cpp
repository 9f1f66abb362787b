// The queue model's keys (DESIGN section 8): the top-level `arrivals` and
// `warm_up`, and a touchpoint's `capacity` with its schedule. What needs the
// whole scenario (a horizon for arrivals, the touchpoints named by on_renege,
// on_balk and on_closed) is judged after reading, by queue_checks.hpp, which
// holds what-if variants to the same rules.
#include "journeysim/graph/duration.hpp"
#include "scenario_reader.hpp"

namespace journeysim::loader {

template <std::size_t N>
std::optional<std::array<double, N>> ScenarioReader::read_weights(const Json& value, const JsonPath& path,
                                                                  std::string_view what, std::string_view example) {
  if (!value.is_array() || value.size() != N) {
    error(path,
          std::string(what) + " must be an array of " + std::to_string(N) + " weights, found " + describe(value) +
              (value.is_array() ? " of " + std::to_string(value.size()) : ""),
          "give " + std::to_string(N) + " numbers of 0 or more, " + std::string(example));
    return std::nullopt;
  }
  std::array<double, N> weights{};
  bool ok = true;
  double total = 0.0;
  for (std::size_t i = 0; i < N; ++i) {
    const auto w = read_number_in(value[i], path_index(path, i), 0.0, 1e9, "a weight");
    ok = ok && w.has_value();
    weights[i] = w.value_or(0.0);
    total += weights[i];
  }
  if (!ok) return std::nullopt;
  if (!(total > 0.0)) {
    error(path, "every weight of " + std::string(what) + " is 0, so nobody would ever arrive",
          "give at least one weight above 0");
    return std::nullopt;
  }
  return weights;
}

void ScenarioReader::read_arrivals(const Json& root) {
  if (const Json* v = member(root, "warm_up")) {
    if (auto seconds = read_duration_value(*v, "warm_up")) scenario_.warm_up = *seconds;
  }
  const Json* value = member(root, "arrivals");
  if (!value) return;
  scenario_.arrivals = Arrivals{};  // even unreadable: the checks that need arrivals (capacity) say nothing more
  const JsonPath path = "arrivals";
  if (!expect_object(*value, path, "the arrivals")) return;
  check_keys(*value, path, arrivals_keys);
  Arrivals arrivals;
  const Json* per_hour = member(*value, "per_hour");
  const Json* per_day = member(*value, "per_day");
  if (per_hour && per_day) {
    error(path_key(path, "per_day"), "\"arrivals\" takes \"per_hour\" or \"per_day\", not both", "keep one of them");
  } else if (!per_hour && !per_day) {
    error(path, "\"arrivals\" needs a rate: \"per_hour\" or \"per_day\"",
          "add how many customers arrive, e.g. \"per_hour\": 200");
  } else if (per_hour) {
    const auto rate = read_number_in(*per_hour, path_key(path, "per_hour"), limits::per_hour, "per_hour");
    arrivals.per_hour = rate.value_or(0.0);
  } else {
    const auto rate = read_number_in(*per_day, path_key(path, "per_day"), limits::per_day, "per_day");
    arrivals.per_hour = rate.value_or(0.0) / 24.0;
    arrivals.written_per_day = true;
  }
  if (const Json* v = member(*value, "by_hour")) {
    const auto weights =
        read_weights<24>(*v, path_key(path, "by_hour"), "\"by_hour\"", "one per hour of the day from 00:00");
    if (weights) {
      arrivals.by_hour = *weights;
      arrivals.has_by_hour = true;
    }
  }
  if (const Json* v = member(*value, "by_weekday")) {
    const auto weights =
        read_weights<7>(*v, path_key(path, "by_weekday"), "\"by_weekday\"", "one per weekday, Monday first");
    if (weights) {
      arrivals.by_weekday = *weights;
      arrivals.has_by_weekday = true;
    }
  }
  scenario_.arrivals = arrivals;
}

std::optional<double> ScenarioReader::read_clock_time(const Json& value, const JsonPath& path, bool is_end) {
  const auto text = read_string(value, path);
  if (!text) return std::nullopt;
  const auto seconds = parse_clock(*text);
  if (!seconds) {
    error(path, in_quotes(*text) + " is not a time of day",
          "write hours and minutes from 00:00 to 24:00, e.g. \"08:00\" or \"17:30\"");
    return std::nullopt;
  }
  if (!is_end && *seconds >= seconds_per_day) {
    error(path, "a shift cannot start at 24:00", "write \"00:00\" for the start of the day");
    return std::nullopt;
  }
  return seconds;
}

std::optional<Shift> ScenarioReader::read_shift(const Json& value, const JsonPath& path) {
  if (!expect_object(value, path, "a shift")) return std::nullopt;
  check_keys(value, path, shift_keys);
  Shift shift;
  bool ok = true;
  const Json* days = require(value, path, "days", "\"days\": the weekdays it is on, e.g. \"mon-fri\"");
  const Json* from = require(value, path, "from", "\"from\": when it starts, e.g. \"08:00\"");
  const Json* to = require(value, path, "to", "\"to\": when it ends, e.g. \"20:00\"");
  const Json* agents = require(value, path, "agents", "\"agents\": how many are on duty, e.g. 10");
  if (!days || !from || !to || !agents) return std::nullopt;
  if (auto text = read_string(*days, path_key(path, "days"))) {
    const DaysParse parsed = parse_days(*text);
    if (parsed.days) {
      shift.days = *parsed.days;
      shift.days_text = *text;
    } else {
      error(path_key(path, "days"), in_quotes(*text) + " does not name weekdays: " + parsed.problem,
            "write three-letter day names, a range or a list: \"mon-fri\", \"sat\", \"mon,wed,fri\", \"daily\", "
            "\"weekdays\" or \"weekends\"");
      ok = false;
    }
  } else {
    ok = false;
  }
  const auto start = read_clock_time(*from, path_key(path, "from"), false);
  const auto end = read_clock_time(*to, path_key(path, "to"), true);
  const auto count = read_number_in(*agents, path_key(path, "agents"), limits::agents, "agents");
  if (!start || !end || !count || !ok) return std::nullopt;
  if (*start == *end) {
    error(path_key(path, "to"), "the shift starts and ends at " + format_clock(*start) + ", so it has no length",
          "give the time it ends; for a shift round the clock write \"from\": \"00:00\", \"to\": \"24:00\"");
    return std::nullopt;
  }
  shift.from = *start;
  shift.to = *end;
  shift.agents = *count;
  return shift;
}

std::optional<Capacity> ScenarioReader::read_capacity(const Json& value, const JsonPath& path) {
  if (!expect_object(value, path, "a capacity")) return std::nullopt;
  check_keys(value, path, capacity_keys);
  Capacity capacity;
  bool ok = true;
  const auto reference = [&](std::string_view key, std::string& out) {
    if (const Json* v = member(value, key)) {
      const auto id = read_string(*v, path_key(path, key));
      ok = ok && id.has_value();
      out = id.value_or("");
    }
  };
  if (const Json* v = member(value, "agents")) {
    const auto n = read_number_in(*v, path_key(path, "agents"), limits::agents, "agents");
    ok = ok && n.has_value();
    capacity.agents = n.value_or(capacity.agents);
  }
  if (const Json* v = member(value, "patience")) {
    const auto d = read_duration(*v, path_key(path, "patience"));
    ok = ok && d.has_value();
    capacity.patience = d;
  }
  reference("on_renege", capacity.on_renege);
  if (const Json* v = member(value, "queue_limit")) {
    const auto n = read_number_in(*v, path_key(path, "queue_limit"), limits::queue_limit, "queue_limit");
    ok = ok && n.has_value();
    capacity.queue_limit = n;
  }
  reference("on_balk", capacity.on_balk);
  if (const Json* v = member(value, "answer_within")) {
    const auto seconds = read_duration_value(*v, path_key(path, "answer_within"));
    ok = ok && seconds.has_value();
    capacity.answer_within = seconds.value_or(capacity.answer_within);
  }
  if (const Json* v = member(value, "schedule")) {
    const JsonPath at = path_key(path, "schedule");
    if (!v->is_array() || v->empty()) {
      type_error(at, "a non-empty array of shifts", *v,
                 "list when agents are on duty, e.g. [{\"days\": \"mon-fri\", \"from\": \"08:00\", \"to\": \"20:00\", "
                 "\"agents\": 10}], or remove \"schedule\" for agents round the clock");
      ok = false;
    } else {
      for (std::size_t k = 0; k < v->size(); ++k) {
        auto shift = read_shift((*v)[k], path_index(at, k));
        ok = ok && shift.has_value();
        if (shift) capacity.schedule.push_back(std::move(*shift));
      }
    }
    if (member(value, "agents")) {
      diagnostics_.warning(path_key(path, "agents"),
                           "\"agents\" is ignored: with a \"schedule\", the shifts say how many agents are on duty",
                           "remove \"agents\", or give the shifts' \"agents\" instead");
    }
  }
  reference("on_closed", capacity.on_closed);
  // What did read stays (its routes are ways in); the checks leave the rest alone.
  if (!ok) paths_.unreadable_capacities.push_back(parent_path(path));
  return capacity;
}

}  // namespace journeysim::loader
