// Scenario writing: model -> document, document -> readable text, and the
// format-keeping patch of an edited document over its original text.
#include "journeysim/graph/scenario_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/graph/what_if.hpp"

namespace journeysim {

namespace {

Json duration_json(const Distribution& d);

Json distribution_json(const Distribution& d, bool duration) {
  const auto value = [&](double x) -> Json {
    if (duration) return format_duration(x);
    return x;
  };
  Json out = Json::object();
  out["dist"] = std::string(to_string(d.kind));
  switch (d.kind) {
    case DistributionKind::fixed: out["value"] = value(d.a); break;
    case DistributionKind::exponential: out["mean"] = value(d.a); break;
    case DistributionKind::gamma:
    case DistributionKind::normal:
      out["mean"] = value(d.a);
      out["sd"] = value(d.b);
      break;
    case DistributionKind::uniform:
      out["min"] = value(d.a);
      out["max"] = value(d.b);
      break;
    case DistributionKind::lognormal:
      if (d.lognormal_as_median_p90) {
        out["median"] = value(d.a);
        out["p90"] = value(d.b);
      } else {
        out["mu"] = d.a;
        out["sigma"] = d.b;
      }
      break;
    case DistributionKind::empirical: {
      Json values = Json::array();
      for (double x : d.values) values.push_back(value(x));
      out["values"] = values;
      // Equal weights are the default when "weights" is left out.
      if (std::adjacent_find(d.weights.begin(), d.weights.end(), std::not_equal_to<>()) != d.weights.end()) {
        out["weights"] = d.weights;
      }
      break;
    }
  }
  return out;
}

Json duration_json(const Distribution& d) {
  if (d.kind == DistributionKind::fixed) return format_duration(d.a);
  return distribution_json(d, true);
}

Json sentiment_json(const Distribution& d) {
  if (d.kind == DistributionKind::fixed) return d.a;
  return distribution_json(d, false);
}

Json probability_json(const Probability& p) {
  if (p.rest) return "rest";
  return p.value;
}

Json entry_json(const Scenario& s, const std::vector<EntryShare>& entry) {
  Json out = Json::object();
  for (const EntryShare& e : entry) out[s.touchpoints[e.touchpoint].id] = e.share;
  return out;
}

Json touchpoint_json(const Touchpoint& t);

// A whole number (agents, a queue's length) as JSON writes one: 14, not 14.0.
Json whole_json(double x) { return static_cast<std::int64_t>(x); }

Json change_value_json(const ChangeAddress& address, const ChangeValue& value) {
  const std::string& field = address.field;
  if (const double* x = std::get_if<double>(&value)) {
    if (field == "effort") return static_cast<int>(*x);
    if (field == "capacity.agents" || field == "capacity.queue_limit" || shift_index(field)) return whole_json(*x);
    if (field == "capacity.answer_within") return format_duration(*x);
    return *x;
  }
  if (const bool* b = std::get_if<bool>(&value)) return *b;
  if (const std::string* text = std::get_if<std::string>(&value)) return *text;
  const Distribution& d = std::get<Distribution>(value);
  return field == "dwell" || field == "capacity.patience" ? duration_json(d) : sentiment_json(d);
}

// The rate as written: per_day when the file said per_day (in the shortest
// spelling that reads back as the same rate per hour), else per_hour.
Json arrivals_json(const Arrivals& a) {
  Json out = Json::object();
  if (a.written_per_day) {
    const double per_day = a.per_hour * 24.0;
    double shown = per_day;
    for (int digits = 6; digits <= 17; ++digits) {
      const std::string text = format_number(per_day, digits);
      double candidate = 0.0;
      std::from_chars(text.data(), text.data() + text.size(), candidate);  // no locale
      if (candidate / 24.0 == a.per_hour) {
        shown = candidate;
        break;
      }
    }
    // A whole rate is written whole, as people write it: 1200, not 1200.0.
    if (shown == std::floor(shown) && std::abs(shown) < 1e15)
      out["per_day"] = static_cast<std::int64_t>(shown);
    else
      out["per_day"] = shown;
  } else {
    if (a.per_hour == std::floor(a.per_hour) && std::abs(a.per_hour) < 1e15)
      out["per_hour"] = static_cast<std::int64_t>(a.per_hour);
    else
      out["per_hour"] = a.per_hour;
  }
  if (a.has_by_hour) out["by_hour"] = a.by_hour;
  if (a.has_by_weekday) out["by_weekday"] = a.by_weekday;
  return out;
}

Json capacity_json(const Capacity& c) {
  const Capacity defaults;
  Json out = Json::object();
  if (c.agents != defaults.agents && c.schedule.empty()) out["agents"] = whole_json(c.agents);
  if (c.patience) out["patience"] = duration_json(*c.patience);
  if (!c.on_renege.empty()) out["on_renege"] = c.on_renege;
  if (c.queue_limit) out["queue_limit"] = whole_json(*c.queue_limit);
  if (!c.on_balk.empty()) out["on_balk"] = c.on_balk;
  if (c.answer_within != defaults.answer_within) out["answer_within"] = format_duration(c.answer_within);
  if (!c.schedule.empty()) {
    Json shifts = Json::array();
    for (const Shift& shift : c.schedule) {
      Json sj = Json::object();
      sj["days"] = shift.days_text.empty() ? format_days(shift.days) : shift.days_text;
      sj["from"] = format_clock(shift.from);
      sj["to"] = format_clock(shift.to);
      sj["agents"] = whole_json(shift.agents);
      shifts.push_back(sj);
    }
    out["schedule"] = shifts;
  }
  if (!c.on_closed.empty()) out["on_closed"] = c.on_closed;
  return out;
}

Json what_if_json(const WhatIf& w) {
  Json out = Json::object();
  out["name"] = w.name;
  if (!w.description.empty()) out["description"] = w.description;
  if (w.cost) out["cost"] = *w.cost;
  Json changes = Json::array();
  for (const WhatIfChange& c : w.changes) {
    Json cj = Json::object();
    switch (c.kind) {
      case WhatIfChange::Kind::set:
        cj["set"] = c.address.text();
        cj["value"] = change_value_json(c.address, c.value);
        break;
      case WhatIfChange::Kind::scale:
        cj["scale"] = c.address.text();
        cj["by"] = c.factor;
        break;
      case WhatIfChange::Kind::add_touchpoint: cj["add_touchpoint"] = touchpoint_json(c.added); break;
      case WhatIfChange::Kind::remove_touchpoint:
        cj["remove_touchpoint"] = c.touchpoint;
        cj["inflow_to"] = c.inflow_to;
        break;
      case WhatIfChange::Kind::add_transition: {
        Json tj = Json::object();
        tj["from"] = c.from;
        tj["to"] = c.to;
        tj["p"] = c.p ? Json(*c.p) : Json("rest");
        if (c.sentiment_weight != 0.0) tj["sentiment_weight"] = c.sentiment_weight;
        cj["add_transition"] = tj;
        break;
      }
      case WhatIfChange::Kind::remove_transition: cj["remove_transition"] = c.address.text(); break;
      case WhatIfChange::Kind::reroute:
        cj["reroute"] = c.address.text();
        cj["to"] = c.reroute_to;
        cj["share"] = c.share;
        break;
    }
    if (!c.segment.empty()) cj["segment"] = c.segment;
    changes.push_back(cj);
  }
  out["changes"] = changes;
  return out;
}

Json touchpoint_json(const Touchpoint& t) {
  Json out = Json::object();
  out["id"] = t.id;
  if (!t.name.empty()) out["name"] = t.name;
  if (!t.description.empty()) out["description"] = t.description;
  if (!t.stage.empty()) out["stage"] = t.stage;
  if (!t.channel.empty()) out["channel"] = t.channel;
  if (!t.dwell.is_constant_zero()) out["dwell"] = duration_json(t.dwell);
  if (!t.sentiment.is_constant_zero()) out["sentiment"] = sentiment_json(t.sentiment);
  if (t.effort != 1) out["effort"] = t.effort;
  if (!t.csat) out["csat"] = false;
  if (t.cost != 0.0) out["cost"] = t.cost;
  if (t.converts) out["converts"] = true;
  if (t.wait) out["wait"] = true;
  if (t.capacity) out["capacity"] = capacity_json(*t.capacity);
  if (!t.outcome.empty()) out["outcome"] = t.outcome;
  if (t.revenue != 0.0) out["revenue"] = t.revenue;
  return out;
}

template <std::size_t N>
Json rating_json(double noise_sd, const std::array<double, N>& cutpoints, double default_sd,
                 const std::array<double, N>& default_cutpoints) {
  Json out = Json::object();
  if (noise_sd != default_sd) out["noise_sd"] = noise_sd;
  if (cutpoints != default_cutpoints) out["cutpoints"] = cutpoints;
  return out;
}

// One-line form with a space after each separator: {"id": "a", "p": 0.5}.
std::string inline_json(const Json& value) {
  if (value.is_object()) {
    if (value.empty()) return "{}";
    std::string out = "{";
    bool first = true;
    for (const auto& [key, member] : value.items()) {
      out += (first ? "" : ", ") + Json(key).dump(-1, ' ', false, Json::error_handler_t::replace) + ": " +
             inline_json(member);
      first = false;
    }
    return out + "}";
  }
  if (value.is_array()) {
    if (value.empty()) return "[]";
    std::string out = "[";
    for (std::size_t i = 0; i < value.size(); ++i) out += (i == 0 ? "" : ", ") + inline_json(value[i]);
    return out + "]";
  }
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// The leading white space of the line on which `offset` stands.
std::size_t line_indent(const std::string& text, std::size_t offset) {
  std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = start == std::string::npos ? 0 : start + 1;
  std::size_t at = start;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at - start;
}

struct Replacement {
  std::size_t begin;
  std::size_t end;
  std::string text;
};

void collect_changes(const JsonDocument& original, const Json& before, const Json& after, const JsonPath& path,
                     std::vector<Replacement>& changes);

// An array written one element per line that gained or lost elements (a
// touchpoint added in the viewer, a transition removed): the elements equal
// at both ends keep their bytes, those between are edited pairwise, and only
// the elements added or removed are written or cut, so such an edit is a
// small diff too. Returns false when the array is not laid out that way.
bool collect_array_changes(const JsonDocument& original, const Json& before, const Json& after, const JsonPath& path,
                           std::vector<Replacement>& changes) {
  const SourceSpan* array_span = original.span(path);
  const auto element = [&](std::size_t i) { return original.span(path_index(path, i)); };
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (element(i) == nullptr) return false;
  }
  const std::size_t array_line = original.position_of_offset(array_span->value_begin).line;
  if (original.position_of_offset(element(0)->value_begin).line == array_line) return false;  // an inline array

  const std::size_t nb = before.size(), na = after.size();
  std::size_t prefix = 0;
  while (prefix < nb && prefix < na && before[prefix] == after[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < nb - prefix && suffix < na - prefix && before[nb - 1 - suffix] == after[na - 1 - suffix]) ++suffix;
  const std::size_t middle_before = nb - prefix - suffix, middle_after = na - prefix - suffix;
  const std::size_t paired = std::min(middle_before, middle_after);
  for (std::size_t k = prefix; k < prefix + paired; ++k) {
    collect_changes(original, before[k], after[k], path_index(path, k), changes);
  }
  const std::size_t indent = line_indent(original.text(), element(0)->value_begin);
  const std::string separator = ",\n" + std::string(indent, ' ');
  const std::size_t at = prefix + paired;  // first element added or removed
  if (middle_after > middle_before) {
    std::string added;
    for (std::size_t k = at; k < prefix + middle_after; ++k) {
      added += (k == at ? "" : separator) + render_json(after[k], indent);
    }
    if (at > 0) {
      const std::size_t end = element(at - 1)->value_end;
      changes.push_back({end, end, separator + added});
    } else {
      const std::size_t begin = element(0)->value_begin;
      changes.push_back({begin, begin, added + separator});
    }
  } else if (middle_before > middle_after) {
    const std::size_t last_removed = prefix + middle_before - 1;
    if (at > 0) {
      changes.push_back({element(at - 1)->value_end, element(last_removed)->value_end, ""});
    } else {
      changes.push_back({element(0)->value_begin, element(last_removed + 1)->value_begin, ""});
    }
  }
  return true;
}

// Whether `path` holds a duration: the model keeps seconds, so "28d" saves as
// "4w"; the same length written another way is no edit.
bool duration_path(const JsonPath& path) {
  for (std::string_view key : {"horizon", "warm_up", "dwell", "patience", "answer_within"}) {
    const std::string name(key);
    if (path == name || path.find("." + name) != std::string::npos) return true;
  }
  return false;
}

bool same_duration(const Json& before, const Json& after) {
  if (!before.is_string() || !after.is_string()) return false;
  const auto a = parse_duration(before.get<std::string>()).seconds;
  const auto b = parse_duration(after.get<std::string>()).seconds;
  return a && b && *a == *b;
}

void collect_changes(const JsonDocument& original, const Json& before, const Json& after, const JsonPath& path,
                     std::vector<Replacement>& changes) {
  if (before == after) return;
  if (duration_path(path) && same_duration(before, after)) return;
  const SourceSpan* span = original.span(path);
  if (span == nullptr) return;  // cannot happen for a path of the original; leave it be
  if (before.is_object() && after.is_object() && before.size() == after.size()) {
    const bool same_keys = std::equal(before.items().begin(), before.items().end(), after.items().begin(),
                                      [](const auto& a, const auto& b) { return a.key() == b.key(); });
    if (same_keys) {
      for (const auto& [key, member] : before.items()) {
        collect_changes(original, member, after.at(key), path_key(path, key), changes);
      }
      return;
    }
  }
  if (before.is_array() && after.is_array() && before.size() == after.size()) {
    for (std::size_t i = 0; i < before.size(); ++i) {
      collect_changes(original, before[i], after[i], path_index(path, i), changes);
    }
    return;
  }
  if (before.is_array() && after.is_array() && !before.empty() && !after.empty() &&
      collect_array_changes(original, before, after, path, changes)) {
    return;
  }
  const std::size_t indent = line_indent(original.text(), span->value_begin);
  const std::size_t column = original.position_of_offset(span->value_begin).column - 1;
  changes.push_back(
      {span->value_begin, span->value_end, render_json(after, indent, 110, column - std::min(column, indent))});
}

}  // namespace

std::string render_json(const Json& value, std::size_t indent, std::size_t width, std::size_t lead) {
  const std::string one_line = inline_json(value);
  if (!value.is_structured() || value.empty() || indent + lead + one_line.size() <= width) return one_line;
  const std::string inner(indent + 2, ' ');
  std::string out = value.is_object() ? "{\n" : "[\n";
  bool first = true;
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      const std::string name = Json(key).dump(-1, ' ', false, Json::error_handler_t::replace) + ": ";
      out += (first ? "" : ",\n") + inner + name + render_json(member, indent + 2, width, name.size());
      first = false;
    }
  } else {
    for (const Json& element : value) {
      out += (first ? "" : ",\n") + inner + render_json(element, indent + 2, width);
      first = false;
    }
  }
  return out + "\n" + std::string(indent, ' ') + (value.is_object() ? "}" : "]");
}

std::string render_document(const JsonDocument& original, const Json& updated) {
  if (!original.valid()) return render_json(updated) + "\n";
  std::vector<Replacement> changes;
  collect_changes(original, original.root(), updated, JsonPath{}, changes);
  std::sort(changes.begin(), changes.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t at = 0;
  for (const Replacement& change : changes) {
    out.append(original.text(), at, change.begin - at);
    out += change.text;
    at = change.end;
  }
  out.append(original.text(), at, std::string::npos);
  return out;
}

Json to_json(const Scenario& s) {
  Json out = Json::object();
  if (!s.schema.empty()) out["$schema"] = s.schema;
  if (!s.name.empty()) out["name"] = s.name;
  if (!s.description.empty()) out["description"] = s.description;
  if (s.customers != default_customers) out["customers"] = s.customers;
  if (s.seed != default_seed) out["seed"] = s.seed;
  if (s.horizon) out["horizon"] = format_duration(*s.horizon);
  if (s.warm_up > 0.0) out["warm_up"] = format_duration(s.warm_up);
  if (s.arrivals) out["arrivals"] = arrivals_json(*s.arrivals);
  if (s.max_steps != default_max_steps) out["max_steps"] = s.max_steps;
  if (!s.stages.empty()) out["stages"] = s.stages;
  if (!s.abandonment_from.empty()) out["abandonment_from"] = s.abandonment_from;

  const SentimentModel default_sentiment;
  Json sentiment = Json::object();
  if (s.sentiment.initial != default_sentiment.initial) sentiment["initial"] = s.sentiment.initial;
  if (s.sentiment.effort_penalty != default_sentiment.effort_penalty)
    sentiment["effort_penalty"] = s.sentiment.effort_penalty;
  if (s.sentiment.per_wait_hour != default_sentiment.per_wait_hour)
    sentiment["per_wait_hour"] = s.sentiment.per_wait_hour;
  if (s.sentiment.min != default_sentiment.min) sentiment["min"] = s.sentiment.min;
  if (s.sentiment.max != default_sentiment.max) sentiment["max"] = s.sentiment.max;
  if (!sentiment.empty()) out["sentiment"] = sentiment;

  const NpsModel default_nps;
  Json nps = rating_json(s.nps.noise_sd, s.nps.cutpoints, default_nps.noise_sd, default_nps.cutpoints);
  if (s.nps.not_asked != default_nps.not_asked) nps["not_asked"] = s.nps.not_asked;
  if (!nps.empty()) out["nps"] = nps;
  const CsatModel default_csat;
  Json csat = rating_json(s.csat.noise_sd, s.csat.cutpoints, default_csat.noise_sd, default_csat.cutpoints);
  if (!csat.empty()) out["csat"] = csat;

  out["entry"] = entry_json(s, s.entry);
  Json touchpoints = Json::array();
  for (const Touchpoint& t : s.touchpoints) touchpoints.push_back(touchpoint_json(t));
  out["touchpoints"] = touchpoints;
  Json transitions = Json::array();
  for (const Transition& t : s.transitions) {
    Json tj = Json::object();
    tj["from"] = s.touchpoints[t.from].id;
    tj["to"] = s.touchpoints[t.to].id;
    tj["p"] = probability_json(t.p);
    if (t.sentiment_weight != 0.0) tj["sentiment_weight"] = t.sentiment_weight;
    if (!t.description.empty()) tj["description"] = t.description;
    if (t.observed) tj["observed"] = Json{{"count", t.observed->count}, {"of", t.observed->of}};
    transitions.push_back(tj);
  }
  out["transitions"] = transitions;

  if (!s.what_if.empty()) {
    Json variants = Json::array();
    for (const WhatIf& w : s.what_if) variants.push_back(what_if_json(w));
    out["what_if"] = variants;
  }
  if (!s.segments.empty()) {
    Json segments = Json::array();
    for (const Segment& g : s.segments) {
      Json gj = Json::object();
      gj["id"] = g.id;
      if (!g.name.empty()) gj["name"] = g.name;
      if (!g.description.empty()) gj["description"] = g.description;
      gj["share"] = g.share;
      if (g.entry) gj["entry"] = entry_json(s, *g.entry);
      if (g.initial_sentiment) gj["sentiment"] = Json{{"initial", *g.initial_sentiment}};
      if (!g.touchpoints.empty()) {
        Json list = Json::array();
        for (const TouchpointOverride& o : g.touchpoints) {
          Json oj = Json::object();
          oj["id"] = s.touchpoints[o.touchpoint].id;
          if (o.dwell) oj["dwell"] = duration_json(*o.dwell);
          if (o.sentiment) oj["sentiment"] = sentiment_json(*o.sentiment);
          if (o.effort) oj["effort"] = *o.effort;
          if (o.csat) oj["csat"] = *o.csat;
          if (o.cost) oj["cost"] = *o.cost;
          if (o.revenue) oj["revenue"] = *o.revenue;
          list.push_back(oj);
        }
        gj["touchpoints"] = list;
      }
      if (!g.transitions.empty()) {
        Json list = Json::array();
        for (const TransitionOverride& o : g.transitions) {
          const Transition& t = s.transitions[o.transition];
          Json oj = Json::object();
          oj["from"] = s.touchpoints[t.from].id;
          oj["to"] = s.touchpoints[t.to].id;
          if (o.p) oj["p"] = probability_json(*o.p);
          if (o.sentiment_weight) oj["sentiment_weight"] = *o.sentiment_weight;
          list.push_back(oj);
        }
        gj["transitions"] = list;
      }
      segments.push_back(gj);
    }
    out["segments"] = segments;
  }
  return out;
}

}  // namespace journeysim
