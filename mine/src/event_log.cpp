// The event-log miner: the header is matched to the columns, then each row
// advances its customer's journey by one move (counted at once, with the dwell
// before it), so nothing but the customers in flight is kept between rows.
#include "journeysim/mine/event_log.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <unordered_map>

#include "journeysim/graph/calendar.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/mine/timestamp.hpp"
#include "row_sort.hpp"
#include "table_input.hpp"

namespace journeysim::mine {

namespace {

constexpr std::uint32_t none = static_cast<std::uint32_t>(-1);

std::string format_time(double seconds) { return format_utc_time(seconds); }

}  // namespace

struct EventLogMiner::Impl {
  struct Customer {
    std::uint32_t touchpoint = none;  // where the customer is: a state of the chain
    double arrived = 0.0;             // when they got there
    std::size_t line = 0;             // of that event
    std::uint32_t segment = none;
    std::vector<std::uint32_t> history;  // the journey's last touchpoints as written (raw ids), oldest first
    bool held_out = false;               // for choosing the order: a held-out customer
  };

  explicit Impl(EventLogOptions o)
      : options(std::move(o)),
        input(
            options.delimiter, options.strict, "log",
            [this](const DelimitedRow& row, const std::vector<std::string>& names) { return read_header(row, names); },
            [this](const DelimitedRow& row) { on_row(row); }) {
    for (const auto& [label, kind] : options.outcomes) outcome_of_label[label] = kind;
    options.order = std::max(1u, options.order);
    if (options.choose_order) {
      options.order = 1;
      selection.emplace(options.max_order);
    }
    history_length = std::max(options.order, selection ? selection->max_order() : 1u);
  }

  EventLogOptions options;
  detail::TableInput input;
  // Column indices, or absent when the column is absent.
  static constexpr std::size_t absent = detail::absent_column;
  std::size_t customer_col = absent, time_col = absent, touchpoint_col = absent, stage_col = absent,
              channel_col = absent, segment_col = absent, revenue_col = absent, cost_col = absent, outcome_col = absent;

  MinedChain chain;
  std::unordered_map<std::string, std::uint32_t> touchpoint_index;
  std::unordered_map<std::string, std::uint32_t> segment_index;
  std::unordered_map<std::string, std::string> outcome_of_label;
  // Per touchpoint: journeys that ended there by an outcome column, by kind and segment.
  std::vector<std::map<std::string, std::map<std::uint32_t, std::uint64_t>>> ended_with;
  std::unordered_map<std::string, Customer> in_flight;
  MineResult result;
  // The touchpoints as written (a state of a higher order is several), and
  // ending kinds as symbols for the order's scoring ("\x01lost").
  std::unordered_map<std::string, std::uint32_t> raw_index;
  std::vector<std::string> raw_labels;
  std::optional<OrderSelection> selection;
  std::string previous_customer;  // of the last row read
  double previous_time = 0.0;
  std::size_t history_length = 1;

  void problem(Severity severity, std::size_t line, std::size_t column, std::size_t field, std::string message,
               std::string fix) {
    input.problem(severity, line, column, field, std::move(message), std::move(fix));
  }
  void bad_row(const DelimitedRow& row, std::size_t field, std::string message, std::string fix) {
    input.bad_row(row, field, std::move(message), std::move(fix));
  }

  void feed(std::string_view bytes) { input.feed(bytes); }

  bool read_header(const DelimitedRow& row, const std::vector<std::string>& header) {
    bool ok = true;
    const EventColumns& c = options.columns;
    const auto required = [&](const std::string& name, const char* flag) {
      const std::size_t at = detail::find_column(header, name);
      if (at == absent) {
        ok = false;
        const std::string fix = did_you_mean(name, header) + " (or name the column with " + std::string(flag) + ")";
        problem(Severity::error, row.start.line, row.start.column, absent, "the header has no column \"" + name + "\"",
                fix);
      }
      return at;
    };
    customer_col = required(c.customer, "--customer-column");
    time_col = required(c.timestamp, "--timestamp-column");
    touchpoint_col = required(c.touchpoint, "--touchpoint-column");
    stage_col = detail::find_column(header, c.stage);
    channel_col = detail::find_column(header, c.channel);
    segment_col = detail::find_column(header, c.segment);
    revenue_col = detail::find_column(header, c.revenue);
    cost_col = detail::find_column(header, c.cost);
    outcome_col = detail::find_column(header, c.outcome);
    return ok;
  }

  std::uint32_t touchpoint_for(const std::string& label) {
    if (const auto known = touchpoint_index.find(label); known != touchpoint_index.end()) return known->second;
    const auto [at, inserted] = touchpoint_index.emplace(label, static_cast<std::uint32_t>(chain.touchpoints.size()));
    if (inserted) {
      MinedTouchpoint t;
      t.label = label;
      if (const auto kind = outcome_of_label.find(label); kind != outcome_of_label.end()) t.outcome = kind->second;
      chain.touchpoints.push_back(std::move(t));
      ended_with.emplace_back();
    }
    return at->second;
  }

  std::uint32_t raw_for(const std::string& label) {
    const auto [at, inserted] = raw_index.emplace(label, static_cast<std::uint32_t>(raw_labels.size()));
    if (inserted) raw_labels.push_back(label);
    return at->second;
  }

  // The chain's state for a visit to `raw` after the journey's `history`: the
  // touchpoint itself at order 1, at a journey's start and for an ending;
  // else the last `order` touchpoints (labelled "search__cart").
  std::uint32_t state_for(const std::vector<std::uint32_t>& history, const std::string& raw) {
    if (options.order == 1 || history.empty() || outcome_of_label.count(raw)) return touchpoint_for(raw);
    const std::size_t before = std::min<std::size_t>(options.order - 1, history.size());
    std::vector<std::string> sequence;
    std::string label;
    for (std::size_t i = history.size() - before; i < history.size(); ++i) {
      sequence.push_back(raw_labels[history[i]]);
      label += raw_labels[history[i]] + "__";
    }
    sequence.push_back(raw);
    label += raw;
    const std::size_t known = chain.touchpoints.size();
    const std::uint32_t state = touchpoint_for(label);
    if (state == known) chain.touchpoints[state].sequence = std::move(sequence);
    return state;
  }

  void remember(Customer& c, std::uint32_t raw) {
    if (c.history.size() == history_length) c.history.erase(c.history.begin());
    c.history.push_back(raw);
  }

  std::optional<double> read_money(const DelimitedRow& row, std::size_t col) {
    if (col == absent || col >= row.fields.size() || row.fields[col].empty()) return 0.0;
    const std::string& text = row.fields[col];
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      bad_row(row, col, "\"" + text + "\" is not a number", "write a plain number such as 12.50, or leave it empty");
      return std::nullopt;
    }
    return value;
  }

  // A row as wide as the header, well formed and UTF-8 (TableInput has seen to that).
  void on_row(const DelimitedRow& row) {
    const std::vector<std::string>& header = input.header();
    for (const std::size_t col : {customer_col, time_col, touchpoint_col}) {
      if (row.fields[col].empty()) {
        bad_row(row, col, header[col] + " is empty", "give every event its " + header[col]);
        return;
      }
    }
    const ParsedTimestamp time = parse_timestamp(row.fields[time_col]);
    if (!time.seconds) {
      bad_row(row, time_col, time.problem.substr(0, time.problem.find("; ")),
              time.problem.substr(time.problem.find("; ") + 2));
      return;
    }
    const auto revenue = read_money(row, revenue_col);
    if (!revenue) return;
    const auto cost = read_money(row, cost_col);
    if (!cost) return;
    const std::string& customer_id = row.fields[customer_col];
    auto flying = in_flight.find(customer_id);
    // A customer's row earlier than their last one: the entry points then
    // sort the log and mine it again. Seen while their journey is open, or
    // just after it ended when their rows are together (a customer whose
    // journey ended is otherwise forgotten, by design).
    const bool back_in_time = flying != in_flight.end() && *time.seconds < flying->second.arrived;
    if (back_in_time || (customer_id == previous_customer && *time.seconds < previous_time)) {
      ++result.summary.out_of_order;
    }
    previous_customer = customer_id;
    previous_time = *time.seconds;
    if (back_in_time) {
      bad_row(row, time_col,
              "customer " + customer_id + " goes back in time: " + format_time(*time.seconds) +
                  " is before their event at line " + std::to_string(flying->second.line) + " (" +
                  format_time(flying->second.arrived) + ")",
              "list each customer's events in time order");
      return;
    }
    event(row, customer_id, *time.seconds, *revenue, *cost, flying);
  }

  void event(const DelimitedRow& row, const std::string& customer_id, double time, double revenue, double cost,
             std::unordered_map<std::string, Customer>::iterator flying) {
    EventLogSummary& summary = result.summary;
    summary.first_time = std::min(summary.first_time.value_or(time), time);
    summary.last_time = std::max(summary.last_time.value_or(time), time);
    const std::string& raw = row.fields[touchpoint_col];
    const std::uint32_t raw_id = raw_for(raw);
    static const std::vector<std::uint32_t> no_history;
    const std::uint32_t tp = state_for(flying == in_flight.end() ? no_history : flying->second.history, raw);
    MinedTouchpoint& touchpoint = chain.touchpoints[tp];
    ++touchpoint.visits;
    touchpoint.revenue_sum += revenue;
    touchpoint.cost_sum += cost;
    if (stage_col != absent && touchpoint.stage.empty()) touchpoint.stage = row.fields[stage_col];
    if (channel_col != absent && touchpoint.channel.empty()) touchpoint.channel = row.fields[channel_col];

    if (flying == in_flight.end()) {
      // A new journey (a first event, or a customer back after an ending).
      Customer c;
      if (segment_col != absent) c.segment = segment_for(row.fields[segment_col]);
      if (selection) c.held_out = OrderSelection::held_out(customer_id);
      flying = in_flight.emplace(customer_id, std::move(c)).first;
      ++summary.journeys;
      ++chain.entry[tp];
      if (c.segment != none) {
        MinedSegment& s = chain.segments[c.segment];
        ++s.journeys;
        ++s.entry[tp];
      }
    } else {
      Customer& c = flying->second;
      if (selection) selection->move(c.held_out, c.history, raw_id);
      const double dwell = time - c.arrived;
      chain.touchpoints[c.touchpoint].dwell.add(dwell);
      ++chain.moves[{c.touchpoint, tp}];
      if (c.segment != none) {
        MinedSegment& s = chain.segments[c.segment];
        s.dwell[c.touchpoint].add(dwell);
        ++s.moves[{c.touchpoint, tp}];
      }
    }
    Customer& c = flying->second;
    c.touchpoint = tp;
    c.arrived = time;
    c.line = row.start.line;
    remember(c, raw_id);
    const std::string* kind = nullptr;
    if (outcome_col != absent && !row.fields[outcome_col].empty()) kind = &row.fields[outcome_col];
    if (kind) {
      if (selection) selection->move(c.held_out, c.history, raw_for("\x01" + *kind));
      ++ended_with[tp][*kind][c.segment];
      end_journey(flying);
    } else if (!chain.touchpoints[tp].outcome.empty()) {
      end_journey(flying);
    }
  }

  void end_journey(std::unordered_map<std::string, Customer>::iterator flying) {
    ++result.summary.ended;
    in_flight.erase(flying);
  }

  std::uint32_t segment_for(const std::string& label) {
    if (const auto known = segment_index.find(label); known != segment_index.end()) return known->second;
    const auto [at, inserted] = segment_index.emplace(label, static_cast<std::uint32_t>(chain.segments.size()));
    if (inserted) chain.segments.push_back(MinedSegment{label, 0, {}, {}, {}});
    return at->second;
  }

  // The endings: outcome columns resolved, then the journeys still open.
  void close_journeys() {
    // A touchpoint every visit of which ended a journey with one kind is that
    // ending; elsewhere an outcome column is a move to an ending of its kind.
    std::map<std::string, std::uint32_t> ending_of_kind;
    const auto ending = [&](const std::string& kind) {
      const auto found = ending_of_kind.find(kind);
      if (found != ending_of_kind.end()) return found->second;
      MinedTouchpoint t;
      t.label = kind;
      t.outcome = kind;
      chain.touchpoints.push_back(std::move(t));
      const auto index = static_cast<std::uint32_t>(chain.touchpoints.size() - 1);
      ending_of_kind.emplace(kind, index);
      return index;
    };
    std::vector<bool> leaves(chain.touchpoints.size(), false);
    for (const auto& [move, n] : chain.moves) leaves[move.first] = true;
    const std::size_t seen = ended_with.size();
    for (std::uint32_t tp = 0; tp < seen; ++tp) {
      const auto& kinds = ended_with[tp];
      if (kinds.empty()) continue;
      const auto journeys = [](const auto& by_segment) {
        std::uint64_t n = 0;
        for (const auto& [segment, count] : by_segment) n += count;
        return n;
      };
      if (kinds.size() == 1 && journeys(kinds.begin()->second) == chain.touchpoints[tp].visits && !leaves[tp]) {
        chain.touchpoints[tp].outcome = kinds.begin()->first;
        continue;
      }
      for (const auto& [kind, by_segment] : kinds) {
        const std::uint32_t to = ending(kind);
        for (const auto& [segment, n] : by_segment) move_to_ending(tp, to, n, segment);
      }
    }
    // Customers whose last event is no outcome: active near the end of the log, else lost.
    const double end = result.summary.last_time.value_or(0.0);
    for (const auto& [id, c] : in_flight) {
      if (options.active_within && c.arrived >= end - *options.active_within) {
        ++result.summary.active;
        continue;
      }
      ++result.summary.lost;
      if (selection) selection->move(c.held_out, c.history, raw_for("\x01" + std::string(outcome_kind::lost)));
      move_to_ending(c.touchpoint, ending(std::string(outcome_kind::lost)), 1, c.segment);
    }
    if (result.summary.active > 0 && result.summary.first_time) chain.horizon = end - *result.summary.first_time;
    in_flight.clear();
  }

  // Journeys ending at `to` straight after `from`, with no dwell seen at `from`.
  void move_to_ending(std::uint32_t from, std::uint32_t to, std::uint64_t n, std::uint32_t segment = none) {
    chain.moves[{from, to}] += n;
    if (segment != none) chain.segments[segment].moves[{from, to}] += n;
  }

  MineResult finish() {
    input.finish();
    if (!input.header_read()) {
      problem(Severity::error, 0, 0, absent, "the file is empty",
              "export the events with a header line: customer_id,timestamp,touchpoint");
    }
    result.summary.rows = input.rows();
    result.summary.bad_rows = input.bad_rows();
    if (input.has_error()) return failed();
    if (result.summary.journeys == 0) {
      problem(Severity::error, 0, 0, absent, "no events to mine", "check the file holds rows after its header");
      return failed();
    }
    for (const auto& [label, kind] : options.outcomes) {
      if (!touchpoint_index.count(label)) {
        problem(Severity::warning, 0, 0, absent,
                "--outcome " + label + "=" + kind + ": no event is at touchpoint \"" + label + "\"",
                "check the spelling against the touchpoint column");
      }
    }
    close_journeys();
    return build();
  }

  MineResult failed() {
    result.problems = input.take_problems();
    return std::move(result);
  }

  MineResult build();
};

MineResult EventLogMiner::Impl::build() {
  const EventLogSummary& s = result.summary;
  ScenarioText text;
  text.name = detail::scenario_name(options.source);
  text.description = "Mined by journeysim mine from " + options.source + ": " + std::to_string(s.rows) + " rows (" +
                     std::to_string(s.bad_rows) + " left out), " + std::to_string(s.journeys) + " journeys (" +
                     std::to_string(s.ended) + " ended at an outcome, " + std::to_string(s.lost) + " lost";
  if (options.active_within) text.description += ", " + std::to_string(s.active) + " still active";
  text.description += "), from " + format_time(*s.first_time) + " to " + format_time(*s.last_time) + ".";
  if (options.order > 1) {
    text.description += " Order " + std::to_string(options.order) + ": a touchpoint's id names " +
                        (options.order == 2 ? std::string("the touchpoint")
                                            : "the " + std::to_string(options.order - 1) + " touchpoints") +
                        " before it (search__cart is the cart reached from search).";
  }
  BuildOptions build_options;
  build_options.min_visits = options.min_visits;
  BuiltScenario built = build_scenario(chain, text, build_options);
  for (const BuildNote& note : built.notes) problem(Severity::warning, 0, 0, absent, note.message, note.fix);
  result.scenario = std::move(built.scenario);
  result.sources = std::move(built.sources);
  result.order = options.order;
  if (selection) result.order_fits = selection->fits();
  result.chain = std::move(chain);
  result.problems = input.take_problems();
  return std::move(result);
}

EventLogMiner::EventLogMiner(EventLogOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
EventLogMiner::~EventLogMiner() = default;
void EventLogMiner::feed(std::string_view bytes) { impl_->feed(bytes); }
void EventLogMiner::feed_row(const DelimitedRow& row) { impl_->input.feed_row(row); }
MineResult EventLogMiner::finish() { return impl_->finish(); }

namespace detail {

MineResult mine_sorted_event_log(const EventLogOptions& options, const std::function<bool(RowSorter&)>& read) {
  RowSorter sorter(options.delimiter, options.columns.customer, options.columns.timestamp, options.sort_chunk_rows);
  if (!read(sorter)) return unreadable_file();
  sorter.finish();
  MineResult result = mine_at_chosen_order<EventLogMiner>(options, [&](EventLogMiner& miner) {
    return sorter.replay([&](const DelimitedRow& row) { miner.feed_row(row); });
  });
  if (!sorter.ok()) {
    MineResult failed;
    failed.problems.push_back(
        {Severity::error, 0, 0, "",
         "the rows are out of time order and could not be sorted: a temporary file could not be written",
         "make room in the temporary folder (TMPDIR), or sort the rows by customer and time first"});
    return failed;
  }
  result.summary.sort_chunks = sorter.chunks();
  return result;
}

}  // namespace detail

namespace detail {

MineResult mine_in_time_order(MineResult streamed, const EventLogOptions& options,
                              const std::function<bool(RowSorter&)>& read) {
  if (streamed.summary.out_of_order == 0 || streamed.from != MinedFrom::event_log) return streamed;
  const std::uint64_t out_of_order = streamed.summary.out_of_order;
  MineResult sorted = mine_sorted_event_log(options, read);
  sorted.summary.out_of_order = out_of_order;
  if (sorted.summary.sort_chunks > 0) {
    sorted.problems.insert(
        sorted.problems.begin(),
        {Severity::warning, 0, 0, "",
         std::to_string(out_of_order) + (out_of_order == 1 ? " row comes" : " rows come") +
             " before their customer's previous one: mined from the rows sorted by customer and time (an "
             "external sort in " +
             std::to_string(sorted.summary.sort_chunks) + " chunk" + (sorted.summary.sort_chunks == 1 ? "" : "s") + ")",
         "nothing to do; a log sorted by time is mined in one pass, without the sort"});
  }
  return sorted;
}

}  // namespace detail

MineResult mine_event_log_text(std::string_view text, const EventLogOptions& options) {
  return detail::mine_text_in_time_order<EventLogMiner>(text, options);
}

MineResult mine_event_log_file(const std::string& path, EventLogOptions options) {
  return detail::mine_file_in_time_order<EventLogMiner>(path, std::move(options));
}

}  // namespace journeysim::mine
