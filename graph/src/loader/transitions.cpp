// The transitions and their probabilities, and the entry shares.
#include "scenario_reader.hpp"

#include <map>

namespace journeysim::loader {

// Evidence is counts: whole numbers, count <= of, of >= 1. A number `p` that is
// no longer count/of (edited after mining) is worth a warning, not an error.
std::optional<Observed> ScenarioReader::read_observed(const Json& value, const JsonPath& path,
                                                      const std::optional<Probability>& p) {
  if (!expect_object(value, path, "the evidence {\"count\": k, \"of\": n}")) return std::nullopt;
  check_keys(value, path, observed_keys);
  constexpr double max_count = 1e15;  // well inside the doubles that hold whole numbers exactly
  const Json* count = require(value, path, "count", "\"count\": how many of the moves took this transition");
  const Json* of = require(value, path, "of", "\"of\": how many moves left the touchpoint");
  const auto k = count ? read_number_in(*count, path_key(path, "count"), limits::Range{0, max_count, true}, "count")
                       : std::nullopt;
  const auto n = of ? read_number_in(*of, path_key(path, "of"), limits::Range{1, max_count, true}, "of") : std::nullopt;
  if (!k || !n) return std::nullopt;
  if (*k > *n) {
    error(path_key(path, "count"), "count " + format_number(*k) + " is more than of " + format_number(*n),
          "count the moves along this transition among the moves leaving its touchpoint");
    return std::nullopt;
  }
  if (p && !p->rest && std::abs(p->value - *k / *n) > probability_sum_tolerance) {
    diagnostics_.warning(path_key(parent_path(path), "p"),
                         "p " + format_number(p->value) + " is not the observed " + format_number(*k) + " of " +
                             format_number(*n) + " (" + format_number(*k / *n) + ")",
                         "remove \"observed\" if p is no longer the mined figure");
  }
  return Observed{static_cast<std::uint64_t>(*k), static_cast<std::uint64_t>(*n)};
}

std::optional<Probability> ScenarioReader::read_probability(const Json& value, const JsonPath& path,
                                                            std::string_view transition) {
  const std::string of = transition.empty() ? "" : " for " + std::string(transition);
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (text == "rest") return Probability{0.0, true};
    error(path, "expected a probability from 0 to 1 or \"rest\", found " + describe(value),
          edit_distance(text, "rest") <= 2 ? std::string("did you mean \"rest\"?")
                                           : "write a number such as 0.35 (for 35%)");
    return std::nullopt;
  }
  if (!value.is_number()) {
    type_error(path, "a probability from 0 to 1 or \"rest\"", value, "write a number such as 0.35 (for 35%)");
    return std::nullopt;
  }
  const double p = value.get<double>();
  if (p < 0.0 || p > 1.0) {
    error(path, "probability " + format_number(p) + (p < 0.0 ? " is negative" : " is above 1") + of,
          "write a probability from 0 to 1, e.g. 0.35 for 35%");
    return std::nullopt;
  }
  return Probability{p, false};
}

void ScenarioReader::read_transitions(const Json& root) {
  const Json* list =
      require(root, "", "transitions", "\"transitions\": [ {\"from\": ..., \"to\": ..., \"p\": ...}, ... ]");
  if (!list) return;
  if (!list->is_array()) {
    type_error("transitions", "an array", *list,
               "list the transitions: [ {\"from\": \"a\", \"to\": \"b\", \"p\": 1}, ... ]");
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
      const std::string label = from_index && to_index
                                    ? scenario_.touchpoints[*from_index].id + "->" + scenario_.touchpoints[*to_index].id
                                    : std::string();
      const auto probability = p ? read_probability(*p, path_key(path, "p"), label) : std::nullopt;
      if (const Json* w = member(value, "sentiment_weight")) {
        t.sentiment_weight =
            read_number_in(*w, path_key(path, "sentiment_weight"), limits::sentiment_weight, "sentiment_weight")
                .value_or(0.0);
      }
      if (const Json* v = member(value, "description"))
        t.description = read_string(*v, path_key(path, "description")).value_or("");
      if (const Json* v = member(value, "observed"))
        t.observed = read_observed(*v, path_key(path, "observed"), probability);
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
          error(path,
                "duplicate transition " + scenario_.touchpoints[*from_index].id + "->" +
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
    type_error(path, "a non-empty object of touchpoint id -> share", value,
               "e.g. {\"social_ad\": 0.6, \"search\": 0.4}");
    return std::nullopt;
  }
  std::vector<EntryShare> entry;
  bool ok = true;
  double total = 0.0;
  for (const auto& [id, share] : value.items()) {
    const JsonPath at = path_key(path, id);
    const auto index = read_touchpoint_ref(Json(id), at);
    const auto x = read_number_in(share, at, limits::share, "an entry share");
    ok = ok && index && x;
    if (index && x) {
      entry.push_back(EntryShare{*index, *x});
      total += *x;
    }
  }
  if (!ok) return std::nullopt;
  if (std::abs(total - 1.0) > probability_sum_tolerance) {
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

}  // namespace journeysim::loader
