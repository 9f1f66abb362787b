// Ctrl-C (SIGINT) and SIGTERM during a command's long work. While an
// InterruptWatch lives, the signal only sets a flag, which the simulation
// (between blocks) and the writer of --out (between chunks) read: the command
// stops promptly, removes its temporary file and exits 128 + the signal (130
// for Ctrl-C). Outside a watch a signal ends the process as usual: nothing is
// being written then.
#pragma once

#include <atomic>
#include <iosfwd>

#include <signal.h>

namespace journeysim::cli {

class InterruptWatch {
 public:
  InterruptWatch();   // installs the handlers
  ~InterruptWatch();  // puts the previous ones back
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  // The cancel flag for run_simulation, run_comparison and write_file_atomically.
  const std::atomic<bool>* flag() const;
  bool interrupted() const;

 private:
  struct sigaction previous_interrupt_ {};
  struct sigaction previous_terminate_ {};
};

// Says that the command stopped and wrote nothing; the exit code to return.
int report_interrupted(std::ostream& err);

}  // namespace journeysim::cli
