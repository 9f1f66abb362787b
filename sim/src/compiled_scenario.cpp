// Compiling a scenario into the engine's flat arrays.
#include "journeysim/sim/compiled_scenario.hpp"

#include <algorithm>
#include <bit>

namespace journeysim {

namespace {

std::uint32_t index_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::uint32_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

CompiledJourney compile_journey(const Journey& journey, const CompiledScenario& compiled, const Scenario& scenario) {
  CompiledJourney out;
  out.share = journey.share;
  out.initial_sentiment = journey.initial_sentiment;
  const std::size_t n = journey.touchpoints.size();
  out.nodes.resize(n);

  std::vector<std::vector<std::size_t>> outgoing(n);
  for (std::size_t i = 0; i < journey.transitions.size(); ++i) outgoing[journey.transitions[i].from].push_back(i);

  std::uint32_t ending = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Touchpoint& t = journey.touchpoints[i];
    CompiledNode& node = out.nodes[i];
    node.dwell = Sampler(t.dwell);
    node.sentiment = Sampler(t.sentiment);
    node.records_rating = t.csat && !t.terminal();
    node.effort_drop = scenario.sentiment.effort_penalty * (t.effort - 1);
    node.ease = 8.0 - t.effort;
    node.cost = t.cost;
    node.revenue = t.revenue;
    node.stage = t.stage.empty() ? CompiledScenario::no_stage : index_of(compiled.stages, t.stage);
    node.checkout = scenario.is_checkout(t);
    node.converts = t.converts || t.outcome == outcome_kind::converted;
    node.wait = t.wait && !t.terminal();
    node.wait_drop_per_second = node.wait ? scenario.sentiment.per_wait_hour / 3600.0 : 0.0;
    node.support_stage = t.stage == stage_name::support;
    if (t.terminal()) node.ending = ending++;

    node.first_edge = static_cast<std::uint32_t>(out.edge_to.size());
    double running = 0.0;
    for (std::size_t k : outgoing[i]) {
      const Transition& edge = journey.transitions[k];
      running += edge.p.value;
      out.edge_to.push_back(static_cast<std::uint32_t>(edge.to));
      out.edge_p.push_back(edge.p.value);
      out.edge_weight.push_back(edge.sentiment_weight);
      out.edge_cumulative.push_back(running);
      out.edge_transition.push_back(static_cast<std::uint32_t>(k));
      if (edge.sentiment_weight != 0.0) {
        node.weighted_choice = true;
        const std::size_t rank = out.edge_to.size() - 1 - node.first_edge;
        if (rank < CompiledNode::max_masked_edges) node.weighted_edges |= std::uint32_t{1} << rank;
      }
    }
    node.edge_count = static_cast<std::uint32_t>(outgoing[i].size());
    node.first_weighted_edge =
        node.weighted_edges != 0 ? static_cast<std::uint32_t>(std::countr_zero(node.weighted_edges)) : node.edge_count;
  }
  double running = 0.0;
  for (const EntryShare& e : journey.entry) {
    running += e.share;
    out.entry_node.push_back(static_cast<std::uint32_t>(e.touchpoint));
    out.entry_cumulative.push_back(running);
  }
  return out;
}

}  // namespace

CompiledScenario compile(const Scenario& scenario, std::optional<std::size_t> only_segment) {
  return compile(scenario, resolve_journeys(scenario), only_segment);
}

CompiledScenario compile(const Scenario& scenario, const std::vector<Journey>& journeys,
                         std::optional<std::size_t> only_segment) {
  CompiledScenario compiled;
  compiled.stages = scenario.stage_order();
  compiled.node_count = static_cast<std::uint32_t>(scenario.touchpoints.size());
  compiled.edge_count = static_cast<std::uint32_t>(scenario.transitions.size());

  compiled.outcome_kinds = scenario.outcome_kinds();
  compiled.outcome_kinds.emplace_back(outcome_kind::active);
  compiled.outcome_kinds.emplace_back(outcome_kind::unfinished);
  for (std::size_t i = 0; i < scenario.touchpoints.size(); ++i) {
    const Touchpoint& t = scenario.touchpoints[i];
    if (!t.terminal()) continue;
    compiled.ending_node.push_back(static_cast<std::uint32_t>(i));
    compiled.ending_kind.push_back(index_of(compiled.outcome_kinds, t.outcome));
  }
  compiled.active_ending = static_cast<std::uint32_t>(compiled.ending_kind.size());
  compiled.ending_kind.push_back(index_of(compiled.outcome_kinds, std::string(outcome_kind::active)));
  compiled.unfinished_ending = static_cast<std::uint32_t>(compiled.ending_kind.size());
  compiled.ending_kind.push_back(index_of(compiled.outcome_kinds, std::string(outcome_kind::unfinished)));
  compiled.ending_count = static_cast<std::uint32_t>(compiled.ending_kind.size());
  for (std::uint32_t kind : compiled.ending_kind) {
    const std::string& name = compiled.outcome_kinds[kind];
    compiled.ending_converted.push_back(name == outcome_kind::converted);
    compiled.ending_churned.push_back(name == outcome_kind::churned);
    compiled.ending_lost.push_back(name == outcome_kind::lost);
    compiled.ending_abandoned.push_back(name == outcome_kind::abandoned);
    const auto& not_asked = scenario.nps.not_asked;
    compiled.nps_asked.push_back(std::find(not_asked.begin(), not_asked.end(), compiled.outcome_kinds[kind]) ==
                                 not_asked.end());
  }
  compiled.has_checkout = scenario.has_checkout();
  compiled.has_conversion_point = scenario.has_conversion_point();
  compiled.has_support_stage = scenario.has_stage(stage_name::support);

  if (scenario.horizon) compiled.horizon_seconds = *scenario.horizon;
  compiled.queue_wait_drop_per_second = scenario.sentiment.per_wait_hour / 3600.0;
  compiled.max_steps = scenario.max_steps;
  compiled.sentiment_min = scenario.sentiment.min;
  compiled.sentiment_max = scenario.sentiment.max;
  compiled.nps_noise_sd = scenario.nps.noise_sd;
  compiled.nps_cutpoints = scenario.nps.cutpoints;
  compiled.csat_noise_sd = scenario.csat.noise_sd;
  compiled.csat_cutpoints = scenario.csat.cutpoints;

  if (only_segment) {
    Journey journey = journeys.at(*only_segment);
    journey.share = 1.0;
    compiled.journeys.push_back(compile_journey(journey, compiled, scenario));
    compiled.journeys.back().segment = only_segment;
  } else {
    for (std::size_t i = 0; i < journeys.size(); ++i) {
      compiled.journeys.push_back(compile_journey(journeys[i], compiled, scenario));
      if (!scenario.segments.empty()) compiled.journeys.back().segment = i;
    }
  }
  double running = 0.0;
  for (const CompiledJourney& j : compiled.journeys) {
    running += j.share;
    compiled.journey_cumulative_share.push_back(running);
  }
  return compiled;
}

}  // namespace journeysim
