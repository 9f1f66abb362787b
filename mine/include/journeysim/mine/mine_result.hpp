// What mining a file gives, whatever the file is (an event log, a path
// table): the scenario, the problems found at their places in the file, the
// counts it was built from, and how the file's rows added up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journeysim/graph/diagnostics.hpp"
#include "journeysim/graph/scenario.hpp"
#include "journeysim/mine/mined_chain.hpp"
#include "journeysim/mine/order_selection.hpp"

namespace journeysim::mine {

// A problem at a place in the file: `FILE:LINE:COL: error: column NAME: what; fix`.
struct RowProblem {
  Severity severity = Severity::warning;
  std::size_t line = 0;  // 0: the whole file
  std::size_t column = 0;
  std::string column_name;
  std::string message;
  std::string fix;
};

struct MineSummary {
  std::uint64_t rows = 0;      // data rows read (the header not counted)
  std::uint64_t bad_rows = 0;  // rows left out
  std::uint64_t journeys = 0;
  std::uint64_t ended = 0;                      // at an outcome (a path table: converted)
  std::uint64_t lost = 0;                       // last event not an outcome (a path table: its nulls)
  std::uint64_t active = 0;                     // still travelling at the end of the log
  std::uint64_t out_of_order = 0;               // rows before their customer's previous one (the log was then sorted)
  std::size_t sort_chunks = 0;                  // the external sort's chunks, when the rows were sorted
  std::optional<double> first_time, last_time;  // seconds since 1970 (none in a path table)
};
using EventLogSummary = MineSummary;

// ChannelAttribution's heuristic_models over a path table's own rows, in
// conversions (each sums to the table's conversions): the first channel of
// each converting path, its last, and each path's conversions split equally
// over its touches, a channel touched twice getting two shares.
struct PathHeuristics {
  std::string channel;  // as written in the table
  double first_touch = 0.0;
  double last_touch = 0.0;
  double linear_touch = 0.0;
};

enum class MinedFrom { event_log, path_table };

struct MineResult {
  MinedFrom from = MinedFrom::event_log;
  std::optional<Scenario> scenario;  // none when there was an error
  std::vector<RowProblem> problems;  // in file order; bad rows beyond the first 100 are counted, not listed
  MineSummary summary;
  MinedChain chain;
  std::vector<std::vector<std::uint32_t>> sources;  // per scenario touchpoint, its touchpoints in `chain`
  std::vector<PathHeuristics> heuristics;           // a path table's, per channel in order of first appearance
  unsigned order = 1;                               // an event log's states: the last `order` touchpoints
  std::vector<OrderFit> order_fits;                 // with --order auto: every order's held-out score
  bool ok() const { return scenario.has_value(); }
};

// "FILE:LINE:COL: error: column NAME: message; fix"
std::string format_problem(const RowProblem& problem, std::string_view file);

}  // namespace journeysim::mine
