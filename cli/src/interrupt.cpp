// The signal handler and its flags: the only process-wide state of the
// command line, since a signal handler can reach nothing else.
#include "interrupt.hpp"

#include <ostream>

namespace journeysim::cli {

namespace {

std::atomic<bool> interrupt_requested{false};
std::atomic<int> interrupt_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "a signal handler may only touch lock-free atomics");

extern "C" void on_interrupt(int signal) {
  interrupt_signal.store(signal);
  interrupt_requested.store(true);
}

}  // namespace

InterruptWatch::InterruptWatch() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // a write in progress carries on; the flag stops the next one
  sigaction(SIGINT, &action, &previous_interrupt_);
  sigaction(SIGTERM, &action, &previous_terminate_);
}

InterruptWatch::~InterruptWatch() {
  sigaction(SIGINT, &previous_interrupt_, nullptr);
  sigaction(SIGTERM, &previous_terminate_, nullptr);
}

const std::atomic<bool>* InterruptWatch::flag() const { return &interrupt_requested; }

bool InterruptWatch::interrupted() const { return interrupt_requested.load(); }

int report_interrupted(std::ostream& err) {
  err << "journeysim: interrupted; nothing was written\n";
  const int signal = interrupt_signal.load();
  return 128 + (signal > 0 ? signal : SIGINT);
}

}  // namespace journeysim::cli
