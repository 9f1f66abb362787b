// Mining an event log (DESIGN section 13): CSV or TSV rows of customer,
// timestamp and touchpoint, read as a stream. Each customer's journey is
// followed as its rows arrive, so memory holds the customers in flight (those
// whose journey has not ended), the touchpoints and the moves, never the rows.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "journeysim/mine/delimited_reader.hpp"
#include "journeysim/mine/mine_result.hpp"

namespace journeysim::mine {

struct EventColumns {
  std::string customer = "customer_id";
  std::string timestamp = "timestamp";
  std::string touchpoint = "touchpoint";
  std::string stage = "stage";
  std::string channel = "channel";
  std::string segment = "segment";
  std::string revenue = "revenue";
  std::string cost = "cost";
  std::string outcome = "outcome";
  friend bool operator==(const EventColumns&, const EventColumns&) = default;
};

struct EventLogOptions {
  EventColumns columns;
  char delimiter = 0;                                         // 0: a tab if the header holds one, else a comma
  std::vector<std::pair<std::string, std::string>> outcomes;  // touchpoint label -> outcome kind
  std::optional<double> active_within;  // seconds: journeys whose last event is this close to the end are active
  std::uint64_t min_visits = 1;
  bool strict = false;  // bad rows are errors
  // The chain's memory: a state is the last `order` touchpoints of a journey
  // (its first states the touchpoints so far), named "search__cart".
  unsigned order = 1;
  // Choose the order from 1 to max_order by held-out likelihood
  // (order_selection.hpp): mine_event_log_text and _file then read the log
  // twice when an order above 1 wins. `order` is ignored.
  bool choose_order = false;
  unsigned max_order = 4;
  // Rows held in memory at once when a log out of time order is sorted.
  std::size_t sort_chunk_rows = 50'000;
  std::string source = "events.csv";  // the file's name, for messages and the description
};

class EventLogMiner {
 public:
  explicit EventLogMiner(EventLogOptions options);
  ~EventLogMiner();
  EventLogMiner(const EventLogMiner&) = delete;
  EventLogMiner& operator=(const EventLogMiner&) = delete;

  void feed(std::string_view bytes);
  // Rows already read (the header first), in place of feed(): how a sorted log is mined.
  void feed_row(const DelimitedRow& row);
  MineResult finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

MineResult mine_event_log_text(std::string_view text, const EventLogOptions& options);
// Reads the file in chunks (twice when choose_order picks an order above 1);
// a file that cannot be read is an error result. A log whose rows of one
// customer are out of time order is sorted by customer and time (an external
// sort in temporary files) and mined again from the sorted rows; the
// messages keep the file's lines.
MineResult mine_event_log_file(const std::string& path, EventLogOptions options);

}  // namespace journeysim::mine
