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

// The same for output too large to hold (an event log): append in pieces,
// then commit. Until commit() succeeds the target is untouched; a writer
// destroyed without committing removes its temporary file.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // False once anything failed (problem() says what); later writes are ignored.
  bool write(std::string_view bytes);
  WriteResult commit();
  const std::string& problem() const { return problem_; }

 private:
  void fail(const std::string& what);
  void abandon();

  std::string path_;
  std::string temporary_;
  int fd_ = -1;
  std::string problem_;
};

}  // namespace journeysim
