// Sweep specifications and sensitivity perturbations, as what-if changes.
#include "journeysim/graph/sensitivity.hpp"

#include <algorithm>
#include <charconv>
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
  ChangeAddress& address = spec.address;
  if (path.rfind("touchpoints.", 0) == 0) {
    const std::string rest = path.substr(12);
    const std::size_t dot = rest.find('.');
    address = touchpoint_field(rest.substr(0, dot), dot == std::string::npos ? "" : rest.substr(dot + 1));
    if (!known_touchpoint(scenario, address.touchpoint, problem)) return std::nullopt;
  } else if (path.rfind("transitions.", 0) == 0) {
    const std::string rest = path.substr(12);
    const std::size_t arrow = rest.find("->");
    const std::size_t dot = rest.find('.', arrow == std::string::npos ? 0 : arrow);
    if (arrow == std::string::npos || dot == std::string::npos) {
      problem = "a transition path is transitions.FROM->TO.FIELD";
      return std::nullopt;
    }
    address = transition_field(rest.substr(0, arrow), rest.substr(arrow + 2, dot - arrow - 2), rest.substr(dot + 1));
    if (!known_touchpoint(scenario, address.from, problem) || !known_touchpoint(scenario, address.to, problem)) {
      return std::nullopt;
    }
    if (!scenario.find_transition(*scenario.find_touchpoint(address.from), *scenario.find_touchpoint(address.to))) {
      problem = "the scenario has no transition " + address.from + "->" + address.to;
      return std::nullopt;
    }
  } else {
    problem = "the path must start with touchpoints. or transitions., e.g. touchpoints.checkout.effort";
    return std::nullopt;
  }
  const std::vector<std::string> fields = address.kind == ChangeAddress::Kind::touchpoint
                                              ? std::vector<std::string>{"dwell", "sentiment", "effort", "cost", "revenue"}
                                              : std::vector<std::string>{"p", "sentiment_weight"};
  if (std::find(fields.begin(), fields.end(), address.field) == fields.end()) {
    problem = "cannot sweep " + in_quotes(address.field) + "; " + did_you_mean(address.field, fields);
    return std::nullopt;
  }

  const std::size_t dots = range.find("..");
  if (dots == std::string::npos) {
    problem = "expected a range A..B or A..B:STEP after '='";
    return std::nullopt;
  }
  const std::size_t colon = range.find(':', dots);
  const std::string low_text = range.substr(0, dots);
  const std::string high_text = range.substr(dots + 2, colon == std::string::npos ? std::string::npos : colon - dots - 2);
  const std::string step_text = colon == std::string::npos ? "" : range.substr(colon + 1);
  const bool duration = address.field == "dwell";
  const auto value_of = [&](const std::string& t) -> std::optional<double> {
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
  const bool whole = address.field == "effort";
  double step = whole ? 1.0 : (*high - *low) / 10.0;
  if (!step_text.empty()) {
    const auto parsed = value_of(step_text);
    if (!parsed || !(*parsed > 0.0)) {
      problem = "the step after ':' must be above zero";
      return std::nullopt;
    }
    step = *parsed;
  }
  const auto count = static_cast<std::size_t>(std::floor((*high - *low) / step + 1e-9)) + 1;
  if (count > max_sweep_points) {
    problem = "the range has " + std::to_string(count) + " points; use a larger step (at most " +
              std::to_string(max_sweep_points) + " points)";
    return std::nullopt;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const double x = *low + step * static_cast<double>(i);
    if (whole && (x != std::floor(x) || x < 1 || x > 7)) {
      problem = "effort takes whole numbers from 1 to 7";
      return std::nullopt;
    }
    if (address.field == "p" && (x < 0 || x > 1)) {
      problem = "a probability sweep must stay within 0..1";
      return std::nullopt;
    }
    if (duration) {
      spec.values.emplace_back(Distribution::constant(x));
      spec.labels.push_back(format_duration(x));
    } else if (address.field == "sentiment") {
      spec.values.emplace_back(Distribution::constant(x));
      spec.labels.push_back(format_number(x));
    } else {
      spec.values.emplace_back(x);
      spec.labels.push_back(format_number(x));
    }
  }
  return spec;
}

WhatIfChange sweep_change(const SweepSpec& spec, std::size_t i) { return set_change(spec.address, spec.values.at(i)); }

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
    out.push_back({t.id + ": sentiment +" + format_number(sensitivity_sentiment_step),
                   {set_change(touchpoint_field(t.id, "sentiment"), shifted(t.sentiment, sensitivity_sentiment_step))}});
    if ((t.wait || t.stage == stage_name::support) && !t.dwell.is_constant_zero()) {
      out.push_back({t.id + (t.wait ? ": wait -" : ": time -") + format_number(100 * (1 - sensitivity_wait_factor)) + "%",
                     {scale_change(touchpoint_field(t.id, "dwell"), sensitivity_wait_factor)}});
    }
  }
  return out;
}

}  // namespace journeysim
