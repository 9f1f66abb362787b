// The viewer's document edits. They work on the JSON document as written
// (a probability is a number or "rest"), so that what is saved is what the
// strategist would have typed; the model is consulted only for names.
#include "journeysim/viewer/document_edits.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "journeysim/graph/text.hpp"

namespace journeysim::viewer {

namespace {

// Probabilities written with 12 significant digits: rescaling 0.15 by 4/3
// should save as 0.2, not 0.19999999999999998. Sums stay within 1e-11 of 1.
double tidy(double p) { return std::stod(format_number(p, 12)); }

bool is_rest(const Json& p) { return p.is_string(); }

const std::string& from_of(const Json& transition) { return transition["from"].get_ref<const std::string&>(); }
const std::string& to_of(const Json& transition) { return transition["to"].get_ref<const std::string&>(); }

std::string touchpoint_id(const Json& document, std::size_t index) {
  return document["touchpoints"][index]["id"].get<std::string>();
}

// The document's transitions out of `from`, by index.
std::vector<std::size_t> transitions_from(const Json& document, const std::string& from) {
  std::vector<std::size_t> out;
  const Json& transitions = document["transitions"];
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    if (from_of(transitions[i]) == from) out.push_back(i);
  }
  return out;
}

std::optional<std::size_t> transition_index(const Json& document, const std::string& from, const std::string& to) {
  const Json& transitions = document["transitions"];
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    if (from_of(transitions[i]) == from && to_of(transitions[i]) == to) return i;
  }
  return std::nullopt;
}

// What each of `indices` amounts to, "rest" resolved.
std::vector<double> resolved(const Json& document, const std::vector<std::size_t>& indices) {
  const Json& transitions = document["transitions"];
  std::vector<double> values;
  double numbers = 0.0;
  for (std::size_t i : indices) {
    const Json& p = transitions[i]["p"];
    values.push_back(is_rest(p) ? 0.0 : p.get<double>());
    numbers += values.back();
  }
  for (std::size_t k = 0; k < indices.size(); ++k) {
    if (is_rest(transitions[indices[k]]["p"])) values[k] = 1.0 - numbers;
  }
  return values;
}

// Calls `visit(segment, override_array, index)` for each segment override
// entry in `key` ("touchpoints" or "transitions"), last first, so that the
// visitor may erase the entry it is given.
template <typename Visit>
void for_each_segment_override(Json& document, const char* key, Visit visit) {
  if (!document.contains("segments")) return;
  for (Json& segment : document["segments"]) {
    if (!segment.contains(key)) continue;
    Json& overrides = segment[key];
    for (std::size_t i = overrides.size(); i-- > 0;) visit(segment, overrides, i);
  }
}

void drop_transition_overrides(Json& document, const std::string& from, const std::string& to) {
  for_each_segment_override(document, "transitions", [&](Json&, Json& overrides, std::size_t i) {
    if (from_of(overrides[i]) == from && to_of(overrides[i]) == to) overrides.erase(i);
  });
}

// Erases transition i, giving its probability to the touchpoint's "rest"
// when another transition is the rest, else rescaling the others.
std::string erase_transition(Json& document, std::size_t i) {
  Json& transitions = document["transitions"];
  const std::string from = from_of(transitions[i]);
  const std::string to = to_of(transitions[i]);
  std::vector<std::size_t> siblings = transitions_from(document, from);
  siblings.erase(std::find(siblings.begin(), siblings.end(), i));
  if (siblings.empty()) {
    return in_quotes(from) + " has no other way out; add another transition from it first, or remove the touchpoint";
  }
  const bool sibling_is_rest =
      std::any_of(siblings.begin(), siblings.end(), [&](std::size_t s) { return is_rest(transitions[s]["p"]); });
  if (!sibling_is_rest) {
    const std::vector<double> values = resolved(document, siblings);
    double others = 0.0;
    for (double v : values) others += v;
    if (others <= 0.0) {
      return "the other transitions from " + in_quotes(from) + " have probability 0; raise one of them first";
    }
    for (std::size_t k = 0; k < siblings.size(); ++k) transitions[siblings[k]]["p"] = tidy(values[k] / others);
  }
  transitions.erase(i);
  drop_transition_overrides(document, from, to);
  return {};
}

// Where a transition from `from` is best inserted: after the last one from
// the same touchpoint, so the file keeps each touchpoint's exits together.
std::size_t insertion_point(const Json& document, const std::string& from) {
  const std::vector<std::size_t> existing = transitions_from(document, from);
  return existing.empty() ? document["transitions"].size() : existing.back() + 1;
}

void insert_at(Json& array, std::size_t at, Json value) {
  array.insert(array.begin() + static_cast<std::ptrdiff_t>(at), std::move(value));
}

// Moves the entry share of `removed` to `target` in one entry object.
void move_entry_share(Json& entry, const std::string& removed, const std::string& target) {
  if (!entry.is_object() || !entry.contains(removed)) return;
  const double share = entry[removed].get<double>();
  entry.erase(removed);
  entry[target] = tidy((entry.contains(target) ? entry[target].get<double>() : 0.0) + share);
}

// Keeps every segment loadable after an edit of the base: where a segment
// overrides some of a touchpoint's exits and no "rest" balances them, an edit
// of the base's other exits leaves the segment's probabilities summing to
// something else than 1. They are then rescaled in proportion, each written
// as the segment's own, which is the rule of DESIGN section 7 applied within
// the segment.
void rebalance_segments(Json& document) {
  if (!document.contains("segments")) return;
  constexpr double sum_tolerance = 1e-9;
  for (Json& segment : document["segments"]) {
    if (!segment.contains("transitions")) continue;
    Json& overrides = segment["transitions"];
    std::vector<std::string> touched;
    for (const Json& o : overrides) {
      if (std::find(touched.begin(), touched.end(), from_of(o)) == touched.end()) touched.push_back(from_of(o));
    }
    for (const std::string& from : touched) {
      const std::vector<std::size_t> exits = transitions_from(document, from);
      // The segment's own entry for each exit, by index: appending below
      // moves the array's elements, so no pointer into it may be kept.
      std::vector<std::optional<std::size_t>> own(exits.size());
      std::vector<double> values(exits.size(), 0.0);
      bool balanced_by_rest = false;
      double sum = 0.0;
      for (std::size_t e = 0; e < exits.size(); ++e) {
        const Json& base = document["transitions"][exits[e]];
        for (std::size_t o = 0; o < overrides.size(); ++o) {
          if (from_of(overrides[o]) == from && to_of(overrides[o]) == to_of(base)) own[e] = o;
        }
        const Json& p = own[e] ? overrides[*own[e]]["p"] : base["p"];
        if (is_rest(p))
          balanced_by_rest = true;
        else
          values[e] = p.get<double>();
        sum += values[e];
      }
      if (balanced_by_rest || exits.empty() || sum <= 0.0 || std::abs(sum - 1.0) <= sum_tolerance) continue;
      for (std::size_t e = 0; e < exits.size(); ++e) {
        const double scaled = tidy(values[e] / sum);
        if (own[e]) {
          overrides[*own[e]]["p"] = scaled;
        } else {
          overrides.push_back(Json{{"from", from}, {"to", to_of(document["transitions"][exits[e]])}, {"p", scaled}});
        }
      }
    }
  }
}

}  // namespace

Json with_probability(Json document, std::size_t k, double p) {
  Json& transitions = document["transitions"];
  const std::vector<std::size_t> all = transitions_from(document, from_of(transitions[k]));
  std::vector<std::size_t> others;
  for (std::size_t i : all) {
    if (i != k) others.push_back(i);
  }
  const bool other_is_rest =
      std::any_of(others.begin(), others.end(), [&](std::size_t i) { return is_rest(transitions[i]["p"]); });
  const std::vector<double> values = resolved(document, others);
  transitions[k]["p"] = tidy(p);
  double total = 0.0;
  for (double v : values) total += v;
  if (other_is_rest || total <= 0.0) {
    rebalance_segments(document);
    return document;
  }
  for (std::size_t i = 0; i < others.size(); ++i) transitions[others[i]]["p"] = tidy(values[i] * (1.0 - p) / total);
  rebalance_segments(document);
  return document;
}

Json with_sentiment_weight(Json document, std::size_t k, double weight) {
  document["transitions"][k]["sentiment_weight"] = std::stod(format_number(weight, 6));
  return document;
}

DocumentEdit with_transition_added(Json document, const Scenario& scenario, std::size_t from, std::size_t to) {
  const std::string from_id = scenario.touchpoints[from].id;
  const std::string to_id = scenario.touchpoints[to].id;
  if (scenario.touchpoints[from].terminal()) {
    return {std::move(document), in_quotes(from_id) + " is an ending: customers leave the journey there"};
  }
  if (scenario.find_transition(from, to)) return {std::move(document), from_id + "->" + to_id + " is already there"};
  const std::size_t at = insertion_point(document, from_id);
  insert_at(document["transitions"], at, Json{{"from", from_id}, {"to", to_id}, {"p", 0}});
  return {std::move(document), {}};
}

DocumentEdit with_transition_removed(Json document, const Scenario& scenario, std::size_t k) {
  const auto index = transition_index(document, scenario.touchpoints[scenario.transitions[k].from].id,
                                      scenario.touchpoints[scenario.transitions[k].to].id);
  if (!index) return {std::move(document), "the transition is not in the document"};
  std::string problem = erase_transition(document, *index);
  if (problem.empty()) rebalance_segments(document);
  return {std::move(document), std::move(problem)};
}

std::string new_touchpoint_id_problem(const Scenario& scenario, std::string_view id) {
  if (id.empty()) return "give it an id: letters, digits and _, e.g. chatbot";
  const bool syntax = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!syntax) return "an id has only letters, digits and _ (no spaces), e.g. chatbot_2";
  if (id == outcome_kind::active || id == outcome_kind::unfinished) {
    return in_quotes(id) + " is reserved for an ending the engine gives; pick another id";
  }
  if (scenario.find_touchpoint(id)) return in_quotes(id) + " is taken; pick another id";
  return {};
}

DocumentEdit with_touchpoint_on_flow(Json document, const Scenario& scenario, std::size_t k, Json touchpoint) {
  const std::string id = touchpoint.value("id", "");
  if (std::string problem = new_touchpoint_id_problem(scenario, id); !problem.empty()) {
    return {std::move(document), std::move(problem)};
  }
  const Transition& flow = scenario.transitions[k];
  const std::string from_id = scenario.touchpoints[flow.from].id;
  const std::string to_id = scenario.touchpoints[flow.to].id;
  const auto index = transition_index(document, from_id, to_id);
  if (!index) return {std::move(document), "the transition is not in the document"};
  document["transitions"][*index]["to"] = id;
  insert_at(document["transitions"], *index + 1, Json{{"from", id}, {"to", to_id}, {"p", 1}});
  insert_at(document["touchpoints"], flow.from + 1, std::move(touchpoint));
  for_each_segment_override(document, "transitions", [&](Json&, Json& overrides, std::size_t i) {
    if (from_of(overrides[i]) == from_id && to_of(overrides[i]) == to_id) overrides[i]["to"] = id;
  });
  return {std::move(document), {}};
}

DocumentEdit with_ending_added(Json document, const Scenario& scenario, std::size_t from, Json ending, double p) {
  const std::string id = ending.value("id", "");
  if (std::string problem = new_touchpoint_id_problem(scenario, id); !problem.empty()) {
    return {std::move(document), std::move(problem)};
  }
  if (!ending.contains("outcome")) return {std::move(document), "an ending needs an outcome, e.g. converted"};
  const std::string from_id = scenario.touchpoints[from].id;
  if (scenario.touchpoints[from].terminal()) {
    return {std::move(document), in_quotes(from_id) + " is an ending: customers leave the journey there"};
  }
  document["touchpoints"].push_back(std::move(ending));
  const std::size_t at = insertion_point(document, from_id);
  insert_at(document["transitions"], at, Json{{"from", from_id}, {"to", id}, {"p", 0}});
  return {with_probability(std::move(document), at, p), {}};
}

DocumentEdit with_touchpoint_removed(Json document, std::size_t removed, std::size_t inflow_to) {
  const std::string gone = touchpoint_id(document, removed);
  const std::string target = touchpoint_id(document, inflow_to);
  if (removed == inflow_to) return {std::move(document), "its inflow cannot go to itself; pick another touchpoint"};

  // The target's own way into the removed touchpoint goes, its probability to the target's others.
  if (const auto back = transition_index(document, target, gone)) {
    if (std::string problem = erase_transition(document, *back); !problem.empty()) {
      return {std::move(document), std::move(problem)};
    }
  }
  Json& transitions = document["transitions"];
  std::vector<std::size_t> erased;
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    Json& t = transitions[i];
    if (from_of(t) == gone) {
      erased.push_back(i);
      continue;
    }
    if (to_of(t) != gone) continue;
    const std::string from = from_of(t);
    const auto existing = transition_index(document, from, target);
    if (!existing) {
      // Retarget it; segment overrides follow.
      t["to"] = target;
      for_each_segment_override(document, "transitions", [&](Json&, Json& overrides, std::size_t o) {
        if (from_of(overrides[o]) == from && to_of(overrides[o]) == gone) overrides[o]["to"] = target;
      });
      continue;
    }
    // Merge into the transition already there.
    Json& kept = transitions[*existing];
    const double base_before = is_rest(kept["p"]) ? 0.0 : kept["p"].get<double>();
    if (is_rest(t["p"]))
      kept["p"] = "rest";
    else if (!is_rest(kept["p"]))
      kept["p"] = tidy(kept["p"].get<double>() + t["p"].get<double>());
    const bool kept_is_rest = is_rest(kept["p"]);
    for_each_segment_override(document, "transitions", [&](Json& segment, Json& overrides, std::size_t o) {
      if (from_of(overrides[o]) != from || to_of(overrides[o]) != gone) return;
      const Json moved = overrides[o]["p"];
      overrides.erase(o);
      if (kept_is_rest || is_rest(moved)) return;  // the segment's "rest" absorbs it
      for (Json& other : segment["transitions"]) {
        if (from_of(other) == from && to_of(other) == target && !is_rest(other["p"])) {
          other["p"] = tidy(other["p"].get<double>() + moved.get<double>());
          return;
        }
      }
      segment["transitions"].push_back(
          Json{{"from", from}, {"to", target}, {"p", tidy(base_before + moved.get<double>())}});
    });
    erased.push_back(i);
  }
  for (std::size_t i = erased.size(); i-- > 0;) transitions.erase(erased[i]);

  move_entry_share(document["entry"], gone, target);
  if (document.contains("segments")) {
    for (Json& segment : document["segments"]) {
      if (segment.contains("entry")) move_entry_share(segment["entry"], gone, target);
    }
  }
  for_each_segment_override(document, "touchpoints", [&](Json&, Json& overrides, std::size_t o) {
    if (overrides[o].value("id", "") == gone) overrides.erase(o);
  });
  for_each_segment_override(document, "transitions", [&](Json&, Json& overrides, std::size_t o) {
    if (from_of(overrides[o]) == gone || to_of(overrides[o]) == gone) overrides.erase(o);
  });
  document["touchpoints"].erase(removed);
  rebalance_segments(document);
  return {std::move(document), {}};
}

}  // namespace journeysim::viewer
