// Atomic file replacement with a temporary sibling and rename(2).
#include "journeysim/graph/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace journeysim {

WriteResult write_file_atomically(const std::string& path, std::string_view contents) {
  const auto fail = [](const std::string& what) { return WriteResult{false, what + ": " + std::strerror(errno)}; };
  // The temporary file must be in the same folder: rename is atomic only within one file system.
  std::string pattern = path + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return fail("cannot create a temporary file beside " + path);
  const std::string temporary(name.data());
  const auto abandon = [&](const std::string& what) {
    WriteResult result = fail(what);
    ::close(fd);
    ::unlink(temporary.c_str());
    return result;
  };
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon("cannot write " + temporary);
    }
    written += static_cast<std::size_t>(n);
  }
  // mkstemp creates the file 0600; give it the permissions a new file would get.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::fsync(fd) != 0) return abandon("cannot flush " + temporary);
  if (::close(fd) != 0) {
    WriteResult result = fail("cannot close " + temporary);
    ::unlink(temporary.c_str());
    return result;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    WriteResult result = fail("cannot replace " + path);
    ::unlink(temporary.c_str());
    return result;
  }
  return {};
}

}  // namespace journeysim
