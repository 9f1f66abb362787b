// From counts to a scenario: which touchpoints there are and in what order,
// their ids, the transitions with their evidence, the fitted dwell, and what
// each segment does differently.
#include "journeysim/mine/mined_chain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <set>

#include "journeysim/graph/duration.hpp"

namespace journeysim::mine {

namespace {

constexpr std::array<std::string_view, 7> conventional_stages{"awareness", "consideration", "purchase", "onboarding",
                                                              "usage",     "support",       "loyalty"};

// Three significant digits: readable figures, well inside the noise of any
// estimate made from data (the largest rounding, 0.5 in 100, is 0.5%).
double readable(double x) {
  if (x == 0 || !std::isfinite(x)) return x;
  const double scale = std::pow(10.0, 2 - std::floor(std::log10(std::abs(x))));
  return std::round(x * scale) / scale;
}

double cents(double x) { return std::round(x * 100.0) / 100.0; }

// A duration to three significant digits in the largest unit that leaves
// at least 10 of it ("48.1h", "22.8d", "337s"), so that it is written short.
double readable_duration(double seconds) {
  for (const double unit : {seconds_per_day, seconds_per_hour, seconds_per_minute}) {
    const double v = seconds / unit;
    if (v >= 10) return (v >= 100 ? std::round(v) : std::round(v * 10) / 10) * unit;
  }
  return readable(seconds);
}

Distribution readable(Distribution d) {
  d.a = readable_duration(d.a);
  d.b = readable_duration(d.b);
  for (double& v : d.values) v = readable_duration(v);
  if (d.kind == DistributionKind::lognormal && d.b <= d.a) d.b = std::nextafter(d.a, 1e300);
  return d;
}

// The chi-square value a statistic with `df` degrees of freedom exceeds with
// probability 0.001 (Wilson-Hilferty), the bar for "this segment differs".
double chi_square_critical(std::size_t df) {
  const double k = static_cast<double>(df);
  const double z = 3.090232306167813;
  const double c = 1.0 - 2.0 / (9.0 * k) + z * std::sqrt(2.0 / (9.0 * k));
  return k * c * c * c;
}

// A dwell of one segment differs from everyone's when its median or 90th
// percentile is more than 2% away and beyond three standard errors of a median.
bool dwell_differs(const DwellSample& segment, const DwellSample& everyone) {
  constexpr std::uint64_t min_sample = 30;
  if (segment.count() < min_sample) return false;
  const double m = segment.quantile(0.5), p = segment.quantile(0.9);
  const double M = everyone.quantile(0.5), P = everyone.quantile(0.9);
  if (m <= 0 || M <= 0) return m != M || p != P;
  const double sigma = p > m ? std::log(p / m) / z_90 : 0.1;
  const double noise = 3.0 * 1.2533 * sigma / std::sqrt(static_cast<double>(segment.count()));
  const double bar = std::max(std::log(1.02), noise);
  return std::abs(std::log(m / M)) > bar || (p > 0 && P > 0 && std::abs(std::log(p / P)) > bar * 1.5);
}

}  // namespace

namespace {

std::string state_id(const MinedTouchpoint& t) {
  if (t.sequence.empty()) return readable_id(t.label);
  std::string id;
  for (const std::string& part : t.sequence) id += (id.empty() ? "" : "__") + readable_id(part);
  return id;
}

// "Cart (after Search)", "Cart (after Search, Product page)": the touchpoint
// last, the ones remembered in the order they came.
std::string state_name(const std::vector<std::string>& sequence) {
  std::string after;
  for (std::size_t i = 0; i + 1 < sequence.size(); ++i) after += (after.empty() ? "" : ", ") + sequence[i];
  return sequence.back() + " (after " + after + ")";
}

}  // namespace

std::string readable_id(std::string_view label) {
  std::string id;
  bool gap = false;
  for (const char c : label) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (gap && !id.empty()) id += '_';
      gap = false;
      id += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else {
      gap = true;  // '_' too: runs of separators become one underscore
    }
  }
  if (id.empty()) id = "touchpoint";
  if (id == outcome_kind::active || id == outcome_kind::unfinished) id += "_touchpoint";
  return id;
}

BuiltScenario build_scenario(const MinedChain& chain, const ScenarioText& text, const BuildOptions& options) {
  BuiltScenario built;
  const std::size_t mined = chain.touchpoints.size();
  std::vector<bool> leaves(mined, false);
  for (const auto& [move, n] : chain.moves) leaves[move.first] = true;

  // 1. Which scenario touchpoint each mined one becomes: rare ones merge into "other".
  constexpr std::uint32_t merged = static_cast<std::uint32_t>(-1);
  std::vector<std::uint32_t> group(mined, 0);
  std::vector<std::string> rare;
  for (std::uint32_t i = 0; i < mined; ++i) {
    const MinedTouchpoint& t = chain.touchpoints[i];
    const bool is_rare = t.outcome.empty() && t.visits < options.min_visits;
    group[i] = is_rare ? merged : i;
    if (is_rare) rare.push_back(t.label + " (" + std::to_string(t.visits) + ")");
  }
  // 2. Order: by stage, then first appearance; touchpoints without a stage, then "other", then endings.
  std::vector<std::string> stage_order;
  std::vector<std::string> unconventional;
  for (const MinedTouchpoint& t : chain.touchpoints) {
    if (t.stage.empty() || !t.outcome.empty()) continue;
    if (std::find(conventional_stages.begin(), conventional_stages.end(), t.stage) == conventional_stages.end() &&
        std::find(unconventional.begin(), unconventional.end(), t.stage) == unconventional.end()) {
      unconventional.push_back(t.stage);
    }
  }
  for (std::string_view s : conventional_stages) {
    if (std::any_of(chain.touchpoints.begin(), chain.touchpoints.end(),
                    [&](const MinedTouchpoint& t) { return t.outcome.empty() && t.stage == s; })) {
      stage_order.emplace_back(s);
    }
  }
  stage_order.insert(stage_order.end(), unconventional.begin(), unconventional.end());
  const auto rank = [&](std::uint32_t i) -> std::size_t {
    const MinedTouchpoint& t = chain.touchpoints[i];
    if (!t.outcome.empty()) return 3000;
    if (group[i] == merged) return 2000;
    if (t.stage.empty()) return 1000;
    return static_cast<std::size_t>(std::find(stage_order.begin(), stage_order.end(), t.stage) - stage_order.begin());
  };
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < mined; ++i) {
    if (group[i] != merged) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return rank(a) < rank(b); });
  const bool any_rare = !rare.empty();
  // Scenario index of each mined touchpoint.
  std::vector<std::size_t> index_of(mined, 0);
  std::optional<std::size_t> other_index;
  {
    std::size_t next = 0;
    for (const std::uint32_t i : order) {
      if (any_rare && rank(i) >= 3000 && !other_index) other_index = next++;
      index_of[i] = next++;
    }
    if (any_rare && !other_index) other_index = next++;
    for (std::uint32_t i = 0; i < mined; ++i) {
      if (group[i] == merged) index_of[i] = *other_index;
    }
    built.sources.assign(next, {});
    for (std::uint32_t i = 0; i < mined; ++i) built.sources[index_of[i]].push_back(i);
  }
  if (any_rare) {
    std::string list;
    for (const std::string& r : rare) list += (list.empty() ? "" : ", ") + r;
    built.notes.push_back({std::to_string(rare.size()) + " touchpoints seen fewer than " +
                               std::to_string(options.min_visits) + " times merged into \"other\": " + list,
                           "lower --min-visits to keep them apart"});
  }

  // 3. The touchpoints, with readable unique ids.
  Scenario& s = built.scenario;
  s.name = text.name;
  s.description = text.description;
  s.horizon = chain.horizon;
  std::set<std::string> taken;
  s.touchpoints.resize(built.sources.size());
  for (std::size_t k = 0; k < built.sources.size(); ++k) {
    Touchpoint& t = s.touchpoints[k];
    const std::vector<std::uint32_t>& from = built.sources[k];
    const bool is_other = other_index && k == *other_index;
    const MinedTouchpoint& first = chain.touchpoints[from.front()];
    const std::string base_id = is_other ? "other" : state_id(first);
    std::string id = base_id;
    if (!is_other && !first.sequence.empty()) {
      t.name = state_name(first.sequence);
    } else if (!is_other && id != first.label) {
      t.name = first.label;
    }
    for (int n = 2; !taken.insert(id).second; ++n) id = base_id + "_" + std::to_string(n);
    t.id = id;
    if (!is_other) {
      t.stage = first.outcome.empty() ? first.stage : "";
      t.channel = first.outcome.empty() ? first.channel : "";
      t.outcome = first.outcome;
    } else {
      t.description = "touchpoints seen fewer than " + std::to_string(options.min_visits) + " times";
    }
    DwellSample dwell;
    std::uint64_t visits = 0;
    double revenue = 0, cost = 0;
    for (const std::uint32_t i : from) {
      dwell.merge(chain.touchpoints[i].dwell);
      visits += chain.touchpoints[i].visits;
      revenue += chain.touchpoints[i].revenue_sum;
      cost += chain.touchpoints[i].cost_sum;
    }
    if (visits > 0) {
      t.revenue = cents(revenue / static_cast<double>(visits));
      if (!t.terminal()) t.cost = cents(cost / static_cast<double>(visits));
    }
    if (!t.terminal()) t.dwell = readable(fit_dwell(dwell).distribution);
  }
  for (const std::string& stage : stage_order) s.stages.push_back(stage);

  // 4. Transitions: the moves between scenario touchpoints, with their evidence.
  const auto grouped_moves = [&](const Moves& moves) {
    std::map<std::size_t, std::map<std::size_t, std::uint64_t>> out;  // from -> to -> count
    for (const auto& [move, n] : moves) out[index_of[move.first]][index_of[move.second]] += n;
    return out;
  };
  const auto pooled = grouped_moves(chain.moves);
  std::optional<std::size_t> lost_index;
  for (std::size_t k = 0; k < s.touchpoints.size(); ++k) {
    if (s.touchpoints[k].terminal()) continue;
    const auto out = pooled.find(k);
    if (out == pooled.end()) {
      // Everyone seen here was still here at the end of the log.
      if (!lost_index) {
        for (std::size_t j = 0; j < s.touchpoints.size(); ++j) {
          if (s.touchpoints[j].outcome == outcome_kind::lost) lost_index = j;
        }
        if (!lost_index) {
          Touchpoint lost;
          lost.id = taken.insert("lost").second ? "lost" : "lost_end";
          lost.outcome = std::string(outcome_kind::lost);
          s.touchpoints.push_back(lost);
          built.sources.emplace_back();
          lost_index = s.touchpoints.size() - 1;
        }
      }
      Transition t;
      t.from = k;
      t.to = *lost_index;
      t.p = Probability{1.0, false};
      t.description = "no customer was seen leaving; every one was still here when the log ended";
      s.transitions.push_back(t);
      built.notes.push_back({"no customer was seen leaving \"" + s.touchpoints[k].id + "\"; it leads to \"" +
                                 s.touchpoints[*lost_index].id + "\" in the mined scenario",
                             "edit its transitions, or mine a log that runs longer"});
      continue;
    }
    const std::uint64_t of = std::accumulate(out->second.begin(), out->second.end(), std::uint64_t{0},
                                             [](std::uint64_t a, const auto& e) { return a + e.second; });
    for (const auto& [to, count] : out->second) {
      Transition t;
      t.from = k;
      t.to = to;
      t.p = Probability{static_cast<double>(count) / static_cast<double>(of), false};
      t.observed = Observed{count, of};
      s.transitions.push_back(t);
    }
  }

  // 5. Entry shares from first events.
  const auto entry_shares = [&](const Entries& entries) {
    std::map<std::size_t, std::uint64_t> counts;
    std::uint64_t total = 0;
    for (const auto& [tp, n] : entries) {
      counts[index_of[tp]] += n;
      total += n;
    }
    std::vector<EntryShare> shares;
    for (const auto& [k, n] : counts) shares.push_back({k, static_cast<double>(n) / static_cast<double>(total)});
    return shares;
  };
  s.entry = entry_shares(chain.entry);
  std::uint64_t journeys = 0;
  for (const auto& [tp, n] : chain.entry) journeys += n;
  s.customers = std::max<std::uint64_t>(1, journeys);

  // 6. Segments: their share and entry, and their own transitions and dwell where they differ.
  std::uint64_t segment_journeys = 0;
  for (const MinedSegment& g : chain.segments) segment_journeys += g.journeys;
  std::set<std::string> segment_ids;
  for (const MinedSegment& g : chain.segments) {
    if (g.journeys == 0) continue;
    Segment segment;
    segment.id = readable_id(g.label);
    for (int n = 2; !segment_ids.insert(segment.id).second; ++n)
      segment.id = readable_id(g.label) + "_" + std::to_string(n);
    if (segment.id != g.label) segment.name = g.label;
    segment.share = static_cast<double>(g.journeys) / static_cast<double>(segment_journeys);
    segment.entry = entry_shares(g.entry);
    for (const auto& [from, targets] : grouped_moves(g.moves)) {
      const auto& everyone = pooled.at(from);
      std::uint64_t n = 0, total = 0;
      for (const auto& [to, count] : targets) n += count;
      for (const auto& [to, count] : everyone) total += count;
      double statistic = 0.0;
      for (const auto& [to, count] : everyone) {
        const double expected = static_cast<double>(n) * static_cast<double>(count) / static_cast<double>(total);
        const auto mine = targets.find(to);
        const double seen = mine == targets.end() ? 0.0 : static_cast<double>(mine->second);
        statistic += (seen - expected) * (seen - expected) / expected;
      }
      if (everyone.size() < 2 || statistic <= chi_square_critical(everyone.size() - 1)) continue;
      for (const auto& [to, count] : everyone) {
        const auto mine = targets.find(to);
        TransitionOverride o;
        o.transition = *s.find_transition(from, to);
        o.p = Probability{mine == targets.end() ? 0.0 : static_cast<double>(mine->second) / static_cast<double>(n),
                          false};
        segment.transitions.push_back(o);
      }
    }
    for (const auto& [tp, sample] : g.dwell) {
      const std::size_t k = index_of[tp];
      if (built.sources[k].size() != 1) continue;  // "other" keeps everyone's dwell
      if (!dwell_differs(sample, chain.touchpoints[tp].dwell)) continue;
      TouchpointOverride o;
      o.touchpoint = k;
      o.dwell = readable(fit_dwell(sample).distribution);
      segment.touchpoints.push_back(o);
    }
    s.segments.push_back(std::move(segment));
  }
  return built;
}

}  // namespace journeysim::mine
