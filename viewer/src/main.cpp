// journeysim-viewer: a GLFW window with an OpenGL 3 context running the App.
// With --screenshot, it opens the scenario, waits for the simulation, draws,
// writes the back buffer to a PNG and exits (how the tests see the viewer).
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "journeysim/graph/atomic_file.hpp"

namespace {

struct Options {
  std::optional<std::string> file;
  std::optional<std::string> screenshot;
  std::string window = "1600x1000";
  std::optional<std::string> select;
  std::optional<std::uint64_t> customers;
  bool measure_frames = false;
};

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
  stbi_write_png_to_func(
      [](void* context, void* data, int size) { static_cast<std::string*>(context)->append(static_cast<char*>(data), size); },
      &png, width, height, 4, flipped.data(), static_cast<int>(row));
  const journeysim::WriteResult written = journeysim::write_file_atomically(path, png);
  if (!written.ok) std::fprintf(stderr, "journeysim-viewer: %s\n", written.problem.c_str());
  return written.ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App cli{"journeysim-viewer: see a customer journey, its flows and its paths"};
  cli.add_option("FILE", options.file, "Scenario JSON file to open");
  cli.add_option("--screenshot", options.screenshot, "Simulate, draw, write this PNG and exit");
  cli.add_option("--window", options.window, "Window size WxH (default 1600x1000)");
  cli.add_option("--select", options.select, "Select this touchpoint");
  cli.add_option("--customers", options.customers, "Customers per run (default: the scenario's)");
  cli.add_flag("--measure-frames", options.measure_frames,
                 "Print how long the UI thread takes to build each frame while a run is under way, then exit");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  int width = 1600, height = 1000;
  if (std::sscanf(options.window.c_str(), "%dx%d", &width, &height) != 2 || width < 200 || height < 200) {
    std::fprintf(stderr, "journeysim-viewer: --window: expected WxH such as 1600x1000\n");
    return 2;
  }
  if (options.screenshot && !options.file) {
    std::fprintf(stderr, "journeysim-viewer: --screenshot needs a scenario FILE\n");
    return 2;
  }

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
  glfwSwapInterval(options.screenshot ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is ours; no imgui.ini beside the user's files
  ImGui::StyleColorsLight();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330");

  int exit_code = 0;
  {
    journeysim::viewer::App app;
    if (options.file) {
      if (options.customers) app.run_options().customers = *options.customers;
      const bool opened = app.open(*options.file);
      if (options.customers) app.run_options().customers = *options.customers;
      if (opened && options.customers) app.start_run();
      if (!opened && options.screenshot) {
        std::fprintf(stderr, "journeysim-viewer: cannot open %s\n", options.file->c_str());
        exit_code = 1;
      }
    }
    if (options.select) app.select(*options.select);

    // In screenshot mode: draw until the simulation is in, then two more
    // frames so that every panel has laid itself out, then capture.
    int frames_after_result = 0;
    const auto started = std::chrono::steady_clock::now();
    std::vector<double> frame_ms;  // --measure-frames: UI build time of frames during the run
    std::size_t frame_count = 0;
    while (exit_code == 0) {
      if (glfwWindowShouldClose(window)) {
        // Unsaved edits: ask first (the dialog draws in the next frames).
        if (app.request_quit()) break;
        glfwSetWindowShouldClose(window, GLFW_FALSE);
      }
      if (app.quit_confirmed()) break;
      if (options.screenshot || options.measure_frames) {
        glfwPollEvents();
      } else {
        glfwWaitEventsTimeout(app.simulation_running() ? 0.05 : 0.5);
      }
      const auto build_started = std::chrono::steady_clock::now();
      const bool running = app.simulation_running();
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      int fb_width = 0, fb_height = 0;
      glfwGetFramebufferSize(window, &fb_width, &fb_height);
      app.frame(ImVec2(static_cast<float>(fb_width), static_cast<float>(fb_height)));
      ImGui::Render();
      ++frame_count;
      if (options.measure_frames) {
        // The first frames create the GL objects and the font atlas: not steady state.
        if (running && frame_count > 2) {
          frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - build_started).count());
        } else if (!frame_ms.empty()) {
          std::sort(frame_ms.begin(), frame_ms.end());
          std::printf("frames built during the run: %zu; median %.2f ms, 99th percentile %.2f ms, max %.2f ms\n",
                      frame_ms.size(), frame_ms[frame_ms.size() / 2], frame_ms[frame_ms.size() * 99 / 100],
                      frame_ms.back());
          break;
        }
      }
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
        if (std::chrono::steady_clock::now() - started > std::chrono::minutes(5)) {
          std::fprintf(stderr, "journeysim-viewer: the simulation did not finish in 5 minutes\n");
          exit_code = 1;
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
