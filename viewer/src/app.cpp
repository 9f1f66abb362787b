// App: opening scenarios, starting runs, taking finished results, and the
// frame's overall layout (menu, canvas, side panel).
#include "app.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "journeysim/graph/atomic_file.hpp"
#include "journeysim/graph/scenario_writer.hpp"
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
  if (dirty_ && path != path_) {
    pending_open_ = path;  // asked about in draw_dialogs()
    return false;
  }
  Diagnostics diagnostics;
  const std::optional<std::string> text = read_text_file(path, diagnostics);
  const LoadResult loaded = text ? load_scenario_text(*text) : LoadResult{};
  if (!loaded.ok()) {
    const Diagnostics& problems = text ? loaded.diagnostics : diagnostics;
    status_ = path + ": cannot open: " + std::to_string(problems.error_count()) +
              (problems.error_count() == 1 ? " error" : " errors");
    if (!problems.empty()) status_ += " - " + format_diagnostic(problems.all().front(), path, loaded.document.get());
    return false;
  }
  original_ = loaded.document;
  edited_ = original_->root();
  undo_.clear();
  redo_.clear();
  dirty_ = false;
  changed_on_disk_ = false;
  edit_error_.clear();
  std::error_code ec;
  file_time_ = std::filesystem::last_write_time(path, ec);
  const bool same_file = path == path_;
  path_ = path;
  auto scenario = std::make_shared<Scenario>(*loaded.scenario);
  if (scenario->name.empty()) scenario->name = std::filesystem::path(path).stem().string();
  if (!same_file) {
    pinned_.reset();
    selected_.reset();
    selected_transition_.reset();
    what_if_ = -1;
    view_.fit_requested = true;
    run_options_.customers = scenario->customers;
    run_options_.seed = scenario->seed;
    // Leave a core to the UI thread so frames stay quick; results do not depend on it.
    run_options_.threads = std::max(1u, std::thread::hardware_concurrency() - 1);
  }
  adopt(std::move(scenario), !same_file);
  status_ = (same_file ? "Reloaded " : "Opened ") + path;
  return true;
}

void App::adopt(std::shared_ptr<const Scenario> scenario, bool structure_changed) {
  // Keep the selection by id, so a reload or an edit does not lose the place.
  std::string selected_id;
  if (selected_ && scenario_ && *selected_ < scenario_->touchpoints.size()) selected_id = scenario_->touchpoints[*selected_].id;
  const bool same_shape = scenario_ && scenario_->touchpoints.size() == scenario->touchpoints.size() &&
                          scenario_->transitions.size() == scenario->transitions.size();
  scenario_ = std::move(scenario);
  if (structure_changed || !same_shape) {
    layout_ = layout_journey(*scenario_);
    outcome_.reset();
    report_ = nullptr;
    highlighted_path_.reset();
  }
  selected_.reset();
  if (!selected_id.empty()) select(selected_id);
  if (selected_transition_ && *selected_transition_ >= scenario_->transitions.size()) selected_transition_.reset();
  start_run();
}

bool App::apply_edit(Json candidate, const std::string& what) {
  // Validate the edited document exactly as a file would be: through its text.
  const std::string text = render_document(*original_, candidate);
  const LoadResult loaded = load_scenario_text(text);
  if (!loaded.ok()) {
    edit_error_ = loaded.diagnostics.empty() ? "invalid" : format_diagnostic(loaded.diagnostics.all().front(), path_, loaded.document.get());
    return false;
  }
  edit_error_.clear();
  // Dragging a slider edits every frame: one undo step for the whole drag.
  const bool continuing = !undo_.empty() && what == last_edit_ && ImGui::IsAnyItemActive();
  if (!continuing) undo_.push_back(edited_);
  last_edit_ = what;
  redo_.clear();
  edited_ = std::move(candidate);
  dirty_ = true;
  auto scenario = std::make_shared<Scenario>(*loaded.scenario);
  if (scenario->name.empty()) scenario->name = scenario_->name;
  adopt(std::move(scenario), false);
  status_ = "Edited: " + what;
  return true;
}

// Moves the newest document of `from` into the editor, the current one onto
// `to`: undo and redo are the same step in opposite directions.
bool App::step_history(std::vector<Json>& from, std::vector<Json>& to, const std::string& done) {
  if (from.empty()) return false;
  const LoadResult loaded = load_scenario_text(render_document(*original_, from.back()));
  if (!loaded.ok()) return false;  // cannot happen: every document on the stacks was valid
  to.push_back(std::move(edited_));
  edited_ = std::move(from.back());
  from.pop_back();
  dirty_ = edited_ != original_->root();
  auto scenario = std::make_shared<Scenario>(*loaded.scenario);
  if (scenario->name.empty()) scenario->name = scenario_->name;
  adopt(std::move(scenario), false);
  status_ = done;
  return true;
}

bool App::undo() { return step_history(undo_, redo_, "Undone"); }

bool App::redo() { return step_history(redo_, undo_, "Redone"); }

bool App::save(const std::string& path) {
  if (!original_) return false;
  const std::string text = render_document(*original_, edited_);
  const WriteResult written = write_file_atomically(path, text);
  if (!written.ok) {
    status_ = "Not saved: " + written.problem;
    return false;
  }
  Diagnostics diagnostics;
  original_ = std::make_shared<const JsonDocument>(JsonDocument::parse(text, diagnostics));
  edited_ = original_->root();
  dirty_ = false;
  path_ = path;
  std::error_code ec;
  file_time_ = std::filesystem::last_write_time(path, ec);
  changed_on_disk_ = false;
  status_ = "Saved " + path;
  return true;
}

bool App::request_quit() {
  if (!dirty_ || quit_confirmed_) return true;
  quit_asked_ = true;
  return false;
}

// Strategists edit the JSON in their editor too: notice when the file
// changes, reload at once when nothing here is unsaved, ask otherwise.
void App::check_file_on_disk() {
  if (path_.empty() || ImGui::GetTime() - last_disk_check_ < 1.0) return;
  last_disk_check_ = ImGui::GetTime();
  std::error_code ec;
  const auto now = std::filesystem::last_write_time(path_, ec);
  if (ec || now == file_time_) return;
  if (!dirty_) {
    open(path_);
  } else {
    changed_on_disk_ = true;
  }
}

void App::start_run() {
  if (!scenario_) return;
  std::optional<Variant> variant;
  if (what_if_ >= 0 && static_cast<std::size_t>(what_if_) < scenario_->what_if.size()) {
    Diagnostics diagnostics;  // the loader validated every variant already
    variant = apply_what_if(*scenario_, static_cast<std::size_t>(what_if_), diagnostics);
  }
  task_.start(scenario_, run_options_, variant ? nullptr : pinned_, std::move(variant));
}

void App::select(const std::string& id) {
  if (!scenario_) return;
  if (const auto index = scenario_->find_touchpoint(id)) selected_ = *index;
  for (std::size_t k = 0; k < scenario_->transitions.size(); ++k) {
    if (scenario_->transition_label(k) == id) selected_transition_ = k;
  }
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
  check_file_on_disk();
  const ImGuiIO& io = ImGui::GetIO();
  // Dear ImGui 1.86 reads letters by the platform's key codes (GLFW: ASCII capitals).
  if (io.KeyCtrl && !io.WantTextInput && ImGui::IsKeyPressed('Z')) undo();
  if (io.KeyCtrl && !io.WantTextInput && ImGui::IsKeyPressed('Y')) redo();
  if (io.KeyCtrl && ImGui::IsKeyPressed('S') && dirty_) save(path_);
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
  ImGui::TextDisabled("%s%s", dirty_ ? "[unsaved edits] " : "", status_.c_str());
  draw_dialogs();
  ImGui::End();
}

void App::draw_dialogs() {
  if (changed_on_disk_) {
    ImGui::OpenPopup("Changed on disk");
    changed_on_disk_ = false;
  }
  if (ImGui::BeginPopupModal("Changed on disk", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("%s changed on disk, and you have unsaved edits here.", path_.c_str());
    if (ImGui::Button("Reload, discarding my edits")) {
      dirty_ = false;
      open(path_);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep my edits")) {
      std::error_code ec;
      file_time_ = std::filesystem::last_write_time(path_, ec);  // ask again only on the next change
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (quit_asked_ || !pending_open_.empty()) ImGui::OpenPopup("Unsaved edits");
  if (ImGui::BeginPopupModal("Unsaved edits", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("%s has unsaved edits.", path_.c_str());
    const auto finish = [&](bool keep_going) {
      if (quit_asked_) quit_confirmed_ = keep_going;
      if (!pending_open_.empty() && keep_going) {
        const std::string next = pending_open_;
        pending_open_.clear();
        dirty_ = false;
        open(next);
      }
      quit_asked_ = false;
      pending_open_.clear();
      ImGui::CloseCurrentPopup();
    };
    if (ImGui::Button("Save")) finish(save(path_));
    ImGui::SameLine();
    if (ImGui::Button("Discard")) finish(true);
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) finish(false);
    ImGui::EndPopup();
  }
}

void App::draw_menu() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    ImGui::SetNextItemWidth(360);
    ImGui::InputTextWithHint("##open", "scenario file path", open_path_, sizeof open_path_);
    ImGui::SameLine();
    if (ImGui::Button("Open")) open(open_path_);
    if (ImGui::MenuItem("Save", "Ctrl+S", false, dirty_)) save(path_);
    ImGui::SetNextItemWidth(360);
    ImGui::InputTextWithHint("##saveas", "save as path", save_as_path_, sizeof save_as_path_);
    ImGui::SameLine();
    if (ImGui::Button("Save as") && save_as_path_[0] != '\0') save(save_as_path_);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    if (ImGui::MenuItem("Undo", "Ctrl+Z", false, !undo_.empty())) undo();
    if (ImGui::MenuItem("Redo", "Ctrl+Y", false, !redo_.empty())) redo();
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
