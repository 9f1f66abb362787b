// Running the real journeysim binary from tests: its exit code and streams.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace journeysim::testing_cli {

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

// Runs the journeysim binary with `args` (already shell-quoted where needed).
inline Invocation run_journeysim(const std::string& args) {
  const auto dir = std::filesystem::temp_directory_path() / ("journeysim-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string command = std::string(JOURNEYSIM_BINARY) + " " + args + " >" + (dir / "out").string() + " 2>" +
                              (dir / "err").string() + " </dev/null";
  const int status = std::system(command.c_str());
  Invocation run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = slurp(dir / "out");
  run.err = slurp(dir / "err");
  std::filesystem::remove_all(dir);
  return run;
}

inline std::string scenario(const std::string& name) {
  return std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + name;
}

inline std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace journeysim::testing_cli
