// Running real programs from tests (the journeysim binary, the viewer under
// xvfb-run): their exit code and streams, and reading files whole.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace journeysim::test_programs {

struct Invocation {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs a shell command line (already quoted where needed), its input empty.
inline Invocation run_program(const std::string& command_line) {
  const auto dir = std::filesystem::temp_directory_path() / ("journeysim-run-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string command =
      command_line + " >" + (dir / "out").string() + " 2>" + (dir / "err").string() + " </dev/null";
  const int status = std::system(command.c_str());
  Invocation run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = slurp(dir / "out");
  run.err = slurp(dir / "err");
  std::filesystem::remove_all(dir);
  return run;
}

// Runs the journeysim binary with `args` (already shell-quoted where needed).
inline Invocation run_journeysim(const std::string& args) {
  return run_program(std::string(JOURNEYSIM_BINARY) + " " + args);
}

inline std::string scenario(const std::string& name) {
  return std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + name;
}

inline std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace journeysim::test_programs
