// JsonDocument: parsing with a position index, duplicate-key detection and a
// depth limit, and friendly messages for JSON syntax errors.
#include "journeysim/graph/json_document.hpp"

#include "journeysim/graph/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cctype>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unordered_set>

namespace journeysim {

namespace {

// A read-only iterator over the text that records how far the parser has read,
// which is how SAX events learn where their token ends.
class CountingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator() = default;
  CountingIterator(const char* at, const char* base, std::size_t* consumed)
      : at_(at), base_(base), consumed_(consumed) {}

  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    *consumed_ = static_cast<std::size_t>(at_ - base_);
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) { return a.at_ == b.at_; }

 private:
  const char* at_ = nullptr;
  const char* base_ = nullptr;
  std::size_t* consumed_ = nullptr;
};

bool is_separator_or_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'; }

std::string describe_byte(unsigned char c) {
  std::ostringstream out;
  if (c >= 0x20 && c < 0x7f) {
    out << "'" << static_cast<char>(c) << "'";
  } else {
    out << "byte 0x" << std::hex << std::uppercase << static_cast<int>(c);
  }
  return out.str();
}

// NaN, Infinity and -Infinity in any capitalisation, which some writers emit.
bool starts_with_non_finite(std::string_view text) {
  std::string head;
  for (char c : text.substr(0, 4)) head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head.rfind("nan", 0) == 0 || head.rfind("inf", 0) == 0 || head.rfind("-inf", 0) == 0 ||
         head.rfind("+inf", 0) == 0;
}

}  // namespace

// Builds the document value and its span index from SAX events.
class DocumentBuilder {
 public:
  DocumentBuilder(JsonDocument& document, Diagnostics& diagnostics) : document_(document), diagnostics_(diagnostics) {}

  std::size_t consumed = 0;  // bytes the parser has read so far

  bool null() { return scalar(nullptr); }
  bool boolean(bool value) { return scalar(value); }
  bool number_integer(Json::number_integer_t value) { return scalar(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return scalar(value); }
  bool number_float(Json::number_float_t value, const Json::string_t&) { return scalar(value); }
  bool string(Json::string_t& value) { return scalar(std::move(value)); }
  bool binary(Json::binary_t&) { return true; }  // not produced by the JSON parser

  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(Json::string_t& name) {
    const std::size_t begin = token_begin();
    last_end_ = consumed;
    Frame& frame = frames_.back();
    frame.pending_key = name;
    frame.pending_key_begin = begin;
    // The object's keys so far, hashed: Json is ordered, and its own look-up
    // scans, which made reading an object quadratic in its width.
    frame.pending_is_duplicate = !frame.keys.insert(name).second;
    if (frame.pending_is_duplicate && frame.indexed) report_duplicate(frame.path, name, begin);
    return true;
  }

  bool parse_error(std::size_t byte, const std::string& last_token, const nlohmann::detail::exception& ex);

 private:
  struct Frame {
    Json* value = nullptr;
    JsonPath path;
    bool indexed = true;  // false inside a duplicate's value, which is read but not kept
    std::size_t begin = 0;
    std::optional<std::size_t> key_begin;
    std::string pending_key;
    std::size_t pending_key_begin = 0;
    bool pending_is_duplicate = false;
    Json discard;                          // where a duplicate key's value goes
    std::unordered_set<std::string> keys;  // of an object, read so far
  };

  // Where the next value goes: its path, and the slot to fill.
  struct Slot {
    JsonPath path;
    Json* target = nullptr;
    bool indexed = true;
    std::optional<std::size_t> key_begin;
  };

  std::size_t token_begin() const {
    std::size_t at = last_end_;
    const std::string& text = document_.text_;
    while (at < text.size() && is_separator_or_space(text[at])) ++at;
    return at;
  }

  Slot next_slot() {
    Slot slot;
    if (frames_.empty()) {
      slot.target = &document_.root_;
      return slot;
    }
    Frame& parent = frames_.back();
    slot.indexed = parent.indexed;
    if (parent.value->is_array()) {
      slot.path = path_index(parent.path, parent.value->size());
      parent.value->push_back(nullptr);
      slot.target = &parent.value->back();
    } else {
      slot.path = path_key(parent.path, parent.pending_key);
      slot.key_begin = parent.pending_key_begin;
      if (parent.pending_is_duplicate) {
        slot.target = &parent.discard;
        slot.indexed = false;
      } else {
        // A new key (duplicates went to `discard`): append it without the
        // ordered map's scan for an existing one.
        Json::object_t& object = parent.value->get_ref<Json::object_t&>();
        object.emplace_back(parent.pending_key, nullptr);
        slot.target = &object.back().second;
      }
    }
    return slot;
  }

  template <class Value>
  bool scalar(Value&& value) {
    const std::size_t begin = token_begin();
    const Slot slot = next_slot();
    *slot.target = std::forward<Value>(value);
    // Numbers are read one character past their end: find the end in the text.
    const std::size_t end = slot.target->is_number() ? number_end(begin) : consumed;
    last_end_ = end;
    if (slot.indexed) document_.spans_[slot.path] = SourceSpan{begin, end, slot.key_begin};
    return true;
  }

  // The end of the number token at `begin`, by JSON's number grammar.
  std::size_t number_end(std::size_t begin) const {
    const std::string& text = document_.text_;
    const auto digit = [&](std::size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; };
    std::size_t at = begin;
    if (at < text.size() && text[at] == '-') ++at;
    if (at < text.size() && text[at] == '0') {
      ++at;
    } else {
      while (digit(at)) ++at;
    }
    if (at < text.size() && text[at] == '.') {
      ++at;
      while (digit(at)) ++at;
    }
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
      ++at;
      if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
      while (digit(at)) ++at;
    }
    return at;
  }

  bool open(Json empty) {
    const std::size_t begin = token_begin();
    last_end_ = consumed;
    if (frames_.size() >= JsonDocument::max_depth) {
      Diagnostic d;
      d.message = "nesting deeper than " + std::to_string(JsonDocument::max_depth) + " levels";
      d.fix = "a scenario needs only a few levels; look for runaway brackets";
      d.byte_offset = begin;
      diagnostics_.add(std::move(d));
      return false;
    }
    const Slot slot = next_slot();
    *slot.target = std::move(empty);
    Frame frame;
    frame.value = slot.target;
    frame.path = slot.path;
    frame.indexed = slot.indexed;
    frame.begin = begin;
    frame.key_begin = slot.key_begin;
    frames_.push_back(std::move(frame));  // a deque: references to open frames stay valid
    return true;
  }

  bool close() {
    const Frame& frame = frames_.back();
    last_end_ = consumed;
    if (frame.indexed) document_.spans_[frame.path] = SourceSpan{frame.begin, consumed, frame.key_begin};
    frames_.pop_back();
    return true;
  }

  void report_duplicate(const JsonPath& object_path, const std::string& name, std::size_t begin) {
    const JsonPath path = path_key(object_path, name);
    std::string where;
    if (const SourceSpan* first = document_.span(path); first && first->key_begin) {
      const TextPosition p = document_.position_of_offset(*first->key_begin);
      where = " (first at line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ")";
    }
    Diagnostic d;
    d.path = path;
    d.message = "duplicate key " + in_quotes(name) + where;
    d.fix = "keep only one: JSON readers disagree on which one counts";
    d.byte_offset = begin;
    diagnostics_.add(std::move(d));
  }

  std::string syntax_message(std::size_t& offset, const std::string& last_token, const nlohmann::detail::exception& ex,
                             std::string& fix) const;
  JsonPath current_path() const;
  std::string word_at(std::size_t at) const;

  JsonDocument& document_;
  Diagnostics& diagnostics_;
  std::deque<Frame> frames_;
  std::size_t last_end_ = 0;
};

bool DocumentBuilder::parse_error(std::size_t byte, const std::string& last_token,
                                  const nlohmann::detail::exception& ex) {
  // nlohmann counts the offending character as read: `byte` is one past it.
  const std::size_t offset = std::min(byte > 0 ? byte - 1 : 0, document_.text_.size());
  Diagnostic d;
  d.path = current_path();
  d.byte_offset = offset;
  d.message = syntax_message(d.byte_offset, last_token, ex, d.fix);
  diagnostics_.add(std::move(d));
  return false;
}

JsonPath DocumentBuilder::current_path() const {
  if (frames_.empty()) return {};
  const Frame& frame = frames_.back();
  if (frame.value->is_array()) return path_index(frame.path, frame.value->size());
  return frame.pending_key.empty() ? frame.path : path_key(frame.path, frame.pending_key);
}

// The unexpected text at `at`: up to the next delimiter, at most 20 characters.
std::string DocumentBuilder::word_at(std::size_t at) const {
  const std::string& text = document_.text_;
  std::size_t end = at;
  while (end < text.size() && end - at < 20 &&
         std::string_view(" \t\r\n,:[]{}\"").find(text[end]) == std::string_view::npos)
    ++end;
  // Never half a character: the word is echoed in a message.
  const std::string_view rest = std::string_view(text).substr(at);
  return std::string(rest.substr(0, std::max<std::size_t>(utf8_prefix(rest, end - at), 1)));
}

std::string DocumentBuilder::syntax_message(std::size_t& offset, const std::string& last_token,
                                            const nlohmann::detail::exception& ex, std::string& fix) const {
  const std::string& text = document_.text_;
  const std::string what = ex.what();
  const std::size_t token = std::min(token_begin(), text.size());
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    fix = "write a scenario: a JSON object with \"entry\", \"touchpoints\" and \"transitions\"";
    return "the file is empty";
  }
  if (ex.id == 406) {
    offset = token;
    fix = "write a number of ordinary size";
    return "number " + last_token + " is too large to represent";
  }
  if (what.find("unexpected end of input") != std::string::npos && offset + 1 >= text.size()) {
    if (!frames_.empty()) {
      const Frame& open = frames_.back();
      const TextPosition p = document_.position_of_offset(open.begin);
      const bool object = open.value->is_object();
      fix = std::string("close it with '") + (object ? "}" : "]") + "', or restore the missing end of the file";
      return std::string("the file ends before the ") + (object ? "object" : "array") + " opened at line " +
             std::to_string(p.line) + ", column " + std::to_string(p.column) + " is closed";
    }
    fix = "restore the missing end of the file";
    return "the file ends in the middle of a value";
  }
  const char here = offset < text.size() ? text[offset] : '\0';
  if (here == '}' || here == ']') {
    std::size_t before = offset;
    while (before > 0 && std::string_view(" \t\r\n").find(text[before - 1]) != std::string_view::npos) --before;
    if (before > 0 && text[before - 1] == ',') {
      offset = before - 1;
      fix = std::string("remove the comma after the last ") + (here == '}' ? "member" : "element");
      return std::string("trailing comma before '") + here + "'";
    }
  }
  if (what.find("UTF-8") != std::string::npos) {
    fix = "save the file as UTF-8 text";
    return "a string holds bytes that are not valid UTF-8";
  }
  const unsigned char first = token < text.size() ? static_cast<unsigned char>(text[token]) : 0;
  if ((first < 0x20 && first != '\t' && first != '\n' && first != '\r') || first >= 0x7f) {
    offset = token;
    fix = "a scenario is a JSON text file: check that this is the right file";
    return "unexpected " + describe_byte(first) + "; this is not JSON text";
  }
  if (starts_with_non_finite(std::string_view(text).substr(token))) {
    offset = token;
    fix = "write a finite number";
    return "JSON has no NaN or Infinity";
  }
  if (first == '\'') {
    offset = token;
    fix = "write strings in double quotes: \"like this\"";
    return "JSON strings need double quotes, not single quotes";
  }
  if (first == '/' || first == '#') {
    offset = token;
    fix = "remove it; notes belong in a \"description\"";
    return "JSON does not allow comments";
  }
  if (what.find("expected end of input") != std::string::npos) {
    offset = token;
    fix = "a scenario file holds one JSON object: remove what follows it, or merge it in";
    return "more text after the end of the scenario";
  }
  if (what.find("invalid literal") != std::string::npos) {
    offset = token;
    fix = "strings need double quotes; the other values are numbers, true, false, null, {...} and [...]";
    return in_quotes(word_at(token)) + " is not a JSON value";
  }
  if (token > 0 && text[token - 1] == '0' && std::isdigit(first) &&
      (token < 2 || std::string_view("0123456789.eE").find(text[token - 2]) == std::string_view::npos)) {
    offset = token - 1;
    fix = "write it without the leading zero";
    return "JSON numbers cannot start with 0";
  }
  if (what.find("expected '}'") != std::string::npos || what.find("expected ']'") != std::string::npos) {
    offset = token;
    const bool object = what.find("expected '}'") != std::string::npos;
    fix = std::string("separate ") + (object ? "members" : "elements") + " with commas";
    return std::string("missing comma (or '") + (object ? "}" : "]") + "') before this";
  }
  if (what.find("expected ':'") != std::string::npos) {
    offset = token;
    fix = "write \"key\": value";
    return "missing ':' after the key";
  }
  if (what.find("expected string literal") != std::string::npos) {
    offset = token;
    fix = "write keys as strings in double quotes: \"key\": value";
    return "expected a key in double quotes";
  }
  // Otherwise nlohmann's own account, without its prefix.
  std::string detail = what;
  if (const std::size_t at = detail.find("syntax error while parsing"); at != std::string::npos) {
    detail = detail.substr(at);
  }
  fix = "check the brackets, commas and quotes around this point";
  return detail;
}

JsonDocument JsonDocument::parse(std::string text, Diagnostics& diagnostics) {
  JsonDocument document;
  document.text_ = std::move(text);
  const std::string& t = document.text_;
  document.line_starts_.push_back(0);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n') document.line_starts_.push_back(i + 1);
  }
  DocumentBuilder builder(document, diagnostics);
  const char* base = t.data();
  const CountingIterator first(base, base, &builder.consumed);
  const CountingIterator last(base + t.size(), base, &builder.consumed);
  const bool complete = Json::sax_parse(first, last, &builder, nlohmann::detail::input_format_t::json, true, false);
  document.valid_ = complete;
  if (!complete) {
    document.root_ = nullptr;
    document.spans_.clear();
  }
  return document;
}

const SourceSpan* JsonDocument::span(const JsonPath& path) const {
  const auto found = spans_.find(path);
  return found == spans_.end() ? nullptr : &found->second;
}

TextPosition JsonDocument::position_of_offset(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto line_it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(line_it - line_starts_.begin());
  const std::size_t line_start = line_starts_[line - 1];
  std::size_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    // Count characters, not bytes: UTF-8 continuation bytes do not start one.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return TextPosition{line, column};
}

std::optional<TextPosition> JsonDocument::position(const JsonPath& path, bool at_key) const {
  JsonPath at = path;
  bool exact = true;
  while (true) {
    if (const SourceSpan* s = span(at)) {
      const std::size_t offset = (at_key && exact && s->key_begin) ? *s->key_begin : s->value_begin;
      return position_of_offset(offset);
    }
    if (at.empty()) return std::nullopt;
    at = parent_path(at);
    exact = false;
  }
}

std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diagnostics) {
  // Refused before reading: memory stays bounded, and a wrong path does not eat it.
  constexpr std::uintmax_t max_bytes = max_scenario_bytes;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    diagnostics.error({}, "this is a folder, not a file", "name a scenario file (.json) inside it");
    return std::nullopt;
  }
  if (const std::uintmax_t size = std::filesystem::file_size(path, ec); !ec && size > max_bytes) {
    diagnostics.error({},
                      "the file is " + std::to_string(size >> 20) + " MiB, more than the " +
                          std::to_string(max_bytes >> 20) + " MiB a scenario may have",
                      "check that this is the right file (a journey of 10^5 touchpoints is about 17 MiB)");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error({}, "cannot open the file: " + std::string(std::strerror(errno)),
                      "check the path and that the file is readable");
    return std::nullopt;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    diagnostics.error({}, "cannot read the file", "check that it is a readable regular file");
    return std::nullopt;
  }
  return contents.str();
}

}  // namespace journeysim
