// Reading CSV and TSV text (RFC 4180: fields in double quotes may hold the
// delimiter, line breaks and doubled quotes) as a stream of rows, each field
// with the line and column where it starts. A pure function over bytes: feed
// it chunks of any size, in order, and it calls back once per complete row,
// so memory holds one row, never the file.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim::mine {

struct TextPlace {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes
};

// One row as read. `problem` is set when the row is malformed (a quote inside
// an unquoted field, text after a closing quote, a quote left open at the end
// of the input); the fields are then what could be read.
struct DelimitedRow {
  std::vector<std::string> fields;
  std::vector<TextPlace> places;  // where each field starts
  TextPlace start;                // where the row starts
  std::string problem;            // empty for a well-formed row
  TextPlace problem_place;
};

class DelimitedReader {
 public:
  using RowCallback = std::function<void(const DelimitedRow&)>;

  DelimitedReader(char delimiter, RowCallback on_row);

  void feed(std::string_view bytes);
  // The input has ended: delivers a last row without a line break.
  void finish();

  // Rows delivered so far (blank lines are skipped and not counted).
  std::size_t rows() const { return rows_; }

 private:
  enum class State { field_start, unquoted, quoted, quote_in_quoted, after_carriage_return };
  void byte(char c);
  void end_field();
  void end_row();
  void fail(std::string problem);

  char delimiter_;
  RowCallback on_row_;
  State state_ = State::field_start;
  DelimitedRow row_;
  std::string field_;
  std::size_t field_count_ = 0;  // fields of this row so far
  TextPlace here_;               // the place of the next byte
  TextPlace quote_opened_;       // where the open quote of this field is
  bool row_has_content_ = false;
  bool cr_after_quote_ = false;  // the pending \r followed a closing quote
  std::size_t rows_ = 0;
};

// The delimiter of a header line: a tab if it holds one; else a comma, unless
// it holds semicolons and no comma (a spreadsheet saved where the decimal
// separator is a comma).
char detect_delimiter(std::string_view header_line);

}  // namespace journeysim::mine
