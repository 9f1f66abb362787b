// Diagnostics to text, through the one formatter in graph/.
#include "print_diagnostics.hpp"

#include <algorithm>
#include <optional>
#include <ostream>
#include <tuple>
#include <vector>

#include "journeysim/graph/text.hpp"

namespace journeysim::cli {

void print_diagnostics(const LoadResult& loaded, const std::string& file, std::ostream& err) {
  // In file order, as compilers do: the first line shown is the first to fix.
  struct Line {
    std::size_t line, column;
    std::string text;
  };
  std::vector<Line> lines;
  for (const Diagnostic& d : loaded.diagnostics.all()) {
    const std::optional<TextPosition> where = diagnostic_position(d, loaded.document.get());
    lines.push_back({where ? where->line : 0, where ? where->column : 0,
                     format_diagnostic(d, printable_text(file), loaded.document.get())});
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return std::tie(a.line, a.column) < std::tie(b.line, b.column); });
  for (const Line& line : lines) err << line.text << '\n';
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
