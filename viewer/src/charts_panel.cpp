// The Charts tab: the funnel by stage with drop-off, the NPS score
// distribution, retention over time where the scenario has a horizon, and
// every KPI per segment side by side. Drawn with ImGui widgets and ImDrawList
// from the RunReport's figures; nothing is computed here but positions.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

namespace {

void chart_title(const char* title, const char* help = nullptr) {
  ImGui::Spacing();
  heading(title);
  if (help) help_marker(help);
}

}  // namespace

void App::draw_charts_tab() {
  draw_funnel_chart();
  draw_nps_chart();
  if (!report_->retention.empty()) draw_retention_chart();
  if (!report_->segments.empty()) draw_segments_table();
}

void App::draw_funnel_chart() {
  chart_title("Funnel by stage",
              "Bar: the share of all customers who reach the stage at least once. Drop-off: of those who reached the "
              "stage before, the share who never reach this one.");
  for (std::size_t i = 0; i < report_->funnel.size(); ++i) {
    const StageFigures& s = report_->funnel[i];
    std::string value = percent_text(s.share.value);
    if (i > 0) value += "   drop-off " + percent_text(s.dropoff.value);
    value_bar(s.stage.c_str(), s.share.value, IM_COL32(66, 133, 244, 255), value, 130.0f, 210.0f);
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s customers reach %s: %s %s", grouped_count(s.reached).c_str(), s.stage.c_str(),
                        percent_text(s.share.value).c_str(), share_interval_text(s.share).c_str());
    }
  }
}

void App::draw_nps_chart() {
  const auto& scores = report_->nps_scores;
  std::uint64_t asked = 0, most = 1, promoters = 0, detractors = 0;
  for (int score = 0; score <= 10; ++score) {
    asked += scores[score];
    most = std::max(most, scores[score]);
    if (score >= 9) promoters += scores[score];
    if (score <= 6) detractors += scores[score];
  }
  chart_title("NPS: how likely to recommend, 0-10",
              "Each customer's answer at the end of the journey (an ordered probit of their final sentiment). "
              "NPS = % promoters (9-10) - % detractors (0-6).");
  if (asked == 0) {
    ImGui::TextDisabled("nobody was asked");
    return;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float axis = 44.0f;
  const float width = ImGui::GetContentRegionAvail().x - axis;
  const float height = 110.0f;
  const float slot = width / 11;
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  // The y axis in shares of the asked customers.
  const double top_share = static_cast<double>(most) / static_cast<double>(asked);
  for (int tick = 0; tick <= 2; ++tick) {
    const float y = p.y + height - height * static_cast<float>(tick) / 2;
    draw->AddLine(ImVec2(p.x + axis, y), ImVec2(p.x + axis + width, y), IM_COL32(225, 227, 232, 255));
    const std::string label = format_number(100 * top_share * tick / 2, 2) + "%";
    draw->AddText(ImVec2(p.x, y - ImGui::GetTextLineHeight() / 2), faint, label.c_str());
  }
  for (int score = 0; score <= 10; ++score) {
    const float h = height * static_cast<float>(scores[score]) / static_cast<float>(most);
    const ImU32 colour = score >= 9 ? IM_COL32(46, 160, 67, 255) : score >= 7 ? IM_COL32(170, 170, 170, 255)
                                                                              : IM_COL32(214, 39, 40, 255);
    const float x0 = p.x + axis + slot * score;
    draw->AddRectFilled(ImVec2(x0 + 2, p.y + height - h), ImVec2(x0 + slot - 2, p.y + height), colour);
    const std::string label = std::to_string(score);
    const float label_width = ImGui::CalcTextSize(label.c_str()).x;
    draw->AddText(ImVec2(x0 + (slot - label_width) / 2, p.y + height + 2), text, label.c_str());
  }
  ImGui::Dummy(ImVec2(width + axis, height + ImGui::GetTextLineHeightWithSpacing()));
  const auto share = [&](std::uint64_t n) { return percent_text(static_cast<double>(n) / static_cast<double>(asked)); };
  ImGui::TextColored(to_vec4(IM_COL32(214, 39, 40, 255)), "detractors %s", share(detractors).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("passives %s", share(asked - promoters - detractors).c_str());
  ImGui::SameLine();
  ImGui::TextColored(to_vec4(IM_COL32(46, 160, 67, 255)), "promoters %s", share(promoters).c_str());
  if (const Kpi* nps = report_->find_kpi(kpi::nps); nps && nps->defined) {
    ImGui::SameLine();
    ImGui::Text("NPS %s", kpi_value_text(kpi::nps, nps->estimate.value).c_str());
  }
  ImGui::TextDisabled("%s customers asked", grouped_count(asked).c_str());
}

void App::draw_retention_chart() {
  chart_title("Still travelling over time",
              "The share of customers whose journey has not ended yet, with its 95% band, up to the horizon. "
              "At the horizon it is the retention rate.");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float axis = 44.0f;
  const float width = ImGui::GetContentRegionAvail().x - axis - 10;
  const float height = 120.0f;
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  draw->AddRectFilled(ImVec2(p.x + axis, p.y), ImVec2(p.x + axis + width, p.y + height), IM_COL32(246, 247, 250, 255));
  const auto& points = report_->retention;
  const double last_hours = points.back().hours > 0 ? points.back().hours : 1.0;
  const auto at = [&](double hours, double share) {
    return ImVec2(p.x + axis + static_cast<float>(hours / last_hours) * width, p.y + height - static_cast<float>(share) * height);
  };
  for (int tick = 0; tick <= 4; ++tick) {
    const float y = p.y + height - height * static_cast<float>(tick) / 4;
    draw->AddLine(ImVec2(p.x + axis, y), ImVec2(p.x + axis + width, y), IM_COL32(225, 227, 232, 255));
    const std::string label = std::to_string(25 * tick) + "%";
    draw->AddText(ImVec2(p.x, y - ImGui::GetTextLineHeight() / 2), faint, label.c_str());
  }
  for (int tick = 0; tick <= 4; ++tick) {
    const double hours = last_hours * tick / 4;
    const float x = p.x + axis + width * static_cast<float>(tick) / 4;
    // Days for long horizons, hours for short ones.
    const std::string label = tick == 0            ? std::string("0")
                              : last_hours >= 96.0 ? format_number(std::round(hours / 24.0), 6) + "d"
                                                   : format_number(std::round(hours), 6) + "h";
    const float label_width = ImGui::CalcTextSize(label.c_str()).x;
    draw->AddText(ImVec2(std::min(x - label_width / 2, p.x + axis + width - label_width), p.y + height + 2), faint,
                  label.c_str());
  }
  for (std::size_t k = 1; k < points.size(); ++k) {
    const RetentionPoint& a = points[k - 1];
    const RetentionPoint& b = points[k];
    draw->AddQuadFilled(at(a.hours, a.travelling.ci95.hi), at(b.hours, b.travelling.ci95.hi),
                        at(b.hours, b.travelling.ci95.lo), at(a.hours, a.travelling.ci95.lo), IM_COL32(31, 119, 180, 60));
    draw->AddLine(at(a.hours, a.travelling.value), at(b.hours, b.travelling.value), IM_COL32(31, 119, 180, 255), 2.0f);
  }
  ImGui::Dummy(ImVec2(width + axis, height + ImGui::GetTextLineHeightWithSpacing()));
  ImGui::TextDisabled("still travelling at the horizon (%s): %s %s", format_duration(last_hours * seconds_per_hour).c_str(),
                      percent_text(points.back().travelling.value).c_str(),
                      share_interval_text(points.back().travelling).c_str());
}

void App::draw_segments_table() {
  chart_title("Segments side by side", "Every KPI for each segment's customers, and for all of them together.");
  const int columns = static_cast<int>(report_->segments.size()) + 2;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuterH |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("segments", columns, flags)) return;
  ImGui::TableSetupColumn("KPI", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  std::vector<std::string> titles{"KPI"};
  for (const SegmentFigures& s : report_->segments) {
    std::string title = segment_name(s.id);
    ImGui::TableSetupColumn(title.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    titles.push_back(std::move(title));
  }
  ImGui::TableSetupColumn("all", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  titles.emplace_back("all");
  // Headers over two lines, broken between words; a name that still does
  // not fit ends in "..." and shows whole on hover.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (std::size_t c = 0; c < titles.size(); ++c) {
    ImGui::TableSetColumnIndex(static_cast<int>(c));
    const FittedText header = fit_lines(titles[c], ImGui::GetContentRegionAvail().x, ImGui::GetFont(), ImGui::GetFontSize(), 2);
    std::string text;
    for (const std::string& line : header.lines) text += (text.empty() ? "" : "\n") + line;
    ImGui::TableHeader((text + "##" + std::to_string(c)).c_str());
    tooltip_when_cut(header.cut, titles[c]);
  }
  // Customer counts first: how much each column rests on.
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("customers");
  for (const SegmentFigures& s : report_->segments) {
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", grouped_count(s.customers).c_str());
  }
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", grouped_count(report_->customers).c_str());
  TimeUnit unit = time_unit_for(1.0);  // one per row, from the figure for everyone: a row of durations reads in one unit
  const auto cell = [&](const Kpi* k) {
    ImGui::TableNextColumn();
    if (!k || !k->defined) {
      ImGui::TextDisabled("-");
      return;
    }
    ImGui::TextUnformatted(kpi_value_text(k->name, k->estimate.value, unit).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kpi_interval_text(k->name, k->estimate, unit).c_str());
  };
  for (const KpiPresentation& look : kpi_presentations()) {
    if (!kpi_not_applicable(*shown_, look.name).empty()) continue;
    const Kpi* all = report_->find_kpi(look.name);
    unit = time_unit_for(all && all->defined ? all->estimate.value : 1.0);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(look.short_label);
    for (const SegmentFigures& s : report_->segments) {
      const auto found = std::find_if(s.kpis.begin(), s.kpis.end(), [&](const Kpi& k) { return k.name == look.name; });
      cell(found == s.kpis.end() ? nullptr : &*found);
    }
    cell(all);
  }
  ImGui::EndTable();
  ImGui::TextDisabled("Hover a figure for its 95%% interval.");
}

}  // namespace journeysim::viewer
