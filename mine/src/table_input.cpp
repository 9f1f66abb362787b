// The rows of a delimited file with a header, checked for what does not
// depend on what the columns mean, and the problems found, capped.
#include "table_input.hpp"

#include <algorithm>
#include <fstream>
#include <utility>

#include "journeysim/graph/text.hpp"

namespace journeysim::mine::detail {

namespace {

constexpr std::size_t max_listed_problems = 100;

}  // namespace

std::vector<std::string> header_names(std::vector<std::string> fields) {
  if (!fields.empty() && fields[0].rfind("\xEF\xBB\xBF", 0) == 0) fields[0].erase(0, 3);  // a byte-order mark
  for (std::string& name : fields) {
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
  }
  return fields;
}

std::size_t find_column(const std::vector<std::string>& header, std::string_view name) {
  const auto at = std::find(header.begin(), header.end(), name);
  return at == header.end() ? absent_column : static_cast<std::size_t>(at - header.begin());
}

TableInput::TableInput(char delimiter, bool strict, std::string noun, HeaderCallback on_header, RowCallback on_row)
    : delimiter_(delimiter),
      strict_(strict),
      noun_(std::move(noun)),
      on_header_(std::move(on_header)),
      on_row_(std::move(on_row)) {}

void TableInput::feed(std::string_view bytes) {
  if (reader_) {
    reader_->feed(bytes);
    return;
  }
  // The delimiter comes from the header line, so hold bytes until it ends.
  pending_header_.append(bytes);
  const std::size_t end = pending_header_.find('\n');
  if (end == std::string::npos) return;
  start_reader(std::string_view(pending_header_).substr(0, end));
  const std::string held = std::exchange(pending_header_, {});
  reader_->feed(held);
}

void TableInput::finish() {
  if (!reader_ && !pending_header_.empty()) {
    // A header with no line break after it, and no rows.
    start_reader(pending_header_);
    reader_->feed(std::exchange(pending_header_, {}));
  }
  if (reader_) reader_->finish();
}

void TableInput::start_reader(std::string_view header_line) {
  const char delimiter = delimiter_ ? delimiter_ : detect_delimiter(header_line);
  reader_.emplace(delimiter, [this](const DelimitedRow& row) { on_row(row); });
}

void TableInput::on_row(const DelimitedRow& row) {
  if (!header_read_) {
    header_read_ = true;
    header_ = header_names(row.fields);
    header_failed_ = !on_header_(row, header_);
    return;
  }
  if (header_failed_) return;
  ++rows_;
  if (!row.problem.empty()) {
    ++bad_rows_;
    problem(strict_ ? Severity::error : Severity::warning, row.problem_place.line, row.problem_place.column,
            absent_column, row.problem, "");
    return;
  }
  const std::size_t width = header_.size();
  if (row.fields.size() != width) {
    const std::size_t at = std::min(row.fields.size(), width) - (row.fields.size() > width ? 0 : 1);
    bad_row(row, at,
            "the row has " + std::to_string(row.fields.size()) + " fields, the header " + std::to_string(width),
            row.fields.size() < width ? "fill in the missing fields (empty ones still need their delimiter)"
                                      : "quote fields that hold the delimiter");
    return;
  }
  for (std::size_t col = 0; col < row.fields.size(); ++col) {
    // Labels become names in a scenario file, which is UTF-8 JSON.
    if (const auto bad = first_invalid_utf8(row.fields[col])) {
      const auto byte = static_cast<unsigned char>(row.fields[col][*bad]);
      bad_row(row, col, "byte " + std::to_string(*bad + 1) + " of the field (0x" + hex_byte(byte) + ") is not UTF-8",
              "save the " + noun_ + " as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8 FILE)");
      return;
    }
  }
  on_row_(row);
}

void TableInput::problem(Severity severity, std::size_t line, std::size_t column, std::size_t field,
                         std::string message, std::string fix) {
  if (problems_.size() >= max_listed_problems) {
    ++unlisted_problems_;
    return;
  }
  RowProblem p;
  p.severity = severity;
  p.line = line;
  p.column = column;
  if (field != absent_column && field < header_.size()) p.column_name = header_[field];
  p.message = std::move(message);
  p.fix = std::move(fix);
  problems_.push_back(std::move(p));
}

void TableInput::bad_row(const DelimitedRow& row, std::size_t field, std::string message, std::string fix) {
  ++bad_rows_;
  const TextPlace at = field < row.places.size() ? row.places[field] : row.start;
  problem(strict_ ? Severity::error : Severity::warning, at.line, at.column, field, std::move(message), std::move(fix));
}

bool TableInput::has_error() const {
  return (strict_ && unlisted_problems_ > 0) ||
         std::any_of(problems_.begin(), problems_.end(),
                     [](const RowProblem& p) { return p.severity == Severity::error; });
}

std::vector<RowProblem> TableInput::take_problems() {
  if (unlisted_problems_ > 0) {
    RowProblem more;
    more.severity = strict_ ? Severity::error : Severity::warning;
    more.message = std::to_string(unlisted_problems_) + " more bad rows not listed";
    problems_.push_back(std::move(more));
    unlisted_problems_ = 0;
  }
  return std::exchange(problems_, {});
}

bool feed_file(const std::string& path, const std::function<void(std::string_view)>& feed) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    feed(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  return true;
}

MineResult unreadable_file() {
  MineResult failed;
  failed.problems.push_back({Severity::error, 0, 0, "", "cannot open the file", "check the path"});
  return failed;
}

std::string scenario_name(std::string_view source) {
  std::string name(source);
  const auto slash = name.find_last_of('/');
  if (slash != std::string::npos) name.erase(0, slash + 1);
  const auto dot = name.find_last_of('.');
  if (dot != std::string::npos && dot > 0) name.erase(dot);
  return name;
}

}  // namespace journeysim::mine::detail
