// What a what-if changes at one touchpoint or transition, field by field.
// The viewer draws a what-if's journey; a strategist who selects a
// touchpoint there must read the what-if's values (effort 2), marked as
// the what-if's, beside the scenario's (effort 4) that the editor edits.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/what_if.hpp"

namespace journeysim::viewer {

struct FieldChange {
  std::string field;     // as in the file: "effort", "dwell", "p"
  std::string scenario;  // the scenario's value as written ("4", "3m"); "(default)" when it sets none; empty: the
                         // what-if adds it
  std::string variant;   // the what-if's, likewise
  std::string segment;   // empty: in every segment's journey; else the one segment it differs for
};

// The fields of touchpoint `id` that `variant` gives other values than
// `scenario` does (every field, for a touchpoint the variant adds).
std::vector<FieldChange> touchpoint_changes(const Scenario& scenario, const Variant& variant, std::string_view id);
// Likewise for the transition `from`->`to`: its probability (after "rest"
// is resolved) and sentiment weight.
std::vector<FieldChange> transition_changes(const Scenario& scenario, const Variant& variant, std::string_view from,
                                            std::string_view to);

}  // namespace journeysim::viewer
