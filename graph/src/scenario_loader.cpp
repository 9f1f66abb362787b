// The scenario loader: reads every key of the format (docs/scenario-format.md)
// into the model, checking types, ranges, ids and references as it goes, then
// hands the built model to the structural checks (scenario_checks.hpp).
// It reports every problem it finds, never only the first.
#include "journeysim/graph/scenario_loader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/graph/what_if.hpp"
#include "scenario_checks.hpp"

namespace journeysim {

namespace {

using Keys = std::vector<std::string_view>;

// Key tables, named as the schema's $defs.
const Keys scenario_keys{"$schema", "name",    "description", "customers", "seed",      "entry",   "touchpoints",
                         "transitions", "stages", "horizon",   "max_steps", "sentiment", "nps",     "csat",
                         "segments", "what_if"};
const Keys touchpoint_keys{"id",     "name",   "description", "stage", "channel", "dwell",  "sentiment",
                           "effort", "csat",   "cost",        "revenue", "outcome"};
const Keys transition_keys{"from", "to", "p", "sentiment_weight", "description", "observed"};
const Keys observed_keys{"count", "of"};
const Keys segment_keys{"id", "name", "description", "share", "entry", "sentiment", "touchpoints", "transitions"};
const Keys segment_touchpoint_keys{"id", "dwell", "sentiment", "effort", "csat", "cost", "revenue"};
const Keys segment_transition_keys{"from", "to", "p", "sentiment_weight"};
const Keys sentiment_model_keys{"initial", "effort_penalty", "per_wait_hour", "min", "max"};
const Keys segment_sentiment_keys{"initial"};
const Keys nps_model_keys{"noise_sd", "cutpoints", "not_asked"};
const Keys csat_model_keys{"noise_sd", "cutpoints"};
const Keys what_if_keys{"name", "description", "cost", "changes"};
// A change: one operation key, and the keys that operation takes.
const Keys what_if_change_keys{"set", "value", "scale", "by", "add_touchpoint", "remove_touchpoint", "inflow_to",
                               "add_transition", "remove_transition", "reroute", "to", "share"};
struct ChangeOperation {
  std::string_view key;
  WhatIfChange::Kind kind;
  Keys companions;  // the other keys it takes (all required)
};
const std::vector<ChangeOperation> change_operations{
    {"set", WhatIfChange::Kind::set, {"value"}},
    {"scale", WhatIfChange::Kind::scale, {"by"}},
    {"add_touchpoint", WhatIfChange::Kind::add_touchpoint, {}},
    {"remove_touchpoint", WhatIfChange::Kind::remove_touchpoint, {"inflow_to"}},
    {"add_transition", WhatIfChange::Kind::add_transition, {}},
    {"remove_transition", WhatIfChange::Kind::remove_transition, {}},
    {"reroute", WhatIfChange::Kind::reroute, {"to", "share"}},
};

// Keys of features still to come: named so the message can say so.
struct Unsupported {
  std::string_view key;
  std::string_view why;
};
const std::vector<Unsupported> unsupported_top_level{
    {"arrivals", "the queue model (arrivals) is not supported yet; remove \"arrivals\" for now"},
    {"hours", "the queue model (opening hours) is not supported yet; remove \"hours\" for now"},
    {"capacity", "the queue model (capacity) is not supported yet; remove \"capacity\" for now"}};
const std::vector<Unsupported> unsupported_touchpoint{
    {"capacity", "the queue model (capacity) is not supported yet; remove \"capacity\" for now"},
    {"hours", "the queue model (opening hours) is not supported yet; remove \"hours\" for now"}};

enum class Domain { duration, sentiment };

struct DistributionSpec {
  DistributionKind kind;
  Domain domain;
  std::string_view table;  // key table name
  Keys keys;
};
const std::vector<DistributionSpec> distribution_specs{
    {DistributionKind::fixed, Domain::duration, "duration_fixed", {"dist", "value"}},
    {DistributionKind::exponential, Domain::duration, "duration_exponential", {"dist", "mean"}},
    {DistributionKind::lognormal, Domain::duration, "duration_lognormal", {"dist", "median", "p90", "mu", "sigma"}},
    {DistributionKind::gamma, Domain::duration, "duration_gamma", {"dist", "mean", "sd"}},
    {DistributionKind::uniform, Domain::duration, "duration_uniform", {"dist", "min", "max"}},
    {DistributionKind::empirical, Domain::duration, "duration_empirical", {"dist", "values", "weights"}},
    {DistributionKind::fixed, Domain::sentiment, "sentiment_fixed", {"dist", "value"}},
    {DistributionKind::normal, Domain::sentiment, "sentiment_normal", {"dist", "mean", "sd"}},
    {DistributionKind::uniform, Domain::sentiment, "sentiment_uniform", {"dist", "min", "max"}},
    {DistributionKind::empirical, Domain::sentiment, "sentiment_empirical", {"dist", "values", "weights"}},
};

constexpr double sum_tolerance = 1e-9;
constexpr double max_sentiment_weight = 50.0;  // with |S| <= 10, exp(w * S) stays finite
constexpr double max_sentiment_bound = 10.0;
constexpr double max_customers = 1e12;
constexpr double max_steps_limit = 1e9;

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

class ScenarioReader {
 public:
  ScenarioReader(const JsonDocument& document, Diagnostics& diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  std::optional<Scenario> read();

 private:
  // --- generic value readers: each reports its own problem and returns nullopt ---
  void error(const JsonPath& path, std::string message, std::string fix = {}) {
    diagnostics_.error(path, std::move(message), std::move(fix));
  }
  void type_error(const JsonPath& path, std::string_view expected, const Json& found, std::string fix) {
    error(path, "expected " + std::string(expected) + ", found " + describe(found), std::move(fix));
  }

  const Json* member(const Json& object, std::string_view key) const {
    const auto found = object.find(std::string(key));
    return found == object.end() ? nullptr : &*found;
  }

  bool expect_object(const Json& value, const JsonPath& path, std::string_view what) {
    if (value.is_object()) return true;
    type_error(path, "an object (" + std::string(what) + ")", value, "write it as { \"key\": value, ... }");
    return false;
  }

  const Json* require(const Json& object, const JsonPath& path, std::string_view key, std::string_view example) {
    const Json* value = member(object, key);
    if (!value) error(path, "missing required key \"" + std::string(key) + "\"", "add " + std::string(example));
    return value;
  }

  void check_keys(const Json& object, const JsonPath& path, const Keys& allowed,
                  const std::vector<Unsupported>& unsupported = {}) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      Diagnostic d;
      d.path = path_key(path, key);
      d.at_key = true;
      const auto later = std::find_if(unsupported.begin(), unsupported.end(),
                                      [&](const Unsupported& u) { return u.key == key; });
      if (later != unsupported.end()) {
        d.message = "\"" + key + "\" is not supported yet";
        d.fix = std::string(later->why).substr(later->why.find("; ") + 2);
      } else {
        d.message = "unknown key \"" + key + "\"";
        d.fix = did_you_mean(key, to_strings(allowed));
      }
      diagnostics_.add(std::move(d));
    }
  }

  std::optional<std::string> read_string(const Json& value, const JsonPath& path) {
    if (value.is_string()) return value.get<std::string>();
    type_error(path, "a string", value, value.is_primitive() ? "put it in quotes: \"" + value.dump() + "\"" : "write a string in quotes");
    return std::nullopt;
  }

  std::optional<double> read_number(const Json& value, const JsonPath& path, std::string_view example = "0.5") {
    if (value.is_number()) return value.get<double>();
    std::string fix = "write a number, e.g. " + std::string(example);
    if (value.is_string()) {
      const std::string text = value.get<std::string>();
      double parsed = 0.0;
      const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (result.ec == std::errc() && result.ptr == text.data() + text.size()) fix = "write " + text + " without quotes";
    }
    type_error(path, "a number", value, fix);
    return std::nullopt;
  }

  std::optional<double> read_number_in(const Json& value, const JsonPath& path, double lo, double hi,
                                       std::string_view what) {
    const std::optional<double> x = read_number(value, path);
    if (!x) return std::nullopt;
    if (*x < lo || *x > hi) {
      error(path, std::string(what) + " must be from " + format_number(lo) + " to " + format_number(hi) + ", found " +
                      format_number(*x));
      return std::nullopt;
    }
    return x;
  }

  std::optional<double> read_whole(const Json& value, const JsonPath& path, double lo, double hi,
                                   std::string_view what) {
    const std::optional<double> x = read_number(value, path, format_number(lo == 0 ? 1 : lo));
    if (!x) return std::nullopt;
    if (*x != std::floor(*x) || *x < lo || *x > hi) {
      error(path,
            std::string(what) + " must be a whole number from " + format_number(lo) + " to " + format_number(hi) +
                ", found " + value.dump());
      return std::nullopt;
    }
    return x;
  }

  std::optional<bool> read_bool(const Json& value, const JsonPath& path) {
    if (value.is_boolean()) return value.get<bool>();
    type_error(path, "true or false", value, "write true or false without quotes");
    return std::nullopt;
  }

  std::optional<std::string> read_id(const Json& value, const JsonPath& path, std::string_view what) {
    std::optional<std::string> id = read_string(value, path);
    if (!id) return std::nullopt;
    if (id->empty()) {
      error(path, std::string(what) + " id is empty", "give it a short name such as \"checkout\"");
      return std::nullopt;
    }
    if (!is_valid_id(*id)) {
      error(path, std::string(what) + " id " + in_quotes(*id) + " may hold only letters, digits and underscores",
            "write it as " + in_quotes(id_suggestion(*id)));
      return std::nullopt;
    }
    return id;
  }

  // --- durations and distributions ---
  std::optional<double> read_duration_value(const Json& value, const JsonPath& path);
  std::optional<Distribution> read_duration(const Json& value, const JsonPath& path);
  std::optional<Distribution> read_sentiment_change(const Json& value, const JsonPath& path);
  std::optional<Distribution> read_distribution(const Json& object, const JsonPath& path, Domain domain);
  std::optional<double> read_parameter(const Json& object, const JsonPath& path, std::string_view key,
                                       Domain domain, std::string_view kind);

  // --- the parts of a scenario ---
  void read_top_level_scalars(const Json& root);
  void read_sentiment_model(const Json& value, const JsonPath& path);
  template <std::size_t N>
  void read_rating_model(const Json& value, const JsonPath& path, double& noise_sd, std::array<double, N>& cutpoints,
                         const Keys& keys);
  void read_not_asked(const Json& value, const JsonPath& path);
  void read_touchpoints(const Json& root);
  void read_touchpoint(const Json& value, const JsonPath& path, Touchpoint& touchpoint);
  void read_stages(const Json& root);
  void read_transitions(const Json& root);
  std::optional<Probability> read_probability(const Json& value, const JsonPath& path);
  std::optional<Observed> read_observed(const Json& value, const JsonPath& path, const std::optional<Probability>& p);
  std::optional<std::size_t> read_touchpoint_ref(const Json& value, const JsonPath& path);
  void unknown_from(const Json& from);
  std::optional<std::vector<EntryShare>> read_entry(const Json& value, const JsonPath& path);
  void read_segments(const Json& root);
  void read_what_ifs(const Json& root);
  std::optional<WhatIfChange> read_change(const Json& value, const JsonPath& path);
  std::optional<ChangeAddress> read_address(const Json& value, const JsonPath& path, bool needs_field);
  std::optional<ChangeValue> read_change_value(const ChangeAddress& address, const Json& value, const JsonPath& path);
  void read_segment(const Json& value, const JsonPath& path, Segment& segment);

  const JsonDocument& document_;
  Diagnostics& diagnostics_;
  Scenario scenario_;
  ModelPaths paths_;
  std::unordered_map<std::string, std::size_t> touchpoint_index_;
  std::unordered_set<std::string> written_ids_;  // every id written, valid or not
  bool touchpoints_readable_ = true;
};

std::optional<double> ScenarioReader::read_duration_value(const Json& value, const JsonPath& path) {
  if (value.is_number()) {
    const std::string n = value.dump();
    error(path, "a plain number is not a duration", "write the unit: \"" + n + "s\", \"" + n + "m\" or \"" + n + "h\"");
    return std::nullopt;
  }
  if (!value.is_string()) {
    type_error(path, "a duration such as \"15m\"", value, "write a number and a unit (s, m, h, d or w), e.g. \"15m\"");
    return std::nullopt;
  }
  const std::string text = value.get<std::string>();
  const DurationParse parsed = parse_duration(text);
  if (!parsed.seconds) {
    error(path, in_quotes(text) + " is not a duration: " + parsed.problem,
          "write a number and a unit (s, m, h, d or w), e.g. \"15m\" or \"1h30m\"");
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
    type_error(path, "a number or a distribution", value,
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

std::optional<Distribution> ScenarioReader::read_distribution(const Json& object, const JsonPath& path,
                                                              Domain domain) {
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
      error(path_key(path, key), "\"" + std::string(key) + "\" must be above zero for " + with_article(kind) + " distribution");
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
        error(path_key(path, "sd"), "\"sd\" cannot be negative");
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
        error(path_key(path, "p90"),
              "\"p90\" (" + shown(*p90) + ") must be above the median (" + shown(*median) + ")",
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
        const auto x = domain == Domain::duration ? read_duration_value((*values)[i], at) : read_number((*values)[i], at);
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
        error(path_key(path, "weights"), "the weights sum to " + format_number(total), "give at least one value a positive weight");
        return std::nullopt;
      }
      for (double& w : d.weights) w /= total;
      return d;
    }
  }
  return std::nullopt;
}

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
    if (auto n = read_whole(*v, "customers", 1, max_customers, "customers")) scenario_.customers = static_cast<std::uint64_t>(*n);
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
    if (auto n = read_whole(*v, "max_steps", 1, max_steps_limit, "max_steps")) scenario_.max_steps = static_cast<std::uint64_t>(*n);
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
  if (const Json* v = member(value, "initial")) m.initial = read_number(*v, path_key(path, "initial")).value_or(m.initial);
  if (const Json* v = member(value, "effort_penalty"))
    m.effort_penalty = read_number_in(*v, path_key(path, "effort_penalty"), 0, big, "effort_penalty").value_or(m.effort_penalty);
  if (const Json* v = member(value, "per_wait_hour"))
    m.per_wait_hour = read_number_in(*v, path_key(path, "per_wait_hour"), 0, big, "per_wait_hour").value_or(m.per_wait_hour);
  if (const Json* v = member(value, "min"))
    m.min = read_number_in(*v, path_key(path, "min"), -max_sentiment_bound, max_sentiment_bound, "min").value_or(m.min);
  if (const Json* v = member(value, "max"))
    m.max = read_number_in(*v, path_key(path, "max"), -max_sentiment_bound, max_sentiment_bound, "max").value_or(m.max);
  if (!(m.min < m.max)) {
    error(path_key(path, "max"), "\"max\" (" + format_number(m.max) + ") must be above \"min\" (" + format_number(m.min) + ")");
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
      error(at, "\"cutpoints\" must be an array of " + std::to_string(N) + " numbers, found " + describe(*v) +
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
        error(path_index(at, i), "cutpoints must increase, but " + format_number(read[i]) + " follows " + format_number(read[i - 1]),
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

void ScenarioReader::read_touchpoint(const Json& value, const JsonPath& path, Touchpoint& t) {
  if (!expect_object(value, path, "a touchpoint")) return;
  check_keys(value, path, touchpoint_keys, unsupported_touchpoint);
  if (const Json* v = require(value, path, "id", "\"id\": a short name such as \"checkout\"")) {
    const JsonPath at = path_key(path, "id");
    if (v->is_string()) written_ids_.insert(v->get<std::string>());
    if (auto id = read_id(*v, at, "touchpoint")) {
      if (is_reserved_id(*id)) {
        error(at, "id " + in_quotes(*id) + " is reserved for an ending that is not a touchpoint",
              "choose another id, e.g. " + in_quotes(*id + "_customer"));
      } else if (const auto first = touchpoint_index_.find(*id); first != touchpoint_index_.end()) {
        error(at, "duplicate touchpoint id " + in_quotes(*id) + " (first at " + paths_.touchpoints[first->second] + ")",
              "give each touchpoint its own id");
      } else {
        touchpoint_index_.emplace(*id, paths_.touchpoints.size() - 1);
        paths_.touchpoint_registered.back() = true;
      }
      t.id = *id;
    }
  }
  const auto text = [&](std::string_view key, std::string& out) {
    if (const Json* v = member(value, key)) out = read_string(*v, path_key(path, key)).value_or("");
  };
  text("name", t.name);
  text("description", t.description);
  text("stage", t.stage);
  text("channel", t.channel);
  if (const Json* v = member(value, "dwell")) {
    if (auto d = read_duration(*v, path_key(path, "dwell"))) t.dwell = *d;
  }
  if (const Json* v = member(value, "sentiment")) {
    if (auto d = read_sentiment_change(*v, path_key(path, "sentiment"))) t.sentiment = *d;
  }
  if (const Json* v = member(value, "effort")) {
    if (auto e = read_whole(*v, path_key(path, "effort"), 1, 7, "effort")) t.effort = static_cast<int>(*e);
  }
  if (const Json* v = member(value, "csat")) t.csat = read_bool(*v, path_key(path, "csat")).value_or(true);
  constexpr double money_max = 1e15;
  if (const Json* v = member(value, "cost")) t.cost = read_number_in(*v, path_key(path, "cost"), 0, money_max, "cost").value_or(0.0);
  if (const Json* v = member(value, "revenue"))
    t.revenue = read_number_in(*v, path_key(path, "revenue"), 0, money_max, "revenue").value_or(0.0);
  if (const Json* v = member(value, "outcome")) {
    const JsonPath at = path_key(path, "outcome");
    if (auto outcome = read_string(*v, at)) {
      if (outcome->empty()) {
        error(at, "the outcome is empty", "name the ending, e.g. \"converted\", \"churned\", \"abandoned\" or \"lost\"");
      } else if (is_reserved_id(*outcome)) {
        error(at, "outcome " + in_quotes(*outcome) + " is reserved for an ending that is not a touchpoint",
              "choose another name for this ending");
      } else {
        t.outcome = *outcome;
      }
    }
    // What a terminal touchpoint would ignore is better said than silently dropped.
    for (std::string_view ignored : {"dwell", "sentiment", "effort", "csat"}) {
      if (member(value, ignored)) {
        diagnostics_.warning(path_key(path, ignored),
                             "\"" + std::string(ignored) + "\" is ignored on a terminal touchpoint (it has an outcome)",
                             "remove it, or move it to the touchpoint before");
      }
    }
  }
}

void ScenarioReader::read_touchpoints(const Json& root) {
  const Json* list = require(root, "", "touchpoints", "\"touchpoints\": [ {\"id\": ...}, ... ]");
  touchpoints_readable_ = list && list->is_array() && !list->empty();
  if (!list) return;
  if (!touchpoints_readable_) {
    type_error("touchpoints", "a non-empty array", *list, "list the touchpoints: [ {\"id\": \"web\"}, ... ]");
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const JsonPath path = path_index("touchpoints", i);
    paths_.touchpoints.push_back(path);
    paths_.touchpoint_registered.push_back(false);
    scenario_.touchpoints.emplace_back();
    read_touchpoint((*list)[i], path, scenario_.touchpoints.back());
  }
}

void ScenarioReader::read_stages(const Json& root) {
  if (const Json* v = member(root, "stages")) {
    if (!v->is_array()) {
      type_error("stages", "an array of stage names", *v, "e.g. [\"awareness\", \"consideration\", \"purchase\"]");
      return;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      const JsonPath at = path_index("stages", i);
      const auto stage = read_string((*v)[i], at);
      if (!stage) continue;
      if (std::find(scenario_.stages.begin(), scenario_.stages.end(), *stage) != scenario_.stages.end()) {
        error(at, "stage " + in_quotes(*stage) + " is listed twice", "list each stage once");
        continue;
      }
      scenario_.stages.push_back(*stage);
    }
    for (std::size_t i = 0; i < scenario_.touchpoints.size(); ++i) {
      const std::string& stage = scenario_.touchpoints[i].stage;
      if (stage.empty() || std::find(scenario_.stages.begin(), scenario_.stages.end(), stage) != scenario_.stages.end()) continue;
      error(path_key(paths_.touchpoints[i], "stage"), "stage " + in_quotes(stage) + " is not among the declared \"stages\"",
            closest_match(stage, scenario_.stages) ? did_you_mean(stage, scenario_.stages)
                                                   : "add it to \"stages\"");
    }
  }
}

std::optional<std::size_t> ScenarioReader::read_touchpoint_ref(const Json& value, const JsonPath& path) {
  const auto id = read_string(value, path);
  if (!id) return std::nullopt;
  if (const auto found = touchpoint_index_.find(*id); found != touchpoint_index_.end()) return found->second;
  // An id whose touchpoint was refused, or a list that could not be read, is
  // already reported there: say nothing more.
  if (written_ids_.count(*id) != 0 || !touchpoints_readable_) return std::nullopt;
  std::vector<std::string> ids;
  for (const Touchpoint& t : scenario_.touchpoints) {
    if (!t.id.empty()) ids.push_back(t.id);
  }
  error(path, "unknown touchpoint " + in_quotes(*id),
        closest_match(*id, ids) ? did_you_mean(*id, ids) : "add a touchpoint with this id, or use an existing one");
  return std::nullopt;
}

// Evidence is counts: whole numbers, count <= of, of >= 1. A number `p` that is
// no longer count/of (edited after mining) is worth a warning, not an error.
std::optional<Observed> ScenarioReader::read_observed(const Json& value, const JsonPath& path,
                                                      const std::optional<Probability>& p) {
  if (!expect_object(value, path, "the evidence {\"count\": k, \"of\": n}")) return std::nullopt;
  check_keys(value, path, observed_keys);
  constexpr double max_count = 1e15;  // well inside the doubles that hold whole numbers exactly
  const Json* count = require(value, path, "count", "\"count\": how many of the moves took this transition");
  const Json* of = require(value, path, "of", "\"of\": how many moves left the touchpoint");
  const auto k = count ? read_whole(*count, path_key(path, "count"), 0, max_count, "count") : std::nullopt;
  const auto n = of ? read_whole(*of, path_key(path, "of"), 1, max_count, "of") : std::nullopt;
  if (!k || !n) return std::nullopt;
  if (*k > *n) {
    error(path_key(path, "count"), "count " + format_number(*k) + " is more than of " + format_number(*n),
          "count the moves along this transition among the moves leaving its touchpoint");
    return std::nullopt;
  }
  if (p && !p->rest && std::abs(p->value - *k / *n) > sum_tolerance) {
    diagnostics_.warning(path_key(parent_path(path), "p"),
            "p " + format_number(p->value) + " is not the observed " + format_number(*k) + " of " +
                format_number(*n) + " (" + format_number(*k / *n) + ")",
            "remove \"observed\" if p is no longer the mined figure");
  }
  return Observed{static_cast<std::uint64_t>(*k), static_cast<std::uint64_t>(*n)};
}

std::optional<Probability> ScenarioReader::read_probability(const Json& value, const JsonPath& path) {
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (text == "rest") return Probability{0.0, true};
    error(path, "expected a probability from 0 to 1 or \"rest\", found " + describe(value),
          edit_distance(text, "rest") <= 2 ? std::string("did you mean \"rest\"?") : "write a number such as 0.35 (for 35%)");
    return std::nullopt;
  }
  if (!value.is_number()) {
    type_error(path, "a probability from 0 to 1 or \"rest\"", value, "write a number such as 0.35 (for 35%)");
    return std::nullopt;
  }
  const double p = value.get<double>();
  if (p < 0.0 || p > 1.0) {
    error(path, "probability " + format_number(p) + (p < 0.0 ? " is negative" : " is above 1"),
          "write a probability from 0 to 1, e.g. 0.35 for 35%");
    return std::nullopt;
  }
  return Probability{p, false};
}

void ScenarioReader::read_transitions(const Json& root) {
  const Json* list = require(root, "", "transitions", "\"transitions\": [ {\"from\": ..., \"to\": ..., \"p\": ...}, ... ]");
  if (!list) return;
  if (!list->is_array()) {
    type_error("transitions", "an array", *list, "list the transitions: [ {\"from\": \"a\", \"to\": \"b\", \"p\": 1}, ... ]");
    paths_.transitions_complete = false;
    return;
  }
  paths_.unreadable_from.assign(scenario_.touchpoints.size(), false);
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const JsonPath path = path_index("transitions", i);
    const Json& value = (*list)[i];
    paths_.transitions.push_back(path);
    scenario_.transitions.emplace_back();
    Transition& t = scenario_.transitions.back();
    bool ok = false;
    if (expect_object(value, path, "a transition")) {
      check_keys(value, path, transition_keys);
      const Json* from = require(value, path, "from", "\"from\": the id of the touchpoint it leaves");
      const Json* to = require(value, path, "to", "\"to\": the id of the touchpoint it leads to");
      const Json* p = require(value, path, "p", "\"p\": its probability, e.g. 0.3, or \"rest\"");
      const auto from_index = from ? read_touchpoint_ref(*from, path_key(path, "from")) : std::nullopt;
      const auto to_index = to ? read_touchpoint_ref(*to, path_key(path, "to")) : std::nullopt;
      const auto probability = p ? read_probability(*p, path_key(path, "p")) : std::nullopt;
      if (const Json* w = member(value, "sentiment_weight")) {
        t.sentiment_weight = read_number_in(*w, path_key(path, "sentiment_weight"), -max_sentiment_weight,
                                            max_sentiment_weight, "sentiment_weight")
                                 .value_or(0.0);
      }
      if (const Json* v = member(value, "description")) t.description = read_string(*v, path_key(path, "description")).value_or("");
      if (const Json* v = member(value, "observed")) t.observed = read_observed(*v, path_key(path, "observed"), probability);
      if (from_index) {
        t.from = *from_index;
        if (!to_index || !probability) paths_.unreadable_from[*from_index] = true;
      }
      if (to_index) t.to = *to_index;
      if (probability) t.p = *probability;
      if (from && !from_index) unknown_from(*from);
      ok = from_index && to_index && probability;
      if (from_index && scenario_.touchpoints[*from_index].terminal()) {
        const Touchpoint& terminal = scenario_.touchpoints[*from_index];
        error(path_key(path, "from"),
              in_quotes(terminal.id) + " is a terminal touchpoint (outcome " + in_quotes(terminal.outcome) +
                  ") and cannot have outgoing transitions",
              "remove this transition, or remove the outcome from " + in_quotes(terminal.id));
        ok = false;
      }
      if (from_index && to_index) {
        const auto [first, inserted] = seen.emplace(std::make_pair(*from_index, *to_index), i);
        if (!inserted) {
          error(path, "duplicate transition " + scenario_.touchpoints[*from_index].id + "->" +
                          scenario_.touchpoints[*to_index].id + " (first at " + paths_.transitions[first->second] + ")",
                "merge them into one transition with the summed probability");
          paths_.unreadable_from[*from_index] = true;
        }
      }
    }
    paths_.transition_readable.push_back(ok);
    if (!ok) paths_.transitions_complete = false;
  }
}

// A transition whose `from` is unknown belongs to some touchpoint's sum: to the
// one it most likely names, or, when that is unclear, to any of them.
void ScenarioReader::unknown_from(const Json& from) {
  std::vector<std::string> ids;
  for (const Touchpoint& t : scenario_.touchpoints) ids.push_back(t.id);
  const auto match = from.is_string() ? closest_match(from.get<std::string>(), ids) : std::nullopt;
  const auto index = match ? touchpoint_index_.find(*match) : touchpoint_index_.end();
  if (index != touchpoint_index_.end()) {
    paths_.unreadable_from[index->second] = true;
  } else {
    std::fill(paths_.unreadable_from.begin(), paths_.unreadable_from.end(), true);
  }
}

std::optional<std::vector<EntryShare>> ScenarioReader::read_entry(const Json& value, const JsonPath& path) {
  if (!value.is_object() || value.empty()) {
    type_error(path, "a non-empty object of touchpoint id -> share", value, "e.g. {\"social_ad\": 0.6, \"search\": 0.4}");
    return std::nullopt;
  }
  std::vector<EntryShare> entry;
  bool ok = true;
  double total = 0.0;
  for (const auto& [id, share] : value.items()) {
    const JsonPath at = path_key(path, id);
    const auto index = read_touchpoint_ref(Json(id), at);
    const auto x = read_number_in(share, at, 0.0, 1.0, "an entry share");
    ok = ok && index && x;
    if (index && x) {
      entry.push_back(EntryShare{*index, *x});
      total += *x;
    }
  }
  if (!ok) return std::nullopt;
  if (std::abs(total - 1.0) > sum_tolerance) {
    std::string listed;
    for (const EntryShare& e : entry) {
      listed += (listed.empty() ? "" : ", ") + scenario_.touchpoints[e.touchpoint].id + " " + format_number(e.share);
    }
    error(path, "entry shares sum to " + format_number(total) + ", not 1 (" + listed + ")",
          "adjust them so they sum to 1");
    return std::nullopt;
  }
  return entry;
}

void ScenarioReader::read_segment(const Json& value, const JsonPath& path, Segment& segment) {
  if (!expect_object(value, path, "a segment")) return;
  check_keys(value, path, segment_keys);
  if (const Json* v = require(value, path, "id", "\"id\": a short name such as \"bargain_hunters\"")) {
    if (auto id = read_id(*v, path_key(path, "id"), "segment")) segment.id = *id;
  }
  if (const Json* v = member(value, "name")) segment.name = read_string(*v, path_key(path, "name")).value_or("");
  if (const Json* v = member(value, "description")) segment.description = read_string(*v, path_key(path, "description")).value_or("");
  if (const Json* v = require(value, path, "share", "\"share\": the fraction of customers in it, e.g. 0.25")) {
    segment.share = read_number_in(*v, path_key(path, "share"), 0.0, 1.0, "a segment share").value_or(0.0);
  }
  if (const Json* v = member(value, "entry")) segment.entry = read_entry(*v, path_key(path, "entry"));
  if (const Json* v = member(value, "sentiment")) {
    const JsonPath at = path_key(path, "sentiment");
    if (expect_object(*v, at, "the segment's sentiment: {\"initial\": ...}")) {
      check_keys(*v, at, segment_sentiment_keys);
      if (const Json* initial = member(*v, "initial")) {
        const JsonPath initial_at = path_key(at, "initial");
        segment.initial_sentiment = read_number_in(*initial, initial_at, scenario_.sentiment.min,
                                                   scenario_.sentiment.max, "the initial sentiment");
      }
    }
  }
  if (const Json* list = member(value, "touchpoints")) {
    const JsonPath list_path = path_key(path, "touchpoints");
    if (!list->is_array()) type_error(list_path, "an array of touchpoint overrides", *list, "e.g. [{\"id\": \"checkout\", \"effort\": 5}]");
    for (std::size_t i = 0; list->is_array() && i < list->size(); ++i) {
      const Json& o = (*list)[i];
      const JsonPath at = path_index(list_path, i);
      if (!expect_object(o, at, "a touchpoint override")) continue;
      check_keys(o, at, segment_touchpoint_keys);
      const Json* id = require(o, at, "id", "\"id\": the touchpoint to change");
      const auto index = id ? read_touchpoint_ref(*id, path_key(at, "id")) : std::nullopt;
      if (!index) continue;
      TouchpointOverride override_;
      override_.touchpoint = *index;
      if (const Json* v = member(o, "dwell")) override_.dwell = read_duration(*v, path_key(at, "dwell"));
      if (const Json* v = member(o, "sentiment")) override_.sentiment = read_sentiment_change(*v, path_key(at, "sentiment"));
      if (const Json* v = member(o, "effort")) {
        if (auto e = read_whole(*v, path_key(at, "effort"), 1, 7, "effort")) override_.effort = static_cast<int>(*e);
      }
      if (const Json* v = member(o, "csat")) override_.csat = read_bool(*v, path_key(at, "csat"));
      if (const Json* v = member(o, "cost")) override_.cost = read_number_in(*v, path_key(at, "cost"), 0, 1e15, "cost");
      if (const Json* v = member(o, "revenue")) override_.revenue = read_number_in(*v, path_key(at, "revenue"), 0, 1e15, "revenue");
      segment.touchpoints.push_back(std::move(override_));
    }
  }
  if (const Json* list = member(value, "transitions")) {
    const JsonPath list_path = path_key(path, "transitions");
    if (!list->is_array()) type_error(list_path, "an array of transition overrides", *list, "e.g. [{\"from\": \"a\", \"to\": \"b\", \"p\": 0.5}]");
    for (std::size_t i = 0; list->is_array() && i < list->size(); ++i) {
      const Json& o = (*list)[i];
      const JsonPath at = path_index(list_path, i);
      if (!expect_object(o, at, "a transition override")) continue;
      check_keys(o, at, segment_transition_keys);
      const Json* from = require(o, at, "from", "\"from\": the touchpoint the transition leaves");
      const Json* to = require(o, at, "to", "\"to\": the touchpoint it leads to");
      const auto from_index = from ? read_touchpoint_ref(*from, path_key(at, "from")) : std::nullopt;
      const auto to_index = to ? read_touchpoint_ref(*to, path_key(at, "to")) : std::nullopt;
      if (!from_index || !to_index) continue;
      const auto transition = scenario_.find_transition(*from_index, *to_index);
      if (!transition) {
        error(at, "the scenario has no transition " + scenario_.touchpoints[*from_index].id + "->" +
                      scenario_.touchpoints[*to_index].id + " for this segment to change",
              "add it to \"transitions\" first (with p 0 if only this segment takes it)");
        continue;
      }
      TransitionOverride override_;
      override_.transition = *transition;
      if (const Json* v = member(o, "p")) override_.p = read_probability(*v, path_key(at, "p"));
      if (const Json* v = member(o, "sentiment_weight")) {
        override_.sentiment_weight = read_number_in(*v, path_key(at, "sentiment_weight"), -max_sentiment_weight,
                                                    max_sentiment_weight, "sentiment_weight");
      }
      segment.transitions.push_back(std::move(override_));
      paths_.segment_transition_overrides.back().push_back(at);
    }
  }
}

void ScenarioReader::read_segments(const Json& root) {
  const Json* list = member(root, "segments");
  if (!list) return;
  if (!list->is_array()) {
    type_error("segments", "an array of segments", *list, "e.g. [{\"id\": \"new\", \"share\": 0.7}, ...]");
    return;
  }
  double total = 0.0;
  std::unordered_map<std::string, std::size_t> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const JsonPath path = path_index("segments", i);
    paths_.segments.push_back(path);
    paths_.segment_transition_overrides.emplace_back();
    Segment segment;
    read_segment((*list)[i], path, segment);
    if (!segment.id.empty()) {
      const auto [first, inserted] = ids.emplace(segment.id, i);
      if (!inserted) {
        error(path_key(path, "id"), "duplicate segment id " + in_quotes(segment.id) + " (first at " + paths_.segments[first->second] + ")",
              "give each segment its own id");
      }
    }
    total += segment.share;
    scenario_.segments.push_back(std::move(segment));
  }
  if (!scenario_.segments.empty() && std::abs(total - 1.0) > sum_tolerance) {
    std::string listed;
    for (const Segment& s : scenario_.segments) listed += (listed.empty() ? "" : ", ") + s.id + " " + format_number(s.share);
    error("segments", "segment shares sum to " + format_number(total) + ", not 1 (" + listed + ")",
          "adjust them so they sum to 1");
  }
}

// `touchpoints.ID.FIELD` or `transitions.FROM->TO.FIELD` (FIELD optional
// where the change names a whole transition).
std::optional<ChangeAddress> ScenarioReader::read_address(const Json& value, const JsonPath& path, bool needs_field) {
  const auto text = read_string(value, path);
  if (!text) return std::nullopt;
  const auto bad = [&](std::string why) {
    error(path, "address " + in_quotes(*text) + " " + why,
          needs_field ? "write \"touchpoints.ID.FIELD\" or \"transitions.FROM->TO.FIELD\", e.g. \"touchpoints.checkout.effort\""
                      : "write \"transitions.FROM->TO\", e.g. \"transitions.help_page->support_call\"");
    return std::nullopt;
  };
  ChangeAddress address;
  std::string rest;
  if (text->rfind("touchpoints.", 0) == 0 && needs_field) {
    address.kind = ChangeAddress::Kind::touchpoint;
    rest = text->substr(12);
    const std::size_t dot = rest.find('.');
    if (dot == std::string::npos) return bad("has no field");
    address.touchpoint = rest.substr(0, dot);
    address.field = rest.substr(dot + 1);
  } else if (text->rfind("transitions.", 0) == 0) {
    address.kind = ChangeAddress::Kind::transition;
    rest = text->substr(12);
    const std::size_t arrow = rest.find("->");
    if (arrow == std::string::npos) return bad("has no \"->\" between the two touchpoints");
    address.from = rest.substr(0, arrow);
    const std::string after = rest.substr(arrow + 2);
    const std::size_t dot = after.find('.');
    address.to = after.substr(0, dot);
    if (dot != std::string::npos) address.field = after.substr(dot + 1);
    if (needs_field && address.field.empty()) return bad("has no field");
    if (!needs_field && !address.field.empty()) return bad("names a field, but this change takes a whole transition");
  } else {
    return bad("does not start with \"touchpoints.\" or \"transitions.\"");
  }
  if (!address.field.empty()) {
    static const std::vector<std::string> touchpoint_fields{"name", "description", "stage", "channel", "dwell",
                                                            "sentiment", "effort", "csat", "cost", "revenue"};
    static const std::vector<std::string> transition_fields{"p", "sentiment_weight", "description"};
    const auto& fields = address.kind == ChangeAddress::Kind::touchpoint ? touchpoint_fields : transition_fields;
    if (std::find(fields.begin(), fields.end(), address.field) == fields.end()) {
      error(path, "unknown field " + in_quotes(address.field) + " in " + in_quotes(*text), did_you_mean(address.field, fields));
      return std::nullopt;
    }
  }
  return address;
}

// A `set` value, read as the field it goes to would be read in a touchpoint or transition.
std::optional<ChangeValue> ScenarioReader::read_change_value(const ChangeAddress& address, const Json& value,
                                                             const JsonPath& path) {
  const std::string& field = address.field;
  if (field == "dwell") {
    if (auto d = read_duration(value, path)) return ChangeValue{*d};
    return std::nullopt;
  }
  if (field == "sentiment") {
    if (auto d = read_sentiment_change(value, path)) return ChangeValue{*d};
    return std::nullopt;
  }
  if (field == "csat") {
    if (auto b = read_bool(value, path)) return ChangeValue{*b};
    return std::nullopt;
  }
  if (field == "effort") {
    if (auto e = read_whole(value, path, 1, 7, "effort")) return ChangeValue{*e};
    return std::nullopt;
  }
  if (field == "cost" || field == "revenue") {
    if (auto x = read_number_in(value, path, 0, 1e15, field)) return ChangeValue{*x};
    return std::nullopt;
  }
  if (field == "p") {
    if (auto p = read_probability(value, path)) return p->rest ? ChangeValue{std::string("rest")} : ChangeValue{p->value};
    return std::nullopt;
  }
  if (field == "sentiment_weight") {
    if (auto w = read_number_in(value, path, -max_sentiment_weight, max_sentiment_weight, "sentiment_weight")) {
      return ChangeValue{*w};
    }
    return std::nullopt;
  }
  if (auto text = read_string(value, path)) return ChangeValue{*text};
  return std::nullopt;
}

std::optional<WhatIfChange> ScenarioReader::read_change(const Json& value, const JsonPath& path) {
  if (!expect_object(value, path, "a change")) return std::nullopt;
  check_keys(value, path, what_if_change_keys);
  std::vector<const ChangeOperation*> found;
  for (const ChangeOperation& op : change_operations) {
    if (member(value, op.key)) found.push_back(&op);
  }
  if (found.size() != 1) {
    std::string names;
    for (const ChangeOperation& op : change_operations) names += (names.empty() ? "" : ", ") + std::string(op.key);
    error(path, found.empty() ? "the change names no operation" : "the change names more than one operation",
          "give exactly one of " + names);
    return std::nullopt;
  }
  const ChangeOperation& op = *found.front();
  for (const auto& [key, unused] : value.items()) {
    const bool belongs = key == op.key || std::find(op.companions.begin(), op.companions.end(), key) != op.companions.end();
    const bool known = std::find(what_if_change_keys.begin(), what_if_change_keys.end(), key) != what_if_change_keys.end();
    if (!belongs && known) {
      Diagnostic d{Severity::error, path_key(path, key), "\"" + key + "\" does not go with \"" + std::string(op.key) + "\"",
                   "remove it"};
      d.at_key = true;
      diagnostics_.add(std::move(d));
      return std::nullopt;
    }
  }
  for (std::string_view companion : op.companions) {
    if (!require(value, path, companion, "\"" + std::string(companion) + "\": its value")) return std::nullopt;
  }
  WhatIfChange change;
  change.kind = op.kind;
  change.path = path;
  const JsonPath op_path = path_key(path, op.key);
  const Json& operand = value.at(std::string(op.key));
  switch (op.kind) {
    case WhatIfChange::Kind::set: {
      auto address = read_address(operand, op_path, true);
      if (!address) return std::nullopt;
      auto v = read_change_value(*address, value.at("value"), path_key(path, "value"));
      if (!v) return std::nullopt;
      change.address = *address;
      change.value = *v;
      return change;
    }
    case WhatIfChange::Kind::scale: {
      auto address = read_address(operand, op_path, true);
      if (!address) return std::nullopt;
      static const std::vector<std::string> scalable{"dwell", "sentiment", "effort", "cost", "revenue", "p",
                                                     "sentiment_weight"};
      if (std::find(scalable.begin(), scalable.end(), address->field) == scalable.end()) {
        error(op_path, in_quotes(address->field) + " is not a number and cannot be scaled", "use \"set\"");
        return std::nullopt;
      }
      auto by = read_number_in(value.at("by"), path_key(path, "by"), 0, 1e9, "the factor \"by\"");
      if (!by) return std::nullopt;
      change.address = *address;
      change.factor = *by;
      return change;
    }
    case WhatIfChange::Kind::add_touchpoint: {
      paths_.touchpoints.push_back(op_path);  // read_touchpoint reports duplicates against this list
      paths_.touchpoint_registered.push_back(false);
      Touchpoint t;
      const std::size_t errors = diagnostics_.error_count();
      const auto base_index = touchpoint_index_;  // the added id belongs to the variant only
      read_touchpoint(operand, op_path, t);
      touchpoint_index_ = base_index;
      paths_.touchpoints.pop_back();
      paths_.touchpoint_registered.pop_back();
      if (diagnostics_.error_count() != errors) return std::nullopt;
      change.added = t;
      return change;
    }
    case WhatIfChange::Kind::remove_touchpoint: {
      auto id = read_string(operand, op_path);
      auto to = read_string(value.at("inflow_to"), path_key(path, "inflow_to"));
      if (!id || !to) return std::nullopt;
      change.touchpoint = *id;
      change.inflow_to = *to;
      return change;
    }
    case WhatIfChange::Kind::add_transition: {
      if (!expect_object(operand, op_path, "a transition")) return std::nullopt;
      check_keys(operand, op_path, transition_keys);
      const Json* from = require(operand, op_path, "from", "\"from\": the touchpoint it leaves");
      const Json* to = require(operand, op_path, "to", "\"to\": the touchpoint it leads to");
      const Json* p = require(operand, op_path, "p", "\"p\": its probability, or \"rest\"");
      if (!from || !to || !p) return std::nullopt;
      auto from_id = read_string(*from, path_key(op_path, "from"));
      auto to_id = read_string(*to, path_key(op_path, "to"));
      auto probability = read_probability(*p, path_key(op_path, "p"));
      if (!from_id || !to_id || !probability) return std::nullopt;
      change.from = *from_id;
      change.to = *to_id;
      if (!probability->rest) change.p = probability->value;
      if (const Json* w = member(operand, "sentiment_weight")) {
        auto weight = read_number_in(*w, path_key(op_path, "sentiment_weight"), -max_sentiment_weight,
                                     max_sentiment_weight, "sentiment_weight");
        if (!weight) return std::nullopt;
        change.sentiment_weight = *weight;
      }
      return change;
    }
    case WhatIfChange::Kind::remove_transition: {
      auto address = read_address(operand, op_path, false);
      if (!address) return std::nullopt;
      change.address = *address;
      return change;
    }
    case WhatIfChange::Kind::reroute: {
      auto address = read_address(operand, op_path, false);
      auto to = read_string(value.at("to"), path_key(path, "to"));
      auto share = read_number_in(value.at("share"), path_key(path, "share"), 0, 1, "the share moved");
      if (!address || !to || !share) return std::nullopt;
      change.address = *address;
      change.reroute_to = *to;
      change.share = *share;
      return change;
    }
  }
  return std::nullopt;
}

void ScenarioReader::read_what_ifs(const Json& root) {
  const Json* list = member(root, "what_if");
  if (!list) return;
  if (!list->is_array()) {
    type_error("what_if", "an array of what-if variants", *list, "e.g. [{\"name\": \"Chatbot first\", \"changes\": [...]}]");
    return;
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const JsonPath path = path_index("what_if", i);
    const Json& value = (*list)[i];
    if (!expect_object(value, path, "a what-if variant")) continue;
    check_keys(value, path, what_if_keys);
    WhatIf what_if;
    what_if.path = path;
    if (const Json* name = require(value, path, "name", "\"name\": what the variant is called, e.g. \"Chatbot first\"")) {
      what_if.name = read_string(*name, path_key(path, "name")).value_or("");
      if (std::find(names.begin(), names.end(), what_if.name) != names.end()) {
        error(path_key(path, "name"), "what-if " + in_quotes(what_if.name) + " is named twice", "give each variant its own name");
      }
      names.push_back(what_if.name);
    }
    if (const Json* v = member(value, "description")) what_if.description = read_string(*v, path_key(path, "description")).value_or("");
    if (const Json* v = member(value, "cost")) what_if.cost = read_number_in(*v, path_key(path, "cost"), 0, 1e15, "cost");
    if (const Json* changes = require(value, path, "changes", "\"changes\": [ {\"set\": ..., \"value\": ...}, ... ]")) {
      const JsonPath changes_path = path_key(path, "changes");
      if (!changes->is_array() || changes->empty()) {
        type_error(changes_path, "a non-empty array of changes", *changes, "list what the variant changes");
      } else {
        for (std::size_t k = 0; k < changes->size(); ++k) {
          if (auto change = read_change((*changes)[k], path_index(changes_path, k))) what_if.changes.push_back(*change);
        }
      }
    }
    scenario_.what_if.push_back(std::move(what_if));
  }
}

std::optional<Scenario> ScenarioReader::read() {
  const Json& root = document_.root();
  if (!root.is_object()) {
    type_error("", "a JSON object (the scenario)", root, "a scenario file is one object: { \"entry\": ..., \"touchpoints\": [...], \"transitions\": [...] }");
    return std::nullopt;
  }
  check_keys(root, "", scenario_keys, unsupported_top_level);
  read_top_level_scalars(root);
  if (const Json* v = member(root, "sentiment")) read_sentiment_model(*v, "sentiment");
  if (const Json* v = member(root, "nps")) {
    read_rating_model(*v, "nps", scenario_.nps.noise_sd, scenario_.nps.cutpoints, nps_model_keys);
    if (v->is_object()) {
      if (const Json* not_asked = member(*v, "not_asked")) read_not_asked(*not_asked, "nps.not_asked");
    }
  }
  if (const Json* v = member(root, "csat")) {
    read_rating_model(*v, "csat", scenario_.csat.noise_sd, scenario_.csat.cutpoints, csat_model_keys);
  }
  read_touchpoints(root);
  read_stages(root);
  read_transitions(root);
  if (const Json* v = require(root, "", "entry", "\"entry\": {\"first_touchpoint\": 1}")) {
    if (auto entry = read_entry(*v, "entry")) scenario_.entry = std::move(*entry);
    else paths_.entry_readable = false;
  } else {
    paths_.entry_readable = false;
  }
  read_segments(root);
  read_what_ifs(root);

  // Unreadable transitions point at touchpoint 0 as a placeholder: only safe when there is one.
  if (scenario_.touchpoints.empty()) return std::nullopt;
  resolve_rest(scenario_.transitions, scenario_.touchpoints.size());
  check_scenario(scenario_, paths_, diagnostics_);
  if (diagnostics_.has_errors()) return std::nullopt;
  // Each variant is validated like a scenario, once the base is known to be sound.
  for (std::size_t i = 0; i < scenario_.what_if.size(); ++i) apply_what_if(scenario_, i, diagnostics_);
  if (diagnostics_.has_errors()) return std::nullopt;
  return std::move(scenario_);
}

}  // namespace

LoadResult load_scenario_document(std::shared_ptr<const JsonDocument> document) {
  LoadResult result;
  result.document = document;
  if (!document || !document->valid()) return result;
  ScenarioReader reader(*document, result.diagnostics);
  result.scenario = reader.read();
  return result;
}

LoadResult load_scenario_text(std::string text) {
  Diagnostics diagnostics;
  auto document = std::make_shared<const JsonDocument>(JsonDocument::parse(std::move(text), diagnostics));
  LoadResult result = load_scenario_document(document);
  diagnostics.append(result.diagnostics);
  result.diagnostics = std::move(diagnostics);
  if (result.diagnostics.has_errors()) result.scenario.reset();
  return result;
}

LoadResult load_scenario_file(const std::string& path) {
  LoadResult result;
  const std::optional<std::string> text = read_text_file(path, result.diagnostics);
  if (!text) return result;
  return load_scenario_text(*text);
}

const std::vector<KeyTable>& scenario_key_tables() {
  static const std::vector<KeyTable> tables = [] {
    std::vector<KeyTable> t{{"scenario", scenario_keys},
                            {"touchpoint", touchpoint_keys},
                            {"transition", transition_keys},
                            {"observed", observed_keys},
                            {"segment", segment_keys},
                            {"segment_touchpoint", segment_touchpoint_keys},
                            {"segment_transition", segment_transition_keys},
                            {"sentiment_model", sentiment_model_keys},
                            {"segment_sentiment", segment_sentiment_keys},
                            {"nps_model", nps_model_keys},
                            {"csat_model", csat_model_keys},
                            {"what_if", what_if_keys},
                            {"what_if_change", what_if_change_keys}};
    for (const DistributionSpec& spec : distribution_specs) t.push_back({spec.table, spec.keys});
    return t;
  }();
  return tables;
}

}  // namespace journeysim
