// The touchpoints, their declared stages, and references to touchpoints by id.
#include "scenario_reader.hpp"

namespace journeysim::loader {

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
    if (auto e = read_number_in(*v, path_key(path, "effort"), limits::effort, "effort"))
      t.effort = static_cast<int>(*e);
  }
  if (const Json* v = member(value, "csat")) t.csat = read_bool(*v, path_key(path, "csat")).value_or(true);
  if (const Json* v = member(value, "cost"))
    t.cost = read_number_in(*v, path_key(path, "cost"), limits::money, "cost").value_or(0.0);
  if (const Json* v = member(value, "revenue"))
    t.revenue = read_number_in(*v, path_key(path, "revenue"), limits::money, "revenue").value_or(0.0);
  if (const Json* v = member(value, "converts")) t.converts = read_bool(*v, path_key(path, "converts")).value_or(false);
  if (const Json* v = member(value, "wait")) t.wait = read_bool(*v, path_key(path, "wait")).value_or(false);
  if (const Json* v = member(value, "capacity")) t.capacity = read_capacity(*v, path_key(path, "capacity"));
  if (const Json* v = member(value, "outcome")) {
    const JsonPath at = path_key(path, "outcome");
    if (auto outcome = read_string(*v, at)) {
      if (outcome->empty()) {
        error(at, "the outcome is empty",
              "name the ending, e.g. \"converted\", \"churned\", \"abandoned\" or \"lost\"");
      } else if (is_reserved_id(*outcome)) {
        error(at, "outcome " + in_quotes(*outcome) + " is reserved for an ending that is not a touchpoint",
              "choose another name for this ending");
      } else {
        t.outcome = *outcome;
      }
    }
    // What a terminal touchpoint would ignore is better said than silently dropped.
    for (std::string_view ignored : {"dwell", "sentiment", "effort", "csat", "wait"}) {
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
    // The same rule holds what-if variants to the declared stages (what_if.cpp).
    for (std::size_t i = 0; i < scenario_.touchpoints.size(); ++i) {
      if (const auto problem = limits::stage_problem(scenario_.touchpoints[i].stage, scenario_.stages)) {
        error(path_key(paths_.touchpoints[i], "stage"), problem->message, problem->fix);
      }
    }
  }
}

void ScenarioReader::read_abandonment_from(const Json& root) {
  const Json* v = member(root, "abandonment_from");
  if (!v) return;
  const auto where = read_string(*v, "abandonment_from");
  if (!where) return;
  if (!touchpoints_readable_) {
    scenario_.abandonment_from = *where;
    return;
  }
  std::vector<std::string> names;
  for (const Touchpoint& t : scenario_.touchpoints) {
    if (!t.id.empty()) names.push_back(t.id);
  }
  for (const std::string& stage : scenario_.stage_order()) names.push_back(stage);
  if (std::find(names.begin(), names.end(), *where) == names.end()) {
    error("abandonment_from", in_quotes(*where) + " is neither a stage nor a touchpoint id",
          closest_match(*where, names) ? did_you_mean(*where, names)
                                       : "name the stage or the touchpoint where checkout begins");
    return;
  }
  scenario_.abandonment_from = *where;
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

}  // namespace journeysim::loader
