// Peak memory against the number of customers (DESIGN section 11): runs the
// reference journey for N customers and prints the peak resident set size.
// Usage: bench_memory N [THREADS]. Compare N = 1e5 with N = 1e8.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/simulation.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_memory CUSTOMERS [THREADS]\n");
    return 2;
  }
  const journeysim::LoadResult loaded =
      journeysim::load_scenario_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/bench/scenarios/reference_journey.json");
  if (!loaded.ok()) return 1;
  journeysim::RunOptions options;
  options.customers = std::strtoull(argv[1], nullptr, 10);
  options.threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 2;
  const journeysim::RunResult result = journeysim::run_simulation(*loaded.scenario, options);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("customers %llu  peak RSS %ld KiB  distinct paths %zu\n",
              static_cast<unsigned long long>(options.customers), usage.ru_maxrss, result.tally.paths.size());
  return 0;
}
