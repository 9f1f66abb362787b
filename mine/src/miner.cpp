// Telling an event log from a path table by the header line, then handing
// every byte, the held ones first, to the miner of that kind.
#include "journeysim/mine/miner.hpp"

#include <algorithm>
#include <utility>

#include "row_sort.hpp"
#include "table_input.hpp"

namespace journeysim::mine {

namespace {

bool has(const std::vector<std::string>& header, std::string_view name) {
  return detail::find_column(header, name) != detail::absent_column;
}

// The header's names, read from its line as the miners will read them.
std::vector<std::string> header_of(std::string_view line, char delimiter) {
  std::vector<std::string> fields;
  DelimitedReader reader(delimiter ? delimiter : detect_delimiter(line), [&](const DelimitedRow& row) {
    if (fields.empty()) fields = row.fields;
  });
  reader.feed(line);
  reader.feed("\n");
  return detail::header_names(std::move(fields));
}

MineResult failure(std::size_t line, std::string message, std::string fix) {
  MineResult failed;
  failed.problems.push_back({Severity::error, line, line > 0 ? 1u : 0u, "", std::move(message), std::move(fix)});
  return failed;
}

}  // namespace

std::optional<MinedFrom> detect_kind(const std::vector<std::string>& header, const EventColumns& columns) {
  const bool event_log =
      has(header, columns.customer) && has(header, columns.timestamp) && has(header, columns.touchpoint);
  if (event_log) return MinedFrom::event_log;
  if (has(header, path_column::path) || has(header, path_column::conversions) || has(header, path_column::nulls)) {
    return MinedFrom::path_table;
  }
  if (has(header, columns.customer) || has(header, columns.timestamp) || has(header, columns.touchpoint)) {
    return MinedFrom::event_log;
  }
  return std::nullopt;
}

struct Miner::Impl {
  explicit Impl(EventLogOptions o) : options(std::move(o)) {}

  EventLogOptions options;
  std::string held;  // the bytes before the header line has ended
  bool decided = false;
  std::unique_ptr<EventLogMiner> events;
  std::unique_ptr<PathTableMiner> paths;
  std::optional<MineResult> failed;  // neither kind

  void feed(std::string_view bytes) {
    if (decided) {
      pass(bytes);
      return;
    }
    held.append(bytes);
    const std::size_t end = held.find('\n');
    if (end == std::string::npos) return;
    decide(std::string_view(held).substr(0, end));
  }

  void decide(std::string_view header_line) {
    decided = true;
    const std::optional<MinedFrom> kind = detect_kind(header_of(header_line, options.delimiter), options.columns);
    const bool renamed = !(options.columns == EventColumns{});
    if (kind == MinedFrom::event_log || (!kind && renamed)) {
      events = std::make_unique<EventLogMiner>(options);
    } else if (kind == MinedFrom::path_table) {
      PathTableOptions table;
      table.delimiter = options.delimiter;
      table.min_visits = options.min_visits;
      table.strict = options.strict;
      table.source = options.source;
      paths = std::make_unique<PathTableMiner>(std::move(table));
    } else {
      failed = failure(1,
                       "the header has neither an event log's columns (" + options.columns.customer + ", " +
                           options.columns.timestamp + ", " + options.columns.touchpoint +
                           ") nor a path table's (path, total_conversions, total_null)",
                       "name the columns so, or name an event log's with --customer-column, --timestamp-column "
                       "and --touchpoint-column");
    }
    pass(std::exchange(held, {}));
  }

  void pass(std::string_view bytes) {
    if (events) events->feed(bytes);
    if (paths) paths->feed(bytes);
  }

  MineResult finish() {
    if (!decided) {
      if (held.empty()) {
        return failure(0, "the file is empty",
                       "export it with a header line: customer_id,timestamp,touchpoint (an event log) or "
                       "path,total_conversions,total_null (a path table)");
      }
      decide(held);  // a header line with no line break after it
    }
    if (failed) return std::move(*failed);
    if (events) return events->finish();
    MineResult mined = paths->finish();
    // What applies to event logs only, given for a path table.
    std::vector<std::string> ignored;
    if (!options.outcomes.empty()) ignored.emplace_back("--outcome");
    if (options.active_within) ignored.emplace_back("--active-within");
    if (!(options.columns == EventColumns{})) ignored.emplace_back("the column flags");
    if (options.order > 1 || options.choose_order) ignored.emplace_back("--order");
    for (const std::string& flag : ignored) {
      mined.problems.insert(
          mined.problems.begin(),
          {Severity::warning, 0, 0, "", flag + " applies to event logs and is ignored for a path table",
           "leave it out (a path table's endings are converted and lost, and it has no times)"});
    }
    return mined;
  }
};

Miner::Miner(EventLogOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Miner::~Miner() = default;
void Miner::feed(std::string_view bytes) { impl_->feed(bytes); }
MineResult Miner::finish() { return impl_->finish(); }

MineResult mine_text(std::string_view text, const EventLogOptions& options) {
  return detail::mine_text_in_time_order<Miner>(text, options);
}

MineResult mine_file(const std::string& path, EventLogOptions options) {
  return detail::mine_file_in_time_order<Miner>(path, std::move(options));
}

}  // namespace journeysim::mine
