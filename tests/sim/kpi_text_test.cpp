// KPI text: every KPI of a report has a presentation, values and changes read
// in the KPI's unit, and a KPI the journey cannot produce says why.
#include <gtest/gtest.h>

#include <cmath>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "journeysim/sim/report.hpp"

namespace journeysim {
namespace {

TEST(KpiText, EveryReportedKpiHasAPresentationInReportOrder) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json");
  ASSERT_TRUE(loaded.ok());
  RunOptions options;
  options.customers = 2000;
  const RunReport report = make_report(*loaded.scenario, options, run_simulation(*loaded.scenario, options));
  const auto presentations = kpi_presentations();
  ASSERT_EQ(report.kpis.size(), presentations.size());
  for (std::size_t i = 0; i < report.kpis.size(); ++i) {
    EXPECT_EQ(report.kpis[i].name, presentations[i].name);
    EXPECT_STRNE(kpi_presentation(report.kpis[i].name).label, "");
  }
}

TEST(KpiText, ValuesAndChangesReadInTheirUnits) {
  EXPECT_EQ(kpi_value_text(kpi::conversion_rate, 0.023), "2.30%");
  EXPECT_EQ(kpi_change_text(kpi::conversion_rate, 0.006), "+0.60 pp");
  EXPECT_EQ(kpi_change_text(kpi::churn_rate, -0.0004), "-0.04 pp");
  EXPECT_EQ(kpi_value_text(kpi::nps, 9.154), "+9.2");
  EXPECT_EQ(kpi_value_text(kpi::nps, -32.22), "-32.2");
  EXPECT_EQ(kpi_value_text(kpi::ttr_p50_hours, 0.214), "0.21");
  EXPECT_EQ(kpi_value_text(kpi::ttr_hours, 91.23), "91.2");
  EXPECT_EQ(kpi_value_text(kpi::revenue_per_customer, 2.876), "2.88");
  EXPECT_EQ(kpi_change_text(kpi::steps, 0.0), "0.00");
  EXPECT_EQ(kpi_change_text(kpi::ces, -0.0034), "-0.0034");  // not "-0.00": a change, however small
  EXPECT_EQ(kpi_change_text(kpi::churn_rate, 0.000012), "+0.0012 pp");
  // An interval reads at its change's decimals.
  Estimate change;
  change.value = 0.8;
  change.ci95 = {0.048, 1.6};
  EXPECT_EQ(kpi_change_texts(kpi::nps, change).value, "+0.8");
  EXPECT_EQ(kpi_change_texts(kpi::nps, change).interval(), "[+0.0, +1.6]");
  change.value = -0.0036;
  change.ci95 = {-0.0044, -0.0027};
  EXPECT_EQ(kpi_change_texts(kpi::ces, change).value, "-0.0036");
  EXPECT_EQ(kpi_change_texts(kpi::ces, change).interval(), "[-0.0044, -0.0027]");
  EXPECT_EQ(kpi_value_text(kpi::csat, std::nan("")), "-");
  Estimate e;
  e.value = 0.5;
  e.ci95 = {0.25, 0.75};
  EXPECT_EQ(kpi_interval_text(kpi::csat, e), "[25.00%, 75.00%]");
  e.ci95 = {std::nan(""), std::nan("")};
  EXPECT_EQ(kpi_interval_text(kpi::csat, e), "");
  EXPECT_EQ(grouped_count(1234567), "1,234,567");
  EXPECT_EQ(grouped_count(999), "999");
}

// Where no heading names the unit (the viewer), a duration reads in the unit
// its size needs: a 620.7-hour journey is 25.9 days. The command line keeps hours.
TEST(KpiText, DurationsReadInTheUnitTheirSizeNeeds) {
  EXPECT_EQ(kpi_value_text(kpi::journey_hours, 620.7, time_unit_for(620.7)), "25.9 days");
  EXPECT_EQ(kpi_value_text(kpi::ttr_p50_hours, 0.214, time_unit_for(0.214)), "12.8 min");
  EXPECT_EQ(kpi_value_text(kpi::ttr_hours, 5.2, time_unit_for(5.2)), "5.20 h");
  EXPECT_EQ(kpi_value_text(kpi::journey_hours, 2000, time_unit_for(2000)), "11.9 weeks");
  Estimate e;
  e.value = 620.7;
  e.ci95 = {600, 640.2};
  EXPECT_EQ(kpi_interval_text(kpi::journey_hours, e, time_unit_for(e.value)), "[25.0, 26.7]");
  Estimate change;
  change.value = -30;
  change.ci95 = {-40, -20};
  const ChangeText text = kpi_change_texts(kpi::journey_hours, change, time_unit_for(e.value));
  EXPECT_EQ(text.value, "-1.25 days");
  EXPECT_EQ(text.interval(), "[-1.67, -0.83]");
  // Other KPIs read as always, and the command line's hours are numbers of hours.
  EXPECT_EQ(kpi_value_text(kpi::conversion_rate, 0.023, time_unit_for(620.7)), "2.30%");
  EXPECT_EQ(kpi_value_text(kpi::journey_hours, 620.7), "620.7");
  EXPECT_EQ(kpi_change_texts(kpi::journey_hours, change).value, "-30.0");
  EXPECT_EQ(std::string(kpi_presentation(kpi::journey_hours).label), "journey time (h)");
}

TEST(KpiText, MoneyAndReturnOnCost) {
  EXPECT_EQ(money_text(-12930.4), "-12,930");
  EXPECT_EQ(money_text(999.5), "1,000");
  ReturnOnCost r;
  r.cost = 60000;
  r.customers = 100000;
  r.revenue_change.value = 72930;
  r.revenue_change.ci95 = {66785, 79075};
  r.net_return.value = 12930;
  r.net_return.ci95 = {6785, 19075};
  EXPECT_EQ(
      return_on_cost_text(r),
      "revenue +72,930 [66,785, 79,075] over 100,000 customers, against a cost of 60,000: net 12,930 [6,785, 19,075]");
}

TEST(KpiText, GoodDirections) {
  EXPECT_EQ(kpi_presentation(kpi::conversion_rate).better, +1);
  EXPECT_EQ(kpi_presentation(kpi::churn_rate).better, -1);
  EXPECT_EQ(kpi_presentation(kpi::ces).better, +1);  // CES here is ease: higher is easier
  EXPECT_EQ(kpi_presentation(kpi::steps).better, 0);
}

TEST(KpiText, KpisAJourneyCannotProduceSayWhy) {
  const LoadResult loaded = load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/contact_centre.json");
  ASSERT_TRUE(loaded.ok());
  const Scenario& s = *loaded.scenario;
  EXPECT_EQ(kpi_not_applicable(s, kpi::conversion_rate), "no converted ending or \"converts\" touchpoint");
  EXPECT_EQ(kpi_not_applicable(s, kpi::abandonment_rate), "no abandoned ending");
  EXPECT_EQ(kpi_not_applicable(s, kpi::churn_rate), "");
  EXPECT_EQ(kpi_not_applicable(s, kpi::retention_rate), "no horizon");
  EXPECT_EQ(kpi_not_applicable(s, kpi::ttr_hours), "");
  EXPECT_EQ(kpi_not_applicable(s, kpi::nps), "");
  EXPECT_EQ(kpi_not_applicable(s, kpi::wait_hours), "");  // the phone queue is a wait
}

}  // namespace
}  // namespace journeysim
