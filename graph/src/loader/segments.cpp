// The segments: their shares, entries, sentiment and overrides of touchpoints
// and transitions.
#include "scenario_reader.hpp"

namespace journeysim::loader {

void ScenarioReader::read_segment(const Json& value, const JsonPath& path, Segment& segment) {
  if (!expect_object(value, path, "a segment")) return;
  check_keys(value, path, segment_keys);
  if (const Json* v = require(value, path, "id", "\"id\": a short name such as \"bargain_hunters\"")) {
    if (auto id = read_id(*v, path_key(path, "id"), "segment")) segment.id = *id;
  }
  if (const Json* v = member(value, "name")) segment.name = read_string(*v, path_key(path, "name")).value_or("");
  if (const Json* v = member(value, "description"))
    segment.description = read_string(*v, path_key(path, "description")).value_or("");
  if (const Json* v = require(value, path, "share", "\"share\": the fraction of customers in it, e.g. 0.25")) {
    segment.share = read_number_in(*v, path_key(path, "share"), limits::share, "a segment share").value_or(0.0);
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
    if (!list->is_array())
      type_error(list_path, "an array of touchpoint overrides", *list, "e.g. [{\"id\": \"checkout\", \"effort\": 5}]");
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
      if (const Json* v = member(o, "sentiment"))
        override_.sentiment = read_sentiment_change(*v, path_key(at, "sentiment"));
      if (const Json* v = member(o, "effort")) {
        if (auto e = read_number_in(*v, path_key(at, "effort"), limits::effort, "effort"))
          override_.effort = static_cast<int>(*e);
      }
      if (const Json* v = member(o, "csat")) override_.csat = read_bool(*v, path_key(at, "csat"));
      if (const Json* v = member(o, "cost"))
        override_.cost = read_number_in(*v, path_key(at, "cost"), limits::money, "cost");
      if (const Json* v = member(o, "revenue"))
        override_.revenue = read_number_in(*v, path_key(at, "revenue"), limits::money, "revenue");
      segment.touchpoints.push_back(std::move(override_));
    }
  }
  if (const Json* list = member(value, "transitions")) {
    const JsonPath list_path = path_key(path, "transitions");
    if (!list->is_array())
      type_error(list_path, "an array of transition overrides", *list,
                 "e.g. [{\"from\": \"a\", \"to\": \"b\", \"p\": 0.5}]");
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
        error(at,
              "the scenario has no transition " + scenario_.touchpoints[*from_index].id + "->" +
                  scenario_.touchpoints[*to_index].id + " for this segment to change",
              "add it to \"transitions\" first (with p 0 if only this segment takes it)");
        continue;
      }
      TransitionOverride override_;
      override_.transition = *transition;
      if (const Json* v = member(o, "p")) {
        override_.p = read_probability(*v, path_key(at, "p"), scenario_.transition_label(*transition));
      }
      if (const Json* v = member(o, "sentiment_weight")) {
        override_.sentiment_weight =
            read_number_in(*v, path_key(at, "sentiment_weight"), limits::sentiment_weight, "sentiment_weight");
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
        error(path_key(path, "id"),
              "duplicate segment id " + in_quotes(segment.id) + " (first at " + paths_.segments[first->second] + ")",
              "give each segment its own id");
      }
    }
    total += segment.share;
    scenario_.segments.push_back(std::move(segment));
  }
  if (!scenario_.segments.empty() && std::abs(total - 1.0) > probability_sum_tolerance) {
    std::string listed;
    for (const Segment& s : scenario_.segments)
      listed += (listed.empty() ? "" : ", ") + s.id + " " + format_number(s.share);
    error("segments", "segment shares sum to " + format_number(total) + ", not 1 (" + listed + ")",
          "adjust them so they sum to 1");
  }
}

}  // namespace journeysim::loader
