// Diagnostics: collecting them, and the one place that formats them.
#include "journeysim/graph/diagnostics.hpp"

#include <algorithm>
#include <tuple>

#include "journeysim/graph/json_document.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim {

namespace {

bool is_plain_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
  });
}

}  // namespace

JsonPath path_key(const JsonPath& parent, std::string_view key) {
  if (!is_plain_key(key)) {
    // Keys that are not identifiers are quoted, so the path stays unambiguous,
    // and escaped, so it stays one printable line.
    return parent + "[\"" + escaped(key) + "\"]";
  }
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

JsonPath path_index(const JsonPath& parent, std::size_t index) { return parent + "[" + std::to_string(index) + "]"; }

JsonPath parent_path(const JsonPath& path) {
  // Scan forward: a quoted key may itself hold '[', '.' or '"' (escaped).
  std::size_t last_segment = 0;
  std::size_t at = 0;
  while (at < path.size()) {
    last_segment = at;
    if (path[at] == '[') {
      if (at + 1 < path.size() && path[at + 1] == '"') {
        at += 2;
        while (at < path.size() && path[at] != '"') at += path[at] == '\\' ? 2 : 1;
        at += 2;  // the closing quote and bracket
      } else {
        at = path.find(']', at);
        at = at == std::string::npos ? path.size() : at + 1;
      }
    } else {
      if (path[at] == '.') ++at;
      while (at < path.size() && path[at] != '.' && path[at] != '[') ++at;
    }
  }
  return path.substr(0, last_segment);
}

void Diagnostics::error(JsonPath path, std::string message, std::string fix) {
  add(Diagnostic{Severity::error, std::move(path), std::move(message), std::move(fix)});
}

void Diagnostics::warning(JsonPath path, std::string message, std::string fix) {
  add(Diagnostic{Severity::warning, std::move(path), std::move(message), std::move(fix)});
}

void Diagnostics::add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::optional<TextPosition> diagnostic_position(const Diagnostic& diagnostic, const JsonDocument* document) {
  if (!document) return std::nullopt;
  if (diagnostic.byte_offset != Diagnostic::npos) return document->position_of_offset(diagnostic.byte_offset);
  return document->position(diagnostic.path, diagnostic.at_key);
}

std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view file, const JsonDocument* document) {
  std::string out(file);
  const std::optional<TextPosition> where = diagnostic_position(diagnostic, document);
  if (where) out += ":" + std::to_string(where->line) + ":" + std::to_string(where->column);
  out += diagnostic.severity == Severity::error ? ": error: " : ": warning: ";
  // One line, whatever a message echoes: messages quote what they echo
  // (in_quotes), and anything raw left is escaped here. A path holds keys
  // whole, so a huge key is cut when printed.
  constexpr std::size_t longest_path = 200;
  std::string path = diagnostic.path.empty() ? std::string("$") : diagnostic.path;
  if (path.size() > longest_path) path = path.substr(0, utf8_prefix(path, longest_path - 3)) + "...";
  if (document || !diagnostic.path.empty()) out += printable(path) + ": ";
  out += printable(diagnostic.message);
  if (!diagnostic.fix.empty()) out += "; " + printable(diagnostic.fix);
  return out;
}

std::vector<std::string> format_diagnostics(const Diagnostics& diagnostics, std::string_view file,
                                            const JsonDocument* document) {
  struct Line {
    std::size_t line, column;
    std::string text;
  };
  std::vector<Line> lines;
  for (const Diagnostic& d : diagnostics.all()) {
    const std::optional<TextPosition> where = diagnostic_position(d, document);
    lines.push_back({where ? where->line : 0, where ? where->column : 0, format_diagnostic(d, file, document)});
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  std::vector<std::string> texts;
  texts.reserve(lines.size());
  for (Line& line : lines) texts.push_back(std::move(line.text));
  return texts;
}

}  // namespace journeysim
