// Small text helpers shared by messages and reports: numbers without noise,
// quoted names, and any bytes made into printable UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace journeysim {

// A number as people write it: shortest form, at most `significant` digits,
// no locale ("0.3", "1e-05", "120000").
std::string format_number(double value, int significant = 12);

// "name" with JSON-style escaping of quotes and backslashes.
std::string in_quotes(std::string_view text);

// `bytes` as valid, printable UTF-8: every byte that is not part of a valid
// UTF-8 sequence, and every control character (C0, DEL, C1), becomes the text
// \xHH. Valid text without control characters comes back unchanged. For names
// taken from outside the scenario (a file name holds any bytes but / and NUL).
std::string printable_text(std::string_view bytes);

}  // namespace journeysim
