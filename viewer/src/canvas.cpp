// The journey canvas: stage swimlanes, touchpoints coloured by channel,
// endings by outcome, transitions as curves whose width is the simulated
// flow and whose colour is where that flow ends (green converted, red
// churned, orange abandoned, grey lost), and a legend saying so. Drag to pan
// (left on empty space, or right anywhere), wheel to zoom, F to fit.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

namespace {

ImVec2 bezier_point(ImVec2 a, ImVec2 b, ImVec2 c, ImVec2 d, float t) {
  const float u = 1.0f - t;
  return ImVec2(u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x,
                u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y);
}

// Far enough out to see a journey of thousands of touchpoints whole.
constexpr float min_zoom = 0.03f;

}  // namespace

void App::prepare_node_labels(float zoom, float font_size, float text_width) {
  if (labels_generation_ == figures_generation_ && labels_zoom_ == zoom && labels_stretch_ == view_.stretch) return;
  labels_generation_ = figures_generation_;
  labels_zoom_ = zoom;
  labels_stretch_ = view_.stretch;
  // A box is two lines tall, three where its name needs two and the rows
  // leave room, else the name ends in "..." at a word (the tooltip has it whole).
  const LayoutStyle style;
  const float row_pitch = (style.node_height + style.row_gap) * zoom * view_.stretch;
  const bool room_for_three = 3.6f * font_size <= row_pitch - 6;
  ImFont* font = ImGui::GetFont();
  node_labels_.assign(shown_->touchpoints.size(), NodeLabel{});
  for (std::size_t i = 0; i < node_labels_.size(); ++i) {
    const Touchpoint& t = shown_->touchpoints[i];
    const std::string& name = t.display_name();
    NodeLabel& label = node_labels_[i];
    const FittedText lines = fit_lines(name, text_width, bold_font(), font_size, room_for_three ? 2 : 1);
    label.first = lines.lines.empty() ? std::string() : lines.lines[0];
    label.second = lines.lines.size() > 1 ? lines.lines[1] : std::string();
    label.height = std::max(style.node_height * zoom, (label.second.empty() ? 2.5f : 3.5f) * font_size);
    if (removed_by_what_if_.count(t.id)) {
      label.figures = "removed by the what-if";
    } else if (const TouchpointFigures* f = touchpoint_figures(i)) {
      label.figures = percent_text(f->reach.value) + (t.terminal() ? " end here" : " reach");
      // A queue's box tells its mean wait rather than its CSAT.
      const QueueFigures* queue = queue_figures(t.id);
      const std::string with_more =
          queue
              ? label.figures + "  wait " +
                    kpi_value_text(
                        kpi::wait_hours, queue->mean_wait_hours.value,
                        time_unit_for(std::isfinite(queue->mean_wait_hours.value) ? queue->mean_wait_hours.value : 0.0))
              : label.figures + "  CSAT " + percent_text(f->csat.value);
      if (!t.terminal() && (f->rated || queue) &&
          font->CalcTextSizeA(font_size * 0.9f, FLT_MAX, 0, with_more.c_str()).x <= text_width) {
        label.figures = with_more;
      }
    }
    label.figures = fitted(label.figures, text_width, font, font_size * 0.9f);
  }
}

void App::draw_canvas(ImVec2 size) {
  ImGui::BeginChild("canvas", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 extent = ImGui::GetContentRegionAvail();
  canvas_origin_ = origin;
  draw->AddRectFilled(origin, ImVec2(origin.x + extent.x, origin.y + extent.y), IM_COL32(250, 250, 252, 255));
  if (!shown_) {
    ImGui::TextDisabled("Open a scenario: File > Open (Ctrl+O), or journeysim-viewer FILE");
    ImGui::EndChild();
    return;
  }
  const float header = 30.0f;
  if (view_.fit_requested && extent.x > 0 && layout_.width > 0) {
    const float margin = 30.0f;
    const float legend = view_.show_legend ? legend_height_ + 10 : 0.0f;  // kept clear below
    const float room = extent.y - header - margin - std::max(margin, legend);
    view_.zoom = std::min((extent.x - 2 * margin) / layout_.width, room / layout_.height);
    view_.zoom = std::clamp(view_.zoom, min_zoom, 2.0f);
    // Spread the rows over a canvas taller than the layout's proportions.
    view_.stretch = std::clamp(room / (layout_.height * view_.zoom), 1.0f, 2.5f);
    view_.pan = ImVec2((extent.x - layout_.width * view_.zoom) / 2, header + margin);
    view_.fit_requested = false;
  }
  ImGui::InvisibleButton("canvas_area", extent, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  ImGui::SetItemAllowOverlap();  // the zoom buttons drawn over it take their own clicks
  const ImVec2 buttons_from(origin.x + extent.x - 118, origin.y + extent.y - 28);
  const bool over_buttons = ImGui::IsMouseHoveringRect(buttons_from, ImVec2(origin.x + extent.x, origin.y + extent.y));
  const bool hovered = ImGui::IsItemHovered() && !over_buttons;
  const bool pressed_here = ImGui::IsItemActive();
  const ImGuiIO& io = ImGui::GetIO();
  const float zoom = view_.zoom;
  // Row positions stretch; node sizes do not (boxes keep their shape).
  const auto to_screen = [&](float x, float y) {
    return ImVec2(origin.x + view_.pan.x + x * zoom, origin.y + view_.pan.y + y * zoom * view_.stretch);
  };
  const LayoutStyle style;
  const float node_font = std::clamp(style.node_width * zoom / 9.0f, 8.0f, 17.0f);
  const float pad = std::max(3.0f, 6 * zoom);
  const bool labelled = style.node_width * zoom >= 48.0f;  // smaller boxes (a big journey zoomed out) carry no text
  prepare_node_labels(zoom, node_font, style.node_width * zoom - 2 * pad);
  const auto box_corners_of = [&](std::size_t node) {
    const NodeBox& box = layout_.nodes[node];
    const ImVec2 top_left = to_screen(box.x, box.y);
    const float height = labelled ? node_labels_[node].height : box.height * zoom;
    return std::pair{top_left, ImVec2(top_left.x + box.width * zoom, top_left.y + height)};
  };
  // Only what is on screen is drawn: a big journey zoomed in stays quick.
  const ImVec2 view_min = origin, view_max(origin.x + extent.x, origin.y + extent.y);
  const auto visible = [&](ImVec2 lo, ImVec2 hi) {
    return hi.x >= view_min.x && lo.x <= view_max.x && hi.y >= view_min.y && lo.y <= view_max.y;
  };
  draw->PushClipRect(origin, ImVec2(origin.x + extent.x, origin.y + extent.y), true);

  // Swimlanes: a tinted band and a title per column.
  for (std::size_t c = 0; c < layout_.column_titles.size(); ++c) {
    const float x = layout_.column_x[c] - 20;
    const ImVec2 left = to_screen(x, 0);
    const ImVec2 right = to_screen(x + LayoutStyle{}.node_width + 40, 0);
    draw->AddRectFilled(ImVec2(left.x, origin.y + header), ImVec2(right.x, origin.y + extent.y),
                        c % 2 == 0 ? IM_COL32(238, 241, 247, 255) : IM_COL32(246, 247, 250, 255));
    const std::string& full = layout_.column_titles[c];
    const std::string title = fitted(full, right.x - left.x - 8, bold_font(), bold_font()->FontSize);
    draw->AddText(bold_font(), bold_font()->FontSize, ImVec2(left.x + 6, origin.y + 7), IM_COL32(60, 64, 80, 255),
                  title.c_str());
    if (title != full && hovered &&
        ImGui::IsMouseHoveringRect(ImVec2(left.x, origin.y), ImVec2(right.x, origin.y + header))) {
      ImGui::SetTooltip("%s", full.c_str());  // a stage name cut to its column's width
    }
  }

  // Transitions: thickness from flow (square root, so small flows stay visible).
  std::uint64_t max_flow = 1;
  for (std::size_t k = 0; k < shown_->transitions.size(); ++k) {
    if (const TransitionFigures* f = transition_figures(k)) max_flow = std::max(max_flow, f->traversals);
  }
  std::vector<bool> on_path(shown_->touchpoints.size(), false);
  if (report_ && highlighted_path_ && *highlighted_path_ < report_->paths.size()) {
    for (const std::string& id : report_->paths[*highlighted_path_].path) {
      if (const auto i = shown_->find_touchpoint(id)) on_path[*i] = true;
    }
  }
  const std::optional<std::size_t> selected_node = selected_touchpoint();
  const std::optional<std::size_t> selected_edge = selected_transition();
  const ImVec2 mouse = io.MousePos;
  std::optional<std::size_t> hovered_edge;
  float nearest = 0.0f;
  // Draws one transition's curve and, under the mouse, keeps the nearest one
  // (by sampled distance) as the hovered transition.
  const auto curve = [&](ImVec2 a, ImVec2 b, ImVec2 c, ImVec2 d, ImU32 colour, float width, std::size_t index) {
    const ImVec2 lo(std::min({a.x, b.x, c.x, d.x}) - width, std::min({a.y, b.y, c.y, d.y}) - width);
    const ImVec2 hi(std::max({a.x, b.x, c.x, d.x}) + width, std::max({a.y, b.y, c.y, d.y}) + width);
    if (!visible(lo, hi)) return;  // a Bezier curve stays inside its control points' box
    if (selected_edge == index) draw->AddBezierCubic(a, b, c, d, IM_COL32(20, 20, 20, 255), width + 4.0f);
    draw->AddBezierCubic(a, b, c, d, colour, width);
    if (!hovered) return;
    const float reach = std::max(5.0f, width / 2 + 3.0f);
    for (int k = 0; k <= 24; ++k) {
      const ImVec2 point = bezier_point(a, b, c, d, static_cast<float>(k) / 24.0f);
      const float distance = std::hypot(point.x - mouse.x, point.y - mouse.y);
      if (distance < reach && (!hovered_edge || distance < nearest)) {
        hovered_edge = index;
        nearest = distance;
      }
    }
  };
  for (std::size_t i = 0; i < shown_->transitions.size(); ++i) {
    const Transition& t = shown_->transitions[i];
    const NodeBox& a = layout_.nodes[t.from];
    const NodeBox& b = layout_.nodes[t.to];
    float thickness = 1.0f;
    ImU32 colour = IM_COL32(190, 190, 200, 160);
    if (const TransitionFigures* f = transition_figures(i)) {
      if (f->traversals == 0 && t.p.value == 0.0) continue;  // a transition a what-if took away
      thickness = 1.0f + 9.0f * std::sqrt(static_cast<float>(f->traversals) / static_cast<float>(max_flow));
      colour = flow_colours_[i];
    }
    if (highlighted_path_ && !(on_path[t.from] && (on_path[t.to] || shown_->touchpoints[t.to].terminal()))) {
      colour = mix(colour, IM_COL32(235, 235, 240, 255), 0.8f);
    }
    const auto [a0, a1] = box_corners_of(t.from);
    const auto [b0, b1] = box_corners_of(t.to);
    ImVec2 p0(a1.x, (a0.y + a1.y) / 2);
    ImVec2 p3(b0.x, (b0.y + b1.y) / 2);
    if (t.from == t.to) {
      // A self-loop: a small arc above the node.
      const ImVec2 c0(a0.x + (a1.x - a0.x) * 0.7f, a0.y);
      const ImVec2 c1(a0.x + (a1.x - a0.x) * 0.3f, a0.y);
      curve(c0, ImVec2(c0.x, c0.y - 30 * zoom), ImVec2(c1.x, c1.y - 30 * zoom), c1, colour, thickness * zoom, i);
    } else if (b.column == a.column) {
      // Within a stage: a bow out to the right, clear of the column's boxes.
      const float bow = 30 * zoom + std::abs(p3.y - p0.y) * 0.25f;
      p3 = ImVec2(b1.x, (b0.y + b1.y) / 2);
      curve(p0, ImVec2(p0.x + bow, p0.y), ImVec2(p3.x + bow, p3.y), p3, colour, thickness * zoom, i);
    } else if (b.column < a.column) {
      // A step back: leave from the bottom and arc under the columns.
      p0 = ImVec2((a0.x + a1.x) / 2, a1.y);
      p3 = ImVec2((b0.x + b1.x) / 2, b1.y);
      const float dip = 40 * zoom + std::abs(p3.x - p0.x) * 0.15f;
      curve(p0, ImVec2(p0.x, p0.y + dip), ImVec2(p3.x, p3.y + dip), p3, colour, thickness * zoom, i);
    } else {
      const float bend = (p3.x - p0.x) * 0.5f;
      curve(p0, ImVec2(p0.x + bend, p0.y), ImVec2(p3.x - bend, p3.y), p3, colour, thickness * zoom, i);
    }
  }

  // Touchpoints.
  std::optional<std::size_t> hovered_node;
  ImFont* font = ImGui::GetFont();
  for (std::size_t i = 0; i < shown_->touchpoints.size(); ++i) {
    const Touchpoint& t = shown_->touchpoints[i];
    const auto [p0, p1] = box_corners_of(i);
    if (!visible(p0, p1)) continue;
    const ImU32 fill = t.terminal() ? colours_.outcome(t.outcome) : colours_.channel(t.channel);
    const bool removed = removed_by_what_if_.count(t.id) > 0;
    const bool dim = removed || (highlighted_path_ && !on_path[i] && !t.terminal());
    draw->AddRectFilled(p0, p1, dim ? mix(fill, IM_COL32(240, 240, 244, 255), 0.75f) : fill, 6 * zoom);
    if (added_by_what_if_.count(t.id)) draw->AddRect(p0, p1, IM_COL32(20, 70, 160, 255), 6 * zoom, 0, 2.5f);
    if (selected_node == i) draw->AddRect(p0, p1, IM_COL32(20, 20, 20, 255), 6 * zoom, 0, 3.0f);
    if (t.capacity && shown_->has_queues() && labelled) draw_queue_badge(draw, t, p1.x, p0.y, node_font);
    if (hovered && mouse.x >= p0.x && mouse.x <= p1.x && mouse.y >= p0.y && mouse.y <= p1.y) hovered_node = i;
    if (!labelled) continue;
    const NodeLabel& label = node_labels_[i];
    const float lines = label.second.empty() ? 2.0f : 3.0f;
    float y = p0.y + (p1.y - p0.y - (lines + 0.1f) * node_font) / 2;
    draw->AddText(bold_font(), node_font, ImVec2(p0.x + pad, y), IM_COL32(255, 255, 255, 255), label.first.c_str());
    if (!label.second.empty()) {
      y += 1.05f * node_font;
      draw->AddText(bold_font(), node_font, ImVec2(p0.x + pad, y), IM_COL32(255, 255, 255, 255), label.second.c_str());
    }
    draw->AddText(font, node_font * 0.9f, ImVec2(p0.x + pad, y + 1.1f * node_font), IM_COL32(255, 255, 255, 230),
                  label.figures.c_str());
  }
  draw->PopClipRect();

  // Zoom buttons, top right, over the canvas.
  ImGui::SetCursorScreenPos(buttons_from);
  bool used_buttons = false;
  const auto zoom_by = [&](float factor) {
    const ImVec2 centre(extent.x / 2, extent.y / 2);
    const float before = view_.zoom;
    view_.zoom = std::clamp(view_.zoom * factor, min_zoom, 3.0f);
    view_.pan.x = centre.x - (centre.x - view_.pan.x) * view_.zoom / before;
    view_.pan.y = centre.y - (centre.y - view_.pan.y) * view_.zoom / before;
  };
  if (ImGui::SmallButton(" - ")) zoom_by(1 / 1.25f), used_buttons = true;
  ImGui::SameLine();
  if (ImGui::SmallButton(" + ")) zoom_by(1.25f), used_buttons = true;
  ImGui::SameLine();
  if (ImGui::SmallButton("Fit")) view_.fit_requested = true, used_buttons = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fit the journey to the window (F)");
  if (view_.show_legend) draw_legend(origin, extent);

  if (!used_buttons && hovered) {
    // Pan: right-drag anywhere, or left-drag that started on empty space.
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) view_.panning = !hovered_node && !hovered_edge;
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Right) ||
        (view_.panning && pressed_here && ImGui::IsMouseDragging(ImGuiMouseButton_Left))) {
      view_.pan.x += io.MouseDelta.x;
      view_.pan.y += io.MouseDelta.y;
    }
    if (io.MouseWheel != 0) {
      const float before = view_.zoom;
      view_.zoom = std::clamp(view_.zoom * std::pow(1.1f, io.MouseWheel), min_zoom, 3.0f);
      const ImVec2 at(mouse.x - origin.x, mouse.y - origin.y);
      view_.pan.x = at.x - (at.x - view_.pan.x) * view_.zoom / before;
      view_.pan.y = at.y - (at.y - view_.pan.y) * view_.zoom / before;
    }
  }

  // A click selects; a release after dragging (panning) does not.
  const ImVec2 dragged = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0);
  const bool clicked = ImGui::IsMouseReleased(ImGuiMouseButton_Left) && std::hypot(dragged.x, dragged.y) < 2;
  if (used_buttons) {
    // the buttons took the click
  } else if (hovered_node) {
    const Touchpoint& t = shown_->touchpoints[*hovered_node];
    if (clicked) {
      select(t.id);
      show_tab(SideTab::inspect);
    }
    ImGui::BeginTooltip();
    heading(t.display_name().c_str());
    ImGui::TextDisabled("%s  |  %s", t.id.c_str(),
                        t.terminal() ? ("ending: " + t.outcome).c_str()
                                     : (t.stage + (t.channel.empty() ? "" : " / " + t.channel)).c_str());
    if (const TouchpointFigures* f = touchpoint_figures(*hovered_node)) {
      if (t.terminal()) {
        ImGui::Text("%s customers end here (%s)", grouped_count(f->visitors).c_str(),
                    percent_text(f->reach.value).c_str());
      } else {
        ImGui::Text("visits %s, visitors %s (%s of customers)", grouped_count(f->visits).c_str(),
                    grouped_count(f->visitors).c_str(), percent_text(f->reach.value).c_str());
        if (f->rated) {
          ImGui::Text("CSAT %s   CES %s", percent_text(f->csat.value).c_str(),
                      kpi_value_text(kpi::ces, f->ces.value).c_str());
        }
        ImGui::Text("drop-off %s", percent_text(f->dropoff.value).c_str());
        if (const QueueFigures* q = queue_figures(t.id)) ImGui::TextUnformatted(queue_summary_text(*q).c_str());
        if (std::isfinite(f->sentiment.value)) {
          ImGui::Text("mean sentiment on leaving %s", sentiment_text(f->sentiment).c_str());
        } else {
          ImGui::TextDisabled("nobody has left it yet: no sentiment on leaving");
        }
      }
    }
    ImGui::TextDisabled("click to inspect and edit");
    ImGui::EndTooltip();
  } else if (hovered_edge) {
    const std::string label = shown_->transition_label(*hovered_edge);
    if (clicked) {
      select(label);
      show_tab(SideTab::inspect);
    }
    const Transition& t = shown_->transitions[*hovered_edge];
    ImGui::BeginTooltip();
    ImGui::PushFont(bold_font());
    ImGui::Text("%s  ->  %s", shown_->touchpoints[t.from].display_name().c_str(),
                shown_->touchpoints[t.to].display_name().c_str());
    ImGui::PopFont();
    ImGui::Text("p %s%s", t.p.rest ? "rest = " : "", format_number(t.p.value, 3).c_str());
    if (const TransitionFigures* f = transition_figures(*hovered_edge)) {
      ImGui::Text("flow %s traversals", grouped_count(f->traversals).c_str());
      for (const auto& [ending, n] : f->by_ending) {
        std::string kind = ending;
        if (const auto e = shown_->find_touchpoint(ending)) kind = shown_->touchpoints[*e].outcome;
        ImGui::TextColored(
            to_vec4(colours_.outcome(kind)), "  %s end at %s",
            percent_text(static_cast<double>(n) / static_cast<double>(std::max<std::uint64_t>(f->traversals, 1)))
                .c_str(),
            ending.c_str());
      }
    }
    ImGui::EndTooltip();
  } else if (hovered && clicked) {
    selected_id_.clear();
    selected_transition_.clear();
  }
  ImGui::EndChild();
}

std::optional<ImVec2> App::touchpoint_on_screen(const std::string& id) const {
  const std::optional<std::size_t> i = shown_ ? shown_->find_touchpoint(id) : std::nullopt;
  if (!canvas_origin_ || !i || *i >= layout_.nodes.size()) return std::nullopt;
  // As draw_canvas's to_screen(): the box's top middle, a few pixels in.
  const NodeBox& box = layout_.nodes[*i];
  return ImVec2(canvas_origin_->x + view_.pan.x + (box.x + box.width / 2) * view_.zoom,
                canvas_origin_->y + view_.pan.y + box.y * view_.zoom * view_.stretch + 4);
}

App::LegendEntries App::legend_entries() const {
  LegendEntries entries;
  if (!shown_) return entries;
  const auto add = [](std::vector<std::string>& list, const std::string& key) {
    if (std::find(list.begin(), list.end(), key) == list.end()) list.push_back(key);
  };
  for (const Touchpoint& t : shown_->touchpoints)
    add(t.terminal() ? entries.endings : entries.channels, t.terminal() ? t.outcome : t.channel);
  // Flows are coloured by how their customers end, and not every ending is a box.
  if (shown_->horizon) add(entries.endings, std::string(outcome_kind::active));
  if (report_ && report_->unfinished > 0) add(entries.endings, std::string(outcome_kind::unfinished));
  return entries;
}

void App::draw_legend(ImVec2 origin, ImVec2 extent) {
  const LegendEntries entries = legend_entries();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float swatch = ImGui::GetTextLineHeight() - 4;
  const ImU32 text = IM_COL32(60, 64, 80, 255);
  const char* widths = "A flow's width is how many customers take it; its colour, where they end up.";
  // Lay the items out in rows that wrap within the canvas, then draw a card
  // around them at the bottom left.
  struct Item {
    std::string label;
    ImU32 colour;
    ImVec2 at;  // relative to the card's top left
  };
  const float card_width_limit = std::max(200.0f, extent.x - 20);
  std::vector<Item> items;
  std::vector<std::pair<const char*, ImVec2>> titles;
  float y = 5, widest = ImGui::CalcTextSize(widths).x + 16;
  const auto row = [&](const char* title, const std::vector<std::string>& keys, bool outcome) {
    titles.emplace_back(title, ImVec2(8, y));
    const float indent = 8 + ImGui::CalcTextSize(title).x + 10;
    float x = indent;
    for (const std::string& key : keys) {
      std::string label = key.empty() ? "(no channel)" : key;
      const float w = swatch + 4 + ImGui::CalcTextSize(label.c_str()).x + 12;
      if (x > indent && x + w > card_width_limit) {
        x = indent;
        y += line;
      }
      items.push_back({std::move(label), outcome ? colours_.outcome(key) : colours_.channel(key), ImVec2(x, y)});
      x += w;
      widest = std::max(widest, x + 4);
    }
    y += line;
  };
  row("Touchpoints by channel:", entries.channels, false);
  row("Flows end in:", entries.endings, true);
  const float width = std::min(card_width_limit, widest);
  const float height = y + line + 5;
  legend_height_ = height;
  const ImVec2 p0(origin.x + 10, origin.y + extent.y - height - 10);
  draw->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), IM_COL32(255, 255, 255, 230), 5);
  draw->AddRect(p0, ImVec2(p0.x + width, p0.y + height), IM_COL32(210, 212, 220, 255), 5);
  for (const auto& [title, at] : titles) draw->AddText(ImVec2(p0.x + at.x, p0.y + at.y), text, title);
  for (const Item& item : items) {
    const ImVec2 at(p0.x + item.at.x, p0.y + item.at.y);
    draw->AddRectFilled(ImVec2(at.x, at.y + 2), ImVec2(at.x + swatch, at.y + 2 + swatch), item.colour, 3);
    draw->AddText(ImVec2(at.x + swatch + 4, at.y), text, item.label.c_str());
  }
  draw->AddText(ImVec2(p0.x + 8, p0.y + y), IM_COL32(110, 114, 130, 255), widths);
}

}  // namespace journeysim::viewer
