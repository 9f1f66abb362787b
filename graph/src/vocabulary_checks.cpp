// Near-misses of the vocabulary and other figures that would silently read
// as something else.
#include "vocabulary_checks.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim {

namespace {

const std::vector<std::string> outcome_vocabulary{
    std::string(outcome_kind::converted), std::string(outcome_kind::churned), std::string(outcome_kind::abandoned),
    std::string(outcome_kind::lost)};
const std::vector<std::string> stage_vocabulary{"awareness", "consideration", "purchase", "onboarding",
                                                "usage",     "support",       "loyalty"};

std::string lower(std::string_view word) {
  std::string out(word);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The vocabulary word `word` nearly is: the same but for case, or an edit or
// two away (one for short words: "left" is not a misspelt "lost").
std::optional<std::string> near_miss(std::string_view word, const std::vector<std::string>& vocabulary) {
  if (std::find(vocabulary.begin(), vocabulary.end(), word) != vocabulary.end()) return std::nullopt;
  const std::string folded = lower(word);
  std::optional<std::string> best;
  std::size_t best_distance = word.size() <= 4 ? 2 : 3;
  for (const std::string& term : vocabulary) {
    const std::size_t distance = folded == term ? 0 : edit_distance(folded, term);
    if (distance < best_distance) {
      best_distance = distance;
      best = term;
    }
  }
  return best;
}

// Every touchpoint some walk can reach: from any journey's entry, over transitions with p > 0.
std::vector<bool> reachable(const Scenario& scenario) {
  std::vector<bool> seen(scenario.touchpoints.size(), false);
  std::vector<std::size_t> stack;
  for (const Journey& journey : resolve_journeys(scenario)) {
    for (const EntryShare& e : journey.entry) {
      if (e.share > 0.0 && e.touchpoint < seen.size()) stack.push_back(e.touchpoint);
    }
    std::vector<bool> in_journey(seen.size(), false);
    while (!stack.empty()) {
      const std::size_t at = stack.back();
      stack.pop_back();
      if (in_journey[at]) continue;
      in_journey[at] = true;
      seen[at] = true;
      for (const Transition& t : journey.transitions) {
        if (t.from == at && t.p.value > 0.0 && !in_journey[t.to]) stack.push_back(t.to);
      }
    }
  }
  return seen;
}

}  // namespace

void warn_vocabulary(const Scenario& scenario, const ModelPaths& paths, Diagnostics& diagnostics) {
  const auto path_of = [&](std::size_t i, std::string_view key) {
    return path_key(i < paths.touchpoints.size() ? paths.touchpoints[i] : path_index("touchpoints", i), key);
  };
  std::set<std::string> warned;  // each word once, where it first appears
  for (std::size_t i = 0; i < scenario.touchpoints.size(); ++i) {
    const Touchpoint& t = scenario.touchpoints[i];
    if (t.terminal() && warned.insert("outcome:" + t.outcome).second) {
      if (const auto meant = near_miss(t.outcome, outcome_vocabulary)) {
        diagnostics.warning(
            path_of(i, "outcome"),
            "outcome " + in_quotes(t.outcome) + " is a custom name, so it counts towards no headline rate",
            "did you mean " + in_quotes(*meant) + "?");
      }
    }
    if (!t.stage.empty() && warned.insert("stage:" + t.stage).second && t.stage != scenario.abandonment_from) {
      if (const auto meant = near_miss(t.stage, stage_vocabulary)) {
        diagnostics.warning(path_of(i, "stage"),
                            "stage " + in_quotes(t.stage) + " is a custom name, not the " + in_quotes(*meant) +
                                " stage that " +
                                (*meant == stage_name::purchase  ? "cart abandonment counts from"
                                 : *meant == stage_name::support ? "time to resolution measures"
                                                                 : "reports name"),
                            "did you mean " + in_quotes(*meant) + "?");
      }
    }
  }

  if (scenario.has_outcome(outcome_kind::abandoned) && !scenario.has_checkout()) {
    for (std::size_t i = 0; i < scenario.touchpoints.size(); ++i) {
      if (scenario.touchpoints[i].outcome != outcome_kind::abandoned) continue;
      diagnostics.warning(path_of(i, "outcome"),
                          "an \"abandoned\" ending, but nothing says where checkout begins, so abandonment_rate is "
                          "undefined",
                          "give the checkout touchpoints the stage \"purchase\", or set \"abandonment_from\" to the "
                          "stage or touchpoint where checkout begins");
      break;
    }
  }

  if (scenario.horizon && *scenario.horizon < seconds_per_day) {
    const double minutes = *scenario.horizon / seconds_per_minute;
    const bool whole_minutes = minutes == std::floor(minutes);
    diagnostics.warning("horizon",
                        "a horizon of " + format_duration(*scenario.horizon) +
                            " is under a day: customers are followed for that long only (\"m\" is minutes)",
                        whole_minutes
                            ? "months are \"mo\" and years \"y\": did you mean \"" + format_number(minutes) + "mo\"?"
                            : "write the horizon in days, months or years, e.g. \"90d\", \"12mo\", \"1y\"");
  }

  const std::vector<bool> seen = reachable(scenario);
  for (std::size_t i = 0; i < scenario.touchpoints.size(); ++i) {
    if (!scenario.touchpoints[i].converts || seen[i]) continue;
    diagnostics.warning(path_of(i, "converts"),
                        "touchpoint " + in_quotes(scenario.touchpoints[i].id) +
                            " converts, but no walk can reach it: it converts nobody",
                        "add a transition into it, or mark the touchpoint customers reach when they convert");
  }
}

}  // namespace journeysim
