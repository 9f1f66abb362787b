// Atomic file replacement with a temporary sibling and rename(2), keeping
// what the replaced file was: its mode, its owner, a link's target, a device.
#include "journeysim/graph/atomic_file.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <optional>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace journeysim {

namespace {

constexpr std::size_t chunk_bytes = std::size_t{1} << 20;  // how often a write looks at the cancel flag
constexpr int max_link_hops = 40;                          // as the kernel's ELOOP limit

WriteResult failure(std::string problem, std::string fix) { return {false, false, std::move(problem), std::move(fix)}; }

WriteResult system_failure(const std::string& what, int error) {
  std::string fix = "check the path and try again";
  if (error == ENOSPC || error == EDQUOT) fix = "free some space on that disk, or write to another one";
  if (error == EACCES || error == EPERM) fix = "write to a folder you may write to, or change its permissions";
  if (error == EROFS) fix = "write to a disk that is not mounted read-only";
  if (error == ENOENT || error == ENOTDIR) fix = "create the folder first, or name one that exists";
  if (error == ENAMETOOLONG) fix = "use a shorter name";
  if (error == ELOOP) fix = "fix the symbolic links (they form a loop)";
  return failure(what + ": " + std::strerror(error), std::move(fix));
}

WriteResult cancelled() { return {false, true, "cancelled; nothing was written", ""}; }

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string name_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The file a path finally names: symbolic links are followed (relative ones
// from their own folder), so replacing the file does not replace the link.
struct Target {
  std::string path;
  std::optional<struct stat> existing;  // nullopt: no such file yet
};

std::optional<WriteResult> resolve(const std::string& path, Target& target) {
  target.path = path;
  for (int hop = 0; hop <= max_link_hops; ++hop) {
    struct stat info {};
    if (::lstat(target.path.c_str(), &info) != 0) {
      if (errno != ENOENT) return system_failure("cannot look at " + target.path, errno);
      struct stat folder {};
      if (::stat(folder_of(target.path).c_str(), &folder) != 0) {
        return system_failure("cannot write " + path + ": its folder " + folder_of(target.path), errno);
      }
      return std::nullopt;  // a new file
    }
    if (!S_ISLNK(info.st_mode)) {
      target.existing = info;
      return std::nullopt;
    }
    std::string link(static_cast<std::size_t>(info.st_size > 0 ? info.st_size : PATH_MAX) + 1, '\0');
    const ssize_t length = ::readlink(target.path.c_str(), link.data(), link.size());
    if (length < 0) return system_failure("cannot read the link " + target.path, errno);
    link.resize(static_cast<std::size_t>(length));
    target.path = link.front() == '/' ? link : folder_of(target.path) + "/" + link;
  }
  return system_failure("cannot follow " + path, ELOOP);
}

std::optional<WriteResult> refuse_existing(const std::string& path, const struct stat& info) {
  if (S_ISDIR(info.st_mode)) return failure(path + " is a folder", "name a file to write, not a folder");
  // Read-only by its mode, or not writable for us. The mode is checked too
  // because root may write anything: a file someone made read-only is
  // refused all the same, as editors do.
  if (S_ISREG(info.st_mode) &&
      ((info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || ::access(path.c_str(), W_OK) != 0)) {
    return failure(path + " is read-only",
                   "make it writable (chmod u+w) if it should be replaced, or write to another file");
  }
  return std::nullopt;
}

// Writes everything to `fd`, a chunk at a time so that `cancel` is seen.
std::optional<WriteResult> write_all(int fd, const std::string& name, std::string_view contents,
                                     const std::atomic<bool>* cancel) {
  std::size_t written = 0;
  while (written < contents.size()) {
    if (cancel && cancel->load()) return cancelled();
    const std::size_t chunk = std::min(chunk_bytes, contents.size() - written);
    const ssize_t n = ::write(fd, contents.data() + written, chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      return system_failure("cannot write " + name, errno);
    }
    written += static_cast<std::size_t>(n);
  }
  return std::nullopt;
}

// The temporary file's name: the target's, then .tmp-XXXXXX, the target's
// part shortened so that the whole stays within the folder's name limit.
std::string temporary_name(const std::string& folder, const std::string& name, std::mt19937_64& random) {
  constexpr std::string_view suffix = ".tmp-";
  constexpr std::size_t random_chars = 6;
  const long limit = ::pathconf(folder.c_str(), _PC_NAME_MAX);
  const std::size_t name_max = limit > 0 ? static_cast<std::size_t>(limit) : NAME_MAX;
  const std::size_t kept = std::min(name.size(), name_max - suffix.size() - random_chars);
  constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string out = (folder == "/" ? "" : folder) + "/" + name.substr(0, kept) + std::string(suffix);
  for (std::size_t i = 0; i < random_chars; ++i) out += alphabet[random() % (sizeof alphabet - 1)];
  return out;
}

}  // namespace

WriteResult check_writable(const std::string& path) {
  Target target;
  if (auto problem = resolve(path, target)) return *problem;
  if (target.existing) {
    if (auto problem = refuse_existing(path, *target.existing)) return *problem;
  } else if (::access(folder_of(target.path).c_str(), W_OK) != 0) {
    return system_failure("cannot create " + path, errno);
  }
  return {};
}

AtomicFileWriter::AtomicFileWriter(std::string path, const std::atomic<bool>* cancel)
    : path_(std::move(path)), cancel_(cancel) {
  Target target;
  if (auto problem = resolve(path_, target)) {
    fail(*problem);
    return;
  }
  target_ = target.path;
  if (target.existing) {
    if (auto problem = refuse_existing(path_, *target.existing)) {
      fail(*problem);
      return;
    }
    if (!S_ISREG(target.existing->st_mode)) {
      // A device, a pipe or a socket is written as it is: there is nothing to
      // rename over, and a reader of a pipe sees the bytes as they come anyway.
      fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
      if (fd_ < 0) fail(system_failure("cannot open " + target_, errno));
      return;
    }
  }
  // The temporary file must be in the same folder: rename is atomic only
  // within one file system. O_EXCL with a random name is mkstemp without its
  // mode 0600: the kernel applies the umask, as for any new file.
  const std::string folder = folder_of(target_);
  std::mt19937_64 random(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
                         (static_cast<std::uint64_t>(::getpid()) << 32));
  int last_error = EEXIST;
  for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
    const std::string name = temporary_name(folder, name_of(target_), random);
    fd_ = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) temporary_ = name;
    last_error = errno;
    if (fd_ < 0 && errno != EEXIST) break;
  }
  if (fd_ < 0) {
    fail(system_failure("cannot create a temporary file beside " + path_, last_error));
    return;
  }
  if (target.existing) {
    // The replacement is the same file to everyone else: same mode, same owner.
    const struct stat& old = *target.existing;
    struct stat mine {};
    ::fstat(fd_, &mine);
    if ((mine.st_uid != old.st_uid || mine.st_gid != old.st_gid) && ::fchown(fd_, old.st_uid, old.st_gid) != 0) {
      fail(journeysim::failure("cannot replace " + path_ + " without changing its owner (it belongs to another user)",
                               "write to another file, or ask its owner to replace it"));
      return;
    }
    if (::fchmod(fd_, old.st_mode & 07777) != 0) fail(system_failure("cannot set the mode of " + temporary_, errno));
  }
}

AtomicFileWriter::~AtomicFileWriter() { abandon(); }

void AtomicFileWriter::fail(WriteResult failure) {
  if (failure_.ok) failure_ = std::move(failure);
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
  if (auto problem = write_all(fd_, temporary_.empty() ? target_ : temporary_, bytes, cancel_)) {
    fail(*problem);
    return false;
  }
  return true;
}

WriteResult AtomicFileWriter::commit() {
  if (fd_ < 0) return failure_;
  if (cancel_ && cancel_->load()) {
    fail(cancelled());
    return failure_;
  }
  if (temporary_.empty()) {  // written in place
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(system_failure("cannot write " + target_, errno));
    return failure_;
  }
  if (::fsync(fd_) != 0) {
    fail(system_failure("cannot write " + path_, errno));
    return failure_;
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    fail(system_failure("cannot write " + path_, errno));
    return failure_;
  }
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    fail(system_failure("cannot replace " + path_, errno));
    return failure_;
  }
  temporary_.clear();
  return failure_;
}

WriteResult write_file_atomically(const std::string& path, std::string_view contents, const std::atomic<bool>* cancel) {
  AtomicFileWriter writer(path, cancel);
  writer.write(contents);
  return writer.commit();
}

}  // namespace journeysim
