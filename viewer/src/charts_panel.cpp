// The Charts tab: the funnel by stage with drop-off, the emotion curve (mean
// sentiment on leaving each stage, a what-if's beside the baseline's), the
// NPS score distribution, retention over time where the scenario has a
// horizon, and every KPI per segment side by side. Drawn with ImGui widgets and ImDrawList
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

std::string fixed_text(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value == 0.0 ? 0.0 : value);  // no "-0.0"
  return text;
}

}  // namespace

void App::draw_charts_tab() {
  draw_sweep_charts();
  draw_funnel_chart();
  draw_emotion_curve();
  draw_nps_chart();
  if (!report_->retention.empty()) draw_retention_chart();
  if (!report_->queues.empty()) draw_queue_charts();
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

// x: the scenario's stages in order; y: the mean sentiment of customers as
// they leave each stage, a dot and whiskers for its 95% interval and a band
// joining them. With a what-if (or a pinned baseline) the baseline's curve is
// drawn in grey beside the variant's, each a few pixels to its side so that
// their whiskers stay apart.
void App::draw_emotion_curve() {
  chart_title("Emotion curve",
              "Customers carry a sentiment (0 is neutral, below 0 unhappy) that each touchpoint moves. Each dot is the "
              "mean sentiment of customers as they leave the stage for another one; the whiskers and the band are its "
              "95% interval for simulation noise. A customer who leaves a stage twice counts twice.");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Mean sentiment as customers leave each stage, predicted by the simulation.");
  ImGui::PopTextWrapPos();
  const std::vector<StageFigures>& stages = report_->funnel;
  if (stages.empty()) return;
  struct Curve {
    const char* label;
    ImU32 colour;
    std::vector<Estimate> points;  // per stage of `stages`; NaN: nobody left it
  };
  const auto curve_of = [&](const RunReport& report, const char* label, ImU32 colour) {
    Curve curve{label, colour,
                std::vector<Estimate>(stages.size(), Estimate{std::nan(""), {std::nan(""), std::nan("")}, 0})};
    for (std::size_t i = 0; i < stages.size(); ++i) {
      for (const StageFigures& s : report.funnel) {
        if (s.stage == stages[i].stage) curve.points[i] = s.sentiment;
      }
      // A mean of one exit has no interval: its whiskers are the dot itself.
      Estimate& e = curve.points[i];
      if (!std::isfinite(e.ci95.lo) || !std::isfinite(e.ci95.hi)) e.ci95 = {e.value, e.value};
    }
    return curve;
  };
  std::vector<Curve> curves;
  const bool paired = outcome_ && outcome_->comparison;
  if (paired) curves.push_back(curve_of(outcome_->comparison->baseline, "baseline", IM_COL32(120, 124, 135, 255)));
  curves.push_back(curve_of(*report_, paired ? "with the change" : "", IM_COL32(31, 119, 180, 255)));

  // The y range: every interval, and 0 (neutral), with a margin.
  double lo = 0.0, hi = 0.0;
  bool any = false;
  for (const Curve& c : curves) {
    for (const Estimate& e : c.points) {
      if (!std::isfinite(e.value)) continue;
      any = true;
      lo = std::min(lo, e.ci95.lo);
      hi = std::max(hi, e.ci95.hi);
    }
  }
  if (!any) {
    ImGui::TextDisabled("nobody has left a stage yet");
    return;
  }
  const double margin = std::max(0.08 * (hi - lo), 0.02);
  lo -= margin;
  hi += margin;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  const float axis = 48.0f;
  const float top = line + 4;  // the y axis's title above the plot
  const float width = ImGui::GetContentRegionAvail().x - axis - 10;
  const float height = 160.0f;
  const float slot = width / static_cast<float>(stages.size());
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImVec2 plot0(p.x + axis, p.y + top), plot1(p.x + axis + width, p.y + top + height);
  const auto y_of = [&](double sentiment) {
    return plot1.y - static_cast<float>((sentiment - lo) / (hi - lo)) * height;
  };
  // Two curves sit 5 pixels to either side of the stage's centre, one alone on it.
  const float beside = curves.size() > 1 ? 5.0f : 0.0f;
  const auto x_of = [&](std::size_t stage, std::size_t curve) {
    return plot0.x + slot * (static_cast<float>(stage) + 0.5f) + beside * (2.0f * static_cast<float>(curve) - 1.0f);
  };

  draw->AddRectFilled(plot0, plot1, IM_COL32(246, 247, 250, 255));
  draw->AddText(ImVec2(p.x, p.y), faint, "sentiment (0 is neutral, below 0 unhappy)");
  const AxisTicks ticks = round_ticks(lo, hi, 3);
  for (int t = 0; t < ticks.count; ++t) {
    const double value = ticks.first + t * ticks.step;
    const float y = y_of(value);
    const bool neutral = std::abs(value) < ticks.step / 2;
    draw->AddLine(ImVec2(plot0.x, y), ImVec2(plot1.x, y),
                  neutral ? IM_COL32(150, 153, 165, 255) : IM_COL32(225, 227, 232, 255), neutral ? 1.5f : 1.0f);
    const std::string label = neutral ? "0" : fixed_text(value, ticks.decimals);
    const float label_width = ImGui::CalcTextSize(label.c_str()).x;
    draw->AddText(ImVec2(plot0.x - 6 - label_width, y - line / 2), faint, label.c_str());
  }

  // Bands first, then whiskers, lines and dots over them.
  for (std::size_t c = 0; c < curves.size(); ++c) {
    const Curve& curve = curves[c];
    const ImU32 band = (curve.colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(55) << IM_COL32_A_SHIFT);
    for (std::size_t i = 1; i < stages.size(); ++i) {
      const Estimate& a = curve.points[i - 1];
      const Estimate& b = curve.points[i];
      if (!std::isfinite(a.value) || !std::isfinite(b.value)) continue;
      draw->AddQuadFilled(ImVec2(x_of(i - 1, c), y_of(a.ci95.hi)), ImVec2(x_of(i, c), y_of(b.ci95.hi)),
                          ImVec2(x_of(i, c), y_of(b.ci95.lo)), ImVec2(x_of(i - 1, c), y_of(a.ci95.lo)), band);
    }
  }
  for (std::size_t c = 0; c < curves.size(); ++c) {
    const Curve& curve = curves[c];
    for (std::size_t i = 0; i < stages.size(); ++i) {
      const Estimate& e = curve.points[i];
      if (!std::isfinite(e.value)) continue;
      const float x = x_of(i, c);
      if (i > 0 && std::isfinite(curve.points[i - 1].value)) {
        draw->AddLine(ImVec2(x_of(i - 1, c), y_of(curve.points[i - 1].value)), ImVec2(x, y_of(e.value)), curve.colour,
                      2.0f);
      }
      draw->AddLine(ImVec2(x, y_of(e.ci95.lo)), ImVec2(x, y_of(e.ci95.hi)), curve.colour, 1.5f);
      draw->AddLine(ImVec2(x - 4, y_of(e.ci95.lo)), ImVec2(x + 4, y_of(e.ci95.lo)), curve.colour, 1.5f);
      draw->AddLine(ImVec2(x - 4, y_of(e.ci95.hi)), ImVec2(x + 4, y_of(e.ci95.hi)), curve.colour, 1.5f);
      draw->AddCircleFilled(ImVec2(x, y_of(e.value)), 3.5f, curve.colour);
    }
  }

  // The stages under the plot, centred on their slots. When a name is wider
  // than its slot, the names alternate between two rows, each then as wide
  // as two slots; one still too long ends in "..." and reads whole on hover.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered_window = ImGui::IsWindowHovered();
  const bool staggered = std::any_of(stages.begin(), stages.end(), [&](const StageFigures& s) {
    return ImGui::CalcTextSize(s.stage.c_str()).x > slot - 6;
  });
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const float x0 = plot0.x + slot * static_cast<float>(i);
    const float centre = x0 + slot / 2;
    const float row = staggered && i % 2 == 1 ? 1.0f : 0.0f;
    const std::string name =
        fitted(stages[i].stage, (staggered ? 2 * slot : slot) - 6, ImGui::GetFont(), ImGui::GetFontSize());
    const float name_width = ImGui::CalcTextSize(name.c_str()).x;
    const float name_y = plot1.y + 3 + row * line;
    if (row > 0) draw->AddLine(ImVec2(centre, plot1.y), ImVec2(centre, name_y), IM_COL32(200, 202, 210, 255));
    draw->AddText(ImVec2(centre - name_width / 2, name_y), text, name.c_str());
    // Hovering a stage's column (or its name) tells its figures in words.
    if (hovered_window && mouse.x >= x0 && mouse.x < x0 + slot && mouse.y >= plot0.y &&
        mouse.y <= plot1.y + 2 * line + 3) {
      draw->AddRectFilled(ImVec2(x0, plot0.y), ImVec2(x0 + slot, plot1.y), IM_COL32(31, 119, 180, 18));
      ImGui::BeginTooltip();
      heading(stages[i].stage.c_str());
      for (const Curve& curve : curves) {
        const std::string figure = sentiment_text(curve.points[i]);
        if (curves.size() > 1) {
          ImGui::TextColored(to_vec4(curve.colour), "%s: %s", curve.label, figure.c_str());
        } else {
          ImGui::Text("mean sentiment on leaving: %s", figure.c_str());
        }
      }
      ImGui::EndTooltip();
    }
  }
  ImGui::Dummy(ImVec2(width + axis, top + height + 2 * line + 6));
  // The legend: which curve is which, and what the x axis is.
  if (curves.size() > 1) {
    for (const Curve& curve : curves) {
      const ImVec2 at = ImGui::GetCursorScreenPos();
      draw->AddLine(ImVec2(at.x, at.y + line / 2), ImVec2(at.x + 18, at.y + line / 2), curve.colour, 2.5f);
      ImGui::Dummy(ImVec2(22, line));
      ImGui::SameLine();
      ImGui::TextUnformatted(curve.label);
      ImGui::SameLine(0, 18);
    }
    ImGui::NewLine();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("x: the scenario's stages in order; dots: the mean, whiskers and band: its 95%% interval.");
  ImGui::PopTextWrapPos();
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
    const ImU32 colour = score >= 9   ? IM_COL32(46, 160, 67, 255)
                         : score >= 7 ? IM_COL32(170, 170, 170, 255)
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
    return ImVec2(p.x + axis + static_cast<float>(hours / last_hours) * width,
                  p.y + height - static_cast<float>(share) * height);
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
                        at(b.hours, b.travelling.ci95.lo), at(a.hours, a.travelling.ci95.lo),
                        IM_COL32(31, 119, 180, 60));
    draw->AddLine(at(a.hours, a.travelling.value), at(b.hours, b.travelling.value), IM_COL32(31, 119, 180, 255), 2.0f);
  }
  ImGui::Dummy(ImVec2(width + axis, height + ImGui::GetTextLineHeightWithSpacing()));
  ImGui::TextDisabled(
      "still travelling at the horizon (%s): %s %s", format_duration(last_hours * seconds_per_hour).c_str(),
      percent_text(points.back().travelling.value).c_str(), share_interval_text(points.back().travelling).c_str());
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
    const FittedText header =
        fit_lines(titles[c], ImGui::GetContentRegionAvail().x, ImGui::GetFont(), ImGui::GetFontSize(), 2);
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
  TimeUnit unit =
      time_unit_for(1.0);  // one per row, from the figure for everyone: a row of durations reads in one unit
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
