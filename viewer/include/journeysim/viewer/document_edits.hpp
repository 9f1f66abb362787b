// The viewer's edits of a scenario document: probabilities by DESIGN section
// 7's rule, transitions added and removed, touchpoints inserted on a flow,
// endings added, touchpoints removed with their inflow sent elsewhere. Each is
// a pure function from the document to the edited document (no ImGui), so it
// can be tested on its own; the loader still validates every result before
// the viewer takes it, exactly as it validates a file.
//
// Structural edits change the base journey. Segment overrides that name a
// removed touchpoint or transition are dropped with it, and those of a
// retargeted transition follow it, so that the document stays loadable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "journeysim/graph/json_document.hpp"
#include "journeysim/graph/scenario.hpp"

namespace journeysim::viewer {

struct DocumentEdit {
  Json document;
  std::string problem;  // why the edit cannot be made; empty when it was
  bool ok() const { return problem.empty(); }
};

// Transition k's probability set to `p`: the touchpoint's "rest" absorbs the
// change when it has one (and it is not k), otherwise the touchpoint's other
// transitions are rescaled in proportion.
Json with_probability(Json document, std::size_t k, double p);

// Transition k's sentiment weight set to `weight` (to 6 significant digits:
// a dragged float saves as 0.35, not 0.34999999403953552).
Json with_sentiment_weight(Json document, std::size_t k, double weight);

// A new transition FROM -> TO with probability 0 (raise it afterwards).
DocumentEdit with_transition_added(Json document, const Scenario& scenario, std::size_t from, std::size_t to);

// Transition k removed; its probability goes to the touchpoint's "rest" if it
// has another, else the others are rescaled to sum to 1 again.
DocumentEdit with_transition_removed(Json document, const Scenario& scenario, std::size_t k);

// `touchpoint` (a touchpoint object with a new id) placed on transition k:
// FROM -> new takes k's probability, and new -> TO has probability 1.
DocumentEdit with_touchpoint_on_flow(Json document, const Scenario& scenario, std::size_t k, Json touchpoint);

// `ending` (a terminal touchpoint object with a new id and an outcome)
// reached from touchpoint `from` with probability `p`, taken from the others
// by with_probability's rule.
DocumentEdit with_ending_added(Json document, const Scenario& scenario, std::size_t from, Json ending, double p);

// Touchpoint `removed` taken out: transitions into it go to `inflow_to`
// instead (merged with one that is already there), its own transitions go
// with it, and its entry shares move to `inflow_to`.
DocumentEdit with_touchpoint_removed(Json document, std::size_t removed, std::size_t inflow_to);

// Why `id` cannot name a new touchpoint, or empty: the syntax, a reserved
// name, or one already taken.
std::string new_touchpoint_id_problem(const Scenario& scenario, std::string_view id);

}  // namespace journeysim::viewer
