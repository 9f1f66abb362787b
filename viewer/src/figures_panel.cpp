// The Figures tab: a card per KPI with its 95% interval and its base (what
// it is a share or mean of, or why it is undefined), after a paired run its
// change with the change's interval and the changes per segment that stand
// out; then the endings. Every figure comes from the RunReport and reads
// through sim/'s KPI text, as in the command line's tables: nothing is
// computed here.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "kpi_card.hpp"
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
      {"Experience", {kpi::nps, kpi::csat, kpi::ces, kpi::sentiment_final}},
      {"Time",
       {kpi::ttr_hours, kpi::ttr_p50_hours, kpi::ttr_p90_hours, kpi::wait_hours, kpi::journey_hours, kpi::steps}},
      {"Money", {kpi::revenue_per_customer, kpi::cost_per_customer}},
  };
  return groups;
}

const KpiChange* find_change(const VariantComparison* comparison, std::string_view name) {
  return comparison ? comparison->find_change(name) : nullptr;
}

}  // namespace

void App::draw_figures_tab() {
  draw_kpi_cards();
  ImGui::Spacing();
  heading("How journeys end");
  draw_endings();
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "[a, b]: 95%% interval for simulation noise only, from %s customers; it narrows with more customers "
      "and says nothing about how uncertain the scenario's own figures are.",
      grouped_count(report_->customers).c_str());
  ImGui::PopTextWrapPos();
}

KpiCard kpi_card(const Kpi& k, const KpiChange* change) {
  KpiCard card;
  card.unit = time_unit_for(k.estimate.value);  // a duration in minutes, hours, days or weeks
  if (!k.defined) {
    card.value = "-";
    card.note = k.undefined_reason;
    card.tooltip = kpi_undefined_text(k);
    return card;
  }
  card.value = kpi_value_text(k.name, k.estimate.value, card.unit);
  card.interval = kpi_interval_text(k.name, k.estimate, card.unit);
  card.note = kpi_base_text(k);
  card.tooltip = card.value + " " + card.interval + " " + card.note;
  if (change && change->defined) {
    card.change = change;
    const ChangeText text = kpi_change_texts(k.name, change->change, card.unit);
    card.change_text = text.value + " " + text.interval();
  }
  return card;
}

void App::draw_kpi_cards() {
  const VariantComparison* paired = comparison();
  const ImGuiStyle& style = ImGui::GetStyle();
  const int columns = ImGui::GetContentRegionAvail().x > 560 ? 3 : 2;
  const float card_width =
      (ImGui::GetContentRegionAvail().x - (columns - 1) * style.ItemSpacing.x) / static_cast<float>(columns);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float big_line = large_font()->FontSize + style.ItemSpacing.y;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (const CardGroup& group : card_groups()) {
    // The note under each value (its base, or why it is undefined) takes up
    // to two lines, as many for every card of the group so that they line up.
    struct Shown {
      const Kpi* kpi;
      KpiCard card;
      FittedText note;
    };
    std::vector<Shown> cards;
    std::size_t note_lines = 1;
    for (const char* name : group.kpis) {
      const Kpi* k = report_->find_kpi(name);
      if (!k) continue;
      KpiCard card = kpi_card(*k, find_change(paired, name));
      FittedText note = fit_lines(card.note, card_width - 16, ImGui::GetFont(), ImGui::GetFontSize(), 2);
      note_lines = std::max(note_lines, note.lines.size());
      cards.push_back({k, std::move(card), std::move(note)});
    }
    if (cards.empty()) continue;
    const float notes_height = static_cast<float>(note_lines) * line;
    const float card_height = line + big_line + notes_height + (paired ? line : 0.0f) + 6;
    heading(group.title);
    int column = 0;
    for (const Shown& shown : cards) {
      const KpiCard& card = shown.card;
      const KpiPresentation& look = kpi_presentation(shown.kpi->name);
      if (column > 0) ImGui::SameLine();
      const ImVec2 p = ImGui::GetCursorScreenPos();
      draw->AddRectFilled(p, ImVec2(p.x + card_width, p.y + card_height), IM_COL32(243, 245, 250, 255), 5);
      ImGui::BeginGroup();
      ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 4));
      ImGui::TextDisabled("%s", look.short_label);
      ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 4 + line));
      // The value large, its interval beside it, level with the value's baseline.
      ImGui::PushFont(large_font());
      if (shown.kpi->defined) {
        ImGui::TextUnformatted(card.value.c_str());
      } else {
        ImGui::TextDisabled("%s", card.value.c_str());
      }
      ImGui::PopFont();
      if (!card.interval.empty()) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (large_font()->FontSize - ImGui::GetFontSize()) * 0.8f);
        ImGui::TextDisabled("%s", card.interval.c_str());
      }
      for (std::size_t l = 0; l < shown.note.lines.size(); ++l) {
        ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 4 + line + big_line + static_cast<float>(l) * line));
        ImGui::TextDisabled("%s", shown.note.lines[l].c_str());
      }
      if (card.change) {
        ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 4 + line + big_line + notes_height));
        ImGui::TextColored(change_colour(*card.change, look.better), "%s", card.change_text.c_str());
      }
      ImGui::SetCursorScreenPos(p);
      ImGui::Dummy(ImVec2(card_width, card_height));
      ImGui::EndGroup();
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(look.label);
        ImGui::TextUnformatted(card.tooltip.c_str());
        if (const KpiChange* c = card.change) {
          const std::string& name = shown.kpi->name;
          ImGui::Text("baseline %s, now %s: change %s%s", kpi_value_text(name, c->baseline.value, card.unit).c_str(),
                      kpi_value_text(name, c->variant.value, card.unit).c_str(), card.change_text.c_str(),
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
  if (paired && !paired->segments.empty()) draw_segment_changes(*paired);
  if (paired) {
    ImGui::TextDisabled("Changes: green for the better, red for the worse, grey within simulation noise.");
  }
}

// A personalised what-if moves one persona and leaves the others be, which
// the changes over everyone blur: per segment, the paired changes that stand
// out from the noise (as the command line's comparison table lists them).
void App::draw_segment_changes(const VariantComparison& paired) {
  heading("Changes by segment");
  help_marker(
      "Each segment's customers alone, paired customer by customer as above. Listed: the changes whose 95% "
      "interval excludes 0.");
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuterH |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("segment_changes", 3, flags)) return;
  ImGui::TableSetupColumn("Segment", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn("KPI", ImGuiTableColumnFlags_WidthStretch, 1.1f);
  ImGui::TableSetupColumn("Change [95% interval]", ImGuiTableColumnFlags_WidthStretch, 1.7f);
  ImGui::TableHeadersRow();
  for (const auto& [segment, changes] : paired.segments) {
    const std::string title = segment_name(segment);
    bool first = true;
    const auto segment_cell = [&] {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string shown =
          first ? fitted(title, ImGui::GetContentRegionAvail().x, ImGui::GetFont(), ImGui::GetFontSize()) : "";
      ImGui::TextUnformatted(shown.c_str());
      tooltip_when_cut(first && shown != title, title);
      first = false;
    };
    for (const KpiChange& c : changes) {
      if (!c.significant()) continue;
      segment_cell();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(kpi_presentation(c.name).short_label);
      ImGui::TableNextColumn();
      const ChangeText text = kpi_change_texts(c.name, c.change, time_unit_for(std::abs(c.change.value)));
      ImGui::TextColored(change_colour(c, kpi_presentation(c.name).better), "%s %s", text.value.c_str(),
                         text.interval().c_str());
    }
    if (first) {
      segment_cell();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("any");
      ImGui::TableNextColumn();
      ImGui::TextDisabled("none beyond the noise");
    }
  }
  ImGui::EndTable();
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
      ImGui::SetTooltip("%s (%s): %s of customers %s", o.id.c_str(), o.kind.c_str(),
                        percent_text(o.share.value).c_str(), share_interval_text(o.share).c_str());
    }
  }
  if (report_->unfinished > 0) {
    ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s customers reached max_steps without an ending",
                       grouped_count(report_->unfinished).c_str());
  }
}

}  // namespace journeysim::viewer
