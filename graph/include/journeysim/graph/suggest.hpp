// "Did you mean": the closest known word to a misspelt one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim {

// Edit distance (insertions, deletions, substitutions, adjacent swaps), case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// The fix for an unknown word: `did you mean "x"?`, or with no close match `use one of a, b, c`
// (the list cut short when long).
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace journeysim
