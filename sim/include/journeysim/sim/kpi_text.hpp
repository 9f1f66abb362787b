// How figures read for people: each KPI's label, unit and good direction, and
// the text of a value, an interval or a paired change in that unit (shares in
// %, changes of shares in percentage points). The command line's tables and
// the viewer's cards both print through here, so a figure reads the same
// wherever it is shown.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/statistics.hpp"

namespace journeysim {

enum class KpiUnit { share, score, plain, hours, money };

struct KpiPresentation {
  const char* name;         // the KPI's name in reports (kpi::*)
  const char* label;        // in tables: "conversion rate"
  const char* short_label;  // on cards: "Conversion" (a duration names its unit in its value)
  KpiUnit unit;
  int better;  // +1: higher is better, -1: lower is better, 0: neither
};

// Every KPI, in report order (DESIGN section 6).
std::span<const KpiPresentation> kpi_presentations();
// A queue's rates (QueueFigures::rates()), each named "queue." and its report
// name ("queue.service_level"): the texts below take those names too.
std::span<const KpiPresentation> queue_figure_presentations();
// The presentation of `name` (a KPI's, or a queue rate's); an unknown name reads as a plain number.
const KpiPresentation& kpi_presentation(std::string_view name);

// A KPI's value in its unit, durations as numbers of hours (the command
// line's tables say "(h)" in their headings).
std::string kpi_value_text(std::string_view kpi, double value);
// "[2.20%, 2.39%]", or empty when the estimate has no interval.
std::string kpi_interval_text(std::string_view kpi, const Estimate& estimate);

// Durations where no heading gives the unit (the viewer's cards): in the
// unit their size reads best in, named: under an hour in minutes, under two
// days in hours, under eight weeks in days, then in weeks ("12.8 min",
// "5.20 h", "25.9 days"). A figure's value, interval and change all read in
// the unit its value chose, named once by the value or the change beside
// them: "25.9 days [25.0, 26.7]". For a KPI that is not a duration the texts
// are those above.
struct TimeUnit {
  double hours;        // how many hours one unit is
  const char* suffix;  // " min", " h", " days", " weeks"
};
TimeUnit time_unit_for(double hours);
std::string kpi_value_text(std::string_view kpi, double value, TimeUnit unit);
std::string kpi_interval_text(std::string_view kpi, const Estimate& estimate, TimeUnit unit);
// A paired change: "+0.60 pp" for shares, "+8.5" for NPS. A small change
// that is not zero keeps two significant digits ("-0.0034", not "-0.00").
std::string kpi_change_text(std::string_view kpi, double change);
// A change and its interval, all three at the decimals the change needs.
struct ChangeText {
  std::string value, lo, hi;
  std::string interval() const { return "[" + lo + ", " + hi + "]"; }
};
ChangeText kpi_change_texts(std::string_view kpi, const Estimate& change);
ChangeText kpi_change_texts(std::string_view kpi, const Estimate& change, TimeUnit unit);
// Why a KPI came out undefined although the scenario defines it (nothing
// observed): "no ratings", "nobody converted".
std::string kpi_undefined_reason(std::string_view kpi);
// Why the scenario cannot define a KPI (no ending, stage, checkout or horizon
// it counts), or empty: "no churned ending". make_report() marks such KPIs
// undefined with this reason; the viewer asks it of a scenario not run yet.
std::string kpi_not_applicable(const Scenario& scenario, std::string_view kpi);
// What a KPI is a share or mean of, with the count: "of 23,410 customers who converted".
std::string kpi_base_text(const Kpi& k);
// An undefined KPI for people: "- (no churned ending)".
std::string kpi_undefined_text(const Kpi& k);

// 1234567 -> "1,234,567".
std::string grouped_count(std::uint64_t n);
// An amount of money, rounded to whole units and grouped: -12930.4 -> "-12,930".
std::string money_text(double amount);
// A what-if's return on its cost, for people: "revenue +72,930 [66,785,
// 79,075] over 100,000 customers, against a cost of 60,000: net 12,930 [...]".
std::string return_on_cost_text(const ReturnOnCost& r);
// A share as a percentage with two decimals: 0.0230 -> "2.30%"; its
// interval, "[2.20%, 2.39%]"; a change of it in percentage points, "+0.60 pp".
std::string percent_text(double share);
// A plain number with fixed decimals; "-" when not finite.
std::string fixed_text(double x, int decimals);
std::string share_interval_text(const Estimate& share);
std::string share_change_text(double change);

}  // namespace journeysim
