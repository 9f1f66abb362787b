// The viewer's dialogs: open (with the scenario files nearby listed), save
// as, export report, adding a touchpoint or an ending, and the two questions that protect
// unsaved edits (quitting or opening another file, and the file changing on
// disk).
#include <algorithm>
#include <filesystem>

#include "app.hpp"
#include "journeysim/graph/text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

namespace {

// Scenario files a user is likely to want: beside the open file, and in the
// working directory and its scenarios/ folder.
std::vector<std::string> nearby_scenarios(const std::string& current) {
  namespace fs = std::filesystem;
  std::vector<fs::path> folders{fs::path("."), fs::path("scenarios")};
  if (!current.empty()) folders.insert(folders.begin(), fs::path(current).parent_path());
  std::vector<std::string> files;
  for (const fs::path& folder : folders) {
    std::error_code ec;
    if (folder.empty() || !fs::is_directory(folder, ec)) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec)) {
      if (entry.path().extension() != ".json" || !entry.is_regular_file(ec)) continue;
      std::string path = entry.path().lexically_normal().string();
      if (std::find(files.begin(), files.end(), path) == files.end()) files.push_back(std::move(path));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The report's name beside the scenario: online_store.json -> online_store.html.
std::string report_path_for(const std::string& scenario_path) {
  if (scenario_path.empty()) return "report.html";
  return std::filesystem::path(scenario_path).replace_extension(".html").string();
}

}  // namespace

void App::draw_dialogs() {
  draw_open_dialog();
  draw_save_as_dialog();
  draw_export_dialog();
  draw_sweep_dialog();
  draw_add_touchpoint_dialog();

  if (disk_question_ && !ImGui::IsPopupOpen("Changed on disk")) ImGui::OpenPopup("Changed on disk");
  if (ImGui::BeginPopupModal("Changed on disk", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (disk_question_) {
      const DiskQuestion question = *disk_question_;  // an answer below clears it
      ImGui::Text("%s %s.", path_.c_str(), question.why.c_str());
      ImGui::TextDisabled(dirty_ ? "You have unsaved edits here; saving them replaces what is on disk."
                                 : "Saving replaces what is on disk.");
      if (question.can_reload) {
        if (ImGui::Button("Reload from disk, discarding my edits")) answer_disk_question(DiskAnswer::reload);
        ImGui::SameLine();
      }
      if (ImGui::Button("Save mine over it")) answer_disk_question(DiskAnswer::overwrite);
      ImGui::SameLine();
      if (ImGui::Button("Keep my edits, unsaved") || escape_pressed()) answer_disk_question(DiskAnswer::keep_mine);
    }
    if (!disk_question_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }

  if (quit_asked_ || !pending_open_.empty()) ImGui::OpenPopup("Unsaved edits");
  if (ImGui::BeginPopupModal("Unsaved edits", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("%s has unsaved edits.", path_.c_str());
    ImGui::TextDisabled(quit_asked_ ? "Save them before quitting?" : "Save them before opening %s?",
                        pending_open_.c_str());
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
    if (ImGui::Button("Discard them")) finish(true);
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || escape_pressed()) finish(false);
    ImGui::EndPopup();
  }
}

bool App::begin_path_dialog(const char* title, bool& requested, const char* hint, bool& entered) {
  if (requested) {
    requested = false;
    std::snprintf(path_input_, sizeof path_input_, "%s", path_.c_str());
    ImGui::OpenPopup(title);
  }
  ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title, nullptr)) return false;
  ImGui::SetNextItemWidth(-1);
  entered =
      ImGui::InputTextWithHint("##path", hint, path_input_, sizeof path_input_, ImGuiInputTextFlags_EnterReturnsTrue);
  return true;
}

void App::draw_open_dialog() {
  if (open_dialog_requested_) nearby_files_ = nearby_scenarios(path_);  // listed when the dialog opens, not every frame
  bool entered = false;
  if (!begin_path_dialog("Open a scenario", open_dialog_requested_, "path of a scenario .json file", entered)) return;
  ImGui::TextDisabled("Scenario files nearby (double-click to open):");
  bool chosen = false;
  if (ImGui::BeginListBox("##files", ImVec2(-1, 220))) {
    for (const std::string& file : nearby_files_) {
      if (ImGui::Selectable(file.c_str(), file == path_input_, ImGuiSelectableFlags_AllowDoubleClick)) {
        std::snprintf(path_input_, sizeof path_input_, "%s", file.c_str());
        chosen = ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
      }
    }
    ImGui::EndListBox();
  }
  if (dialog_buttons("Open", path_input_[0] != '\0') || entered || chosen) {
    open(path_input_);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void App::draw_save_as_dialog() {
  bool entered = false;
  if (!begin_path_dialog("Save as", save_as_dialog_requested_, "path to save the scenario to", entered)) return;
  const bool exists = std::filesystem::exists(path_input_) && path_ != path_input_;
  if (exists) ImGui::TextColored(ImVec4(0.75f, 0.45f, 0.0f, 1.0f), "That file exists: saving replaces it.");
  ImGui::TextDisabled("Saved atomically: the file is written whole under a temporary name, then renamed.");
  if (dialog_buttons("Save", path_input_[0] != '\0') || (entered && path_input_[0] != '\0')) {
    save(path_input_);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void App::draw_export_dialog() {
  const bool opening = export_dialog_requested_;
  bool entered = false;
  const bool open = begin_path_dialog("Export report", export_dialog_requested_, "path of the .html file", entered);
  if (opening) std::snprintf(path_input_, sizeof path_input_, "%s", report_path_for(path_).c_str());
  if (!open) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "One self-contained HTML page (no scripts, nothing fetched; prints on A4): the journey map, the KPIs with their "
      "intervals, every what-if ranked by return on cost and what to fix first, for the scenario as it is now and "
      "the customers and seed above. It is the file journeysim report writes for them.");
  ImGui::PopTextWrapPos();
  if (std::filesystem::exists(path_input_)) {
    ImGui::TextColored(ImVec4(0.75f, 0.45f, 0.0f, 1.0f), "That file exists: exporting replaces it.");
  }
  if (dialog_buttons("Export", path_input_[0] != '\0') || (entered && path_input_[0] != '\0')) {
    export_report(path_input_);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void App::open_add_touchpoint_dialog(NewTouchpointForm::Kind kind) {
  new_touchpoint_ = NewTouchpointForm{};
  new_touchpoint_.kind = kind;
  if (const auto k = selected_transition(); k && editable_transition(*k))
    new_touchpoint_.flow = static_cast<int>(*editable_transition(*k));
  if (const auto t = selected_touchpoint();
      t && editable_touchpoint(*t) && !scenario_->touchpoints[*editable_touchpoint(*t)].terminal()) {
    new_touchpoint_.from = static_cast<int>(*editable_touchpoint(*t));
  } else {
    const auto step = std::find_if(scenario_->touchpoints.begin(), scenario_->touchpoints.end(),
                                   [](const Touchpoint& t) { return !t.terminal(); });
    new_touchpoint_.from = static_cast<int>(step - scenario_->touchpoints.begin());
  }
  add_dialog_requested_ = true;
}

void App::draw_add_touchpoint_dialog() {
  if (add_dialog_requested_) {
    add_dialog_requested_ = false;
    ImGui::OpenPopup("Add a touchpoint");
  }
  ImGui::SetNextWindowSize(ImVec2(600, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Add a touchpoint", nullptr)) return;
  NewTouchpointForm& form = new_touchpoint_;
  const std::shared_ptr<const Scenario> scenario =
      scenario_;  // "Add" replaces scenario_; this frame keeps reading this one
  const Scenario& s = *scenario;
  int kind = form.kind == NewTouchpointForm::Kind::on_flow ? 0 : 1;
  ImGui::RadioButton("a step on an existing flow", &kind, 0);
  ImGui::SameLine();
  ImGui::RadioButton("a new ending", &kind, 1);
  form.kind = kind == 0 ? NewTouchpointForm::Kind::on_flow : NewTouchpointForm::Kind::ending;
  ImGui::InputTextWithHint("id", "letters, digits and _, e.g. chatbot", form.id, sizeof form.id);
  ImGui::InputTextWithHint("name", "as people read it, e.g. Chatbot (optional)", form.name, sizeof form.name);
  const std::vector<std::string> stages = s.stage_order();
  const auto channels = channel_vocabulary();
  const auto outcomes = outcome_vocabulary();
  Json touchpoint{{"id", std::string(form.id)}};
  if (form.name[0] != '\0') touchpoint["name"] = std::string(form.name);
  if (form.kind == NewTouchpointForm::Kind::on_flow) {
    if (s.transitions.empty()) {
      ImGui::TextDisabled("The scenario has no flow to put it on.");
    } else {
      form.flow = std::clamp(form.flow, 0, static_cast<int>(s.transitions.size()) - 1);
      const auto flow_label = [&](std::size_t k) {
        return s.touchpoints[s.transitions[k].from].display_name() + "  ->  " +
               s.touchpoints[s.transitions[k].to].display_name();
      };
      if (ImGui::BeginCombo("on the flow", flow_label(static_cast<std::size_t>(form.flow)).c_str())) {
        for (std::size_t k = 0; k < s.transitions.size(); ++k) {
          if (ImGui::Selectable(flow_label(k).c_str(), form.flow == static_cast<int>(k)))
            form.flow = static_cast<int>(k);
        }
        ImGui::EndCombo();
      }
      ImGui::TextDisabled("Customers on that flow pass through it first; it leads on with probability 1.");
    }
    if (!stages.empty()) {
      form.stage = std::clamp(form.stage, 0, static_cast<int>(stages.size()) - 1);
      if (ImGui::BeginCombo("stage", stages[static_cast<std::size_t>(form.stage)].c_str())) {
        for (std::size_t i = 0; i < stages.size(); ++i) {
          if (ImGui::Selectable(stages[i].c_str(), form.stage == static_cast<int>(i))) form.stage = static_cast<int>(i);
        }
        ImGui::EndCombo();
      }
      touchpoint["stage"] = stages[static_cast<std::size_t>(form.stage)];
    }
    if (ImGui::BeginCombo("channel", channels[static_cast<std::size_t>(form.channel)])) {
      for (std::size_t i = 0; i < channels.size(); ++i) {
        if (ImGui::Selectable(channels[i], form.channel == static_cast<int>(i))) form.channel = static_cast<int>(i);
      }
      ImGui::EndCombo();
    }
    touchpoint["channel"] = channels[static_cast<std::size_t>(form.channel)];
  } else {
    if (ImGui::BeginCombo("outcome", outcomes[static_cast<std::size_t>(form.outcome)])) {
      for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (ImGui::Selectable(outcomes[i], form.outcome == static_cast<int>(i))) form.outcome = static_cast<int>(i);
      }
      ImGui::EndCombo();
    }
    touchpoint["outcome"] = outcomes[static_cast<std::size_t>(form.outcome)];
    form.from = std::clamp(form.from, 0, static_cast<int>(s.touchpoints.size()) - 1);
    if (ImGui::BeginCombo("reached from", s.touchpoints[static_cast<std::size_t>(form.from)].display_name().c_str())) {
      for (std::size_t i = 0; i < s.touchpoints.size(); ++i) {
        if (s.touchpoints[i].terminal()) continue;
        if (ImGui::Selectable(s.touchpoints[i].display_name().c_str(), form.from == static_cast<int>(i)))
          form.from = static_cast<int>(i);
      }
      ImGui::EndCombo();
    }
    ImGui::SliderFloat("with probability", &form.p, 0.0f, 1.0f, "%.3f");
    ImGui::TextDisabled(
        "Taken from the touchpoint's \"rest\" if it has one, else from its other ways out in proportion.");
  }
  const std::string id_problem = new_touchpoint_id_problem(s, form.id);
  const std::string& problem = !id_problem.empty() ? id_problem : form.problem;
  if (!problem.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", problem.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::BeginDisabled(!id_problem.empty());
  if (ImGui::Button("Add", ImVec2(120, 0))) {
    const DocumentEdit edit = form.kind == NewTouchpointForm::Kind::on_flow
                                  ? with_touchpoint_on_flow(edited_, s, static_cast<std::size_t>(form.flow), touchpoint)
                                  : with_ending_added(edited_, s, static_cast<std::size_t>(form.from), touchpoint,
                                                      static_cast<double>(form.p));
    const std::string id = form.id;
    if (apply_edit(edit, "add " + id)) {
      select(id);
      show_tab(SideTab::inspect);
      ImGui::CloseCurrentPopup();
    } else {
      form.problem = edit_error();
    }
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(120, 0)) || escape_pressed()) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace journeysim::viewer
