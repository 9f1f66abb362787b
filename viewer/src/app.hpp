// The viewer application: its state (the scenario, the latest report, the
// selection, the view) and one frame of UI. Panels live in their own files
// (canvas.cpp, panels.cpp); simulation runs in SimulationTask, never here.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/viewer/layout.hpp"
#include "journeysim/viewer/simulation_task.hpp"

namespace journeysim::viewer {

struct ViewState {
  ImVec2 pan{0, 0};
  float zoom = 1.0f;
  float stretch = 1.0f;  // extra vertical spacing between rows, to use a tall canvas
  bool fit_requested = true;
};

class App {
 public:
  // Loads a scenario file; problems become the status message.
  bool open(const std::string& path);
  void start_run();
  // Builds one frame; `display` is the window's size in pixels.
  void frame(ImVec2 display);

  bool simulation_running() const { return task_.running(); }
  bool has_report() const { return report_ != nullptr; }
  void select(const std::string& id);  // a touchpoint id, or FROM->TO for a transition
  RunOptions& run_options() { return run_options_; }

  // Editing: every edit is a new document, validated by the loader before it
  // is accepted; undo and redo step through documents.
  bool dirty() const { return dirty_; }
  bool apply_edit(Json candidate, const std::string& what);
  bool undo();
  bool redo();
  bool save(const std::string& path);
  // The window asks before closing: true when it may close now.
  bool request_quit();
  bool quit_confirmed() const { return quit_confirmed_; }
  const Json& document() const { return edited_; }
  const RunReport* report() const { return report_; }
  const std::string& edit_error() const { return edit_error_; }
  const std::string& path() const { return path_; }

 private:
  void poll_simulation();
  void draw_menu();
  void draw_canvas(ImVec2 size);
  void draw_side_panel(ImVec2 size);
  void draw_run_controls();
  void draw_kpi_cards();
  void draw_outcomes_chart();
  void draw_funnel_chart();
  void draw_nps_chart();
  void draw_paths();
  void draw_inspector();
  void draw_segments();
  void draw_retention_chart();
  void draw_editor();
  void draw_transition_inspector();
  void draw_dialogs();
  void check_file_on_disk();
  bool step_history(std::vector<Json>& from, std::vector<Json>& to, const std::string& done);
  // Replaces the scenario after a successful load or edit, keeping the view.
  void adopt(std::shared_ptr<const Scenario> scenario, bool structure_changed);

  std::string path_;
  std::shared_ptr<const Scenario> scenario_;
  std::shared_ptr<const Scenario> pinned_;  // the baseline of paired runs
  Layout layout_;
  std::shared_ptr<const SimulationOutcome> outcome_;
  const RunReport* report_ = nullptr;
  SimulationTask task_;
  RunOptions run_options_;
  ViewState view_;
  std::optional<std::size_t> selected_;             // a touchpoint
  std::optional<std::size_t> selected_transition_;  // or a transition
  std::optional<std::size_t> highlighted_path_;
  int path_filter_ = 0;
  int what_if_ = -1;  // the scenario's what-if being shown, -1 for none  // 0: all endings, else index into the scenario's outcome kinds + 1
  std::string status_;
  char open_path_[512] = {};
  char save_as_path_[512] = {};

  std::shared_ptr<const JsonDocument> original_;  // the file as last read or saved
  Json edited_;                                    // the current document
  std::vector<Json> undo_, redo_;
  bool dirty_ = false;
  std::string edit_error_;
  std::string last_edit_;
  std::filesystem::file_time_type file_time_{};
  double last_disk_check_ = 0.0;
  bool changed_on_disk_ = false;
  bool quit_asked_ = false;
  bool quit_confirmed_ = false;
  std::string pending_open_;  // an open waiting for the unsaved-changes answer
};

// Colours shared by the canvas and the charts.
ImU32 channel_colour(const std::string& channel);
ImU32 outcome_colour(const std::string& kind);

}  // namespace journeysim::viewer
