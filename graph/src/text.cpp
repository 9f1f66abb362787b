// Number formatting and quoting for messages and reports.
#include "journeysim/graph/text.hpp"

#include <array>
#include <charconv>

namespace journeysim {

std::string format_number(double value, int significant) {
  std::array<char, 64> buffer{};
  // Shortest round-trip form first; fall back to `significant` digits when that is long.
  auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  std::string text(buffer.data(), result.ptr);
  if (text.size() > static_cast<std::size_t>(significant) + 2) {
    result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::general,
                           significant);
    text.assign(buffer.data(), result.ptr);
  }
  return text;
}

std::string in_quotes(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace journeysim

namespace journeysim {

namespace {

// The length of the valid UTF-8 sequence starting at text[0], or 0 when it is
// not one (a stray continuation byte, a cut or overlong sequence, a surrogate,
// a code point past U+10FFFF). RFC 3629's table of well-formed sequences.
std::size_t utf8_sequence_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](std::size_t i, unsigned char low = 0x80, unsigned char high = 0xBF) {
    return i < text.size() && byte(i) >= low && byte(i) <= high;
  };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;   // no overlong forms
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

void append_escaped_bytes(std::string& out, std::string_view bytes) {
  constexpr char hex[] = "0123456789ABCDEF";
  for (unsigned char c : bytes) {
    out += "\\x";
    out += hex[c >> 4];
    out += hex[c & 0xF];
  }
}

}  // namespace

std::string printable_text(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::size_t length = utf8_sequence_length(bytes.substr(i));
    const std::string_view sequence = bytes.substr(i, length == 0 ? 1 : length);
    const auto lead = static_cast<unsigned char>(sequence[0]);
    const bool control = lead < 0x20 || lead == 0x7F ||
                         (lead == 0xC2 && length == 2 && static_cast<unsigned char>(sequence[1]) <= 0x9F);
    if (length == 0 || control) {
      append_escaped_bytes(out, sequence);
    } else {
      out += sequence;
    }
    i += sequence.size();
  }
  return out;
}

}  // namespace journeysim
