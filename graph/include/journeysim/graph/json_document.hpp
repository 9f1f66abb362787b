// JsonDocument: a parsed JSON text that remembers where every key and value
// stands in it, so that any later check can point at a line and column.
//
// nlohmann_json reports positions for syntax errors only, silently keeps the
// last of duplicate keys and has no depth limit, so the document is built by
// our own SAX handler over a byte-counting input (DESIGN section 2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "journeysim/graph/diagnostics.hpp"

namespace journeysim {

using Json = nlohmann::ordered_json;

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in characters (UTF-8 code points)
};

// Where one value (and, for object members, its key) stands in the text.
struct SourceSpan {
  std::size_t value_begin = 0;  // byte offsets, end exclusive
  std::size_t value_end = 0;
  std::optional<std::size_t> key_begin;
};

class JsonDocument {
 public:
  // Deeper nesting than this is refused: no scenario needs it, and every
  // recursive walk over a document can then rely on a small bound.
  static constexpr std::size_t max_depth = 64;

  // Parses `text`. Syntax errors, duplicate keys and excessive nesting are
  // reported in `diagnostics`; the returned document holds what could be read
  // (its root is null when the text is not valid JSON).
  static JsonDocument parse(std::string text, Diagnostics& diagnostics);

  const std::string& text() const { return text_; }
  const Json& root() const { return root_; }
  bool valid() const { return valid_; }

  // The span of the value at `path`, if the path names one in this text.
  const SourceSpan* span(const JsonPath& path) const;
  TextPosition position_of_offset(std::size_t offset) const;
  // Where a diagnostic at `path` should point: the value, or its key, or the
  // nearest enclosing value the text has (a missing key points at its object).
  std::optional<TextPosition> position(const JsonPath& path, bool at_key = false) const;

 private:
  friend class DocumentBuilder;
  std::string text_;
  Json root_;
  bool valid_ = false;
  std::map<JsonPath, SourceSpan> spans_;
  std::vector<std::size_t> line_starts_;
};

// The largest file read_text_file reads. A loaded scenario holds about 30
// times its size (the text, the tree, the position of every value, the
// model), so this bounds a load's memory to about 2 GB; a journey of 10^5
// touchpoints is about 17 MiB of JSON.
inline constexpr std::uintmax_t max_scenario_bytes = std::uintmax_t{64} << 20;

// Reads a whole file. An unreadable file, or one larger than
// max_scenario_bytes, is reported as a diagnostic.
std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diagnostics);

}  // namespace journeysim
