// One replication of the queue model: a discrete-event simulation of the
// whole horizon. Internal to sim/ (queue_run.cpp drives it).
//
// Events happen only where customers meet: arriving, reaching a touchpoint
// with agents, finishing service, running out of patience, and agents coming
// on or off duty. Between two queues a customer's walk depends on nobody
// else, so it is stepped straight through (the plain walk's step()) up to the
// next queue, whose arrival becomes an event at the time the walk reaches it.
// The event queue holds only customers in flight: memory does not grow with
// the number of customers simulated.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>

#include "../event_rows.hpp"
#include "journeysim/sim/compiled_scenario.hpp"
#include "journeysim/sim/queue/queue_run.hpp"
#include "journeysim/sim/tallies.hpp"

namespace journeysim::detail {

struct ReplicationResult {
  RunTally tally;
  QueueTally queues;
  bool cancelled = false;
};

// Where a replication writes its customers as an event log: in pieces, in
// the order the event loop produces them (each customer's rows in time order;
// customers interleaved as they overlap in time).
struct ReplicationLog {
  const EventRows& rows;
  std::function<void(std::string_view)> write;
};

// `seed` is the replication's (replication_seed()); customers are numbered
// from 0 in order of arrival, and every draw of customer i is keyed by i.
ReplicationResult simulate_replication(const Scenario& structure, const CompiledScenario& compiled, std::uint64_t seed,
                                       const std::atomic<bool>* cancel, const ReplicationLog* log = nullptr);

}  // namespace journeysim::detail
