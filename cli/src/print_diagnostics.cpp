// Diagnostics to text, through the one formatter in graph/.
#include "print_diagnostics.hpp"

#include <ostream>

namespace journeysim::cli {

namespace {

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void print_diagnostics(const LoadResult& loaded, const std::string& file, std::ostream& err) {
  for (const Diagnostic& d : loaded.diagnostics.all()) {
    err << format_diagnostic(d, file, loaded.document.get()) << '\n';
  }
}

std::string count_summary(const Diagnostics& diagnostics) {
  const std::size_t errors = diagnostics.error_count();
  const std::size_t warnings = diagnostics.all().size() - errors;
  std::string out = plural(errors, "error");
  if (warnings > 0) out += ", " + plural(warnings, "warning");
  return out;
}

}  // namespace journeysim::cli
