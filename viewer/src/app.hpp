// The viewer application: its state (the scenario document and its edits,
// the latest simulation result, the selection, the view) and one frame of
// UI. Each panel is drawn in a file of its own (canvas.cpp, run_panel.cpp,
// figures_panel.cpp, charts_panel.cpp, paths_panel.cpp, inspector.cpp,
// dialogs.cpp, report_export.cpp, sweep_panel.cpp); simulations, exports and
// sweeps run in BackgroundJobs, never here.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <imgui.h>

#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/report/sweep_chart.hpp"
#include "journeysim/sim/fix_first.hpp"
#include "journeysim/sim/report.hpp"
#include "journeysim/viewer/document_edits.hpp"
#include "journeysim/graph/layout.hpp"
#include "journeysim/viewer/background_job.hpp"
#include "journeysim/viewer/simulation_task.hpp"
#include "journeysim/viewer/what_if_fields.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

// "queue: mean wait 1.4 min, 38.2% waited, 4.1% gave up, service level 71.0%" (queue_panel.cpp).
std::string queue_summary_text(const QueueFigures& queue);
// The canvas's mark on a touchpoint with agents: a tag "queue, N agents"
// (the most on duty at once) over the box's top right corner.
void draw_queue_badge(ImDrawList* draw, const Touchpoint& touchpoint, float right, float top, float font_size);

struct ViewState {
  ImVec2 pan{0, 0};
  float zoom = 1.0f;
  float stretch = 1.0f;  // extra vertical spacing between rows, to use a tall canvas
  bool fit_requested = true;
  bool show_legend = true;
  bool panning = false;  // a left-drag that started on empty canvas
};

enum class SideTab { figures, charts, paths, fix_first, inspect };

// A new touchpoint being described in the "Add" dialog.
struct NewTouchpointForm {
  enum class Kind { on_flow, ending } kind = Kind::on_flow;
  char id[64] = {};
  char name[128] = {};
  int stage = 0;    // index into the scenario's stages
  int channel = 0;  // index into the channel vocabulary
  int outcome = 0;  // index into the outcome vocabulary
  int flow = 0;     // on_flow: the transition it goes on
  int from = 0;     // ending: the touchpoint it is reached from
  float p = 0.1f;   // ending: with this probability
  std::string problem;
};

class App {
 public:
  // Loads a scenario file; problems become the status message.
  bool open(const std::string& path);
  void start_run();
  // Builds one frame; `display` is the window's size in pixels.
  void frame(ImVec2 display);

  bool simulation_running() const { return task_.running(); }
  // File > Export report: `journeysim report` of the scenario as it is now
  // (every what-if, "what to fix first" unless it has queues, the run
  // options shown) written to `path`, simulated in the background.
  void export_report(const std::string& path);
  bool export_running() const { return export_job_.running(); }
  // Run > Sweep: each value of `set` (PATH=A..B[:STEP], as `journeysim
  // sweep --set` reads it) paired against the scenario, for the Charts tab's
  // curves of `kpis` (none: the sweep command's). False, with the reason as
  // the status, when the sweep cannot be made.
  bool start_sweep(const std::string& set, const std::vector<std::string>& kpis = {});
  bool sweep_running() const { return sweep_job_.running(); }
  bool has_sweep() const { return sweep_ != nullptr; }
  const report::SweepCurves* sweep_curves() const { return sweep_ ? &sweep_->curves : nullptr; }
  // "What to fix first": every lever of the scenario as it is now ranked by
  // its paired change of `kpi` (empty: churn, else conversion, else lost),
  // in the background, a few levers at a time; the Fix first tab shows the
  // ranking so far while it runs. False when there is no KPI to rank by.
  bool start_fix_first(const std::string& kpi = {});
  bool fix_first_running() const { return fix_first_job_.running(); }
  // The finished ranking, else the one so far, else null.
  std::shared_ptr<const FixFirstRanking> fix_first_ranking() const;
  void wait_for_fix_first();
  // Block until the export or sweep under way has finished, and take its
  // result in: for tests and --export-report, which wait on the work itself.
  // wait_for_export says whether the report was written (the status says why not).
  bool wait_for_export();
  void wait_for_sweep();
  bool has_report() const { return report_ != nullptr; }
  // Blocks until the run under way has finished and takes its figures in:
  // for tests and screenshots, which wait on the run, never on a clock.
  void wait_for_run();
  // A touchpoint id, or FROM->TO for a transition; false when there is none such.
  bool select(const std::string& id);
  void show_tab(SideTab tab) { requested_tab_ = tab; }
  // Shows one of the scenario's what-ifs paired against it; false when there is none of that name.
  bool show_what_if(const std::string& name);
  void pin_baseline();
  RunOptions& run_options() { return run_options_; }
  ViewState& view() { return view_; }

  // Editing: every edit is a new document, validated by the loader before it
  // is accepted; undo and redo step through documents.
  bool dirty() const { return dirty_; }
  std::size_t edits_taken() const { return edits_taken_; }  // edits validated and taken since the start
  bool apply_edit(Json candidate, const std::string& what);
  bool apply_edit(DocumentEdit edit, const std::string& what);
  bool undo();
  bool redo();
  bool save(const std::string& path);
  // The window asks before closing: true when it may close now.
  bool request_quit();
  bool quit_confirmed() const { return quit_confirmed_; }
  const Json& document() const { return edited_; }
  const Scenario* scenario() const { return scenario_.get(); }
  const RunReport* report() const { return report_; }
  // Every problem the loader found with the last edit refused, one per line.
  std::string edit_error() const;
  const std::string& status() const { return status_; }
  // The status bar as one line: a file that cannot be loaded (kept until it
  // can), unsaved edits, then the last thing done.
  std::string status_line() const;
  // Every problem of the file that could not be opened (the open one, broken
  // on disk, or another), in file order; empty when there is none.
  std::vector<std::string> file_problems() const;

  // The question asked when the open file changed on disk and there are
  // unsaved edits here: when the poll notices, and at Save (another editor
  // may have saved within the second before the poll).
  enum class DiskAnswer { reload, overwrite, keep_mine };
  bool disk_question_open() const { return disk_question_.has_value(); }
  void answer_disk_question(DiskAnswer answer);
  const std::string& path() const { return path_; }
  // The paired changes of the latest run, when it was a comparison (a what-if, or edits against a pinned baseline).
  const VariantComparison* comparison() const;
  // What the canvas's legend lists: the channels of the touchpoints shown
  // ("" for those without one) and every kind of ending a box or a flow's
  // colour can stand for, "active" and "unfinished" included.
  struct LegendEntries {
    std::vector<std::string> channels, endings;
  };
  LegendEntries legend_entries() const;
  const JourneyColours& colours() const { return colours_; }
  // With a what-if shown: what it changes at the selected touchpoint or
  // transition (the inspector shows these values, marked as the what-if's).
  std::vector<FieldChange> what_if_changes_at_selection() const;
  bool baseline_pinned() const { return pinned_ != nullptr; }
  // A point inside touchpoint `id`'s box as the canvas last drew it, in
  // screen coordinates (where a test puts the mouse to hover it); none
  // before the canvas has been drawn or when there is no such touchpoint.
  std::optional<ImVec2> touchpoint_on_screen(const std::string& id) const;

 private:
  // --- app.cpp: files, edits, runs, the frame's layout ---
  void poll_simulation();
  bool write_document(const std::string& path);
  // A dialog or question is open: its buttons, not the shortcuts, decide what happens next.
  bool question_open() const;
  void draw_file_problems(float width);
  void adopt(std::shared_ptr<const Scenario> scenario, bool new_file);
  void refresh_shown();  // what the canvas shows: the scenario, or the chosen what-if's variant of it
  void index_figures();
  bool step_history(std::vector<Json>& from, std::vector<Json>& to, const std::string& done);
  void check_file_on_disk();
  void handle_shortcuts();
  void draw_menu();
  void draw_status_bar();
  void draw_side_panel(ImVec2 size);

  // --- canvas.cpp ---
  void draw_canvas(ImVec2 size);
  // The boxes' text, made again only when the zoom, the structure or the report changes.
  void prepare_node_labels(float zoom, float font_size, float text_width);
  void draw_legend(ImVec2 origin, ImVec2 extent);

  // --- run_panel.cpp ---
  void draw_run_controls();
  void draw_background_jobs();  // an export's or a sweep's progress, with Cancel

  // --- report_export.cpp ---
  void poll_export();
  void draw_export_dialog();

  // --- fix_first_panel.cpp ---
  void poll_fix_first();
  void draw_fix_first_tab();

  // --- sweep_panel.cpp ---
  void poll_sweep();
  void draw_sweep_dialog();
  void draw_sweep_charts();

  // --- figures_panel.cpp ---
  void draw_figures_tab();
  void draw_kpi_cards();
  void draw_segment_changes(const VariantComparison& paired);
  void draw_endings();

  // --- charts_panel.cpp ---
  void draw_charts_tab();
  void draw_funnel_chart();
  void draw_nps_chart();
  void draw_emotion_curve();
  void draw_retention_chart();
  void draw_segments_table();

  // --- queue_panel.cpp ---
  void draw_queue_figures(const QueueFigures& queue);
  void draw_queue_week_chart(const QueueFigures& queue);
  void draw_queue_charts();
  // The report's figures of the queue at touchpoint `id`, or null.
  const QueueFigures* queue_figures(const std::string& id) const;

  // --- paths_panel.cpp ---
  void draw_paths_tab();

  // --- inspector.cpp ---
  void draw_inspect_tab();
  void draw_scenario_summary();
  void draw_touchpoint_inspector(std::size_t touchpoint);
  void draw_touchpoint_editor(std::size_t touchpoint);
  void draw_transition_inspector(std::size_t transition);
  void draw_observed_evidence(const Transition& transition, const Touchpoint& from);
  void draw_edit_error();
  void draw_what_if_values();

  // --- dialogs.cpp ---
  void draw_dialogs();
  // Opens `title` when `requested` (the path field starting at the open
  // file); while it is open, draws the field and returns true.
  bool begin_path_dialog(const char* title, bool& requested, const char* hint, bool& entered);
  void draw_open_dialog();
  void draw_save_as_dialog();
  void draw_add_touchpoint_dialog();
  void open_add_touchpoint_dialog(NewTouchpointForm::Kind kind);

  // Figures of the shown structure's touchpoint or transition i, from the
  // latest report (matched by id: the report may be a variant's, or from
  // before the last edit), or null when it has none.
  const TouchpointFigures* touchpoint_figures(std::size_t touchpoint) const;
  const TransitionFigures* transition_figures(std::size_t transition) const;
  // A segment's name for people (its id when it has none).
  std::string segment_name(const std::string& id) const;
  // The selection, in the shown structure.
  std::optional<std::size_t> selected_touchpoint() const;
  std::optional<std::size_t> selected_transition() const;
  // The selection's index in the editable scenario, when it is part of it.
  std::optional<std::size_t> editable_touchpoint(std::size_t shown) const;
  std::optional<std::size_t> editable_transition(std::size_t shown) const;

  // The file and its edits.
  std::string path_;
  std::shared_ptr<const JsonDocument> original_;  // the file as last read or saved
  Json edited_;                                   // the current document
  std::shared_ptr<const Scenario> scenario_;      // the current document's model
  std::vector<Json> undo_, redo_;
  bool dirty_ = false;
  std::vector<std::string> edit_errors_;
  std::string last_edit_;
  std::size_t edits_taken_ = 0;
  std::filesystem::file_time_type file_time_{};
  double last_disk_check_ = 0.0;
  // A file that could not be loaded: shown above the canvas, and for the open
  // file kept until the file on disk is valid again.
  struct FileProblems {
    std::string path;
    std::string summary;             // one line, for the status bar
    std::vector<std::string> lines;  // every diagnostic, in file order
  };
  std::optional<FileProblems> file_problems_;
  void note_file_problems(const std::string& path, std::size_t errors, std::vector<std::string> lines);
  struct DiskQuestion {
    std::string why;  // "changed on disk since it was read here"
    bool can_reload;  // what is on disk loads
  };
  std::optional<DiskQuestion> disk_question_;

  // What is shown: the scenario, or a what-if's variant of it.
  int what_if_ = -1;  // index into scenario_->what_if, -1 for none
  std::shared_ptr<const Scenario> shown_;
  std::optional<Variant> shown_variant_;  // the what-if's, when one is shown
  std::unordered_set<std::string> removed_by_what_if_;
  std::unordered_set<std::string> added_by_what_if_;
  Layout layout_;
  JourneyColours colours_;               // of the scenario's and the shown what-if's channels and endings
  float legend_height_ = 80;             // as last drawn: a fit keeps the journey clear of it
  std::optional<ImVec2> canvas_origin_;  // as last drawn

  // Runs.
  SimulationTask task_;
  RunOptions run_options_;
  std::shared_ptr<const Scenario> pinned_;  // the baseline of paired runs
  std::shared_ptr<const SimulationOutcome> outcome_;
  const RunReport* report_ = nullptr;
  std::vector<std::optional<std::size_t>> touchpoint_figure_index_;  // shown touchpoint -> report entry
  std::vector<std::optional<std::size_t>> transition_figure_index_;  // shown transition -> report entry
  std::vector<ImU32> flow_colours_;       // shown transition -> where its flow ends, as a colour
  std::uint64_t figures_generation_ = 0;  // counts changes of what is shown or of its figures: caches below key on it

  // The canvas's boxes: their text and height at the current zoom.
  struct NodeLabel {
    std::string first, second;  // the name, over two lines where it needs them
    std::string figures;        // "2.71% reach  CSAT 70.7%"
    float height = 0;
  };
  std::vector<NodeLabel> node_labels_;
  std::uint64_t labels_generation_ = 0;
  float labels_zoom_ = -1, labels_stretch_ = -1;

  // The view and the selection (by id, so that it survives edits and reloads).
  ViewState view_;
  std::string selected_id_;                      // a touchpoint id
  std::string selected_transition_;              // or a transition, FROM->TO
  std::optional<std::size_t> highlighted_path_;  // index into report_->paths
  // The path explorer's list for the current filter: report path index and
  // the customers on it who end that way, most first; made when the report
  // or the filter changes, not every frame.
  std::vector<std::pair<std::size_t, std::uint64_t>> ranked_paths_;
  std::uint64_t ranked_generation_ = 0;
  int ranked_for_filter_ = -1;
  int path_filter_ = 0;  // 0: all endings, else 1 + index into the outcome kinds
  std::optional<SideTab> requested_tab_;
  std::string status_;

  // Exports and sweeps, each in the background beside the runs.
  struct ExportOutcome {
    std::string path;
    std::string problem;  // why it was not written; empty when it was
    bool cancelled = false;
    double seconds = 0.0;
  };
  BackgroundJob<ExportOutcome> export_job_;
  void take_export(const ExportOutcome& outcome);  // its status line
  struct SweepOutcome {
    report::SweepCurves curves;
    std::vector<std::string> skipped;  // values that could not be simulated, with why
    RunOptions options;                // the customers and seed it was run with
    bool cancelled = false;
  };
  BackgroundJob<SweepOutcome> sweep_job_;
  std::shared_ptr<const SweepOutcome> sweep_;  // the last sweep finished
  BackgroundJob<FixFirstRanking> fix_first_job_;
  std::shared_ptr<LatestValue<FixFirstRanking>> fix_first_so_far_;  // published by the job as it runs
  std::shared_ptr<const FixFirstRanking> fix_first_;                // the last ranking finished
  std::string fix_first_kpi_;                                       // chosen in the tab

  // Dialogs.
  bool export_dialog_requested_ = false;
  bool sweep_dialog_requested_ = false;
  char sweep_input_[256] = {};
  std::vector<std::string> sweep_kpis_;  // chosen in the sweep dialog
  std::string sweep_problem_;            // why the dialog's sweep cannot be made
  bool open_dialog_requested_ = false;
  bool save_as_dialog_requested_ = false;
  bool add_dialog_requested_ = false;
  char path_input_[512] = {};
  std::vector<std::string> nearby_files_;  // the open dialog's list
  NewTouchpointForm new_touchpoint_;
  TextFields text_fields_;
  std::string editor_for_;      // the touchpoint the editor's choices below are for
  int remove_inflow_to_ = -1;   // "remove, sending its inflow to"
  int add_transition_to_ = -1;  // "add a way out to"
  bool quit_asked_ = false;
  bool quit_confirmed_ = false;
  std::string pending_open_;  // an open waiting for the unsaved-changes answer
};

}  // namespace journeysim::viewer
