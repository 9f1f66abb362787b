// Divergence's premise, checked walk by walk: a customer whose baseline walk
// visits none of the touchpoints changed_touchpoints names walks the variant
// exactly as the baseline (every figure of theirs bitwise equal), for every
// lever of "what to fix first" and every what-if of the shipped scenarios
// without queues. Changes that every customer meets have no set.
#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <string>
#include <vector>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/customer_walk.hpp"
#include "journeysim/sim/divergence.hpp"
#include "journeysim/sim/tallies.hpp"

namespace journeysim::divergence_tests {  // named: the tests build in unity batches
namespace {

// The tally observer, noting every touchpoint the walk reaches.
class TouchRecorder {
 public:
  TouchRecorder(const CompiledScenario& scenario, RunTally& tally) : tally_(scenario, tally) {}
  void on_start(const WalkState& state) {
    touched.clear();
    tally_.on_start(state);
  }
  void on_visit(const WalkState& state, std::uint32_t node, double entered_at, double dwell) {
    touched.push_back(node);
    tally_.on_visit(state, node, entered_at, dwell);
  }
  void on_rating(std::uint32_t node, int rating, int ease) { tally_.on_rating(node, rating, ease); }
  void on_move(std::uint32_t edge, std::uint32_t from, std::uint32_t to) {
    touched.push_back(to);
    tally_.on_move(edge, from, to);
  }
  void on_end(const WalkState& state, std::uint32_t ending, int nps) { tally_.on_end(state, ending, nps); }
  void on_wait(double seconds) { tally_.on_wait(seconds); }
  const CustomerSummary& summary() const { return tally_.last_customer(); }

  std::vector<std::uint32_t> touched;

 private:
  TallyObserver tally_;
};

bool same_figures(const CustomerSummary& a, const CustomerSummary& b) {
  return a.journey == b.journey && a.ending == b.ending && a.converted == b.converted &&
         a.in_churn_base == b.in_churn_base && a.reached_checkout == b.reached_checkout && a.nps_score == b.nps_score &&
         a.ratings == b.ratings && a.good_ratings == b.good_ratings && a.ease == b.ease &&
         a.support_hours == b.support_hours && a.support_episodes == b.support_episodes && a.hours == b.hours &&
         a.steps == b.steps && a.cost == b.cost && a.revenue == b.revenue && a.wait_hours == b.wait_hours &&
         a.final_sentiment == b.final_sentiment;
}

struct Checked {
  std::size_t untouched = 0, touched = 0, touched_and_different = 0;
};

// Walks customers 0..count-1 through both; every untouched customer must match.
Checked check_variant(const Scenario& scenario, const Variant& variant, std::size_t count) {
  Checked checked;
  const CompiledScenario base = compile(scenario);
  const CompiledScenario other = compile(variant_structure(scenario, variant), variant.journeys);
  const std::optional<std::vector<std::uint8_t>> changed = changed_touchpoints(base, other);
  EXPECT_TRUE(changed.has_value()) << variant.name;
  if (!changed) return checked;
  RunTally base_tally(base, false), other_tally(other, false);
  TouchRecorder base_walk(base, base_tally), other_walk(other, other_tally);
  WalkScratch base_scratch(base.node_count), other_scratch(other.node_count);
  for (std::uint64_t customer = 0; customer < count; ++customer) {
    walk_customer(base, 7, customer, base_scratch, base_walk);
    walk_customer(other, 7, customer, other_scratch, other_walk);
    bool touched = false;
    for (std::uint32_t node : base_walk.touched) touched |= (*changed)[node] != 0;
    if (!touched) {
      ++checked.untouched;
      EXPECT_TRUE(same_figures(base_walk.summary(), other_walk.summary()))
          << variant.name << ": customer " << customer << " touched nothing changed and still differs";
      EXPECT_EQ(base_walk.touched, other_walk.touched) << variant.name << ": customer " << customer;
    } else {
      ++checked.touched;
      checked.touched_and_different += same_figures(base_walk.summary(), other_walk.summary()) ? 0 : 1;
    }
  }
  return checked;
}

class Divergence : public testing::TestWithParam<std::string> {};

TEST_P(Divergence, AnUntouchedCustomerWalksEveryLeverAndWhatIfAsTheBaseline) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam());
  ASSERT_TRUE(loaded.ok());
  const Scenario& scenario = *loaded.scenario;
  Checked all;
  const auto add = [&](const Checked& c) {
    all.untouched += c.untouched;
    all.touched += c.touched;
    all.touched_and_different += c.touched_and_different;
  };
  for (const Perturbation& lever : sensitivity_perturbations(scenario)) {
    Diagnostics diagnostics;
    const std::optional<Variant> variant = apply_changes(scenario, lever.label, lever.changes, diagnostics);
    if (!variant) continue;  // a lever that cannot be made (the ranking skips it too)
    add(check_variant(scenario, *variant, 300));
  }
  for (const Variant& variant : every_what_if(scenario)) {
    if (variant_structure(scenario, variant).touchpoints.size() != scenario.touchpoints.size()) continue;
    const CompiledScenario base = compile(scenario);
    if (!changed_touchpoints(base, compile(variant_structure(scenario, variant), variant.journeys))) continue;
    add(check_variant(scenario, variant, 2000));
  }
  // The check means something: both kinds of customer occur, and a touch often changes the walk.
  EXPECT_GT(all.untouched, 1000u);
  EXPECT_GT(all.touched, 1000u);
  EXPECT_GT(all.touched_and_different, all.touched / 10);
}

INSTANTIATE_TEST_SUITE_P(Shipped, Divergence,
                         testing::Values("online_store.json", "saas_subscription.json", "contact_centre.json"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(0, info.param.find('.'));
                         });

// The re-walk itself: a KPI-only comparison that walks only the customers a
// variant touches gives every figure bitwise as walking them all, for any
// thread count: every lever, every what-if (those every customer meets
// included: they walk everyone), and random pairs of levers at once.
bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }
bool same_bits(const Estimate& a, const Estimate& b) {
  return same_bits(a.value, b.value) && same_bits(a.ci95.lo, b.ci95.lo) && same_bits(a.ci95.hi, b.ci95.hi) &&
         same_bits(a.standard_error, b.standard_error);
}

void expect_same_figures(const BatchedComparison& expected, const BatchedComparison& got, const std::string& what) {
  ASSERT_EQ(expected.report.variants.size(), got.report.variants.size()) << what;
  ASSERT_EQ(expected.report.baseline.kpis.size(), got.report.baseline.kpis.size()) << what;
  for (std::size_t k = 0; k < expected.report.baseline.kpis.size(); ++k) {
    EXPECT_TRUE(same_bits(expected.report.baseline.kpis[k].estimate, got.report.baseline.kpis[k].estimate)) << what;
  }
  for (std::size_t v = 0; v < expected.report.variants.size(); ++v) {
    const VariantComparison& e = expected.report.variants[v];
    const VariantComparison& g = got.report.variants[v];
    ASSERT_EQ(e.name, g.name) << what;
    ASSERT_EQ(e.kpis.size(), g.kpis.size()) << what << ": " << e.name;
    for (std::size_t k = 0; k < e.kpis.size(); ++k) {
      EXPECT_EQ(e.kpis[k].defined, g.kpis[k].defined) << what << ": " << e.name << " " << e.kpis[k].name;
      EXPECT_TRUE(same_bits(e.kpis[k].change, g.kpis[k].change)) << what << ": " << e.name << " " << e.kpis[k].name;
      EXPECT_TRUE(same_bits(e.kpis[k].variant, g.kpis[k].variant)) << what << ": " << e.name << " " << e.kpis[k].name;
    }
    ASSERT_EQ(e.report.kpis.size(), g.report.kpis.size()) << what << ": " << e.name;
    for (std::size_t k = 0; k < e.report.kpis.size(); ++k) {
      EXPECT_EQ(e.report.kpis[k].sample_size, g.report.kpis[k].sample_size) << what << ": " << e.name;
      EXPECT_TRUE(same_bits(e.report.kpis[k].estimate, g.report.kpis[k].estimate)) << what << ": " << e.name;
    }
  }
}

TEST_P(Divergence, RewalkingOnlyTouchedCustomersKeepsEveryBit) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam());
  ASSERT_TRUE(loaded.ok());
  const Scenario& scenario = *loaded.scenario;
  std::vector<Variant> variants;
  const std::vector<Perturbation> levers = sensitivity_perturbations(scenario);
  const auto make = [&](const std::string& label, const std::vector<WhatIfChange>& changes) {
    Diagnostics diagnostics;
    if (std::optional<Variant> v = apply_changes(scenario, label, changes, diagnostics)) variants.push_back(*v);
  };
  for (const Perturbation& lever : levers) make(lever.label, lever.changes);
  for (const Variant& variant : every_what_if(scenario)) variants.push_back(variant);
  std::mt19937_64 random(15);
  std::uniform_int_distribution<std::size_t> pick(0, levers.size() - 1);
  for (int i = 0; i < 12; ++i) {
    const Perturbation& a = levers[pick(random)];
    const Perturbation& b = levers[pick(random)];
    std::vector<WhatIfChange> both = a.changes;
    both.insert(both.end(), b.changes.begin(), b.changes.end());
    make(a.label + " and " + b.label, both);
  }
  const VariantMaker by_index = [&](std::size_t i, Diagnostics&) { return std::optional<Variant>(variants[i]); };
  RunOptions options;
  options.customers = 6'000;  // two blocks and a part
  options.seed = 3;
  options.threads = 1;
  options.walk_all = true;
  const BatchedComparison everyone = compare_in_batches(scenario, variants.size(), by_index, {}, options);
  options.walk_all = false;
  for (unsigned threads : {1u, 3u}) {
    options.threads = threads;
    expect_same_figures(everyone, compare_in_batches(scenario, variants.size(), by_index, {}, options),
                        GetParam() + ", threads " + std::to_string(threads));
  }
  // In batches of 5 (the viewer's Fix first panel runs a few at a time).
  expect_same_figures(everyone, compare_in_batches(scenario, variants.size(), by_index, {}, options, {}, nullptr, 5),
                      GetParam() + ", batches of 5");
}

// What every customer meets before any touchpoint has no set: the entry
// shares, the rating models; a different structure has none either.
TEST(Divergence, ChangesEveryCustomerMeetsHaveNoTouchpointSet) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json");
  ASSERT_TRUE(loaded.ok());
  const Scenario& scenario = *loaded.scenario;
  const CompiledScenario base = compile(scenario);
  EXPECT_EQ(changed_touchpoints(base, base),
            std::optional<std::vector<std::uint8_t>>(std::vector<std::uint8_t>(base.node_count, 0)));
  Scenario other_entry = scenario;
  ASSERT_GE(other_entry.entry.size(), 2u);
  std::swap(other_entry.entry[0].share, other_entry.entry[1].share);
  EXPECT_FALSE(changed_touchpoints(base, compile(other_entry)).has_value());
  Scenario other_csat = scenario;
  other_csat.csat.noise_sd *= 1.5;
  EXPECT_FALSE(changed_touchpoints(base, compile(other_csat)).has_value());
  Scenario fewer = scenario;
  fewer.max_steps = 3;
  EXPECT_FALSE(changed_touchpoints(base, compile(fewer)).has_value());
}

}  // namespace
}  // namespace journeysim::divergence_tests
