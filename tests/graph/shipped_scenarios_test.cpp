// Tests that every scenario shipped in scenarios/ loads cleanly and meets the bar set for examples (DESIGN section 3).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "../load_diagnostics.hpp"

namespace journeysim {
namespace {

namespace fs = std::filesystem;
using test_loads::all_diagnostics;

std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(JOURNEYSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ShippedScenario : public ::testing::TestWithParam<fs::path> {
 protected:
  void SetUp() override {
    result = load_scenario_file(GetParam().string());
    ASSERT_TRUE(result.ok()) << all_diagnostics(result);
  }
  const Scenario& scenario() const { return *result.scenario; }
  LoadResult result;
};

TEST(ShippedScenarios, ThereAreSome) {
  const std::vector<fs::path> files = shipped_scenarios();
  EXPECT_GE(files.size(), 3u);
  const auto has = [&](const std::string& name) {
    return std::any_of(files.begin(), files.end(), [&](const fs::path& p) { return p.filename() == name; });
  };
  EXPECT_TRUE(has("saas_subscription.json"));
  EXPECT_TRUE(has("online_store.json"));
  EXPECT_TRUE(has("contact_centre.json"));
}

TEST_P(ShippedScenario, LoadsWithoutErrorsOrWarnings) {
  EXPECT_TRUE(result.diagnostics.empty()) << all_diagnostics(result);
  EXPECT_EQ(result.diagnostics.error_count(), 0u);
}

TEST_P(ShippedScenario, IsLargeEnoughToTellAStory) {
  EXPECT_GE(scenario().touchpoints.size(), 15u);
  EXPECT_GE(scenario().segments.size(), 2u);
  EXPECT_FALSE(scenario().name.empty());
}

TEST_P(ShippedScenario, NamesTheSchema) { EXPECT_EQ(scenario().schema, "../docs/scenario.schema.json"); }

TEST_P(ShippedScenario, DescriptionNamesItsSources) {
  const std::string& description = scenario().description;
  EXPECT_GE(description.size(), 200u);
  EXPECT_NE(description.find("Figures:"), std::string::npos) << description;
  // At least one published source is named for the figures.
  const std::vector<std::string> source_words{"benchmark", "Institute", "Research", "Group",
                                              "estimate",  "survey",    "study",    "report"};
  const bool names_a_source = std::any_of(source_words.begin(), source_words.end(), [&](const std::string& w) {
    return description.find(w, description.find("Figures:")) != std::string::npos;
  });
  EXPECT_TRUE(names_a_source) << description;
}

TEST_P(ShippedScenario, SegmentJourneysAreProperDistributions) {
  const std::vector<Journey> journeys = resolve_journeys(scenario());
  ASSERT_EQ(journeys.size(), scenario().segments.size());
  double shares = 0.0;
  for (std::size_t s = 0; s < journeys.size(); ++s) {
    const Journey& journey = journeys[s];
    SCOPED_TRACE("segment " + journey.segment_id);
    EXPECT_EQ(journey.segment_id, scenario().segments[s].id);
    EXPECT_EQ(journey.share, scenario().segments[s].share);
    shares += journey.share;
    ASSERT_EQ(journey.touchpoints.size(), scenario().touchpoints.size());
    ASSERT_EQ(journey.transitions.size(), scenario().transitions.size());

    std::vector<double> out(journey.touchpoints.size(), 0.0);
    for (const Transition& t : journey.transitions) {
      EXPECT_GE(t.p.value, 0.0) << scenario().transition_label(
          static_cast<std::size_t>(&t - journey.transitions.data()));
      EXPECT_LE(t.p.value, 1.0);
      out[t.from] += t.p.value;
    }
    for (std::size_t i = 0; i < journey.touchpoints.size(); ++i) {
      const Touchpoint& tp = journey.touchpoints[i];
      if (tp.terminal()) {
        EXPECT_EQ(out[i], 0.0) << tp.id << " is terminal";
      } else {
        EXPECT_NEAR(out[i], 1.0, 1e-9) << tp.id;
      }
    }
    double entry = 0.0;
    for (const EntryShare& e : journey.entry) entry += e.share;
    EXPECT_NEAR(entry, 1.0, 1e-9);
  }
  EXPECT_NEAR(shares, 1.0, 1e-9);
}

TEST_P(ShippedScenario, HasTerminalsWithHeadlineOutcomes) {
  const std::vector<std::string> kinds = scenario().outcome_kinds();
  EXPECT_FALSE(kinds.empty());
  const bool headline = std::any_of(kinds.begin(), kinds.end(), [](const std::string& k) {
    return k == outcome_kind::converted || k == outcome_kind::churned || k == outcome_kind::abandoned ||
           k == outcome_kind::lost;
  });
  EXPECT_TRUE(headline);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ShippedScenario, ::testing::ValuesIn(shipped_scenarios()),
                         [](const ::testing::TestParamInfo<fs::path>& info) { return info.param.stem().string(); });

TEST(ShippedScenarios, SaasSubscriptionHasAHorizon) {
  const LoadResult r =
      load_scenario_file((fs::path(JOURNEYSIM_SOURCE_DIR) / "scenarios" / "saas_subscription.json").string());
  ASSERT_TRUE(r.ok()) << all_diagnostics(r);
  ASSERT_TRUE(r.scenario->horizon.has_value());
  EXPECT_EQ(*r.scenario->horizon, 365 * 86400.0);
}

}  // namespace
}  // namespace journeysim
