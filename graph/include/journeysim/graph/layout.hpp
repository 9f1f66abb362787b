// The journey map's automatic layout, shared by the viewer's canvas and the
// HTML report's map: touchpoints in stage columns (swimlanes, in stage
// order), endings in a last column grouped by outcome, and within each column
// an order that keeps edges from crossing where it can (barycentre sweeps,
// then swaps of neighbours, as in layered graph drawing). Pure geometry.
#pragma once

#include <string>
#include <vector>

#include "journeysim/graph/scenario.hpp"

namespace journeysim {

struct NodeBox {
  float x = 0, y = 0;  // top-left, in canvas units
  float width = 0, height = 0;
  std::size_t column = 0;
};

struct Layout {
  std::vector<NodeBox> nodes;              // per touchpoint
  std::vector<std::string> column_titles;  // stage names, then "endings"
  std::vector<float> column_x;
  float width = 0, height = 0;
};

struct LayoutStyle {
  float node_width = 170, node_height = 44;
  float column_gap = 60, row_gap = 22;
};

Layout layout_journey(const Scenario& scenario, const LayoutStyle& style = {});

// Edge crossings between adjacent columns (for tests and for judging a layout).
std::size_t count_crossings(const Scenario& scenario, const Layout& layout);
// Crossings of flows between any two columns, each weighing the product of
// the two probabilities: what the layout's neighbour swaps reduce.
double weighted_crossings(const Scenario& scenario, const Layout& layout);

}  // namespace journeysim
