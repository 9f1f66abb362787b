// What every miner does with a delimited file before its rows mean anything:
// the delimiter from the header line, the header's names, the rows that are
// malformed, of another width than the header or not UTF-8 (bad rows, left
// out), and the problems, the first 100 listed and the rest counted.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "journeysim/mine/delimited_reader.hpp"
#include "journeysim/mine/mine_result.hpp"

namespace journeysim::mine::detail {

inline constexpr std::size_t absent_column = static_cast<std::size_t>(-1);

// A header's names: a UTF-8 byte-order mark and spaces around each name removed.
std::vector<std::string> header_names(std::vector<std::string> fields);
// The index of the column called `name`, or absent_column.
std::size_t find_column(const std::vector<std::string>& header, std::string_view name);

class TableInput {
 public:
  // Given the header row and its names, says whether the rows can be read
  // (false: the header has an error, and the rows are not looked at).
  using HeaderCallback = std::function<bool(const DelimitedRow& row, const std::vector<std::string>& names)>;
  // Each data row that is well formed, as wide as the header and UTF-8.
  using RowCallback = std::function<void(const DelimitedRow& row)>;

  // `delimiter` 0: from the header line (see detect_delimiter). `noun` names
  // the file in fixes ("save the log as UTF-8").
  TableInput(char delimiter, bool strict, std::string noun, HeaderCallback on_header, RowCallback on_row);

  void feed(std::string_view bytes);
  // The input has ended: delivers a last row without a line break.
  void finish();
  // A row read elsewhere (the external sort's), the header first: instead of feed().
  void feed_row(const DelimitedRow& row) { on_row(row); }

  bool header_read() const { return header_read_; }
  const std::vector<std::string>& header() const { return header_; }
  std::uint64_t rows() const { return rows_; }          // data rows after a good header
  std::uint64_t bad_rows() const { return bad_rows_; }  // of them, left out

  // A problem about the file (line 0) or a place in it, about column `field` (or absent_column).
  void problem(Severity severity, std::size_t line, std::size_t column, std::size_t field, std::string message,
               std::string fix);
  // Leaves the row out: a warning at the field (an error with --strict).
  void bad_row(const DelimitedRow& row, std::size_t field, std::string message, std::string fix);
  bool has_error() const;
  // The problems in the order found, with a last line counting those not listed.
  std::vector<RowProblem> take_problems();

 private:
  void start_reader(std::string_view header_line);
  void on_row(const DelimitedRow& row);

  char delimiter_;
  bool strict_;
  std::string noun_;
  HeaderCallback on_header_;
  RowCallback on_row_;
  std::optional<DelimitedReader> reader_;
  std::string pending_header_;  // bytes before the first line break, to find the delimiter
  bool header_read_ = false;
  bool header_failed_ = false;
  std::vector<std::string> header_;
  std::uint64_t rows_ = 0;
  std::uint64_t bad_rows_ = 0;
  std::vector<RowProblem> problems_;
  std::uint64_t unlisted_problems_ = 0;
};

// Reads the file in 64 KiB chunks into `feed`; false when it cannot be opened.
bool feed_file(const std::string& path, const std::function<void(std::string_view)>& feed);
// The result for a file that cannot be opened.
MineResult unreadable_file();

// A streaming miner (feed, then finish) over all of a text, or over a file.
template <class StreamMiner, class Options>
MineResult mine_all(std::string_view text, Options options) {
  StreamMiner miner(std::move(options));
  miner.feed(text);
  return miner.finish();
}
template <class StreamMiner, class Options>
MineResult mine_whole_file(const std::string& path, Options options) {
  StreamMiner miner(std::move(options));
  if (!feed_file(path, [&](std::string_view bytes) { miner.feed(bytes); })) return unreadable_file();
  return miner.finish();
}
// With EventLogOptions::choose_order: mined once at order 1, scoring every
// order (order_selection.hpp), then again at the order chosen when it is
// above 1; `feed(miner)` gives it the bytes (false: they cannot be read).
template <class StreamMiner, class Options, class Feed>
MineResult mine_at_chosen_order(Options options, const Feed& feed) {
  const auto mine_once = [&](const Options& with) -> std::optional<MineResult> {
    StreamMiner miner(with);
    if (!feed(miner)) return std::nullopt;
    return miner.finish();
  };
  std::optional<MineResult> first = mine_once(options);
  if (!first) return unreadable_file();
  const unsigned order = OrderSelection::chosen(first->order_fits);
  if (!options.choose_order || !first->ok() || order == 1) return std::move(*first);
  options.choose_order = false;
  options.order = order;
  std::optional<MineResult> second = mine_once(options);
  if (!second) return std::move(*first);  // the file went away between the reads: order 1 stands
  second->order_fits = std::move(first->order_fits);
  return std::move(*second);
}
template <class StreamMiner, class Options>
MineResult mine_choosing_order(std::string_view text, Options options) {
  return mine_at_chosen_order<StreamMiner>(std::move(options), [&](StreamMiner& miner) {
    miner.feed(text);
    return true;
  });
}
template <class StreamMiner, class Options>
MineResult mine_file_choosing_order(const std::string& path, Options options) {
  return mine_at_chosen_order<StreamMiner>(std::move(options), [&](StreamMiner& miner) {
    return feed_file(path, [&](std::string_view bytes) { miner.feed(bytes); });
  });
}
// A scenario name from a source file name: "data/paths.csv" -> "paths".
std::string scenario_name(std::string_view source);

}  // namespace journeysim::mine::detail
