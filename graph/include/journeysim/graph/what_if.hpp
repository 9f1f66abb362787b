// Applying what-if variants (DESIGN section 7; the changes themselves are part
// of the model, in scenario.hpp) to every segment's effective journey.
//
// A variant keeps the base scenario's touchpoint and transition indices:
// added touchpoints and transitions are appended, removed ones stay in place
// with no probability. That keeps the keyed random draws of a customer at a
// touchpoint the same in the baseline and the variant, which is what pairs
// them customer by customer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journeysim/graph/diagnostics.hpp"
#include "journeysim/graph/scenario.hpp"

namespace journeysim {

// A scenario with one what-if applied: the structure (touchpoints and
// transitions, base indices first) and each segment's effective journey.
struct Variant {
  std::string name;
  std::optional<double> cost;
  std::vector<Touchpoint> touchpoints;
  std::vector<std::string> removed_touchpoints;
  std::vector<Journey> journeys;     // one per segment, as resolve_journeys
  std::optional<Arrivals> arrivals;  // the queue model's arrivals (shared by every segment), as changed
};

// A change's address from its text: `touchpoints.ID.FIELD`,
// `transitions.FROM->TO.FIELD` (or `transitions.FROM->TO` for a change that
// takes a whole transition: `needs_field` false), or a field of the scenario
// (`arrivals.per_hour`, `arrivals.per_day`). Checks the form and the field's
// name, not that the ids exist (a variant's changes may add them). The one
// parser of addresses: the file's what-ifs, sweep's --set and the levers.
struct AddressParse {
  std::optional<ChangeAddress> address;
  std::string problem;  // why not: the message, and what to do
  std::string fix;
};
AddressParse parse_change_address(std::string_view text, bool needs_field = true);

// The fields a `set` may name: of a touchpoint (`capacity.schedule.K.agents`
// stands for every shift index K), of a transition, and of the scenario.
const std::vector<std::string>& touchpoint_change_fields();
const std::vector<std::string>& transition_change_fields();
const std::vector<std::string>& scenario_change_fields();
// Whether `scale` may name the field (it is a number or a duration).
bool scalable_field(const std::string& field);
// `capacity.schedule.K.agents` -> K; nothing for any other field.
std::optional<std::size_t> shift_index(std::string_view field);

// The base scenario with the variant's touchpoints and transitions: the
// structure a variant is reported over (names, indices). Its segments'
// overrides are the base's; the variant's own journeys carry the truth.
Scenario variant_structure(const Scenario& base, const Variant& variant);

// Applies what-if `index` of `scenario`. Problems (unknown ids, results out
// of [0, 1], an invalid variant) are reported into `diagnostics` at the
// change's path, naming the variant and the change; the result is then empty.
std::optional<Variant> apply_what_if(const Scenario& scenario, std::size_t index, Diagnostics& diagnostics);

// Every what-if of a scenario the loader built (and so validated), as
// variants in the scenario's order.
std::vector<Variant> every_what_if(const Scenario& scenario);

// The loader's check of what-if `index` when some of its changes could not be
// read: its first `count` changes are applied and their problems reported;
// the variant, incomplete, is not validated.
void apply_leading_changes(const Scenario& scenario, std::size_t index, std::size_t count, Diagnostics& diagnostics);

// A variant from changes made in code (sweep and sensitivity make these on
// the fly); `label` names it in reports, `subject` in messages ("the sweep
// value 0.6"; the label when empty).
std::optional<Variant> apply_changes(const Scenario& scenario, const std::string& label,
                                     const std::vector<WhatIfChange>& changes, Diagnostics& diagnostics,
                                     const std::string& subject = {});

// An edited copy of `base` (edited in the viewer: fields, probabilities,
// touchpoints and transitions added or removed) as a variant of it, so that a
// run of the edit pairs customer by customer with the pinned baseline. The
// base's touchpoints and transitions keep their indices (those the edit
// removed stay, with no way in and no probability), and the edit's new ones
// are appended, as apply_what_if does. Fails, saying why in `why_not`, when
// the two cannot be paired: their segments differ.
std::optional<Variant> variant_from_edit(const Scenario& base, const Scenario& edited, const std::string& label,
                                         std::string* why_not = nullptr);

}  // namespace journeysim
