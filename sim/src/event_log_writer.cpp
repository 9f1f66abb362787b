// Event-log rows (event_rows.hpp) and the plain walk's log: block by block,
// so that one walk gives both the report and the log.
#include "journeysim/sim/event_log_writer.hpp"

#include <charconv>
#include <cmath>

#include "block_scheduler.hpp"
#include "event_rows.hpp"
#include "journeysim/graph/calendar.hpp"
#include "journeysim/sim/customer_walk.hpp"
#include "journeysim/sim/tallies.hpp"

namespace journeysim {

namespace {

// A field for a CSV row: quoted when it holds a comma, a quote or a line break.
void append_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_number(std::string& out, double x) {
  if (x == 0.0) return;  // empty: nothing here
  char text[32];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, x);
  out.append(text, end);
}

struct EventBlock {
  RunTally tally;
  std::string text;
};

}  // namespace

std::string event_log_header() {
  return "customer_id,timestamp,touchpoint,stage,channel,segment,revenue,cost,outcome\n";
}

RunResult run_simulation_with_events(const Scenario& scenario, const RunOptions& options, double start,
                                     const std::function<void(std::string_view)>& write,
                                     const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  RunResult result;
  result.compiled = compile(scenario, options.segment);
  result.tally = RunTally(result.compiled);
  const CompiledScenario& compiled = result.compiled;
  const detail::EventRows rows(scenario, compiled, start);

  write(event_log_header());
  const auto simulate = [&](std::uint64_t first, std::uint64_t end) {
    EventBlock block{RunTally(compiled), {}};
    TallyObserver tally(compiled, block.tally);
    detail::EventLogObserver observer(tally, &rows, &block.text);
    WalkScratch scratch(compiled.node_count);
    for (std::uint64_t customer = first; customer < end; ++customer) {
      walk_customer(compiled, options.seed, customer, scratch, observer);
    }
    return block;
  };
  const auto merge = [&](const EventBlock& block) {
    result.tally.merge(block.tally);
    write(block.text);
  };
  result.cancelled =
      !detail::run_blocks_in_process<EventBlock>(options.customers, options.threads, simulate, merge, progress, cancel);
  return result;
}

namespace detail {

EventRows::EventRows(const Scenario& scenario, const CompiledScenario& compiled, double start)
    : start_(start),
      ending_node_(compiled.ending_node),
      active_ending_(compiled.active_ending),
      unfinished_ending_(compiled.unfinished_ending) {
  for (const CompiledJourney& journey : compiled.journeys) {
    std::vector<RowText> texts;
    for (std::size_t i = 0; i < scenario.touchpoints.size(); ++i) {
      const Touchpoint& t = scenario.touchpoints[i];
      RowText text;
      append_field(text.touchpoint_stage_channel, t.id);
      text.touchpoint_stage_channel += ',';
      append_field(text.touchpoint_stage_channel, t.stage);
      text.touchpoint_stage_channel += ',';
      append_field(text.touchpoint_stage_channel, t.channel);
      append_number(text.money, journey.nodes[i].revenue);
      text.money += ',';
      append_number(text.money, journey.nodes[i].cost);
      texts.push_back(std::move(text));
    }
    rows_.push_back(std::move(texts));
    std::string segment;
    if (journey.segment) append_field(segment, scenario.segments[*journey.segment].id);
    segment_fields_.push_back(std::move(segment));
  }
  for (const std::uint32_t node : compiled.ending_node) ending_kinds_.push_back(scenario.touchpoints[node].outcome);
}

void EventRows::append(std::string& out, std::string_view customer, std::uint32_t journey, std::uint32_t node,
                       double at, std::string_view outcome) const {
  const RowText& text = rows_[journey][node];
  out += customer;
  out += ',';
  append_utc_time(out, start_ + at, true);
  out += ',';
  out += text.touchpoint_stage_channel;
  out += ',';
  out += segment_fields_[journey];
  out += ',';
  out += text.money;
  out += ',';
  append_field(out, outcome);
  out += '\n';
}

void EventRows::append_ending(std::string& out, std::string_view customer, std::uint32_t journey, std::uint32_t ending,
                              double at) const {
  if (ending >= ending_node_.size() || ending == active_ending_ || ending == unfinished_ending_) return;
  append(out, customer, journey, ending_node_[ending], at, ending_kinds_[ending]);
}

}  // namespace detail

}  // namespace journeysim
