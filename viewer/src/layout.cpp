// Layered layout: columns from stages, then barycentre ordering sweeps.
#include "journeysim/viewer/layout.hpp"

#include <algorithm>
#include <numeric>

namespace journeysim::viewer {

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

}  // namespace journeysim::viewer
