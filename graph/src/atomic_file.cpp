// Atomic file replacement with a temporary sibling and rename(2).
#include "journeysim/graph/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace journeysim {

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)) {
  // The temporary file must be in the same folder: rename is atomic only within one file system.
  std::string pattern = path_ + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  fd_ = ::mkstemp(name.data());
  if (fd_ < 0) {
    fail("cannot create a temporary file beside " + path_);
    return;
  }
  temporary_ = name.data();
}

AtomicFileWriter::~AtomicFileWriter() { abandon(); }

void AtomicFileWriter::fail(const std::string& what) {
  if (problem_.empty()) problem_ = what + ": " + std::strerror(errno);
  abandon();
}

void AtomicFileWriter::abandon() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
  temporary_.clear();
}

bool AtomicFileWriter::write(std::string_view bytes) {
  if (fd_ < 0) return false;
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write " + temporary_);
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  return true;
}

WriteResult AtomicFileWriter::commit() {
  if (fd_ < 0) return {false, problem_};
  // mkstemp creates the file 0600; give it the permissions a new file would get.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd_, 0666 & ~mask);
  if (::fsync(fd_) != 0) {
    fail("cannot flush " + temporary_);
    return {false, problem_};
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    fail("cannot close " + temporary_);
    return {false, problem_};
  }
  if (::rename(temporary_.c_str(), path_.c_str()) != 0) {
    fail("cannot replace " + path_);
    return {false, problem_};
  }
  temporary_.clear();
  return {};
}

WriteResult write_file_atomically(const std::string& path, std::string_view contents) {
  AtomicFileWriter writer(path);
  writer.write(contents);
  return writer.commit();
}

}  // namespace journeysim
