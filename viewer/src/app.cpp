// App: opening scenarios, starting runs, taking finished results, and the
// frame's overall layout (menu, canvas, side panel).
#include "app.hpp"

#include <filesystem>

#include "journeysim/graph/text.hpp"

namespace journeysim::viewer {

ImU32 channel_colour(const std::string& channel) {
  struct Named {
    const char* name;
    ImU32 colour;
  };
  static const Named palette[] = {
      {"web", IM_COL32(66, 133, 244, 255)},   {"app", IM_COL32(142, 68, 173, 255)},
      {"store", IM_COL32(121, 85, 72, 255)},  {"social", IM_COL32(233, 30, 99, 255)},
      {"email", IM_COL32(255, 152, 0, 255)},  {"chat", IM_COL32(0, 150, 136, 255)},
      {"phone", IM_COL32(96, 125, 139, 255)}, {"ivr", IM_COL32(63, 81, 181, 255)},
      {"sms", IM_COL32(205, 220, 57, 255)}};
  for (const Named& n : palette) {
    if (channel == n.name) return n.colour;
  }
  return IM_COL32(120, 120, 130, 255);
}

ImU32 outcome_colour(const std::string& kind) {
  if (kind == outcome_kind::converted) return IM_COL32(46, 160, 67, 255);
  if (kind == outcome_kind::churned) return IM_COL32(214, 39, 40, 255);
  if (kind == outcome_kind::abandoned) return IM_COL32(255, 127, 14, 255);
  if (kind == outcome_kind::lost) return IM_COL32(150, 150, 150, 255);
  if (kind == outcome_kind::active) return IM_COL32(31, 119, 180, 255);
  return IM_COL32(148, 103, 189, 255);
}

bool App::open(const std::string& path) {
  const LoadResult loaded = load_scenario_file(path);
  if (!loaded.ok()) {
    std::size_t errors = loaded.diagnostics.error_count();
    status_ = path + ": " + std::to_string(errors) + (errors == 1 ? " error" : " errors");
    if (!loaded.diagnostics.empty()) {
      status_ += " - " + format_diagnostic(loaded.diagnostics.all().front(), path, loaded.document.get());
    }
    return false;
  }
  auto scenario = std::make_shared<Scenario>(*loaded.scenario);
  if (scenario->name.empty()) scenario->name = std::filesystem::path(path).stem().string();
  scenario_ = std::move(scenario);
  path_ = path;
  layout_ = layout_journey(*scenario_);
  outcome_.reset();
  report_ = nullptr;
  pinned_.reset();
  selected_.reset();
  highlighted_path_.reset();
  view_.fit_requested = true;
  run_options_.customers = scenario_->customers;
  run_options_.seed = scenario_->seed;
  status_ = "Opened " + path;
  start_run();
  return true;
}

void App::start_run() {
  if (!scenario_) return;
  task_.start(scenario_, run_options_, pinned_);
}

void App::select(const std::string& id) {
  if (!scenario_) return;
  if (const auto index = scenario_->find_touchpoint(id)) selected_ = *index;
}

void App::poll_simulation() {
  if (auto finished = task_.take()) {
    if (finished->cancelled) {
      status_ = "Run cancelled";
      return;
    }
    outcome_ = std::move(finished);
    report_ = &outcome_->report;
    status_ = "Simulated " + std::to_string(report_->customers) + " customers";
  }
}

void App::frame(ImVec2 display) {
  poll_simulation();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(display);
  ImGui::Begin("journeysim", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_MenuBar |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_menu();
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const float side_width = std::max(420.0f, available.x * 0.32f);
  const float status_height = ImGui::GetFrameHeightWithSpacing();
  draw_canvas(ImVec2(available.x - side_width - ImGui::GetStyle().ItemSpacing.x, available.y - status_height));
  ImGui::SameLine();
  draw_side_panel(ImVec2(side_width, available.y - status_height));
  ImGui::TextDisabled("%s", status_.c_str());
  ImGui::End();
}

void App::draw_menu() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    ImGui::SetNextItemWidth(360);
    ImGui::InputTextWithHint("##open", "scenario file path", open_path_, sizeof open_path_);
    ImGui::SameLine();
    if (ImGui::Button("Open")) open(open_path_);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Fit to window")) view_.fit_requested = true;
    ImGui::EndMenu();
  }
  if (scenario_) {
    ImGui::Separator();
    ImGui::TextUnformatted(scenario_->name.c_str());
    ImGui::TextDisabled("(%s)", path_.c_str());
  }
  ImGui::EndMenuBar();
}

}  // namespace journeysim::viewer
