// The report's SVG pictures (charts.hpp). Sizes are in SVG user units; the
// page scales each picture to its column through the viewBox.
#include "charts.hpp"
#include "journeysim/report/sweep_chart.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "journeysim/graph/layout.hpp"
#include "journeysim/graph/queue_model.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/report/markup.hpp"
#include "journeysim/sim/kpi_text.hpp"

namespace journeysim::report {

namespace {

using C = std::string;  // a coordinate's text

C at(double x) { return coordinate(x); }

// Colours that stay apart for the eye, and apart from the endings' green,
// red, orange and grey, so a box's colour never reads as an outcome.
constexpr const char* channel_palette[] = {"#4e79a7", "#76b7b2", "#edc948", "#b07aa1", "#9c755f", "#ff9da7",
                                           "#a0cbe8", "#499894", "#d4a6c8", "#f1ce63", "#6a5acd", "#d37295"};

// Dark text on light fills, white on dark ones (`fill` is "#rrggbb").
const char* text_colour_on(const std::string& fill) {
  const auto channel = [&](std::size_t at) { return std::stoi(fill.substr(at, 2), nullptr, 16); };
  const double luminance = 0.299 * channel(1) + 0.587 * channel(3) + 0.114 * channel(5);
  return luminance > 150 ? "#1d2733" : "#ffffff";
}

std::string ending_kind(const RunReport& run, const std::string& ending_id) {
  for (const OutcomeFigures& o : run.outcomes) {
    if (o.id == ending_id) return o.kind;
  }
  return ending_id;
}

// Where most of a flow's travellers ended: the colour of the flow.
std::string dominant_kind(const RunReport& run, const TransitionFigures& flow) {
  std::map<std::string, std::uint64_t> by_kind;
  for (const auto& [ending, count] : flow.by_ending) by_kind[ending_kind(run, ending)] += count;
  std::string best;
  std::uint64_t most = 0;
  for (const auto& [kind, count] : by_kind) {
    if (count > most) {
      most = count;
      best = kind;
    }
  }
  return best;
}

// A touchpoint's name cut to what fits in a box, on a word boundary where
// there is one; the whole name stays in the box's <title>.
std::string fitted(const std::string& name, std::size_t max_chars) {
  if (name.size() <= max_chars) return name;
  std::size_t cut = name.rfind(' ', max_chars - 1);
  if (cut == std::string::npos || cut < max_chars / 2) cut = max_chars - 1;
  // Never end inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut) + "\xE2\x80\xA6";  // an ellipsis
}

// One point of a line chart: where it sits across, and the estimate it shows.
struct PlottedEstimate {
  double x;
  const Estimate* estimate;
};

// The estimate's line over its shaded 95% band. A bound that is not finite (an
// interval that could not be formed) pins the band to the value there.
template <typename ToY>
void draw_line_with_band(Markup& svg, const std::vector<PlottedEstimate>& points, const ToY& to_y) {
  const auto bound = [](double b, double value) { return std::isfinite(b) ? b : value; };
  std::string band = "M", line = "M";
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Estimate& e = *points[i].estimate;
    band += (i ? " L" : "") + at(points[i].x) + "," + at(to_y(bound(e.ci95.hi, e.value)));
    line += (i ? " L" : "") + at(points[i].x) + "," + at(to_y(e.value));
  }
  for (std::size_t i = points.size(); i-- > 0;) {
    const Estimate& e = *points[i].estimate;
    band += " L" + at(points[i].x) + "," + at(to_y(bound(e.ci95.lo, e.value)));
  }
  svg.empty("path", {{"d", band + " Z"}, {"class", "band"}});
  svg.empty("path", {{"d", line}, {"class", "line"}});
}

// A round step for about four ticks over [lo, hi]: 1, 2, 2.5 or 5 times a power of ten.
double round_tick_step(double lo, double hi) {
  const double raw_step = std::max(1e-9, (hi - lo) / 4.0);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
  for (const double m : {1.0, 2.0, 2.5, 5.0}) {
    if (m * magnitude >= raw_step) return m * magnitude;
  }
  return 10 * magnitude;
}

}  // namespace

std::string outcome_colour(std::string_view kind) {
  if (kind == outcome_kind::converted) return "#2e8b57";
  if (kind == outcome_kind::churned) return "#c0392b";
  if (kind == outcome_kind::abandoned) return "#e67e22";
  if (kind == outcome_kind::lost) return "#8c8c8c";
  if (kind == outcome_kind::active) return "#2c7fb8";
  if (kind == outcome_kind::unfinished) return "#555555";
  // Kinds of the scenario's own ("retained", "resolved") get stable colours by name.
  constexpr const char* others[] = {"#7b3294", "#008080", "#b8860b", "#4b0082", "#6b8e23"};
  std::size_t h = 0;
  for (char c : kind) h = h * 31 + static_cast<unsigned char>(c);
  return others[h % std::size(others)];
}

std::string channel_colour(const Scenario& scenario, std::string_view channel) {
  std::vector<std::string> seen;
  for (const Touchpoint& t : scenario.touchpoints) {
    if (t.channel.empty() || std::find(seen.begin(), seen.end(), t.channel) != seen.end()) continue;
    seen.push_back(t.channel);
  }
  const auto found = std::find(seen.begin(), seen.end(), channel);
  if (found == seen.end()) return "#d9d9d9";
  return channel_palette[static_cast<std::size_t>(found - seen.begin()) % std::size(channel_palette)];
}

std::string journey_map_svg(const Scenario& scenario, const RunReport& run) {
  LayoutStyle style;
  style.node_width = 150;
  style.node_height = 40;
  const Layout layout = layout_journey(scenario, style);
  constexpr double margin = 16, title_band = 30;
  const double width = layout.width + 2 * margin;
  const double height = layout.height + 2 * margin + title_band + 40;  // room below for loops back
  const auto box_x = [&](std::size_t i) { return layout.nodes[i].x + margin; };
  const auto box_y = [&](std::size_t i) { return layout.nodes[i].y + margin + title_band; };

  Markup svg;
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"viewBox", "0 0 " + at(width) + " " + at(height)},
                   {"role", "img"},
                   {"aria-label", "The journey map: touchpoints by stage, flows sized by customers"},
                   {"class", "journey-map"}});
  // Stage lanes.
  for (std::size_t c = 0; c < layout.column_titles.size(); ++c) {
    const double x = layout.column_x[c] + margin - 8;
    svg.empty("rect", {{"x", at(x)},
                       {"y", at(margin)},
                       {"width", at(style.node_width + 16)},
                       {"height", at(height - 2 * margin)},
                       {"rx", "6"},
                       {"class", "lane"}});
    svg.element("text", layout.column_titles[c],
                {{"x", at(x + (style.node_width + 16) / 2)}, {"y", at(margin + 20)}, {"class", "lane-title"}});
  }
  // Flows under the boxes, widest last so thin ones stay visible.
  std::uint64_t busiest = 1;
  for (const TransitionFigures& f : run.transitions) busiest = std::max(busiest, f.traversals);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < scenario.transitions.size() && i < run.transitions.size(); ++i) {
    if (run.transitions[i].traversals > 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return run.transitions[a].traversals > run.transitions[b].traversals;
  });
  for (std::size_t i : order) {
    const Transition& t = scenario.transitions[i];
    const TransitionFigures& flow = run.transitions[i];
    const double stroke = 1.0 + 13.0 * static_cast<double>(flow.traversals) / static_cast<double>(busiest);
    const double fx = box_x(t.from) + style.node_width, fy = box_y(t.from) + style.node_height / 2;
    const double tx = box_x(t.to), ty = box_y(t.to) + style.node_height / 2;
    std::string d;
    if (t.from == t.to) {
      const double x = box_x(t.from) + style.node_width - 24, y = box_y(t.from);
      d = "M" + at(x) + "," + at(y) + " C" + at(x - 10) + "," + at(y - 26) + " " + at(x + 34) + "," + at(y - 26) + " " +
          at(x + 24) + "," + at(y);
    } else if (layout.nodes[t.to].column > layout.nodes[t.from].column) {
      const double bend = std::max(30.0, (tx - fx) / 2);
      d = "M" + at(fx) + "," + at(fy) + " C" + at(fx + bend) + "," + at(fy) + " " + at(tx - bend) + "," + at(ty) + " " +
          at(tx) + "," + at(ty);
    } else if (layout.nodes[t.to].column == layout.nodes[t.from].column) {
      // Within a lane: an arc out to the right, wider the farther apart the two are.
      const double rx = box_x(t.from) + style.node_width, sy = fy, ey = ty;
      const double bulge = std::clamp(std::abs(ey - sy) * 0.25, 14.0, 40.0);
      d = "M" + at(rx) + "," + at(sy) + " C" + at(rx + bulge) + "," + at(sy) + " " + at(rx + bulge) + "," + at(ey) +
          " " + at(rx) + "," + at(ey);
    } else {
      // Back to an earlier lane: under the boxes, from bottom to bottom.
      const double sx = box_x(t.from) + style.node_width / 2, sy = box_y(t.from) + style.node_height;
      const double ex = box_x(t.to) + style.node_width / 2, ey = box_y(t.to) + style.node_height;
      const double dip = std::max(sy, ey) + 28;
      d = "M" + at(sx) + "," + at(sy) + " C" + at(sx) + "," + at(dip) + " " + at(ex) + "," + at(dip) + " " + at(ex) +
          "," + at(ey);
    }
    const std::string kind = dominant_kind(run, flow);
    svg.open("path", {{"d", d},
                      {"class", "flow"},
                      {"stroke", outcome_colour(kind)},
                      {"stroke-width", at(stroke)},
                      {"data-transition", flow.label},
                      {"data-customers", std::to_string(flow.traversals)}});
    svg.element("title", flow.label + ": " + grouped_count(flow.traversals) + " moves, mostly of customers who end " +
                             (kind.empty() ? std::string("-") : kind));
    svg.close("path");
  }
  // Touchpoints.
  for (std::size_t i = 0; i < scenario.touchpoints.size(); ++i) {
    const Touchpoint& t = scenario.touchpoints[i];
    const std::string fill = t.terminal() ? outcome_colour(t.outcome) : channel_colour(scenario, t.channel);
    svg.open("g", {{"class", t.terminal() ? "node ending" : "node"}, {"data-id", t.id}});
    svg.element("title", t.display_name() + (t.terminal() ? " (ending: " + t.outcome + ")"
                                                          : (t.channel.empty() ? "" : " (" + t.channel + ")")));
    svg.empty("rect", {{"x", at(box_x(i))},
                       {"y", at(box_y(i))},
                       {"width", at(style.node_width)},
                       {"height", at(style.node_height)},
                       {"rx", "5"},
                       {"fill", fill}});
    svg.element("text", fitted(t.display_name(), 20),
                {{"x", at(box_x(i) + style.node_width / 2)},
                 {"y", at(box_y(i) + style.node_height / 2 + 4)},
                 {"style", std::string("fill:") + text_colour_on(fill)}});
    if (t.capacity) {
      // The viewer's mark, over the box's top right corner: customers queue here for agents.
      const std::string tag = queue_tag(*t.capacity);
      const double tag_w = 8.0 + 5.9 * static_cast<double>(tag.size()), tag_h = 15;
      const double right = box_x(i) + style.node_width - 2, middle = box_y(i);
      svg.empty("rect", {{"x", at(right - tag_w)},
                         {"y", at(middle - tag_h / 2)},
                         {"width", at(tag_w)},
                         {"height", at(tag_h)},
                         {"rx", at(tag_h / 2)},
                         {"class", "queue-tag"}});
      svg.element("text", tag, {{"x", at(right - tag_w / 2)}, {"y", at(middle + 3.5)}, {"class", "queue-tag"}});
    }
    svg.close("g");
  }
  svg.close("svg");
  return svg.take();
}

std::string retention_svg(const RunReport& run) {
  if (run.retention.size() < 2) return {};
  constexpr double left = 64, right = 40, top = 14, bottom = 44, plot_w = 480, plot_h = 200;
  const double width = left + plot_w + right, height = top + plot_h + bottom;
  const double last_hours = run.retention.back().hours;
  const bool in_days = last_hours >= 72;
  const double unit = in_days ? 24.0 : 1.0;
  const auto px = [&](double hours) { return left + plot_w * hours / last_hours; };
  const auto py = [&](double share) { return top + plot_h * (1.0 - share); };
  Markup svg;
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"viewBox", "0 0 " + at(width) + " " + at(height)},
                   {"role", "img"},
                   {"aria-label", "Share of customers still travelling over time"},
                   {"class", "chart"}});
  for (int tick = 0; tick <= 4; ++tick) {
    const double share = tick / 4.0;
    svg.empty(
        "line",
        {{"x1", at(left)}, {"x2", at(left + plot_w)}, {"y1", at(py(share))}, {"y2", at(py(share))}, {"class", "grid"}});
    svg.element("text", std::to_string(tick * 25) + "%",
                {{"x", at(left - 8)}, {"y", at(py(share) + 5)}, {"class", "label-end"}});
  }
  for (int tick = 0; tick <= 4; ++tick) {
    const double hours = last_hours * tick / 4.0;
    svg.element("text", format_number(hours / unit, 3) + (in_days ? " d" : " h"),
                {{"x", at(px(hours))}, {"y", at(top + plot_h + 18)}, {"class", "label-mid"}});
  }
  std::vector<PlottedEstimate> points;
  for (const RetentionPoint& p : run.retention) points.push_back({px(p.hours), &p.travelling});
  draw_line_with_band(svg, points, py);
  svg.element("text", in_days ? "days since entry" : "hours since entry",
              {{"x", at(left + plot_w / 2)}, {"y", at(height - 4)}, {"class", "label-mid"}});
  svg.close("svg");
  return svg.take();
}

std::string emotion_svg(const RunReport& run) {
  std::vector<const StageFigures*> stages;
  for (const StageFigures& s : run.funnel) {
    if (std::isfinite(s.sentiment.value)) stages.push_back(&s);
  }
  if (stages.size() < 2) return {};
  // The scale holds every interval and 0 (the neutral mood), padded a little.
  double lo = 0.0, hi = 0.0;
  for (const StageFigures* s : stages) {
    lo = std::min({lo, s->sentiment.value, std::isfinite(s->sentiment.ci95.lo) ? s->sentiment.ci95.lo : lo});
    hi = std::max({hi, s->sentiment.value, std::isfinite(s->sentiment.ci95.hi) ? s->sentiment.ci95.hi : hi});
  }
  const double tick_step = round_tick_step(lo, hi);
  lo = std::floor(lo / tick_step - 1e-9) * tick_step;
  hi = std::ceil(hi / tick_step + 1e-9) * tick_step;
  constexpr double left = 64, right = 64, top = 14, bottom = 44, plot_w = 480, plot_h = 200;
  const double width = left + plot_w + right, height = top + plot_h + bottom;
  const double step = plot_w / static_cast<double>(stages.size());
  const auto px = [&](std::size_t i) { return left + step * (static_cast<double>(i) + 0.5); };
  const auto py = [&](double sentiment) { return top + plot_h * (hi - sentiment) / (hi - lo); };
  Markup svg;
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"viewBox", "0 0 " + at(width) + " " + at(height)},
                   {"role", "img"},
                   {"aria-label", "Mean sentiment of customers as they leave each stage"},
                   {"class", "chart"}});
  for (double sentiment = lo; sentiment <= hi + tick_step / 2; sentiment += tick_step) {
    const double shown = std::abs(sentiment) < tick_step / 2 ? 0.0 : sentiment;
    svg.empty("line", {{"x1", at(left)},
                       {"x2", at(left + plot_w)},
                       {"y1", at(py(shown))},
                       {"y2", at(py(shown))},
                       {"class", shown == 0.0 ? "zero" : "grid"}});
    svg.element("text", format_number(shown, 3),
                {{"x", at(left - 8)}, {"y", at(py(shown) + 5)}, {"class", "label-end"}});
  }
  svg.element("text", "neutral", {{"x", at(left + plot_w + 6)}, {"y", at(py(0.0) + 5)}, {"class", "label-start"}});
  std::vector<PlottedEstimate> points;
  for (std::size_t i = 0; i < stages.size(); ++i) points.push_back({px(i), &stages[i]->sentiment});
  draw_line_with_band(svg, points, py);
  for (std::size_t i = 0; i < stages.size(); ++i) {
    svg.empty("circle", {{"cx", at(px(i))},
                         {"cy", at(py(stages[i]->sentiment.value))},
                         {"r", "4"},
                         {"class", "dot"},
                         {"data-stage", stages[i]->stage},
                         {"data-sentiment", format_number(stages[i]->sentiment.value, 17)}});
    svg.element("text", stages[i]->stage, {{"x", at(px(i))}, {"y", at(top + plot_h + 18)}, {"class", "label-mid"}});
  }
  svg.element("text", "stage, in journey order",
              {{"x", at(left + plot_w / 2)}, {"y", at(height - 4)}, {"class", "label-mid"}});
  svg.close("svg");
  return svg.take();
}

std::string queue_week_svg(const QueueFigures& queue) {
  const auto& hours = queue.by_hour_of_week;
  if (hours.size() != hours_per_week) return {};
  constexpr double left = 64, right = 96, top = 14, bottom = 30, plot_w = 504, plot_h = 160;
  const double width = left + plot_w + right, height = top + plot_h + bottom;
  const auto [most_agents, longest_wait] = queue.week_scale();
  // Waits in the unit the longest reads best in.
  const TimeUnit unit = time_unit_for(longest_wait);
  const double top_wait = std::max(longest_wait / unit.hours, 1e-9);
  const double slot = plot_w / static_cast<double>(hours_per_week);
  const auto px = [&](std::size_t hour) { return left + slot * static_cast<double>(hour); };
  const auto py_wait = [&](double wait_hours) { return top + plot_h * (1.0 - wait_hours / unit.hours / top_wait); };
  Markup svg;
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"viewBox", "0 0 " + at(width) + " " + at(height)},
                   {"role", "img"},
                   {"aria-label", "Mean wait and agents on duty at " + queue.id + " by hour of the week"},
                   {"class", "chart"}});
  for (std::size_t h = 0; h < hours_per_week; ++h) {
    const double bar = plot_h * hours[h].agents / most_agents;
    if (bar <= 0) continue;
    svg.empty("rect", {{"x", at(px(h))},
                       {"y", at(top + plot_h - bar)},
                       {"width", at(slot)},
                       {"height", at(bar)},
                       {"class", "agents"}});
  }
  static constexpr const char* days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (std::size_t d = 0; d < 7; ++d) {
    const double x = px(24 * d);
    if (d > 0)
      svg.empty("line", {{"x1", at(x)}, {"x2", at(x)}, {"y1", at(top)}, {"y2", at(top + plot_h)}, {"class", "grid"}});
    svg.element("text", days[d], {{"x", at(x + 12 * slot)}, {"y", at(top + plot_h + 18)}, {"class", "label-mid"}});
  }
  for (int tick = 0; tick <= 2; ++tick) {
    const double value = top_wait * tick / 2.0;
    const double y = top + plot_h * (1.0 - tick / 2.0);
    svg.element("text", fixed_text(value, value < 10 ? 1 : 0) + unit.suffix,
                {{"x", at(left - 8)}, {"y", at(y + 5)}, {"class", "label-end"}});
  }
  svg.element("text", format_number(most_agents) + " agents", {{"x", at(left + plot_w + 6)}, {"y", at(top + 10)}});
  svg.element("text", "0", {{"x", at(left + plot_w + 6)}, {"y", at(top + plot_h)}});
  // The mean wait, broken where nobody arrived.
  std::string path;
  bool drawing = false;
  for (std::size_t h = 0; h < hours_per_week; ++h) {
    const double wait = hours[h].mean_wait_hours;
    if (!std::isfinite(wait)) {
      drawing = false;
      continue;
    }
    path += (drawing ? " L" : " M") + at(px(h) + slot / 2) + " " + at(py_wait(wait));
    drawing = true;
  }
  if (!path.empty()) svg.empty("path", {{"d", path.substr(1)}, {"class", "line"}});
  svg.close("svg");
  return svg.take();
}

// --- the sweep's curves, a file of their own ---

namespace {

// The report's chart style for a file read alone (the page's CSS is not there).
constexpr const char* standalone_chart_style =
    "text { font-family: system-ui, sans-serif; font-size: 12px; fill: #1f2937; }"
    " .title { font-size: 15px; font-weight: 600; } .panel-title { font-size: 13px; font-weight: 600; }"
    " .label-end { text-anchor: end; } .label-mid { text-anchor: middle; fill: #5b6474; }"
    " .label-start { text-anchor: start; fill: #5b6474; } .grid { stroke: #d9dde5; }"
    " .band { fill: #2563eb; fill-opacity: 0.18; } .line { fill: none; stroke: #2563eb; stroke-width: 2; }"
    " .dot { fill: #2563eb; } .baseline { stroke: #5b6474; stroke-dasharray: 5 4; }";

}  // namespace

SweepAxis sweep_axis(const SweepPanel& panel) {
  SweepAxis axis;
  double lo = INFINITY, hi = -INFINITY;
  const auto widen = [&](double x) {
    if (!std::isfinite(x)) return;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  };
  for (const Estimate& e : panel.values) {
    if (!std::isfinite(e.value)) continue;
    ++axis.finite;
    widen(e.value);
    widen(e.ci95.lo);
    widen(e.ci95.hi);
  }
  if (panel.baseline) widen(panel.baseline->value);
  if (axis.finite < 2) return axis;
  if (hi - lo < 1e-12) {  // a flat curve: a band around it
    const double pad = std::max(std::abs(hi) * 0.05, 1e-6);
    lo -= pad;
    hi += pad;
  }
  axis.step = round_tick_step(lo, hi);
  axis.lo = std::floor(lo / axis.step - 1e-9) * axis.step;
  axis.hi = std::ceil(hi / axis.step + 1e-9) * axis.step;
  return axis;
}

namespace {

void sweep_panel(Markup& svg, const SweepPanel& panel, const std::vector<std::string>& labels, double top) {
  constexpr double left = 84, plot_w = 520, plot_h = 170;
  const std::string label = kpi_presentation(panel.kpi).label;
  svg.element("text", label, {{"x", at(left)}, {"y", at(top - 8)}, {"class", "panel-title"}});
  const SweepAxis axis = sweep_axis(panel);
  if (axis.finite < 2) {
    svg.element("text", "no figure to plot (the KPI is undefined at these values)",
                {{"x", at(left + plot_w / 2)}, {"y", at(top + plot_h / 2)}, {"class", "label-mid"}});
    return;
  }
  const double lo = axis.lo, hi = axis.hi, step = axis.step;
  const double n = static_cast<double>(labels.size());
  const auto px = [&](std::size_t i) { return left + plot_w * (n > 1 ? static_cast<double>(i) / (n - 1) : 0.5); };
  const auto py = [&](double y) { return top + plot_h * (hi - y) / (hi - lo); };
  for (double y = lo; y <= hi + step / 2; y += step) {
    const double shown = std::abs(y) < step / 2 ? 0.0 : y;
    svg.empty(
        "line",
        {{"x1", at(left)}, {"x2", at(left + plot_w)}, {"y1", at(py(shown))}, {"y2", at(py(shown))}, {"class", "grid"}});
    svg.element("text", kpi_value_text(panel.kpi, shown, time_unit_for(std::max(std::abs(lo), std::abs(hi)))),
                {{"x", at(left - 8)}, {"y", at(py(shown) + 4)}, {"class", "label-end"}});
  }
  if (panel.baseline && std::isfinite(panel.baseline->value)) {
    const double y = py(panel.baseline->value);
    svg.empty("line",
              {{"x1", at(left)}, {"x2", at(left + plot_w)}, {"y1", at(y)}, {"y2", at(y)}, {"class", "baseline"}});
    svg.element("text", "baseline", {{"x", at(left + plot_w + 6)}, {"y", at(y + 4)}, {"class", "label-start"}});
  }
  std::vector<PlottedEstimate> points;
  for (std::size_t i = 0; i < panel.values.size() && i < labels.size(); ++i) {
    if (std::isfinite(panel.values[i].value)) points.push_back({px(i), &panel.values[i]});
  }
  draw_line_with_band(svg, points, py);
  for (std::size_t i = 0; i < panel.values.size() && i < labels.size(); ++i) {
    if (!std::isfinite(panel.values[i].value)) continue;
    svg.empty("circle", {{"cx", at(px(i))},
                         {"cy", at(py(panel.values[i].value))},
                         {"r", "3.5"},
                         {"class", "dot"},
                         {"data-value", labels[i]},
                         {"data-kpi", format_number(panel.values[i].value, 17)}});
  }
  // Every label when they fit, else about eight of them.
  const std::size_t every = std::max<std::size_t>(1, (labels.size() + 7) / 8);
  for (std::size_t i = 0; i < labels.size(); i += every) {
    svg.element("text", labels[i], {{"x", at(px(i))}, {"y", at(top + plot_h + 16)}, {"class", "label-mid"}});
  }
}

}  // namespace

std::string sweep_curves_svg(const SweepCurves& curves) {
  constexpr double panel_h = 240, header = 44, width = 700;
  const double height = header + panel_h * static_cast<double>(std::max<std::size_t>(curves.panels.size(), 1)) + 24;
  Markup svg;
  svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"viewBox", "0 0 " + at(width) + " " + at(height)},
                   {"width", at(width)},
                   {"height", at(height)},
                   {"role", "img"},
                   {"aria-label", curves.title}});
  svg.newline();
  svg.open("style").text(standalone_chart_style).close("style").newline();
  svg.empty("rect", {{"width", at(width)}, {"height", at(height)}, {"fill", "#ffffff"}});
  svg.element("text", curves.title, {{"x", "16"}, {"y", "24"}, {"class", "title"}}).newline();
  for (std::size_t p = 0; p < curves.panels.size(); ++p) {
    sweep_panel(svg, curves.panels[p], curves.labels, header + 24 + panel_h * static_cast<double>(p));
    svg.newline();
  }
  svg.element("text", curves.parameter + " (bands: each value's 95% interval; the sweep's table pairs its changes)",
              {{"x", at(width / 2)}, {"y", at(height - 8)}, {"class", "label-mid"}});
  svg.close("svg").newline();
  return svg.take();
}

SweepCurves make_sweep_curves(const Scenario& scenario, const SweepSpec& spec, const ComparisonReport& report,
                              const std::vector<std::string>& kpis) {
  SweepCurves curves;
  const std::string path = spec.address.text();
  curves.title = (scenario.name.empty() ? std::string("Sweep") : scenario.name) + ": sweep of " + path;
  curves.parameter = path;
  curves.labels = spec.labels;
  for (const std::string& name : kpis) {
    SweepPanel panel;
    panel.kpi = name;
    for (const VariantComparison& v : report.variants) {
      const KpiChange* c = v.find_change(name);
      panel.values.push_back(c && c->defined ? c->variant : Estimate{NAN, {NAN, NAN}, NAN});
    }
    if (const Kpi* base = report.baseline.find_kpi(name); base && base->defined) panel.baseline = base->estimate;
    curves.panels.push_back(std::move(panel));
  }
  return curves;
}

}  // namespace journeysim::report
