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
