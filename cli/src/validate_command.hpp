// `journeysim validate`.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace journeysim::cli {

struct ValidateOptions {
  std::vector<std::string> files;
};

void add_validate_command(CLI::App& app, ValidateOptions& options);
int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace journeysim::cli
