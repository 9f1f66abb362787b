// Simulated customers written as an event log in the format `journeysim mine`
// reads (DESIGN section 13, docs/mining.md): one CSV row per visit, at the
// time the customer arrives, and one for the terminal touchpoint they end at
// (with its outcome kind). Customers still travelling at the horizon, or out
// of steps, have no ending row. In the plain walk every customer starts at
// the same instant; in the queue model (queue_run.hpp) they arrive over the
// horizon. simulate.hpp chooses between them.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "journeysim/sim/simulation.hpp"

namespace journeysim {

// customer_id,timestamp,touchpoint,stage,channel,segment,revenue,cost,outcome
// (timestamps as "2025-01-01T00:00:20.250Z", to the millisecond)
std::string event_log_header();

// A run whose walks are also written out, block by block in customer order
// (so the log is the same for any thread count), through `write`. The
// report is the plain run's, byte for byte. `start` is the customers' first
// moment, in seconds since 1970.
RunResult run_simulation_with_events(const Scenario& scenario, const RunOptions& options, double start,
                                     const std::function<void(std::string_view)>& write,
                                     const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

}  // namespace journeysim
