// Writing files so that a reader never sees half of one: write a temporary
// file beside the target, flush it to disk, then rename it over the target.
// The replacement keeps the old file's mode and owner; a symbolic link is
// followed to the file it names; a device or pipe (/dev/stdout, /dev/full) is
// written in place, since renaming over it would replace it by a plain file.
#pragma once

#include <atomic>
#include <string>
#include <string_view>

namespace journeysim {

struct WriteResult {
  bool ok = true;
  bool cancelled = false;  // stopped by the cancel flag: nothing was written
  std::string problem;     // what went wrong, when !ok
  std::string fix;         // what to do about it
};

// Why `path` cannot be written (a folder, a read-only file, a missing
// folder), checked before long work that would end in writing it; ok when it
// can be tried. Writing can still fail later (a full disk).
WriteResult check_writable(const std::string& path);

// Writes `contents` to `path`. Setting `cancel` (from a signal handler, say)
// stops the write and removes the temporary file; the target is untouched.
WriteResult write_file_atomically(const std::string& path, std::string_view contents,
                                  const std::atomic<bool>* cancel = nullptr);

// The same for output too large to hold (an event log): append in pieces,
// then commit. Until commit() succeeds the target is untouched; a writer
// destroyed without committing removes its temporary file. The target is
// resolved and checked as write_file_atomically does, when it is made.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path, const std::atomic<bool>* cancel = nullptr);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // False once anything failed (failure() says what); later writes are ignored.
  bool write(std::string_view bytes);
  WriteResult commit();
  const WriteResult& failure() const { return failure_; }
  const std::string& problem() const { return failure_.problem; }

 private:
  void fail(WriteResult failure);
  void abandon();

  std::string path_;       // as given, for messages
  std::string target_;     // the file it finally names
  std::string temporary_;  // empty when writing a device or pipe in place
  int fd_ = -1;
  const std::atomic<bool>* cancel_ = nullptr;
  WriteResult failure_;  // the first failure; ok until one
};

}  // namespace journeysim
