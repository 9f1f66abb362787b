// Problems found in a mined file, as the command line prints them.
#include "journeysim/mine/mine_result.hpp"

#include "journeysim/graph/text.hpp"

namespace journeysim::mine {

std::string format_problem(const RowProblem& problem, std::string_view file) {
  std::string out(file);
  if (problem.line > 0) out += ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column);
  out += problem.severity == Severity::error ? ": error: " : ": warning: ";
  if (!problem.column_name.empty()) out += "column " + problem.column_name + ": ";
  out += problem.message;
  if (!problem.fix.empty()) out += "; " + problem.fix;
  // Fields from the file are echoed in messages: one line each, nothing raw.
  return printable_text(out);
}

}  // namespace journeysim::mine
