// CompiledScenario: a scenario flattened for the hot loop. One CompiledJourney
// per segment (overrides applied, "rest" resolved), touchpoints as plain
// structs with their samplers, transitions as parallel arrays grouped by the
// touchpoint they leave, in the scenario's order (that order fixes how a
// uniform maps to a choice, which what-if pairing relies on). No maps and no
// strings: names stay in the Scenario, reached by index.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/sampling.hpp"

namespace journeysim {

// Where the walk ends: a terminal touchpoint, or one of two endings that are not touchpoints.
inline constexpr std::uint32_t no_ending = std::numeric_limits<std::uint32_t>::max();
// A move that is not one of the scenario's transitions: leaving a queue unserved.
inline constexpr std::uint32_t no_edge = std::numeric_limits<std::uint32_t>::max();

struct CompiledNode {
  std::uint32_t first_edge = 0;  // this node's transitions are edges [first_edge, first_edge + edge_count)
  std::uint32_t edge_count = 0;
  std::uint32_t ending = no_ending;  // for a terminal: its index among the endings
  std::uint32_t stage = 0;           // index into CompiledScenario::stages, or no_stage
  bool records_rating = true;        // CSAT (and CES) recorded here
  bool weighted_choice = false;      // some transition from here has a sentiment weight
  // Which of the first max_masked_edges transitions have a sentiment weight (bit i: edge first_edge + i).
  static constexpr std::uint32_t max_masked_edges = 32;
  std::uint32_t weighted_edges = 0;
  std::uint32_t first_weighted_edge = 0;  // the lowest bit of weighted_edges; edge_count when there is none
  bool checkout = false;                  // reaching it is reaching checkout (abandonment_from)
  bool converts = false;                  // reaching it is conversion
  bool wait = false;                      // its dwell is waiting
  bool support_stage = false;
  double effort_drop = 0.0;           // effort_penalty * (effort - 1): the sentiment lost to effort
  double wait_drop_per_second = 0.0;  // per_wait_hour / 3600 at a wait, else 0
  int ease = 7;                       // 8 - effort, the CES answer
  double cost = 0.0;
  double revenue = 0.0;
  Sampler dwell;      // seconds
  Sampler sentiment;  // change of sentiment

  CompiledNode() : dwell(Distribution::constant(0.0)), sentiment(Distribution::constant(0.0)) {}
};

struct CompiledJourney {
  std::optional<std::size_t> segment;  // index into Scenario::segments; none without segments
  double share = 1.0;
  double initial_sentiment = 0.0;
  std::vector<CompiledNode> nodes;
  // Edges, grouped by source node in the scenario's order.
  std::vector<std::uint32_t> edge_to;
  std::vector<double> edge_p;
  std::vector<double> edge_weight;             // sentiment weight w
  std::vector<double> edge_cumulative;         // running sum of p within the node's group
  std::vector<std::uint32_t> edge_transition;  // index into Scenario::transitions
  // Entry touchpoints and their running share.
  std::vector<std::uint32_t> entry_node;
  std::vector<double> entry_cumulative;
};

struct CompiledScenario {
  static constexpr std::uint32_t no_stage = std::numeric_limits<std::uint32_t>::max();

  std::vector<CompiledJourney> journeys;  // one per segment (one in all when there are none)
  std::vector<double> journey_cumulative_share;
  std::vector<std::string> stages;  // names, in report order
  std::uint32_t node_count = 0;
  std::uint32_t edge_count = 0;
  // Endings: the terminal touchpoints in scenario order, then `active` (still
  // travelling at the horizon) and `unfinished` (out of steps).
  std::uint32_t ending_count = 0;
  std::vector<std::uint32_t> ending_node;  // ending -> touchpoint index (terminals only)
  std::vector<std::uint32_t> ending_kind;  // ending -> index into outcome_kinds
  std::vector<bool> nps_asked;             // per ending
  std::uint32_t active_ending = 0;
  std::uint32_t unfinished_ending = 0;
  std::vector<std::string> outcome_kinds;  // the scenario's kinds, then "active" and "unfinished"
  // Per ending: which headline outcome it counts towards.
  std::vector<std::uint8_t> ending_converted, ending_churned, ending_lost, ending_abandoned;
  bool has_checkout = false;          // some touchpoint is a checkout (abandonment_from)
  bool has_conversion_point = false;  // a converted ending or a converts touchpoint: churn's base is converters
  bool has_support_stage = false;

  double horizon_seconds = std::numeric_limits<double>::infinity();
  std::uint64_t max_steps = default_max_steps;
  double queue_wait_drop_per_second = 0.0;  // per_wait_hour / 3600: a wait in a queue costs sentiment
  double sentiment_min = -5.0;
  double sentiment_max = 5.0;
  double nps_noise_sd = 1.0;
  std::array<double, 10> nps_cutpoints{};
  double csat_noise_sd = 1.0;
  std::array<double, 4> csat_cutpoints{};
};

// `only_segment` restricts the run to one segment (its share becomes 1).
CompiledScenario compile(const Scenario& scenario, std::optional<std::size_t> only_segment = std::nullopt);

// The same from explicit per-segment journeys (a what-if variant's), over a
// scenario whose touchpoints and transitions are the variant's.
CompiledScenario compile(const Scenario& structure, const std::vector<Journey>& journeys,
                         std::optional<std::size_t> only_segment = std::nullopt);

}  // namespace journeysim
