// The Figures tab: a card per KPI with its 95% interval (and, after a paired
// run, its change with the change's interval), then the endings. Every
// figure comes from the RunReport and reads through sim/'s KPI text, as in
// the command line's tables: nothing is computed here.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

namespace {

struct CardGroup {
  const char* title;
  std::vector<const char*> kpis;
};

const std::vector<CardGroup>& card_groups() {
  static const std::vector<CardGroup> groups{
      {"Rates", {kpi::conversion_rate, kpi::churn_rate, kpi::abandonment_rate, kpi::lost_rate, kpi::retention_rate}},
      {"Experience", {kpi::nps, kpi::csat, kpi::ces}},
      {"Time", {kpi::ttr_hours, kpi::ttr_p50_hours, kpi::ttr_p90_hours, kpi::journey_hours, kpi::steps}},
      {"Money", {kpi::revenue_per_customer, kpi::cost_per_customer}},
  };
  return groups;
}

const KpiChange* find_change(const VariantComparison* comparison, std::string_view name) {
  if (!comparison) return nullptr;
  for (const KpiChange& c : comparison->kpis) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace

void App::draw_figures_tab() {
  draw_kpi_cards();
  ImGui::Spacing();
  heading("How journeys end");
  draw_endings();
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("[a, b]: 95%% interval for simulation noise only, from %s customers; it narrows with more customers "
                      "and says nothing about how uncertain the scenario's own figures are.",
                      grouped_count(report_->customers).c_str());
  ImGui::PopTextWrapPos();
}

void App::draw_kpi_cards() {
  const VariantComparison* paired = comparison();
  const ImGuiStyle& style = ImGui::GetStyle();
  const int columns = ImGui::GetContentRegionAvail().x > 560 ? 3 : 2;
  const float card_width = (ImGui::GetContentRegionAvail().x - (columns - 1) * style.ItemSpacing.x) / static_cast<float>(columns);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float big_line = large_font()->FontSize + style.ItemSpacing.y;
  const float card_height = line + big_line + (paired ? line : 0.0f) + 8;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (const CardGroup& group : card_groups()) {
    heading(group.title);
    int column = 0;
    for (const char* name : group.kpis) {
      const Kpi* k = report_->find_kpi(name);
      if (!k) continue;
      const KpiPresentation& look = kpi_presentation(name);
      const TimeUnit unit = time_unit_for(k->estimate.value);  // a duration in minutes, hours, days or weeks
      if (column > 0) ImGui::SameLine();
      const ImVec2 p = ImGui::GetCursorScreenPos();
      draw->AddRectFilled(p, ImVec2(p.x + card_width, p.y + card_height), IM_COL32(243, 245, 250, 255), 5);
      ImGui::BeginGroup();
      ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 4));
      ImGui::TextDisabled("%s", look.short_label);
      ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 4 + line));
      const std::string not_applicable = kpi_not_applicable(*shown_, name);
      // The value large, its interval beside it, level with the value's baseline.
      const float beside = (large_font()->FontSize - ImGui::GetFontSize()) * 0.8f;
      if (!not_applicable.empty() || !k->defined) {
        ImGui::PushFont(large_font());
        ImGui::TextDisabled("-");
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + beside);
        ImGui::TextDisabled("%s", (!not_applicable.empty() ? not_applicable : kpi_undefined_reason(name)).c_str());
      } else {
        ImGui::PushFont(large_font());
        ImGui::TextUnformatted(kpi_value_text(name, k->estimate.value, unit).c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + beside);
        ImGui::TextDisabled("%s", kpi_interval_text(name, k->estimate, unit).c_str());
        if (const KpiChange* c = find_change(paired, name); c && c->defined) {
          ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 4 + line + big_line));
          const ChangeText change = kpi_change_texts(name, c->change, unit);
          ImGui::TextColored(change_colour(*c, look.better), "%s %s", change.value.c_str(), change.interval().c_str());
        }
      }
      ImGui::SetCursorScreenPos(p);
      ImGui::Dummy(ImVec2(card_width, card_height));
      ImGui::EndGroup();
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(look.label);
        if (k->defined) {
          ImGui::Text("%s %s from %s %s", kpi_value_text(name, k->estimate.value, unit).c_str(),
                      kpi_interval_text(name, k->estimate, unit).c_str(), grouped_count(k->sample_size).c_str(),
                      name == std::string_view(kpi::ttr_hours) || name == std::string_view(kpi::ttr_p50_hours) ||
                              name == std::string_view(kpi::ttr_p90_hours)
                          ? "support episodes"
                          : (name == std::string_view(kpi::nps) ? "asked customers" : "customers"));
        }
        if (const KpiChange* c = find_change(paired, name); c && c->defined) {
          const ChangeText change = kpi_change_texts(name, c->change, unit);
          ImGui::Text("baseline %s, now %s: change %s %s%s", kpi_value_text(name, c->baseline.value, unit).c_str(),
                      kpi_value_text(name, c->variant.value, unit).c_str(), change.value.c_str(), change.interval().c_str(),
                      c->significant() ? ", beyond simulation noise" : ", within simulation noise");
        }
        ImGui::EndTooltip();
      }
      column = (column + 1) % columns;
    }
    ImGui::Spacing();
  }
  if (paired && paired->return_on_cost) {
    const ReturnOnCost& r = *paired->return_on_cost;
    heading("Return on the change");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(return_on_cost_text(r).c_str());
    ImGui::PopTextWrapPos();
  }
  if (paired) {
    ImGui::TextDisabled("Changes: green for the better, red for the worse, grey within simulation noise.");
  }
}

void App::draw_endings() {
  const VariantComparison* paired = comparison();
  for (const OutcomeFigures& o : report_->outcomes) {
    std::string value = percent_text(o.share.value) + "  " + grouped_count(o.count);
    if (paired) {
      for (const auto& [id, change] : paired->outcomes) {
        if (id == o.id) value += "  (" + share_change_text(change.value) + ")";
      }
    }
    std::string label = o.id;
    if (const auto i = shown_->find_touchpoint(o.id)) label = shown_->touchpoints[*i].display_name();
    value_bar(label.c_str(), o.share.value, colours_.outcome(o.kind), value, 190.0f, 200.0f);
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s (%s): %s of customers %s", o.id.c_str(), o.kind.c_str(), percent_text(o.share.value).c_str(),
                        share_interval_text(o.share).c_str());
    }
  }
  if (report_->unfinished > 0) {
    ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s customers reached max_steps without an ending",
                       grouped_count(report_->unfinished).c_str());
  }
}

}  // namespace journeysim::viewer
