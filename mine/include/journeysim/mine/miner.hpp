// Mining a file of either kind (DESIGN section 13): its header says whether
// it is an event log (customer_id, timestamp, touchpoint) or a path table
// (path, total_conversions, total_null), and the miner of that kind reads it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journeysim/mine/event_log.hpp"
#include "journeysim/mine/path_table.hpp"

namespace journeysim::mine {

// From a header's names: an event log when it has the event log's three
// required columns (as `columns` names them); else a path table when it has
// any of a path table's columns; else an event log when it has any of the
// event log's (its miner then names what is missing); else neither.
std::optional<MinedFrom> detect_kind(const std::vector<std::string>& header, const EventColumns& columns);

// Streams a file, holding its bytes only until the header line has ended.
// The options are the event log's; a path table takes their delimiter,
// strictness, min_visits and source, and a warning names any option that
// applies to event logs only.
class Miner {
 public:
  explicit Miner(EventLogOptions options);
  ~Miner();
  Miner(const Miner&) = delete;
  Miner& operator=(const Miner&) = delete;

  void feed(std::string_view bytes);
  MineResult finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

MineResult mine_text(std::string_view text, const EventLogOptions& options);
// Reads the file in chunks; a file that cannot be read is an error result.
MineResult mine_file(const std::string& path, EventLogOptions options);

}  // namespace journeysim::mine
