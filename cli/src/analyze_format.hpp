// Writing an exact analysis (graph/markov.hpp) as JSON, CSV (long format) or
// a table for people: the output of `journeysim analyze` (DESIGN section 10).
// Pure functions from the analysis to text; `structure` supplies the ids
// (the scenario, or a what-if variant's variant_structure()).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "journeysim/graph/markov.hpp"
#include "journeysim/graph/scenario.hpp"
#include "report_format.hpp"

namespace journeysim::cli {

// Keys, in order: scenario, what_if (when given), segment (when one segment
// of several was analysed), approximate, approximations, outcomes (terminal
// id -> probability), expected_steps, expected_hours, touchpoints (id ->
// {expected_visits}), goal ({outcome_kind, probability}), attribution
// (non-terminal id -> {removal_effect, share}), channels (channel ->
// {removal_effect, share}), first_touch and last_touch (id -> share of
// conversions), likely_paths (per segment: {segment, share, complete,
// by_ending: {"any" | outcome kind: [{path, probability}]}}), segments (id ->
// the same figures for that segment). Attribution figures are null when the
// goal is never reached.
nlohmann::ordered_json analysis_json(const Scenario& structure, const ExactAnalysis& analysis,
                                     std::string_view what_if = {});

// `section,key,metric,value,ci95_lo,ci95_hi`, the interval columns empty:
// exact figures have no simulation noise.
std::string analysis_csv(const Scenario& structure, const ExactAnalysis& analysis);

std::string analysis_table(const Scenario& structure, const ExactAnalysis& analysis, std::string_view what_if = {});

std::string format_analysis(const Scenario& structure, const ExactAnalysis& analysis, Format format,
                            std::string_view what_if = {});

}  // namespace journeysim::cli
