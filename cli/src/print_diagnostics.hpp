// Printing a file's diagnostics, one per line, errors and warnings alike.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "journeysim/graph/scenario_loader.hpp"

namespace journeysim::cli {

// The file's name is printed as printable UTF-8 (see printable_text).
void print_diagnostics(const LoadResult& loaded, const std::string& file, std::ostream& err);

// "1 touchpoint", "3 touchpoints"
std::string plural(std::size_t n, std::string_view one, std::string_view many);

// "2 errors, 1 warning"
std::string count_summary(const Diagnostics& diagnostics);

}  // namespace journeysim::cli
