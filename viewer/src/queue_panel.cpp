// The queue model in the viewer: a queue's figures in the inspector, a chart
// of waits and agents over the hours of the week (in the inspector and the
// Charts tab), and the one-line summary the canvas's tooltip shows. Every
// figure comes from the report's `queues` section; nothing is computed here
// but positions.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "app.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

namespace {

std::string wait_text(double hours) {
  return kpi_value_text(kpi::wait_hours, hours, time_unit_for(std::isfinite(hours) ? hours : 0.0));
}

std::string wait_with_interval(const Estimate& e) {
  const TimeUnit unit = time_unit_for(std::isfinite(e.value) ? e.value : 0.0);
  return kpi_value_text(kpi::wait_hours, e.value, unit) + " " + kpi_interval_text(kpi::wait_hours, e, unit);
}

std::string count_text(const Estimate& e) { return grouped_count(static_cast<std::uint64_t>(std::llround(e.value))); }

}  // namespace

const QueueFigures* App::queue_figures(const std::string& id) const {
  if (!report_) return nullptr;
  for (const QueueFigures& q : report_->queues) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

std::string queue_summary_text(const QueueFigures& q) {
  return "queue: mean wait " + wait_text(q.mean_wait_hours.value) + ", " + percent_text(q.wait_probability.value) +
         " waited, " + percent_text(q.abandonment_rate.value) + " gave up, service level " +
         percent_text(q.service_level.value);
}

void draw_queue_badge(ImDrawList* draw, const Touchpoint& touchpoint, float right, float top, float font_size) {
  const std::string text = queue_tag(*touchpoint.capacity);
  const float size = font_size * 0.8f;
  const ImVec2 extent = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0, text.c_str());
  const ImVec2 p0(right - extent.x - 10, top - extent.y / 2 - 2);
  const ImVec2 p1(right - 2, top + extent.y / 2 + 2);
  draw->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 255), (p1.y - p0.y) / 2);
  draw->AddRect(p0, p1, IM_COL32(40, 45, 60, 255), (p1.y - p0.y) / 2, 0, 1.2f);
  draw->AddText(ImGui::GetFont(), size, ImVec2(p0.x + 4, p0.y + 2), IM_COL32(40, 45, 60, 255), text.c_str());
}

void App::draw_queue_figures(const QueueFigures& q) {
  ImGui::Spacing();
  heading("Queue");
  help_marker(
      "Customers share this touchpoint's agents: the dwell is the handle time, and a visitor who finds no agent "
      "free waits. Figures are over the customers who arrived after the warm-up, in all replications; intervals "
      "come from the spread between replications.");
  if (ImGui::BeginTable("queue_figures", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    const auto row = [](const char* label, const std::string& value) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", label);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(value.c_str());
    };
    row("arrivals", count_text(q.arrivals));
    row("served", count_text(q.served));
    if (q.reneged.value > 0) row("gave up waiting", count_text(q.reneged));
    if (q.balked.value > 0) row("queue full (balked)", count_text(q.balked));
    if (q.turned_away.value > 0) row("arrived while closed", count_text(q.turned_away));
    row("waited (no agent free)",
        percent_text(q.wait_probability.value) + " " + share_interval_text(q.wait_probability));
    row("mean wait", wait_with_interval(q.mean_wait_hours));
    row("wait, 90th percentile", wait_with_interval(q.wait_p90_hours));
    row("abandonment", percent_text(q.abandonment_rate.value) + " " + share_interval_text(q.abandonment_rate));
    const std::string level = "service level (" + format_number(q.answer_within_seconds) + " s)";
    row(level.c_str(), percent_text(q.service_level.value) + " " + share_interval_text(q.service_level));
    row("utilisation", percent_text(q.utilisation.value) + " " + share_interval_text(q.utilisation));
    row("mean queue length", fixed_text(q.mean_queue_length.value, 2));
    ImGui::EndTable();
  }
  draw_queue_week_chart(q);
}

void App::draw_queue_week_chart(const QueueFigures& q) {
  if (q.by_hour_of_week.empty()) return;
  ImGui::TextDisabled("Waits (line) and agents on duty (bars) by hour of the week");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float axis = 44.0f;
  const float right_axis = ImGui::CalcTextSize("999 agents").x + 8;
  const float width = std::max(120.0f, ImGui::GetContentRegionAvail().x - axis - right_axis);
  const float height = 110.0f;
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 wait_colour = IM_COL32(31, 119, 180, 255);
  const ImU32 agent_colour = IM_COL32(200, 204, 214, 255);
  draw->AddRectFilled(ImVec2(p.x + axis, p.y), ImVec2(p.x + axis + width, p.y + height), IM_COL32(246, 247, 250, 255));
  const auto& hours = q.by_hour_of_week;
  const auto [most_agents, longest_wait] = q.week_scale();
  // Waits in the unit the longest reads best in; the axis in round steps of it.
  const TimeUnit unit = time_unit_for(longest_wait);
  const double top_wait = std::max(longest_wait / unit.hours, 1e-6);
  const AxisTicks ticks = round_ticks(0.0, top_wait, 3);
  const double wait_scale = std::max(top_wait, ticks.first + ticks.step * (ticks.count - 1));
  const float slot = width / static_cast<float>(hours.size());
  for (std::size_t h = 0; h < hours.size(); ++h) {
    const float x = p.x + axis + slot * static_cast<float>(h);
    const float bar = static_cast<float>(hours[h].agents / most_agents) * height;
    if (bar > 0) draw->AddRectFilled(ImVec2(x, p.y + height - bar), ImVec2(x + slot, p.y + height), agent_colour);
  }
  // Day boundaries and names.
  static constexpr const char* days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (int d = 0; d < 7; ++d) {
    const float x = p.x + axis + slot * 24.0f * static_cast<float>(d);
    if (d > 0) draw->AddLine(ImVec2(x, p.y), ImVec2(x, p.y + height), IM_COL32(215, 218, 226, 255));
    draw->AddText(ImVec2(x + slot * 12.0f - ImGui::CalcTextSize(days[d]).x / 2, p.y + height + 2), faint, days[d]);
  }
  // The wait axis on the left, agents on the right.
  for (int k = 0; k < ticks.count; ++k) {
    const double value = ticks.first + ticks.step * k;
    const float y = p.y + height - static_cast<float>(value / wait_scale) * height;
    const std::string label = fixed_text(value, ticks.decimals) + unit.suffix;
    draw->AddText(ImVec2(p.x, y - ImGui::GetTextLineHeight() / 2), wait_colour, label.c_str());
  }
  const std::string agents_label = format_number(most_agents) + " agents";
  draw->AddText(ImVec2(p.x + axis + width + 4, p.y), faint, agents_label.c_str());
  draw->AddText(ImVec2(p.x + axis + width + 4, p.y + height - ImGui::GetTextLineHeight()), faint, "0");
  // The mean wait by hour, broken where nobody arrived.
  const auto at = [&](std::size_t h, double wait) {
    return ImVec2(p.x + axis + slot * (static_cast<float>(h) + 0.5f),
                  p.y + height - static_cast<float>(std::min(wait / unit.hours / wait_scale, 1.0)) * height);
  };
  for (std::size_t h = 1; h < hours.size(); ++h) {
    const double a = hours[h - 1].mean_wait_hours, b = hours[h].mean_wait_hours;
    if (std::isfinite(a) && std::isfinite(b)) draw->AddLine(at(h - 1, a), at(h, b), wait_colour, 1.5f);
  }
  ImGui::Dummy(ImVec2(width + axis + right_axis, height + ImGui::GetTextLineHeightWithSpacing()));
  // Hovering an hour tells its figures.
  if (ImGui::IsItemHovered()) {
    const float mx = ImGui::GetIO().MousePos.x - (p.x + axis);
    if (mx >= 0 && mx < width) {
      const auto h = std::min(hours.size() - 1, static_cast<std::size_t>(mx / slot));
      const QueueHourFigures& at_hour = hours[h];
      ImGui::SetTooltip("%s %02d:00-%02d:00\narrivals %s/h, served %s/h\nmean wait %s\nagents on duty %s", days[h / 24],
                        static_cast<int>(h % 24), static_cast<int>(h % 24) + 1,
                        fixed_text(at_hour.arrivals_per_hour, 1).c_str(),
                        fixed_text(at_hour.served_per_hour, 1).c_str(),
                        std::isfinite(at_hour.mean_wait_hours) ? wait_text(at_hour.mean_wait_hours).c_str() : "-",
                        format_number(at_hour.agents).c_str());
    }
  }
}

void App::draw_queue_charts() {
  for (const QueueFigures& q : report_->queues) {
    const std::size_t index = [&] {
      for (std::size_t i = 0; i < shown_->touchpoints.size(); ++i) {
        if (shown_->touchpoints[i].id == q.id) return i;
      }
      return shown_->touchpoints.size();
    }();
    const std::string title =
        "Queue: " + (index < shown_->touchpoints.size() ? shown_->touchpoints[index].display_name() : q.id);
    chart_title(title.c_str(),
                "Mean wait of the customers arriving in each hour of the week (the line) against the agents on duty "
                "(the bars), over every week after the warm-up and every replication.");
    ImGui::TextWrapped("%s", queue_summary_text(q).c_str());
    draw_queue_week_chart(q);
  }
}

}  // namespace journeysim::viewer
