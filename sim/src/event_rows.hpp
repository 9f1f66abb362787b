// The rows of a simulated event log (event_log_writer.hpp), shared by the
// plain walk and the queue model's event loop: each journey's text per
// touchpoint, made once, and the observer that writes a row per visit beside
// the tally's observer. Internal to sim/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/compiled_scenario.hpp"
#include "journeysim/sim/tallies.hpp"

namespace journeysim::detail {

class EventRows {
 public:
  // `start`: the simulation's time 0, in seconds since 1970.
  EventRows(const Scenario& scenario, const CompiledScenario& compiled, double start);

  // One row: `customer` at `node` from `at` (seconds of simulated time), with
  // an outcome kind when it is an ending.
  void append(std::string& out, std::string_view customer, std::uint32_t journey, std::uint32_t node, double at,
              std::string_view outcome) const;
  // The row of the ending a walk finished at; none for active or unfinished
  // walks (they did not end: the log just stops).
  void append_ending(std::string& out, std::string_view customer, std::uint32_t journey, std::uint32_t ending,
                     double at) const;

 private:
  struct RowText {
    std::string touchpoint_stage_channel;  // "id,stage,channel" quoted as needed
    std::string money;                     // "revenue,cost"
  };
  double start_;
  std::vector<std::uint32_t> ending_node_;  // [ending]: its touchpoint (copied: the rows outlive moves of the scenario)
  std::uint32_t active_ending_ = 0, unfinished_ending_ = 0;
  std::vector<std::vector<RowText>> rows_;   // [journey][touchpoint]
  std::vector<std::string> segment_fields_;  // [journey]
  std::vector<std::string> ending_kinds_;    // [ending]
};

// The tally's observer, and with `rows` a row per visit into `out` as well.
class EventLogObserver {
 public:
  EventLogObserver(TallyObserver& tally, const EventRows* rows, std::string* out)
      : tally_(tally), rows_(rows), out_(out) {}

  void on_start(const WalkState& state) {
    if (rows_) customer_ = "c" + std::to_string(state.customer + 1);
    tally_.on_start(state);
  }
  void on_visit(const WalkState& state, std::uint32_t node, double entered_at, double dwell) {
    if (rows_) rows_->append(*out_, customer_, state.journey, node, entered_at, {});
    tally_.on_visit(state, node, entered_at, dwell);
  }
  void on_rating(std::uint32_t node, int rating, int ease) { tally_.on_rating(node, rating, ease); }
  void on_move(std::uint32_t edge, std::uint32_t from, std::uint32_t to) { tally_.on_move(edge, from, to); }
  void on_wait(double seconds) { tally_.on_wait(seconds); }
  void on_end(const WalkState& state, std::uint32_t ending, int nps) {
    if (rows_) rows_->append_ending(*out_, customer_, state.journey, ending, state.clock);
    tally_.on_end(state, ending, nps);
  }

 private:
  TallyObserver& tally_;
  const EventRows* rows_;
  std::string* out_;
  std::string customer_;
};

}  // namespace journeysim::detail
