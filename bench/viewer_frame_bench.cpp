// The viewer's frame build (DESIGN section 11: under 8 ms while a simulation
// runs): the App builds one frame of every panel with an ImGui context and no
// display, for each shipped scenario and side tab, with a run's figures on
// screen, and again while a 10-million-customer run is under way on the
// simulation's background threads. Rendering is the GPU's (or, under Xvfb,
// Mesa's) and not part of it; `journeysim-viewer --measure-frames` measures
// the whole window. docs/performance.md records the figures.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "app.hpp"
#include "headless.hpp"

namespace journeysim::viewer {
namespace {

const char* const scenarios[] = {"online_store", "saas_subscription", "contact_centre"};
const SideTab tabs[] = {SideTab::figures, SideTab::charts, SideTab::paths, SideTab::inspect};
const char* const tab_names[] = {"figures", "charts", "paths", "inspect"};

void build_frame(App& app) {
  ImGui::NewFrame();
  app.frame(ImVec2(1600, 1000));
  ImGui::Render();
}

// The target is for every frame, not the average: keep each frame's time and
// report the 99th percentile and the slowest beside the mean.
class FrameTimes {
 public:
  void time(App& app) {
    const auto start = std::chrono::steady_clock::now();
    build_frame(app);
    times_.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  void report(benchmark::State& state) {
    std::sort(times_.begin(), times_.end());
    state.counters["p99_ms"] = times_[times_.size() * 99 / 100];
    state.counters["max_ms"] = times_.back();
  }

 private:
  std::vector<double> times_;
};

// Opens a scenario and waits for its first run, so that every panel has figures.
void open_with_figures(App& app, const std::string& name) {
  app.run_options().customers = 100'000;
  app.open(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + name + ".json");
  app.run_options().customers = 100'000;
  app.start_run();
  while (app.simulation_running() || !app.has_report()) {
    build_frame(app);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  build_frame(app);
}

void frame_with_figures(benchmark::State& state) {
  const HeadlessContext context;
  App app;
  open_with_figures(app, scenarios[state.range(0)]);
  app.show_tab(tabs[state.range(1)]);
  if (tabs[state.range(1)] == SideTab::inspect)
    app.select("checkout") || app.select("trial_signup") || app.select("ivr_menu");
  build_frame(app);
  FrameTimes times;
  for (auto _ : state) times.time(app);
  times.report(state);
  state.SetLabel(std::string(scenarios[state.range(0)]) + " " + tab_names[state.range(1)]);
}
BENCHMARK(frame_with_figures)->ArgsProduct({{0, 1, 2}, {0, 1, 2, 3}})->Unit(benchmark::kMillisecond);

// Frames while the engine runs 10 million customers on all cores but one
// (at a lower priority): the UI thread's frame must not wait for it.
void frame_during_run(benchmark::State& state) {
  const HeadlessContext context;
  App app;
  open_with_figures(app, scenarios[state.range(0)]);
  app.run_options().customers = 10'000'000;
  app.start_run();
  int frame = 0;
  FrameTimes times;
  for (auto _ : state) {
    if (!app.simulation_running()) app.start_run();  // keep the engine busy for the whole measurement
    app.show_tab(tabs[(frame++ / 30) % 4]);
    times.time(app);
  }
  times.report(state);
  state.SetLabel(scenarios[state.range(0)]);
}
BENCHMARK(frame_during_run)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace journeysim::viewer

BENCHMARK_MAIN();
