// "Did you mean": optimal string alignment distance over lower-cased text.
#include "journeysim/graph/suggest.hpp"

#include <algorithm>
#include <cctype>

#include "journeysim/graph/text.hpp"

namespace journeysim {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Three rolling rows: the adjacent-swap rule looks two rows back.
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t substitution = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && edit_distance(text.substr(0, prefix.size()), prefix) == 0;
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // A word cut short ("install_fail") means the word it begins
  // ("install_failed"), before any one typo away ("install_mail"): the
  // shortest such word, when the start is long enough to tell.
  constexpr std::size_t shortest_telling_start = 3;
  std::optional<std::string> best;
  if (word.size() >= shortest_telling_start) {
    for (const std::string& candidate : candidates) {
      if (candidate.size() > word.size() && (!best || candidate.size() < best->size()) &&
          starts_with_ignoring_case(candidate, word)) {
        best = candidate;
      }
    }
    if (best) return best;
  }
  // A typo changes a few characters; longer words tolerate more.
  const std::size_t tolerance = std::max<std::size_t>(2, word.size() / 3);
  std::size_t best_distance = tolerance + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: skip the sure misses
    // (a huge word against many candidates would otherwise take long).
    const std::size_t length_difference =
        word.size() > candidate.size() ? word.size() - candidate.size() : candidate.size() - word.size();
    if (length_difference >= best_distance) continue;
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance && distance < std::max(word.size(), candidate.size())) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  if (const auto match = closest_match(word, candidates)) return "did you mean " + in_quotes(*match) + "?";
  constexpr std::size_t listed = 8;
  std::string list;
  for (std::size_t i = 0; i < candidates.size() && i < listed; ++i) {
    list += (i == 0 ? "" : ", ") + in_quotes(candidates[i]);
  }
  if (candidates.size() > listed) list += " and " + std::to_string(candidates.size() - listed) + " more";
  return candidates.empty() ? std::string() : "use one of " + list;
}

}  // namespace journeysim
