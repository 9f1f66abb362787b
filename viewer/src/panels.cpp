// The side panel: run controls, KPI cards with intervals, charts (outcomes,
// funnel, NPS scores), per-segment KPIs, the path explorer and the
// touchpoint inspector. Figures all come from the RunReport: nothing is
// computed here.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim::viewer {

namespace {

std::string percent(double x) { return std::isfinite(x) ? format_number(100 * x, 3) + "%" : "-"; }

// A horizontal bar with a label and a value text, scaled to `fraction` of the width.
void bar(const char* label, double fraction, ImU32 colour, const std::string& value) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float label_width = 140.0f;
  const float width = ImGui::GetContentRegionAvail().x - label_width - 150.0f;
  const float height = ImGui::GetTextLineHeight();
  ImGui::TextUnformatted(label);
  const ImVec2 b0(p.x + label_width, p.y + 2);
  draw->AddRectFilled(b0, ImVec2(b0.x + width, b0.y + height - 2), IM_COL32(235, 236, 240, 255));
  draw->AddRectFilled(b0, ImVec2(b0.x + width * static_cast<float>(std::clamp(fraction, 0.0, 1.0)), b0.y + height - 2),
                      colour);
  draw->AddText(ImVec2(b0.x + width + 8, p.y), ImGui::GetColorU32(ImGuiCol_Text), value.c_str());
}

}  // namespace

void App::draw_side_panel(ImVec2 size) {
  ImGui::BeginChild("side", size, false);
  draw_run_controls();
  // The selection's inspector and editor first: it is what the user just asked for.
  if (selected_ && ImGui::CollapsingHeader("Inspector", ImGuiTreeNodeFlags_DefaultOpen)) {
    draw_inspector();
    draw_editor();
  }
  if (selected_transition_ && ImGui::CollapsingHeader("Transition", ImGuiTreeNodeFlags_DefaultOpen)) {
    draw_transition_inspector();
  }
  if (report_) {
    if (ImGui::CollapsingHeader("Key figures", ImGuiTreeNodeFlags_DefaultOpen)) draw_kpi_cards();
    if (ImGui::CollapsingHeader("Endings", ImGuiTreeNodeFlags_DefaultOpen)) draw_outcomes_chart();
    if (ImGui::CollapsingHeader("Funnel by stage", ImGuiTreeNodeFlags_DefaultOpen)) draw_funnel_chart();
    if (ImGui::CollapsingHeader("NPS scores")) draw_nps_chart();
    if (!report_->retention.empty() && ImGui::CollapsingHeader("Retention over time", ImGuiTreeNodeFlags_DefaultOpen)) {
      draw_retention_chart();
    }
    if (!report_->segments.empty() && ImGui::CollapsingHeader("Segments")) draw_segments();
    if (ImGui::CollapsingHeader("Paths", ImGuiTreeNodeFlags_DefaultOpen)) draw_paths();
  }
  ImGui::EndChild();
}

void App::draw_run_controls() {
  if (!scenario_) return;
  int customers = static_cast<int>(std::min<std::uint64_t>(run_options_.customers, 2'000'000'000));
  ImGui::SetNextItemWidth(120);
  if (ImGui::InputInt("customers", &customers, 10'000, 100'000)) {
    run_options_.customers = static_cast<std::uint64_t>(std::max(customers, 1));
  }
  ImGui::SameLine();
  int seed = static_cast<int>(run_options_.seed);
  ImGui::SetNextItemWidth(90);
  if (ImGui::InputInt("seed", &seed)) run_options_.seed = static_cast<std::uint64_t>(std::max(seed, 0));
  if (task_.running()) {
    ImGui::ProgressBar(static_cast<float>(task_.progress()), ImVec2(-90, 0));
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) task_.cancel();
  } else {
    if (ImGui::Button("Run")) start_run();
    ImGui::SameLine();
    if (ImGui::Button(pinned_ ? "Unpin baseline" : "Pin as baseline")) {
      pinned_ = pinned_ ? nullptr : scenario_;
    }
    if (pinned_) {
      ImGui::SameLine();
      ImGui::TextDisabled("next runs are paired with the pinned baseline");
    }
  }
  if (!scenario_->what_if.empty()) {
    // A what-if shown against the scenario itself, paired customer by customer.
    const char* current = what_if_ < 0 ? "(none: the scenario as it is)" : scenario_->what_if[static_cast<std::size_t>(what_if_)].name.c_str();
    ImGui::SetNextItemWidth(260);
    if (ImGui::BeginCombo("what-if", current)) {
      if (ImGui::Selectable("(none: the scenario as it is)", what_if_ < 0)) {
        what_if_ = -1;
        start_run();
      }
      for (std::size_t w = 0; w < scenario_->what_if.size(); ++w) {
        if (ImGui::Selectable(scenario_->what_if[w].name.c_str(), what_if_ == static_cast<int>(w))) {
          what_if_ = static_cast<int>(w);
          start_run();
        }
      }
      ImGui::EndCombo();
    }
    if (what_if_ >= 0) {
      const WhatIf& w = scenario_->what_if[static_cast<std::size_t>(what_if_)];
      ImGui::TextDisabled("%s%s", w.description.c_str(), w.cost ? (" (cost " + format_number(*w.cost) + ")").c_str() : "");
      ImGui::TextDisabled("figures below are the variant's; changes vs the scenario are paired");
    }
  }
  ImGui::Separator();
}

void App::draw_kpi_cards() {
  struct Card {
    const char* kpi;
    const char* label;
    bool share;
  };
  static const Card cards[] = {{kpi::conversion_rate, "Conversion", true}, {kpi::churn_rate, "Churn", true},
                               {kpi::abandonment_rate, "Cart abandonment", true}, {kpi::retention_rate, "Retention", true},
                               {kpi::nps, "NPS", false}, {kpi::csat, "CSAT", true}, {kpi::ces, "CES", false},
                               {kpi::ttr_hours, "Time to resolution (h)", false}, {kpi::journey_hours, "Journey (h)", false},
                               {kpi::revenue_per_customer, "Revenue / customer", false}};
  const float card_width = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
  int column = 0;
  for (const Card& card : cards) {
    const Kpi* k = report_->find_kpi(card.kpi);
    if (!k) continue;
    if (column > 0) ImGui::SameLine();
    ImGui::BeginGroup();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float height = 3 * ImGui::GetTextLineHeightWithSpacing();
    draw->AddRectFilled(p, ImVec2(p.x + card_width, p.y + height), IM_COL32(243, 245, 250, 255), 4);
    ImGui::Dummy(ImVec2(card_width, 0));
    ImGui::SetCursorScreenPos(ImVec2(p.x + 6, p.y + 2));
    ImGui::TextDisabled("%s", card.label);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 6, p.y + ImGui::GetTextLineHeightWithSpacing()));
    const auto shown = [&](double x) { return card.share ? percent(x) : format_number(x, 4); };
    if (!k->defined) {
      ImGui::TextDisabled(k->name == kpi::retention_rate ? "- (no horizon)" : "- (none observed)");
    } else {
      ImGui::Text("%s", shown(k->estimate.value).c_str());
      ImGui::SetCursorScreenPos(ImVec2(p.x + 6, p.y + 2 * ImGui::GetTextLineHeightWithSpacing()));
      ImGui::TextDisabled("[%s, %s]", shown(k->estimate.ci95.lo).c_str(), shown(k->estimate.ci95.hi).c_str());
    }
    // A paired change against the pinned baseline, when there is one.
    if (outcome_ && outcome_->comparison) {
      for (const KpiChange& c : outcome_->comparison->variants.front().kpis) {
        if (c.name != card.kpi || !c.defined) continue;
        ImGui::SameLine();
        ImGui::TextColored(c.significant() ? ImVec4(0.1f, 0.5f, 0.2f, 1) : ImVec4(0.5f, 0.5f, 0.5f, 1), "%s%s",
                           c.change.value >= 0 ? "+" : "", shown(c.change.value).c_str());
      }
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + height + 4));
    ImGui::EndGroup();
    column = (column + 1) % 3;
  }
  ImGui::TextDisabled("95%% intervals: simulation noise only, %llu customers",
                      static_cast<unsigned long long>(report_->customers));
}

void App::draw_outcomes_chart() {
  for (const OutcomeFigures& o : report_->outcomes) {
    bar(o.id.c_str(), o.share.value, outcome_colour(o.kind), percent(o.share.value));
  }
}

void App::draw_funnel_chart() {
  for (std::size_t i = 0; i < report_->funnel.size(); ++i) {
    const StageFigures& s = report_->funnel[i];
    bar(s.stage.c_str(), s.share.value, IM_COL32(66, 133, 244, 255),
        percent(s.share.value) + (i > 0 ? "  -" + percent(s.dropoff.value) : ""));
  }
  ImGui::TextDisabled("bar: share of customers reaching the stage; -x%%: drop-off from the stage before");
}

void App::draw_nps_chart() {
  std::uint64_t most = 1;
  for (std::uint64_t n : report_->nps_scores) most = std::max(most, n);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = 90.0f;
  const float slot = width / 11;
  for (int score = 0; score <= 10; ++score) {
    const float h = height * static_cast<float>(report_->nps_scores[score]) / static_cast<float>(most);
    const ImU32 colour = score >= 9 ? IM_COL32(46, 160, 67, 255) : score >= 7 ? IM_COL32(170, 170, 170, 255)
                                                                              : IM_COL32(214, 39, 40, 255);
    draw->AddRectFilled(ImVec2(p.x + slot * score + 2, p.y + height - h), ImVec2(p.x + slot * (score + 1) - 2, p.y + height),
                        colour);
    const std::string label = std::to_string(score);
    draw->AddText(ImVec2(p.x + slot * score + slot / 2 - 4, p.y + height + 2), ImGui::GetColorU32(ImGuiCol_Text),
                  label.c_str());
  }
  ImGui::Dummy(ImVec2(width, height + ImGui::GetTextLineHeightWithSpacing()));
}

void App::draw_retention_chart() {
  // Share of customers still travelling, with its 95% band, up to the horizon.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x - 10;
  const float height = 100.0f;
  draw->AddRectFilled(p, ImVec2(p.x + width, p.y + height), IM_COL32(243, 245, 250, 255));
  const auto& points = report_->retention;
  const double last_hours = points.back().hours > 0 ? points.back().hours : 1.0;
  const auto at = [&](double hours, double share) {
    return ImVec2(p.x + static_cast<float>(hours / last_hours) * width, p.y + height - static_cast<float>(share) * height);
  };
  for (std::size_t k = 1; k < points.size(); ++k) {
    draw->AddQuadFilled(at(points[k - 1].hours, points[k - 1].travelling.ci95.hi), at(points[k].hours, points[k].travelling.ci95.hi),
                        at(points[k].hours, points[k].travelling.ci95.lo), at(points[k - 1].hours, points[k - 1].travelling.ci95.lo),
                        IM_COL32(31, 119, 180, 60));
    draw->AddLine(at(points[k - 1].hours, points[k - 1].travelling.value), at(points[k].hours, points[k].travelling.value),
                  IM_COL32(31, 119, 180, 255), 2.0f);
  }
  ImGui::Dummy(ImVec2(width, height));
  ImGui::TextDisabled("still travelling: %s at the start, %s at the horizon (%s days)", percent(points.front().travelling.value).c_str(),
                      percent(points.back().travelling.value).c_str(), format_number(last_hours / 24.0, 4).c_str());
}

void App::draw_segments() {
  if (!ImGui::BeginTable("segments", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) return;
  ImGui::TableSetupColumn("segment");
  ImGui::TableSetupColumn("conversion");
  ImGui::TableSetupColumn("churn");
  ImGui::TableSetupColumn("NPS");
  ImGui::TableHeadersRow();
  for (const SegmentFigures& s : report_->segments) {
    const auto value = [&](const char* name) {
      for (const Kpi& k : s.kpis) {
        if (k.name == name) return k;
      }
      return Kpi{};
    };
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(s.id.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(percent(value(kpi::conversion_rate).estimate.value).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(percent(value(kpi::churn_rate).estimate.value).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_number(value(kpi::nps).estimate.value, 3).c_str());
  }
  ImGui::EndTable();
}

void App::draw_paths() {
  // Filter by ending kind: "paths that end in churn".
  std::vector<std::string> kinds{"all endings"};
  for (const std::string& k : scenario_->outcome_kinds()) kinds.push_back(k);
  ImGui::SetNextItemWidth(160);
  if (ImGui::BeginCombo("ending", kinds[static_cast<std::size_t>(path_filter_)].c_str())) {
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (ImGui::Selectable(kinds[i].c_str(), static_cast<std::size_t>(path_filter_) == i)) {
        path_filter_ = static_cast<int>(i);
        highlighted_path_.reset();
      }
    }
    ImGui::EndCombo();
  }
  const auto kind_of = [&](const std::string& ending) {
    if (const auto i = scenario_->find_touchpoint(ending)) return scenario_->touchpoints[*i].outcome;
    return ending;
  };
  for (std::size_t i = 0; i < report_->paths.size(); ++i) {
    const PathFigures& p = report_->paths[i];
    std::uint64_t matching = p.count;
    if (path_filter_ > 0) {
      matching = 0;
      for (const auto& [ending, n] : p.endings) {
        if (kind_of(ending) == kinds[static_cast<std::size_t>(path_filter_)]) matching += n;
      }
      if (matching == 0) continue;
    }
    std::string text = percent(static_cast<double>(matching) / static_cast<double>(report_->customers)) + "  ";
    for (std::size_t k = 0; k < p.path.size(); ++k) text += (k == 0 ? "" : " > ") + p.path[k];
    if (ImGui::Selectable((text + "##path" + std::to_string(i)).c_str(), highlighted_path_ == i)) {
      highlighted_path_ = highlighted_path_ == i ? std::nullopt : std::optional<std::size_t>(i);
    }
  }
}

void App::draw_inspector() {
  const Touchpoint& t = scenario_->touchpoints[*selected_];
  ImGui::Text("%s", t.display_name().c_str());
  ImGui::TextDisabled("id %s, stage %s, channel %s", t.id.c_str(), t.stage.empty() ? "-" : t.stage.c_str(),
                      t.channel.empty() ? "-" : t.channel.c_str());
  if (t.terminal()) {
    ImGui::Text("ending: %s", t.outcome.c_str());
  } else {
    ImGui::Text("effort %d, mean dwell %s, mean sentiment change %s", t.effort,
                format_number(t.dwell.mean() / 60.0, 3).c_str(), format_number(t.sentiment.mean(), 3).c_str());
    ImGui::TextDisabled("(mean dwell in minutes)");
  }
  if (report_ && *selected_ < report_->touchpoints.size()) {
    const TouchpointFigures& f = report_->touchpoints[*selected_];
    ImGui::Text("visits %llu, visitors %llu, reach %s", static_cast<unsigned long long>(f.visits),
                static_cast<unsigned long long>(f.visitors), percent(f.reach.value).c_str());
    if (f.rated) ImGui::Text("CSAT %s, CES %s", percent(f.csat.value).c_str(), format_number(f.ces.value, 3).c_str());
    if (!f.terminal) ImGui::Text("drop-off %s", percent(f.dropoff.value).c_str());
  }
}

namespace {

// The document with transition k's probability set to `value` by DESIGN
// section 7's rule: the touchpoint's "rest" absorbs the change when it has
// one, otherwise its other transitions are rescaled in proportion.
Json with_probability(Json document, const Scenario& scenario, std::size_t k, double value) {
  Json& transitions = document["transitions"];
  const std::size_t from = scenario.transitions[k].from;
  bool has_rest = false;
  double others = 0.0;
  for (std::size_t i = 0; i < scenario.transitions.size(); ++i) {
    if (i == k || scenario.transitions[i].from != from) continue;
    const Json& p = transitions[i]["p"];
    if (p.is_string()) has_rest = true;
    else others += p.get<double>();
  }
  transitions[k]["p"] = value;
  if (has_rest || others <= 0.0) return document;
  const double factor = (1.0 - value) / others;
  for (std::size_t i = 0; i < scenario.transitions.size(); ++i) {
    if (i != k && scenario.transitions[i].from == from) transitions[i]["p"] = transitions[i]["p"].get<double>() * factor;
  }
  return document;
}

}  // namespace


void App::draw_transition_inspector() {
  const std::size_t k = *selected_transition_;
  const Transition& tr = scenario_->transitions[k];
  ImGui::Text("%s", scenario_->transition_label(k).c_str());
  if (report_ && k < report_->transitions.size()) {
    const TransitionFigures& f = report_->transitions[k];
    ImGui::Text("flow %llu traversals", static_cast<unsigned long long>(f.traversals));
    for (const auto& [ending, n] : f.by_ending) {
      ImGui::TextDisabled("  of which %s %s", ending.c_str(),
                          percent(f.traversals > 0 ? static_cast<double>(n) / static_cast<double>(f.traversals) : 0.0).c_str());
    }
  }
  ImGui::Separator();
  if (tr.p.rest) {
    ImGui::Text("p rest (%.3f): the rest of %s's probability", tr.p.value, scenario_->touchpoints[tr.from].id.c_str());
  } else {
    float p = static_cast<float>(tr.p.value);
    ImGui::SetNextItemWidth(200);
    if (ImGui::SliderFloat("p", &p, 0.0f, 1.0f, "%.3f") && p != static_cast<float>(tr.p.value)) {
      apply_edit(with_probability(edited_, *scenario_, k, static_cast<double>(p)), scenario_->transition_label(k) + " p");
    }
  }
  float weight = static_cast<float>(tr.sentiment_weight);
  ImGui::SetNextItemWidth(200);
  if (ImGui::DragFloat("sentiment weight", &weight, 0.05f, -10.0f, 10.0f, "%.2f") &&
      weight != static_cast<float>(tr.sentiment_weight)) {
    Json candidate = edited_;
    candidate["transitions"][k]["sentiment_weight"] = static_cast<double>(weight);
    apply_edit(std::move(candidate), scenario_->transition_label(k) + " sentiment_weight");
  }
  if (!edit_error_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", edit_error_.c_str());
    ImGui::PopTextWrapPos();
  }
}

void App::draw_editor() {
  const std::size_t i = *selected_;
  const Touchpoint& t = scenario_->touchpoints[i];
  ImGui::Separator();
  ImGui::TextDisabled("Edit (each change is checked like the file, then re-run; Ctrl+Z undoes)");
  const Json& fields = edited_["touchpoints"][i];
  const auto edit_field = [&](const char* key, Json value, const std::string& what) {
    Json candidate = edited_;
    candidate["touchpoints"][i][key] = std::move(value);
    apply_edit(std::move(candidate), t.id + " " + what);
  };
  if (!t.terminal()) {
    int effort = t.effort;
    ImGui::SetNextItemWidth(160);
    if (ImGui::SliderInt("effort", &effort, 1, 7) && effort != t.effort) edit_field("effort", effort, "effort");
    if (!fields.contains("sentiment") || fields["sentiment"].is_number()) {
      float change = static_cast<float>(t.sentiment.mean());
      ImGui::SetNextItemWidth(160);
      if (ImGui::DragFloat("sentiment change", &change, 0.01f, -3.0f, 3.0f, "%.2f")) {
        edit_field("sentiment", static_cast<double>(change), "sentiment");
      }
    }
    if (!fields.contains("dwell") || fields["dwell"].is_string()) {
      static char dwell[64];
      const std::string current = fields.contains("dwell") ? fields["dwell"].get<std::string>() : "0s";
      if (!ImGui::IsItemActive()) std::snprintf(dwell, sizeof dwell, "%s", current.c_str());
      ImGui::SetNextItemWidth(160);
      if (ImGui::InputText("dwell (Enter)", dwell, sizeof dwell, ImGuiInputTextFlags_EnterReturnsTrue)) {
        edit_field("dwell", std::string(dwell), "dwell");
      }
    }
    ImGui::TextDisabled("Transitions out (a change is absorbed by \"rest\", else the others are rescaled)");
    for (std::size_t k = 0; k < scenario_->transitions.size(); ++k) {
      const Transition& tr = scenario_->transitions[k];
      if (tr.from != i) continue;
      const std::string label = "-> " + scenario_->touchpoints[tr.to].id + "##p" + std::to_string(k);
      if (tr.p.rest) {
        ImGui::Text("-> %s  rest (%.3f)", scenario_->touchpoints[tr.to].id.c_str(), tr.p.value);
        continue;
      }
      float p = static_cast<float>(tr.p.value);
      ImGui::SetNextItemWidth(160);
      if (ImGui::SliderFloat(label.c_str(), &p, 0.0f, 1.0f, "%.3f") && p != static_cast<float>(tr.p.value)) {
        apply_edit(with_probability(edited_, *scenario_, k, static_cast<double>(p)), scenario_->transition_label(k) + " p");
      }
    }
  }
  if (!edit_error_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", edit_error_.c_str());
    ImGui::PopTextWrapPos();
  }
}

}  // namespace journeysim::viewer
