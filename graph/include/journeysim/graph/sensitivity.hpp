// The changes behind `sweep` and `sensitivity`: one field set to a range of
// values (and how that treats segments with their own value), and the
// documented small perturbations of every touchpoint and transition ("what to
// fix first"). Each becomes a what-if variant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "journeysim/graph/diagnostics.hpp"
#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/what_if.hpp"

namespace journeysim {

// `PATH=A..B[:STEP]`, e.g. `touchpoints.checkout.effort=1..7`,
// `transitions.chatbot->resolved.p=0.2..0.8:0.1`, `touchpoints.call.dwell=5m..30m:5m`,
// `touchpoints.phone_queue.capacity.agents=10..20:1`, `arrivals.per_hour=100..200:50`.
// PATH is read by the what-ifs' parser (parse_change_address).
struct SweepSpec {
  ChangeAddress address;
  std::vector<ChangeValue> values;
  std::vector<std::string> labels;  // each value as written for reports
};

// Parses and checks a sweep specification against the scenario; on failure
// returns nothing and says why in `problem`.
std::optional<SweepSpec> parse_sweep(const Scenario& scenario, const std::string& text, std::string& problem);

// The change that sets the sweep's field to its i-th value.
WhatIfChange sweep_change(const SweepSpec& spec, std::size_t i);

// The segments whose customers have their own value of the swept field (an
// override of it, or for a "rest" probability, of the others beside it), in
// the scenario's order.
std::vector<std::string> segments_with_own_value(const Scenario& scenario, const ChangeAddress& address);

// Sweep point i as a variant (made and validated by apply_changes). The
// field is set for the customers of every segment without its own value; a
// segment with its own value keeps it, so the sweep never replaces what a
// persona was given, and a point at the scenario's own value is the baseline
// itself (its changes are exactly 0).
std::optional<Variant> sweep_variant(const Scenario& scenario, const SweepSpec& spec, std::size_t i,
                                     Diagnostics& diagnostics, const std::string& subject);

// Sweep point i's variant, named as reports name it ("PATH = VALUE").
std::optional<Variant> sweep_point(const Scenario& scenario, const SweepSpec& spec, std::size_t i,
                                   Diagnostics& diagnostics);

// Why the sweep cannot run: the problems of its first value that cannot be
// made (a probability that would leave a "rest" below 0); empty when every
// value can. An impossible value stops a sweep before anything runs.
std::vector<Diagnostic> first_impossible_point(const Scenario& scenario, const SweepSpec& spec);

// "What to fix first" (DESIGN section 7): levers a business can pull, each an
// improvement of one thing at one touchpoint (docs/what-if.md):
//   its drop-off x0.9 (its transitions to lost, churned and abandoned
//   endings scaled by 0.9, the rest absorbing),
//   its effort -1 (where above 1),
//   its sentiment change +0.1 (a better moment),
//   its dwell -10% where it is a wait or in the support stage,
//   one more agent where it has a capacity (on every shift of a schedule).
// No lever moves an arbitrary probability: making customers leave earlier
// is never advice.
struct Perturbation {
  std::string label;  // e.g. "checkout: effort -1"
  std::vector<WhatIfChange> changes;
};

inline constexpr double sensitivity_sentiment_step = 0.1;
inline constexpr double sensitivity_dropoff_factor = 0.9;
inline constexpr double sensitivity_wait_factor = 0.9;

std::vector<Perturbation> sensitivity_perturbations(const Scenario& scenario);

}  // namespace journeysim
