// Which touchpoints a variant changes: the compiled scenarios compared
// field by field (their flat arrays make that a few loops).
#include "journeysim/sim/divergence.hpp"

#include <algorithm>

namespace journeysim {

namespace {

// What every customer meets before or beside any touchpoint: the same in
// both, or no touchpoint set can stand for the change.
bool same_globals(const CompiledScenario& a, const CompiledScenario& b) {
  if (a.journeys.size() != b.journeys.size() || a.node_count != b.node_count || a.edge_count != b.edge_count)
    return false;
  if (a.journey_cumulative_share != b.journey_cumulative_share || a.stages != b.stages ||
      a.ending_count != b.ending_count || a.ending_node != b.ending_node || a.ending_kind != b.ending_kind ||
      a.nps_asked != b.nps_asked || a.active_ending != b.active_ending || a.unfinished_ending != b.unfinished_ending ||
      a.outcome_kinds != b.outcome_kinds || a.ending_converted != b.ending_converted ||
      a.ending_churned != b.ending_churned || a.ending_lost != b.ending_lost ||
      a.ending_abandoned != b.ending_abandoned)
    return false;
  if (a.has_checkout != b.has_checkout || a.has_conversion_point != b.has_conversion_point ||
      a.has_support_stage != b.has_support_stage)
    return false;
  if (a.horizon_seconds != b.horizon_seconds || a.max_steps != b.max_steps ||
      a.queue_wait_drop_per_second != b.queue_wait_drop_per_second || a.sentiment_min != b.sentiment_min ||
      a.sentiment_max != b.sentiment_max || a.nps_noise_sd != b.nps_noise_sd || a.nps_cutpoints != b.nps_cutpoints ||
      a.csat_noise_sd != b.csat_noise_sd || a.csat_cutpoints != b.csat_cutpoints)
    return false;
  for (std::size_t j = 0; j < a.journeys.size(); ++j) {
    const CompiledJourney& x = a.journeys[j];
    const CompiledJourney& y = b.journeys[j];
    if (x.segment != y.segment || x.share != y.share || x.initial_sentiment != y.initial_sentiment ||
        x.entry_node != y.entry_node || x.entry_cumulative != y.entry_cumulative || x.nodes.size() != y.nodes.size() ||
        x.edge_to.size() != y.edge_to.size())
      return false;
  }
  return true;
}

// Node n's transitions in two journeys: the same targets, probabilities,
// weights and scenario transitions, in the same order.
bool same_edges(const CompiledJourney& x, const CompiledJourney& y, std::size_t n) {
  const CompiledNode& a = x.nodes[n];
  const CompiledNode& b = y.nodes[n];
  if (a.edge_count != b.edge_count) return false;
  for (std::uint32_t k = 0; k < a.edge_count; ++k) {
    const std::size_t i = a.first_edge + k, j = b.first_edge + k;
    if (x.edge_to[i] != y.edge_to[j] || x.edge_p[i] != y.edge_p[j] || x.edge_weight[i] != y.edge_weight[j] ||
        x.edge_cumulative[i] != y.edge_cumulative[j] || x.edge_transition[i] != y.edge_transition[j])
      return false;
  }
  return true;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> changed_touchpoints(const CompiledScenario& base,
                                                             const CompiledScenario& variant) {
  if (!same_globals(base, variant)) return std::nullopt;
  std::vector<std::uint8_t> changed(base.node_count, 0);
  for (std::size_t j = 0; j < base.journeys.size(); ++j) {
    const CompiledJourney& x = base.journeys[j];
    const CompiledJourney& y = variant.journeys[j];
    for (std::size_t n = 0; n < x.nodes.size(); ++n) {
      const CompiledNode& a = x.nodes[n];
      const CompiledNode& b = y.nodes[n];
      // Where the edges start may move when another node's change their count; what they are may not.
      const bool same = a.ending == b.ending && a.stage == b.stage && a.records_rating == b.records_rating &&
                        a.weighted_choice == b.weighted_choice && a.weighted_edges == b.weighted_edges &&
                        a.first_weighted_edge == b.first_weighted_edge && a.checkout == b.checkout &&
                        a.converts == b.converts && a.wait == b.wait && a.support_stage == b.support_stage &&
                        a.effort_drop == b.effort_drop && a.wait_drop_per_second == b.wait_drop_per_second &&
                        a.ease == b.ease && a.cost == b.cost && a.revenue == b.revenue && a.dwell == b.dwell &&
                        a.sentiment == b.sentiment && same_edges(x, y, n);
      if (!same) changed[n] = 1;
    }
  }
  return changed;
}

}  // namespace journeysim
