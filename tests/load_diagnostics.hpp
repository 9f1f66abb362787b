// Every diagnostic of a load, one per line, for a failing test's message.
#pragma once

#include <string>

#include "journeysim/graph/scenario_loader.hpp"

namespace journeysim::test_loads {

inline std::string all_diagnostics(const LoadResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics.all()) out += format_diagnostic(d, "<scenario>", r.document.get()) + "\n";
  return out;
}

}  // namespace journeysim::test_loads
