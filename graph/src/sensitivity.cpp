// Sweep specifications and sensitivity perturbations, as what-if changes.
#include "journeysim/graph/sensitivity.hpp"

#include <algorithm>
#include <optional>
#include <charconv>
#include <cctype>
#include <cmath>

#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim {

namespace {

constexpr std::size_t max_sweep_points = 101;

std::optional<double> parse_number(std::string_view text) {
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// The number a sweep point sets (a constant distribution for dwell and sentiment).
double value_at(const ChangeValue& value) {
  if (const auto* d = std::get_if<Distribution>(&value)) return d->a;
  return std::get<double>(value);
}

std::vector<std::string> ids_of(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const Touchpoint& t : scenario.touchpoints) ids.push_back(t.id);
  return ids;
}

bool known_touchpoint(const Scenario& scenario, const std::string& id, std::string& problem) {
  if (scenario.find_touchpoint(id)) return true;
  problem = "unknown touchpoint " + in_quotes(id) + "; " + did_you_mean(id, ids_of(scenario));
  return false;
}

// A distribution moved by `delta` (a better or worse moment, same spread).
Distribution shifted(Distribution d, double delta) {
  switch (d.kind) {
    case DistributionKind::fixed:
    case DistributionKind::normal: d.a += delta; break;
    case DistributionKind::uniform:
      d.a += delta;
      d.b += delta;
      break;
    case DistributionKind::empirical:
      for (double& v : d.values) v += delta;
      break;
    default: break;  // durations are never shifted
  }
  return d;
}

WhatIfChange set_change(ChangeAddress address, ChangeValue value) {
  WhatIfChange change;
  change.kind = WhatIfChange::Kind::set;
  change.address = std::move(address);
  change.value = std::move(value);
  return change;
}

WhatIfChange scale_change(ChangeAddress address, double factor) {
  WhatIfChange change;
  change.kind = WhatIfChange::Kind::scale;
  change.address = std::move(address);
  change.factor = factor;
  return change;
}

ChangeAddress touchpoint_field(const std::string& id, const std::string& field) {
  ChangeAddress a;
  a.kind = ChangeAddress::Kind::touchpoint;
  a.touchpoint = id;
  a.field = field;
  return a;
}

ChangeAddress transition_field(const std::string& from, const std::string& to, const std::string& field) {
  ChangeAddress a;
  a.kind = ChangeAddress::Kind::transition;
  a.from = from;
  a.to = to;
  a.field = field;
  return a;
}

// "One more agent" at a queue: on duty round the clock, or on every staffed
// shift of its schedule. A shift with no agents stays closed: opening hours
// are a what-if of their own, not a staffing lever.
std::optional<Perturbation> one_more_agent(const Touchpoint& t) {
  const Capacity& c = *t.capacity;
  if (c.schedule.empty()) {
    return Perturbation{t.id + ": one more agent",
                        {set_change(touchpoint_field(t.id, "capacity.agents"), c.agents + 1.0)}};
  }
  Perturbation lever{t.id + ": one more agent per shift", {}};
  for (std::size_t k = 0; k < c.schedule.size(); ++k) {
    if (c.schedule[k].agents <= 0.0) continue;
    lever.changes.push_back(set_change(touchpoint_field(t.id, "capacity.schedule." + std::to_string(k) + ".agents"),
                                       c.schedule[k].agents + 1.0));
  }
  if (lever.changes.empty()) return std::nullopt;
  return lever;
}

}  // namespace

std::optional<SweepSpec> parse_sweep(const Scenario& scenario, const std::string& text, std::string& problem) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) {
    problem = "expected PATH=A..B[:STEP], e.g. touchpoints.checkout.effort=1..7";
    return std::nullopt;
  }
  const std::string path = text.substr(0, equals);
  const std::string range = text.substr(equals + 1);
  SweepSpec spec;
  // The what-ifs' own parser: a sweep names a field as a change would.
  AddressParse parsed = parse_change_address(path);
  if (!parsed.address) {
    problem = parsed.problem + "; " + parsed.fix;
    return std::nullopt;
  }
  spec.address = *parsed.address;
  const ChangeAddress& address = spec.address;
  if (address.kind == ChangeAddress::Kind::touchpoint) {
    if (!known_touchpoint(scenario, address.touchpoint, problem)) return std::nullopt;
  } else if (address.kind == ChangeAddress::Kind::transition) {
    if (!known_touchpoint(scenario, address.from, problem) || !known_touchpoint(scenario, address.to, problem)) {
      return std::nullopt;
    }
    if (!scenario.find_transition(*scenario.find_touchpoint(address.from), *scenario.find_touchpoint(address.to))) {
      problem = "the scenario has no transition " + address.from + "->" + address.to;
      return std::nullopt;
    }
  }
  const std::vector<std::string> fields =
      address.kind == ChangeAddress::Kind::touchpoint   ? std::vector<std::string>{"dwell",
                                                                                   "sentiment",
                                                                                   "effort",
                                                                                   "cost",
                                                                                   "revenue",
                                                                                   "capacity.agents",
                                                                                   "capacity.queue_limit",
                                                                                   "capacity.patience",
                                                                                   "capacity.answer_within",
                                                                                   "capacity.schedule.K.agents"}
      : address.kind == ChangeAddress::Kind::transition ? std::vector<std::string>{"p", "sentiment_weight"}
                                                        : scenario_change_fields();
  const bool shift = shift_index(address.field).has_value();
  if (!shift && std::find(fields.begin(), fields.end(), address.field) == fields.end()) {
    problem = "cannot sweep " + in_quotes(address.field) + "; " + did_you_mean(address.field, fields);
    return std::nullopt;
  }
  // A queue's field needs the queue, and its shift; the arrivals need arrivals.
  if (address.kind == ChangeAddress::Kind::scenario && !scenario.arrivals) {
    problem = "the scenario has no \"arrivals\" to sweep";
    return std::nullopt;
  }
  if (address.field.rfind("capacity.", 0) == 0) {
    const Touchpoint& t = scenario.touchpoints[*scenario.find_touchpoint(address.touchpoint)];
    if (!t.capacity) {
      problem = in_quotes(t.id) + " has no \"capacity\"";
      return std::nullopt;
    }
    if (shift && *shift_index(address.field) >= t.capacity->schedule.size()) {
      problem = in_quotes(t.id) + " has " + std::to_string(t.capacity->schedule.size()) +
                " shifts in its schedule; name one from 0";
      if (!t.capacity->schedule.empty()) problem += " to " + std::to_string(t.capacity->schedule.size() - 1);
      return std::nullopt;
    }
    if (address.field == "capacity.agents" && !t.capacity->schedule.empty()) {
      problem = in_quotes(t.id) + " has a schedule: sweep a shift's agents, capacity.schedule.K.agents";
      return std::nullopt;
    }
  }

  const std::size_t dots = range.find("..");
  if (dots == std::string::npos) {
    problem = "expected a range A..B or A..B:STEP after '='";
    return std::nullopt;
  }
  const std::size_t colon = range.find(':', dots);
  const std::string low_text = range.substr(0, dots);
  const std::string high_text =
      range.substr(dots + 2, colon == std::string::npos ? std::string::npos : colon - dots - 2);
  const bool duration =
      address.field == "dwell" || address.field == "capacity.patience" || address.field == "capacity.answer_within";
  // Numbers start with a digit or a minus sign: "0...1" is a typo, not 0 to 0.1.
  const auto value_of = [&](const std::string& t) -> std::optional<double> {
    if (t.empty() || !(std::isdigit(static_cast<unsigned char>(t.front())) || t.front() == '-')) return std::nullopt;
    if (duration) return parse_duration(t).seconds;
    return parse_number(t);
  };
  const auto low = value_of(low_text);
  const auto high = value_of(high_text);
  if (!low || !high || !(*low < *high)) {
    problem = "the range must be A..B with A below B" +
              std::string(duration ? ", both durations such as 5m..30m" : ", both numbers");
    return std::nullopt;
  }
  const bool effort = address.field == "effort";
  const bool whole = effort || shift || address.field == "capacity.agents" || address.field == "capacity.queue_limit";
  double step = whole ? 1.0 : (*high - *low) / 10.0;
  if (colon != std::string::npos) {
    const auto parsed = value_of(range.substr(colon + 1));
    if (!parsed || !(*parsed > 0.0)) {
      problem = std::string("the step after ':' must be ") + (duration ? "a duration" : "a number") + " above zero";
      return std::nullopt;
    }
    step = *parsed;
  }
  // Counted in doubles: a tiny step gives a count no integer holds (B - A may even be infinite).
  const double intervals = std::floor((*high - *low) / step + 1e-9);
  if (!(intervals < static_cast<double>(max_sweep_points))) {
    problem = "more than " + std::to_string(max_sweep_points) + " points; use a larger step";
    return std::nullopt;
  }
  const auto count = static_cast<std::size_t>(intervals) + 1;
  for (std::size_t i = 0; i < count; ++i) {
    double x = *low + step * static_cast<double>(i);
    std::string label;
    if (duration) {
      label = format_duration(x);  // exact: it parses back to x
    } else {
      // The point is the number its label shows: 0.1 + 2 x 0.1 is 0.3, as a file would say it.
      label = format_number(x);
      x = *parse_number(label);
    }
    if (!spec.values.empty() && !(x > value_at(spec.values.back()))) {
      problem = "the points are too close together to tell apart; use a larger step";
      return std::nullopt;
    }
    if (effort && (x != std::floor(x) || x < 1 || x > 7)) {
      problem = "effort takes whole numbers from 1 to 7";
      return std::nullopt;
    }
    if (whole && !effort && (x != std::floor(x) || x < 0)) {
      problem = std::string(address.field == "capacity.queue_limit" ? "a queue_limit" : "agents") +
                " takes whole numbers from 0";
      return std::nullopt;
    }
    if (address.kind == ChangeAddress::Kind::scenario && !(x > 0)) {
      problem = "an arrival rate must stay above 0";
      return std::nullopt;
    }
    if (address.field == "p" && (x < 0 || x > 1)) {
      problem = "a probability sweep must stay within 0..1";
      return std::nullopt;
    }
    if (address.field == "dwell" || address.field == "sentiment" || address.field == "capacity.patience") {
      spec.values.emplace_back(Distribution::constant(x));
    } else {
      spec.values.emplace_back(x);
    }
    spec.labels.push_back(std::move(label));
  }
  return spec;
}

WhatIfChange sweep_change(const SweepSpec& spec, std::size_t i) { return set_change(spec.address, spec.values.at(i)); }

namespace {

// The swept field's value for the customers of `segment` (none: the scenario's own).
ChangeValue field_in(const Scenario& scenario, std::optional<std::size_t> segment, const ChangeAddress& address) {
  Journey journey = resolve_journey(scenario, segment);
  resolve_rest(journey.transitions, journey.touchpoints.size());
  if (address.kind == ChangeAddress::Kind::transition) {
    const std::size_t k =
        *scenario.find_transition(*scenario.find_touchpoint(address.from), *scenario.find_touchpoint(address.to));
    const Transition& t = journey.transitions[k];
    return address.field == "p" ? t.p.value : t.sentiment_weight;
  }
  if (address.kind == ChangeAddress::Kind::scenario) {
    const double per_hour = scenario.arrivals ? scenario.arrivals->per_hour : 0.0;
    return address.field == "arrivals.per_day" ? per_hour * 24.0 : per_hour;
  }
  const Touchpoint& t = journey.touchpoints[*scenario.find_touchpoint(address.touchpoint)];
  const std::string& field = address.field;
  if (field.rfind("capacity.", 0) == 0 && t.capacity) {
    const Capacity& c = *t.capacity;
    if (const auto k = shift_index(field)) return c.schedule.at(*k).agents;
    if (field == "capacity.agents") return c.agents;
    if (field == "capacity.queue_limit") return c.queue_limit.value_or(-1.0);
    if (field == "capacity.answer_within") return c.answer_within;
    return c.patience.value_or(Distribution::constant(-1.0));
  }
  if (field == "dwell") return t.dwell;
  if (field == "sentiment") return t.sentiment;
  if (field == "effort") return static_cast<double>(t.effort);
  return field == "cost" ? t.cost : t.revenue;
}

}  // namespace

std::vector<std::string> segments_with_own_value(const Scenario& scenario, const ChangeAddress& address) {
  const ChangeValue base = field_in(scenario, std::nullopt, address);
  std::vector<std::string> ids;
  for (std::size_t s = 0; s < scenario.segments.size(); ++s) {
    if (field_in(scenario, s, address) != base) ids.push_back(scenario.segments[s].id);
  }
  return ids;
}

std::optional<Variant> sweep_variant(const Scenario& scenario, const SweepSpec& spec, std::size_t i,
                                     Diagnostics& diagnostics, const std::string& subject) {
  const std::string& label = spec.labels.at(i);
  const ChangeValue base = field_in(scenario, std::nullopt, spec.address);
  const std::vector<std::string> own = segments_with_own_value(scenario, spec.address);
  // At the scenario's own value, or with every segment keeping its own, nobody moves.
  if (spec.values.at(i) == base || (!own.empty() && own.size() == scenario.segments.size())) {
    return apply_changes(scenario, label, {}, diagnostics, subject);
  }
  if (own.empty()) return apply_changes(scenario, label, {sweep_change(spec, i)}, diagnostics, subject);
  // The change is made and validated over the other segments' journeys; the
  // segments with their own value get their journeys as they are.
  const auto keeps_own = [&](const Segment& s) { return std::find(own.begin(), own.end(), s.id) != own.end(); };
  Scenario others = scenario;
  std::erase_if(others.segments, keeps_own);
  std::optional<Variant> variant = apply_changes(others, label, {sweep_change(spec, i)}, diagnostics, subject);
  if (!variant) return variant;
  std::vector<Journey> journeys;
  auto changed = variant->journeys.begin();
  for (std::size_t s = 0; s < scenario.segments.size(); ++s) {
    journeys.push_back(keeps_own(scenario.segments[s]) ? resolve_journey(scenario, s) : std::move(*changed++));
  }
  variant->journeys = std::move(journeys);
  return variant;
}

std::optional<Variant> sweep_point(const Scenario& scenario, const SweepSpec& spec, std::size_t i,
                                   Diagnostics& diagnostics) {
  return sweep_variant(scenario, spec, i, diagnostics, spec.address.text() + " = " + spec.labels.at(i));
}

std::vector<Diagnostic> first_impossible_point(const Scenario& scenario, const SweepSpec& spec) {
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    Diagnostics diagnostics;
    if (!sweep_point(scenario, spec, i, diagnostics)) return diagnostics.all();
  }
  return {};
}

std::vector<Perturbation> sensitivity_perturbations(const Scenario& scenario) {
  std::vector<Perturbation> out;
  for (std::size_t i = 0; i < scenario.touchpoints.size(); ++i) {
    const Touchpoint& t = scenario.touchpoints[i];
    if (t.terminal()) continue;
    Perturbation dropoff{t.id + ": drop-off -" + format_number(100 * (1 - sensitivity_dropoff_factor)) + "%", {}};
    for (const Transition& tr : scenario.transitions) {
      const Touchpoint& to = scenario.touchpoints[tr.to];
      const bool leaves = to.outcome == outcome_kind::lost || to.outcome == outcome_kind::churned ||
                          to.outcome == outcome_kind::abandoned;
      if (tr.from == i && leaves && tr.p.value > 0.0) {
        dropoff.changes.push_back(scale_change(transition_field(t.id, to.id, "p"), sensitivity_dropoff_factor));
      }
    }
    if (!dropoff.changes.empty()) out.push_back(std::move(dropoff));
    if (t.effort > 1) {
      out.push_back({t.id + ": effort -1", {set_change(touchpoint_field(t.id, "effort"), double(t.effort - 1))}});
    }
    out.push_back(
        {t.id + ": sentiment +" + format_number(sensitivity_sentiment_step),
         {set_change(touchpoint_field(t.id, "sentiment"), shifted(t.sentiment, sensitivity_sentiment_step))}});
    if ((t.wait || t.stage == stage_name::support) && !t.dwell.is_constant_zero()) {
      out.push_back(
          {t.id + (t.wait ? ": wait -" : ": time -") + format_number(100 * (1 - sensitivity_wait_factor)) + "%",
           {scale_change(touchpoint_field(t.id, "dwell"), sensitivity_wait_factor)}});
    }
    if (t.capacity) {
      if (auto lever = one_more_agent(t)) out.push_back(std::move(*lever));
    }
  }
  return out;
}

}  // namespace journeysim
