// Diagnostics: collecting them, and the one place that formats them.
#include "journeysim/graph/diagnostics.hpp"

#include <algorithm>

#include "journeysim/graph/json_document.hpp"

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
    // Keys that are not identifiers are quoted, so the path stays unambiguous.
    std::string quoted = "[\"";
    for (char c : key) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return parent + quoted + "\"]";
  }
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

JsonPath path_index(const JsonPath& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

JsonPath parent_path(const JsonPath& path) {
  if (path.empty()) return {};
  if (path.back() == ']') {
    const bool quoted = path.size() >= 2 && path[path.size() - 2] == '"';
    const std::size_t open = quoted ? path.rfind("[\"") : path.rfind('[');
    return open == std::string::npos ? JsonPath{} : path.substr(0, open);
  }
  const std::size_t dot = path.find_last_of(".]");
  if (dot == std::string::npos) return {};
  return path[dot] == ']' ? path.substr(0, dot + 1) : path.substr(0, dot);
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

std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view file, const JsonDocument* document) {
  std::string out(file);
  std::optional<TextPosition> where;
  if (document) {
    where = diagnostic.byte_offset != Diagnostic::npos ? document->position_of_offset(diagnostic.byte_offset)
                                                        : document->position(diagnostic.path, diagnostic.at_key);
  }
  if (where) out += ":" + std::to_string(where->line) + ":" + std::to_string(where->column);
  out += diagnostic.severity == Severity::error ? ": error: " : ": warning: ";
  if (document || !diagnostic.path.empty()) out += (diagnostic.path.empty() ? std::string("$") : diagnostic.path) + ": ";
  out += diagnostic.message;
  if (!diagnostic.fix.empty()) out += "; " + diagnostic.fix;
  return out;
}

}  // namespace journeysim
