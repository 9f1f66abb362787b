// Small text helpers shared by messages and reports: numbers without noise,
// quoted names.
#pragma once

#include <string>
#include <string_view>

namespace journeysim {

// A number as people write it: shortest form, at most `significant` digits,
// no locale ("0.3", "1e-05", "120000").
std::string format_number(double value, int significant = 12);

// "name" with JSON-style escaping of quotes and backslashes.
std::string in_quotes(std::string_view text);

}  // namespace journeysim
