// `journeysim mine`: flags to mining options, the miner of the file's kind
// over it, its problems on stderr in file order, and the scenario written
// atomically once it has loaded back without an error; for a path table, the
// heuristic attribution of its paths beside the summary.
#include "mine_command.hpp"

#include <algorithm>
#include <ostream>

#include "commands.hpp"
#include "journeysim/graph/atomic_file.hpp"
#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/graph/scenario_writer.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/mine/miner.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "print_diagnostics.hpp"

namespace journeysim::cli {

void add_mine_command(CLI::App& app, MineOptions& options) {
  CLI::App* command =
      app.add_subcommand("mine", "Learn a scenario from an event log or a path table (CSV, TSV or semicolons)");
  mine::EventColumns& columns = options.log.columns;
  command
      ->add_option("DATA", options.file,
                   "An event log (columns customer_id, timestamp, touchpoint and more) or a path table "
                   "(path, total_conversions, total_null, optionally total_conversion_value)")
      ->required();
  command->add_option("--out", options.out, "Write the scenario here (atomically); default standard output");
  command->add_option("--outcome", options.outcomes,
                      "TOUCHPOINT=KIND: reaching TOUCHPOINT ends the journey with that outcome (repeatable)");
  command->add_option("--active-within", options.active_within,
                      "DURATION: a journey whose last event is this close to the log's end is still active");
  command
      ->add_option("--min-visits", options.log.min_visits,
                   "Touchpoints seen fewer times merge into \"other\" (default 1: none)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000'000}));
  command->add_flag("--strict", options.log.strict, "Bad rows are errors, not warnings");
  command->add_option("--order", options.order,
                      "K: a state is the last K touchpoints (default 1); auto: K from 1 to 4 by held-out likelihood");
  command->add_option("--delimiter", options.delimiter,
                      "comma, tab, semicolon or one character (default: from the header)");
  command->add_option("--customer-column", columns.customer, "Column of the customer id")->capture_default_str();
  command->add_option("--timestamp-column", columns.timestamp, "Column of the event time")->capture_default_str();
  command->add_option("--touchpoint-column", columns.touchpoint, "Column of the touchpoint")->capture_default_str();
  command->add_option("--stage-column", columns.stage, "Column of the stage (optional)")->capture_default_str();
  command->add_option("--channel-column", columns.channel, "Column of the channel (optional)")->capture_default_str();
  command->add_option("--segment-column", columns.segment, "Column of the customer's segment (optional)")
      ->capture_default_str();
  command->add_option("--revenue-column", columns.revenue, "Column of revenue per event (optional)")
      ->capture_default_str();
  command->add_option("--cost-column", columns.cost, "Column of cost per event (optional)")->capture_default_str();
  command->add_option("--outcome-column", columns.outcome, "Column of an outcome kind ending the journey (optional)")
      ->capture_default_str();
}

namespace {

int usage(std::ostream& err, const std::string& what) {
  err << "journeysim: mine: " << what << "\nrun 'journeysim mine --help' for usage\n";
  return exit_usage;
}

// The orders --order auto compared, and the one chosen.
void print_order_choice(const mine::MineResult& mined, std::ostream& err) {
  const mine::OrderFit& first = mined.order_fits.front();
  err << "--order auto: held-out log-likelihood per move, over " << plural(first.held_out_moves, "move", "moves")
      << " of the held-out fifth of customers (higher is better; an order is taken when it gains more than\n"
         "two standard errors over the one taken before):\n";
  for (const mine::OrderFit& fit : mined.order_fits) {
    err << "  order " << fit.order << ": " << fixed_text(fit.per_move(), 4) << "  ("
        << plural(fit.states, "state", "states") << ", " << plural(fit.transitions, "transition", "transitions") << ")";
    if (fit.order > 1) {
      err << "  gain " << fixed_text(fit.gain_per_move, 4) << " +- " << fixed_text(fit.gain_standard_error, 4);
    }
    err << (fit.chosen ? "  <- chosen" : "") << '\n';
  }
}

// A path table's own heuristic attribution, in conversions: what
// ChannelAttribution's heuristic_models gives for the same rows.
void print_heuristics(const mine::MineResult& mined, const std::string& file, std::ostream& err) {
  const std::uint64_t conversions = mined.summary.ended;
  if (conversions == 0) return;
  const auto right = [](const std::string& text, std::size_t width) {
    return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
  };
  const auto figure = [&](double conversions_attributed) {
    return right(format_number(conversions_attributed, 8), 14);
  };
  err << file << ": heuristic attribution of the " << plural(conversions, "conversion", "conversions")
      << " over the paths themselves (as ChannelAttribution's heuristic_models; journeysim analyze gives the Markov "
         "removal effects)\n";
  err << "  " << std::string(30, ' ') << right("first touch", 14) << right("last touch", 14)
      << right("linear touch", 14) << '\n';
  for (const mine::PathHeuristics& h : mined.heuristics) {
    std::string channel = printable_text(h.channel);
    channel.resize(std::max<std::size_t>(channel.size(), 30), ' ');
    err << "  " << channel << figure(h.first_touch) << figure(h.last_touch) << figure(h.linear_touch) << '\n';
  }
}

}  // namespace

int run_mine(MineOptions options, std::ostream& out, std::ostream& err) {
  mine::EventLogOptions& log = options.log;
  log.source = options.file;
  for (const std::string& outcome : options.outcomes) {
    const std::size_t equals = outcome.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == outcome.size()) {
      return usage(err, "--outcome " + outcome + ": write TOUCHPOINT=KIND, e.g. --outcome purchased=converted");
    }
    log.outcomes.emplace_back(outcome.substr(0, equals), outcome.substr(equals + 1));
  }
  if (options.active_within) {
    const DurationParse d = parse_duration(*options.active_within);
    if (!d.seconds) return usage(err, "--active-within " + *options.active_within + ": " + d.problem);
    log.active_within = d.seconds;
  }
  if (options.delimiter) {
    const std::string& d = *options.delimiter;
    if (d == "comma" || d == ",")
      log.delimiter = ',';
    else if (d == "tab" || d == "\\t" || d == "\t")
      log.delimiter = '\t';
    else if (d == "semicolon" || d == ";")
      log.delimiter = ';';
    else if (d.size() == 1 && d != "\"" && d != "\n" && d != "\r")
      log.delimiter = d[0];
    else
      return usage(err, "--delimiter " + d + ": give comma, tab, semicolon or one character other than a quote");
  }

  if (options.order) {
    const std::string& k = *options.order;
    if (k == "auto") {
      log.choose_order = true;
    } else if (k.size() == 1 && k[0] >= '1' && k[0] <= '9') {
      log.order = static_cast<unsigned>(k[0] - '0');
    } else {
      return usage(err, "--order " + k + ": give a whole number from 1 to 9, or auto");
    }
  }

  mine::MineResult mined = mine::mine_file(options.file, log);
  std::stable_sort(mined.problems.begin(), mined.problems.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.line, a.column) < std::make_pair(b.line, b.column);
  });
  for (const mine::RowProblem& p : mined.problems) err << mine::format_problem(p, options.file) << '\n';
  if (!mined.ok()) {
    err << options.file << ": nothing mined";
    if (mined.summary.bad_rows > 0) err << " (" << plural(mined.summary.bad_rows, "bad row", "bad rows") << ")";
    err << '\n';
    return exit_bad_input;
  }
  const std::string text = render_json(to_json(*mined.scenario)) + "\n";
  // The file must load as it will for the user: anything else is a bug here, never a file to write.
  const LoadResult back = load_scenario_text(text);
  if (!back.ok()) {
    print_diagnostics(back, options.out.value_or("<mined scenario>"), err);
    err << "journeysim: mine: internal error: the mined scenario does not validate; nothing written\n";
    return exit_bad_input;
  }
  if (options.out) {
    const WriteResult written = write_file_atomically(*options.out, text);
    if (!written.ok) {
      err << *options.out << ": error: " << written.problem << '\n';
      return exit_bad_input;
    }
  } else {
    out << text;
  }
  if (!mined.order_fits.empty()) print_order_choice(mined, err);
  const mine::MineSummary& s = mined.summary;
  err << options.file << ": mined " << plural(s.rows, "row", "rows") << " (" << s.bad_rows << " left out), "
      << plural(s.journeys, "journey", "journeys") << ", into "
      << plural(mined.scenario->touchpoints.size(), "touchpoint", "touchpoints") << " and "
      << plural(mined.scenario->transitions.size(), "transition", "transitions");
  if (options.out) err << ": " << *options.out;
  err << '\n';
  if (mined.from == mine::MinedFrom::path_table) print_heuristics(mined, options.file, err);
  return exit_ok;
}

}  // namespace journeysim::cli
