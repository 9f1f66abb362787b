// Whole-scenario checks: what can only be judged once every part is read.
#include "scenario_checks.hpp"

#include "queue_checks.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/structure.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim {

namespace {

std::string id_list(const Journey& journey, const std::vector<std::size_t>& group) {
  std::string out;
  for (std::size_t i = 0; i < group.size(); ++i) {
    out += (i == 0 ? "" : ", ") + in_quotes(journey.touchpoints[group[i]].id);
  }
  return out;
}

std::string segment_prefix(const Journey& journey) {
  return journey.segment_id.empty() ? std::string() : "in segment " + in_quotes(journey.segment_id) + ", ";
}

// The probability rules for the transitions out of each touchpoint in `checked`:
// at most one "rest", nothing left negative for "rest", and a sum of 1.
// `where` names the path to point at for a touchpoint's problem.
template <class Where>
void check_out_probabilities(const Journey& journey, const std::vector<bool>& checked, const Where& where,
                             Diagnostics& diagnostics) {
  const std::size_t n = journey.touchpoints.size();
  std::vector<std::vector<std::size_t>> outgoing(n);
  for (std::size_t i = 0; i < journey.transitions.size(); ++i) outgoing[journey.transitions[i].from].push_back(i);

  for (std::size_t tp = 0; tp < n; ++tp) {
    if (!checked[tp] || outgoing[tp].empty() || journey.touchpoints[tp].terminal()) continue;
    const std::string& id = journey.touchpoints[tp].id;
    std::vector<std::size_t> rests;
    double total = 0.0;
    double others = 0.0;
    std::string listed;
    for (std::size_t i : outgoing[tp]) {
      const Transition& t = journey.transitions[i];
      total += t.p.value;
      if (t.p.rest) {
        rests.push_back(i);
      } else {
        others += t.p.value;
      }
      listed += (listed.empty() ? "" : ", ") + id + "->" + journey.touchpoints[t.to].id + " " +
                (t.p.rest ? "rest" : format_number(t.p.value));
    }
    const std::string prefix = segment_prefix(journey);
    if (rests.size() > 1) {
      diagnostics.error(
          where(tp, rests[1]),
          prefix + "more than one \"rest\" among the transitions from " + in_quotes(id) + " (" + listed + ")",
          "keep one \"rest\" and give the others numbers");
    } else if (rests.size() == 1 && others > 1.0 + probability_sum_tolerance) {
      diagnostics.error(where(tp, rests[0]),
                        prefix + "the transitions from " + in_quotes(id) + " other than \"rest\" already sum to " +
                            format_number(others) + ", leaving " + format_number(1.0 - others) + " for \"rest\" (" +
                            listed + ")",
                        "lower them so they sum to at most 1");
    } else if (rests.empty() && std::abs(total - 1.0) > probability_sum_tolerance) {
      diagnostics.error(where(tp, outgoing[tp].front()),
                        prefix + "out-probabilities of " + in_quotes(id) + " sum to " + format_number(total) +
                            ", not 1 (" + listed + ")",
                        "adjust them so they sum to 1, or make one of them \"rest\"");
    }
  }
}

void check_dead_ends(const Scenario& scenario, const ModelPaths& paths, Diagnostics& diagnostics) {
  std::vector<bool> has_exit(scenario.touchpoints.size(), false);
  for (std::size_t i = 0; i < scenario.transitions.size(); ++i) {
    if (paths.transition_readable[i]) has_exit[scenario.transitions[i].from] = true;
  }
  for (std::size_t tp = 0; tp < scenario.touchpoints.size(); ++tp) {
    const Touchpoint& t = scenario.touchpoints[tp];
    if (t.terminal() || has_exit[tp] || t.id.empty() || paths.unreadable_from[tp]) continue;
    diagnostics.error(
        paths.touchpoints[tp],
        in_quotes(t.id) + " has no outgoing transitions and no outcome, so customers would be stuck there",
        "add transitions from it, or give it an \"outcome\" to make it an ending");
  }
}

// Cycles no walk can leave: an error without a horizon; with one, each must
// take time, and enough that the horizon comes before max_steps does (else
// every customer caught in it walks max_steps steps, up to 10^9, and ends
// "unfinished": a warning, as such a run is valid but surely not meant).
void check_closed_classes(const Scenario& scenario, const std::vector<Journey>& journeys, const ModelPaths& paths,
                          Diagnostics& diagnostics) {
  std::set<std::vector<std::size_t>> reported;
  for (const Journey& journey : journeys) {
    for (const std::vector<std::size_t>& group : closed_classes(journey)) {
      if (!reported.insert(group).second) continue;
      std::string edges;
      for (const Transition& t : journey.transitions) {
        if (t.p.value > 0.0 && std::find(group.begin(), group.end(), t.from) != group.end()) {
          edges += (edges.empty() ? "" : ", ") + journey.touchpoints[t.from].id + "->" + journey.touchpoints[t.to].id;
        }
      }
      const std::string members = group.size() == 1 ? "touchpoint " + id_list(journey, group) + " forms"
                                                    : "touchpoints " + id_list(journey, group) + " form";
      const std::string prefix = segment_prefix(journey);
      if (!scenario.horizon) {
        diagnostics.error(
            paths.touchpoints[group.front()],
            prefix + members + " a cycle no walk can leave (" + edges + "), so customers would travel for ever",
            "add a transition out of it to an outcome, or set a \"horizon\" to end walks in time");
        continue;
      }
      const bool takes_time = std::any_of(group.begin(), group.end(),
                                          [&](std::size_t tp) { return journey.touchpoints[tp].dwell.mean() > 0.0; });
      if (!takes_time) {
        diagnostics.error(paths.touchpoints[group.front()],
                          prefix + members + " a cycle no walk can leave (" + edges +
                              ") that takes no time, so the horizon (" + format_duration(*scenario.horizon) +
                              ") never ends it",
                          "give one of them a \"dwell\" time, or add a transition out of the cycle");
        continue;
      }
      // No step takes longer on average than the slowest touchpoint's mean
      // dwell: the fewest steps the horizon can take.
      double slowest = 0.0;
      for (std::size_t tp : group) slowest = std::max(slowest, journey.touchpoints[tp].dwell.mean());
      const double steps = *scenario.horizon / slowest;
      if (steps > static_cast<double>(scenario.max_steps)) {
        const std::string max_steps = std::to_string(scenario.max_steps);
        diagnostics.warning(paths.touchpoints[group.front()],
                            prefix + members + " a cycle no walk can leave (" + edges + ") whose steps take " +
                                format_duration(slowest) + " or less, so reaching the horizon (" +
                                format_duration(*scenario.horizon) + ") takes about " + format_number(steps, 3) +
                                " steps, more than max_steps (" + max_steps + "): customers caught in it end " +
                                "\"unfinished\" after " + max_steps + " steps each",
                            "give one of them a longer \"dwell\", or add a transition out of the cycle");
      }
    }
  }
}

void check_reachability(const Scenario& scenario, const std::vector<Journey>& journeys, const ModelPaths& paths,
                        Diagnostics& diagnostics) {
  std::vector<bool> reached(scenario.touchpoints.size(), false);
  for (const Journey& journey : journeys) {
    const std::vector<bool> here = reachable_from_entry(journey);
    for (std::size_t i = 0; i < here.size(); ++i) reached[i] = reached[i] || here[i];
  }
  // A queue's routes (on_renege, on_balk, on_closed) are ways in too.
  const bool routes = std::any_of(scenario.touchpoints.begin(), scenario.touchpoints.end(),
                                  [](const Touchpoint& t) { return t.capacity.has_value(); });
  if (routes) {
    std::vector<std::vector<std::size_t>> next(reached.size());
    for (const Journey& journey : journeys) {
      for (const Transition& t : journey.transitions) {
        if (t.p.value > 0.0 || t.p.rest) next[t.from].push_back(t.to);
      }
    }
    std::vector<std::size_t> frontier;
    for (std::size_t tp = 0; tp < reached.size(); ++tp) {
      if (reached[tp]) frontier.push_back(tp);
    }
    const auto reach = [&](std::size_t tp) {
      if (!reached[tp]) {
        reached[tp] = true;
        frontier.push_back(tp);
      }
    };
    while (!frontier.empty()) {
      const std::size_t at = frontier.back();
      frontier.pop_back();
      if (const auto& capacity = scenario.touchpoints[at].capacity) {
        for (const std::string* id : {&capacity->on_renege, &capacity->on_balk, &capacity->on_closed}) {
          if (const auto target = scenario.find_touchpoint(*id)) reach(*target);
        }
      }
      for (std::size_t to : next[at]) reach(to);
    }
  }
  for (std::size_t tp = 0; tp < scenario.touchpoints.size(); ++tp) {
    if (reached[tp] || !paths.touchpoint_registered[tp]) continue;
    diagnostics.warning(paths.touchpoints[tp],
                        in_quotes(scenario.touchpoints[tp].id) + " cannot be reached from the entry" +
                            (journeys.size() > 1 ? " in any segment" : ""),
                        "add a transition to it with a probability above 0, or remove it");
  }
}

void check_not_asked(const Scenario& scenario, const ModelPaths& paths, Diagnostics& diagnostics) {
  if (paths.not_asked.empty()) return;
  std::vector<std::string> kinds = scenario.outcome_kinds();
  kinds.emplace_back(outcome_kind::active);
  kinds.emplace_back(outcome_kind::unfinished);
  const std::vector<std::string>& listed = scenario.nps.not_asked;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    if (std::find(kinds.begin(), kinds.end(), listed[i]) != kinds.end()) continue;
    diagnostics.warning(path_index(paths.not_asked, i),
                        "no ending of this scenario has the outcome " + in_quotes(listed[i]),
                        closest_match(listed[i], kinds) ? did_you_mean(listed[i], kinds) : "remove it");
  }
}

// The queue model's rules, shared with what-if variants (queue_checks.hpp).
void check_queues(const Scenario& scenario, const ModelPaths& paths, Diagnostics& diagnostics) {
  if (paths.touchpoints.size() != scenario.touchpoints.size()) return;
  const bool ids_complete = std::all_of(paths.touchpoint_registered.begin(), paths.touchpoint_registered.end(),
                                        [](bool registered) { return registered; });
  QueueModel model{scenario.touchpoints, scenario.arrivals, scenario.horizon, scenario.warm_up, {}, ids_complete, {}};
  for (std::size_t i = 0; i < scenario.touchpoints.size(); ++i) {
    const auto& unread = paths.unreadable_capacities;
    model.unread.push_back(std::find(unread.begin(), unread.end(), paths.touchpoints[i]) != unread.end());
  }
  for (const QueueProblem& p : queue_problems(model)) {
    const JsonPath path = p.touchpoint ? paths.touchpoints[*p.touchpoint] + "." + p.key : p.key;
    if (p.severity == Severity::error)
      diagnostics.error(path, p.message, p.fix);
    else
      diagnostics.warning(path, p.message, p.fix);
  }
}

}  // namespace

void check_scenario(const Scenario& scenario, const ModelPaths& paths, Diagnostics& diagnostics) {
  check_not_asked(scenario, paths, diagnostics);
  check_queues(scenario, paths, diagnostics);
  if (scenario.touchpoints.empty() || paths.unreadable_from.size() != scenario.touchpoints.size()) return;

  // The base scenario's probabilities, for every touchpoint whose transitions
  // all read. Unreadable transitions hold placeholder endpoints: leave them out.
  Journey base = resolve_journey(scenario, std::nullopt);
  std::vector<std::size_t> document_index;  // base.transitions[k] is paths.transitions[document_index[k]]
  std::vector<Transition> readable;
  for (std::size_t i = 0; i < base.transitions.size(); ++i) {
    if (!paths.transition_readable[i]) continue;
    readable.push_back(base.transitions[i]);
    document_index.push_back(i);
  }
  base.transitions = std::move(readable);
  std::vector<bool> checked(scenario.touchpoints.size());
  for (std::size_t tp = 0; tp < checked.size(); ++tp) checked[tp] = !paths.unreadable_from[tp];
  check_out_probabilities(
      base, checked, [&](std::size_t, std::size_t transition) { return paths.transitions[document_index[transition]]; },
      diagnostics);
  check_dead_ends(scenario, paths, diagnostics);

  // Everything else walks the graph: it needs every transition and the entry.
  if (!paths.transitions_complete || !paths.entry_readable) return;
  std::vector<Journey> journeys;
  if (scenario.segments.empty()) {
    journeys.push_back(std::move(base));
  } else {
    for (std::size_t s = 0; s < scenario.segments.size(); ++s) {
      Journey journey = resolve_journey(scenario, s);
      const Segment& segment = scenario.segments[s];
      // A segment's sums need checking only where it moved a probability.
      std::vector<bool> moved(scenario.touchpoints.size(), false);
      for (const TransitionOverride& o : segment.transitions) {
        if (o.p) moved[scenario.transitions[o.transition].from] = true;
      }
      check_out_probabilities(
          journey, moved,
          [&](std::size_t tp, std::size_t) {
            for (std::size_t k = 0; k < segment.transitions.size(); ++k) {
              if (scenario.transitions[segment.transitions[k].transition].from == tp) {
                return paths.segment_transition_overrides[s][k];
              }
            }
            return paths.segments[s];
          },
          diagnostics);
      journeys.push_back(std::move(journey));
    }
  }
  check_closed_classes(scenario, journeys, paths, diagnostics);
  check_reachability(scenario, journeys, paths, diagnostics);
}

}  // namespace journeysim
