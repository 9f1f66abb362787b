// The queue model against queueing theory (DESIGN section 8): M/M/c against
// Erlang C, M/M/c with exponential patience against Erlang A, Little's law on
// a queue whose service is not exponential, and a schedule that closes at
// night. Each figure's interval comes from independent replications; a check
// allows 5.5 of its standard errors, the two-sided 99.9% point of Student's t
// with 7 degrees of freedom (8 replications), so a correct engine fails a
// check by chance about once in a thousand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "journeysim/sim/queue/arrival_process.hpp"
#include "journeysim/sim/queue/queue_run.hpp"
#include "journeysim/sim/queue/staffing.hpp"

namespace journeysim::queue_theory {  // named: the tests build in unity batches
namespace {

constexpr double tolerance_in_se = 5.5;

Distribution exponential_minutes(double mean) {
  Distribution d;
  d.kind = DistributionKind::exponential;
  d.a = 60.0 * mean;
  return d;
}

Touchpoint ending(std::string id, std::string outcome) {
  Touchpoint t;
  t.id = std::move(id);
  t.outcome = std::move(outcome);
  return t;
}

// One queue: customers arrive at `per_hour`, are served for `service`, and
// end `resolved`; with patience, those who give up end `hung_up`.
Scenario one_queue(double per_hour, Distribution service, double agents, std::optional<Distribution> patience = {},
                   double days = 28.0) {
  Scenario s;
  s.name = "one queue";
  Touchpoint queue;
  queue.id = "queue";
  queue.stage = "support";
  queue.dwell = std::move(service);
  queue.csat = false;
  Capacity capacity;
  capacity.agents = agents;
  if (patience) {
    capacity.patience = *patience;
    capacity.on_renege = "hung_up";
  }
  queue.capacity = capacity;
  s.touchpoints = {queue, ending("resolved", "resolved"), ending("hung_up", "lost")};
  s.transitions = {Transition{0, 1, Probability{1.0, false}, 0.0, {}, {}}};
  s.entry = {EntryShare{0, 1.0}};
  s.horizon = days * seconds_per_day;
  s.warm_up = seconds_per_day;
  Arrivals arrivals;
  arrivals.per_hour = per_hour;
  s.arrivals = arrivals;
  return s;
}

RunReport simulate(const Scenario& scenario, unsigned threads = 2) {
  RunOptions options;
  options.seed = 11;
  options.threads = threads;
  options.replications = 8;
  const QueueRun run = run_queue_simulation(scenario, options);
  return make_queue_report(scenario, options, run);
}

void expect_figure(const Estimate& e, double truth, const char* what) {
  ASSERT_TRUE(std::isfinite(e.standard_error)) << what;
  EXPECT_GT(e.standard_error, 0.0) << what;
  EXPECT_NEAR(e.value, truth, tolerance_in_se * e.standard_error) << what << " (SE " << e.standard_error << ")";
}

double factorial_ratio_term(double a, int k) {  // a^k / k!
  double term = 1.0;
  for (int i = 1; i <= k; ++i) term *= a / i;
  return term;
}

// Erlang C for offered load a = lambda / mu on c agents:
//   C(c, a) = (a^c / c!) (c / (c - a)) / (sum_{k<c} a^k / k! + (a^c / c!) (c / (c - a)))
// the probability that an arrival waits; the mean wait is C / (c mu - lambda).
double erlang_c(int c, double a) {
  double below = 0.0;
  for (int k = 0; k < c; ++k) below += factorial_ratio_term(a, k);
  const double top = factorial_ratio_term(a, c) * c / (c - a);
  return top / (below + top);
}

TEST(QueueTheory, MmcWaitsMatchErlangC) {
  // lambda 100/h, mean service 6 min (mu 10/h), 12 agents: a = 10, rho = 0.833.
  const double lambda = 100.0, mu = 10.0;
  const int c = 12;
  const RunReport report = simulate(one_queue(lambda, exponential_minutes(6.0), c));
  ASSERT_EQ(report.queues.size(), 1u);
  const QueueFigures& q = report.queues[0];
  const double p_wait = erlang_c(c, lambda / mu);
  const double mean_wait = p_wait / (c * mu - lambda);  // hours
  expect_figure(q.wait_probability, p_wait, "wait probability");
  expect_figure(q.mean_wait_hours, mean_wait, "mean wait");
  expect_figure(q.utilisation, lambda / (c * mu), "utilisation");
  expect_figure(q.mean_queue_length, lambda * mean_wait, "mean queue length (Little)");
  EXPECT_EQ(q.reneged.value, 0.0);
  // Everyone is served when nobody gives up, bar the few waiting at the horizon.
  EXPECT_LE(q.served.value, q.arrivals.value);
  EXPECT_GE(q.served.value, q.arrivals.value - 8 * 2 * c);
  // The customers' wait_hours KPI is the same wait, per customer.
  const Estimate& wait_kpi = report.find_kpi("wait_hours")->estimate;
  expect_figure(wait_kpi, mean_wait, "wait_hours KPI");
  EXPECT_EQ(report.replications, 8u);
}

// Erlang A (M/M/c+M): a birth-death chain with birth rate lambda and death
// rate min(n, c) mu + max(n - c, 0) theta in state n (customers present),
// solved by truncation far in the tail. By PASTA an arrival waits with
// probability sum_{n>=c} pi_n; the queue holds Lq = sum (n - c)+ pi_n; each
// waiting customer abandons at rate theta, so abandonment = theta Lq / lambda;
// and by Little's law the mean time in queue of everyone who joined is Lq / lambda.
struct ErlangA {
  double p_wait = 0.0, abandonment = 0.0, mean_wait = 0.0;
};
ErlangA erlang_a(double lambda, double mu, int c, double theta) {
  std::vector<double> pi{1.0};
  for (int n = 1; n < c + 4000; ++n) {
    const double death = std::min(n, c) * mu + std::max(n - c, 0) * theta;
    pi.push_back(pi.back() * lambda / death);
  }
  double total = 0.0;
  for (double p : pi) total += p;
  ErlangA out;
  double lq = 0.0;
  for (int n = 0; n < static_cast<int>(pi.size()); ++n) {
    const double p = pi[static_cast<std::size_t>(n)] / total;
    if (n >= c) out.p_wait += p;
    lq += std::max(n - c, 0) * p;
  }
  out.abandonment = theta * lq / lambda;
  out.mean_wait = lq / lambda;
  return out;
}

TEST(QueueTheory, MmcWithPatienceMatchesErlangA) {
  // lambda 100/h, mu 10/h, 10 agents (rho = 1: only abandonment keeps it
  // stable), mean patience 3 min (theta 20/h).
  const double lambda = 100.0, mu = 10.0, theta = 20.0;
  const int c = 10;
  const RunReport report = simulate(one_queue(lambda, exponential_minutes(6.0), c, exponential_minutes(3.0)));
  const QueueFigures& q = report.queues.at(0);
  const ErlangA truth = erlang_a(lambda, mu, c, theta);
  expect_figure(q.wait_probability, truth.p_wait, "wait probability");
  expect_figure(q.abandonment_rate, truth.abandonment, "abandonment");
  expect_figure(q.mean_wait_hours, truth.mean_wait, "mean wait");
  EXPECT_GT(q.reneged.value, 0.0);
  // Those who gave up end at on_renege's ending.
  for (const OutcomeFigures& o : report.outcomes) {
    if (o.id == "hung_up") {
      EXPECT_EQ(static_cast<double>(o.count), q.reneged.value);
    }
  }
}

TEST(QueueTheory, LittlesLawHoldsForLognormalService) {
  // Service lognormal (median 5 min, p90 12 min), 90 arrivals/h on 10 agents.
  Distribution service;
  service.kind = DistributionKind::lognormal;
  service.a = 300.0;
  service.b = 720.0;
  const double lambda = 90.0;
  const RunReport report = simulate(one_queue(lambda, service, 10));
  const QueueFigures& q = report.queues.at(0);
  // L = lambda W for the queue: the time-averaged number waiting against the
  // arrival rate times the mean wait, each with its own replication interval.
  const double rate = q.arrivals.value / (report.replications * (report.horizon_hours - report.warm_up_hours));
  const double little = rate * q.mean_wait_hours.value;
  const double se = std::hypot(q.mean_queue_length.standard_error, rate * q.mean_wait_hours.standard_error);
  EXPECT_GT(q.mean_queue_length.value, 0.0);
  EXPECT_NEAR(q.mean_queue_length.value, little, tolerance_in_se * se);
  // Utilisation is lambda E[S] / c, E[S] = median exp(sigma^2 / 2).
  const double sigma = std::log(720.0 / 300.0) / 1.2815515655446004;
  const double mean_service_hours = 300.0 * std::exp(sigma * sigma / 2) / 3600.0;
  expect_figure(q.utilisation, lambda * mean_service_hours / 10.0, "utilisation");
}

Scenario weekday_queue(double per_hour, bool with_voicemail) {
  Scenario s = one_queue(per_hour, exponential_minutes(6.0), 0.0, {}, 21.0);
  if (with_voicemail) s.touchpoints.push_back(ending("voicemail", "lost"));
  Capacity& capacity = *s.touchpoints[0].capacity;
  capacity.schedule = {Shift{0b0011111, 8 * 3600.0, 20 * 3600.0, 5.0, "mon-fri"}};
  if (with_voicemail) capacity.on_closed = "voicemail";
  return s;
}

TEST(QueueTheory, AScheduleThatClosesAtNightServesNobodyThen) {
  const RunReport report = simulate(weekday_queue(20.0, true));
  const QueueFigures& q = report.queues.at(0);
  ASSERT_EQ(q.by_hour_of_week.size(), hours_per_week);
  for (std::size_t h = 0; h < hours_per_week; ++h) {
    const bool open = h < 5 * 24 && h % 24 >= 8 && h % 24 < 20;
    EXPECT_EQ(q.by_hour_of_week[h].agents, open ? 5.0 : 0.0) << "hour " << h;
    if (!open) {
      EXPECT_EQ(q.by_hour_of_week[h].served_per_hour, 0.0) << "hour " << h;
    }
    EXPECT_GT(q.by_hour_of_week[h].arrivals_per_hour, 0.0) << "hour " << h;
  }
  // 60 of the week's 168 hours are open: the rest of the arrivals (Poisson,
  // so independent of each other) go to voicemail.
  const double closed_share = 108.0 / 168.0;
  const double se = std::sqrt(closed_share * (1 - closed_share) / q.arrivals.value);
  EXPECT_NEAR(q.turned_away.value / q.arrivals.value, closed_share, tolerance_in_se * se);
  // Everyone else is served, bar the few still waiting when Friday's shift ends.
  EXPECT_LE(q.served.value + q.turned_away.value, q.arrivals.value);
  EXPECT_GE(q.served.value + q.turned_away.value, 0.999 * q.arrivals.value);
}

TEST(QueueTheory, WithoutOnClosedCustomersWaitForOpening) {
  const RunReport report = simulate(weekday_queue(2.0, false));
  const QueueFigures& q = report.queues.at(0);
  // Tuesday 02:00-03:00: arrivals wait for 08:00, five to six hours, and a
  // little longer behind the night's dozen other callers (five agents serve
  // 50 an hour).
  const double wait = q.by_hour_of_week[24 + 2].mean_wait_hours;
  EXPECT_GT(wait, 5.0);
  EXPECT_LT(wait, 6.5);
  EXPECT_GT(q.by_hour_of_week[24 + 8].served_per_hour, 10.0) << "the night's queue is served at opening";
}

TEST(QueueTheory, ReportsAreIdenticalForAnyThreadCount) {
  const Scenario s = one_queue(100.0, exponential_minutes(6.0), 11, exponential_minutes(4.0), 7.0);
  const RunReport one = simulate(s, 1);
  const RunReport two = simulate(s, 2);
  ASSERT_EQ(one.kpis.size(), two.kpis.size());
  for (std::size_t k = 0; k < one.kpis.size(); ++k) {
    const Estimate& a = one.kpis[k].estimate;
    const Estimate& b = two.kpis[k].estimate;
    EXPECT_TRUE((std::isnan(a.value) && std::isnan(b.value)) || a.value == b.value) << one.kpis[k].name;
    EXPECT_TRUE((std::isnan(a.ci95.lo) && std::isnan(b.ci95.lo)) || a.ci95.lo == b.ci95.lo) << one.kpis[k].name;
  }
  EXPECT_EQ(one.queues[0].mean_wait_hours.value, two.queues[0].mean_wait_hours.value);
  EXPECT_EQ(one.customers, two.customers);
}

TEST(QueueTheory, MoreAgentsMeetTheSameCustomersAtTheSameTimes) {
  Scenario base = one_queue(100.0, exponential_minutes(6.0), 11, exponential_minutes(4.0), 7.0);
  Scenario more = base;
  more.touchpoints[0].capacity->agents = 13;
  const RunReport a = simulate(base);
  const RunReport b = simulate(more);
  EXPECT_EQ(a.queues[0].arrivals.value, b.queues[0].arrivals.value) << "arrivals are keyed by customer";
  EXPECT_EQ(a.customers, b.customers);
  EXPECT_LT(b.queues[0].mean_wait_hours.value, a.queues[0].mean_wait_hours.value);
  EXPECT_LT(b.queues[0].reneged.value, a.queues[0].reneged.value);
}

// "Add two agents" in compare: each queue rate's change is the pooled
// difference, its interval from the replications' paired differences, and
// pairing (the same customers arriving at the same times) makes it narrower
// than two independent runs' intervals would.
TEST(QueueTheory, TwoMoreAgentsIsAPairedDropInWaitsAndAbandonment) {
  const Scenario base = one_queue(100.0, exponential_minutes(6.0), 11, exponential_minutes(4.0), 7.0);
  Scenario more = base;
  more.touchpoints[0].capacity->agents = 13;
  const std::optional<Variant> variant = variant_from_edit(base, more, "two more agents");
  ASSERT_TRUE(variant);
  RunOptions options;
  options.seed = 11;
  options.replications = 8;
  const ComparisonReport report = compare_queue_variants(base, {*variant}, options);
  ASSERT_EQ(report.variants.size(), 1u);
  const VariantComparison& v = report.variants[0];
  ASSERT_EQ(v.queues.size(), 1u);
  EXPECT_EQ(v.queues[0].id, "queue");
  const auto rate = [&](const std::string& name) -> const KpiChange& {
    for (const KpiChange& c : v.queues[0].figures) {
      if (c.name == name) return c;
    }
    ADD_FAILURE() << "no " << name;
    return v.queues[0].figures.front();
  };
  for (const char* name : {"wait_probability", "mean_wait_hours", "abandonment_rate"}) {
    const KpiChange& c = rate(name);
    SCOPED_TRACE(name);
    EXPECT_DOUBLE_EQ(c.change.value, c.variant.value - c.baseline.value);
    EXPECT_LT(c.change.ci95.hi, 0.0) << "a drop that stands out from the noise";
    EXPECT_LT(c.change.standard_error, std::hypot(c.baseline.standard_error, c.variant.standard_error))
        << "pairing narrows the interval";
  }
  EXPECT_GT(rate("service_level").change.ci95.lo, 0.0);
  EXPECT_EQ(rate("mean_wait_hours").baseline.value, report.baseline.queues[0].mean_wait_hours.value);
  // Fewer give up, so fewer end at hung_up: the lost rate falls with it.
  const auto lost =
      std::find_if(v.kpis.begin(), v.kpis.end(), [](const KpiChange& c) { return c.name == kpi::lost_rate; });
  ASSERT_NE(lost, v.kpis.end());
  EXPECT_LT(lost->change.ci95.hi, 0.0);
}

TEST(ReplicationIntervals, UseStudentsT) {
  // Published two-sided 95% points.
  EXPECT_NEAR(t95(1), 12.706, 5e-4);
  EXPECT_NEAR(t95(7), 2.365, 5e-4);
  EXPECT_NEAR(t95(30), 2.042, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.9995, 7), 5.408, 5e-4);
  // Four replications 1, 2, 3, 4: sd = 1.291, SE = 0.6455, half-width t(3) SE = 3.182 * 0.6455.
  const std::vector<double> values{1, 2, 3, 4};
  const Estimate e = replication_estimate(2.5, values);
  EXPECT_NEAR(e.standard_error, 0.645497, 1e-6);
  EXPECT_NEAR(e.ci95.hi - e.value, 3.182446 * 0.645497, 1e-5);
  // One value, or NaNs where a replication could not define the figure: no interval.
  EXPECT_TRUE(std::isnan(replication_estimate(1.0, std::vector<double>{1.0, std::nan("")}).ci95.lo));
}

TEST(ArrivalProcess, InvertsTheCumulativeRateByHourOfWeek) {
  Arrivals arrivals;
  arrivals.per_hour = 10.0;
  arrivals.by_hour.fill(0.0);
  arrivals.by_hour[9] = 1.0;  // every arrival between 09:00 and 10:00
  const ArrivalProcess process(arrivals);
  // The mean rate stays 10/h over the week: 240 a day, all in one hour.
  EXPECT_DOUBLE_EQ(process.per_hour(9), 240.0);
  EXPECT_DOUBLE_EQ(process.time_at(0.0), 9 * 3600.0);
  EXPECT_DOUBLE_EQ(process.time_at(120.0), 9.5 * 3600.0);
  EXPECT_DOUBLE_EQ(process.time_at(240.0 + 120.0), seconds_per_day + 9.5 * 3600.0);
  EXPECT_DOUBLE_EQ(process.time_at(7 * 240.0 + 60.0), seconds_per_week + 9.25 * 3600.0);
}

TEST(Staffing, ShiftsAddUpAndWrapPastMidnight) {
  Capacity c;
  c.schedule = {Shift{0b1111111, 22 * 3600.0, 6 * 3600.0, 2.0, "daily"},
                Shift{0b0000001, 0.0, 12 * 3600.0, 3.0, "mon"}};
  const Staffing staffing(c);
  EXPECT_TRUE(staffing.scheduled());
  EXPECT_EQ(staffing.agents_at(1 * 3600.0), 5u);             // Monday 01:00: Sunday's night shift and Monday's
  EXPECT_EQ(staffing.agents_at(7 * 3600.0), 3u);             // Monday 07:00
  EXPECT_EQ(staffing.agents_at(13 * 3600.0), 0u);            // Monday 13:00: closed
  EXPECT_EQ(staffing.agents_at(23 * 3600.0), 2u);            // Monday 23:00
  EXPECT_EQ(staffing.agents_at(seconds_per_week - 60), 2u);  // Sunday 23:59
  EXPECT_DOUBLE_EQ(staffing.next_change_after(13 * 3600.0), 22 * 3600.0);
  EXPECT_DOUBLE_EQ(staffing.next_change_after(seconds_per_week - 60), seconds_per_week);  // 2 -> 5 at Monday 00:00
  EXPECT_DOUBLE_EQ(staffing.next_change_after(seconds_per_week + 3600), seconds_per_week + 6 * 3600.0);
  EXPECT_DOUBLE_EQ(staffing.mean_agents_in_hour(12), 0.0);
}

}  // namespace
}  // namespace journeysim::queue_theory
