// Journey structure with Boost.Graph: breadth-first reachability and Tarjan's
// strongly connected components.
#include "journeysim/graph/structure.hpp"

#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/strong_components.hpp>

namespace journeysim {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

Graph build_graph(const Journey& journey) {
  Graph graph(journey.touchpoints.size());
  for (const Transition& t : journey.transitions) {
    if (t.p.value > 0.0) boost::add_edge(t.from, t.to, graph);
  }
  return graph;
}

}  // namespace

std::vector<bool> reachable_from_entry(const Journey& journey) {
  const Graph graph = build_graph(journey);
  std::vector<bool> reached(journey.touchpoints.size(), false);
  std::vector<boost::default_color_type> colour(boost::num_vertices(graph), boost::white_color);
  const auto colour_map = boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, graph));
  for (const EntryShare& e : journey.entry) {
    if (e.share <= 0.0 || colour[e.touchpoint] != boost::white_color) continue;
    boost::breadth_first_visit(graph, e.touchpoint, boost::visitor(boost::default_bfs_visitor()).color_map(colour_map));
  }
  for (std::size_t i = 0; i < reached.size(); ++i) reached[i] = colour[i] != boost::white_color;
  return reached;
}

std::vector<std::vector<std::size_t>> closed_classes(const Journey& journey) {
  const Graph graph = build_graph(journey);
  const std::size_t n = journey.touchpoints.size();
  std::vector<std::size_t> component(n);
  const std::size_t count = boost::strong_components(
      graph, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, graph)));

  std::vector<bool> has_exit(count, false);
  std::vector<bool> has_internal_edge(count, false);
  for (const auto edge : boost::make_iterator_range(boost::edges(graph))) {
    const std::size_t from = boost::source(edge, graph);
    const std::size_t to = boost::target(edge, graph);
    if (component[from] != component[to]) {
      has_exit[component[from]] = true;
    } else {
      has_internal_edge[component[from]] = true;
    }
  }
  const std::vector<bool> reached = reachable_from_entry(journey);
  std::vector<std::vector<std::size_t>> members(count);
  for (std::size_t v = 0; v < n; ++v) members[component[v]].push_back(v);

  std::vector<std::vector<std::size_t>> closed;
  for (std::size_t c = 0; c < count; ++c) {
    const std::vector<std::size_t>& group = members[c];
    // Terminals are meant to be absorbing; a touchpoint with no edges at all is a
    // dead end or has only zero probabilities, which are reported on their own.
    if (has_exit[c] || !has_internal_edge[c] || group.empty()) continue;
    if (journey.touchpoints[group.front()].terminal() || !reached[group.front()]) continue;
    closed.push_back(group);
  }
  std::sort(closed.begin(), closed.end());
  return closed;
}

}  // namespace journeysim
