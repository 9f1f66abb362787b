// The what-if variants: their changes, the addresses they name and the
// values they set (read as the field they go to is read in the file).
#include "scenario_reader.hpp"

namespace journeysim::loader {

// `touchpoints.ID.FIELD`, `transitions.FROM->TO.FIELD` (FIELD optional where
// the change names a whole transition) or a scenario field (`arrivals.per_hour`):
// parsed by the one parser of addresses, which sweep uses too (what_if.hpp).
std::optional<ChangeAddress> ScenarioReader::read_address(const Json& value, const JsonPath& path, bool needs_field) {
  const auto text = read_string(value, path);
  if (!text) return std::nullopt;
  AddressParse parsed = parse_change_address(*text, needs_field);
  if (!parsed.address) error(path, std::move(parsed.problem), std::move(parsed.fix));
  return parsed.address;
}

// A `set` value, read as the field it goes to would be read in a touchpoint or transition.
std::optional<ChangeValue> ScenarioReader::read_change_value(const ChangeAddress& address, const Json& value,
                                                             const JsonPath& path) {
  const std::string& field = address.field;
  if (field == "capacity.agents" || shift_index(field)) {
    if (auto n = read_number_in(value, path, limits::agents, "agents")) return ChangeValue{*n};
    return std::nullopt;
  }
  if (field == "capacity.queue_limit") {
    if (auto n = read_number_in(value, path, limits::queue_limit, "queue_limit")) return ChangeValue{*n};
    return std::nullopt;
  }
  if (field == "capacity.patience") {
    if (auto d = read_duration(value, path)) return ChangeValue{*d};
    return std::nullopt;
  }
  if (field == "capacity.answer_within") {
    if (auto seconds = read_duration_value(value, path)) return ChangeValue{*seconds};
    return std::nullopt;
  }
  if (field == "arrivals.per_hour" || field == "arrivals.per_day") {
    const limits::Range& range = field == "arrivals.per_hour" ? limits::per_hour : limits::per_day;
    if (auto x = read_number_in(value, path, range, field.substr(9))) return ChangeValue{*x};
    return std::nullopt;
  }
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
    if (auto e = read_number_in(value, path, limits::effort, "effort")) return ChangeValue{*e};
    return std::nullopt;
  }
  if (field == "cost" || field == "revenue") {
    if (auto x = read_number_in(value, path, limits::money, field)) return ChangeValue{*x};
    return std::nullopt;
  }
  if (field == "p") {
    if (auto p = read_probability(value, path))
      return p->rest ? ChangeValue{std::string("rest")} : ChangeValue{p->value};
    return std::nullopt;
  }
  if (field == "sentiment_weight") {
    if (auto w = read_number_in(value, path, limits::sentiment_weight, "sentiment_weight")) {
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
    const bool belongs = key == op.key || key == "segment" ||
                         std::find(op.companions.begin(), op.companions.end(), key) != op.companions.end();
    const bool known =
        std::find(what_if_change_keys.begin(), what_if_change_keys.end(), key) != what_if_change_keys.end();
    if (!belongs && known) {
      Diagnostic d{Severity::error, path_key(path, key),
                   "\"" + key + "\" does not go with \"" + std::string(op.key) + "\"", "remove it"};
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
  if (const Json* v = member(value, "segment")) {
    // Personalisation changes a field of one persona's journey; structure (touchpoints, transitions) is everyone's.
    const JsonPath at = path_key(path, "segment");
    const bool scoped_kind = op.kind == WhatIfChange::Kind::set || op.kind == WhatIfChange::Kind::scale ||
                             op.kind == WhatIfChange::Kind::reroute;
    const auto id = read_string(*v, at);
    if (!id) return std::nullopt;
    if (!scoped_kind) {
      error(at, "\"segment\" goes with \"set\", \"scale\" and \"reroute\" only, not \"" + std::string(op.key) + "\"",
            "add the touchpoint or transition for everyone, and give it probability to one segment with \"set\"");
      return std::nullopt;
    }
    std::vector<std::string> ids;
    for (const Segment& s : scenario_.segments) ids.push_back(s.id);
    if (std::find(ids.begin(), ids.end(), *id) == ids.end()) {
      error(at, "unknown segment " + in_quotes(*id),
            ids.empty() ? "the scenario has no segments: remove \"segment\"" : did_you_mean(*id, ids));
      return std::nullopt;
    }
    change.segment = *id;
  }
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
      if (!scalable_field(address->field)) {
        error(op_path, in_quotes(address->field) + " is not a number and cannot be scaled", "use \"set\"");
        return std::nullopt;
      }
      auto by = read_number_in(value.at("by"), path_key(path, "by"), limits::scale_factor, "the factor \"by\"");
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
      auto probability =
          read_probability(*p, path_key(op_path, "p"), from_id && to_id ? *from_id + "->" + *to_id : std::string());
      if (!from_id || !to_id || !probability) return std::nullopt;
      change.from = *from_id;
      change.to = *to_id;
      if (!probability->rest) change.p = probability->value;
      if (const Json* w = member(operand, "sentiment_weight")) {
        auto weight =
            read_number_in(*w, path_key(op_path, "sentiment_weight"), limits::sentiment_weight, "sentiment_weight");
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
      auto share = read_number_in(value.at("share"), path_key(path, "share"), limits::share, "the share moved");
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
    type_error("what_if", "an array of what-if variants", *list,
               "e.g. [{\"name\": \"Chatbot first\", \"changes\": [...]}]");
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
    std::optional<std::size_t> first_unread_change;  // how many were read before it
    if (const Json* name =
            require(value, path, "name", "\"name\": what the variant is called, e.g. \"Chatbot first\"")) {
      what_if.name = read_string(*name, path_key(path, "name")).value_or("");
      if (std::find(names.begin(), names.end(), what_if.name) != names.end()) {
        error(path_key(path, "name"), "what-if " + in_quotes(what_if.name) + " is named twice",
              "give each variant its own name");
      }
      names.push_back(what_if.name);
    }
    if (const Json* v = member(value, "description"))
      what_if.description = read_string(*v, path_key(path, "description")).value_or("");
    if (const Json* v = member(value, "cost"))
      what_if.cost = read_number_in(*v, path_key(path, "cost"), limits::money, "cost");
    if (const Json* changes = require(value, path, "changes", "\"changes\": [ {\"set\": ..., \"value\": ...}, ... ]")) {
      const JsonPath changes_path = path_key(path, "changes");
      if (!changes->is_array() || changes->empty()) {
        type_error(changes_path, "a non-empty array of changes", *changes, "list what the variant changes");
      } else {
        for (std::size_t k = 0; k < changes->size(); ++k) {
          if (auto change = read_change((*changes)[k], path_index(changes_path, k))) {
            what_if.changes.push_back(*change);
          } else if (!first_unread_change) {
            first_unread_change = what_if.changes.size();
          }
        }
      }
    }
    scenario_.what_if.push_back(std::move(what_if));
    what_if_changes_read_.push_back(first_unread_change);
  }
}

}  // namespace journeysim::loader
