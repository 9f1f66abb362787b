// The scenario model: touchpoints joined by transitions, the rating models,
// personas (segments) and their overrides. Plain immutable values, built once
// by the loader (scenario_loader.hpp); every default documented in
// docs/scenario-format.md lives here as a member initialiser.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "journeysim/graph/distribution.hpp"
#include "journeysim/graph/queue_model.hpp"

namespace journeysim {

// Names with a meaning of their own in reports (DESIGN sections 3 and 6).
namespace outcome_kind {
inline constexpr std::string_view converted = "converted";
inline constexpr std::string_view churned = "churned";
inline constexpr std::string_view abandoned = "abandoned";
inline constexpr std::string_view lost = "lost";
// Endings that are not touchpoints: still travelling at the horizon, or out of steps.
inline constexpr std::string_view active = "active";
inline constexpr std::string_view unfinished = "unfinished";
}  // namespace outcome_kind

namespace stage_name {
inline constexpr std::string_view purchase = "purchase";
inline constexpr std::string_view support = "support";
}  // namespace stage_name

struct SentimentModel {
  double initial = 0.0;
  double effort_penalty = 0.1;  // per effort point above 1
  double per_wait_hour = 0.05;  // per hour waited: at a "wait": true touchpoint (and in a queue)
  double min = -5.0;            // clamp bounds, so exp(w * S) stays finite
  double max = 5.0;
  friend bool operator==(const SentimentModel&, const SentimentModel&) = default;
};

// Ordered probit of the final sentiment; see docs/scenario-format.md for how
// the default cutpoints were chosen (NPS +15 at sentiment 0).
struct NpsModel {
  double noise_sd = 1.0;
  std::array<double, 10> cutpoints{-2.26, -1.96, -1.70, -1.48, -1.23, -0.95, -0.67, -0.25, 0.25, 0.84};
  std::vector<std::string> not_asked{std::string(outcome_kind::lost)};
  friend bool operator==(const NpsModel&, const NpsModel&) = default;
};

// Ordered probit of a touchpoint's sentiment change: 78% of ratings are 4-5 at a change of 0.
struct CsatModel {
  double noise_sd = 1.0;
  std::array<double, 4> cutpoints{-1.55, -1.17, -0.77, 0.13};
  friend bool operator==(const CsatModel&, const CsatModel&) = default;
};

struct Touchpoint {
  std::string id;
  std::string name;  // empty: shown as the id
  std::string description;
  std::string stage;
  std::string channel;
  Distribution dwell = Distribution::constant(0.0);      // seconds
  Distribution sentiment = Distribution::constant(0.0);  // the change of sentiment here
  int effort = 1;                                        // 1 (effortless) .. 7
  bool csat = true;                                      // record a CSAT rating here
  double cost = 0.0;                                     // per visit
  double revenue = 0.0;                                  // per visit
  bool converts = false;                                 // reaching it is conversion (DESIGN section 6)
  bool wait = false;                                     // its dwell is waiting: it costs sentiment per hour
  std::optional<Capacity> capacity;                      // agents shared by its visitors (queue model only)
  std::string outcome;                                   // non-empty: a terminal touchpoint

  bool terminal() const { return !outcome.empty(); }
  const std::string& display_name() const { return name.empty() ? id : name; }
  friend bool operator==(const Touchpoint&, const Touchpoint&) = default;
};

// --- What-if changes (DESIGN section 7), as written in the scenario ---

// Where a change points: `touchpoints.ID.FIELD`, `transitions.FROM->TO.FIELD`,
// or a field of the scenario itself (`arrivals.per_hour`). A touchpoint's
// FIELD may have parts: `capacity.agents`, `capacity.schedule.2.agents`.
struct ChangeAddress {
  enum class Kind { touchpoint, transition, scenario } kind = Kind::touchpoint;
  std::string touchpoint;  // touchpoint id (kind touchpoint)
  std::string from, to;    // transition ends (kind transition)
  std::string field;       // may be empty where a change names a whole transition; kind scenario: the whole address

  std::string text() const;  // as written
  friend bool operator==(const ChangeAddress&, const ChangeAddress&) = default;
};

// A typed value for `set`, parsed for the field it goes to.
using ChangeValue = std::variant<double, bool, std::string, Distribution>;

struct WhatIfChange {
  enum class Kind { set, scale, add_touchpoint, remove_touchpoint, add_transition, remove_transition, reroute };
  Kind kind = Kind::set;
  ChangeAddress address;        // set, scale, remove_transition, reroute
  ChangeValue value = 0.0;      // set; for a "p" of "rest", the string "rest"
  double factor = 1.0;          // scale
  Touchpoint added;             // add_touchpoint
  std::string touchpoint;       // remove_touchpoint: the id removed
  std::string inflow_to;        // remove_touchpoint: where its inflow goes
  std::string from, to;         // add_transition
  std::optional<double> p;      // add_transition: a number, or none for "rest"
  double sentiment_weight = 0;  // add_transition
  std::string reroute_to;       // reroute
  double share = 0.0;           // reroute: the share of the probability moved
  std::string path;             // where the change is written (a JSON path), for messages
  std::string segment;          // set, scale, reroute: that persona's journey only (personalisation); empty: all
  friend bool operator==(const WhatIfChange&, const WhatIfChange&) = default;
};

std::string_view to_string(WhatIfChange::Kind kind);

struct WhatIf {
  std::string name;
  std::string description;
  std::optional<double> cost;  // the change's one-off cost, for return on it
  std::vector<WhatIfChange> changes;
  std::string path;
  friend bool operator==(const WhatIf&, const WhatIf&) = default;
};

// A transition probability as written: a number, or "rest" (1 minus the
// others from the same touchpoint), in which case `value` holds the resolved number.
struct Probability {
  double value = 0.0;
  bool rest = false;
  friend bool operator==(const Probability&, const Probability&) = default;
};

// The evidence behind a probability learnt from data (DESIGN section 13):
// `count` of the `of` moves that left the touchpoint took this transition.
struct Observed {
  std::uint64_t count = 0;
  std::uint64_t of = 0;
  friend bool operator==(const Observed&, const Observed&) = default;
};

struct Transition {
  std::size_t from = 0;  // index into Scenario::touchpoints
  std::size_t to = 0;
  Probability p;
  double sentiment_weight = 0.0;
  std::string description;
  std::optional<Observed> observed;  // written by `journeysim mine`
  friend bool operator==(const Transition&, const Transition&) = default;
};

struct EntryShare {
  std::size_t touchpoint = 0;
  double share = 0.0;
  friend bool operator==(const EntryShare&, const EntryShare&) = default;
};

struct TouchpointOverride {
  std::size_t touchpoint = 0;
  std::optional<Distribution> dwell;
  std::optional<Distribution> sentiment;
  std::optional<int> effort;
  std::optional<bool> csat;
  std::optional<double> cost;
  std::optional<double> revenue;
  friend bool operator==(const TouchpointOverride&, const TouchpointOverride&) = default;
};

struct TransitionOverride {
  std::size_t transition = 0;  // index into Scenario::transitions
  std::optional<Probability> p;
  std::optional<double> sentiment_weight;
  friend bool operator==(const TransitionOverride&, const TransitionOverride&) = default;
};

// A persona: a share of the customers, with its own entry, starting mood and
// overrides of touchpoint and transition fields.
struct Segment {
  std::string id;
  std::string name;
  std::string description;
  double share = 0.0;
  std::optional<std::vector<EntryShare>> entry;
  std::optional<double> initial_sentiment;
  std::vector<TouchpointOverride> touchpoints;
  std::vector<TransitionOverride> transitions;
  friend bool operator==(const Segment&, const Segment&) = default;
};

inline constexpr std::uint64_t default_customers = 100'000;
inline constexpr std::uint64_t default_seed = 1;
inline constexpr std::uint64_t default_max_steps = 10'000;

struct Scenario {
  std::string name;  // empty: shown as the file name
  std::string description;
  std::string schema;  // the `$schema` reference, kept for saving
  std::uint64_t customers = default_customers;
  std::uint64_t seed = default_seed;
  std::vector<EntryShare> entry;
  std::vector<Touchpoint> touchpoints;
  std::vector<Transition> transitions;
  std::vector<std::string> stages;  // as declared; see stage_order()
  std::optional<double> horizon;    // seconds
  std::uint64_t max_steps = default_max_steps;
  SentimentModel sentiment;
  NpsModel nps;
  CsatModel csat;
  std::vector<Segment> segments;
  std::vector<WhatIf> what_if;
  std::string abandonment_from;  // a stage or touchpoint id where checkout begins; empty: the purchase stage
  // The queue model (DESIGN section 8): with arrivals, customers arrive over
  // the horizon and share the agents of touchpoints with a capacity.
  std::optional<Arrivals> arrivals;
  double warm_up = 0.0;  // seconds from 0 before statistics start

  std::optional<std::size_t> find_touchpoint(std::string_view id) const;
  std::optional<std::size_t> find_transition(std::size_t from, std::size_t to) const;
  // The declared stages, else every stage in order of first appearance.
  std::vector<std::string> stage_order() const;
  // The distinct outcome kinds of the terminal touchpoints, in order of appearance.
  std::vector<std::string> outcome_kinds() const;
  std::string transition_label(std::size_t transition) const;  // "FROM->TO"

  // Who counts (DESIGN section 6). A conversion point: a `converted` ending or
  // a touchpoint marked `converts`; churn and retention are shares of
  // converters when there is one, of all customers otherwise.
  bool has_outcome(std::string_view kind) const;
  bool has_stage(std::string_view stage) const;
  bool has_conversion_point() const;
  // Whether reaching touchpoint `t` is reaching checkout: it is the touchpoint
  // named by `abandonment_from`, or lies in the stage it names (default: purchase).
  bool is_checkout(const Touchpoint& t) const;
  bool has_checkout() const;  // some touchpoint is a checkout
  bool has_queues() const { return arrivals.has_value(); }

  friend bool operator==(const Scenario&, const Scenario&) = default;
};

// One segment's journey with every override applied and every "rest"
// resolved: what the engine and the exact analysis consume. Indices match the
// scenario's touchpoints and transitions.
struct Journey {
  std::string segment_id;  // empty for a scenario without segments
  double share = 1.0;
  std::vector<Touchpoint> touchpoints;
  std::vector<Transition> transitions;
  std::vector<EntryShare> entry;
  double initial_sentiment = 0.0;
};

// How far a touchpoint's out-probabilities may sum from 1 (rounding in the file).
inline constexpr double probability_sum_tolerance = 1e-9;

// Sets each "rest" probability to 1 minus the other probabilities from the same
// touchpoint. Within probability_sum_tolerance below zero it is 0 (the others
// sum to 1 up to rounding; a "rest" is never negative on the way to the
// engine); further below, the result is negative and validation reports that.
void resolve_rest(std::vector<Transition>& transitions, std::size_t touchpoint_count);

// One journey per segment, or a single one when the scenario has none.
std::vector<Journey> resolve_journeys(const Scenario& scenario);
Journey resolve_journey(const Scenario& scenario, std::optional<std::size_t> segment);

}  // namespace journeysim
