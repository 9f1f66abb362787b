// Applying what-if changes to every segment's effective journey, with the
// probability rules of DESIGN section 7, then validating the variant. This is
// the one place a variant is built, whatever made its changes (the file's
// what_if, sweep, sensitivity): every value a change makes is held here to the
// loader's ranges (value_limits.hpp), in every segment.
#include "journeysim/graph/what_if.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/structure.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"
#include "queue_checks.hpp"
#include "value_limits.hpp"

namespace journeysim {

namespace {

// A change could not be applied: carries the message and its fix.
struct ChangeError {
  std::string message;
  std::string fix;
};

// " in segment "keen"" for a segment's journey; nothing for the base.
std::string in_segment(const Journey& journey) {
  return journey.segment_id.empty() ? "" : " in segment " + in_quotes(journey.segment_id);
}

bool is_finite(const Distribution& d) {
  return std::isfinite(d.a) && std::isfinite(d.b) &&
         std::all_of(d.values.begin(), d.values.end(), [](double v) { return std::isfinite(v); });
}

// A number a change makes, held to the loader's range for it: `what` names the
// value ("effort of "b" in segment "keen""), `by_scale` words the fix.
void check_range(const limits::Range& range, double x, const std::string& what, bool by_scale) {
  if (limits::contains(range, x)) return;
  const std::string wanted = limits::describe(range);
  const std::string set_instead = range.whole ? "\"set\" " + wanted : "\"set\" a value " + wanted;
  throw ChangeError{
      what + " would become " + format_number(x) +
          (range.whole ? ", not " + wanted : ", outside " + format_number(range.lo) + " to " + format_number(range.hi)),
      by_scale ? "scale it by less, or " + set_instead : set_instead};
}

void check_distribution(const Distribution& d, const std::string& what, bool by_scale) {
  if (!is_finite(d)) {
    throw ChangeError{what + " would become infinite", by_scale ? "scale it by less" : "\"set\" a finite value"};
  }
}

// The values of a touchpoint that reach the engine, as the loader holds them
// (a touchpoint added by a change, or one a change made).
void check_touchpoint_values(const Touchpoint& t, const std::string& where, bool by_scale) {
  const std::string of = " of " + in_quotes(t.id) + where;
  check_range(limits::effort, t.effort, "effort" + of, by_scale);
  check_range(limits::money, t.cost, "cost" + of, by_scale);
  check_range(limits::money, t.revenue, "revenue" + of, by_scale);
  check_distribution(t.dwell, "the dwell" + of, by_scale);
  check_distribution(t.sentiment, "the sentiment change" + of, by_scale);
  if (!t.capacity) return;
  const Capacity& c = *t.capacity;
  check_range(limits::agents, c.agents, "the agents" + of, by_scale);
  if (c.queue_limit) check_range(limits::queue_limit, *c.queue_limit, "the queue_limit" + of, by_scale);
  for (std::size_t k = 0; k < c.schedule.size(); ++k) {
    check_range(limits::agents, c.schedule[k].agents, "the agents of shift " + std::to_string(k) + of, by_scale);
  }
  if (c.patience) check_distribution(*c.patience, "the patience" + of, by_scale);
  if (!(std::isfinite(c.answer_within) && c.answer_within >= 0.0)) {
    throw ChangeError{"answer_within" + of + " would become " + format_number(c.answer_within),
                      by_scale ? "scale it by less" : "\"set\" a duration such as \"20s\""};
  }
}

void check_arrivals(const Arrivals& a, bool by_scale) {
  check_range(limits::per_hour, a.per_hour, "arrivals.per_hour", by_scale);
}

class VariantBuilder {
 public:
  VariantBuilder(const Scenario& scenario, std::string label) : scenario_(scenario) {
    variant_.name = std::move(label);
    variant_.touchpoints = scenario.touchpoints;
    variant_.journeys = resolve_journeys(scenario);
    variant_.arrivals = scenario.arrivals;
    for (std::size_t i = 0; i < variant_.touchpoints.size(); ++i) index_[variant_.touchpoints[i].id] = i;
  }

  void apply(const WhatIfChange& change);
  // The final checks: a variant must be a valid journey in every segment.
  std::vector<ChangeError> validate() const;
  Variant take() { return std::move(variant_); }

 private:
  std::size_t touchpoint(const std::string& id) const {
    const auto found = index_.find(id);
    if (found != index_.end()) return found->second;
    std::vector<std::string> ids;
    for (const Touchpoint& t : variant_.touchpoints) ids.push_back(t.id);
    throw ChangeError{"unknown touchpoint " + in_quotes(id),
                      closest_match(id, ids) ? did_you_mean(id, ids) : "name one of the scenario's touchpoints"};
  }

  std::optional<std::size_t> find_transition(const Journey& journey, std::size_t from, std::size_t to) const {
    for (std::size_t i = 0; i < journey.transitions.size(); ++i) {
      if (journey.transitions[i].from == from && journey.transitions[i].to == to) return i;
    }
    return std::nullopt;
  }

  // The transition FROM->TO (the same index in every journey).
  std::size_t transition(const std::string& from, const std::string& to) const {
    const std::size_t a = touchpoint(from);
    const std::size_t b = touchpoint(to);
    if (auto found = find_transition(variant_.journeys.front(), a, b)) return *found;
    std::vector<std::string> labels;
    for (const Transition& t : variant_.journeys.front().transitions) {
      labels.push_back(variant_.touchpoints[t.from].id + "->" + variant_.touchpoints[t.to].id);
    }
    const std::string label = from + "->" + to;
    throw ChangeError{"unknown transition " + in_quotes(label), closest_match(label, labels)
                                                                    ? did_you_mean(label, labels)
                                                                    : "add it first with \"add_transition\""};
  }

  std::size_t add_transition_everywhere(std::size_t from, std::size_t to, Probability p, double weight) {
    for (Journey& journey : variant_.journeys)
      journey.transitions.push_back(Transition{from, to, p, weight, {}, std::nullopt});
    return variant_.journeys.front().transitions.size() - 1;
  }

  void check_stage(const std::string& stage) const {
    if (const auto problem = limits::stage_problem(stage, scenario_.stages))
      throw ChangeError{problem->message, problem->fix};
  }

  void set_probability(Journey& journey, std::size_t index, double value);
  void reroute(Journey& journey, std::size_t index, std::size_t to, double share);
  void set_touchpoint_field(const WhatIfChange& change);
  void scale_touchpoint_field(const WhatIfChange& change);
  void change_capacity(const WhatIfChange& change);
  void change_arrivals(const WhatIfChange& change);

  const Scenario& scenario_;
  Variant variant_;
  std::unordered_map<std::string, std::size_t> index_;
};

// Moves one transition's probability to `value`. The touchpoint's "rest"
// transition absorbs the difference when it has one (and it is not this one);
// otherwise the others are rescaled in proportion.
void VariantBuilder::set_probability(Journey& journey, std::size_t index, double value) {
  resolve_rest(journey.transitions, journey.touchpoints.size());
  if (!(value >= 0.0 && value <= 1.0)) {
    throw ChangeError{
        "the probability" + in_segment(journey) + " would become " + format_number(value) + ", outside [0, 1]",
        "change it by less"};
  }
  Transition& changed = journey.transitions[index];
  const std::size_t from = changed.from;
  bool has_other_rest = false;
  double others = 0.0;
  for (std::size_t i = 0; i < journey.transitions.size(); ++i) {
    const Transition& t = journey.transitions[i];
    if (i == index || t.from != from) continue;
    has_other_rest = has_other_rest || t.p.rest;
    others += t.p.value;
  }
  changed.p = Probability{value, false};
  if (has_other_rest || others <= 0.0) return;  // "rest" re-resolves; or nothing to rescale yet
  const double factor = (1.0 - value) / others;
  for (std::size_t i = 0; i < journey.transitions.size(); ++i) {
    Transition& t = journey.transitions[i];
    if (i != index && t.from == from) t.p.value *= factor;
  }
}

// Moves `share` of a transition's probability to FROM->`to`, creating it if needed.
void VariantBuilder::reroute(Journey& journey, std::size_t index, std::size_t to, double share) {
  resolve_rest(journey.transitions, journey.touchpoints.size());
  const std::size_t from = journey.transitions[index].from;
  const double moved = share * journey.transitions[index].p.value;
  std::size_t target = find_transition(journey, from, to).value_or(journey.transitions.size());
  if (target == journey.transitions.size()) {
    throw ChangeError{"internal: reroute target missing", "report this as a bug"};  // created before, in every journey
  }
  // A "rest" on either side re-resolves by itself; only numbers move by hand.
  if (!journey.transitions[index].p.rest) journey.transitions[index].p.value -= moved;
  if (!journey.transitions[target].p.rest) journey.transitions[target].p.value += moved;
}

// A change naming a segment applies to that persona's journey only; the
// variant's structure (names for reports) then keeps the base's fields.
bool in_scope(const WhatIfChange& change, const Journey& journey) {
  return change.segment.empty() || journey.segment_id == change.segment;
}

template <class Apply>
void for_each_touchpoint_copy(Variant& variant, const WhatIfChange& change, std::size_t index, const Apply& apply) {
  if (change.segment.empty()) apply(variant.touchpoints[index]);
  for (Journey& journey : variant.journeys) {
    if (in_scope(change, journey)) apply(journey.touchpoints[index]);
  }
}

void VariantBuilder::set_touchpoint_field(const WhatIfChange& change) {
  const std::size_t index = touchpoint(change.address.touchpoint);
  const std::string& field = change.address.field;
  const ChangeValue& value = change.value;
  const auto number = [&] { return std::get<double>(value); };
  if (field == "stage") check_stage(std::get<std::string>(value));
  // Effort is whole: check the number before it becomes one.
  if (field == "effort")
    check_range(limits::effort, number(), "effort of " + in_quotes(change.address.touchpoint), false);
  for_each_touchpoint_copy(variant_, change, index, [&](Touchpoint& t) {
    if (field == "name")
      t.name = std::get<std::string>(value);
    else if (field == "description")
      t.description = std::get<std::string>(value);
    else if (field == "stage")
      t.stage = std::get<std::string>(value);
    else if (field == "channel")
      t.channel = std::get<std::string>(value);
    else if (field == "dwell")
      t.dwell = std::get<Distribution>(value);
    else if (field == "sentiment")
      t.sentiment = std::get<Distribution>(value);
    else if (field == "effort")
      t.effort = static_cast<int>(number());
    else if (field == "csat")
      t.csat = std::get<bool>(value);
    else if (field == "cost")
      t.cost = number();
    else if (field == "revenue")
      t.revenue = number();
  });
  for (const Journey& journey : variant_.journeys) {
    check_touchpoint_values(journey.touchpoints[index], in_segment(journey), false);
  }
}

Distribution scaled(Distribution d, double k) {
  switch (d.kind) {
    case DistributionKind::fixed:
    case DistributionKind::exponential: d.a *= k; break;
    case DistributionKind::lognormal:
      if (d.lognormal_as_median_p90) {
        d.a *= k;
        d.b *= k;
      } else {
        d.a += std::log(k);
      }
      break;
    case DistributionKind::gamma:
    case DistributionKind::uniform:
      d.a *= k;
      d.b *= k;
      break;
    case DistributionKind::normal:
      d.a *= k;
      d.b *= std::abs(k);
      break;
    case DistributionKind::empirical:
      for (double& v : d.values) v *= k;
      break;
  }
  if (d.kind == DistributionKind::uniform && d.a > d.b) std::swap(d.a, d.b);
  return d;
}

void VariantBuilder::scale_touchpoint_field(const WhatIfChange& change) {
  const std::size_t index = touchpoint(change.address.touchpoint);
  const std::string& field = change.address.field;
  const double k = change.factor;
  if (field == "dwell" && k <= 0.0)
    throw ChangeError{"a dwell time can only be scaled by a positive factor", "use \"set\" for no dwell"};
  if (field == "effort") {
    // Each segment's own effort is scaled: check each before it is rounded to a whole number.
    for (const Journey& journey : variant_.journeys) {
      if (!in_scope(change, journey)) continue;
      const int before = journey.touchpoints[index].effort;
      const double effort = before * k;
      if (!limits::contains(limits::effort, effort)) {
        throw ChangeError{"scaling effort " + std::to_string(before) + in_segment(journey) + " by " + format_number(k) +
                              " gives " + format_number(effort) + ", not " + limits::describe(limits::effort),
                          "use \"set\" with the effort wanted"};
      }
    }
  }
  for_each_touchpoint_copy(variant_, change, index, [&](Touchpoint& t) {
    if (field == "dwell")
      t.dwell = scaled(t.dwell, k);
    else if (field == "sentiment")
      t.sentiment = scaled(t.sentiment, k);
    else if (field == "effort")
      t.effort = static_cast<int>(t.effort * k);
    else if (field == "cost")
      t.cost *= k;
    else if (field == "revenue")
      t.revenue *= k;
  });
  for (const Journey& journey : variant_.journeys) {
    check_touchpoint_values(journey.touchpoints[index], in_segment(journey), true);
  }
}

// A capacity's agents are a pool that every segment's customers share, so a
// change to one is everyone's. Whole numbers stay whole: a scale that would
// need rounding is refused rather than rounded.
void VariantBuilder::change_capacity(const WhatIfChange& change) {
  const std::string& id = change.address.touchpoint;
  const std::size_t index = touchpoint(id);
  const std::string field = change.address.field.substr(std::string_view("capacity.").size());
  const bool by_scale = change.kind == WhatIfChange::Kind::scale;
  const double k = change.factor;
  if (!change.segment.empty()) {
    throw ChangeError{"the capacity of " + in_quotes(id) + " is shared by the customers of every segment",
                      "remove \"segment\": the change is everyone's"};
  }
  const Touchpoint& t = variant_.touchpoints[index];
  if (!t.capacity) {
    std::vector<std::string> queues;
    for (const Touchpoint& other : variant_.touchpoints) {
      if (other.capacity) queues.push_back(in_quotes(other.id));
    }
    std::string listed;
    for (const std::string& q : queues) listed += (listed.empty() ? "" : ", ") + q;
    throw ChangeError{in_quotes(id) + " has no \"capacity\"",
                      queues.empty() ? std::string("the scenario has no touchpoint with a capacity; give one a "
                                                   "\"capacity\" in the file first")
                                     : "change a touchpoint that has one: " + listed};
  }
  Capacity c = *t.capacity;
  // A whole number scaled: refused unless the result is whole.
  const auto scaled_whole = [&](double before, const std::string& what) {
    const double after = before * k;
    if (after != std::floor(after)) {
      throw ChangeError{"scaling " + what + " (" + format_number(before) + ") by " + format_number(k) + " gives " +
                            format_number(after) + ", not a whole number",
                        "use \"set\" with the number wanted, e.g. " + format_number(std::round(after))};
    }
    return after;
  };
  const std::string of = " of " + in_quotes(id);
  if (field == "agents") {
    if (!c.schedule.empty()) {
      throw ChangeError{in_quotes(id) + " has a \"schedule\", so its shifts say how many agents are on duty",
                        "change a shift's agents: touchpoints." + id + ".capacity.schedule.K.agents, K from 0 to " +
                            std::to_string(c.schedule.size() - 1)};
    }
    c.agents = by_scale ? scaled_whole(c.agents, "the agents" + of) : std::get<double>(change.value);
  } else if (field == "queue_limit") {
    if (by_scale && !c.queue_limit) {
      throw ChangeError{in_quotes(id) + " has no \"queue_limit\" to scale", "use \"set\" to give it one"};
    }
    c.queue_limit = by_scale ? scaled_whole(*c.queue_limit, "the queue_limit" + of) : std::get<double>(change.value);
  } else if (field == "patience") {
    if (by_scale) {
      if (!c.patience) {
        throw ChangeError{in_quotes(id) + " has no \"patience\" to scale", "use \"set\" to give it one"};
      }
      if (k <= 0.0) throw ChangeError{"a patience can only be scaled by a positive factor", "use \"set\""};
      c.patience = scaled(*c.patience, k);
    } else {
      c.patience = std::get<Distribution>(change.value);
    }
  } else if (field == "answer_within") {
    c.answer_within = by_scale ? c.answer_within * k : std::get<double>(change.value);
  } else if (const std::optional<std::size_t> shift = shift_index(change.address.field)) {
    if (*shift >= c.schedule.size()) {
      throw ChangeError{"shift " + std::to_string(*shift) + of + " does not exist: " +
                            (c.schedule.empty() ? std::string("it has no schedule")
                                                : "its schedule has " + std::to_string(c.schedule.size()) +
                                                      (c.schedule.size() == 1 ? " shift" : " shifts")),
                        c.schedule.empty() ? "change touchpoints." + id + ".capacity.agents"
                                           : "name a shift from 0 to " + std::to_string(c.schedule.size() - 1)};
    }
    double& agents = c.schedule[*shift].agents;
    agents = by_scale ? scaled_whole(agents, "the agents of shift " + std::to_string(*shift) + of)
                      : std::get<double>(change.value);
  } else {
    throw ChangeError{"unknown field " + in_quotes(change.address.field), "name a field of the capacity"};
  }
  Touchpoint changed = t;
  changed.capacity = c;
  check_touchpoint_values(changed, "", by_scale);
  for_each_touchpoint_copy(variant_, change, index, [&](Touchpoint& copy) { copy.capacity = c; });
}

void VariantBuilder::change_arrivals(const WhatIfChange& change) {
  const std::string& field = change.address.field;
  if (!variant_.arrivals) {
    throw ChangeError{"the scenario has no \"arrivals\", so there is no " + in_quotes(field) + " to change",
                      "add \"arrivals\" (and a \"horizon\") to the scenario first"};
  }
  if (!change.segment.empty()) {
    throw ChangeError{"the arrivals are the whole scenario's: segments share them by their \"share\"",
                      "remove \"segment\", or change the segment's \"share\" in the file"};
  }
  Arrivals& a = *variant_.arrivals;
  if (field != "arrivals.per_hour" && field != "arrivals.per_day") {
    throw ChangeError{"unknown field " + in_quotes(field), did_you_mean(field, scenario_change_fields())};
  }
  if (change.kind == WhatIfChange::Kind::scale) {
    a.per_hour *= change.factor;
  } else {
    const double value = std::get<double>(change.value);
    a.per_hour = field == "arrivals.per_day" ? value / 24.0 : value;
  }
  check_arrivals(a, change.kind == WhatIfChange::Kind::scale);
}

void VariantBuilder::apply(const WhatIfChange& change) {
  using Kind = WhatIfChange::Kind;
  const ChangeAddress& address = change.address;
  switch (change.kind) {
    case Kind::set:
    case Kind::scale: {
      if (address.kind == ChangeAddress::Kind::scenario) {
        change_arrivals(change);
        return;
      }
      if (address.kind == ChangeAddress::Kind::touchpoint && address.field.rfind("capacity.", 0) == 0) {
        change_capacity(change);
        return;
      }
      if (address.kind == ChangeAddress::Kind::touchpoint) {
        if (change.kind == Kind::set)
          set_touchpoint_field(change);
        else
          scale_touchpoint_field(change);
        return;
      }
      const std::size_t index = transition(address.from, address.to);
      for (Journey& journey : variant_.journeys) {
        if (!in_scope(change, journey)) continue;
        Transition& t = journey.transitions[index];
        if (address.field == "description") {
          t.description = std::get<std::string>(change.value);
        } else if (address.field == "sentiment_weight") {
          t.sentiment_weight =
              change.kind == Kind::set ? std::get<double>(change.value) : t.sentiment_weight * change.factor;
          check_range(limits::sentiment_weight, t.sentiment_weight,
                      "sentiment_weight of " + address.from + "->" + address.to + in_segment(journey),
                      change.kind == Kind::scale);
        } else if (change.kind == Kind::set && std::holds_alternative<std::string>(change.value)) {
          // p = "rest": the touchpoint must not have another one.
          for (const Transition& other : journey.transitions) {
            if (&other != &t && other.from == t.from && other.p.rest) {
              throw ChangeError{"the transitions from " + in_quotes(variant_.touchpoints[t.from].id) +
                                    " already have a \"rest\"" + in_segment(journey),
                                "set a number instead"};
            }
          }
          t.p = Probability{0.0, true};
        } else {
          resolve_rest(journey.transitions, journey.touchpoints.size());
          const double value = change.kind == Kind::set ? std::get<double>(change.value) : t.p.value * change.factor;
          set_probability(journey, index, value);
        }
      }
      return;
    }
    case Kind::add_touchpoint: {
      if (index_.count(change.added.id) != 0) {
        throw ChangeError{"touchpoint " + in_quotes(change.added.id) + " already exists", "choose a new id"};
      }
      check_stage(change.added.stage);
      check_touchpoint_values(change.added, "", false);
      index_[change.added.id] = variant_.touchpoints.size();
      variant_.touchpoints.push_back(change.added);
      for (Journey& journey : variant_.journeys) journey.touchpoints.push_back(change.added);
      return;
    }
    case Kind::add_transition: {
      const std::size_t from = touchpoint(change.from);
      const std::size_t to = touchpoint(change.to);
      if (variant_.touchpoints[from].terminal()) {
        throw ChangeError{in_quotes(change.from) + " is a terminal touchpoint and cannot have outgoing transitions",
                          "start the transition at a touchpoint that is not an ending"};
      }
      check_range(limits::sentiment_weight, change.sentiment_weight,
                  "sentiment_weight of " + change.from + "->" + change.to, false);
      if (find_transition(variant_.journeys.front(), from, to)) {
        throw ChangeError{"transition " + in_quotes(change.from + "->" + change.to) + " already exists",
                          "use \"set\" on its \"p\", or \"reroute\""};
      }
      const std::size_t index =
          add_transition_everywhere(from, to, Probability{0.0, !change.p.has_value()}, change.sentiment_weight);
      if (change.p) {
        for (Journey& journey : variant_.journeys) set_probability(journey, index, *change.p);
      }
      return;
    }
    case Kind::remove_transition: {
      const std::size_t index = transition(address.from, address.to);
      for (Journey& journey : variant_.journeys) {
        if (!in_scope(change, journey)) continue;
        Transition& t = journey.transitions[index];
        if (t.p.rest) {
          // Its share goes to the others in proportion.
          resolve_rest(journey.transitions, journey.touchpoints.size());
          t.p = Probability{t.p.value, false};
        }
        set_probability(journey, index, 0.0);
      }
      return;
    }
    case Kind::reroute: {
      const std::size_t index = transition(address.from, address.to);
      const std::size_t from = touchpoint(address.from);
      const std::size_t to = touchpoint(change.reroute_to);
      if (to == variant_.journeys.front().transitions[index].to) {
        throw ChangeError{"the transition already leads to " + in_quotes(change.reroute_to),
                          "reroute to another touchpoint"};
      }
      if (!find_transition(variant_.journeys.front(), from, to))
        add_transition_everywhere(from, to, Probability{}, 0.0);
      for (Journey& journey : variant_.journeys) {
        if (in_scope(change, journey)) reroute(journey, index, to, change.share);
      }
      return;
    }
    case Kind::remove_touchpoint: {
      const std::size_t removed = touchpoint(change.touchpoint);
      const std::size_t target = touchpoint(change.inflow_to);
      if (removed == target)
        throw ChangeError{"its inflow cannot go to itself", "name another touchpoint in \"inflow_to\""};
      const std::size_t count = variant_.journeys.front().transitions.size();
      for (std::size_t i = 0; i < count; ++i) {
        const Transition& t = variant_.journeys.front().transitions[i];
        if (t.to != removed || t.from == removed) continue;
        if (t.from == target) {
          throw ChangeError{"its inflow from " + in_quotes(change.inflow_to) + " cannot go back to " +
                                in_quotes(change.inflow_to) + " itself",
                            "send the inflow to a touchpoint other than one that leads to it"};
        }
        if (!find_transition(variant_.journeys.front(), t.from, target)) {
          add_transition_everywhere(t.from, target, Probability{}, 0.0);
        }
        for (Journey& journey : variant_.journeys) reroute(journey, i, target, 1.0);
      }
      for (Journey& journey : variant_.journeys) {
        for (EntryShare& e : journey.entry) {
          if (e.touchpoint == removed) e.touchpoint = target;
        }
      }
      variant_.removed_touchpoints.push_back(change.touchpoint);
      return;
    }
  }
}

std::vector<ChangeError> VariantBuilder::validate() const {
  std::vector<ChangeError> problems;
  // The queue model's rules, as the loader holds the file to them (queue_checks.hpp).
  const QueueModel queues{variant_.touchpoints,
                          variant_.arrivals,
                          scenario_.horizon,
                          scenario_.warm_up,
                          variant_.removed_touchpoints,
                          true,
                          {}};
  for (const QueueProblem& p : queue_problems(queues)) {
    if (p.severity == Severity::error) problems.push_back({p.message, p.fix});
  }
  if (variant_.arrivals) {
    try {
      check_arrivals(*variant_.arrivals, false);
    } catch (const ChangeError& e) {
      problems.push_back(e);
    }
  }
  std::vector<bool> removed(variant_.touchpoints.size(), false);
  for (const std::string& id : variant_.removed_touchpoints) removed[index_.at(id)] = true;
  for (const Journey& original : variant_.journeys) {
    Journey journey = original;
    resolve_rest(journey.transitions, journey.touchpoints.size());
    const std::string where = in_segment(journey);
    // The changes checked what they made; this catches what no change named
    // (e.g. a touchpoint added in code), so nothing out of range reaches the engine.
    for (const Touchpoint& t : journey.touchpoints) {
      try {
        check_touchpoint_values(t, where, false);
      } catch (const ChangeError& e) {
        problems.push_back(e);
      }
    }
    for (const Transition& t : journey.transitions) {
      try {
        check_range(
            limits::sentiment_weight, t.sentiment_weight,
            "sentiment_weight of " + journey.touchpoints[t.from].id + "->" + journey.touchpoints[t.to].id + where,
            false);
      } catch (const ChangeError& e) {
        problems.push_back(e);
      }
    }
    const std::vector<bool> reached = reachable_from_entry(journey);
    // Each touchpoint's out-transitions, found once: sensitivity validates
    // thousands of variants, and a scan of every transition per touchpoint
    // made each validation quadratic in the scenario's size.
    std::vector<std::vector<std::size_t>> out(journey.touchpoints.size());
    for (std::size_t k = 0; k < journey.transitions.size(); ++k) out[journey.transitions[k].from].push_back(k);
    for (std::size_t tp = 0; tp < journey.touchpoints.size(); ++tp) {
      if (journey.touchpoints[tp].terminal() || !reached[tp]) continue;
      double total = 0.0;
      std::size_t rests = 0;
      bool way_out = false;
      for (std::size_t k : out[tp]) {
        const Transition& t = journey.transitions[k];
        total += t.p.value;
        rests += t.p.rest ? 1 : 0;
        if (t.p.value < -probability_sum_tolerance) {
          problems.push_back({"the probability of " + journey.touchpoints[tp].id + "->" + journey.touchpoints[t.to].id +
                                  " becomes " + format_number(t.p.value) + where,
                              "change the probabilities from " + in_quotes(journey.touchpoints[tp].id) + " by less"});
        }
        way_out = way_out || t.p.value != 0.0 || t.p.rest;
      }
      // Written out only for a message.
      const auto listed = [&] {
        std::string text;
        for (std::size_t k : out[tp]) {
          const Transition& t = journey.transitions[k];
          if (t.p.value == 0.0 && !t.p.rest) continue;
          text += (text.empty() ? "" : ", ") + journey.touchpoints[tp].id + "->" + journey.touchpoints[t.to].id + " " +
                  format_number(t.p.value);
        }
        return text;
      };
      if (!way_out) {
        problems.push_back(
            {"touchpoint " + in_quotes(journey.touchpoints[tp].id) + where + " has no way out and no outcome",
             "add transitions from it with \"add_transition\""});
      } else if (rests > 1) {
        problems.push_back({"more than one \"rest\" from " + in_quotes(journey.touchpoints[tp].id) + where,
                            "keep one \"rest\" and give the others numbers"});
      } else if (std::abs(total - 1.0) > probability_sum_tolerance) {
        problems.push_back({"out-probabilities of " + in_quotes(journey.touchpoints[tp].id) + where + " sum to " +
                                format_number(total) + ", not 1 (" + listed() + ")",
                            "add or change transitions so they sum to 1, or make one of them \"rest\""});
      }
    }
    for (const std::vector<std::size_t>& group : closed_classes(journey)) {
      std::string ids;
      for (std::size_t tp : group) ids += (ids.empty() ? "" : ", ") + in_quotes(journey.touchpoints[tp].id);
      const bool takes_time = std::any_of(group.begin(), group.end(),
                                          [&](std::size_t tp) { return journey.touchpoints[tp].dwell.mean() > 0.0; });
      if (!scenario_.horizon || !takes_time) {
        problems.push_back(
            {"touchpoints " + ids + where + " form a cycle no walk can leave", "keep a way out of it to an outcome"});
      }
    }
  }
  return problems;
}

// `subject` names the variant in messages: `what-if "Chatbot first"`.
std::optional<Variant> build(const Scenario& scenario, const std::string& label, const std::string& subject,
                             const std::vector<WhatIfChange>& changes, const std::string& variant_path,
                             Diagnostics& diagnostics, bool validate = true) {
  VariantBuilder builder(scenario, label);
  bool ok = true;
  for (const WhatIfChange& change : changes) {
    try {
      builder.apply(change);
    } catch (const ChangeError& e) {
      diagnostics.error(change.path.empty() ? variant_path : change.path,
                        "in " + subject + ", " + std::string(to_string(change.kind)) + ": " + e.message, e.fix);
      ok = false;
    }
  }
  if (!ok || !validate) return std::nullopt;
  const std::vector<ChangeError> problems = builder.validate();
  for (const ChangeError& p : problems) {
    diagnostics.error(variant_path, "in " + subject + ", after its changes: " + p.message, p.fix);
  }
  if (!problems.empty()) return std::nullopt;
  Variant variant = builder.take();
  for (Journey& journey : variant.journeys) resolve_rest(journey.transitions, journey.touchpoints.size());
  return variant;
}

}  // namespace

std::string ChangeAddress::text() const {
  if (kind == Kind::scenario) return field;
  if (kind == Kind::touchpoint) return "touchpoints." + touchpoint + "." + field;
  return "transitions." + from + "->" + to + (field.empty() ? "" : "." + field);
}

const std::vector<std::string>& touchpoint_change_fields() {
  static const std::vector<std::string> fields{"name",
                                               "description",
                                               "stage",
                                               "channel",
                                               "dwell",
                                               "sentiment",
                                               "effort",
                                               "csat",
                                               "cost",
                                               "revenue",
                                               "capacity.agents",
                                               "capacity.queue_limit",
                                               "capacity.patience",
                                               "capacity.answer_within",
                                               "capacity.schedule.K.agents"};
  return fields;
}

const std::vector<std::string>& transition_change_fields() {
  static const std::vector<std::string> fields{"p", "sentiment_weight", "description"};
  return fields;
}

const std::vector<std::string>& scenario_change_fields() {
  static const std::vector<std::string> fields{"arrivals.per_hour", "arrivals.per_day"};
  return fields;
}

bool scalable_field(const std::string& field) {
  static const std::vector<std::string> scalable{"dwell",
                                                 "sentiment",
                                                 "effort",
                                                 "cost",
                                                 "revenue",
                                                 "p",
                                                 "sentiment_weight",
                                                 "capacity.agents",
                                                 "capacity.queue_limit",
                                                 "capacity.patience",
                                                 "capacity.answer_within",
                                                 "arrivals.per_hour",
                                                 "arrivals.per_day"};
  return shift_index(field) || std::find(scalable.begin(), scalable.end(), field) != scalable.end();
}

std::optional<std::size_t> shift_index(std::string_view field) {
  constexpr std::string_view head = "capacity.schedule.";
  constexpr std::string_view tail = ".agents";
  if (field.size() <= head.size() + tail.size() || field.substr(0, head.size()) != head ||
      field.substr(field.size() - tail.size()) != tail) {
    return std::nullopt;
  }
  const std::string_view digits = field.substr(head.size(), field.size() - head.size() - tail.size());
  if (digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  if (digits.size() > 1 && digits.front() == '0') return std::nullopt;  // one spelling per index
  return static_cast<std::size_t>(std::stoul(std::string(digits)));
}

AddressParse parse_change_address(std::string_view written, bool needs_field) {
  const std::string text(written);
  AddressParse out;
  const auto bad = [&](const std::string& why) {
    out.problem = "address " + in_quotes(text) + " " + why;
    out.fix = needs_field ? "write \"touchpoints.ID.FIELD\", \"transitions.FROM->TO.FIELD\" or \"arrivals.per_hour\", "
                            "e.g. \"touchpoints.checkout.effort\""
                          : "write \"transitions.FROM->TO\", e.g. \"transitions.help_page->support_call\"";
    return out;
  };
  ChangeAddress address;
  if (text.rfind("touchpoints.", 0) == 0 && needs_field) {
    address.kind = ChangeAddress::Kind::touchpoint;
    const std::string rest = text.substr(12);
    const std::size_t dot = rest.find('.');
    if (dot == std::string::npos) return bad("has no field");
    address.touchpoint = rest.substr(0, dot);
    address.field = rest.substr(dot + 1);
  } else if (text.rfind("transitions.", 0) == 0) {
    address.kind = ChangeAddress::Kind::transition;
    const std::string rest = text.substr(12);
    const std::size_t arrow = rest.find("->");
    if (arrow == std::string::npos) return bad("has no \"->\" between the two touchpoints");
    address.from = rest.substr(0, arrow);
    const std::string after = rest.substr(arrow + 2);
    const std::size_t dot = after.find('.');
    address.to = after.substr(0, dot);
    if (dot != std::string::npos) address.field = after.substr(dot + 1);
    if (needs_field && address.field.empty()) return bad("has no field");
    if (!needs_field && !address.field.empty()) return bad("names a field, but this change takes a whole transition");
  } else if ((text == "arrivals" || text.rfind("arrivals.", 0) == 0) && needs_field) {
    address.kind = ChangeAddress::Kind::scenario;
    if (text == "arrivals") return bad("has no field");
    address.field = text;
  } else {
    return bad(needs_field ? "does not start with \"touchpoints.\", \"transitions.\" or \"arrivals.\""
                           : "does not start with \"transitions.\"");
  }
  if (!address.field.empty()) {
    const std::vector<std::string>& fields =
        address.kind == ChangeAddress::Kind::touchpoint   ? touchpoint_change_fields()
        : address.kind == ChangeAddress::Kind::transition ? transition_change_fields()
                                                          : scenario_change_fields();
    const bool known = std::find(fields.begin(), fields.end(), address.field) != fields.end() &&
                       address.field != "capacity.schedule.K.agents";
    if (!known && !(address.kind == ChangeAddress::Kind::touchpoint && shift_index(address.field))) {
      out.problem = address.kind == ChangeAddress::Kind::scenario
                        ? "unknown field " + in_quotes(address.field)
                        : "unknown field " + in_quotes(address.field) + " in " + in_quotes(text);
      out.fix = address.field.rfind("capacity.schedule.", 0) == 0
                    ? "name a shift by its index from 0: \"capacity.schedule.0.agents\""
                    : did_you_mean(address.field, fields);
      return out;
    }
  }
  out.address = address;
  return out;
}

std::string_view to_string(WhatIfChange::Kind kind) {
  switch (kind) {
    case WhatIfChange::Kind::set: return "set";
    case WhatIfChange::Kind::scale: return "scale";
    case WhatIfChange::Kind::add_touchpoint: return "add_touchpoint";
    case WhatIfChange::Kind::remove_touchpoint: return "remove_touchpoint";
    case WhatIfChange::Kind::add_transition: return "add_transition";
    case WhatIfChange::Kind::remove_transition: return "remove_transition";
    case WhatIfChange::Kind::reroute: return "reroute";
  }
  return "change";
}

Scenario variant_structure(const Scenario& base, const Variant& variant) {
  Scenario structure = base;
  structure.touchpoints = variant.touchpoints;
  structure.transitions = variant.journeys.front().transitions;
  structure.arrivals = variant.arrivals;
  return structure;
}

std::optional<Variant> apply_what_if(const Scenario& scenario, std::size_t index, Diagnostics& diagnostics) {
  const WhatIf& what_if = scenario.what_if.at(index);
  std::optional<Variant> variant =
      build(scenario, what_if.name, "what-if " + in_quotes(what_if.name), what_if.changes, what_if.path, diagnostics);
  if (variant) variant->cost = what_if.cost;
  return variant;
}

std::vector<Variant> every_what_if(const Scenario& scenario) {
  std::vector<Variant> variants;
  for (std::size_t i = 0; i < scenario.what_if.size(); ++i) {
    Diagnostics diagnostics;  // the loader validated every what-if already
    variants.push_back(*apply_what_if(scenario, i, diagnostics));
  }
  return variants;
}

void apply_leading_changes(const Scenario& scenario, std::size_t index, std::size_t count, Diagnostics& diagnostics) {
  const WhatIf& what_if = scenario.what_if.at(index);
  const std::vector<WhatIfChange> leading(what_if.changes.begin(),
                                          what_if.changes.begin() + static_cast<std::ptrdiff_t>(count));
  build(scenario, what_if.name, "what-if " + in_quotes(what_if.name), leading, what_if.path, diagnostics, false);
}

std::optional<Variant> apply_changes(const Scenario& scenario, const std::string& label,
                                     const std::vector<WhatIfChange>& changes, Diagnostics& diagnostics,
                                     const std::string& subject) {
  return build(scenario, label, subject.empty() ? label : subject, changes, "", diagnostics);
}

std::optional<Variant> variant_from_edit(const Scenario& base, const Scenario& edited, const std::string& label,
                                         std::string* why_not) {
  const std::vector<Journey> edited_journeys = resolve_journeys(edited);
  const std::vector<Journey> base_journeys = resolve_journeys(base);
  const bool same_segments =
      std::equal(base_journeys.begin(), base_journeys.end(), edited_journeys.begin(), edited_journeys.end(),
                 [](const Journey& a, const Journey& b) { return a.segment_id == b.segment_id; });
  if (!same_segments) {
    if (why_not) *why_not = "the segments differ from the baseline's";
    return std::nullopt;
  }

  // Touchpoints: the base's order, then the edit's new ones.
  Variant variant;
  variant.name = label;
  variant.arrivals = edited.arrivals;
  std::vector<std::size_t> aligned_of_edited(edited.touchpoints.size());
  std::vector<std::optional<std::size_t>> edited_of_aligned;
  for (const Touchpoint& t : base.touchpoints) {
    const std::optional<std::size_t> j = edited.find_touchpoint(t.id);
    if (j)
      aligned_of_edited[*j] = variant.touchpoints.size();
    else
      variant.removed_touchpoints.push_back(t.id);
    edited_of_aligned.push_back(j);
    variant.touchpoints.push_back(j ? edited.touchpoints[*j] : t);
  }
  for (std::size_t j = 0; j < edited.touchpoints.size(); ++j) {
    if (base.find_touchpoint(edited.touchpoints[j].id)) continue;
    aligned_of_edited[j] = variant.touchpoints.size();
    edited_of_aligned.push_back(j);
    variant.touchpoints.push_back(edited.touchpoints[j]);
  }

  // Transitions: each of the base's at its index (with no probability where
  // the edit removed it), then the edit's new ones.
  std::vector<std::optional<std::size_t>> edited_transition_of_aligned;
  std::vector<Transition> placeholders;  // the base's, with no probability: for those the edit removed
  for (const Transition& t : base.transitions) {
    const auto from = edited.find_touchpoint(base.touchpoints[t.from].id);
    const auto to = edited.find_touchpoint(base.touchpoints[t.to].id);
    edited_transition_of_aligned.push_back(from && to ? edited.find_transition(*from, *to) : std::nullopt);
    Transition gone = t;
    gone.p = Probability{};
    placeholders.push_back(gone);
  }
  for (std::size_t k = 0; k < edited.transitions.size(); ++k) {
    const Transition& t = edited.transitions[k];
    const auto from = base.find_touchpoint(edited.touchpoints[t.from].id);
    const auto to = base.find_touchpoint(edited.touchpoints[t.to].id);
    if (from && to && base.find_transition(*from, *to)) continue;
    edited_transition_of_aligned.push_back(k);
  }

  for (std::size_t s = 0; s < edited_journeys.size(); ++s) {
    const Journey& source = edited_journeys[s];
    Journey journey;
    journey.segment_id = source.segment_id;
    journey.share = source.share;
    journey.initial_sentiment = source.initial_sentiment;
    for (std::size_t a = 0; a < edited_of_aligned.size(); ++a) {
      journey.touchpoints.push_back(edited_of_aligned[a] ? source.touchpoints[*edited_of_aligned[a]]
                                                         : base_journeys[s].touchpoints[a]);
    }
    for (std::size_t a = 0; a < edited_transition_of_aligned.size(); ++a) {
      if (!edited_transition_of_aligned[a]) {
        journey.transitions.push_back(placeholders[a]);
        continue;
      }
      Transition t = source.transitions[*edited_transition_of_aligned[a]];
      t.from = aligned_of_edited[t.from];
      t.to = aligned_of_edited[t.to];
      journey.transitions.push_back(t);
    }
    for (EntryShare e : source.entry) {
      e.touchpoint = aligned_of_edited[e.touchpoint];
      journey.entry.push_back(e);
    }
    variant.journeys.push_back(std::move(journey));
  }
  return variant;
}

}  // namespace journeysim
