// Exact analysis (DESIGN section 9): a journey as an absorbing Markov chain
// (sentiment weights taken as 0, no horizon), solved with sparse LU;
// Markov-chain attribution by removal effects from the fundamental matrix's
// identities (no factorisation per touchpoint); and the most likely complete
// walks by best-first search.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "journeysim/graph/scenario.hpp"

namespace journeysim {

// Raised when a chain cannot be solved: some walks never end.
class AnalysisError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ChainAnalysis {
  std::vector<double> ending_probability;  // per touchpoint: P(the walk ends there); 0 for non-terminals
  std::vector<double> expected_visits;     // per touchpoint (terminals: their ending probability)
  double expected_steps = 0.0;             // transitions per customer, as the `steps` KPI counts them
  double expected_seconds = 0.0;           // from mean dwell times
  double conversion = 0.0;                 // P(ending at a `converted` outcome)
  // Attribution, per touchpoint (0 for terminals): 1 - P(convert | j removed) / P(convert).
  std::vector<double> removal_effect;
  std::vector<double> first_touch;  // share of conversions entering at each touchpoint
  std::vector<double> last_touch;   // share of conversions whose last touchpoint before converting it is
  // Share of the touches of converting walks made at each touchpoint: the
  // expected visits on walks that convert, v_j P(convert from j), normalised
  // (docs/analyze.md says how it relates to a per-path linear split).
  std::vector<double> linear_touch;
  double converting_touches = 0.0;  // expected touches per customer on walks that convert: sum of v_j P(convert from j)
};

// Solves one journey. `channels` lists channel names to attribute; the
// result's removal effect per channel is in `channel_removal_effect`.
ChainAnalysis analyze_journey(const Journey& journey);
std::vector<double> channel_removal_effects(const Journey& journey, const std::vector<std::string>& channels);

struct LikelyWalk {
  std::vector<std::size_t> touchpoints;  // entry first, the ending last
  double probability = 0.0;
};

// The k most likely complete walks ending at each outcome kind (in the order
// of Scenario::outcome_kinds), loops allowed, best first. `complete` says
// whether the search finished within its budget of expansions.
struct LikelyWalks {
  std::vector<std::pair<std::string, std::vector<LikelyWalk>>> by_outcome;
  bool complete = true;
};
LikelyWalks most_likely_walks(const Journey& journey, std::size_t k, std::size_t expansion_budget = 200'000);

// A whole scenario (or a what-if variant's journeys): every segment solved,
// then mixed by share. Probabilities, visits, steps and durations mix
// linearly; removal effects and first and last touch shares mix weighted by
// each segment's conversions, which is exactly the mixture's own removal
// effect; linear touch shares by each segment's converting touches.
struct ScenarioAnalysis {
  ChainAnalysis mixed;
  std::vector<std::pair<std::string, ChainAnalysis>> segments;  // empty without segments
  std::vector<std::string> channels;
  std::vector<double> channel_removal_effect;                     // mixed like removal effects
  std::vector<std::pair<std::string, LikelyWalks>> likely_walks;  // per segment ("" without segments)
  bool approximate = false;  // sentiment weights or a horizon make the figures approximate
  // Why, in part: the transitions (indices into the structure's) with a
  // nonzero sentiment weight in some journey, in index order. The horizon is
  // the structure's own.
  std::vector<std::size_t> weighted_transitions;
};

ScenarioAnalysis analyze_scenario(const Scenario& structure, const std::vector<Journey>& journeys,
                                  std::size_t likely_walks = 5);

}  // namespace journeysim
