// What a what-if changes at a touchpoint or a transition, field by field:
// the values the inspector shows, marked as the what-if's, in what-if mode.
#include <gtest/gtest.h>

#include <algorithm>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/viewer/what_if_fields.hpp"

namespace journeysim::viewer {
namespace {

struct LoadedWhatIf {
  LoadResult loaded;
  Variant variant;
};

LoadedWhatIf what_if(const std::string& scenario, const std::string& name) {
  LoadedWhatIf l{load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + scenario + ".json"), {}};
  EXPECT_TRUE(l.loaded.ok());
  const auto& what_ifs = l.loaded.scenario->what_if;
  const auto w = std::find_if(what_ifs.begin(), what_ifs.end(), [&](const WhatIf& x) { return x.name == name; });
  EXPECT_NE(w, what_ifs.end());
  Diagnostics diagnostics;
  l.variant = *apply_what_if(*l.loaded.scenario, static_cast<std::size_t>(w - what_ifs.begin()), diagnostics);
  return l;
}

bool has(const std::vector<FieldChange>& changes, const FieldChange& expected) {
  return std::any_of(changes.begin(), changes.end(), [&](const FieldChange& c) {
    return c.field == expected.field && c.scenario == expected.scenario && c.variant == expected.variant &&
           c.segment == expected.segment;
  });
}

TEST(WhatIfFields, ATouchpointAndATransitionShowTheWhatIfsValues) {
  const LoadedWhatIf l = what_if("online_store", "One-page checkout");
  const std::vector<FieldChange> checkout = touchpoint_changes(*l.loaded.scenario, l.variant, "checkout");
  ASSERT_EQ(checkout.size(), 1u);
  EXPECT_TRUE(has(checkout, {"effort", "4", "2", ""}));
  const std::vector<FieldChange> payment = transition_changes(*l.loaded.scenario, l.variant, "checkout", "payment");
  EXPECT_TRUE(has(payment, {"p", "0.66", "0.74", ""}))
      << (payment.empty() ? "none" : payment[0].field + " " + payment[0].scenario);
  // What the what-if leaves alone shows no change.
  EXPECT_TRUE(touchpoint_changes(*l.loaded.scenario, l.variant, "cart").empty());
}

TEST(WhatIfFields, ATouchpointTheWhatIfAddsShowsAllItsValues) {
  const LoadedWhatIf l = what_if("saas_subscription", "Proactive onboarding email");
  const std::vector<FieldChange> added = touchpoint_changes(*l.loaded.scenario, l.variant, "proactive_checkin");
  EXPECT_TRUE(has(added, {"channel", "", "email", ""}));
  EXPECT_TRUE(has(added, {"dwell", "", "3m", ""}));
  EXPECT_TRUE(has(added, {"sentiment", "", "0.15", ""}));
  const std::vector<FieldChange> onward =
      transition_changes(*l.loaded.scenario, l.variant, "proactive_checkin", "setup_wizard");
  EXPECT_TRUE(has(onward, {"p", "", "0.6", ""}));
}

}  // namespace
}  // namespace journeysim::viewer
