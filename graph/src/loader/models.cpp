// The top-level scalars (name, customers, seed, max_steps, horizon) and the
// sentiment, NPS and CSAT models.
#include "scenario_reader.hpp"

#include "journeysim/graph/duration.hpp"

namespace journeysim::loader {

void ScenarioReader::read_top_level_scalars(const Json& root) {
  if (const Json* v = member(root, "$schema")) {
    if (auto s = read_string(*v, "$schema")) scenario_.schema = *s;
  }
  if (const Json* v = member(root, "name")) {
    if (auto s = read_string(*v, "name")) scenario_.name = *s;
  }
  if (const Json* v = member(root, "description")) {
    if (auto s = read_string(*v, "description")) scenario_.description = *s;
  }
  if (const Json* v = member(root, "customers")) {
    if (auto n = read_number_in(*v, "customers", limits::customers, "customers"))
      scenario_.customers = static_cast<std::uint64_t>(*n);
  }
  if (const Json* v = member(root, "seed")) {
    if (v->is_number_unsigned()) {
      scenario_.seed = v->get<std::uint64_t>();
    } else if (v->is_number_integer() && v->get<std::int64_t>() >= 0) {
      scenario_.seed = static_cast<std::uint64_t>(v->get<std::int64_t>());
    } else {
      error("seed", "the seed must be a whole number from 0 to 18446744073709551615, found " + describe(*v),
            "write a whole number, e.g. 42");
    }
  }
  if (const Json* v = member(root, "max_steps")) {
    if (auto n = read_number_in(*v, "max_steps", limits::max_steps, "max_steps"))
      scenario_.max_steps = static_cast<std::uint64_t>(*n);
  }
  if (const Json* v = member(root, "horizon")) {
    if (auto seconds = read_duration_value(*v, "horizon")) {
      if (*seconds <= 0.0) {
        error("horizon", "the horizon must be longer than zero", "write how long to follow customers, e.g. \"365d\"");
      } else {
        scenario_.horizon = *seconds;
      }
    }
  }
}

void ScenarioReader::read_sentiment_model(const Json& value, const JsonPath& path) {
  if (!expect_object(value, path, "the sentiment model")) return;
  check_keys(value, path, sentiment_model_keys);
  SentimentModel& m = scenario_.sentiment;
  constexpr double big = 1e6;
  if (const Json* v = member(value, "initial"))
    m.initial = read_number(*v, path_key(path, "initial")).value_or(m.initial);
  if (const Json* v = member(value, "effort_penalty"))
    m.effort_penalty =
        read_number_in(*v, path_key(path, "effort_penalty"), 0, big, "effort_penalty").value_or(m.effort_penalty);
  if (const Json* v = member(value, "per_wait_hour"))
    m.per_wait_hour =
        read_number_in(*v, path_key(path, "per_wait_hour"), 0, big, "per_wait_hour").value_or(m.per_wait_hour);
  if (const Json* v = member(value, "min"))
    m.min = read_number_in(*v, path_key(path, "min"), -limits::sentiment_bound, limits::sentiment_bound, "min")
                .value_or(m.min);
  if (const Json* v = member(value, "max"))
    m.max = read_number_in(*v, path_key(path, "max"), -limits::sentiment_bound, limits::sentiment_bound, "max")
                .value_or(m.max);
  if (!(m.min < m.max)) {
    error(path_key(path, "max"),
          "\"max\" (" + format_number(m.max) + ") must be above \"min\" (" + format_number(m.min) + ")",
          "swap them, or widen the range");
  } else if (m.initial < m.min || m.initial > m.max) {
    error(path_key(path, "initial"),
          "the initial sentiment " + format_number(m.initial) + " lies outside the bounds [" + format_number(m.min) +
              ", " + format_number(m.max) + "]",
          "move it inside, or widen \"min\" and \"max\"");
  }
}

template <std::size_t N>
void ScenarioReader::read_rating_model(const Json& value, const JsonPath& path, double& noise_sd,
                                       std::array<double, N>& cutpoints, const Keys& keys) {
  if (!expect_object(value, path, "a rating model")) return;
  check_keys(value, path, keys);
  if (const Json* v = member(value, "noise_sd")) {
    const JsonPath at = path_key(path, "noise_sd");
    if (auto x = read_number(*v, at)) {
      if (*x <= 0.0) {
        error(at, "\"noise_sd\" must be above zero", "a typical value is 1");
      } else {
        noise_sd = *x;
      }
    }
  }
  if (const Json* v = member(value, "cutpoints")) {
    const JsonPath at = path_key(path, "cutpoints");
    if (!v->is_array() || v->size() != N) {
      error(at,
            "\"cutpoints\" must be an array of " + std::to_string(N) + " numbers, found " + describe(*v) +
                (v->is_array() ? " of " + std::to_string(v->size()) : ""),
            "give " + std::to_string(N) + " increasing numbers, one per step of the rating scale");
      return;
    }
    std::array<double, N> read{};
    for (std::size_t i = 0; i < N; ++i) {
      const auto x = read_number((*v)[i], path_index(at, i));
      if (!x) return;
      read[i] = *x;
      if (i > 0 && !(read[i] > read[i - 1])) {
        error(path_index(at, i),
              "cutpoints must increase, but " + format_number(read[i]) + " follows " + format_number(read[i - 1]),
              "sort them in increasing order, without repeats");
        return;
      }
    }
    cutpoints = read;
  }
}

void ScenarioReader::read_not_asked(const Json& value, const JsonPath& path) {
  if (!value.is_array()) {
    type_error(path, "an array of outcome kinds", value, "e.g. [\"lost\"]");
    return;
  }
  std::vector<std::string> kinds;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (auto s = read_string(value[i], path_index(path, i))) kinds.push_back(*s);
  }
  scenario_.nps.not_asked = kinds;
  paths_.not_asked = path;
}

// The two rating scales read_rating_model is used for (NPS: 0-10, CSAT: 1-5).
template void ScenarioReader::read_rating_model<10>(const Json&, const JsonPath&, double&, std::array<double, 10>&,
                                                    const Keys&);
template void ScenarioReader::read_rating_model<4>(const Json&, const JsonPath&, double&, std::array<double, 4>&,
                                                   const Keys&);

}  // namespace journeysim::loader
