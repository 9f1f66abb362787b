// Higher-order mining (`mine --order K|auto`, DESIGN section 13): the
// held-out score against hand-computed Witten-Bell probabilities, states of
// the last K touchpoints with readable ids and names, and the automatic
// choice picking 2 for a journey with memory and 1 for one without.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/scenario_writer.hpp"
#include "journeysim/mine/event_log.hpp"

namespace journeysim::mine::order_tests {  // named: the tests build in unity batches
namespace {

constexpr std::uint32_t a = 0, b = 1, c = 2;

TEST(OrderSelection, ScoresHeldOutMovesWithOnePseudoMovePerState) {
  // Training: a -> b three times, a -> c once; held out: a -> b.
  //   f(b)     = (n(b) + 1) / (N + kinds + 1) = (3 + 1) / (4 + 2 + 1) = 4/7
  //   p1(b|a)  = (n(a,b) + f(b)) / (n(a) + 1) = (3 + 4/7) / (4 + 1) = 5/7
  OrderSelection selection(1);
  const std::vector<std::uint32_t> after_a{a};
  for (int i = 0; i < 3; ++i) selection.move(false, after_a, b);
  selection.move(false, after_a, c);
  selection.move(true, after_a, b);
  const std::vector<OrderFit> fits = selection.fits();
  ASSERT_EQ(fits.size(), 1u);
  EXPECT_EQ(fits[0].states, 1u);
  EXPECT_EQ(fits[0].transitions, 2u);
  EXPECT_EQ(fits[0].held_out_moves, 1u);
  EXPECT_NEAR(fits[0].held_out_log_likelihood, std::log(5.0 / 7.0), 1e-12);
  EXPECT_TRUE(fits[0].chosen);
}

TEST(OrderSelection, AJourneysStartIsAStateOfItsOwnAndNoiseBuysNoMemory) {
  // Training: one journey's first move, a -> b: its order-2 state is
  // (start, a), not the same as an `a` reached from c. f(b) = (1 + 1) / (1 + 1 + 1) = 2/3.
  //   held out from (start, a): p1 = p2 = (1 + 2/3) / (1 + 1) = 5/6 (the same moves seen)
  //   held out from (c, a): p1 = 5/6; p2 = f(b) = 2/3 (a state training never saw)
  OrderSelection selection(2);
  selection.move(false, std::vector<std::uint32_t>{a}, b);
  selection.move(true, std::vector<std::uint32_t>{a}, b);
  selection.move(true, std::vector<std::uint32_t>{c, a}, b);
  const std::vector<OrderFit> fits = selection.fits();
  ASSERT_EQ(fits.size(), 2u);
  EXPECT_NEAR(fits[0].held_out_log_likelihood, 2 * std::log(5.0 / 6.0), 1e-12);
  EXPECT_NEAR(fits[1].held_out_log_likelihood, std::log(5.0 / 6.0) + std::log(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(fits[1].gain_per_move, (std::log(2.0 / 3.0) - std::log(5.0 / 6.0)) / 2, 1e-12);
  EXPECT_EQ(OrderSelection::chosen(fits), 1u);
}

TEST(OrderSelection, TheSameFifthOfCustomersIsHeldOutEveryTime) {
  int held = 0;
  for (int i = 0; i < 10000; ++i) held += OrderSelection::held_out("customer-" + std::to_string(i)) ? 1 : 0;
  // A fifth, within 4 standard errors of a binomial share of 10,000.
  EXPECT_NEAR(held, 2000, 4 * std::sqrt(10000 * 0.2 * 0.8));
  EXPECT_EQ(OrderSelection::held_out("customer-17"), OrderSelection::held_out("customer-17"));
}

// Customers enter at an ad or a search, look at the product, and buy with a
// probability that depends on where they came from (with memory) or not.
std::string product_log(bool with_memory, int customers) {
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::string log = "customer_id,timestamp,touchpoint\n";
  for (int i = 0; i < customers; ++i) {
    const bool from_ad = u(random) < 0.5;
    const double p_buy = with_memory ? (from_ad ? 0.7 : 0.2) : 0.45;
    const std::string id = "u" + std::to_string(i);
    log += id + ",1700000000," + (from_ad ? "Social ad" : "search") + "\n";
    log += id + ",1700000060,product page\n";
    log += id + ",1700000120," + std::string(u(random) < p_buy ? "bought" : "left") + "\n";
  }
  return log;
}

EventLogOptions product_options() {
  EventLogOptions o;
  o.source = "products.csv";
  o.outcomes = {{"bought", "converted"}, {"left", "lost"}};
  return o;
}

TEST(MineOrder, StatesAreTheLastKTouchpointsWithReadableIdsAndNames) {
  EventLogOptions o = product_options();
  o.order = 2;
  const MineResult r = mine_event_log_text(product_log(true, 4000), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.order, 2u);
  const Scenario& s = *r.scenario;
  const auto after_ad = s.find_touchpoint("social_ad__product_page");
  ASSERT_TRUE(after_ad);
  EXPECT_EQ(s.touchpoints[*after_ad].name, "product page (after Social ad)");
  ASSERT_TRUE(s.find_touchpoint("search__product_page"));
  EXPECT_FALSE(s.find_touchpoint("product_page")) << "no first-order state is left";
  // The first touchpoint of a journey is a state of its own; endings stay touchpoints.
  ASSERT_TRUE(s.find_touchpoint("social_ad"));
  ASSERT_TRUE(s.find_touchpoint("bought"));
  // The memory is recovered: 70% buy after the ad, each within 4 standard errors of its count.
  const auto bought = s.find_touchpoint("bought");
  const auto t = s.find_transition(*after_ad, *bought);
  ASSERT_TRUE(t);
  const Transition& move = s.transitions[*t];
  ASSERT_TRUE(move.observed);
  const double n = static_cast<double>(move.observed->of);
  EXPECT_NEAR(move.p.value, 0.7, 4 * std::sqrt(0.7 * 0.3 / n));
  EXPECT_NE(s.description.find("Order 2: a touchpoint's id names the touchpoint before it"), std::string::npos);
  EXPECT_TRUE(load_scenario_text(render_json(to_json(s))).ok());
}

TEST(MineOrder, AutoPicksTwoWhereTheJourneyHasMemoryAndOneWhereItHasNot) {
  EventLogOptions o = product_options();
  o.choose_order = true;
  const MineResult with_memory = mine_event_log_text(product_log(true, 4000), o);
  ASSERT_TRUE(with_memory.ok());
  EXPECT_EQ(with_memory.order, 2u);
  ASSERT_EQ(with_memory.order_fits.size(), 4u);
  EXPECT_GT(with_memory.order_fits[1].per_move(), with_memory.order_fits[0].per_move());
  EXPECT_TRUE(with_memory.scenario->find_touchpoint("search__product_page"));

  const MineResult without = mine_event_log_text(product_log(false, 4000), o);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(without.order, 1u);
  EXPECT_TRUE(without.scenario->find_touchpoint("product_page"));
  // More memory cannot predict a memoryless journey better (ties go to the lower order).
  EXPECT_GE(without.order_fits[0].per_move(), without.order_fits[1].per_move());
}

}  // namespace
}  // namespace journeysim::mine::order_tests
