// Mining a path table (DESIGN section 13), ChannelAttribution's format: one
// row per path, its channels written `a > b > c`, with how many journeys took
// it and converted (total_conversions) or did not (total_null), and
// optionally their conversion value. Read as a stream: memory holds the
// channels and the moves between them, never the rows.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "journeysim/mine/mine_result.hpp"

namespace journeysim::mine {

namespace path_column {
inline constexpr std::string_view path = "path";
inline constexpr std::string_view conversions = "total_conversions";
inline constexpr std::string_view nulls = "total_null";
inline constexpr std::string_view value = "total_conversion_value";  // optional
}  // namespace path_column

struct PathTableOptions {
  char delimiter = 0;  // 0: from the header line (a tab, else a comma, else a semicolon)
  std::uint64_t min_visits = 1;
  bool strict = false;               // bad rows are errors
  std::string source = "paths.csv";  // the file's name, for messages and the description
};

class PathTableMiner {
 public:
  explicit PathTableMiner(PathTableOptions options);
  ~PathTableMiner();
  PathTableMiner(const PathTableMiner&) = delete;
  PathTableMiner& operator=(const PathTableMiner&) = delete;

  void feed(std::string_view bytes);
  MineResult finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

MineResult mine_path_table_text(std::string_view text, const PathTableOptions& options);
// Reads the file in chunks; a file that cannot be read is an error result.
MineResult mine_path_table_file(const std::string& path, PathTableOptions options);

// The channels of a path as ChannelAttribution reads them: split at each
// '>', spaces and tabs around a channel removed, empty ones skipped (so
// `a >> b` and `a >>> b` are `a > b`). Nothing left: an empty path.
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace journeysim::mine
