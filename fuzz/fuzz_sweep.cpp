// libFuzzer target: arbitrary bytes as a `sweep --set PATH=A..B[:STEP]`
// specification (which holds a what-if address, `touchpoints.ID.FIELD` or
// `transitions.FROM->TO.FIELD`) against a fixed scenario with segments. Every
// point of a sweep that parses is applied as a variant and, when it builds,
// simulated for a few customers: no specification may crash, hang or reach
// the engine with a number the loader would refuse.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return journeysim::fuzz::abort_on_finding(
      journeysim::fuzz::exercise_sweep_text(std::string(reinterpret_cast<const char*>(data), size)));
}
