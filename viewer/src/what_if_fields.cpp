// A what-if's values against the scenario's, per field, per segment.
#include "journeysim/viewer/what_if_fields.hpp"

#include <algorithm>
#include <optional>

#include "journeysim/graph/scenario_writer.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim::viewer {

namespace {

// A touchpoint's fields as the file writes them (defaults left out).
Json written_fields(const Touchpoint& touchpoint) {
  Scenario one;
  one.touchpoints = {touchpoint};
  Json fields = to_json(one)["touchpoints"][0];
  fields.erase("id");
  return fields;
}

std::string value_text(const Json& value) { return value.is_string() ? value.get<std::string>() : render_json(value); }

// One field's values as text: the scenario's (empty where the what-if adds
// the touchpoint or transition) and the what-if's.
struct Values {
  std::string scenario, variant;
};

// A field's change for everyone (the scenario's own value against the
// what-if's), then for each segment whose journey the what-if gives a value
// of its own (a change naming that segment).
void add_changes(std::vector<FieldChange>& changes, const std::string& field, const std::optional<Values>& everyone,
                 const std::vector<std::pair<std::string, Values>>& segments) {
  if (everyone && everyone->scenario != everyone->variant)
    changes.push_back({field, everyone->scenario, everyone->variant, ""});
  for (const auto& [segment, values] : segments) {
    if (values.scenario != values.variant && (!everyone || values.variant != everyone->variant)) {
      changes.push_back({field, values.scenario, values.variant, segment});
    }
  }
}

std::optional<std::size_t> find_in(const std::vector<Touchpoint>& touchpoints, std::string_view id) {
  for (std::size_t i = 0; i < touchpoints.size(); ++i) {
    if (touchpoints[i].id == id) return i;
  }
  return std::nullopt;
}

const Transition* find_in(const std::vector<Touchpoint>& touchpoints, const std::vector<Transition>& transitions,
                          std::string_view from, std::string_view to) {
  const auto f = find_in(touchpoints, from), t = find_in(touchpoints, to);
  if (!f || !t) return nullptr;
  for (const Transition& tr : transitions) {
    if (tr.from == *f && tr.to == *t) return &tr;
  }
  return nullptr;
}

}  // namespace

std::vector<FieldChange> touchpoint_changes(const Scenario& scenario, const Variant& variant, std::string_view id) {
  const std::vector<Journey> base = resolve_journeys(scenario);
  const auto in_variant = find_in(variant.touchpoints, id);
  if (!in_variant || base.size() != variant.journeys.size()) return {};
  const auto fields_in = [&](const std::vector<Touchpoint>& touchpoints) -> std::optional<Json> {
    const auto i = find_in(touchpoints, id);
    if (!i) return std::nullopt;
    return written_fields(touchpoints[*i]);
  };
  // The scenario's and the what-if's fields, for everyone and in each segment's journey.
  struct Pair {
    std::string segment;
    std::optional<Json> scenario, variant;
  };
  const Pair everyone{"", fields_in(scenario.touchpoints), fields_in(variant.touchpoints)};
  std::vector<Pair> segments;
  for (std::size_t j = 0; j < base.size() && !scenario.segments.empty(); ++j) {
    segments.push_back(
        {base[j].segment_id, fields_in(base[j].touchpoints), fields_in(variant.journeys[j].touchpoints)});
  }
  std::vector<std::string> keys;
  const auto add_keys = [&](const std::optional<Json>& fields) {
    if (!fields) return;
    for (const auto& [key, value] : fields->items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  };
  add_keys(everyone.variant);
  add_keys(everyone.scenario);
  for (const Pair& p : segments) add_keys(p.variant), add_keys(p.scenario);
  const auto values = [](const Pair& p, const std::string& key) {
    const auto text = [&](const std::optional<Json>& fields) {
      if (!fields) return std::string();  // the what-if adds the touchpoint
      return fields->contains(key) ? value_text((*fields)[key]) : std::string("(default)");
    };
    return Values{text(p.scenario), text(p.variant)};
  };
  std::vector<FieldChange> changes;
  for (const std::string& key : keys) {
    std::vector<std::pair<std::string, Values>> by_segment;
    for (const Pair& p : segments) by_segment.emplace_back(p.segment, values(p, key));
    add_changes(changes, key, values(everyone, key), by_segment);
  }
  return changes;
}

std::vector<FieldChange> transition_changes(const Scenario& scenario, const Variant& variant, std::string_view from,
                                            std::string_view to) {
  const std::vector<Journey> base = resolve_journeys(scenario);
  if (base.size() != variant.journeys.size()) return {};
  // A variant has transitions per journey only; the value for everyone is
  // the one every journey has, when they agree.
  struct Pair {
    std::string segment;
    const Transition* scenario;
    const Transition* variant;
  };
  std::vector<Pair> journeys;
  for (std::size_t j = 0; j < base.size(); ++j) {
    journeys.push_back({base[j].segment_id, find_in(base[j].touchpoints, base[j].transitions, from, to),
                        find_in(variant.journeys[j].touchpoints, variant.journeys[j].transitions, from, to)});
  }
  const Transition* ours = find_in(scenario.touchpoints, scenario.transitions, from, to);
  std::vector<FieldChange> changes;
  const auto field = [&](const char* name, const auto& read) {
    const auto text = [&](const Transition* t) { return t ? format_number(read(*t)) : std::string(); };
    std::optional<Values> everyone;
    const bool agree = std::all_of(journeys.begin(), journeys.end(), [&](const Pair& p) {
      return p.variant && journeys.front().variant && read(*p.variant) == read(*journeys.front().variant);
    });
    if (agree && !journeys.empty()) everyone = Values{text(ours), text(journeys.front().variant)};
    std::vector<std::pair<std::string, Values>> by_segment;
    for (const Pair& p : journeys) {
      if (p.variant && !scenario.segments.empty())
        by_segment.emplace_back(p.segment, Values{text(p.scenario), text(p.variant)});
    }
    if (!ours && everyone && std::string_view(name) == "sentiment_weight" && everyone->variant == "0")
      return;  // an added transition's default
    add_changes(changes, name, everyone, by_segment);
  };
  field("p", [](const Transition& t) { return t.p.value; });
  field("sentiment_weight", [](const Transition& t) { return t.sentiment_weight; });
  return changes;
}

}  // namespace journeysim::viewer
