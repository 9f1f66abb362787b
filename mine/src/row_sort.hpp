// An external sort of an event log's rows by customer and time, for logs
// whose rows of one customer are not in time order (DESIGN section 13: rows
// may come in any order). Rows are read once, sorted in chunks that fit in
// memory and spilled to temporary files, then merged as often as asked: the
// rows come back one at a time, each with the line and columns it had in
// the file, so the miner's messages still point into the file. Memory holds
// one chunk while reading and one row per chunk while merging. Internal to mine/.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "journeysim/mine/delimited_reader.hpp"
#include "journeysim/mine/event_log.hpp"
#include "table_input.hpp"

namespace journeysim::mine::detail {

class RowSorter {
 public:
  // `customer_column` and `time_column` name the key's columns in the header;
  // a row without them (too few fields) sorts first, with the unreadable
  // timestamps, where the miner reports it.
  RowSorter(char delimiter, std::string customer_column, std::string time_column, std::size_t rows_per_chunk = 200'000);
  ~RowSorter();
  RowSorter(const RowSorter&) = delete;
  RowSorter& operator=(const RowSorter&) = delete;

  void feed(std::string_view bytes);
  void finish();

  // The header row, then every other row by (customer, time, place in the
  // file). False when a temporary file could not be written or read back.
  bool replay(const std::function<void(const DelimitedRow&)>& on_row) const;

  std::size_t chunks() const { return chunks_.size(); }
  bool ok() const { return ok_; }

 private:
  struct Keyed {
    std::string customer;
    double time = 0.0;
    std::uint64_t sequence = 0;
    DelimitedRow row;
  };
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };

  void on_row(const DelimitedRow& row);
  void spill();

  char delimiter_;
  std::string customer_column_, time_column_;
  std::size_t rows_per_chunk_;
  std::unique_ptr<DelimitedReader> reader_;
  std::string pending_;  // bytes before the header line has ended
  bool have_header_ = false;
  DelimitedRow header_;
  std::size_t customer_index_ = static_cast<std::size_t>(-1), time_index_ = static_cast<std::size_t>(-1);
  std::vector<Keyed> chunk_;
  std::vector<std::unique_ptr<std::FILE, FileCloser>> chunks_;
  std::uint64_t sequence_ = 0;
  bool ok_ = true;
};

// `streamed` as it is when every customer's rows were in time order; else the
// log mined again from its rows sorted (`read` gives the sorter the bytes),
// with a warning saying so. Both miners' entry points (event_log.hpp, miner.hpp) end here.
MineResult mine_in_time_order(MineResult streamed, const EventLogOptions& options,
                              const std::function<bool(RowSorter&)>& read);
MineResult mine_sorted_event_log(const EventLogOptions& options, const std::function<bool(RowSorter&)>& read);

// The entry points of a streaming miner (EventLogMiner, Miner) over a text or
// a file: the order chosen when asked (table_input.hpp), and sorted when out
// of time order.
template <class StreamMiner>
MineResult mine_text_in_time_order(std::string_view text, const EventLogOptions& options) {
  return mine_in_time_order(mine_choosing_order<StreamMiner>(text, options), options, [&](RowSorter& sorter) {
    sorter.feed(text);
    return true;
  });
}
template <class StreamMiner>
MineResult mine_file_in_time_order(const std::string& path, const EventLogOptions& options) {
  return mine_in_time_order(mine_file_choosing_order<StreamMiner>(path, options), options, [&](RowSorter& sorter) {
    return feed_file(path, [&](std::string_view bytes) { sorter.feed(bytes); });
  });
}

}  // namespace journeysim::mine::detail
