// The event-log observer: the tally's observer and a text buffer side by side,
// so that one walk gives both the report and the log.
#include "journeysim/sim/event_log_writer.hpp"

#include <charconv>
#include <cmath>

#include "block_scheduler.hpp"
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

// What a row says about a touchpoint, apart from the customer and the time.
struct RowText {
  std::string touchpoint_stage_channel;  // "id,stage,channel" quoted as needed
  std::string money;                     // "revenue,cost"
};

class EventObserver {
 public:
  EventObserver(const CompiledScenario& compiled, const std::vector<std::vector<RowText>>& rows,
                const std::vector<std::string>& segment_fields, const std::vector<std::string>& ending_kinds,
                double start, TallyObserver& tally, std::string& out)
      : compiled_(compiled),
        rows_(rows),
        segment_fields_(segment_fields),
        ending_kinds_(ending_kinds),
        start_(start),
        tally_(tally),
        out_(out) {}

  void on_start(const WalkState& state) {
    customer_ = "c" + std::to_string(state.customer + 1);
    tally_.on_start(state);
  }
  void on_visit(const WalkState& state, std::uint32_t node, double entered_at, double dwell) {
    row(state, node, entered_at, {});
    tally_.on_visit(state, node, entered_at, dwell);
  }
  void on_rating(std::uint32_t node, int rating, int ease) { tally_.on_rating(node, rating, ease); }
  void on_move(std::uint32_t edge, std::uint32_t from, std::uint32_t to) { tally_.on_move(edge, from, to); }
  void on_end(const WalkState& state, std::uint32_t ending, int nps) {
    if (ending < compiled_.ending_node.size() && ending != compiled_.active_ending &&
        ending != compiled_.unfinished_ending) {
      row(state, compiled_.ending_node[ending], state.clock, ending_kinds_[ending]);
    }
    tally_.on_end(state, ending, nps);
  }

 private:
  void row(const WalkState& state, std::uint32_t node, double at, std::string_view outcome) {
    const RowText& text = rows_[state.journey][node];
    out_ += customer_;
    out_ += ',';
    append_utc_time(out_, start_ + at, true);
    out_ += ',';
    out_ += text.touchpoint_stage_channel;
    out_ += ',';
    out_ += segment_fields_[state.journey];
    out_ += ',';
    out_ += text.money;
    out_ += ',';
    append_field(out_, outcome);
    out_ += '\n';
  }

  const CompiledScenario& compiled_;
  const std::vector<std::vector<RowText>>& rows_;
  const std::vector<std::string>& segment_fields_;
  const std::vector<std::string>& ending_kinds_;
  double start_;
  TallyObserver& tally_;
  std::string& out_;
  std::string customer_;
};

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
                                     const ProgressCallback& progress) {
  RunResult result;
  result.compiled = compile(scenario, options.segment);
  result.tally = RunTally(result.compiled);
  const CompiledScenario& compiled = result.compiled;

  // Each journey's row text per touchpoint, made once.
  std::vector<std::vector<RowText>> rows;
  std::vector<std::string> segment_fields;
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
    rows.push_back(std::move(texts));
    std::string segment;
    if (journey.segment) append_field(segment, scenario.segments[*journey.segment].id);
    segment_fields.push_back(std::move(segment));
  }
  std::vector<std::string> ending_kinds;
  for (const std::uint32_t node : compiled.ending_node) ending_kinds.push_back(scenario.touchpoints[node].outcome);

  write(event_log_header());
  const auto simulate = [&](std::uint64_t first, std::uint64_t end) {
    EventBlock block{RunTally(compiled), {}};
    TallyObserver tally(compiled, block.tally);
    EventObserver observer(compiled, rows, segment_fields, ending_kinds, start, tally, block.text);
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
  detail::run_blocks<EventBlock>(options.customers, options.threads, simulate, merge, progress, nullptr);
  return result;
}

}  // namespace journeysim
