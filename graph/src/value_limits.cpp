// The shared ranges and their wording (value_limits.hpp).
#include "value_limits.hpp"

#include <algorithm>
#include <cmath>

#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim::limits {

bool contains(const Range& range, double x) {
  return (range.above_lo ? x > range.lo : x >= range.lo) && x <= range.hi && (!range.whole || x == std::floor(x));
}

std::string describe(const Range& range) {
  if (range.above_lo) {
    return std::string(range.whole ? "a whole number above " : "above ") + format_number(range.lo) + ", up to " +
           format_number(range.hi);
  }
  return std::string(range.whole ? "a whole number from " : "from ") + format_number(range.lo) + " to " +
         format_number(range.hi);
}

std::optional<Problem> stage_problem(const std::string& stage, const std::vector<std::string>& stages) {
  if (stage.empty() || stages.empty() || std::find(stages.begin(), stages.end(), stage) != stages.end()) {
    return std::nullopt;
  }
  return Problem{"stage " + in_quotes(stage) + " is not among the declared \"stages\"",
                 closest_match(stage, stages) ? did_you_mean(stage, stages) : "add it to \"stages\""};
}

}  // namespace journeysim::limits
