// Number formatting and quoting for messages and reports.
#include "journeysim/graph/text.hpp"

#include <array>
#include <charconv>

namespace journeysim {

namespace {

// The length of the UTF-8 sequence starting at `at`, or 0 when the bytes there
// are not one (a stray continuation byte, an overlong or cut sequence).
std::size_t utf8_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char first = byte(at);
  std::size_t length = 0;
  if (first < 0x80) return 1;
  if (first >= 0xc2 && first <= 0xdf)
    length = 2;
  else if (first >= 0xe0 && first <= 0xef)
    length = 3;
  else if (first >= 0xf0 && first <= 0xf4)
    length = 4;
  else
    return 0;
  if (at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(at + k) & 0xc0) != 0x80) return 0;
  }
  // Overlong three- and four-byte forms, surrogates and code points past U+10FFFF.
  const unsigned char second = byte(at + 1);
  if ((first == 0xe0 && second < 0xa0) || (first == 0xed && second >= 0xa0) || (first == 0xf0 && second < 0x90) ||
      (first == 0xf4 && second >= 0x90)) {
    return 0;
  }
  return length;
}

void append_hex(std::string& out, const char* prefix, unsigned value, int digits) {
  static constexpr char hex[] = "0123456789abcdef";
  out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += hex[(value >> shift) & 0xf];
}

// Appends `text` with control characters and bytes that are not UTF-8 escaped.
void append_printable(std::string& out, std::string_view text, bool escape_quotes) {
  std::size_t at = 0;
  while (at < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    const std::size_t length = utf8_length(text, at);
    if (length == 0) {
      append_hex(out, "\\x", c, 2);
      ++at;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(at, length));
      at += length;
      continue;
    }
    ++at;
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\r')
      out += "\\r";
    else if (c < 0x20 || c == 0x7f)
      append_hex(out, "\\u", c, 4);
    else if (escape_quotes && (c == '"' || c == '\\'))
      (out += '\\') += static_cast<char>(c);
    else
      out += static_cast<char>(c);
  }
}

}  // namespace

std::string format_number(double value, int significant) {
  std::array<char, 64> buffer{};
  // Shortest round-trip form first; fall back to `significant` digits when that is long.
  auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  std::string text(buffer.data(), result.ptr);
  if (text.size() > static_cast<std::size_t>(significant) + 2) {
    result =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::general, significant);
    text.assign(buffer.data(), result.ptr);
  }
  return text;
}

std::size_t utf8_prefix(std::string_view text, std::size_t limit) {
  if (limit >= text.size()) return text.size();
  std::size_t at = limit;
  // Back off over continuation bytes to the start of the character at `limit`.
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xc0) == 0x80 && limit - at < 3) --at;
  return (static_cast<unsigned char>(text[at]) & 0xc0) == 0x80 ? limit : at;
}

std::string printable(std::string_view text) {
  std::string out;
  append_printable(out, text, false);
  return out;
}

std::string escaped(std::string_view text) {
  std::string out;
  append_printable(out, text, true);
  return out;
}

std::string in_quotes(std::string_view text) {
  constexpr std::size_t longest = 64;  // echoed whole up to this many bytes
  constexpr std::size_t kept = 60;     // else its first bytes, and its length
  const bool shortened = text.size() > longest;
  std::string out = "\"";
  append_printable(out, shortened ? text.substr(0, utf8_prefix(text, kept)) : text, true);
  if (!shortened) return out + "\"";
  return out + "...\" (" + std::to_string(text.size()) + " bytes)";
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
  for (unsigned char c : bytes) out += "\\x" + hex_byte(c);
}

}  // namespace

std::string hex_byte(unsigned char byte) {
  constexpr char hex[] = "0123456789ABCDEF";
  return {hex[byte >> 4], hex[byte & 0xF]};
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text.substr(i));
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

std::string printable_text(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::size_t length = utf8_sequence_length(bytes.substr(i));
    const std::string_view sequence = bytes.substr(i, length == 0 ? 1 : length);
    const auto lead = static_cast<unsigned char>(sequence[0]);
    const bool control =
        lead < 0x20 || lead == 0x7F || (lead == 0xC2 && length == 2 && static_cast<unsigned char>(sequence[1]) <= 0x9F);
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
