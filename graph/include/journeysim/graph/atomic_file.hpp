// Writing files so that a reader never sees half of one: write a temporary
// file beside the target, flush it to disk, then rename it over the target.
#pragma once

#include <string>
#include <string_view>

namespace journeysim {

struct WriteResult {
  bool ok = true;
  std::string problem;  // what went wrong, when !ok
};

WriteResult write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace journeysim
