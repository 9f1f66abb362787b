// Diagnostics to text, through the one formatter in graph/.
#include "print_diagnostics.hpp"

#include <ostream>

#include "journeysim/graph/text.hpp"

namespace journeysim::cli {

void print_diagnostics(const LoadResult& loaded, const std::string& file, std::ostream& err) {
  for (const std::string& line : format_diagnostics(loaded.diagnostics, printable_text(file), loaded.document.get())) {
    err << line << '\n';
  }
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string count_summary(const Diagnostics& diagnostics) {
  const std::size_t errors = diagnostics.error_count();
  const std::size_t warnings = diagnostics.all().size() - errors;
  std::string out = plural(errors, "error", "errors");
  if (warnings > 0) out += ", " + plural(warnings, "warning", "warnings");
  return out;
}

}  // namespace journeysim::cli
