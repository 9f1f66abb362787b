// Writing HTML and SVG as well-formed XML (XHTML5 polyglot markup): every
// element closed, every attribute quoted, every piece of text escaped. The
// report is checked by an XML parser in its tests, so a scenario string such
// as `<script>` can only ever come out as text.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim::report {

// Text for element content or an attribute value: &, <, >, " and ' escaped;
// bytes that are not valid UTF-8, and control characters XML does not allow,
// become U+FFFD, so any input gives a document a parser accepts.
std::string escape(std::string_view text);

// A number for an SVG coordinate or length: fixed, at most two decimals, no
// exponent and no "-0" (the same figure prints the same bytes everywhere).
std::string coordinate(double x);

using Attributes = std::initializer_list<std::pair<std::string_view, std::string>>;

// Builds markup in one string. open/close nest; element() writes a whole
// element with escaped text; raw() appends markup made elsewhere.
class Markup {
 public:
  Markup& open(std::string_view tag, Attributes attributes = {});
  Markup& close(std::string_view tag);
  Markup& element(std::string_view tag, std::string_view text, Attributes attributes = {});
  // <tag ... />: only for HTML void elements (meta, br) and SVG shapes; an
  // HTML parser reads <span/> as an open span.
  Markup& empty(std::string_view tag, Attributes attributes = {});
  Markup& text(std::string_view text);
  Markup& raw(std::string_view markup);
  Markup& newline();

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void start_tag(std::string_view tag, Attributes attributes);
  std::string out_;
};

}  // namespace journeysim::report
