// Shared options and usage errors of the `journeysim` command line.
#include "usage.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim::cli {

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "1000000000000 (10^12)": large round limits are easier to read as powers.
std::string limit_text(std::uint64_t limit) {
  std::string text = std::to_string(limit);
  const bool power_of_ten = text.size() > 6 && text[0] == '1' && text.find_first_not_of('0', 1) == std::string::npos;
  return power_of_ten ? text + " (10^" + std::to_string(text.size() - 1) + ")" : text;
}

// The subcommand being parsed when CLI11 stopped, else the program itself.
const CLI::App& active_command(const CLI::App& app) {
  const std::vector<const CLI::App*> chosen = app.get_subcommands([](const CLI::App* sub) { return sub->parsed(); });
  return chosen.empty() ? app : *chosen.front();
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options([](const CLI::Option* o) { return o->nonpositional(); })) {
    const std::vector<std::string>& long_names = option->get_lnames();
    if (long_names.empty() || long_names.front() == "help") continue;
    names.push_back("--" + long_names.front());
  }
  return names;
}

std::string program_and_command(const CLI::App& command) {
  return command.get_parent() ? "journeysim " + command.get_name() : std::string("journeysim");
}

}  // namespace

CLI::Option* add_whole_number_option(CLI::App& command, const std::string& name,
                                     std::function<void(std::uint64_t)> store, std::uint64_t min, std::uint64_t max,
                                     const std::string& help) {
  const auto parse = [name, store = std::move(store), min, max](const std::string& text) {
    const std::string range = std::to_string(min) + " to " + limit_text(max);
    const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
      throw CLI::ValidationError(name, in_quotes(text) + " is not a whole number from " + range +
                                           "; write it in digits, like " +
                                           std::to_string(std::max<std::uint64_t>(min, 1000)));
    }
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 10);
    if (error == std::errc::result_out_of_range || value < min || value > max) {
      throw CLI::ValidationError(name, text + " is out of range; use " + range);
    }
    store(value);
  };
  return command.add_option_function<std::string>(name, parse, help)->type_name("N");
}

void add_output_options(CLI::App& command, Format& format, std::optional<std::string>& out,
                        const std::string& out_help) {
  static const std::vector<std::pair<std::string, Format>> formats{
      {"table", Format::table}, {"json", Format::json}, {"csv", Format::csv}};
  const auto parse = [&format](const std::string& text) {
    for (const auto& [name, value] : formats) {
      if (lower(text) == name) {
        format = value;
        return;
      }
    }
    throw CLI::ValidationError("--format", in_quotes(text) + " is not a format; use table, json or csv");
  };
  command
      .add_option_function<std::string>("--format", parse,
                                        "Output format: table, json or csv (default: table, or "
                                        "what the --out name ends in: .json, .csv)")
      ->type_name("FORMAT");
  command.add_option("--out", out, out_help)->type_name("PATH");
  CLI::App* self = &command;
  command.parse_complete_callback([self, &format, &out] {
    if (self->count("--format") > 0 || !out) return;
    const std::string name = lower(*out);
    const auto ends_with = [&](const std::string& tail) {
      return name.size() > tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
    };
    format = ends_with(".json") ? Format::json : ends_with(".csv") ? Format::csv : Format::table;
  });
}

std::string did_you_mean_text(const std::string& word, const std::vector<std::string>& accepted) {
  // A word cut short (churn, --customer) is the likeliest slip; then a typo.
  std::vector<std::string> extensions;
  for (const std::string& name : accepted) {
    if (!word.empty() && lower(name).rfind(lower(word), 0) == 0) extensions.push_back(name);
  }
  if (extensions.size() == 1) return "did you mean " + in_quotes(extensions.front()) + "? ";
  if (const std::optional<std::string> match = closest_match(word, accepted))
    return "did you mean " + in_quotes(*match) + "? ";
  return "";
}

std::string list_text(const std::vector<std::string>& items, const std::string& last_joint) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? last_joint : ", ") + items[i];
  }
  return out;
}

std::string unknown_name_text(const std::string& what, const std::string& what_plural, const std::string& word,
                              const std::vector<std::string>& accepted) {
  return "unknown " + what + " " + in_quotes(word) + "; " + did_you_mean_text(word, accepted) + what_plural + ": " +
         list_text(accepted, ", ");
}

std::optional<std::string> unknown_command_error(const CLI::App& app, const std::vector<std::string>& args) {
  const std::vector<std::string> commands = command_names(app);
  const std::string known = "the commands are " + list_text(commands) + " (journeysim --help)";
  if (args.empty()) return "journeysim: a command is required; " + known;
  const std::string& first = args.front();
  if (first.empty() || first[0] == '-' || std::find(commands.begin(), commands.end(), first) != commands.end()) {
    return std::nullopt;
  }
  return "journeysim: unknown command " + in_quotes(first) + "; " + did_you_mean_text(first, commands) + known;
}

std::string usage_error_text(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App& command = active_command(app);
  const std::string who = program_and_command(command);
  const std::string help = "\n(" + who + " --help lists the options)";
  if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    const std::vector<std::string> extras = command.remaining();
    const auto option =
        std::find_if(extras.begin(), extras.end(), [](const std::string& a) { return a.rfind("-", 0) == 0; });
    const std::vector<std::string> options = option_names(command);
    const std::string options_text = "the options of " +
                                     (command.get_parent() ? command.get_name() : std::string("journeysim")) + " are " +
                                     list_text(options);
    if (option != extras.end()) {
      const std::string name = option->substr(0, option->find('='));
      return who + ": unknown option " + in_quotes(name) + "; " + did_you_mean_text(name, options) + options_text +
             help;
    }
    if (!extras.empty()) return who + ": unexpected argument " + in_quotes(extras.front()) + "; " + options_text + help;
  }
  return who + ": " + error.what() + help;
}

}  // namespace journeysim::cli
