// App: opening scenarios, taking edits, starting runs and taking their
// results, and the frame's overall layout (menu, canvas, side panel with its
// tabs, status bar).
#include "app.hpp"

#include <algorithm>
#include <cmath>
#include <thread>
#include <unordered_map>

#include "journeysim/graph/atomic_file.hpp"
#include "journeysim/graph/scenario_writer.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

namespace {

// A scenario file as read: its text and what the loader made of it, or the
// reason it could not be read.
struct ScenarioFile {
  std::optional<std::string> text;
  LoadResult loaded;
  Diagnostics unreadable;  // why the text could not be read (missing, a folder, ...)
  const Diagnostics& problems() const { return text ? loaded.diagnostics : unreadable; }
};

ScenarioFile read_scenario(const std::string& path) {
  ScenarioFile file;
  file.text = read_text_file(path, file.unreadable);
  if (file.text) file.loaded = load_scenario_text(*file.text);
  return file;
}

std::string error_count_text(std::size_t errors) {
  return std::to_string(errors) + (errors == 1 ? " error" : " errors");
}

std::shared_ptr<const Scenario> named(const Scenario& scenario, const std::string& fallback_name) {
  auto named_scenario = std::make_shared<Scenario>(scenario);
  if (named_scenario->name.empty()) named_scenario->name = fallback_name;
  return named_scenario;
}

}  // namespace

bool App::open(const std::string& path) {
  if (dirty_ && path != path_) {
    pending_open_ = path;  // asked about in draw_dialogs()
    return false;
  }
  const ScenarioFile file = read_scenario(path);
  const LoadResult& loaded = file.loaded;
  if (!loaded.ok()) {
    note_file_problems(path, file.problems().error_count(),
                       format_diagnostics(file.problems(), path, loaded.document.get()));
    return false;
  }
  file_problems_.reset();
  disk_question_.reset();
  original_ = loaded.document;
  edited_ = original_->root();
  undo_.clear();
  redo_.clear();
  dirty_ = false;
  edit_errors_.clear();
  std::error_code ec;
  file_time_ = std::filesystem::last_write_time(path, ec);
  const bool same_file = path == path_;
  path_ = path;
  std::shared_ptr<const Scenario> scenario = named(*loaded.scenario, std::filesystem::path(path).stem().string());
  if (!same_file) {
    pinned_.reset();
    selected_id_.clear();
    selected_transition_.clear();
    highlighted_path_.reset();
    what_if_ = -1;
    view_.fit_requested = true;
    run_options_.customers = scenario->customers;
    run_options_.seed = scenario->seed;
    // Leave a core to the UI thread so frames stay quick; results do not depend on it.
    run_options_.threads = std::max(2u, std::thread::hardware_concurrency()) - 1;  // (0: unknown)
  }
  adopt(std::move(scenario), !same_file);
  status_ = (same_file ? "Reloaded " : "Opened ") + path;
  return true;
}

void App::adopt(std::shared_ptr<const Scenario> scenario, bool new_file) {
  scenario_ = std::move(scenario);
  if (what_if_ >= static_cast<int>(scenario_->what_if.size())) what_if_ = -1;
  if (new_file) {
    outcome_.reset();
    report_ = nullptr;
  }
  refresh_shown();
  start_run();
}

void App::refresh_shown() {
  const std::shared_ptr<const Scenario> before = shown_;
  removed_by_what_if_.clear();
  added_by_what_if_.clear();
  shown_ = scenario_;
  shown_variant_.reset();
  if (what_if_ >= 0) {
    Diagnostics diagnostics;  // the loader validated every variant already
    shown_variant_ = apply_what_if(*scenario_, static_cast<std::size_t>(what_if_), diagnostics);
    if (const std::optional<Variant>& variant = shown_variant_) {
      shown_ = std::make_shared<const Scenario>(variant_structure(*scenario_, *variant));
      removed_by_what_if_.insert(variant->removed_touchpoints.begin(), variant->removed_touchpoints.end());
      for (const Touchpoint& t : shown_->touchpoints) {
        if (!scenario_->find_touchpoint(t.id)) added_by_what_if_.insert(t.id);
      }
    }
  }
  // A new layout only when the structure changed: an edited probability keeps every box in place.
  const auto same_structure = [&] {
    if (!before || before->touchpoints.size() != shown_->touchpoints.size() ||
        before->transitions.size() != shown_->transitions.size()) {
      return false;
    }
    for (std::size_t i = 0; i < before->touchpoints.size(); ++i) {
      const Touchpoint& a = before->touchpoints[i];
      const Touchpoint& b = shown_->touchpoints[i];
      if (a.id != b.id || a.stage != b.stage || a.outcome != b.outcome || a.name != b.name) return false;
    }
    for (std::size_t k = 0; k < before->transitions.size(); ++k) {
      if (before->transitions[k].from != shown_->transitions[k].from ||
          before->transitions[k].to != shown_->transitions[k].to) {
        return false;
      }
    }
    return true;
  };
  colours_ = JourneyColours({scenario_.get(), shown_.get()});
  if (!same_structure()) {
    layout_ = layout_journey(*shown_);
    highlighted_path_.reset();
  }
  index_figures();
}

void App::index_figures() {
  ++figures_generation_;
  touchpoint_figure_index_.assign(shown_ ? shown_->touchpoints.size() : 0, std::nullopt);
  transition_figure_index_.assign(shown_ ? shown_->transitions.size() : 0, std::nullopt);
  if (!report_ || !shown_) return;
  std::unordered_map<std::string, std::size_t> touchpoints, transitions;
  for (std::size_t i = 0; i < report_->touchpoints.size(); ++i) touchpoints.emplace(report_->touchpoints[i].id, i);
  for (std::size_t i = 0; i < report_->transitions.size(); ++i) transitions.emplace(report_->transitions[i].label, i);
  for (std::size_t i = 0; i < shown_->touchpoints.size(); ++i) {
    if (const auto found = touchpoints.find(shown_->touchpoints[i].id); found != touchpoints.end()) {
      touchpoint_figure_index_[i] = found->second;
    }
  }
  for (std::size_t k = 0; k < shown_->transitions.size(); ++k) {
    if (const auto found = transitions.find(shown_->transition_label(k)); found != transitions.end()) {
      transition_figure_index_[k] = found->second;
    }
  }
  // Each flow's colour: the colours of the endings its travellers reach, mixed by share.
  flow_colours_.assign(shown_->transitions.size(), IM_COL32(190, 190, 200, 160));
  for (std::size_t k = 0; k < shown_->transitions.size(); ++k) {
    const TransitionFigures* f = transition_figures(k);
    if (!f) continue;
    double total = 0, r = 0, g = 0, b = 0;
    for (const auto& [ending, count] : f->by_ending) {
      const auto e = shown_->find_touchpoint(ending);
      const ImU32 c = colours_.outcome(e ? shown_->touchpoints[*e].outcome : ending);  // "active", "unfinished"
      const double w = static_cast<double>(count);
      r += w * ((c >> IM_COL32_R_SHIFT) & 0xFF);
      g += w * ((c >> IM_COL32_G_SHIFT) & 0xFF);
      b += w * ((c >> IM_COL32_B_SHIFT) & 0xFF);
      total += w;
    }
    if (total > 0) {
      flow_colours_[k] =
          IM_COL32(static_cast<int>(r / total), static_cast<int>(g / total), static_cast<int>(b / total), 215);
    }
  }
}

const TouchpointFigures* App::touchpoint_figures(std::size_t touchpoint) const {
  if (!report_ || touchpoint >= touchpoint_figure_index_.size() || !touchpoint_figure_index_[touchpoint])
    return nullptr;
  return &report_->touchpoints[*touchpoint_figure_index_[touchpoint]];
}

const TransitionFigures* App::transition_figures(std::size_t transition) const {
  if (!report_ || transition >= transition_figure_index_.size() || !transition_figure_index_[transition])
    return nullptr;
  return &report_->transitions[*transition_figure_index_[transition]];
}

const VariantComparison* App::comparison() const {
  if (!outcome_ || !outcome_->comparison || outcome_->comparison->variants.empty()) return nullptr;
  return &outcome_->comparison->variants.front();
}

std::vector<FieldChange> App::what_if_changes_at_selection() const {
  if (!shown_variant_) return {};
  if (const auto t = selected_touchpoint())
    return touchpoint_changes(*scenario_, *shown_variant_, shown_->touchpoints[*t].id);
  if (const auto k = selected_transition()) {
    const Transition& tr = shown_->transitions[*k];
    return transition_changes(*scenario_, *shown_variant_, shown_->touchpoints[tr.from].id,
                              shown_->touchpoints[tr.to].id);
  }
  return {};
}

std::string App::segment_name(const std::string& id) const {
  for (const Segment& segment : scenario_->segments) {
    if (segment.id == id && !segment.name.empty()) return segment.name;
  }
  return id;
}

std::optional<std::size_t> App::selected_touchpoint() const {
  if (!shown_ || selected_id_.empty()) return std::nullopt;
  return shown_->find_touchpoint(selected_id_);
}

std::optional<std::size_t> App::selected_transition() const {
  if (!shown_ || selected_transition_.empty()) return std::nullopt;
  for (std::size_t k = 0; k < shown_->transitions.size(); ++k) {
    if (shown_->transition_label(k) == selected_transition_) return k;
  }
  return std::nullopt;
}

std::optional<std::size_t> App::editable_touchpoint(std::size_t shown) const {
  return scenario_->find_touchpoint(shown_->touchpoints[shown].id);
}

std::optional<std::size_t> App::editable_transition(std::size_t shown) const {
  const auto from = scenario_->find_touchpoint(shown_->touchpoints[shown_->transitions[shown].from].id);
  const auto to = scenario_->find_touchpoint(shown_->touchpoints[shown_->transitions[shown].to].id);
  if (!from || !to) return std::nullopt;
  return scenario_->find_transition(*from, *to);
}

bool App::apply_edit(DocumentEdit edit, const std::string& what) {
  if (!edit.ok()) {
    edit_errors_ = {what + ": " + edit.problem};
    return false;
  }
  return apply_edit(std::move(edit.document), what);
}

bool App::apply_edit(Json candidate, const std::string& what) {
  // Validate the edited document exactly as a file would be: through its text.
  const LoadResult loaded = load_scenario_text(render_document(*original_, candidate));
  if (!loaded.ok()) {
    edit_errors_ = format_diagnostics(loaded.diagnostics, path_, loaded.document.get());
    if (edit_errors_.empty()) edit_errors_ = {"the edit makes the scenario invalid"};
    return false;
  }
  edit_errors_.clear();
  // Dragging a slider edits every frame: one undo step for the whole drag
  // (a new drag of the same slider is a new step).
  const bool continuing = !undo_.empty() && what == last_edit_ && ImGui::GetCurrentContext() &&
                          ImGui::IsAnyItemActive() && !ImGui::IsItemActivated();
  if (!continuing) undo_.push_back(edited_);
  last_edit_ = what;
  redo_.clear();
  edited_ = std::move(candidate);
  dirty_ = edited_ != original_->root();
  ++edits_taken_;
  adopt(named(*loaded.scenario, scenario_->name), false);
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
  edit_errors_.clear();
  last_edit_.clear();
  adopt(named(*loaded.scenario, scenario_->name), false);
  status_ = done;
  return true;
}

bool App::undo() { return step_history(undo_, redo_, "Undone"); }

bool App::redo() { return step_history(redo_, undo_, "Redone"); }

bool App::save(const std::string& path) {
  if (!original_) return false;
  if (path == path_) {
    // Another editor may have saved the file since it was read here, within
    // the second before the poll would notice: look now, and ask.
    const ScenarioFile disk = read_scenario(path);
    if (!disk.text) {
      disk_question_ = DiskQuestion{"is no longer on disk (deleted or moved) since it was read here", false};
      return false;
    }
    if (*disk.text != original_->text()) {
      disk_question_ = DiskQuestion{"changed on disk since it was read here", disk.loaded.ok()};
      return false;
    }
  }
  return write_document(path);
}

bool App::write_document(const std::string& path) {
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
  disk_question_.reset();
  if (file_problems_ && file_problems_->path == path) file_problems_.reset();  // what is on disk is ours now
  status_ = "Saved " + path;
  return true;
}

void App::answer_disk_question(DiskAnswer answer) {
  if (!disk_question_) return;
  disk_question_.reset();
  switch (answer) {
    case DiskAnswer::reload:
      dirty_ = false;
      open(path_);
      break;
    case DiskAnswer::overwrite: write_document(path_); break;
    case DiskAnswer::keep_mine: {
      std::error_code ec;
      file_time_ = std::filesystem::last_write_time(path_, ec);  // ask again only on the next change, or at Save
      status_ = "Kept your edits; the file on disk differs from them";
      break;
    }
  }
}

void App::note_file_problems(const std::string& path, std::size_t errors, std::vector<std::string> lines) {
  const bool open_file = scenario_ && path == path_;
  FileProblems problems;
  problems.path = path;
  problems.summary = open_file ? path + " on disk cannot be loaded (" + error_count_text(errors) +
                                     "): showing the version last loaded, until the file is valid again"
                               : "Cannot open " + path + ": " + error_count_text(errors);
  problems.lines = std::move(lines);
  file_problems_ = std::move(problems);
}

std::string App::edit_error() const {
  std::string text;
  for (const std::string& line : edit_errors_) text += (text.empty() ? "" : "\n") + line;
  return text;
}

std::string App::status_line() const {
  std::string line;
  if (file_problems_) line += file_problems_->summary + "  |  ";
  if (dirty_) line += "unsaved edits  |  ";
  return line + status_;
}

std::vector<std::string> App::file_problems() const {
  return file_problems_ ? file_problems_->lines : std::vector<std::string>{};
}

bool App::request_quit() {
  if (!dirty_ || quit_confirmed_) return true;
  quit_asked_ = true;
  return false;
}

// Strategists edit the JSON in their editor too: notice when the file
// changes, reload at once when nothing here is unsaved, ask otherwise. A file
// that is broken, missing or a folder (an editor half-way through saving, a
// checkout switching branches) keeps a notice on screen until it loads again.
void App::check_file_on_disk() {
  if (path_.empty() || !scenario_ || ImGui::GetTime() - last_disk_check_ < 1.0) return;
  last_disk_check_ = ImGui::GetTime();
  std::error_code ec;
  const auto now = std::filesystem::last_write_time(path_, ec);
  if (ec) {
    if (!file_problems_ || file_problems_->path != path_) {
      FileProblems missing;
      missing.path = path_;
      missing.summary =
          path_ + " is missing on disk (deleted or moved): showing the version last loaded; Save writes it again";
      missing.lines = {path_ + ": error: the file is no longer there; restore it, or Save to write this version again"};
      file_problems_ = std::move(missing);
    }
    file_time_ = {};  // whatever appears there next is looked at
    return;
  }
  if (now == file_time_) return;
  file_time_ = now;
  const ScenarioFile disk = read_scenario(path_);
  if (!disk.loaded.ok()) {
    note_file_problems(path_, disk.problems().error_count(),
                       format_diagnostics(disk.problems(), path_, disk.loaded.document.get()));
    return;  // keep what is shown
  }
  if (file_problems_ && file_problems_->path == path_) file_problems_.reset();  // valid again
  if (*disk.text == original_->text()) return;                                  // back to what is here
  if (!dirty_) {
    open(path_);
  } else {
    disk_question_ = DiskQuestion{"changed on disk, and you have unsaved edits here", true};
  }
}

void App::wait_for_run() {
  task_.wait();
  poll_simulation();
}

void App::start_run() {
  if (!scenario_) return;
  SimulationRequest request;
  request.options = run_options_;
  request.scenario = scenario_;
  if (what_if_ >= 0) {
    request.variant = shown_variant_;
    request.comparison_label =
        "what-if " + in_quotes(scenario_->what_if[static_cast<std::size_t>(what_if_)].name) + " against the scenario";
  } else if (pinned_) {
    // The edited scenario as a variant of the pinned one, on the same customers.
    std::string why_not;
    request.variant = variant_from_edit(*pinned_, *scenario_, "your edits", &why_not);
    if (request.variant) {
      request.scenario = pinned_;
      request.comparison_label = "your edits against the pinned baseline";
    } else {
      pinned_.reset();
      status_ = "Baseline unpinned: " + why_not;
    }
  }
  task_.start(std::move(request));
}

bool App::select(const std::string& id) {
  if (!shown_) return false;
  if (shown_->find_touchpoint(id)) {
    selected_id_ = id;
    selected_transition_.clear();
    return true;
  }
  for (std::size_t k = 0; k < shown_->transitions.size(); ++k) {
    if (shown_->transition_label(k) == id) {
      selected_transition_ = id;
      selected_id_.clear();
      return true;
    }
  }
  return false;
}

bool App::show_what_if(const std::string& name) {
  if (!scenario_) return false;
  for (std::size_t w = 0; w < scenario_->what_if.size(); ++w) {
    if (scenario_->what_if[w].name != name) continue;
    what_if_ = static_cast<int>(w);
    refresh_shown();
    start_run();
    return true;
  }
  return false;
}

void App::pin_baseline() {
  pinned_ = scenario_;
  status_ = "Pinned the scenario as it is now: runs of your edits are paired against it";
}

void App::poll_simulation() {
  auto finished = task_.take();
  if (!finished) return;
  if (finished->cancelled) {
    status_ = "Run cancelled";
    return;
  }
  outcome_ = std::move(finished);
  report_ = &outcome_->report;
  index_figures();
  const RunOptions& o = outcome_->request.options;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", outcome_->seconds);
  status_ = "Simulated " + grouped_count(report_->customers) + " customers in " + seconds + " s (seed " +
            std::to_string(o.seed) + ", " + std::to_string(o.threads) + (o.threads == 1 ? " thread)" : " threads)");
  if (report_->unfinished > 0) {
    status_ += "; WARNING: " + grouped_count(report_->unfinished) + " customers reached max_steps without an ending";
  }
}

bool App::question_open() const {
  return disk_question_ || quit_asked_ || !pending_open_.empty() ||
         ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
}

void App::handle_shortcuts() {
  // While a question is open, its buttons are the only way on: Ctrl+S must
  // not save past "changed on disk", nor Ctrl+Z undo under a dialog.
  if (question_open()) return;
  const ImGuiIO& io = ImGui::GetIO();
  // Dear ImGui 1.86 reads letters by the platform's key codes (GLFW: ASCII capitals).
  if (io.KeyCtrl && !io.WantTextInput && ImGui::IsKeyPressed('Z')) io.KeyShift ? redo() : undo();
  if (io.KeyCtrl && !io.WantTextInput && ImGui::IsKeyPressed('Y')) redo();
  if (io.KeyCtrl && ImGui::IsKeyPressed('S')) {
    if (dirty_) save(path_);
  }
  if (io.KeyCtrl && ImGui::IsKeyPressed('O')) open_dialog_requested_ = true;
  if (io.KeyCtrl && ImGui::IsKeyPressed('R') && !task_.running()) start_run();
  if (!io.WantTextInput && !io.KeyCtrl && ImGui::IsKeyPressed('F')) view_.fit_requested = true;
  if (!io.WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    selected_id_.clear();
    selected_transition_.clear();
    highlighted_path_.reset();
  }
}

void App::frame(ImVec2 display) {
  poll_simulation();
  poll_export();
  poll_sweep();
  poll_fix_first();
  check_file_on_disk();
  handle_shortcuts();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(display);
  ImGui::Begin("journeysim", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_MenuBar |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_menu();
  if (file_problems_) draw_file_problems(ImGui::GetContentRegionAvail().x);
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const float side_width = std::clamp(available.x * 0.34f, std::min(460.0f, available.x * 0.5f), 640.0f);
  const float status_height = ImGui::GetFrameHeightWithSpacing();
  draw_canvas(ImVec2(available.x - side_width - ImGui::GetStyle().ItemSpacing.x, available.y - status_height));
  ImGui::SameLine();
  draw_side_panel(ImVec2(side_width, available.y - status_height));
  draw_status_bar();
  draw_dialogs();
  ImGui::End();
}

void App::draw_status_bar() {
  if (file_problems_) {
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", file_problems_->summary.c_str());
    ImGui::SameLine();
  }
  if (dirty_) {
    ImGui::TextColored(ImVec4(0.75f, 0.45f, 0.0f, 1.0f), "unsaved edits");
    ImGui::SameLine();
  }
  ImGui::TextDisabled("%s", status_.c_str());
}

// Every problem of a file that could not be loaded, above the canvas: the
// status bar has room for one line, a broken file may have many.
void App::draw_file_problems(float width) {
  const FileProblems& problems = *file_problems_;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float shown_lines = static_cast<float>(std::min<std::size_t>(problems.lines.size(), 6));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.94f, 0.93f, 1.0f));
  ImGui::BeginChild("file_problems", ImVec2(width, (shown_lines + 1.6f) * line), true);
  ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", problems.summary.c_str());
  bool dismissed = false;
  if (problems.path != path_ || !scenario_) {  // another file's: the user may put it aside
    ImGui::SameLine();
    dismissed = ImGui::SmallButton("Dismiss");
  }
  ImGui::PushTextWrapPos(0.0f);
  for (const std::string& text : problems.lines) ImGui::BulletText("%s", text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  if (dismissed) file_problems_.reset();
}

void App::draw_menu() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open...", "Ctrl+O")) open_dialog_requested_ = true;
    if (ImGui::MenuItem("Reload from disk", nullptr, false, !path_.empty())) open(path_);
    if (ImGui::MenuItem("Save", "Ctrl+S", false, dirty_)) save(path_);
    if (ImGui::MenuItem("Save as...", nullptr, false, original_ != nullptr)) save_as_dialog_requested_ = true;
    if (ImGui::MenuItem("Export report...", nullptr, false, scenario_ != nullptr)) export_dialog_requested_ = true;
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(
          "One HTML page to share: the journey map, the KPIs, every what-if ranked by return and what "
          "to fix first (the file journeysim report writes)");
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Alt+F4") && request_quit()) quit_confirmed_ = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    if (ImGui::MenuItem("Undo", "Ctrl+Z", false, !undo_.empty())) undo();
    if (ImGui::MenuItem("Redo", "Ctrl+Y", false, !redo_.empty())) redo();
    ImGui::Separator();
    const bool editable = scenario_ != nullptr;
    if (ImGui::MenuItem("Add a touchpoint on a flow...", nullptr, false, editable)) {
      open_add_touchpoint_dialog(NewTouchpointForm::Kind::on_flow);
    }
    if (ImGui::MenuItem("Add an ending...", nullptr, false, editable))
      open_add_touchpoint_dialog(NewTouchpointForm::Kind::ending);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Fit to window", "F")) view_.fit_requested = true;
    ImGui::MenuItem("Legend", nullptr, &view_.show_legend);
    if (ImGui::MenuItem("Clear selection", "Esc")) {
      selected_id_.clear();
      selected_transition_.clear();
      highlighted_path_.reset();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Run")) {
    if (ImGui::MenuItem("Run again", "Ctrl+R", false, scenario_ && !task_.running())) start_run();
    if (ImGui::MenuItem("Cancel the run", nullptr, false, task_.running())) task_.cancel();
    if (ImGui::MenuItem("Sweep a parameter...", nullptr, false, scenario_ != nullptr)) sweep_dialog_requested_ = true;
    ImGui::EndMenu();
  }
  if (scenario_) {
    ImGui::Separator();
    heading(scenario_->name.c_str());
    ImGui::TextDisabled("%s%s", path_.c_str(), dirty_ ? "  (edited)" : "");
  }
  ImGui::EndMenuBar();
}

void App::draw_side_panel(ImVec2 size) {
  ImGui::BeginChild("side", size, false);
  draw_run_controls();
  if (!scenario_) {
    ImGui::EndChild();
    return;
  }
  if (ImGui::BeginTabBar("side_tabs")) {
    struct Tab {
      const char* label;
      SideTab which;
      void (App::*draw)();
      bool needs_report;
    };
    static constexpr Tab tabs[] = {{"Figures", SideTab::figures, &App::draw_figures_tab, true},
                                   {"Charts", SideTab::charts, &App::draw_charts_tab, true},
                                   {"Paths", SideTab::paths, &App::draw_paths_tab, true},
                                   {"Fix first", SideTab::fix_first, &App::draw_fix_first_tab, false},
                                   {"Inspect and edit", SideTab::inspect, &App::draw_inspect_tab, false}};
    for (const Tab& tab : tabs) {
      const ImGuiTabItemFlags flags = requested_tab_ == tab.which ? ImGuiTabItemFlags_SetSelected : 0;
      if (!ImGui::BeginTabItem(tab.label, nullptr, flags)) continue;
      ImGui::BeginChild(tab.label);
      if (tab.needs_report && !report_) {
        ImGui::TextDisabled(task_.running() ? "Simulating..." : "No figures yet: press Run.");
      } else {
        (this->*tab.draw)();
      }
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    requested_tab_.reset();
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
}

}  // namespace journeysim::viewer
