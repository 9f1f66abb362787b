// Layered layout: columns from stages, then barycentre ordering sweeps and
// neighbour swaps against crossings.
#include "journeysim/graph/layout.hpp"

#include <algorithm>
#include <numeric>

namespace journeysim {

namespace {

// Endings first by how good they are, so that conversions sit together.
int outcome_rank(const std::string& kind) {
  if (kind == outcome_kind::converted) return 0;
  if (kind == outcome_kind::churned) return 2;
  if (kind == outcome_kind::abandoned) return 3;
  if (kind == outcome_kind::lost) return 4;
  return 1;
}

}  // namespace

Layout layout_journey(const Scenario& scenario, const LayoutStyle& style) {
  Layout layout;
  const std::vector<std::string> stages = scenario.stage_order();
  const std::size_t n = scenario.touchpoints.size();
  bool has_unstaged = false;
  for (const Touchpoint& t : scenario.touchpoints) has_unstaged = has_unstaged || (!t.terminal() && t.stage.empty());
  layout.column_titles = stages;
  if (has_unstaged) layout.column_titles.emplace_back("(no stage)");
  layout.column_titles.emplace_back("endings");
  const std::size_t columns = layout.column_titles.size();

  std::vector<std::size_t> column_of(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Touchpoint& t = scenario.touchpoints[i];
    if (t.terminal()) {
      column_of[i] = columns - 1;
    } else if (t.stage.empty()) {
      column_of[i] = stages.size();
    } else {
      column_of[i] = static_cast<std::size_t>(std::find(stages.begin(), stages.end(), t.stage) - stages.begin());
    }
  }
  std::vector<std::vector<std::size_t>> order(columns);
  for (std::size_t i = 0; i < n; ++i) order[column_of[i]].push_back(i);
  std::stable_sort(order.back().begin(), order.back().end(), [&](std::size_t a, std::size_t b) {
    return outcome_rank(scenario.touchpoints[a].outcome) < outcome_rank(scenario.touchpoints[b].outcome);
  });

  // Barycentre sweeps: each node moves towards the mean position of its
  // neighbours in the columns already placed, weighted by probability.
  std::vector<double> position(n, 0.0);
  const auto refresh = [&] {
    for (const auto& column : order) {
      for (std::size_t k = 0; k < column.size(); ++k) position[column[k]] = static_cast<double>(k);
    }
  };
  refresh();
  for (int sweep = 0; sweep < 8; ++sweep) {
    const bool forward = sweep % 2 == 0;
    for (std::size_t step = 0; step + 1 < columns; ++step) {
      const std::size_t c = forward ? step + 1 : columns - 2 - step;
      if (c == columns - 1) continue;  // endings keep their grouping
      std::vector<double> weight(n, 0.0), sum(n, 0.0);
      for (const Transition& t : scenario.transitions) {
        const std::size_t here = forward ? t.to : t.from;
        const std::size_t there = forward ? t.from : t.to;
        if (column_of[here] != c || column_of[there] == c) continue;
        const double w = std::max(t.p.value, 0.01);
        weight[here] += w;
        sum[here] += w * position[there];
      }
      std::vector<std::size_t>& column = order[c];
      std::vector<double> key(n, 0.0);
      for (std::size_t node : column) key[node] = weight[node] > 0 ? sum[node] / weight[node] : position[node];
      std::stable_sort(column.begin(), column.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
      refresh();
    }
  }

  std::size_t tallest = 0;
  for (const auto& column : order) tallest = std::max(tallest, column.size());

  // Then swap neighbours in a column wherever that uncrosses more flow than
  // it crosses (the "transpose" refinement of layered drawing). Two flows
  // cross when their ends sit in opposite order in two columns; a crossing
  // weighs the product of the two probabilities, so heavy flows straighten first.
  std::vector<std::vector<std::pair<std::size_t, double>>> neighbours(n);  // node -> (other end, weight)
  for (const Transition& t : scenario.transitions) {
    if (t.from == t.to || column_of[t.from] == column_of[t.to]) continue;
    const double w = std::max(t.p.value, 0.01);
    neighbours[t.from].emplace_back(t.to, w);
    neighbours[t.to].emplace_back(t.from, w);
  }
  std::vector<double> row(n, 0.0);  // a node's height as drawn: columns are centred
  const auto place = [&] {
    for (const auto& column : order) {
      const double top = (static_cast<double>(tallest) - static_cast<double>(column.size())) / 2;
      for (std::size_t k = 0; k < column.size(); ++k) row[column[k]] = top + static_cast<double>(k);
    }
  };
  // The weight of crossings between the flows of `upper` and `lower` (upper drawn above).
  const auto crossings_between = [&](std::size_t upper, std::size_t lower) {
    double total = 0.0;
    for (const auto& [x, wx] : neighbours[upper]) {
      for (const auto& [y, wy] : neighbours[lower]) {
        if (x != y && column_of[x] == column_of[y] && row[x] > row[y]) total += wx * wy;
      }
    }
    return total;
  };
  place();
  for (int pass = 0; pass < 20; ++pass) {  // a few passes settle a journey; the bound keeps huge ones quick
    bool improved = false;
    for (std::size_t c = 0; c + 1 < columns; ++c) {  // endings keep their grouping
      std::vector<std::size_t>& column = order[c];
      for (std::size_t k = 0; k + 1 < column.size(); ++k) {
        const std::size_t a = column[k], b = column[k + 1];
        if (crossings_between(b, a) + 1e-12 < crossings_between(a, b)) {
          std::swap(column[k], column[k + 1]);
          std::swap(row[a], row[b]);
          improved = true;
        }
      }
    }
    if (!improved) break;
  }

  layout.height = static_cast<float>(tallest) * (style.node_height + style.row_gap);
  layout.nodes.resize(n);
  for (std::size_t c = 0; c < columns; ++c) {
    const float x = static_cast<float>(c) * (style.node_width + style.column_gap);
    layout.column_x.push_back(x);
    const float column_height = static_cast<float>(order[c].size()) * (style.node_height + style.row_gap);
    const float top = (layout.height - column_height) / 2;
    for (std::size_t k = 0; k < order[c].size(); ++k) {
      layout.nodes[order[c][k]] = NodeBox{x, top + static_cast<float>(k) * (style.node_height + style.row_gap),
                                          style.node_width, style.node_height, c};
    }
  }
  layout.width = static_cast<float>(columns) * (style.node_width + style.column_gap) - style.column_gap;
  return layout;
}

std::size_t count_crossings(const Scenario& scenario, const Layout& layout) {
  std::size_t crossings = 0;
  const auto& t = scenario.transitions;
  for (std::size_t a = 0; a < t.size(); ++a) {
    for (std::size_t b = a + 1; b < t.size(); ++b) {
      const NodeBox& a0 = layout.nodes[t[a].from];
      const NodeBox& a1 = layout.nodes[t[a].to];
      const NodeBox& b0 = layout.nodes[t[b].from];
      const NodeBox& b1 = layout.nodes[t[b].to];
      if (a0.column != b0.column || a1.column != b1.column || a0.column == a1.column) continue;
      if ((a0.y - b0.y) * (a1.y - b1.y) < 0) ++crossings;
    }
  }
  return crossings;
}

double weighted_crossings(const Scenario& scenario, const Layout& layout) {
  double total = 0.0;
  const auto& t = scenario.transitions;
  const auto ends = [&](const Transition& e) { return std::pair{layout.nodes[e.from], layout.nodes[e.to]}; };
  for (std::size_t a = 0; a < t.size(); ++a) {
    const auto [a0, a1] = ends(t[a]);
    if (a0.column == a1.column) continue;
    for (std::size_t b = a + 1; b < t.size(); ++b) {
      const auto [b0, b1] = ends(t[b]);
      if (b0.column == b1.column) continue;
      // Flows meet when one end of each shares a column and so does the other end.
      const bool same_way = a0.column == b0.column && a1.column == b1.column;
      const bool opposite = a0.column == b1.column && a1.column == b0.column;
      if (!same_way && !opposite) continue;
      const NodeBox& p = a0;
      const NodeBox& q = same_way ? b0 : b1;
      const NodeBox& r = a1;
      const NodeBox& s = same_way ? b1 : b0;
      if ((p.y - q.y) * (r.y - s.y) < 0) total += std::max(t[a].p.value, 0.01) * std::max(t[b].p.value, 0.01);
    }
  }
  return total;
}

}  // namespace journeysim
