// The scenario reader: one object that reads a parsed document into a Scenario,
// section by section. Its generic value readers (strings, numbers in a range,
// ids, keys) live here; each section of the format has its own file beside
// this one (reader_core.cpp: durations and distributions; models.cpp;
// touchpoints.cpp; transitions.cpp; segments.cpp; what_ifs.cpp; queues.cpp), and
// scenario_loader.cpp runs them in order. Internal to the loader.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "../scenario_checks.hpp"
#include "../value_limits.hpp"
#include "format_keys.hpp"
#include "journeysim/graph/diagnostics.hpp"
#include "journeysim/graph/json_document.hpp"
#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/graph/what_if.hpp"

namespace journeysim::loader {

std::vector<std::string> to_strings(const Keys& keys);
std::string describe(const Json& value);
bool is_valid_id(std::string_view id);
std::string id_suggestion(std::string_view id);
std::string with_article(std::string_view word);
bool is_reserved_id(std::string_view id);

class ScenarioReader {
 public:
  ScenarioReader(const JsonDocument& document, Diagnostics& diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  std::optional<Scenario> read();

 private:
  // --- generic value readers: each reports its own problem and returns nullopt ---
  // Every diagnostic says what to do: `fix` is required.
  void error(const JsonPath& path, std::string message, std::string fix) {
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
    for (const auto& item : object.items()) {
      const std::string& key = item.key();  // not a structured binding: clang 14 cannot capture one
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      Diagnostic d;
      d.path = path_key(path, key);
      d.at_key = true;
      const auto later =
          std::find_if(unsupported.begin(), unsupported.end(), [&](const Unsupported& u) { return u.key == key; });
      if (later != unsupported.end()) {
        const std::size_t split = later->why.find("; ");
        d.message = std::string(later->why.substr(0, split));
        d.fix = std::string(later->why.substr(split + 2));
      } else {
        d.message = "unknown key " + in_quotes(key);
        d.fix = did_you_mean(key, to_strings(allowed));
      }
      diagnostics_.add(std::move(d));
    }
  }

  std::optional<std::string> read_string(const Json& value, const JsonPath& path) {
    if (value.is_string()) return value.get<std::string>();
    type_error(path, "a string", value,
               value.is_primitive() ? "put it in quotes: \"" + value.dump() + "\"" : "write a string in quotes");
    return std::nullopt;
  }

  std::optional<double> read_number(const Json& value, const JsonPath& path, std::string_view example = "0.5") {
    if (value.is_number()) return value.get<double>();
    std::string fix = "write a number, e.g. " + std::string(example);
    if (value.is_string()) {
      const std::string text = value.get<std::string>();
      double parsed = 0.0;
      const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (result.ec == std::errc() && result.ptr == text.data() + text.size())
        fix = "write " + text + " without quotes";
    }
    type_error(path, "a number", value, fix);
    return std::nullopt;
  }

  // A number in `range` (limits::, shared with what-if variants), whole or not as the range says.
  std::optional<double> read_number_in(const Json& value, const JsonPath& path, const limits::Range& range,
                                       std::string_view what) {
    const std::optional<double> x =
        read_number(value, path, range.whole ? format_number(range.lo == 0 ? 1 : range.lo) : "0.5");
    if (!x) return std::nullopt;
    if (!limits::contains(range, *x)) {
      const std::string wanted = limits::describe(range);
      error(path,
            std::string(what) + " must be " + wanted + ", found " + (range.whole ? value.dump() : format_number(*x)),
            range.whole ? "write " + wanted : "write a number " + wanted);
      return std::nullopt;
    }
    return x;
  }
  std::optional<double> read_number_in(const Json& value, const JsonPath& path, double lo, double hi,
                                       std::string_view what) {
    return read_number_in(value, path, limits::Range{lo, hi}, what);
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
  std::optional<double> read_parameter(const Json& object, const JsonPath& path, std::string_view key, Domain domain,
                                       std::string_view kind);

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
  void read_abandonment_from(const Json& root);
  void read_transitions(const Json& root);
  // `transition` ("cart->bought", when known) is named in the message beside the path.
  std::optional<Probability> read_probability(const Json& value, const JsonPath& path,
                                              std::string_view transition = {});
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
  // --- the queue model (queues.cpp) ---
  void read_arrivals(const Json& root);
  template <std::size_t N>
  std::optional<std::array<double, N>> read_weights(const Json& value, const JsonPath& path, std::string_view what,
                                                    std::string_view example);
  std::optional<Capacity> read_capacity(const Json& value, const JsonPath& path);
  std::optional<Shift> read_shift(const Json& value, const JsonPath& path);
  std::optional<double> read_clock_time(const Json& value, const JsonPath& path, bool is_end);

  const JsonDocument& document_;
  Diagnostics& diagnostics_;
  Scenario scenario_;
  ModelPaths paths_;
  std::unordered_map<std::string, std::size_t> touchpoint_index_;
  std::unordered_set<std::string> written_ids_;  // every id written, valid or not
  bool touchpoints_readable_ = true;
  // Per what-if: the changes read before the first that could not be read (none: all were).
  std::vector<std::optional<std::size_t>> what_if_changes_read_;
};

}  // namespace journeysim::loader
