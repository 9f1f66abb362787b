// KPI labels, units and the text of values, intervals and changes.
#include "journeysim/sim/kpi_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "journeysim/sim/report.hpp"

namespace journeysim {

namespace {

constexpr std::array presentations{
    KpiPresentation{kpi::conversion_rate, "conversion rate", "Conversion", KpiUnit::share, +1},
    KpiPresentation{kpi::churn_rate, "churn rate", "Churn", KpiUnit::share, -1},
    KpiPresentation{kpi::abandonment_rate, "cart abandonment rate", "Cart abandonment", KpiUnit::share, -1},
    KpiPresentation{kpi::lost_rate, "lost rate", "Lost", KpiUnit::share, -1},
    KpiPresentation{kpi::retention_rate, "retention rate (active at horizon)", "Retention", KpiUnit::share, +1},
    KpiPresentation{kpi::nps, "NPS", "NPS", KpiUnit::score, +1},
    KpiPresentation{kpi::csat, "CSAT (ratings of 4-5)", "CSAT (4-5 of 5)", KpiUnit::share, +1},
    KpiPresentation{kpi::ces, "CES (ease, 1-7)", "CES (ease 1-7)", KpiUnit::plain, +1},
    KpiPresentation{kpi::sentiment_final, "sentiment at the end", "Final sentiment", KpiUnit::plain, +1},
    KpiPresentation{kpi::ttr_hours, "time to resolution, mean (h)", "Resolution, mean", KpiUnit::hours, -1},
    KpiPresentation{kpi::ttr_p50_hours, "time to resolution, median (h)", "Resolution, median", KpiUnit::hours, -1},
    KpiPresentation{kpi::ttr_p90_hours, "time to resolution, 90th pct (h)", "Resolution, p90", KpiUnit::hours, -1},
    KpiPresentation{kpi::wait_hours, "time waiting (h)", "Waiting", KpiUnit::hours, -1},
    KpiPresentation{kpi::journey_hours, "journey time (h)", "Journey time", KpiUnit::hours, 0},
    KpiPresentation{kpi::steps, "steps per customer", "Steps / customer", KpiUnit::plain, 0},
    KpiPresentation{kpi::cost_per_customer, "cost per customer", "Cost / customer", KpiUnit::money, -1},
    KpiPresentation{kpi::revenue_per_customer, "revenue per customer", "Revenue / customer", KpiUnit::money, +1},
};

// A queue's rates (QueueFigures::rates()), named "queue." and their report
// name: texts of their own, as a queue's abandonment is not the cart's.
constexpr std::array queue_presentations{
    KpiPresentation{"queue.wait_probability", "waited (no free agent)", "Waited", KpiUnit::share, -1},
    KpiPresentation{"queue.mean_wait_hours", "mean wait", "Mean wait", KpiUnit::hours, -1},
    KpiPresentation{"queue.wait_p90_hours", "wait, 90th percentile", "Wait, p90", KpiUnit::hours, -1},
    KpiPresentation{"queue.abandonment_rate", "abandonment (reneged / joined)", "Abandonment", KpiUnit::share, -1},
    KpiPresentation{"queue.service_level", "service level", "Service level", KpiUnit::share, +1},
    KpiPresentation{"queue.utilisation", "utilisation of agents", "Utilisation", KpiUnit::share, 0},
    KpiPresentation{"queue.mean_queue_length", "mean queue length", "Queue length", KpiUnit::plain, -1},
};

constexpr KpiPresentation unknown{"", "", "", KpiUnit::plain, 0};

std::string fixed(double x, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
  return buffer;
}

// Hours keep two decimals below 10 (a 0.21 h median is 13 minutes, not "0.2"),
// and two significant digits below 0.1 (a 4-second mean wait is 0.0011 h, not
// "0.00", which would read as no wait at all).
int decimals_of(KpiUnit unit, double magnitude) {
  switch (unit) {
    case KpiUnit::score: return 1;
    case KpiUnit::hours: {
      if (magnitude >= 10) return 1;
      int decimals = 2;
      while (magnitude > 0 && magnitude < 0.1 * std::pow(10.0, 2 - decimals) && decimals < 6) ++decimals;
      return decimals;
    }
    case KpiUnit::share:
    case KpiUnit::plain:
    case KpiUnit::money: return 2;
  }
  return 2;
}

}  // namespace

std::span<const KpiPresentation> kpi_presentations() { return presentations; }

std::span<const KpiPresentation> queue_figure_presentations() { return queue_presentations; }

const KpiPresentation& kpi_presentation(std::string_view name) {
  for (const KpiPresentation& p : presentations) {
    if (name == p.name) return p;
  }
  for (const KpiPresentation& p : queue_presentations) {
    if (name == p.name) return p;
  }
  return unknown;
}

std::string grouped_count(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

std::string money_text(double amount) {
  return (amount < 0 ? "-" : "") + grouped_count(static_cast<std::uint64_t>(std::llround(std::abs(amount))));
}

std::string return_on_cost_text(const ReturnOnCost& r) {
  const auto interval = [](const Estimate& e) {
    return "[" + money_text(e.ci95.lo) + ", " + money_text(e.ci95.hi) + "]";
  };
  return "revenue " + std::string(r.revenue_change.value >= 0 ? "+" : "") + money_text(r.revenue_change.value) + " " +
         interval(r.revenue_change) + " over " + grouped_count(static_cast<std::uint64_t>(r.customers)) +
         " customers, against a cost of " + money_text(r.cost) + ": net " + money_text(r.net_return.value) + " " +
         interval(r.net_return);
}

std::string percent_text(double share) { return std::isfinite(share) ? fixed(100.0 * share, 2) + "%" : "-"; }

std::string share_interval_text(const Estimate& share) { return kpi_interval_text(kpi::conversion_rate, share); }

std::string share_change_text(double change) { return kpi_change_text(kpi::conversion_rate, change); }

namespace {

// Hours written as numbers, with no unit: the command line's tables.
constexpr TimeUnit plain_hours{1.0, ""};

}  // namespace

TimeUnit time_unit_for(double hours) {
  const double magnitude = std::abs(hours);
  if (magnitude < 1.0) return {1.0 / 60.0, " min"};
  if (magnitude < 48.0) return {1.0, " h"};
  if (magnitude < 8 * 7 * 24.0) return {24.0, " days"};
  return {7 * 24.0, " weeks"};
}

std::string kpi_value_text(std::string_view kpi, double value) { return kpi_value_text(kpi, value, plain_hours); }

std::string kpi_value_text(std::string_view kpi, double value, TimeUnit unit) {
  if (!std::isfinite(value)) return "-";
  const KpiUnit kind = kpi_presentation(kpi).unit;
  switch (kind) {
    case KpiUnit::share: return percent_text(value);
    case KpiUnit::score: return (value >= 0 ? "+" : "") + fixed(value, 1);
    case KpiUnit::hours: {
      const double in_unit = value / unit.hours;
      return fixed(in_unit, decimals_of(kind, std::abs(in_unit))) + unit.suffix;
    }
    case KpiUnit::plain:
    case KpiUnit::money: return fixed(value, decimals_of(kind, std::abs(value)));
  }
  return "-";
}

std::string kpi_interval_text(std::string_view kpi, const Estimate& estimate) {
  return kpi_interval_text(kpi, estimate, plain_hours);
}

std::string kpi_interval_text(std::string_view kpi, const Estimate& estimate, TimeUnit unit) {
  if (!std::isfinite(estimate.ci95.lo)) return "";
  // In the unit of the value it stands beside, which names it: "9.58 days [8.83, 10.3]".
  const TimeUnit bare{unit.hours, ""};
  return "[" + kpi_value_text(kpi, estimate.ci95.lo, bare) + ", " + kpi_value_text(kpi, estimate.ci95.hi, bare) + "]";
}

namespace {

// The decimals a change of `magnitude` is shown with: the unit's, or more
// for a change that would round to zero, keeping two significant digits.
int change_decimals(KpiUnit unit, double magnitude) {
  const double shown = unit == KpiUnit::share ? 100.0 * magnitude : magnitude;
  const int standard = unit == KpiUnit::share ? 2 : decimals_of(unit, magnitude);
  int decimals = standard;
  while (shown > 0 && shown < 0.5 * std::pow(10.0, -decimals) && decimals < 8) ++decimals;
  return decimals > standard ? decimals + 1 : decimals;
}

std::string change_text(KpiUnit unit, double change, int decimals, const char* suffix) {
  if (!std::isfinite(change)) return "-";
  const std::string sign = change > 0 ? "+" : (change < 0 ? "-" : "");
  const double shown = unit == KpiUnit::share ? 100.0 * std::abs(change) : std::abs(change);
  return sign + fixed(shown, decimals) + (unit == KpiUnit::share ? " pp" : suffix);
}

}  // namespace

std::string kpi_change_text(std::string_view kpi, double change) {
  const KpiUnit unit = kpi_presentation(kpi).unit;
  return change_text(unit, change, change_decimals(unit, std::abs(change)), "");
}

ChangeText kpi_change_texts(std::string_view kpi, const Estimate& change) {
  return kpi_change_texts(kpi, change, plain_hours);
}

ChangeText kpi_change_texts(std::string_view kpi, const Estimate& change, TimeUnit unit) {
  const KpiUnit kind = kpi_presentation(kpi).unit;
  const double per = kind == KpiUnit::hours ? unit.hours : 1.0;
  const char* suffix = kind == KpiUnit::hours ? unit.suffix : "";
  const double value = change.value / per;
  const int decimals = change_decimals(kind, std::isfinite(value) ? std::abs(value) : 0.0);
  // The interval's ends in the change's unit, which the change names ("-1.25 days [-1.67, -0.83]").
  return {change_text(kind, value, decimals, suffix), change_text(kind, change.ci95.lo / per, decimals, ""),
          change_text(kind, change.ci95.hi / per, decimals, "")};
}

std::string kpi_undefined_reason(std::string_view kpi) {
  if (kpi == kpi::churn_rate || kpi == kpi::retention_rate) return "nobody converted";
  if (kpi == kpi::abandonment_rate) return "nobody reached checkout";
  if (kpi == kpi::nps) return "nobody asked";
  if (kpi == kpi::csat || kpi == kpi::ces) return "no ratings";
  if (kpi.rfind("ttr", 0) == 0) return "no support episodes";
  return "not observed";
}

std::string kpi_not_applicable(const Scenario& scenario, std::string_view kpi) {
  const auto missing_outcome = [&](std::string_view kind) {
    return scenario.has_outcome(kind) ? std::string() : "no " + std::string(kind) + " ending";
  };
  if (kpi == kpi::conversion_rate) {
    return scenario.has_conversion_point() ? std::string() : "no converted ending or \"converts\" touchpoint";
  }
  if (kpi == kpi::churn_rate) return missing_outcome(outcome_kind::churned);
  if (kpi == kpi::abandonment_rate) {
    if (const std::string missing = missing_outcome(outcome_kind::abandoned); !missing.empty()) return missing;
    return scenario.has_checkout() ? std::string() : "no checkout: no purchase stage or \"abandonment_from\"";
  }
  if (kpi == kpi::lost_rate) return missing_outcome(outcome_kind::lost);
  if (kpi == kpi::retention_rate && !scenario.horizon) return "no horizon";
  if (kpi.rfind("ttr", 0) == 0 && !scenario.has_stage(stage_name::support)) return "no support stage";
  if (kpi == kpi::wait_hours && !scenario.has_queues() &&
      std::none_of(scenario.touchpoints.begin(), scenario.touchpoints.end(),
                   [](const Touchpoint& t) { return t.wait; })) {
    return "no \"wait\" touchpoint or queue";
  }
  return {};
}

std::string kpi_base_text(const Kpi& k) { return "of " + grouped_count(k.sample_size) + " " + k.base; }

std::string kpi_undefined_text(const Kpi& k) { return "- (" + k.undefined_reason + ")"; }

std::string fixed_text(double x, int decimals) { return std::isfinite(x) ? fixed(x, decimals) : "-"; }

}  // namespace journeysim
