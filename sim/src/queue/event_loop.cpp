// The queue model's event loop: customers arriving, queueing first come first
// served for agents, reneging, balking, and agents following their schedule.
#include "event_loop.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <queue>
#include <vector>

#include "journeysim/sim/customer_walk.hpp"
#include "journeysim/sim/queue/arrival_process.hpp"
#include "journeysim/sim/queue/staffing.hpp"
#include "journeysim/sim/random.hpp"

namespace journeysim::detail {

namespace {

constexpr std::uint32_t no_station = std::numeric_limits<std::uint32_t>::max();

// A customer in flight: their walk, and the observer that tallies it (into the
// statistics, or into the warm-up's tally that is thrown away) and, when the
// replication writes an event log, writes its rows. Reused once the
// customer's journey ends.
struct Traveller {
  Traveller(const CompiledScenario& compiled, RunTally& tally, const EventRows* rows, std::string* log)
      : scratch(compiled.node_count), tally_observer(compiled, tally), observer(tally_observer, rows, log) {}
  WalkState state;
  WalkScratch scratch;
  TallyObserver tally_observer;
  EventLogObserver observer;
  // Bumped whenever the customer leaves a queue, never reset: a renege event
  // or a queue entry from an earlier wait (or an earlier customer) no longer
  // matches and is ignored.
  std::uint64_t token = 0;
  bool counted = false;  // arrived after the warm-up
};

struct Waiting {
  Traveller* who = nullptr;
  std::uint64_t token = 0;
};

// A touchpoint with agents.
struct Station {
  std::uint32_t node = 0;
  Staffing staffing;
  std::optional<Sampler> patience;
  std::uint32_t renege_to = no_ending, balk_to = no_ending, closed_to = no_ending;  // touchpoint indices
  std::uint64_t queue_limit = std::numeric_limits<std::uint64_t>::max();
  double answer_within = 0.0;

  std::uint32_t on_duty = 0;
  std::uint32_t busy = 0;
  std::deque<Waiting> queue;  // first come first served; entries of customers who left are skipped
  std::uint64_t waiting = 0;  // customers really waiting (queue minus the stale entries)
  double integrated_until = 0.0;
  StationTally tally;

  explicit Station(const Capacity& capacity) : staffing(capacity) {}
};

enum class EventKind : std::uint8_t { arrival, reach_queue, service_end, renege, staffing };

struct Event {
  double time = 0.0;
  std::uint64_t sequence = 0;  // ties at one time go in the order they were scheduled
  EventKind kind = EventKind::arrival;
  std::uint32_t station = 0;
  Traveller* who = nullptr;
  std::uint64_t token = 0;
  bool operator>(const Event& other) const {
    return time != other.time ? time > other.time : sequence > other.sequence;
  }
};

std::uint32_t touchpoint_index(const Scenario& structure, const std::string& id) {
  if (id.empty()) return no_ending;
  const auto index = structure.find_touchpoint(id);
  return index ? static_cast<std::uint32_t>(*index) : no_ending;
}

std::size_t hour_of_week(double time) {
  const double into_week = time - std::floor(time / seconds_per_week) * seconds_per_week;
  return std::min(hours_per_week - 1, static_cast<std::size_t>(into_week / 3600.0));
}

class Replication {
 public:
  Replication(const Scenario& structure, const CompiledScenario& compiled, std::uint64_t seed,
              const ReplicationLog* log)
      : compiled_(compiled),
        seed_(seed),
        log_(log),
        arrivals_(*structure.arrivals),
        horizon_(compiled.horizon_seconds),
        warm_up_(structure.warm_up),
        station_of_(compiled.node_count, no_station) {
    result_.tally = RunTally(compiled);
    warm_up_tally_ = RunTally(compiled, /*all_figures=*/false);
    for (std::uint32_t node = 0; node < structure.touchpoints.size(); ++node) {
      const Touchpoint& t = structure.touchpoints[node];
      if (!t.capacity || t.terminal()) continue;
      const Capacity& c = *t.capacity;
      Station& station = stations_.emplace_back(c);
      station.node = node;
      station.renege_to = touchpoint_index(structure, c.on_renege);
      station.balk_to = touchpoint_index(structure, c.on_balk);
      station.closed_to = touchpoint_index(structure, c.on_closed);
      // Validation pairs patience with on_renege and queue_limit with on_balk;
      // without the place to go, neither can act.
      if (c.patience && station.renege_to != no_ending) station.patience.emplace(*c.patience);
      if (c.queue_limit && station.balk_to != no_ending)
        station.queue_limit = static_cast<std::uint64_t>(*c.queue_limit);
      station.answer_within = c.answer_within;
      station.integrated_until = warm_up_;
      station_of_[node] = static_cast<std::uint32_t>(stations_.size() - 1);
      result_.queues.nodes.push_back(node);
    }
  }

  ReplicationResult run(const std::atomic<bool>* cancel) {
    for (std::uint32_t s = 0; s < stations_.size(); ++s) {
      stations_[s].on_duty = stations_[s].staffing.agents_at(0.0);
      schedule_staffing_change(s, 0.0);
    }
    schedule_next_arrival();
    std::uint64_t handled = 0;
    while (!events_.empty() && events_.top().time <= horizon_) {
      if ((++handled & 0xFFF) == 0 && cancel && cancel->load()) {
        result_.cancelled = true;
        return std::move(result_);
      }
      const Event event = events_.top();
      events_.pop();
      handle(event);
      if (log_ && log_text_.size() >= flush_at) flush_log();
    }
    // The horizon: whoever still waits ends there, active; the rest of the
    // customers in flight ended when their walk passed it.
    for (Station& station : stations_) {
      integrate(station, horizon_);
      for (const Waiting& entry : station.queue) {
        if (entry.token != entry.who->token) continue;
        Traveller& t = *entry.who;
        t.observer.on_wait(horizon_ - t.state.clock);
        wait_until_horizon(compiled_, t.state, t.observer);
        release(t);
      }
      station.queue.clear();
      station.tally.window_seconds = std::max(0.0, horizon_ - warm_up_);
      for (double t = std::floor(warm_up_ / 3600.0) * 3600.0; t < horizon_; t += 3600.0) {
        const double from = std::max(t, warm_up_);
        const double to = std::min(t + 3600.0, horizon_);
        if (to > from) station.tally.window_seconds_by_hour[hour_of_week(t)] += to - from;
      }
      result_.queues.stations.push_back(std::move(station.tally));
    }
    if (log_) flush_log();
    return std::move(result_);
  }

 private:
  static constexpr std::size_t flush_at = std::size_t{1} << 20;  // bytes of log held before writing them out

  const CompiledScenario& compiled_;
  std::uint64_t seed_;
  const ReplicationLog* log_;  // null: no event log
  std::string log_text_;
  ArrivalProcess arrivals_;
  double horizon_;
  double warm_up_;
  std::vector<std::uint32_t> station_of_;  // per touchpoint: its index in stations_, or no_station
  std::vector<Station> stations_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  std::uint64_t sequence_ = 0;
  ReplicationResult result_;
  RunTally warm_up_tally_;
  std::vector<std::unique_ptr<Traveller>> travellers_;
  std::vector<Traveller*> free_[2];  // reusable travellers: [0] warm-up, [1] counted
  std::uint64_t next_customer_ = 0;
  double expected_so_far_ = 0.0;  // the unit-rate clock of the arrival process

  void flush_log() {
    log_->write(log_text_);
    log_text_.clear();
  }

  void push(double time, EventKind kind, std::uint32_t station = 0, Traveller* who = nullptr, std::uint64_t token = 0) {
    events_.push(Event{time, sequence_++, kind, station, who, token});
  }

  void schedule_next_arrival() {
    // Customer i's exponential gap on the unit-rate clock, keyed by i alone.
    const double u = CustomerDraws(seed_, next_customer_).at(0, 0).uniform(Purpose::queue_arrival);
    expected_so_far_ += -std::log1p(-u);
    const double time = arrivals_.time_at(expected_so_far_);
    if (time < horizon_) push(time, EventKind::arrival);
  }

  void schedule_staffing_change(std::uint32_t s, double now) {
    const double next = stations_[s].staffing.next_change_after(now);
    if (next <= horizon_) push(next, EventKind::staffing, s);
  }

  Traveller& acquire(bool counted) {
    auto& pool = free_[counted ? 1 : 0];
    if (!pool.empty()) {
      Traveller* t = pool.back();
      pool.pop_back();
      return *t;
    }
    travellers_.push_back(std::make_unique<Traveller>(compiled_, counted ? result_.tally : warm_up_tally_,
                                                      log_ ? &log_->rows : nullptr, &log_text_));
    travellers_.back()->counted = counted;
    return *travellers_.back();
  }

  void release(Traveller& t) {
    t.scratch.reset();
    ++t.token;
    free_[t.counted ? 1 : 0].push_back(&t);
  }

  void handle(const Event& event) {
    switch (event.kind) {
      case EventKind::arrival: {
        const std::uint64_t customer = next_customer_++;
        Traveller& t = acquire(event.time >= warm_up_);
        t.state = start_walk(compiled_, seed_, customer, t.observer, event.time);
        schedule_next_arrival();
        advance(t, event.time);
        break;
      }
      case EventKind::reach_queue: reach_queue(event.station, *event.who, event.time); break;
      case EventKind::service_end: {
        Station& station = stations_[event.station];
        integrate(station, event.time);
        --station.busy;
        serve_waiting(event.station, event.time);
        advance(*event.who, event.time);
        break;
      }
      case EventKind::renege: {
        Traveller& t = *event.who;
        if (t.token != event.token) break;  // served, or gone, before patience ran out
        Station& station = stations_[event.station];
        integrate(station, event.time);
        ++t.token;
        --station.waiting;
        const double waited = event.time - t.state.clock;
        if (t.counted) {
          ++station.tally.reneged;
          record_wait(station, t, waited);
        }
        t.observer.on_wait(waited);
        leave_unserved(compiled_, t.state, event.time, station.renege_to, t.observer);
        advance(t, event.time);
        break;
      }
      case EventKind::staffing: {
        Station& station = stations_[event.station];
        integrate(station, event.time);
        station.on_duty = station.staffing.agents_at(event.time);
        serve_waiting(event.station, event.time);
        schedule_staffing_change(event.station, event.time);
        break;
      }
    }
  }

  // Walks the customer on from `now` until their journey ends or they reach
  // a queue (now, or as an event when the walk gets there).
  void advance(Traveller& t, double now) {
    while (!t.state.finished) {
      const std::uint32_t s = station_of_[t.state.node];
      if (s != no_station) {
        if (t.state.clock > now) {
          push(t.state.clock, EventKind::reach_queue, s, &t);
        } else {
          reach_queue(s, t, now);
        }
        return;
      }
      step(compiled_, t.state, t.scratch, t.observer);
    }
    release(t);
  }

  void reach_queue(std::uint32_t s, Traveller& t, double now) {
    Station& station = stations_[s];
    integrate(station, now);
    arrive_at_queue(t.state, t.scratch);
    StationTally& tally = station.tally;
    if (t.counted) {
      ++tally.arrivals;
      ++tally.arrivals_by_hour[hour_of_week(now)];
    }
    const bool closed = station.staffing.scheduled() && station.on_duty == 0;
    if (closed && station.closed_to != no_ending) {
      if (t.counted) ++tally.turned_away;
      leave_unserved(compiled_, t.state, now, station.closed_to, t.observer);
      advance(t, now);
      return;
    }
    if (station.busy < station.on_duty && station.waiting == 0) {
      if (t.counted) ++tally.joined;
      start_service(s, t, now);
      return;
    }
    if (station.waiting >= station.queue_limit) {
      if (t.counted) ++tally.balked;
      leave_unserved(compiled_, t.state, now, station.balk_to, t.observer);
      advance(t, now);
      return;
    }
    if (t.counted) {
      ++tally.joined;
      ++tally.delayed;
    }
    station.queue.push_back(Waiting{&t, t.token});
    ++station.waiting;
    if (station.patience) {
      const double u = t.state.draws.at(t.state.node, t.state.visit).uniform(Purpose::queue_patience);
      push(now + (*station.patience)(u), EventKind::renege, s, &t, t.token);
    }
  }

  void serve_waiting(std::uint32_t s, double now) {
    Station& station = stations_[s];
    while (station.busy < station.on_duty && station.waiting > 0) {
      const Waiting next = station.queue.front();
      station.queue.pop_front();
      if (next.token != next.who->token) continue;  // reneged
      ++next.who->token;
      --station.waiting;
      start_service(s, *next.who, now);
    }
  }

  void start_service(std::uint32_t s, Traveller& t, double now) {
    Station& station = stations_[s];
    ++station.busy;
    const double waited = now - t.state.clock;
    if (t.counted) {
      ++station.tally.served;
      ++station.tally.served_by_hour[hour_of_week(now)];
      station.tally.answered_in_time += waited <= station.answer_within ? 1 : 0;
      record_wait(station, t, waited);
    }
    if (waited > 0.0) t.observer.on_wait(waited);
    const double done = serve_after_wait(compiled_, t.state, now, t.observer);
    if (t.state.finished && t.state.ending == compiled_.active_ending) {
      release(t);  // served past the horizon: the agent stays busy to the end
      return;
    }
    push(done, EventKind::service_end, s, &t);
  }

  void record_wait(Station& station, const Traveller& t, double waited) {
    const double hours = waited / 3600.0;
    station.tally.wait_hours.add(hours);
    station.tally.wait_histogram.add(hours);
    station.tally.wait_hours_by_hour[hour_of_week(t.state.clock)].add(hours);
  }

  // The time integrals of agents busy, on duty and customers waiting, from
  // where they were last brought up to date to `now`, within the window.
  void integrate(Station& station, double now) {
    const double from = std::max(station.integrated_until, warm_up_);
    const double to = std::min(now, horizon_);
    if (to > from) {
      const double span = to - from;
      station.tally.busy_agent_seconds += span * station.busy;
      station.tally.staffed_agent_seconds += span * station.on_duty;
      station.tally.waiting_seconds += span * static_cast<double>(station.waiting);
    }
    station.integrated_until = std::max(station.integrated_until, now);
  }
};

}  // namespace

ReplicationResult simulate_replication(const Scenario& structure, const CompiledScenario& compiled, std::uint64_t seed,
                                       const std::atomic<bool>* cancel, const ReplicationLog* log) {
  return Replication(structure, compiled, seed, log).run(cancel);
}

}  // namespace journeysim::detail
