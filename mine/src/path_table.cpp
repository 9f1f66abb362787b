// The path-table miner: each row's path is split into channels, its
// journeys counted as moves from the channel before to the channel after
// (consecutive repeats merged, as ChannelAttribution's markov_model merges
// them), its conversions and nulls as moves from its last channel to the
// `converted` and `lost` endings; beside them, the heuristic attribution of
// the rows themselves (ChannelAttribution's heuristic_models).
#include "journeysim/mine/path_table.hpp"

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"
#include "table_input.hpp"

namespace journeysim::mine {

namespace {

// Journeys counted exactly as doubles too: the probabilities are count / of.
constexpr double max_journeys = 9007199254740992.0;  // 2^53

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> channels;
  while (true) {
    const std::size_t at = path.find('>');
    const std::string_view channel = trimmed(path.substr(0, at));
    if (!channel.empty()) channels.push_back(channel);
    if (at == std::string_view::npos) break;
    path.remove_prefix(at + 1);
  }
  return channels;
}

struct PathTableMiner::Impl {
  explicit Impl(PathTableOptions o)
      : options(std::move(o)),
        input(
            options.delimiter, options.strict, "table",
            [this](const DelimitedRow& row, const std::vector<std::string>& names) { return read_header(row, names); },
            [this](const DelimitedRow& row) { on_row(row); }) {
    result.from = MinedFrom::path_table;
  }

  // Per channel: how many of the journeys whose last channel it is converted or not.
  struct ChannelEndings {
    std::uint64_t converted = 0;
    std::uint64_t lost = 0;
  };

  PathTableOptions options;
  detail::TableInput input;
  static constexpr std::size_t absent = detail::absent_column;
  std::size_t path_col = absent, conversions_col = absent, nulls_col = absent, value_col = absent;

  MinedChain chain;  // the channels; the endings are added at the end
  std::unordered_map<std::string, std::uint32_t> channel_index;
  std::vector<ChannelEndings> endings;     // per channel
  std::vector<PathHeuristics> heuristics;  // per channel
  std::vector<std::uint32_t> path;         // the row being read, as channels (repeats kept)
  double conversion_value = 0.0;
  MineResult result;

  void feed(std::string_view bytes) { input.feed(bytes); }

  bool read_header(const DelimitedRow& row, const std::vector<std::string>& header) {
    bool ok = true;
    const auto required = [&](std::string_view name) {
      const std::size_t at = detail::find_column(header, name);
      if (at == absent) {
        ok = false;
        input.problem(Severity::error, row.start.line, row.start.column, absent,
                      "the header has no column \"" + std::string(name) + "\"",
                      did_you_mean(name, header) +
                          " (a path table has the columns path, total_conversions, total_null and optionally "
                          "total_conversion_value)");
      }
      return at;
    };
    path_col = required(path_column::path);
    conversions_col = required(path_column::conversions);
    nulls_col = required(path_column::nulls);
    value_col = detail::find_column(header, path_column::value);
    return ok;
  }

  // A count of journeys: a whole number, 0 or more ("12"; "12.0" and "1e3" as some exports write them).
  std::optional<std::uint64_t> read_count(const DelimitedRow& row, std::size_t col) {
    const std::string_view text = trimmed(row.fields[col]);
    const std::string& name = input.header()[col];
    if (text.empty()) {
      input.bad_row(row, col, name + " is empty", "write the number of journeys, 0 for none");
      return std::nullopt;
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      input.bad_row(row, col, in_quotes(text) + " is not a number", "write a whole number of journeys such as 12");
      return std::nullopt;
    }
    if (value < 0) {
      input.bad_row(row, col, std::string(text) + " is negative", "a count of journeys is 0 or more");
      return std::nullopt;
    }
    if (value != std::floor(value)) {
      input.bad_row(row, col, std::string(text) + " is not a whole number",
                    "counts of journeys are whole numbers: round them, or scale every row alike");
      return std::nullopt;
    }
    if (value > max_journeys) {
      input.bad_row(row, col, std::string(text) + " is more journeys than are counted exactly (2^53)",
                    "scale every row alike");
      return std::nullopt;
    }
    return static_cast<std::uint64_t>(value);
  }

  std::optional<double> read_value(const DelimitedRow& row, std::uint64_t conversions) {
    if (value_col == absent) return 0.0;
    const std::string_view text = trimmed(row.fields[value_col]);
    if (text.empty()) return 0.0;
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      input.bad_row(row, value_col, in_quotes(text) + " is not a number",
                    "write a plain number such as 1250.50, or leave it empty");
      return std::nullopt;
    }
    if (value != 0 && conversions == 0) {
      input.bad_row(row, value_col, "a conversion value of " + std::string(text) + " on a path with no conversions",
                    "give the row its conversions, or a value of 0");
      return std::nullopt;
    }
    return value;
  }

  std::uint32_t channel_for(std::string_view label) {
    const auto [at, inserted] =
        channel_index.emplace(std::string(label), static_cast<std::uint32_t>(chain.touchpoints.size()));
    if (inserted) {
      MinedTouchpoint t;
      t.label = std::string(label);
      t.channel = t.label;
      heuristics.push_back({t.label});
      chain.touchpoints.push_back(std::move(t));
      endings.emplace_back();
    }
    return at->second;
  }

  // A row as wide as the header, well formed and UTF-8 (TableInput has seen to that).
  void on_row(const DelimitedRow& row) {
    const std::vector<std::string_view> channels = split_path(row.fields[path_col]);
    if (channels.empty()) {
      input.bad_row(row, path_col, "the path is empty", "write its channels as a > b > c");
      return;
    }
    const auto conversions = read_count(row, conversions_col);
    if (!conversions) return;
    const auto nulls = read_count(row, nulls_col);
    if (!nulls) return;
    const auto value = read_value(row, *conversions);
    if (!value) return;
    const std::uint64_t journeys = *conversions + *nulls;
    if (static_cast<double>(result.summary.journeys) + static_cast<double>(journeys) > max_journeys) {
      input.bad_row(row, conversions_col, "the table's journeys add up to more than are counted exactly (2^53)",
                    "scale every row alike");
      return;
    }
    if (journeys == 0) return;  // a path nobody took: nothing to count
    result.summary.journeys += journeys;
    result.summary.ended += *conversions;
    result.summary.lost += *nulls;
    conversion_value += *value;

    path.clear();
    for (const std::string_view label : channels) path.push_back(channel_for(label));
    // The chain: consecutive repeats are one visit (markov_model's order 1).
    chain.entry[path.front()] += journeys;
    std::uint32_t at = path.front();
    chain.touchpoints[at].visits += journeys;
    for (std::size_t k = 1; k < path.size(); ++k) {
      if (path[k] == at) continue;
      chain.moves[{at, path[k]}] += journeys;
      at = path[k];
      chain.touchpoints[at].visits += journeys;
    }
    endings[at].converted += *conversions;
    endings[at].lost += *nulls;
    // The heuristics: the path as written, each touch counted.
    const auto c = static_cast<double>(*conversions);
    heuristics[path.front()].first_touch += c;
    heuristics[path.back()].last_touch += c;
    for (const std::uint32_t channel : path) heuristics[channel].linear_touch += c / static_cast<double>(path.size());
  }

  MineResult finish() {
    input.finish();
    if (!input.header_read()) {
      input.problem(Severity::error, 0, 0, absent, "the file is empty",
                    "export the paths with a header line: path,total_conversions,total_null");
    }
    result.summary.rows = input.rows();
    result.summary.bad_rows = input.bad_rows();
    if (!input.has_error() && result.summary.journeys == 0) {
      input.problem(Severity::error, 0, 0, absent, "no journeys to mine",
                    "check the file holds rows after its header, with conversions or nulls");
    }
    if (input.has_error()) {
      result.problems = input.take_problems();
      return std::move(result);
    }
    add_endings();
    return build();
  }

  // The endings after the channels, and the moves into them.
  void add_endings() {
    const std::size_t channels = endings.size();
    const auto ending = [&](std::string_view kind, std::uint64_t visits) {
      MinedTouchpoint t;
      t.label = std::string(kind);
      t.outcome = std::string(kind);
      t.visits = visits;
      chain.touchpoints.push_back(std::move(t));
      return static_cast<std::uint32_t>(chain.touchpoints.size() - 1);
    };
    if (result.summary.ended > 0) {
      const std::uint32_t converted = ending(outcome_kind::converted, result.summary.ended);
      // Revenue per customer ending there: the value per conversion.
      chain.touchpoints[converted].revenue_sum = conversion_value;
      for (std::uint32_t c = 0; c < channels; ++c) {
        if (endings[c].converted > 0) chain.moves[{c, converted}] += endings[c].converted;
      }
    }
    if (result.summary.lost > 0) {
      const std::uint32_t lost = ending(outcome_kind::lost, result.summary.lost);
      for (std::uint32_t c = 0; c < channels; ++c) {
        if (endings[c].lost > 0) chain.moves[{c, lost}] += endings[c].lost;
      }
    }
  }

  MineResult build() {
    const MineSummary& s = result.summary;
    ScenarioText text;
    text.name = detail::scenario_name(options.source);
    text.description = "Mined by journeysim mine from " + options.source + ", a path table: " + std::to_string(s.rows) +
                       " rows (" + std::to_string(s.bad_rows) + " left out), " + std::to_string(s.journeys) +
                       " journeys (" + std::to_string(s.ended) + " converted, " + std::to_string(s.lost) + " lost)";
    if (value_col != absent) {
      text.description +=
          ", conversion value " + format_number(conversion_value) +
          (s.ended > 0 ? " (" + format_number(std::round(conversion_value / static_cast<double>(s.ended) * 100) / 100) +
                             " per conversion, the revenue of the converted ending)"
                       : "");
    }
    text.description +=
        ". A path table has no times, so no dwell is known (0 here). A channel repeated back to back "
        "(a > a > b) is one visit, as ChannelAttribution's markov_model counts it.";
    BuildOptions build_options;
    build_options.min_visits = options.min_visits;
    BuiltScenario built = build_scenario(chain, text, build_options);
    for (const BuildNote& note : built.notes) {
      input.problem(Severity::warning, 0, 0, absent, note.message, note.fix);
    }
    result.scenario = std::move(built.scenario);
    result.sources = std::move(built.sources);
    result.chain = std::move(chain);
    result.heuristics = std::move(heuristics);
    result.problems = input.take_problems();
    return std::move(result);
  }
};

PathTableMiner::PathTableMiner(PathTableOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
PathTableMiner::~PathTableMiner() = default;
void PathTableMiner::feed(std::string_view bytes) { impl_->feed(bytes); }
MineResult PathTableMiner::finish() { return impl_->finish(); }

MineResult mine_path_table_text(std::string_view text, const PathTableOptions& options) {
  return detail::mine_all<PathTableMiner>(text, options);
}

MineResult mine_path_table_file(const std::string& path, PathTableOptions options) {
  return detail::mine_whole_file<PathTableMiner>(path, std::move(options));
}

}  // namespace journeysim::mine
