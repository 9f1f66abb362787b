// The journey canvas: stage swimlanes, touchpoints coloured by channel,
// transitions as curves whose width is the simulated flow and whose colour is
// where that flow ends (green converted, red churned, orange abandoned, grey
// lost). Pan with the right mouse button, zoom with the wheel.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim::viewer {

namespace {

ImU32 mix(ImU32 a, ImU32 b, float t) {
  const auto channel = [&](int shift) {
    const float x = static_cast<float>((a >> shift) & 0xFF);
    const float y = static_cast<float>((b >> shift) & 0xFF);
    return static_cast<ImU32>(x + (y - x) * t) << shift;
  };
  return channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) |
         (0xFFu << IM_COL32_A_SHIFT);
}

// The colour of a flow from the endings its travellers reach, by share.
ImU32 flow_colour(const TransitionFigures& figures, const Scenario& scenario) {
  double total = 0, r = 0, g = 0, b = 0;
  for (const auto& [ending, count] : figures.by_ending) {
    std::string kind = ending;
    if (const auto index = scenario.find_touchpoint(ending)) kind = scenario.touchpoints[*index].outcome;
    const ImU32 c = outcome_colour(kind);
    const double w = static_cast<double>(count);
    r += w * ((c >> IM_COL32_R_SHIFT) & 0xFF);
    g += w * ((c >> IM_COL32_G_SHIFT) & 0xFF);
    b += w * ((c >> IM_COL32_B_SHIFT) & 0xFF);
    total += w;
  }
  if (total <= 0) return IM_COL32(180, 180, 190, 255);
  return IM_COL32(static_cast<int>(r / total), static_cast<int>(g / total), static_cast<int>(b / total), 220);
}

}  // namespace

void App::draw_canvas(ImVec2 size) {
  ImGui::BeginChild("canvas", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 extent = ImGui::GetContentRegionAvail();
  draw->AddRectFilled(origin, ImVec2(origin.x + extent.x, origin.y + extent.y), IM_COL32(250, 250, 252, 255));
  if (!scenario_) {
    ImGui::TextDisabled("Open a scenario: File > Open, or journeysim-viewer FILE");
    ImGui::EndChild();
    return;
  }
  const float header = 28.0f;
  if (view_.fit_requested && extent.x > 0) {
    const float margin = 30.0f;
    view_.zoom = std::min((extent.x - 2 * margin) / layout_.width, (extent.y - header - 2 * margin) / layout_.height);
    view_.zoom = std::clamp(view_.zoom, 0.2f, 2.0f);
    // Spread the rows over a canvas taller than the layout's proportions.
    view_.stretch = std::clamp((extent.y - header - 2 * margin) / (layout_.height * view_.zoom), 1.0f, 2.5f);
    view_.pan = ImVec2((extent.x - layout_.width * view_.zoom) / 2, header + margin);
    view_.fit_requested = false;
  }
  ImGui::InvisibleButton("canvas_area", extent, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered && ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
    view_.pan.x += ImGui::GetIO().MouseDelta.x;
    view_.pan.y += ImGui::GetIO().MouseDelta.y;
  }
  if (hovered && ImGui::GetIO().MouseWheel != 0) {
    const float before = view_.zoom;
    view_.zoom = std::clamp(view_.zoom * std::pow(1.1f, ImGui::GetIO().MouseWheel), 0.2f, 3.0f);
    const ImVec2 mouse(ImGui::GetIO().MousePos.x - origin.x, ImGui::GetIO().MousePos.y - origin.y);
    view_.pan.x = mouse.x - (mouse.x - view_.pan.x) * view_.zoom / before;
    view_.pan.y = mouse.y - (mouse.y - view_.pan.y) * view_.zoom / before;
  }
  const float zoom = view_.zoom;
  // Row positions stretch; node sizes do not (boxes keep their shape).
  const auto to_screen = [&](float x, float y) {
    return ImVec2(origin.x + view_.pan.x + x * zoom, origin.y + view_.pan.y + y * zoom * view_.stretch);
  };
  const auto box_corners = [&](const NodeBox& box) {
    const ImVec2 top_left = to_screen(box.x, box.y);
    return std::pair{top_left, ImVec2(top_left.x + box.width * zoom, top_left.y + box.height * zoom)};
  };
  const auto right_middle = [&](const NodeBox& box) {
    const auto [p0, p1] = box_corners(box);
    return ImVec2(p1.x, (p0.y + p1.y) / 2);
  };
  const auto left_middle = [&](const NodeBox& box) {
    const auto [p0, p1] = box_corners(box);
    return ImVec2(p0.x, (p0.y + p1.y) / 2);
  };
  draw->PushClipRect(origin, ImVec2(origin.x + extent.x, origin.y + extent.y), true);

  // Swimlanes: a tinted band and a title per column.
  for (std::size_t c = 0; c < layout_.column_titles.size(); ++c) {
    const float x = layout_.column_x[c] - 20;
    const ImVec2 top = to_screen(x, -10);
    const ImVec2 bottom = to_screen(x + 190, layout_.height + 10);
    draw->AddRectFilled(ImVec2(top.x, origin.y + header), ImVec2(bottom.x, origin.y + extent.y),
                        c % 2 == 0 ? IM_COL32(238, 241, 247, 255) : IM_COL32(246, 247, 250, 255));
    draw->AddText(ImVec2(top.x + 6, origin.y + 6), IM_COL32(60, 64, 80, 255), layout_.column_titles[c].c_str());
  }

  // Transitions: thickness from flow (square root, so small flows stay visible).
  std::uint64_t max_flow = 1;
  if (report_) {
    for (const TransitionFigures& t : report_->transitions) max_flow = std::max(max_flow, t.traversals);
  }
  std::vector<bool> on_path(scenario_->touchpoints.size(), false);
  if (report_ && highlighted_path_ && *highlighted_path_ < report_->paths.size()) {
    for (const std::string& id : report_->paths[*highlighted_path_].path) {
      if (const auto i = scenario_->find_touchpoint(id)) on_path[*i] = true;
    }
  }
  // Draws one transition's curve and, under the mouse, keeps the nearest one
  // (by sampled distance) as the hovered transition.
  const ImVec2 mouse_now = ImGui::GetIO().MousePos;
  std::optional<std::size_t> hovered_edge;
  float nearest = 0.0f;
  const auto curve = [&](ImVec2 a, ImVec2 b, ImVec2 c, ImVec2 d, ImU32 colour, float width, std::size_t index) {
    if (selected_transition_ == index) {
      draw->AddBezierCubic(a, b, c, d, IM_COL32(20, 20, 20, 255), width + 4.0f);
    }
    draw->AddBezierCubic(a, b, c, d, colour, width);
    if (!hovered) return;
    const float reach = std::max(5.0f, width / 2 + 3.0f);
    for (int k = 0; k <= 24; ++k) {
      const float t = static_cast<float>(k) / 24.0f, u = 1.0f - t;
      const float x = u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x;
      const float y = u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y;
      const float distance = std::hypot(x - mouse_now.x, y - mouse_now.y);
      if (distance < reach && (!hovered_edge || distance < nearest)) {
        hovered_edge = index;
        nearest = distance;
      }
    }
  };
  for (std::size_t i = 0; i < scenario_->transitions.size(); ++i) {
    const Transition& t = scenario_->transitions[i];
    const NodeBox& a = layout_.nodes[t.from];
    const NodeBox& b = layout_.nodes[t.to];
    float thickness = 1.0f;
    ImU32 colour = IM_COL32(180, 180, 190, 160);
    if (report_ && i < report_->transitions.size()) {
      const TransitionFigures& f = report_->transitions[i];
      thickness = 1.0f + 9.0f * std::sqrt(static_cast<float>(f.traversals) / static_cast<float>(max_flow));
      colour = flow_colour(f, *scenario_);
    }
    if (highlighted_path_ && !(on_path[t.from] && (on_path[t.to] || scenario_->touchpoints[t.to].terminal()))) {
      colour = mix(colour, IM_COL32(235, 235, 240, 255), 0.8f);
    }
    const auto [a0, a1] = box_corners(a);
    const auto [b0, b1] = box_corners(b);
    ImVec2 p0 = right_middle(a);
    ImVec2 p3 = left_middle(b);
    if (t.from == t.to) {
      // A self-loop: a small arc above the node.
      const ImVec2 c0(a0.x + (a1.x - a0.x) * 0.7f, a0.y);
      const ImVec2 c1(a0.x + (a1.x - a0.x) * 0.3f, a0.y);
      curve(c0, ImVec2(c0.x, c0.y - 30 * zoom), ImVec2(c1.x, c1.y - 30 * zoom), c1, colour, thickness * zoom, i);
      continue;
    }
    if (b.column == a.column) {
      // Within a stage: a bow out to the right, clear of the column's boxes.
      const float bow = 30 * zoom + std::abs(p3.y - p0.y) * 0.25f;
      p3 = right_middle(b);
      curve(p0, ImVec2(p0.x + bow, p0.y), ImVec2(p3.x + bow, p3.y), p3, colour, thickness * zoom, i);
      continue;
    }
    if (b.column < a.column) {
      // A step back: leave from the bottom and arc under the columns.
      p0 = ImVec2((a0.x + a1.x) / 2, a1.y);
      p3 = ImVec2((b0.x + b1.x) / 2, b1.y);
      const float dip = 40 * zoom + std::abs(p3.x - p0.x) * 0.15f;
      curve(p0, ImVec2(p0.x, p0.y + dip), ImVec2(p3.x, p3.y + dip), p3, colour, thickness * zoom, i);
      continue;
    }
    const float bend = (p3.x - p0.x) * 0.5f;
    curve(p0, ImVec2(p0.x + bend, p0.y), ImVec2(p3.x - bend, p3.y), p3, colour, thickness * zoom, i);
  }

  // Touchpoints.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<std::size_t> hovered_node;
  for (std::size_t i = 0; i < scenario_->touchpoints.size(); ++i) {
    const Touchpoint& t = scenario_->touchpoints[i];
    const NodeBox& box = layout_.nodes[i];
    const auto [p0, p1] = box_corners(box);
    const ImU32 fill = t.terminal() ? outcome_colour(t.outcome) : channel_colour(t.channel);
    const bool dim = highlighted_path_ && !on_path[i] && !t.terminal();
    draw->AddRectFilled(p0, p1, dim ? mix(fill, IM_COL32(240, 240, 244, 255), 0.75f) : fill, 6 * zoom);
    if (selected_ && *selected_ == i) draw->AddRect(p0, p1, IM_COL32(20, 20, 20, 255), 6 * zoom, 0, 3.0f);
    if (zoom > 0.3f) {
      // Names longer than the box are clipped to it, never spilled over neighbours.
      draw->PushClipRect(p0, ImVec2(p1.x - 3, p1.y), true);
      // Text scales with the boxes, so two lines always fit in one.
      const float font_size = std::clamp(0.36f * (p1.y - p0.y), 7.0f, 18.0f);
      ImFont* font = ImGui::GetFont();
      const std::string& name = t.display_name();
      draw->AddText(font, font_size, ImVec2(p0.x + 6 * zoom, p0.y + 0.12f * (p1.y - p0.y)), IM_COL32(255, 255, 255, 255),
                    name.c_str());
      if (report_ && i < report_->touchpoints.size()) {
        const TouchpointFigures& f = report_->touchpoints[i];
        const std::string line = t.terminal() ? format_number(100 * f.reach.value, 3) + "% end here"
                                              : format_number(100 * f.reach.value, 3) + "% reach";
        draw->AddText(font, font_size, ImVec2(p0.x + 6 * zoom, p0.y + 0.52f * (p1.y - p0.y)),
                      IM_COL32(255, 255, 255, 220), line.c_str());
      }
      draw->PopClipRect();
    }
    if (hovered && mouse.x >= p0.x && mouse.x <= p1.x && mouse.y >= p0.y && mouse.y <= p1.y) hovered_node = i;
  }
  draw->PopClipRect();

  if (hovered_node) {
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      selected_ = *hovered_node;
      selected_transition_.reset();
    }
    const Touchpoint& t = scenario_->touchpoints[*hovered_node];
    ImGui::BeginTooltip();
    ImGui::Text("%s  (%s)", t.display_name().c_str(), t.id.c_str());
    ImGui::TextDisabled("%s%s%s", t.stage.c_str(), t.channel.empty() ? "" : " / ", t.channel.c_str());
    if (report_ && *hovered_node < report_->touchpoints.size()) {
      const TouchpointFigures& f = report_->touchpoints[*hovered_node];
      ImGui::Text("visits %llu, visitors %llu (%.1f%% of customers)", static_cast<unsigned long long>(f.visits),
                  static_cast<unsigned long long>(f.visitors), 100 * f.reach.value);
      if (f.rated) ImGui::Text("CSAT %.1f%%   CES %.2f", 100 * f.csat.value, f.ces.value);
      if (!f.terminal) ImGui::Text("drop-off %.1f%%", 100 * f.dropoff.value);
    }
    ImGui::EndTooltip();
  } else if (hovered_edge) {
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      selected_transition_ = *hovered_edge;
      selected_.reset();
    }
    ImGui::BeginTooltip();
    ImGui::Text("%s  p %.3f", scenario_->transition_label(*hovered_edge).c_str(),
                scenario_->transitions[*hovered_edge].p.value);
    if (report_ && *hovered_edge < report_->transitions.size()) {
      ImGui::Text("flow %llu", static_cast<unsigned long long>(report_->transitions[*hovered_edge].traversals));
    }
    ImGui::EndTooltip();
  } else if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    selected_.reset();
    selected_transition_.reset();
  }
  ImGui::EndChild();
}

}  // namespace journeysim::viewer
