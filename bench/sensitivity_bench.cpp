// "What to fix first" against a plain run, as a user meets them: the
// journeysim program started as a process, from start to its output written,
// for each shipped scenario at 100,000 customers:
//   plain_run/<scenario>     journeysim run FILE --customers 100000
//   sensitivity/<scenario>   journeysim sensitivity FILE --customers 100000
//   walk_all/<scenario>      the same with --walk-all (every customer walked in
//                            every variant: what sensitivity took before it
//                            re-walked only the customers a lever touches)
// Each sensitivity line carries `times_a_plain_run`: its time over the plain
// run's, measured in the same process (issue 15 holds it to 10 at most).
// docs/performance.md records the figures and how they were taken.
#include <benchmark/benchmark.h>

#include <spawn.h>
#include <sys/wait.h>

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

extern char** environ;

namespace {

constexpr const char* customers = "100000";

std::string scenario_path(const std::string& name) {
  return std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + name + ".json";
}

// Seconds from starting `journeysim arguments...` (output to /dev/null) to its exit; aborts if it fails.
double timed_run(const std::vector<std::string>& arguments) {
  std::vector<std::string> words{JOURNEYSIM_PROGRAM};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  const auto started = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) std::abort();
  int status = 0;
  waitpid(pid, &status, 0);
  const auto ended = std::chrono::steady_clock::now();
  posix_spawn_file_actions_destroy(&actions);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::abort();
  return std::chrono::duration<double>(ended - started).count();
}

std::vector<std::string> command(const char* verb, const std::string& scenario, bool walk_all = false) {
  std::vector<std::string> arguments{verb, scenario_path(scenario), "--customers", customers};
  if (walk_all) arguments.emplace_back("--walk-all");
  return arguments;
}

// The fastest of a few plain runs: the yardstick each ratio divides by.
double plain_run_seconds(const std::string& scenario) {
  static std::map<std::string, double> measured;
  auto [at, inserted] = measured.try_emplace(scenario, 0.0);
  if (inserted) {
    double best = timed_run(command("run", scenario));
    for (int i = 0; i < 4; ++i) best = std::min(best, timed_run(command("run", scenario)));
    at->second = best;
  }
  return at->second;
}

void time_command(benchmark::State& state, const std::string& scenario, const char* verb, bool walk_all) {
  double total = 0.0;
  for (auto _ : state) {
    const double seconds = timed_run(command(verb, scenario, walk_all));
    state.SetIterationTime(seconds);
    total += seconds;
  }
  if (std::string(verb) != "run") {
    const double mean = total / static_cast<double>(state.iterations());
    state.counters["times_a_plain_run"] = mean / plain_run_seconds(scenario);
  }
}

void register_all() {
  for (const std::string scenario : {"online_store", "saas_subscription", "contact_centre"}) {
    benchmark::RegisterBenchmark(("plain_run/" + scenario).c_str(),
                                 [scenario](benchmark::State& s) { time_command(s, scenario, "run", false); })
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->MinTime(1.0);
    benchmark::RegisterBenchmark(("sensitivity/" + scenario).c_str(),
                                 [scenario](benchmark::State& s) { time_command(s, scenario, "sensitivity", false); })
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->MinTime(2.0);
    benchmark::RegisterBenchmark(("walk_all/" + scenario).c_str(),
                                 [scenario](benchmark::State& s) { time_command(s, scenario, "sensitivity", true); })
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(2);
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
