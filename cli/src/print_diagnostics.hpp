// Printing a file's diagnostics, one per line, errors and warnings alike.
#pragma once

#include <iosfwd>
#include <string>

#include "journeysim/graph/scenario_loader.hpp"

namespace journeysim::cli {

void print_diagnostics(const LoadResult& loaded, const std::string& file, std::ostream& err);

// "2 errors, 1 warning"
std::string count_summary(const Diagnostics& diagnostics);

}  // namespace journeysim::cli
