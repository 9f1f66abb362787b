// Diagnostics: what is wrong with an input, where (a JSON path resolved to
// line:column through the document's position index) and how to fix it.
// Library code collects these as values; only front ends print them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim {

class JsonDocument;

enum class Severity { error, warning };

// A place in a JSON document, written the way people read it:
// `transitions[3].p`, `touchpoints[0].dwell.median`; empty means the whole document.
using JsonPath = std::string;

JsonPath path_key(const JsonPath& parent, std::string_view key);
JsonPath path_index(const JsonPath& parent, std::size_t index);
// The enclosing path: `transitions[3].p` -> `transitions[3]` -> `transitions` -> ``.
JsonPath parent_path(const JsonPath& path);

struct Diagnostic {
  Severity severity = Severity::error;
  JsonPath path;                   // where; resolved to line:column when formatted
  std::string message;             // what is wrong
  std::string fix;                 // what to do; may be empty when the message says it all
  bool at_key = false;             // point at the key rather than its value (unknown or duplicate keys)
  std::size_t byte_offset = npos;  // set when known directly (syntax errors), overrides the path

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

class Diagnostics {
 public:
  // `fix` says what to do (DESIGN section 10: "; what to do"): required, so
  // that no diagnostic is added without one.
  void error(JsonPath path, std::string message, std::string fix);
  void warning(JsonPath path, std::string message, std::string fix);
  void add(Diagnostic diagnostic);
  void append(const Diagnostics& other);

  bool has_errors() const;
  std::size_t error_count() const;
  const std::vector<Diagnostic>& all() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

struct TextPosition;

// Where in the document a diagnostic points, when the document can place it.
std::optional<TextPosition> diagnostic_position(const Diagnostic& diagnostic, const JsonDocument* document);

// `FILE:LINE:COL: error: PATH: message; fix` (DESIGN section 10). LINE:COL is
// left out when the document cannot place it; PATH is `$` for the whole document.
std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view file, const JsonDocument* document);

// Every diagnostic formatted as above, in file order (as compilers print
// them: the first line is the first thing to fix); those the document cannot
// place keep their order, first.
std::vector<std::string> format_diagnostics(const Diagnostics& diagnostics, std::string_view file,
                                            const JsonDocument* document);

}  // namespace journeysim
