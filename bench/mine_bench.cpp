// Mining speed and memory against the number of events (DESIGN section 11,
// issue 13): a synthetic event log of N events is written once to a file,
// then mined from it. Peak RSS is the process's, so run one size per process:
//   bench_mine 10000000          (writes /tmp/journeysim-bench-events-N.csv if absent)
// Customers are interleaved as in a time-ordered export (up to `window` of
// them travelling at once); a fifth end without an outcome (lost), and those
// stay in flight until the end of the file, as they must.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "journeysim/graph/calendar.hpp"
#include "journeysim/mine/event_log.hpp"

namespace {

constexpr int touchpoints = 20;
constexpr std::size_t window = 10'000;

struct Rng {
  std::uint64_t state;
  double uniform() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  }
};

struct Traveller {
  std::uint64_t id = 0;
  int at = 0;
  double time = 0;
};

void write_log(const std::string& path, std::uint64_t events) {
  std::ofstream out(path, std::ios::binary);
  out << "customer_id,timestamp,touchpoint,stage,revenue,outcome\n";
  static const char* const stages[] = {"awareness", "consideration", "purchase", "usage"};
  Rng rng{42};
  std::uint64_t next_id = 0;
  std::vector<Traveller> travelling(window);
  for (Traveller& t : travelling) t = {next_id++, 0, 1.7e9 + rng.uniform() * 3600};
  std::string text;
  for (std::uint64_t written = 0; written < events; ++written) {
    Traveller& t = travelling[written % window];
    text += 'c' + std::to_string(t.id) + ',';
    journeysim::append_utc_time(text, t.time);
    const double u = rng.uniform();
    if (t.at == touchpoints) {  // the purchase: an ending
      text += ",purchase,purchase,49.9,converted\n";
    } else {
      text += ",page_" + std::to_string(t.at) + ',' + stages[t.at * 4 / touchpoints] + ",,\n";
    }
    if (t.at == touchpoints || u < 0.06) {
      // Ended (bought, or lost without a row): a new customer takes the slot.
      t = {next_id++, 0, t.time + rng.uniform() * 600};
    } else {
      t.at = u < 0.5 ? std::min(touchpoints, t.at + 1) : static_cast<int>(rng.uniform() * touchpoints);
      t.time += 5 + 600 * rng.uniform() * rng.uniform();
    }
    if (text.size() > (1 << 20)) {
      out << text;
      text.clear();
    }
  }
  out << text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_mine EVENTS\n");
    return 2;
  }
  const std::uint64_t events = std::strtoull(argv[1], nullptr, 10);
  const std::string path = "/tmp/journeysim-bench-events-" + std::to_string(events) + ".csv";
  if (!std::filesystem::exists(path)) write_log(path, events);
  journeysim::mine::EventLogOptions options;
  options.source = path;
  const auto start = std::chrono::steady_clock::now();
  const journeysim::mine::MineResult result = journeysim::mine::mine_event_log_file(path, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  if (!result.ok()) {
    std::fprintf(stderr, "mining failed\n");
    return 1;
  }
  std::printf("events %llu  journeys %llu  lost %llu  seconds %.2f  (%.2f M rows/s)  peak RSS %ld KiB  file %.0f MB\n",
              static_cast<unsigned long long>(result.summary.rows),
              static_cast<unsigned long long>(result.summary.journeys),
              static_cast<unsigned long long>(result.summary.lost), seconds, result.summary.rows / seconds / 1e6,
              usage.ru_maxrss, static_cast<double>(std::filesystem::file_size(path)) / 1e6);
  return 0;
}
