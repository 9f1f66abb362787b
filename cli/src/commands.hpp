// The `journeysim` commands: each registers its options on the CLI11 app and
// runs with the streams it is given, returning the process exit code.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace journeysim::cli {

// Exit codes (DESIGN section 10).
inline constexpr int exit_ok = 0;
inline constexpr int exit_bad_input = 1;
inline constexpr int exit_usage = 2;

// Runs the command line `args` (without the program name).
int run_command_line(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace journeysim::cli
