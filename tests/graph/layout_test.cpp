// The canvas layout: stage columns in stage order, endings last and grouped,
// no overlapping boxes, and fewer crossings than the file's own order.
#include <gtest/gtest.h>

#include <filesystem>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/layout.hpp"

namespace journeysim {
namespace {

class ShippedLayout : public testing::TestWithParam<std::string> {};

TEST_P(ShippedLayout, ColumnsFollowStagesAndBoxesDoNotOverlap) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam());
  ASSERT_TRUE(loaded.ok());
  const Scenario& s = *loaded.scenario;
  const Layout layout = layout_journey(s);
  ASSERT_EQ(layout.nodes.size(), s.touchpoints.size());
  EXPECT_EQ(layout.column_titles.back(), "endings");
  const auto stages = s.stage_order();
  for (std::size_t i = 0; i < s.touchpoints.size(); ++i) {
    const Touchpoint& t = s.touchpoints[i];
    if (t.terminal()) {
      EXPECT_EQ(layout.nodes[i].column, layout.column_titles.size() - 1) << t.id;
    } else if (!t.stage.empty()) {
      EXPECT_EQ(layout.column_titles[layout.nodes[i].column], t.stage) << t.id;
    }
    for (std::size_t j = i + 1; j < s.touchpoints.size(); ++j) {
      const NodeBox& a = layout.nodes[i];
      const NodeBox& b = layout.nodes[j];
      const bool overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      EXPECT_FALSE(overlap) << t.id << " and " << s.touchpoints[j].id;
    }
  }
}

TEST_P(ShippedLayout, OrderingReducesCrossings) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam());
  ASSERT_TRUE(loaded.ok());
  const Scenario& s = *loaded.scenario;
  const Layout ordered = layout_journey(s);
  // The naive layout: each column in file order.
  Layout naive = ordered;
  std::vector<std::size_t> count(ordered.column_titles.size(), 0);
  for (std::size_t i = 0; i < s.touchpoints.size(); ++i)
    naive.nodes[i].y = static_cast<float>(count[naive.nodes[i].column]++);
  EXPECT_LE(count_crossings(s, ordered), count_crossings(s, naive));
}

TEST_P(ShippedLayout, NoSwapOfNeighboursUncrossesMoreFlow) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam());
  ASSERT_TRUE(loaded.ok());
  const Scenario& s = *loaded.scenario;
  const Layout layout = layout_journey(s);
  const double settled = weighted_crossings(s, layout);
  for (std::size_t i = 0; i < s.touchpoints.size(); ++i) {
    for (std::size_t j = 0; j < s.touchpoints.size(); ++j) {
      const NodeBox& a = layout.nodes[i];
      const NodeBox& b = layout.nodes[j];
      const bool neighbours =
          a.column == b.column && b.y > a.y && b.y - a.y < 1.5f * (LayoutStyle{}.node_height + LayoutStyle{}.row_gap);
      if (!neighbours || a.column + 1 == layout.column_titles.size()) continue;  // endings keep their grouping
      Layout swapped = layout;
      std::swap(swapped.nodes[i].y, swapped.nodes[j].y);
      EXPECT_GE(weighted_crossings(s, swapped) + 1e-9, settled)
          << s.touchpoints[i].id << " and " << s.touchpoints[j].id;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ShippedLayout,
                         testing::Values("online_store.json", "saas_subscription.json", "contact_centre.json"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(0, info.param.find('.'));
                         });

}  // namespace
}  // namespace journeysim
