// libFuzzer target: arbitrary bytes as a scenario file. Whatever loads is
// also put through everything a valid scenario reaches: each what-if is
// applied, the baseline and every variant are simulated for a handful of
// customers, and the exact analysis is solved. A crash, a sanitizer report or
// an exception escaping any of them is a defect (loaded scenarios must be safe
// to run: issue 10 found a what-if stage that overflowed the tallies).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return journeysim::fuzz::abort_on_finding(
      journeysim::fuzz::exercise_scenario_text(std::string(reinterpret_cast<const char*>(data), size)));
}
