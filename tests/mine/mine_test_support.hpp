// What the mine tests read in a result: its problems as the command line
// prints them, and a transition by its ends' ids.
#pragma once

#include <string>
#include <string_view>

#include "journeysim/mine/mine_result.hpp"

namespace journeysim::mine::test_support {

// Every problem as one "FILE:LINE:COL: ..." line, each ended by a line break.
inline std::string problem_lines(const MineResult& r, std::string_view file) {
  std::string out;
  for (const RowProblem& p : r.problems) out += format_problem(p, file) + "\n";
  return out;
}

// The transition FROM->TO, or null when either touchpoint or the transition is missing.
inline const Transition* find_transition(const Scenario& s, std::string_view from, std::string_view to) {
  const auto f = s.find_touchpoint(from), t = s.find_touchpoint(to);
  if (!f || !t) return nullptr;
  const auto i = s.find_transition(*f, *t);
  return i ? &s.transitions[*i] : nullptr;
}

}  // namespace journeysim::mine::test_support
