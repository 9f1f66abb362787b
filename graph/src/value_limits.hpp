// The ranges a scenario's numbers must lie in, and the words for a number out
// of its range or a stage not declared: one definition for the loader (what
// the file says) and for what-if variants (what a change makes of it, whether
// the change came from the file, a sweep or sensitivity), so that every number
// that reaches the engine was held to the same rules. Internal to graph/.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace journeysim::limits {

struct Range {
  double lo;
  double hi;
  bool whole = false;     // a whole number
  bool above_lo = false;  // lo itself is excluded: "above 0, up to 1000000"
};

inline constexpr Range effort{1, 7, true};
inline constexpr Range money{0, 1e15};  // cost and revenue
// With sentiment bounded by |S| <= 10 (sentiment_bound), exp(w * S) stays finite.
inline constexpr Range sentiment_weight{-50, 50};
inline constexpr double sentiment_bound = 10.0;
inline constexpr Range share{0, 1};  // entry and segment shares
inline constexpr Range scale_factor{0, 1e9};
inline constexpr Range customers{1, 1e12, true};
inline constexpr Range max_steps{1, 1e9, true};
// The queue model (DESIGN section 8): agents on duty, a queue's length, and
// the arrival rate (a year at the highest rate is some 10^10 customers).
inline constexpr Range agents{0, 1e6, true};
inline constexpr Range queue_limit{0, 1e9, true};
inline constexpr Range per_hour{0, 1e6, false, true};
inline constexpr Range per_day{0, 24e6, false, true};

bool contains(const Range& range, double x);  // false for NaN

// "from 1 to 7", "a whole number from 1 to 7", "above 0, up to 1000000".
std::string describe(const Range& range);

// What is wrong with `stage` given the declared `stages` (none: any stage
// goes), and what to do; nothing when it is fine.
struct Problem {
  std::string message;
  std::string fix;
};
std::optional<Problem> stage_problem(const std::string& stage, const std::vector<std::string>& stages);

}  // namespace journeysim::limits
