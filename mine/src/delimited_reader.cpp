// The RFC 4180 state machine behind DelimitedReader, one byte at a time so
// that a chunk boundary can fall anywhere (inside a quoted field, between the
// \r and \n of a line end).
#include "journeysim/mine/delimited_reader.hpp"

#include <utility>

namespace journeysim::mine {

DelimitedReader::DelimitedReader(char delimiter, RowCallback on_row)
    : delimiter_(delimiter), on_row_(std::move(on_row)) {}

void DelimitedReader::feed(std::string_view bytes) {
  const char* at = bytes.data();
  const char* const end = at + bytes.size();
  while (at < end) {
    if (state_ == State::unquoted) {
      // The common case in bulk: a run of ordinary bytes inside an unquoted field.
      const char* run = at;
      while (run < end && *run != delimiter_ && *run != '\n' && *run != '\r' && *run != '"') ++run;
      field_.append(at, run);
      here_.column += static_cast<std::size_t>(run - at);
      at = run;
      if (at == end) break;
    }
    byte(*at++);
  }
}

void DelimitedReader::finish() {
  if (state_ == State::quoted) {
    fail("the quote opened at line " + std::to_string(quote_opened_.line) + ", column " +
         std::to_string(quote_opened_.column) + " is never closed");
  }
  if (state_ == State::after_carriage_return && !cr_after_quote_) field_ += '\r';
  if (row_has_content_) {
    end_field();
    end_row();
  }
}

void DelimitedReader::fail(std::string problem) {
  if (!row_.problem.empty()) return;  // the first problem of a row is the one to fix
  row_.problem = std::move(problem);
  row_.problem_place = here_;
}

void DelimitedReader::end_field() {
  // An empty last field ended by the end of the input never saw a byte of its own.
  if (row_.places.size() <= field_count_) row_.places.push_back(here_);
  // Strings are swapped in and out of the row so that their buffers are
  // reused from row to row.
  if (field_count_ < row_.fields.size()) {
    row_.fields[field_count_].swap(field_);
  } else {
    row_.fields.push_back(std::move(field_));
  }
  ++field_count_;
  field_.clear();
  state_ = State::field_start;
}

void DelimitedReader::end_row() {
  if (row_has_content_) {
    ++rows_;
    row_.fields.resize(field_count_);
    on_row_(row_);
  }
  field_count_ = 0;
  row_.places.clear();
  row_.problem.clear();
  row_has_content_ = false;
  state_ = State::field_start;
}

void DelimitedReader::byte(char c) {
  if (state_ == State::after_carriage_return) {
    if (c == '\n') {
      end_field();
      end_row();
      ++here_.line;
      here_.column = 1;
      return;
    }
    // A lone \r is an ordinary character of an unquoted field.
    if (cr_after_quote_) {
      fail("text after a closing quote; put the whole field in quotes, or double the quote (\"\") inside it");
    }
    field_ += '\r';
    state_ = State::unquoted;
  }
  if (!row_has_content_ && c != '\n' && c != '\r') {
    row_has_content_ = true;
    row_.start = here_;
  }
  switch (state_) {
    case State::field_start:
      row_.places.push_back(here_);
      if (c == '"') {
        quote_opened_ = here_;
        state_ = State::quoted;
      } else if (c == delimiter_) {
        end_field();
      } else if (c == '\n') {
        if (row_has_content_) end_field();
        end_row();
      } else if (c == '\r') {
        cr_after_quote_ = false;
        state_ = State::after_carriage_return;
      } else {
        field_ += c;
        state_ = State::unquoted;
      }
      break;
    case State::unquoted:
      if (c == delimiter_) {
        end_field();
      } else if (c == '\n') {
        end_field();
        end_row();
      } else if (c == '\r') {
        cr_after_quote_ = false;
        state_ = State::after_carriage_return;
      } else {
        if (c == '"')
          fail("a quote inside an unquoted field; put the whole field in quotes and double the quote (\"\")");
        field_ += c;
      }
      break;
    case State::quoted:
      if (c == '"') {
        state_ = State::quote_in_quoted;
      } else {
        field_ += c;
      }
      break;
    case State::quote_in_quoted:
      if (c == '"') {
        field_ += '"';
        state_ = State::quoted;
      } else if (c == delimiter_) {
        end_field();
      } else if (c == '\n') {
        end_field();
        end_row();
      } else if (c == '\r') {
        cr_after_quote_ = true;
        state_ = State::after_carriage_return;
      } else {
        fail("text after a closing quote; put the whole field in quotes, or double the quote (\"\") inside it");
        field_ += c;
        state_ = State::unquoted;
      }
      break;
    case State::after_carriage_return: break;  // handled above
  }
  if (c == '\n') {
    ++here_.line;
    here_.column = 1;
  } else {
    ++here_.column;
  }
}

char detect_delimiter(std::string_view header_line) {
  if (header_line.find('\t') != std::string_view::npos) return '\t';
  if (header_line.find(',') == std::string_view::npos && header_line.find(';') != std::string_view::npos) return ';';
  return ',';
}

}  // namespace journeysim::mine
