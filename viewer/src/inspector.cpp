// The "Inspect and edit" tab: the selected touchpoint or transition with its
// figures, the segments that override it, and its editor (every field of
// the scenario format, ways out and in, adding and removing); with nothing
// selected, a summary of the scenario. Every edit goes through
// App::apply_edit, which validates it like a file before taking it.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "app.hpp"
#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

namespace {

constexpr float field_width = 190.0f;

// The distribution kinds a field may use, in the order the editor offers them.
constexpr std::array duration_kinds{"fixed", "exponential", "lognormal", "gamma", "uniform", "empirical"};
constexpr std::array sentiment_kinds{"fixed", "normal", "uniform", "empirical"};

// The parameters a kind is written with (DESIGN section 3; docs/scenario-format.md).
std::vector<const char*> parameters_of(const std::string& kind, const Json& written) {
  if (kind == "exponential") return {"mean"};
  if (kind == "lognormal")
    return written.contains("mu") ? std::vector<const char*>{"mu", "sigma"} : std::vector<const char*>{"median", "p90"};
  if (kind == "gamma" || kind == "normal") return {"mean", "sd"};
  if (kind == "uniform") return {"min", "max"};
  if (kind == "empirical") return {"values", "weights"};
  return {"value"};
}

// A parameter as the user reads and types it: "4m", "0.2", "1d, 3d, 1w".
std::string parameter_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return format_number(value.get<double>());
  if (value.is_array()) {
    std::string out;
    for (const Json& v : value) out += (out.empty() ? "" : ", ") + parameter_text(v);
    return out;
  }
  return {};
}

// What was typed, as JSON: durations stay strings (the loader parses and
// checks them), numbers become numbers, lists become arrays.
Json parameter_value(const std::string& typed, bool duration, bool list) {
  const auto one = [&](std::string item) -> Json {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    char* end = nullptr;
    const double number = std::strtod(item.c_str(), &end);
    const bool is_number = !item.empty() && end == item.c_str() + item.size();
    if (is_number && !duration) return number;
    return item;  // a duration, or something the loader will explain
  };
  if (!list) return one(typed);
  Json out = Json::array();
  std::size_t start = 0;
  while (start <= typed.size()) {
    const std::size_t comma = typed.find(',', start);
    const std::string item = typed.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.find_first_not_of(' ') != std::string::npos) {
      // Weights are numbers even in a list of durations.
      out.push_back(one(item));
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// A starting point for a new kind, from the current mean, so that switching
// kinds keeps the field's scale: a 4-minute dwell becomes an exponential of
// mean 4 minutes, a lognormal of median 4 minutes and p90 12 minutes, ...
Json default_distribution(const std::string& kind, double mean, bool duration) {
  if (duration) {
    const double m = std::max(1.0, std::round(mean > 0 ? mean : 60.0));
    const auto d = [](double seconds) { return format_duration(std::max(1.0, std::round(seconds))); };
    if (kind == "fixed") return d(m);
    if (kind == "exponential") return Json{{"dist", kind}, {"mean", d(m)}};
    if (kind == "lognormal") return Json{{"dist", kind}, {"median", d(m)}, {"p90", d(3 * m)}};
    if (kind == "gamma") return Json{{"dist", kind}, {"mean", d(m)}, {"sd", d(m / 2)}};
    if (kind == "uniform") return Json{{"dist", kind}, {"min", d(m / 2)}, {"max", d(3 * m / 2)}};
    return Json{{"dist", kind}, {"values", Json::array({d(m)})}};
  }
  const double m = std::stod(format_number(mean, 6));
  if (kind == "fixed") return m;
  if (kind == "normal") return Json{{"dist", kind}, {"mean", m}, {"sd", 0.2}};
  if (kind == "uniform") return Json{{"dist", kind}, {"min", m - 0.2}, {"max", m + 0.2}};
  return Json{{"dist", kind}, {"values", Json::array({m})}};
}

std::string written_kind(const Json& written) {
  if (written.is_object()) return written.value("dist", "fixed");
  return "fixed";
}

}  // namespace

void App::draw_edit_error() {
  if (edit_errors_.empty()) return;
  ImGui::PushTextWrapPos(0.0f);
  const ImVec4 red(0.75f, 0.1f, 0.1f, 1.0f);
  if (edit_errors_.size() == 1) {
    ImGui::TextColored(red, "Not applied: %s", edit_errors_.front().c_str());
  } else {
    ImGui::TextColored(red, "Not applied: %zu problems", edit_errors_.size());
    for (const std::string& problem : edit_errors_) {
      ImGui::Bullet();
      ImGui::TextColored(red, "%s", problem.c_str());
    }
  }
  ImGui::PopTextWrapPos();
}

// With a what-if shown, the canvas and the figures are the what-if's: say
// so, and show its values where they differ from the scenario's (which the
// editor below edits).
void App::draw_what_if_values() {
  if (what_if_ < 0 || !shown_variant_) return;
  const ImVec4 what_if_blue(0.15f, 0.35f, 0.7f, 1.0f);
  const std::string name = in_quotes(scenario_->what_if[static_cast<std::size_t>(what_if_)].name);
  const std::vector<FieldChange> changes = what_if_changes_at_selection();
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  if (changes.empty()) {
    ImGui::TextColored(what_if_blue, "What-if %s: the figures are its run's; it changes nothing here.", name.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  ImGui::TextColored(what_if_blue, "What-if %s: the figures are its run's, and its values here are:", name.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::BeginTable("what_if_values", 3,
                        ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuterH)) {
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("in the what-if", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("in the scenario", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableHeadersRow();
    for (const FieldChange& change : changes) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (change.segment.empty()) {
        ImGui::TextUnformatted(change.field.c_str());
      } else {
        ImGui::Text("%s (segment %s)", change.field.c_str(), change.segment.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(what_if_blue, "%s", change.variant.c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", change.scenario.empty() ? "(added by the what-if)" : change.scenario.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
  }
}

void App::draw_inspect_tab() {
  if (const auto t = selected_touchpoint()) {
    draw_touchpoint_inspector(*t);
  } else if (const auto k = selected_transition()) {
    draw_transition_inspector(*k);
  } else {
    draw_scenario_summary();
  }
}

void App::draw_scenario_summary() {
  const Scenario& s = *scenario_;
  ImGui::PushFont(large_font());
  ImGui::TextUnformatted(s.name.c_str());
  ImGui::PopFont();
  if (!s.description.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.description.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Spacing();
  std::size_t endings = 0;
  for (const Touchpoint& t : s.touchpoints) endings += t.terminal() ? 1 : 0;
  ImGui::Text("%zu touchpoints and %zu endings, %zu transitions", s.touchpoints.size() - endings, endings,
              s.transitions.size());
  std::string stages;
  for (const std::string& stage : s.stage_order()) stages += (stages.empty() ? "" : ", ") + stage;
  ImGui::Text("Stages: %s", stages.empty() ? "-" : stages.c_str());
  ImGui::Text("Horizon: %s", s.horizon ? format_duration(*s.horizon).c_str() : "none (every journey runs to its end)");
  if (!s.segments.empty()) {
    ImGui::Text("Segments:");
    for (const Segment& seg : s.segments) {
      ImGui::BulletText("%s, %s of customers", seg.name.empty() ? seg.id.c_str() : seg.name.c_str(),
                        percent_text(seg.share).c_str());
      if (!seg.description.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", seg.description.c_str());
    }
  }
  if (!s.what_if.empty()) {
    ImGui::Text("What-ifs (choose one above to see it against the scenario):");
    for (const WhatIf& w : s.what_if) ImGui::BulletText("%s", w.name.c_str());
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "Click a touchpoint or a flow on the canvas to see its figures and edit it. Every edit is checked "
      "like the file, re-run at once, and undone with Ctrl+Z; Ctrl+S saves.");
  ImGui::PopTextWrapPos();
  if (ImGui::Button("Add a touchpoint on a flow...")) open_add_touchpoint_dialog(NewTouchpointForm::Kind::on_flow);
  ImGui::SameLine();
  if (ImGui::Button("Add an ending...")) open_add_touchpoint_dialog(NewTouchpointForm::Kind::ending);
  draw_edit_error();
}

void App::draw_touchpoint_inspector(std::size_t shown) {
  const std::shared_ptr<const Scenario> structure = shown_;  // kept for the frame: the editor's edits replace shown_
  const Touchpoint& t = structure->touchpoints[shown];
  ImGui::PushFont(large_font());
  ImGui::TextUnformatted(t.display_name().c_str());
  ImGui::PopFont();
  ImGui::TextDisabled(
      "id %s  |  %s%s%s", t.id.c_str(), t.terminal() ? "ending: " : "stage ",
      t.terminal() ? t.outcome.c_str() : (t.stage.empty() ? "-" : t.stage.c_str()),
      t.terminal() ? "" : ("  |  channel " + (t.channel.empty() ? std::string("-") : t.channel)).c_str());
  if (!t.description.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(t.description.c_str());
    ImGui::PopTextWrapPos();
  }
  if (added_by_what_if_.count(t.id)) ImGui::TextColored(ImVec4(0.15f, 0.35f, 0.7f, 1), "Added by the what-if shown.");
  if (removed_by_what_if_.count(t.id)) ImGui::TextColored(ImVec4(0.7f, 0.3f, 0.1f, 1), "Removed by the what-if shown.");
  draw_what_if_values();

  if (const TouchpointFigures* f = touchpoint_figures(shown)) {
    ImGui::Spacing();
    if (ImGui::BeginTable("touchpoint_figures", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
      const auto row = [](const char* label, const std::string& value) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", label);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(value.c_str());
      };
      if (t.terminal()) {
        row("customers ending here", grouped_count(f->visitors));
        row("share of all customers", percent_text(f->reach.value) + " " + share_interval_text(f->reach));
      } else {
        row("visits", grouped_count(f->visits));
        row("visitors", grouped_count(f->visitors) + " (" + percent_text(f->reach.value) + " of customers)");
        if (f->rated) {
          row("CSAT (4-5 of 5)", percent_text(f->csat.value) + " " + share_interval_text(f->csat));
          row("CES (ease 1-7)", kpi_value_text(kpi::ces, f->ces.value) + " " + kpi_interval_text(kpi::ces, f->ces));
        }
        row("drop-off", percent_text(f->dropoff.value) + " " + share_interval_text(f->dropoff));
      }
      ImGui::EndTable();
    }
    if (!t.terminal()) ImGui::TextDisabled("drop-off: visitors whose journey ended right after, without converting");
  }
  if (const QueueFigures* q = queue_figures(t.id)) draw_queue_figures(*q);

  // Segments that set this touchpoint's fields for their own customers.
  for (const Segment& segment : scenario_->segments) {
    for (const TouchpointOverride& o : segment.touchpoints) {
      if (scenario_->touchpoints[o.touchpoint].id != t.id) continue;
      std::string fields;
      if (o.dwell) fields += " dwell";
      if (o.sentiment) fields += " sentiment";
      if (o.effort) fields += " effort " + std::to_string(*o.effort);
      if (o.csat) fields += " csat";
      if (o.cost) fields += " cost";
      if (o.revenue) fields += " revenue";
      ImGui::TextColored(ImVec4(0.45f, 0.3f, 0.6f, 1), "Segment %s sets its own:%s",
                         segment.name.empty() ? segment.id.c_str() : segment.name.c_str(), fields.c_str());
    }
  }

  if (const auto editable = editable_touchpoint(shown)) {
    draw_touchpoint_editor(*editable);
  } else {
    ImGui::TextDisabled("Part of the what-if, not of the scenario: edit the what-if in the file to change it.");
  }
}

void App::draw_touchpoint_editor(std::size_t i) {
  // An edit below replaces scenario_ and edited_: what this frame draws keeps
  // reading the versions it started with.
  const std::shared_ptr<const Scenario> scenario = scenario_;
  const Touchpoint& t = scenario->touchpoints[i];
  const Json fields = edited_["touchpoints"][i];
  if (editor_for_ != t.id) {  // a new selection: its own choices
    editor_for_ = t.id;
    remove_inflow_to_ = -1;
    add_transition_to_ = -1;
  }
  ImGui::Spacing();
  ImGui::Separator();
  heading(what_if_ >= 0 ? "Edit the scenario (the what-if's changes apply over it)" : "Edit");
  ImGui::PushID(t.id.c_str());
  const auto set_field = [&](const char* key, Json value, const std::string& what) {
    Json candidate = edited_;
    if (value.is_null())
      candidate["touchpoints"][i].erase(key);
    else
      candidate["touchpoints"][i][key] = std::move(value);
    apply_edit(std::move(candidate), t.id + " " + what);
  };
  std::string typed;
  if (text_fields_.edit("name", t.name, typed, field_width))
    set_field("name", typed.empty() ? Json() : Json(typed), "name");

  if (!t.terminal()) {
    // Stage: one of the scenario's, or a new one typed in.
    const std::vector<std::string> stages = scenario->stage_order();
    ImGui::SetNextItemWidth(field_width);
    if (ImGui::BeginCombo("stage", t.stage.empty() ? "(none)" : t.stage.c_str())) {
      for (const std::string& stage : stages) {
        if (ImGui::Selectable(stage.c_str(), stage == t.stage) && stage != t.stage) set_field("stage", stage, "stage");
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (text_fields_.edit("new stage", "", typed, 110) && !typed.empty()) set_field("stage", typed, "stage");
    ImGui::SetNextItemWidth(field_width);
    if (ImGui::BeginCombo("channel", t.channel.empty() ? "(none)" : t.channel.c_str())) {
      for (const char* channel : channel_vocabulary()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours_.channel(channel));
        if (ImGui::Selectable(channel, t.channel == channel) && t.channel != channel)
          set_field("channel", channel, "channel");
        ImGui::PopStyleColor();
      }
      if (ImGui::Selectable("(none)", t.channel.empty()) && !t.channel.empty()) set_field("channel", Json(), "channel");
      ImGui::EndCombo();
    }
    int effort = t.effort;
    ImGui::SetNextItemWidth(field_width);
    if (ImGui::SliderInt("effort (1-7)", &effort, 1, 7) && effort != t.effort) set_field("effort", effort, "effort");

    // Dwell and sentiment: as written, a plain value or a distribution.
    const auto distribution_editor = [&](const char* key, bool duration, double mean, const char* help) {
      const Json written = fields.contains(key) ? fields[key] : (duration ? Json("0s") : Json(0));
      const std::string kind = written_kind(written);
      ImGui::PushID(key);
      ImGui::SetNextItemWidth(field_width);
      const auto kinds =
          duration ? std::span<const char* const>(duration_kinds) : std::span<const char* const>(sentiment_kinds);
      const std::string label = std::string(key) + (duration ? " (time spent)" : " (mood change)");
      if (ImGui::BeginCombo(label.c_str(), kind.c_str())) {
        for (const char* k : kinds) {
          if (ImGui::Selectable(k, kind == k) && kind != k)
            set_field(key, default_distribution(k, mean, duration), std::string(key) + " kind");
        }
        ImGui::EndCombo();
      }
      help_marker(help);
      for (const char* parameter : parameters_of(kind, written)) {
        const bool list = std::string_view(parameter) == "values" || std::string_view(parameter) == "weights";
        const bool is_duration = duration && std::string_view(parameter) != "weights" &&
                                 std::string_view(parameter) != "mu" && std::string_view(parameter) != "sigma";
        const Json current = written.is_object() ? written.value(parameter, Json()) : written;
        const std::string field_label = "   " + std::string(parameter) + (list ? " (a, b, ...)" : "");
        if (!text_fields_.edit(field_label.c_str(), parameter_text(current), typed, field_width - 20)) continue;
        Json value = parameter_value(typed, is_duration, list);
        if (!written.is_object()) {
          set_field(key, value, key);
        } else {
          Json object = written;
          if (list && value.empty())
            object.erase(parameter);
          else
            object[parameter] = std::move(value);
          set_field(key, std::move(object), std::string(key) + " " + parameter);
        }
      }
      ImGui::PopID();
    };
    distribution_editor("dwell", true, t.dwell.mean(),
                        "How long a visit takes: a duration such as 30s, 15m, 2h, 3d, 4w, or a distribution of them. "
                        "A lognormal's median and p90: half the visits are shorter than the median, 9 in 10 shorter "
                        "than p90. Press Enter to apply a typed value.");
    distribution_editor("sentiment", false, t.sentiment.mean(),
                        "How the customer's mood changes here (positive: better). It moves their CSAT rating here, "
                        "their choices on weighted transitions, and their NPS at the end. Effort lowers it too, by "
                        "effort_penalty per point above 1.");
    bool rated = t.csat;
    if (ImGui::Checkbox("ask for a CSAT rating here", &rated)) set_field("csat", rated ? Json() : Json(false), "csat");
  } else {
    const auto vocabulary = outcome_vocabulary();
    ImGui::SetNextItemWidth(field_width);
    if (ImGui::BeginCombo("outcome", t.outcome.c_str())) {
      for (const char* kind : vocabulary) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours_.outcome(kind));
        if (ImGui::Selectable(kind, t.outcome == kind) && t.outcome != kind) set_field("outcome", kind, "outcome");
        ImGui::PopStyleColor();
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (text_fields_.edit("other kind", "", typed, 110) && !typed.empty()) set_field("outcome", typed, "outcome");
    if (text_fields_.edit("revenue", format_number(t.revenue), typed, field_width)) {
      set_field("revenue", parameter_value(typed, false, false), "revenue");
    }
  }
  if (text_fields_.edit("cost per visit", format_number(t.cost), typed, field_width)) {
    set_field("cost", parameter_value(typed, false, false), "cost");
  }

  if (!t.terminal()) {
    ImGui::Spacing();
    heading("Ways out");
    help_marker(
        "Drag a probability: the touchpoint's \"rest\" transition absorbs the change when it has one, "
        "otherwise the others are rescaled in proportion, so they always sum to 1. The weight makes the "
        "choice depend on the customer's mood: p * exp(weight * sentiment).");
    std::size_t ways = 0;
    for (std::size_t k = 0; k < scenario->transitions.size(); ++k) {
      const Transition& tr = scenario->transitions[k];
      if (tr.from != i) continue;
      ++ways;
      ImGui::PushID(static_cast<int>(k));
      const std::string target = scenario->touchpoints[tr.to].display_name();
      {
        // "rest" is a slider too: moving it makes it a number, the others rescaled.
        float p = static_cast<float>(tr.p.value);
        ImGui::SetNextItemWidth(field_width);
        if (ImGui::SliderFloat("##p", &p, 0.0f, 1.0f, tr.p.rest ? "rest %.3f" : "p %.3f") &&
            p != static_cast<float>(tr.p.value)) {
          apply_edit(with_probability(edited_, k, static_cast<double>(p)), scenario->transition_label(k) + " p");
        }
      }
      ImGui::SameLine();
      float weight = static_cast<float>(tr.sentiment_weight);
      ImGui::SetNextItemWidth(70);
      if (ImGui::DragFloat("##w", &weight, 0.05f, -10.0f, 10.0f, "w %.2f") &&
          weight != static_cast<float>(tr.sentiment_weight)) {
        apply_edit(with_sentiment_weight(edited_, k, weight), scenario->transition_label(k) + " sentiment_weight");
      }
      ImGui::SameLine();
      if (ImGui::SmallButton("x"))
        apply_edit(with_transition_removed(edited_, *scenario, k), "remove " + scenario->transition_label(k));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this way out (its probability goes to the others)");
      ImGui::SameLine();
      if (ImGui::Selectable(("-> " + target).c_str())) select(scenario->transition_label(k));
      ImGui::PopID();
    }
    // A new way out, from probability 0.
    std::vector<std::size_t> candidates;
    for (std::size_t to = 0; to < scenario->touchpoints.size(); ++to) {
      if (!scenario->find_transition(i, to)) candidates.push_back(to);
    }
    if (!candidates.empty()) {
      if (add_transition_to_ < 0 || static_cast<std::size_t>(add_transition_to_) >= scenario->touchpoints.size() ||
          scenario->find_transition(i, static_cast<std::size_t>(add_transition_to_))) {
        add_transition_to_ = static_cast<int>(candidates.front());
      }
      ImGui::SetNextItemWidth(field_width);
      if (ImGui::BeginCombo(
              "##new_way",
              scenario->touchpoints[static_cast<std::size_t>(add_transition_to_)].display_name().c_str())) {
        for (std::size_t to : candidates) {
          if (ImGui::Selectable(scenario->touchpoints[to].display_name().c_str(),
                                add_transition_to_ == static_cast<int>(to))) {
            add_transition_to_ = static_cast<int>(to);
          }
        }
        ImGui::EndCombo();
      }
      ImGui::SameLine();
      if (ImGui::Button("Add a way out")) {
        apply_edit(with_transition_added(edited_, *scenario, i, static_cast<std::size_t>(add_transition_to_)),
                   "add " + t.id + "->" + scenario->touchpoints[static_cast<std::size_t>(add_transition_to_)].id);
      }
    }
    if (ways == 0) ImGui::TextDisabled("(none)");
  }

  ImGui::Spacing();
  heading("Ways in");
  bool any_way_in = false;
  for (std::size_t k = 0; k < scenario->transitions.size(); ++k) {
    const Transition& tr = scenario->transitions[k];
    if (tr.to != i) continue;
    any_way_in = true;
    const std::string label = scenario->touchpoints[tr.from].display_name() + " ->  (p " +
                              format_number(tr.p.value, 3) + ")##in" + std::to_string(k);
    if (ImGui::Selectable(label.c_str())) select(scenario->transition_label(k));
  }
  for (const EntryShare& e : scenario->entry) {
    if (e.touchpoint == i) {
      any_way_in = true;
      ImGui::Text("journeys start here: %s", percent_text(e.share).c_str());
    }
  }
  if (!any_way_in) ImGui::TextDisabled("(none: no customer reaches it)");

  // Removing it sends its inflow elsewhere.
  ImGui::Spacing();
  if (remove_inflow_to_ < 0 || static_cast<std::size_t>(remove_inflow_to_) >= scenario->touchpoints.size() ||
      static_cast<std::size_t>(remove_inflow_to_) == i) {
    // By default: where it mostly leads; for an ending, another ending.
    remove_inflow_to_ = i == 0 ? 1 : 0;
    double most = -1.0;
    for (const Transition& tr : scenario->transitions) {
      if (tr.from == i && tr.to != i && tr.p.value > most) {
        most = tr.p.value;
        remove_inflow_to_ = static_cast<int>(tr.to);
      }
    }
    for (std::size_t other = 0; t.terminal() && other < scenario->touchpoints.size(); ++other) {
      if (other != i && scenario->touchpoints[other].terminal()) {
        remove_inflow_to_ = static_cast<int>(other);
        if (scenario->touchpoints[other].outcome == t.outcome) break;  // one of the same kind, if any
      }
    }
  }
  if (ImGui::Button("Remove this touchpoint")) {
    apply_edit(with_touchpoint_removed(edited_, i, static_cast<std::size_t>(remove_inflow_to_)), "remove " + t.id);
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("sending its inflow to");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##inflow_to",
                        scenario->touchpoints[static_cast<std::size_t>(remove_inflow_to_)].display_name().c_str())) {
    for (std::size_t to = 0; to < scenario->touchpoints.size(); ++to) {
      if (to == i) continue;
      if (ImGui::Selectable(scenario->touchpoints[to].display_name().c_str(),
                            remove_inflow_to_ == static_cast<int>(to))) {
        remove_inflow_to_ = static_cast<int>(to);
      }
    }
    ImGui::EndCombo();
  }
  draw_edit_error();
  ImGui::PopID();
}

// A mined transition's evidence: the customers counted, and what they say
// about its probability (the Wilson interval of count / of).
void App::draw_observed_evidence(const Transition& tr, const Touchpoint& from) {
  const Observed& seen = *tr.observed;
  const Estimate share = proportion(seen.count, seen.of);
  ImGui::Spacing();
  ImGui::Text("Observed: %s of %s moves out of %s took it", grouped_count(seen.count).c_str(),
              grouped_count(seen.of).c_str(), from.display_name().c_str());
  ImGui::Text("p = %s, 95%% interval %s", percent_text(share.value).c_str(), share_interval_text(share).c_str());
  help_marker(
      "Counted by journeysim mine from the data: the interval (Wilson) is how far the true share could be from "
      "what that many customers showed. A narrow one is well measured; a wide one rests on few customers.");
  if (seen.of > 0 && std::abs(tr.p.value - share.value) > 1e-9) {
    ImGui::TextColored(ImVec4(0.75f, 0.45f, 0.0f, 1.0f), "p is now %s: edited away from the count",
                       percent_text(tr.p.value).c_str());
  }
}

void App::draw_transition_inspector(std::size_t shown) {
  // An edit below replaces scenario_ and shown_: this frame keeps reading the versions it started with.
  const std::shared_ptr<const Scenario> structure = shown_;
  const std::shared_ptr<const Scenario> scenario = scenario_;
  const Transition& tr = structure->transitions[shown];
  const Touchpoint& from = structure->touchpoints[tr.from];
  const Touchpoint& to = structure->touchpoints[tr.to];
  ImGui::PushFont(large_font());
  ImGui::Text("%s  ->  %s", from.display_name().c_str(), to.display_name().c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("transition %s", structure->transition_label(shown).c_str());
  if (ImGui::SmallButton(("select " + from.id).c_str())) select(from.id);
  ImGui::SameLine();
  if (ImGui::SmallButton(("select " + to.id).c_str())) select(to.id);
  draw_what_if_values();
  if (tr.observed) draw_observed_evidence(tr, from);

  if (const TransitionFigures* f = transition_figures(shown)) {
    ImGui::Spacing();
    ImGui::Text(
        "Flow: %s traversals (%s per customer)", grouped_count(f->traversals).c_str(),
        format_number(
            static_cast<double>(f->traversals) / static_cast<double>(std::max<std::uint64_t>(report_->customers, 1)), 3)
            .c_str());
    ImGui::TextDisabled("where the customers on it end up:");
    for (const auto& [ending, n] : f->by_ending) {
      std::string kind = ending, name = ending;
      if (const auto e = structure->find_touchpoint(ending)) {
        kind = structure->touchpoints[*e].outcome;
        name = structure->touchpoints[*e].display_name();
      }
      const double share = f->traversals > 0 ? static_cast<double>(n) / static_cast<double>(f->traversals) : 0.0;
      value_bar(name.c_str(), share, colours_.outcome(kind), percent_text(share), 170.0f, 80.0f);
    }
  }
  for (const Segment& segment : scenario->segments) {
    for (const TransitionOverride& o : segment.transitions) {
      const Transition& base = scenario->transitions[o.transition];
      if (scenario->touchpoints[base.from].id != from.id || scenario->touchpoints[base.to].id != to.id) continue;
      ImGui::TextColored(ImVec4(0.45f, 0.3f, 0.6f, 1), "Segment %s sets its own%s%s",
                         segment.name.empty() ? segment.id.c_str() : segment.name.c_str(),
                         o.p ? (" p " + (o.p->rest ? std::string("rest") : percent_text(o.p->value))).c_str() : "",
                         o.sentiment_weight ? (" weight " + format_number(*o.sentiment_weight)).c_str() : "");
    }
  }

  const auto k = editable_transition(shown);
  if (!k) {
    ImGui::TextDisabled("Part of the what-if, not of the scenario: edit the what-if in the file to change it.");
    return;
  }
  const Transition& editable = scenario->transitions[*k];
  ImGui::Spacing();
  heading(what_if_ >= 0 ? "Edit the scenario (the what-if's changes apply over it)" : "Edit");
  {
    float p = static_cast<float>(editable.p.value);
    ImGui::SetNextItemWidth(field_width);
    if (ImGui::SliderFloat("probability", &p, 0.0f, 1.0f, editable.p.rest ? "rest %.3f" : "%.3f") &&
        p != static_cast<float>(editable.p.value)) {
      apply_edit(with_probability(edited_, *k, static_cast<double>(p)), scenario->transition_label(*k) + " p");
    }
    help_marker(editable.p.rest ? "\"rest\": whatever the touchpoint's other ways out leave. Moving it makes it a "
                                  "number, and the other ways out are rescaled in proportion."
                                : "The touchpoint's \"rest\" transition absorbs the change when it has one, otherwise "
                                  "its other transitions are rescaled in proportion.");
  }
  float weight = static_cast<float>(editable.sentiment_weight);
  ImGui::SetNextItemWidth(field_width);
  if (ImGui::DragFloat("sentiment weight", &weight, 0.05f, -10.0f, 10.0f, "%.2f") &&
      weight != static_cast<float>(editable.sentiment_weight)) {
    apply_edit(with_sentiment_weight(edited_, *k, weight), scenario->transition_label(*k) + " sentiment_weight");
  }
  help_marker(
      "0: a fixed probability. Positive: happier customers take it more often; negative: unhappier ones "
      "do (the choice weighs p * exp(weight * sentiment)).");
  if (ImGui::Button("Insert a touchpoint on this flow...")) {
    open_add_touchpoint_dialog(NewTouchpointForm::Kind::on_flow);
    new_touchpoint_.flow = static_cast<int>(*k);
  }
  ImGui::SameLine();
  if (ImGui::Button("Remove this transition")) {
    const std::string label = scenario->transition_label(*k);
    if (apply_edit(with_transition_removed(edited_, *scenario, *k), "remove " + label)) selected_transition_.clear();
  }
  draw_edit_error();
}

}  // namespace journeysim::viewer
