// Scenario look-ups and the resolution of segments into effective journeys.
#include "journeysim/graph/scenario.hpp"

#include <algorithm>

namespace journeysim {

std::optional<std::size_t> Scenario::find_touchpoint(std::string_view id) const {
  for (std::size_t i = 0; i < touchpoints.size(); ++i) {
    if (touchpoints[i].id == id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Scenario::find_transition(std::size_t from, std::size_t to) const {
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    if (transitions[i].from == from && transitions[i].to == to) return i;
  }
  return std::nullopt;
}

std::vector<std::string> Scenario::stage_order() const {
  if (!stages.empty()) return stages;
  std::vector<std::string> order;
  for (const Touchpoint& t : touchpoints) {
    if (!t.stage.empty() && std::find(order.begin(), order.end(), t.stage) == order.end()) order.push_back(t.stage);
  }
  return order;
}

std::vector<std::string> Scenario::outcome_kinds() const {
  std::vector<std::string> kinds;
  for (const Touchpoint& t : touchpoints) {
    if (t.terminal() && std::find(kinds.begin(), kinds.end(), t.outcome) == kinds.end()) kinds.push_back(t.outcome);
  }
  return kinds;
}

std::string Scenario::transition_label(std::size_t transition) const {
  const Transition& t = transitions.at(transition);
  return touchpoints.at(t.from).id + "->" + touchpoints.at(t.to).id;
}

bool Scenario::has_outcome(std::string_view kind) const {
  return std::any_of(touchpoints.begin(), touchpoints.end(), [&](const Touchpoint& t) { return t.outcome == kind; });
}

bool Scenario::has_stage(std::string_view stage) const {
  return std::any_of(touchpoints.begin(), touchpoints.end(), [&](const Touchpoint& t) { return t.stage == stage; });
}

bool Scenario::has_conversion_point() const {
  return has_outcome(outcome_kind::converted) ||
         std::any_of(touchpoints.begin(), touchpoints.end(), [](const Touchpoint& t) { return t.converts; });
}

bool Scenario::is_checkout(const Touchpoint& t) const {
  if (abandonment_from.empty()) return t.stage == stage_name::purchase;
  // A touchpoint id wins over a stage of the same name: it is the narrower meaning.
  if (find_touchpoint(abandonment_from)) return t.id == abandonment_from;
  return t.stage == abandonment_from;
}

bool Scenario::has_checkout() const {
  return std::any_of(touchpoints.begin(), touchpoints.end(), [&](const Touchpoint& t) { return is_checkout(t); });
}

void resolve_rest(std::vector<Transition>& transitions, std::size_t touchpoint_count) {
  std::vector<double> others(touchpoint_count, 0.0);
  for (const Transition& t : transitions) {
    if (!t.p.rest) others[t.from] += t.p.value;
  }
  for (Transition& t : transitions) {
    if (!t.p.rest) continue;
    const double left = 1.0 - others[t.from];
    t.p.value = left < 0.0 && left >= -probability_sum_tolerance ? 0.0 : left;
  }
}

Journey resolve_journey(const Scenario& scenario, std::optional<std::size_t> segment_index) {
  Journey journey;
  journey.touchpoints = scenario.touchpoints;
  journey.transitions = scenario.transitions;
  journey.entry = scenario.entry;
  journey.initial_sentiment = scenario.sentiment.initial;
  if (!segment_index) return journey;

  const Segment& segment = scenario.segments.at(*segment_index);
  journey.segment_id = segment.id;
  journey.share = segment.share;
  if (segment.entry) journey.entry = *segment.entry;
  if (segment.initial_sentiment) journey.initial_sentiment = *segment.initial_sentiment;
  for (const TouchpointOverride& o : segment.touchpoints) {
    Touchpoint& t = journey.touchpoints.at(o.touchpoint);
    if (o.dwell) t.dwell = *o.dwell;
    if (o.sentiment) t.sentiment = *o.sentiment;
    if (o.effort) t.effort = *o.effort;
    if (o.csat) t.csat = *o.csat;
    if (o.cost) t.cost = *o.cost;
    if (o.revenue) t.revenue = *o.revenue;
  }
  for (const TransitionOverride& o : segment.transitions) {
    Transition& t = journey.transitions.at(o.transition);
    if (o.p) t.p = *o.p;
    if (o.sentiment_weight) t.sentiment_weight = *o.sentiment_weight;
  }
  resolve_rest(journey.transitions, journey.touchpoints.size());
  return journey;
}

std::vector<Journey> resolve_journeys(const Scenario& scenario) {
  std::vector<Journey> journeys;
  if (scenario.segments.empty()) {
    journeys.push_back(resolve_journey(scenario, std::nullopt));
    return journeys;
  }
  for (std::size_t s = 0; s < scenario.segments.size(); ++s) journeys.push_back(resolve_journey(scenario, s));
  return journeys;
}

}  // namespace journeysim
