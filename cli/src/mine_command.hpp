// `journeysim mine DATA.csv --out SCENARIO.json`: an event log or a path
// table turned into a scenario file (DESIGN section 13, docs/mining.md).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "journeysim/mine/event_log.hpp"

namespace journeysim::cli {

struct MineOptions {
  std::string file;
  std::optional<std::string> out;
  std::vector<std::string> outcomes;  // TOUCHPOINT=KIND
  std::optional<std::string> active_within;
  std::optional<std::string> delimiter;
  std::optional<std::string> order;  // K or "auto"
  mine::EventLogOptions log;
};

void add_mine_command(CLI::App& app, MineOptions& options);
int run_mine(MineOptions options, std::ostream& out, std::ostream& err);

}  // namespace journeysim::cli
