// The command line's shared options and its usage errors: whole numbers in
// decimal and in range, --format and --out (the format following the
// extension), and messages that say what was wrong and what is accepted.
// Usage errors exit 2 (DESIGN section 10).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "report_format.hpp"

namespace journeysim::cli {

// A whole-number option: decimal digits only (010 is ten, not octal eight),
// within [min, max]; anything else is a usage error naming the option and its
// range.
CLI::Option* add_whole_number_option(CLI::App& command, const std::string& name,
                                     std::function<void(std::uint64_t)> store, std::uint64_t min, std::uint64_t max,
                                     const std::string& help);
template <class Target>
CLI::Option* add_whole_number_option(CLI::App& command, const std::string& name, Target& target, std::uint64_t min,
                                     std::uint64_t max, const std::string& help) {
  return add_whole_number_option(
      command, name, [&target](std::uint64_t value) { target = static_cast<Target>(value); }, min, max, help);
}

// --format and --out. Without --format, an --out name ending in .json or
// .csv chooses that format (DESIGN section 10); any other name, a table.
void add_output_options(CLI::App& command, Format& format, std::optional<std::string>& out,
                        const std::string& out_help);

// `did you mean "x"? ` for a near miss (a prefix counts: churn for
// churn_rate), else nothing.
std::string did_you_mean_text(const std::string& word, const std::vector<std::string>& accepted);

// "a, b and c".
std::string list_text(const std::vector<std::string>& items, const std::string& last_joint = " and ");

// The line for an unknown name among `accepted`, said as `what` (one KPI,
// one segment): unknown KPI "churn"; did you mean "churn_rate"? KPIs: a, b, c
std::string unknown_name_text(const std::string& what, const std::string& what_plural, const std::string& word,
                              const std::vector<std::string>& accepted);

// The usage error for `args` when its first word is no command, or nullopt.
std::optional<std::string> unknown_command_error(const CLI::App& app, const std::vector<std::string>& args);

// CLI11's error, said for a person: which command, what was wrong, what is accepted.
std::string usage_error_text(const CLI::App& app, const CLI::ParseError& error);

}  // namespace journeysim::cli
