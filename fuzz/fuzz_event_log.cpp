// libFuzzer target: arbitrary bytes as an event log or a path table for
// `journeysim mine` (CSV or TSV rows of customer, timestamp and touchpoint,
// or of path, total_conversions and total_null). The CSV reader
// must read the same rows whatever the pieces the bytes arrive in, and a log
// the miner turns into a scenario must give one that saves, reloads as
// itself, simulates and solves.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return journeysim::fuzz::abort_on_finding(
      journeysim::fuzz::exercise_event_log_text(std::string(reinterpret_cast<const char*>(data), size)));
}
