// The reader's shared helpers, and the readers of durations and of
// distributions (of durations and of sentiment changes), which every section
// that holds a dwell or a sentiment uses.
#include "scenario_reader.hpp"

#include <limits>

#include "journeysim/graph/duration.hpp"

namespace journeysim::loader {

std::vector<std::string> to_strings(const Keys& keys) { return {keys.begin(), keys.end()}; }

std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::string: {
      std::string text = value.get<std::string>();
      if (text.size() > 40) text = text.substr(0, 37) + "...";
      return "a string (" + in_quotes(text) + ")";
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number (" + value.dump() + ")";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    default: return "a value of an unexpected kind";
  }
}

bool is_valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string id_suggestion(std::string_view id) {
  std::string fixed;
  for (char c : id) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    fixed += keep ? c : '_';
  }
  return fixed.empty() ? std::string("my_touchpoint") : fixed;
}

std::string with_article(std::string_view word) {
  const bool vowel = !word.empty() && std::string_view("aeiou").find(word.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(word);
}

bool is_reserved_id(std::string_view id) { return id == outcome_kind::active || id == outcome_kind::unfinished; }

std::optional<double> ScenarioReader::read_duration_value(const Json& value, const JsonPath& path) {
  if (value.is_number()) {
    const std::string n = value.dump();
    error(path, "a plain number is not a duration", "write the unit: \"" + n + "s\", \"" + n + "m\" or \"" + n + "h\"");
    return std::nullopt;
  }
  if (!value.is_string()) {
    type_error(path, "a duration such as \"15m\"", value,
               "write a number and a unit (s, m, h, d, w, mo or y), e.g. \"15m\"");
    return std::nullopt;
  }
  const std::string text = value.get<std::string>();
  const DurationParse parsed = parse_duration(text);
  if (!parsed.seconds) {
    error(path, in_quotes(text) + " is not a duration: " + parsed.problem,
          "write a number and a unit (s, m, h, d, w, mo or y), e.g. \"15m\" or \"1h30m\"");
  }
  return parsed.seconds;
}

std::optional<Distribution> ScenarioReader::read_duration(const Json& value, const JsonPath& path) {
  if (value.is_object()) return read_distribution(value, path, Domain::duration);
  const std::optional<double> seconds = read_duration_value(value, path);
  if (!seconds) return std::nullopt;
  return Distribution::constant(*seconds);
}

std::optional<Distribution> ScenarioReader::read_sentiment_change(const Json& value, const JsonPath& path) {
  if (value.is_object()) return read_distribution(value, path, Domain::sentiment);
  if (!value.is_number()) {
    type_error(
        path, "a number or a distribution", value,
        "write the change of sentiment as a number, e.g. -0.2, or {\"dist\": \"normal\", \"mean\": -0.2, \"sd\": 0.3}");
    return std::nullopt;
  }
  return Distribution::constant(value.get<double>());
}

std::optional<double> ScenarioReader::read_parameter(const Json& object, const JsonPath& path, std::string_view key,
                                                     Domain domain, std::string_view kind) {
  const Json* value = member(object, key);
  if (!value) {
    const std::string example = domain == Domain::duration ? "\"10m\"" : "0.5";
    error(path, "missing \"" + std::string(key) + "\" for " + with_article(kind) + " distribution",
          "add \"" + std::string(key) + "\": " + example);
    return std::nullopt;
  }
  const JsonPath at = path_key(path, key);
  if (domain == Domain::duration) return read_duration_value(*value, at);
  return read_number(*value, at);
}

std::optional<Distribution> ScenarioReader::read_distribution(const Json& object, const JsonPath& path, Domain domain) {
  const Json* dist = member(object, "dist");
  std::vector<std::string> kinds;
  for (const DistributionSpec& spec : distribution_specs) {
    if (spec.domain == domain) kinds.emplace_back(to_string(spec.kind));
  }
  if (!dist) {
    error(path, "missing \"dist\": which distribution this is", did_you_mean("", kinds));
    return std::nullopt;
  }
  const std::optional<std::string> name = read_string(*dist, path_key(path, "dist"));
  if (!name) return std::nullopt;
  const auto spec = std::find_if(distribution_specs.begin(), distribution_specs.end(), [&](const DistributionSpec& s) {
    return s.domain == domain && to_string(s.kind) == *name;
  });
  if (spec == distribution_specs.end()) {
    const JsonPath at = path_key(path, "dist");
    const bool other_domain = std::any_of(distribution_specs.begin(), distribution_specs.end(),
                                          [&](const DistributionSpec& s) { return to_string(s.kind) == *name; });
    if (other_domain && domain == Domain::duration) {
      error(at, with_article(*name) + " distribution can go below zero, so it cannot be a duration",
            "use \"lognormal\" or \"gamma\" for a skewed duration");
    } else if (other_domain) {
      error(at, "\"" + *name + "\" is a distribution of durations, not of sentiment changes", did_you_mean("", kinds));
    } else {
      error(at, "unknown distribution " + in_quotes(*name), did_you_mean(*name, kinds));
    }
    return std::nullopt;
  }
  check_keys(object, path, spec->keys);

  Distribution d;
  d.kind = spec->kind;
  const std::string kind(to_string(spec->kind));
  const auto parameter = [&](std::string_view key) { return read_parameter(object, path, key, domain, kind); };
  const auto positive = [&](std::string_view key, std::optional<double> x) {
    if (x && *x <= 0.0) {
      error(path_key(path, key),
            "\"" + std::string(key) + "\" must be above zero for " + with_article(kind) + " distribution",
            domain == Domain::duration ? "write a duration above zero, e.g. \"10m\""
                                       : "write a number above zero, e.g. 0.5");
      return std::optional<double>{};
    }
    return x;
  };
  const auto shown = [&](double x) { return domain == Domain::duration ? format_duration(x) : format_number(x); };

  switch (spec->kind) {
    case DistributionKind::fixed: {
      const auto value = parameter("value");
      if (!value) return std::nullopt;
      d.a = *value;
      return d;
    }
    case DistributionKind::exponential: {
      const auto mean = positive("mean", parameter("mean"));
      if (!mean) return std::nullopt;
      d.a = *mean;
      return d;
    }
    case DistributionKind::gamma:
    case DistributionKind::normal: {
      const auto mean = spec->kind == DistributionKind::gamma ? positive("mean", parameter("mean")) : parameter("mean");
      auto sd = parameter("sd");
      if (sd && spec->kind == DistributionKind::gamma) sd = positive("sd", sd);
      if (sd && *sd < 0.0) {
        error(path_key(path, "sd"), "\"sd\" cannot be negative", "write 0 or a positive number");
        return std::nullopt;
      }
      if (!mean || !sd) return std::nullopt;
      d.a = *mean;
      d.b = *sd;
      return d;
    }
    case DistributionKind::uniform: {
      const auto lo = parameter("min");
      const auto hi = parameter("max");
      if (!lo || !hi) return std::nullopt;
      if (!(*lo < *hi)) {
        error(path_key(path, "max"), "\"max\" (" + shown(*hi) + ") must be above \"min\" (" + shown(*lo) + ")",
              *lo == *hi ? "for a constant, use {\"dist\": \"fixed\", \"value\": ...}" : "swap them");
        return std::nullopt;
      }
      d.a = *lo;
      d.b = *hi;
      return d;
    }
    case DistributionKind::lognormal: {
      const bool by_quantiles = member(object, "median") || member(object, "p90");
      const bool by_moments = member(object, "mu") || member(object, "sigma");
      if (by_quantiles && by_moments) {
        error(path, "a lognormal takes either \"median\" and \"p90\", or \"mu\" and \"sigma\", not both",
              "keep one pair");
        return std::nullopt;
      }
      if (by_moments) {
        const Json* mu = require(object, path, "mu", "\"mu\": the mean of the log of the duration in seconds");
        const Json* sigma = require(object, path, "sigma", "\"sigma\": the spread of the log, e.g. 0.8");
        if (!mu || !sigma) return std::nullopt;
        const auto m = read_number(*mu, path_key(path, "mu"));
        auto s = read_number(*sigma, path_key(path, "sigma"));
        s = positive("sigma", s);
        if (!m || !s) return std::nullopt;
        d.a = *m;
        d.b = *s;
        d.lognormal_as_median_p90 = false;
        return d;
      }
      const auto median = positive("median", parameter("median"));
      const auto p90 = parameter("p90");
      if (!median || !p90) return std::nullopt;
      if (!(*p90 > *median)) {
        error(path_key(path, "p90"), "\"p90\" (" + shown(*p90) + ") must be above the median (" + shown(*median) + ")",
              "the 90th percentile of a lognormal lies above its median; for a constant use a plain duration");
        return std::nullopt;
      }
      d.a = *median;
      d.b = *p90;
      return d;
    }
    case DistributionKind::empirical: {
      const Json* values = require(object, path, "values", "\"values\": a list, e.g. [\"1m\", \"5m\"]");
      if (!values) return std::nullopt;
      const JsonPath values_path = path_key(path, "values");
      if (!values->is_array() || values->empty()) {
        type_error(values_path, "a non-empty array", *values, "list the values the quantity takes");
        return std::nullopt;
      }
      bool ok = true;
      for (std::size_t i = 0; i < values->size(); ++i) {
        const JsonPath at = path_index(values_path, i);
        const auto x =
            domain == Domain::duration ? read_duration_value((*values)[i], at) : read_number((*values)[i], at);
        ok = ok && x.has_value();
        d.values.push_back(x.value_or(0.0));
      }
      if (const Json* weights = member(object, "weights")) {
        const JsonPath weights_path = path_key(path, "weights");
        if (!weights->is_array() || weights->size() != values->size()) {
          error(weights_path,
                "\"weights\" must be an array with one weight per value (" + std::to_string(values->size()) + ")",
                "give as many weights as values, or leave \"weights\" out for equal weights");
          return std::nullopt;
        }
        for (std::size_t i = 0; i < weights->size(); ++i) {
          const auto w = read_number_in((*weights)[i], path_index(weights_path, i), 0.0,
                                        std::numeric_limits<double>::max(), "a weight");
          ok = ok && w.has_value();
          d.weights.push_back(w.value_or(0.0));
        }
      } else {
        d.weights.assign(d.values.size(), 1.0);
      }
      if (!ok) return std::nullopt;
      double total = 0.0;
      for (double w : d.weights) total += w;
      if (!(total > 0.0) || !std::isfinite(total)) {
        error(path_key(path, "weights"), "the weights sum to " + format_number(total),
              "give at least one value a positive weight");
        return std::nullopt;
      }
      return d;  // weights stay as written: the sampler normalises them
    }
  }
  return std::nullopt;
}

}  // namespace journeysim::loader
