// Small text helpers shared by messages and reports: numbers without noise,
// quoted names, and any bytes made into printable UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace journeysim {

// A number as people write it: shortest form, at most `significant` digits,
// no locale ("0.3", "1e-05", "120000").
std::string format_number(double value, int significant = 12);

// "name" for a message: quotes and backslashes escaped as in JSON, control
// characters too (\n, \u001b: a diagnostic stays one line and nothing reaches
// the terminal raw), bytes that are not UTF-8 as \xff; past 64 bytes, its
// first 60 and its length: "xxx..." (1000000 bytes).
std::string in_quotes(std::string_view text);

// `bytes` as valid, printable UTF-8: every byte that is not part of a valid
// UTF-8 sequence, and every control character (C0, DEL, C1), becomes the text
// \xHH. Valid text without control characters comes back unchanged. For names
// taken from outside the scenario (a file name holds any bytes but / and NUL).
std::string printable_text(std::string_view bytes);

// `text` with control characters and bytes that are not UTF-8 escaped as
// in_quotes escapes them, quotes left as they are.
std::string printable(std::string_view text);

// `text` escaped as in_quotes escapes it, whole and without the quotes.
std::string escaped(std::string_view text);

// The offset of the first byte of `text` that is not part of a valid UTF-8
// sequence (RFC 3629: no overlong forms, surrogates or code points past
// U+10FFFF), or nothing when all of it is UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// `byte` as two upper-case hex digits: "FF".
std::string hex_byte(unsigned char byte);

// The length of the longest prefix of `text` of at most `limit` bytes that
// does not end inside a UTF-8 sequence.
std::size_t utf8_prefix(std::string_view text, std::size_t limit);

}  // namespace journeysim
