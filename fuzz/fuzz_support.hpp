// What the fuzz targets do with an input, as plain functions: linked both
// into the libFuzzer programs (clang, -fsanitize=fuzzer) and into the
// fuzz_regression test, which replays every input a fuzzer ever crashed on
// (tests/fuzz/regressions/) in the ordinary builds, sanitizers included.
#pragma once

#include <optional>
#include <string>

namespace journeysim::fuzz {

// A defect the input showed (the fuzz targets abort on one); nothing when
// the input was handled as it should be, refused with a diagnostic or not.
using Finding = std::optional<std::string>;

// Loads `text` as a scenario; when it loads, saves and reloads it (the same
// model must come back), applies each what-if, simulates the baseline and
// the variants for a few customers and solves the exact analysis.
Finding exercise_scenario_text(const std::string& text);

// Parses `text` as a sweep specification against a fixed scenario with
// segments; simulates each point that builds.
Finding exercise_sweep_text(const std::string& text);

// Reads `text` as `mine` does, an event log or a path table by its header:
// the CSV reader must deliver the same rows whether the bytes arrive at once
// or in pieces; a file the miner accepts must give a scenario that saves,
// loads again as itself and simulates.
Finding exercise_event_log_text(const std::string& text);

// What a libFuzzer target returns for an input: 0 when nothing was found;
// a finding is printed and aborts, so that libFuzzer keeps the input.
int abort_on_finding(const Finding& finding);

// The fixed scenario the sweep target sweeps, for seeding its corpus.
const char* sweep_scenario_text();

}  // namespace journeysim::fuzz
