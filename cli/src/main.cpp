// journeysim: the command-line entry point. Under mpirun (sim/ranks.hpp)
// every rank runs the same command on its share of the customers; rank 0
// alone prints and writes --out. The others keep what they would say to
// themselves. A bad input fails every rank alike, and rank 0 says why; any
// other failure of a rank is said by that rank, naming itself, and stops
// the whole run.
#include <exception>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "journeysim/sim/ranks.hpp"

namespace {

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  try {
    return journeysim::cli::run_command_line(std::vector<std::string>(argv + 1, argv + argc), out, err);
  } catch (const std::exception& e) {
    // Every input problem is reported as a diagnostic; reaching here is a bug.
    err << "journeysim: internal error: " << e.what() << '\n';
    return 3;
  }
}

}  // namespace

int main(int argc, char** argv) {
  namespace ranks = journeysim::ranks;
  ranks::start(argc, argv);
  if (ranks::rank() == 0) {
    const int code = run(argc, argv, std::cout, std::cerr);
    ranks::stop();
    return code;
  }
  std::ostringstream out, err;
  const int code = run(argc, argv, out, err);
  if (code == journeysim::cli::exit_bad_input || code == journeysim::cli::exit_usage) {
    ranks::stop();
    return code;
  }
  if (code != 0) {
    std::cerr << "journeysim (rank " << ranks::rank() << " of " << ranks::size() << "): " << err.str() << std::flush;
    ranks::abort_all(code);
  }
  ranks::stop();
  return 0;
}
