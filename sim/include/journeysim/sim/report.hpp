// RunReport: the figures of a simulation run, with their intervals, as plain
// values ready to print. make_report() is the one place where tallies become
// KPIs (DESIGN section 6; formulas in docs/kpis.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/simulation.hpp"
#include "journeysim/sim/statistics.hpp"

namespace journeysim {

// KPI names, in report order (DESIGN section 6).
namespace kpi {
inline constexpr const char* conversion_rate = "conversion_rate";
inline constexpr const char* churn_rate = "churn_rate";
inline constexpr const char* abandonment_rate = "abandonment_rate";
inline constexpr const char* lost_rate = "lost_rate";
inline constexpr const char* retention_rate = "retention_rate";
inline constexpr const char* nps = "nps";
inline constexpr const char* csat = "csat";
inline constexpr const char* ces = "ces";
inline constexpr const char* ttr_hours = "ttr_hours";
inline constexpr const char* ttr_p50_hours = "ttr_p50_hours";
inline constexpr const char* ttr_p90_hours = "ttr_p90_hours";
inline constexpr const char* sentiment_final = "sentiment_final";
inline constexpr const char* wait_hours = "wait_hours";
inline constexpr const char* journey_hours = "journey_hours";
inline constexpr const char* steps = "steps";
inline constexpr const char* cost_per_customer = "cost_per_customer";
inline constexpr const char* revenue_per_customer = "revenue_per_customer";
}  // namespace kpi

// Each KPI says what it is a share or a mean of: its base ("customers who
// converted") and the base's count. Undefined is not zero: a KPI the scenario
// cannot define (no churned ending) or that observed nothing (no ratings) has
// defined = false, a NaN estimate and the reason.
struct Kpi {
  std::string name;
  Estimate estimate;
  std::uint64_t sample_size = 0;  // the base's count: customers, converters, asked customers, ratings, episodes
  bool defined = true;
  std::string base;              // "customers who converted"
  std::string undefined_reason;  // when not defined: "no churned ending"
};

struct OutcomeFigures {
  std::string id;    // terminal touchpoint id, or "active" / "unfinished"
  std::string kind;  // its outcome kind
  std::uint64_t count = 0;
  Estimate share;
};

struct TouchpointFigures {
  std::string id;
  std::string name;
  std::string stage;
  bool terminal = false;
  std::uint64_t visits = 0;
  std::uint64_t visitors = 0;
  Estimate reach;      // share of customers who visit
  Estimate csat;       // share of ratings 4-5 here
  Estimate ces;        // mean ease here
  Estimate dropoff;    // share of visitors whose journey ended right after, not converted
  Estimate sentiment;  // mean sentiment on leaving, per visit (NaN: nobody left yet)
  bool rated = false;
};

struct TransitionFigures {
  std::string label;  // "FROM->TO"
  std::uint64_t traversals = 0;
  std::vector<std::pair<std::string, std::uint64_t>> by_ending;  // ending id -> traversals (non-zero only)
};

struct SegmentFigures {
  std::string id;
  std::uint64_t customers = 0;
  std::vector<Kpi> kpis;
};

struct StageFigures {
  std::string stage;
  std::uint64_t reached = 0;
  Estimate share;      // of all customers
  Estimate dropoff;    // of those who reached the previous stage, the share who never reached this one
  Estimate sentiment;  // mean sentiment on leaving the stage, per exit: the emotion curve (NaN: no exits)
};

struct PathFigures {
  std::vector<std::string> path;  // touchpoint ids
  std::uint64_t count = 0;
  std::vector<std::pair<std::string, std::uint64_t>> endings;  // ending id -> customers
};

struct RetentionPoint {
  double hours = 0.0;
  Estimate travelling;  // share of customers whose journey has not ended by then
};

// One hour of the week at a queue, for the charts: means over every week of
// the statistics window and every replication.
struct QueueHourFigures {
  double arrivals_per_hour = 0.0;
  double served_per_hour = 0.0;
  double mean_wait_hours = 0.0;  // of customers arriving in that hour (NaN: nobody did)
  double agents = 0.0;           // on duty, by the schedule
};

// A touchpoint with agents (DESIGN section 8). Counts are totals over all
// replications, their interval that of the total; every interval comes from
// the spread between replications.
struct QueueFigures {
  std::string id;
  Estimate arrivals, served, reneged, balked, turned_away;
  Estimate wait_probability;  // share of those joining who find no free agent
  Estimate mean_wait_hours;   // over everyone who joined and left the queue (waits of 0 included)
  Estimate wait_p90_hours;
  Estimate abandonment_rate;   // reneged / joined
  Estimate service_level;      // answered within answer_within / (served + reneged)
  Estimate utilisation;        // agents busy / agents on duty, over time
  Estimate mean_queue_length;  // customers waiting, time-averaged
  double answer_within_seconds = 0.0;
  std::vector<QueueHourFigures> by_hour_of_week;  // 168, Monday 00:00 first

  // The scale of a chart of the week: the most agents on duty in an hour (at
  // least 1) and the longest mean wait of an hour (0 when nobody waited).
  struct WeekScale {
    double most_agents = 1.0;
    double longest_wait_hours = 0.0;
  };
  WeekScale week_scale() const;

  using Named = std::vector<std::pair<const char*, const Estimate*>>;
  // The counts and the rates by their report names (DESIGN section 8), in report order.
  Named counts() const;
  Named rates() const;
};

struct RunReport {
  std::string scenario;
  std::uint64_t customers = 0;
  std::uint64_t seed = 0;
  std::optional<std::string> segment;  // when the run was restricted to one segment
  std::vector<OutcomeFigures> outcomes;
  std::vector<Kpi> kpis;
  std::vector<TouchpointFigures> touchpoints;
  std::vector<TransitionFigures> transitions;
  std::vector<SegmentFigures> segments;
  std::vector<StageFigures> funnel;
  std::vector<RetentionPoint> retention;
  std::vector<PathFigures> paths;  // most common first
  std::uint64_t distinct_paths = 0;
  std::uint64_t untracked_path_customers = 0;  // customers on paths past the tracking cap: counts exact otherwise
  std::uint64_t unfinished = 0;                // customers who hit max_steps (reported loudly)
  std::array<std::uint64_t, 11> nps_scores{};  // asked customers by NPS score 0..10
  // The queue model: the replications the intervals come from (0: a plain
  // run, whose intervals treat customers as independent), and its queues.
  unsigned replications = 0;
  double horizon_hours = 0.0;  // with replications: each one's length
  double warm_up_hours = 0.0;
  std::vector<QueueFigures> queues;

  const Kpi* find_kpi(std::string_view name) const;
};

struct ReportOptions {
  std::size_t top_paths = 20;
};

RunReport make_report(const Scenario& scenario, const RunOptions& options, const RunResult& result,
                      const ReportOptions& report_options = {});

}  // namespace journeysim
