// journeysim-viewer: a GLFW window with an OpenGL 3 context running the App.
// With --screenshot, it opens the scenario, waits for the simulation, draws,
// writes the back buffer to a PNG and exits (how the tests see the viewer).
// With --measure-frames, it times the UI thread's frames during a long run.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "journeysim/graph/atomic_file.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/sim/kpi_text.hpp"

namespace {

using journeysim::viewer::App;
using journeysim::viewer::SideTab;

struct Options {
  std::optional<std::string> file;
  std::optional<std::string> screenshot;
  std::string window = "1600x1000";
  std::optional<std::string> select;
  std::optional<std::string> tab;
  std::optional<std::string> what_if;
  std::optional<std::uint64_t> customers;
  std::optional<std::uint64_t> seed;
  std::optional<unsigned> threads;
  std::optional<std::string> export_report;
  std::optional<std::string> sweep;
  bool fix_first = false;
  bool measure_frames = false;
};

const std::map<std::string, SideTab> tabs{{"figures", SideTab::figures},
                                          {"charts", SideTab::charts},
                                          {"paths", SideTab::paths},
                                          {"fix-first", SideTab::fix_first},
                                          {"inspect", SideTab::inspect}};

// Reads the back buffer (before swapping, as Mesa under Xvfb requires) and
// writes it as a PNG, top row first, through a temporary file.
bool write_screenshot(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y) {
    std::copy_n(pixels.data() + static_cast<std::size_t>(height - 1 - y) * row, row, flipped.data() + y * row);
  }
  std::string png;
  stbi_write_png_to_func([](void* context, void* data,
                            int size) { static_cast<std::string*>(context)->append(static_cast<char*>(data), size); },
                         &png, width, height, 4, flipped.data(), static_cast<int>(row));
  const journeysim::WriteResult written = journeysim::write_file_atomically(path, png);
  if (!written.ok) std::fprintf(stderr, "journeysim-viewer: %s\n", written.problem.c_str());
  return written.ok;
}

// DejaVu (Debian's fonts-dejavu-core) reads far better than ImGui's built-in
// bitmap font; the built-in one stands in when it is not installed.
void load_fonts() {
  const char* regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  const char* bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  std::error_code ec;
  if (!std::filesystem::exists(regular, ec) || !std::filesystem::exists(bold, ec)) return;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->AddFontFromFileTTF(regular, 15.0f);
  io.Fonts->AddFontFromFileTTF(bold, 15.0f);
  io.Fonts->AddFontFromFileTTF(bold, 21.0f);
}

void set_style() {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.FramePadding = ImVec2(6, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.FrameRounding = 4;
  style.TabRounding = 4;
  style.GrabRounding = 4;
  style.PopupRounding = 4;
  style.WindowPadding = ImVec2(10, 8);
}

// Problems with the command line that only the open scenario can tell:
// a --select or --what-if naming nothing in it.
bool check_names(App& app, const Options& options) {
  const journeysim::Scenario* scenario = app.scenario();
  if (options.select && !app.select(*options.select)) {
    std::vector<std::string> names;
    for (const journeysim::Touchpoint& t : scenario->touchpoints) names.push_back(t.id);
    for (std::size_t k = 0; k < scenario->transitions.size(); ++k) names.push_back(scenario->transition_label(k));
    const std::string suggestion = "; " + journeysim::did_you_mean(*options.select, names);
    std::fprintf(stderr, "journeysim-viewer: --select: no touchpoint or transition %s in %s%s\n",
                 journeysim::in_quotes(*options.select).c_str(), options.file->c_str(), suggestion.c_str());
    return false;
  }
  if (options.what_if && !app.show_what_if(*options.what_if)) {
    std::vector<std::string> names;
    for (const journeysim::WhatIf& w : scenario->what_if) names.push_back(w.name);
    const std::string suggestion = names.empty() ? std::string("; the scenario has no \"what_if\" list")
                                                 : "; " + journeysim::did_you_mean(*options.what_if, names);
    std::fprintf(stderr, "journeysim-viewer: --what-if: no what-if %s in %s%s\n",
                 journeysim::in_quotes(*options.what_if).c_str(), options.file->c_str(), suggestion.c_str());
    return false;
  }
  return true;
}

// CPU time this thread has used, in milliseconds.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

// --measure-frames: the frame build times of the UI thread (NewFrame to
// Render: every panel and the canvas) while a run is under way, each tab in
// turn, after a first run has filled every panel with figures.
class FrameMeter {
 public:
  explicit FrameMeter(std::uint64_t customers) : customers_(customers) {}

  // Called before each frame; returns true when the measurement is over.
  bool before_frame(App& app) {
    if (!measuring_) {
      if (app.has_report() && !app.simulation_running()) {
        app.run_options().customers = customers_;
        app.start_run();
        measuring_ = true;
      }
      return false;
    }
    if (!app.simulation_running()) return true;
    constexpr int frames_per_tab = 40;
    if (frames_ % frames_per_tab == 0) app.show_tab(order_[(frames_ / frames_per_tab) % 4]);
    return false;
  }
  // Wall time is what the user sees; the UI thread's own CPU time tells
  // the work of building a frame from time spent waiting for a core.
  void after_frame(double wall_ms, double cpu_ms) {
    if (!measuring_) return;
    ++frames_;
    if (frames_ <= 2) return;  // the first frames of a run take the new layout in
    wall_.push_back(wall_ms);
    cpu_.push_back(cpu_ms);
  }
  void print() {
    if (wall_.empty()) {
      std::printf("no frames measured: the run finished too soon; raise --customers\n");
      return;
    }
    const auto summary = [](std::vector<double>& t) {
      std::sort(t.begin(), t.end());
      char line[128];
      std::snprintf(line, sizeof line, "median %.2f ms, 99th percentile %.2f ms, max %.2f ms", t[t.size() / 2],
                    t[t.size() * 99 / 100], t.back());
      return std::string(line);
    };
    std::printf("frames built during a %s-customer run: %zu\n  wall time:          %s\n  UI thread CPU time: %s\n",
                journeysim::grouped_count(customers_).c_str(), wall_.size(), summary(wall_).c_str(),
                summary(cpu_).c_str());
  }

 private:
  std::uint64_t customers_;
  bool measuring_ = false;
  std::size_t frames_ = 0;
  std::vector<double> wall_, cpu_;
  const SideTab order_[4] = {SideTab::figures, SideTab::charts, SideTab::paths, SideTab::inspect};
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App cli{"journeysim-viewer: see a customer journey, its flows and its paths, and edit it"};
  cli.add_option("FILE", options.file, "Scenario JSON file to open");
  cli.add_option("--screenshot", options.screenshot, "Simulate, draw, write this PNG and exit");
  cli.add_option("--window", options.window, "Window size WxH (default 1600x1000)");
  cli.add_option("--select", options.select, "Select this touchpoint id, or a transition FROM->TO");
  cli.add_option("--tab", options.tab, "Show this side tab: figures, charts, paths, fix-first or inspect")
      ->check(CLI::IsMember({"figures", "charts", "paths", "fix-first", "inspect"}));
  cli.add_option("--what-if", options.what_if, "Show this what-if of the scenario, paired against it");
  cli.add_option("--customers", options.customers, "Customers per run (default: the scenario's)")
      ->check(CLI::PositiveNumber);
  cli.add_option("--seed", options.seed, "Seed (default: the scenario's)");
  cli.add_option("--threads", options.threads, "Simulation threads (default: all cores but one)")
      ->check(CLI::PositiveNumber);
  cli.add_option("--export-report", options.export_report,
                 "Export the report (as File > Export report) to this .html file; without --screenshot, then exit");
  cli.add_option("--sweep", options.sweep,
                 "Sweep PATH=FROM..TO[:STEP] (as Run > Sweep a parameter) and show its curves in the Charts tab");
  cli.add_flag("--fix-first", options.fix_first,
               "Rank every lever of what to fix first (as the Fix first tab's button) and show the tab");
  cli.add_flag(
      "--measure-frames", options.measure_frames,
      "Run once, then time the UI thread's frames while a run of --customers (default 10 million) is under way, "
      "print the figures and exit");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  int width = 1600, height = 1000;
  if (std::sscanf(options.window.c_str(), "%dx%d", &width, &height) != 2 || width < 400 || height < 300) {
    std::fprintf(stderr, "journeysim-viewer: --window: expected WxH of at least 400x300, such as 1600x1000\n");
    return 2;
  }
  if ((options.screenshot || options.measure_frames || options.export_report || options.sweep) && !options.file) {
    std::fprintf(stderr,
                 "journeysim-viewer: --screenshot, --measure-frames, --export-report and --sweep need a scenario "
                 "FILE\n");
    return 2;
  }
  // Without a window to look at, the export is the whole job.
  const bool batch = options.screenshot || options.measure_frames || options.export_report;

  if (!glfwInit()) {
    std::fprintf(stderr, "journeysim-viewer: cannot open a window (no display?); try xvfb-run\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  if (options.screenshot) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(width, height, "journeysim", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "journeysim-viewer: cannot create an OpenGL 3.3 window\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(options.screenshot || options.measure_frames ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is ours; no imgui.ini beside the user's files
  load_fonts();
  set_style();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330");

  int exit_code = 0;
  bool exit_requested = false;  // the batch job is done
  {
    App app;
    if (options.file) {
      const bool opened = app.open(*options.file);
      if (!opened && batch) {
        // Every problem, one per line, as the command line prints them.
        for (const std::string& problem : app.file_problems()) std::fprintf(stderr, "%s\n", problem.c_str());
        exit_code = 1;
      } else if (opened) {
        // Run options from the command line replace the scenario's before the first run counts.
        const bool rerun = options.customers || options.seed || options.threads;
        if (options.customers && !options.measure_frames) app.run_options().customers = *options.customers;
        if (options.seed) app.run_options().seed = *options.seed;
        if (options.threads) app.run_options().threads = *options.threads;
        if (rerun) app.start_run();
        if (!check_names(app, options)) exit_code = 1;
        if (exit_code == 0 && options.sweep && !app.start_sweep(*options.sweep)) {
          std::fprintf(stderr, "journeysim-viewer: --sweep %s: %s\n", options.sweep->c_str(), app.status().c_str());
          exit_code = 1;
        }
        if (exit_code == 0 && options.fix_first) {
          if (!app.start_fix_first()) {
            std::fprintf(stderr, "journeysim-viewer: --fix-first: %s\n", app.status().c_str());
            exit_code = 1;
          } else if (!options.tab) {
            app.show_tab(SideTab::fix_first);
          }
        }
        if (exit_code == 0 && options.export_report) {
          app.export_report(*options.export_report);
          if (!app.wait_for_export()) {
            std::fprintf(stderr, "journeysim-viewer: --export-report: %s\n", app.status().c_str());
            exit_code = 1;
          } else if (!options.screenshot) {
            std::printf("%s\n", app.status().c_str());
            exit_requested = true;
          }
        }
      }
    }
    if (options.tab) app.show_tab(tabs.at(*options.tab));
    if (options.select && !options.tab) app.show_tab(SideTab::inspect);

    FrameMeter meter(options.customers.value_or(10'000'000));
    // In screenshot mode: wait for the simulation (however long it takes),
    // then draw three frames so that every panel has laid itself out, then
    // capture.
    if (options.screenshot && exit_code == 0) {
      app.wait_for_run();
      if (options.sweep) app.wait_for_sweep();
      if (options.fix_first) app.wait_for_fix_first();
    }
    int frames_after_result = 0;
    while (exit_code == 0 && !exit_requested) {
      if (glfwWindowShouldClose(window)) {
        // Unsaved edits: ask first (the dialog draws in the next frames).
        if (app.request_quit()) break;
        glfwSetWindowShouldClose(window, GLFW_FALSE);
      }
      if (app.quit_confirmed()) break;
      if (options.measure_frames && meter.before_frame(app)) {
        meter.print();
        break;
      }
      if (options.screenshot || options.measure_frames) {
        glfwPollEvents();
      } else {
        glfwWaitEventsTimeout(app.simulation_running() ? 0.05 : 0.5);
      }
      const auto build_started = std::chrono::steady_clock::now();
      const double cpu_started = thread_cpu_ms();
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      int fb_width = 0, fb_height = 0;
      glfwGetFramebufferSize(window, &fb_width, &fb_height);
      app.frame(ImVec2(static_cast<float>(fb_width), static_cast<float>(fb_height)));
      ImGui::Render();
      meter.after_frame(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - build_started).count(),
          thread_cpu_ms() - cpu_started);
      glViewport(0, 0, fb_width, fb_height);
      glClearColor(0.97f, 0.97f, 0.98f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (options.screenshot) {
        if (app.has_report() && !app.simulation_running()) ++frames_after_result;
        if (frames_after_result >= 3) {
          exit_code = write_screenshot(*options.screenshot, fb_width, fb_height) ? 0 : 1;
          break;
        }
      }
      glfwSwapBuffers(window);
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}
