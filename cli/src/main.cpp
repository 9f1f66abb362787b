// journeysim: the command-line entry point.
#include <exception>
#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
  try {
    return journeysim::cli::run_command_line(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
  } catch (const std::exception& e) {
    // Every input problem is reported as a diagnostic; reaching here is a bug.
    std::cerr << "journeysim: internal error: " << e.what() << '\n';
    return 3;
  }
}
