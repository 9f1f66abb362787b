// Absorbing-chain solutions with Eigen's SparseLU, removal effects through
// the fundamental matrix's diagonal (solved per strongly connected component),
// and best-first search for likely walks.
#include "journeysim/graph/absorbing_chain.hpp"

#include <algorithm>
#include <cmath>
#include <queue>

#include <Eigen/SparseCore>
#include <Eigen/SparseLU>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include "inverse_diagonal.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim {

namespace {

using SparseMatrix = Eigen::SparseMatrix<double>;
using Vector = Eigen::VectorXd;

// The transient (non-terminal) touchpoints, numbered 0..m-1.
struct TransientIndex {
  std::vector<std::ptrdiff_t> of;  // per touchpoint: transient index or -1
  std::vector<std::size_t> touchpoint;
};

TransientIndex index_transients(const Journey& journey) {
  TransientIndex index;
  index.of.assign(journey.touchpoints.size(), -1);
  for (std::size_t i = 0; i < journey.touchpoints.size(); ++i) {
    if (journey.touchpoints[i].terminal()) continue;
    index.of[i] = static_cast<std::ptrdiff_t>(index.touchpoint.size());
    index.touchpoint.push_back(i);
  }
  return index;
}

// I - Q over the transient states, leaving out the rows of `removed` states
// (they become absorbing: a removed touchpoint's inflow goes nowhere).
SparseMatrix i_minus_q(const Journey& journey, const TransientIndex& index, const std::vector<bool>& removed) {
  const auto m = static_cast<Eigen::Index>(index.touchpoint.size());
  std::vector<Eigen::Triplet<double>> entries;
  for (Eigen::Index i = 0; i < m; ++i) entries.emplace_back(i, i, 1.0);
  for (const Transition& t : journey.transitions) {
    const auto from = index.of[t.from];
    const auto to = index.of[t.to];
    if (from < 0 || to < 0 || t.p.value == 0.0 || removed[t.from]) continue;
    entries.emplace_back(from, to, -t.p.value);
  }
  SparseMatrix a(m, m);
  a.setFromTriplets(entries.begin(), entries.end());
  a.makeCompressed();
  return a;
}

struct Factor {
  Eigen::SparseLU<SparseMatrix> lu;
  explicit Factor(const SparseMatrix& a) {
    lu.analyzePattern(a);
    lu.factorize(a);
    if (lu.info() != Eigen::Success) {
      throw AnalysisError(
          "the journey has a cycle no walk can leave, so exact figures do not exist; "
          "give every cycle a way out to an ending");
    }
  }
  Vector solve(const Vector& b) const {
    Vector x = lu.solve(b);
    return x;
  }
};

// Per transient state: P(ending at a converted outcome), and the entry distribution.
Vector conversion_rewards(const Journey& journey, const TransientIndex& index) {
  Vector r = Vector::Zero(static_cast<Eigen::Index>(index.touchpoint.size()));
  for (const Transition& t : journey.transitions) {
    const auto from = index.of[t.from];
    if (from >= 0 && journey.touchpoints[t.to].outcome == outcome_kind::converted) r[from] += t.p.value;
  }
  return r;
}

Vector entry_vector(const Journey& journey, const TransientIndex& index) {
  Vector a = Vector::Zero(static_cast<Eigen::Index>(index.touchpoint.size()));
  for (const EntryShare& e : journey.entry) {
    if (index.of[e.touchpoint] >= 0) a[index.of[e.touchpoint]] += e.share;
  }
  return a;
}

double direct_entry_conversion(const Journey& journey) {
  double p = 0.0;
  for (const EntryShare& e : journey.entry) {
    if (journey.touchpoints[e.touchpoint].outcome == outcome_kind::converted) p += e.share;
  }
  return p;
}

// diag((I - Q)^-1): expected visits to j when starting at j. Returns to j stay
// in j's strongly connected component, so each component is handled on its
// own, by selected inversion of its block: one factorisation per component.
Vector fundamental_diagonal(const Journey& journey, const TransientIndex& index) {
  const std::size_t m = index.touchpoint.size();
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph graph(m);
  std::vector<double> self_loop(m, 0.0);
  for (const Transition& t : journey.transitions) {
    const auto from = index.of[t.from];
    const auto to = index.of[t.to];
    if (from < 0 || to < 0 || t.p.value == 0.0) continue;
    if (from == to) self_loop[static_cast<std::size_t>(from)] += t.p.value;
    boost::add_edge(static_cast<std::size_t>(from), static_cast<std::size_t>(to), graph);
  }
  std::vector<std::size_t> component(m);
  const std::size_t count = m == 0 ? 0 : boost::strong_components(graph, component.data());
  std::vector<std::vector<std::size_t>> members(count);
  for (std::size_t i = 0; i < m; ++i) members[component[i]].push_back(i);

  Vector diagonal = Vector::Ones(static_cast<Eigen::Index>(m));
  for (const std::vector<std::size_t>& group : members) {
    if (group.size() == 1) {
      // On no cycle (1 visit), or on a self-loop only (a geometric number of visits).
      diagonal[static_cast<Eigen::Index>(group[0])] = 1.0 / (1.0 - self_loop[group[0]]);
      continue;
    }
    std::vector<std::ptrdiff_t> local(m, -1);
    for (std::size_t k = 0; k < group.size(); ++k) local[group[k]] = static_cast<std::ptrdiff_t>(k);
    const auto g = static_cast<Eigen::Index>(group.size());
    std::vector<Eigen::Triplet<double>> entries;
    for (Eigen::Index k = 0; k < g; ++k) entries.emplace_back(k, k, 1.0);
    for (const Transition& t : journey.transitions) {
      const auto from = index.of[t.from];
      const auto to = index.of[t.to];
      if (from < 0 || to < 0 || t.p.value == 0.0) continue;
      const auto a = local[static_cast<std::size_t>(from)];
      const auto b = local[static_cast<std::size_t>(to)];
      if (a >= 0 && b >= 0) entries.emplace_back(a, b, -t.p.value);
    }
    SparseMatrix block(g, g);
    block.setFromTriplets(entries.begin(), entries.end());
    block.makeCompressed();
    // Selected inversion: the diagonal of the block's inverse from one
    // factorisation, not one solve per member.
    Vector inverse;
    try {
      inverse = detail::inverse_diagonal(block);
    } catch (const std::runtime_error&) {
      throw AnalysisError(
          "the journey has a cycle no walk can leave, so exact figures do not exist; "
          "give every cycle a way out to an ending");
    }
    for (Eigen::Index k = 0; k < g; ++k)
      diagonal[static_cast<Eigen::Index>(group[static_cast<std::size_t>(k)])] = inverse[k];
  }
  return diagonal;
}

}  // namespace

ChainAnalysis analyze_journey(const Journey& journey) {
  const TransientIndex index = index_transients(journey);
  const std::size_t n = journey.touchpoints.size();
  ChainAnalysis out;
  out.ending_probability.assign(n, 0.0);
  out.expected_visits.assign(n, 0.0);
  out.removal_effect.assign(n, 0.0);
  out.first_touch.assign(n, 0.0);
  out.last_touch.assign(n, 0.0);
  out.linear_touch.assign(n, 0.0);

  const std::vector<bool> none_removed(n, false);
  const SparseMatrix a = i_minus_q(journey, index, none_removed);
  const SparseMatrix at = a.transpose();
  const Vector entry = entry_vector(journey, index);
  // v = a^T N: expected visits from the entry distribution; solve (I - Q)^T v = a.
  const Vector visits = index.touchpoint.empty() ? Vector() : Factor(at).solve(entry);
  // b = N r: probability of converting from each state; solve (I - Q) b = r.
  const Vector rewards = conversion_rewards(journey, index);
  const Vector convert_from = index.touchpoint.empty() ? Vector() : Factor(a).solve(rewards);

  for (std::size_t k = 0; k < index.touchpoint.size(); ++k) {
    const std::size_t tp = index.touchpoint[k];
    const double v = visits[static_cast<Eigen::Index>(k)];
    out.expected_visits[tp] = v;
    out.expected_steps += v;
    out.expected_seconds += v * journey.touchpoints[tp].dwell.mean();
  }
  for (const Transition& t : journey.transitions) {
    const auto from = index.of[t.from];
    if (from >= 0 && journey.touchpoints[t.to].terminal()) {
      out.ending_probability[t.to] += visits[from] * t.p.value;
    }
  }
  for (const EntryShare& e : journey.entry) {
    if (journey.touchpoints[e.touchpoint].terminal()) out.ending_probability[e.touchpoint] += e.share;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (journey.touchpoints[i].terminal()) out.expected_visits[i] = out.ending_probability[i];
    if (journey.touchpoints[i].outcome == outcome_kind::converted) out.conversion += out.ending_probability[i];
  }
  if (out.conversion <= 0.0 || index.touchpoint.empty()) return out;

  // Removal effect of j: P(convert and visit j) / P(convert), where
  // P(visit j) = v_j / N_jj and P(convert | at j) = b_j.
  const Vector diagonal = fundamental_diagonal(journey, index);
  for (std::size_t k = 0; k < index.touchpoint.size(); ++k) {
    const auto e = static_cast<Eigen::Index>(k);
    const double reach = visits[e] / diagonal[e];
    out.removal_effect[index.touchpoint[k]] = std::clamp(reach * convert_from[e] / out.conversion, 0.0, 1.0);
    out.first_touch[index.touchpoint[k]] = entry[e] * convert_from[e] / out.conversion;
    out.last_touch[index.touchpoint[k]] = visits[e] * rewards[e] / out.conversion;
    // Each visit to j is followed by a conversion with probability b_j,
    // whatever came before it: E[visits to j on a converting walk] = v_j b_j.
    out.linear_touch[index.touchpoint[k]] = visits[e] * convert_from[e];
  }
  out.converting_touches = visits.dot(convert_from);
  if (out.converting_touches > 0.0) {
    for (double& share : out.linear_touch) share /= out.converting_touches;
  }
  return out;
}

std::vector<double> channel_removal_effects(const Journey& journey, const std::vector<std::string>& channels) {
  const TransientIndex index = index_transients(journey);
  std::vector<double> effects(channels.size(), 0.0);
  if (index.touchpoint.empty()) return effects;
  const std::size_t n = journey.touchpoints.size();
  const Vector entry = entry_vector(journey, index);
  const Vector rewards = conversion_rewards(journey, index);
  const double direct = direct_entry_conversion(journey);
  const double base = entry.dot(Factor(i_minus_q(journey, index, std::vector<bool>(n, false))).solve(rewards)) + direct;
  if (base <= 0.0) return effects;
  // Channels are few: one solve each, with the channel's touchpoints made absorbing.
  for (std::size_t c = 0; c < channels.size(); ++c) {
    std::vector<bool> removed(n, false);
    Vector r = rewards;
    for (std::size_t k = 0; k < index.touchpoint.size(); ++k) {
      if (journey.touchpoints[index.touchpoint[k]].channel == channels[c]) {
        removed[index.touchpoint[k]] = true;
        r[static_cast<Eigen::Index>(k)] = 0.0;
      }
    }
    const double without = entry.dot(Factor(i_minus_q(journey, index, removed)).solve(r)) + direct;
    effects[c] = std::clamp(1.0 - without / base, 0.0, 1.0);
  }
  return effects;
}

LikelyWalks most_likely_walks(const Journey& journey, std::size_t k, std::size_t expansion_budget) {
  LikelyWalks out;
  std::vector<std::string> kinds;
  for (const Touchpoint& t : journey.touchpoints) {
    if (t.terminal() && std::find(kinds.begin(), kinds.end(), t.outcome) == kinds.end()) kinds.push_back(t.outcome);
  }
  for (const std::string& kind : kinds) out.by_outcome.push_back({kind, {}});
  std::vector<std::vector<const Transition*>> outgoing(journey.touchpoints.size());
  for (const Transition& t : journey.transitions) {
    if (t.p.value > 0.0) outgoing[t.from].push_back(&t);
  }
  // Partial walks as a tree of (touchpoint, parent); the queue holds the most probable first.
  struct Step {
    std::size_t touchpoint;
    std::ptrdiff_t parent;
  };
  std::vector<Step> steps;
  using Entry = std::pair<double, std::size_t>;  // probability, step index
  std::priority_queue<Entry> queue;
  for (const EntryShare& e : journey.entry) {
    if (e.share <= 0.0) continue;
    steps.push_back({e.touchpoint, -1});
    queue.push({e.share, steps.size() - 1});
  }
  std::size_t found = 0;
  const std::size_t wanted = k * kinds.size();
  std::size_t expansions = 0;
  while (!queue.empty() && found < wanted) {
    if (++expansions > expansion_budget) {
      out.complete = false;
      break;
    }
    const auto [probability, at] = queue.top();
    queue.pop();
    const std::size_t tp = steps[at].touchpoint;
    if (journey.touchpoints[tp].terminal()) {
      auto& list = std::find_if(out.by_outcome.begin(), out.by_outcome.end(), [&](const auto& entry) {
                     return entry.first == journey.touchpoints[tp].outcome;
                   })->second;
      if (list.size() >= k) continue;
      LikelyWalk walk;
      walk.probability = probability;
      for (std::ptrdiff_t s = static_cast<std::ptrdiff_t>(at); s >= 0; s = steps[static_cast<std::size_t>(s)].parent) {
        walk.touchpoints.push_back(steps[static_cast<std::size_t>(s)].touchpoint);
      }
      std::reverse(walk.touchpoints.begin(), walk.touchpoints.end());
      list.push_back(std::move(walk));
      ++found;
      continue;
    }
    for (const Transition* t : outgoing[tp]) {
      steps.push_back({t->to, static_cast<std::ptrdiff_t>(at)});
      queue.push({probability * t->p.value, steps.size() - 1});
    }
  }
  return out;
}

ScenarioAnalysis analyze_scenario(const Scenario& structure, const std::vector<Journey>& journeys,
                                  std::size_t likely_walks) {
  ScenarioAnalysis out;
  const std::size_t n = structure.touchpoints.size();
  for (const Touchpoint& t : structure.touchpoints) {
    if (!t.terminal() && !t.channel.empty() &&
        std::find(out.channels.begin(), out.channels.end(), t.channel) == out.channels.end()) {
      out.channels.push_back(t.channel);
    }
  }
  out.approximate = structure.horizon.has_value();
  ChainAnalysis& mixed = out.mixed;
  mixed.ending_probability.assign(n, 0.0);
  mixed.expected_visits.assign(n, 0.0);
  mixed.removal_effect.assign(n, 0.0);
  mixed.first_touch.assign(n, 0.0);
  mixed.last_touch.assign(n, 0.0);
  mixed.linear_touch.assign(n, 0.0);
  out.channel_removal_effect.assign(out.channels.size(), 0.0);
  for (const Journey& journey : journeys) {
    // A weight on a transition of no probability (one a what-if removed) changes nothing: p e^{w s} = 0.
    for (std::size_t t = 0; t < journey.transitions.size(); ++t) {
      const Transition& transition = journey.transitions[t];
      if (transition.sentiment_weight != 0.0 && transition.p.value != 0.0) out.weighted_transitions.push_back(t);
    }
    const ChainAnalysis one = analyze_journey(journey);
    const std::vector<double> channels = channel_removal_effects(journey, out.channels);
    const double w = journey.share;
    const double conversions = w * one.conversion;  // weight of this segment's attribution
    for (std::size_t i = 0; i < n; ++i) {
      mixed.ending_probability[i] += w * one.ending_probability[i];
      mixed.expected_visits[i] += w * one.expected_visits[i];
      mixed.removal_effect[i] += conversions * one.removal_effect[i];
      mixed.first_touch[i] += conversions * one.first_touch[i];
      mixed.last_touch[i] += conversions * one.last_touch[i];
      mixed.linear_touch[i] += w * one.converting_touches * one.linear_touch[i];
    }
    mixed.converting_touches += w * one.converting_touches;
    for (std::size_t c = 0; c < channels.size(); ++c) out.channel_removal_effect[c] += conversions * channels[c];
    mixed.expected_steps += w * one.expected_steps;
    mixed.expected_seconds += w * one.expected_seconds;
    mixed.conversion += conversions;
    if (!journey.segment_id.empty()) out.segments.push_back({journey.segment_id, one});
    out.likely_walks.push_back({journey.segment_id, most_likely_walks(journey, likely_walks)});
  }
  // A transition weighted in several segments is named once.
  std::sort(out.weighted_transitions.begin(), out.weighted_transitions.end());
  out.weighted_transitions.erase(std::unique(out.weighted_transitions.begin(), out.weighted_transitions.end()),
                                 out.weighted_transitions.end());
  out.approximate = out.approximate || !out.weighted_transitions.empty();
  if (mixed.conversion > 0.0) {
    for (std::size_t i = 0; i < n; ++i) {
      mixed.removal_effect[i] /= mixed.conversion;
      mixed.first_touch[i] /= mixed.conversion;
      mixed.last_touch[i] /= mixed.conversion;
    }
    for (double& e : out.channel_removal_effect) e /= mixed.conversion;
  }
  if (mixed.converting_touches > 0.0) {
    for (double& share : mixed.linear_touch) share /= mixed.converting_touches;
  }
  return out;
}

}  // namespace journeysim
