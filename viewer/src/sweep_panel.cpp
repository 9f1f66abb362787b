// Run > Sweep a parameter: one field over a range of values, each value
// paired against the scenario (sim/'s compare_sweep, as `journeysim sweep`
// runs it), drawn at the top of the Charts tab as one curve per KPI with
// its 95% band and the baseline dashed across. The dialog, the background
// job and the chart live here; the curves' data and axes are report/'s, so
// the picture agrees with `sweep --out curve.svg`.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/sim/fix_first.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

namespace {

// What a refused value's problems say, without the place in a file: one line.
std::string problems_text(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) text += (text.empty() ? "" : "; ") + d.message;
  return text;
}

// One KPI's curve over the swept values, `height` pixels tall.
void draw_sweep_panel(const report::SweepPanel& panel, const std::vector<std::string>& labels, float height) {
  const KpiPresentation& presentation = kpi_presentation(panel.kpi);
  ImGui::TextUnformatted(presentation.label);
  const report::SweepAxis axis = report::sweep_axis(panel);
  if (axis.finite < 2) {
    ImGui::TextDisabled("no figure to plot: the KPI is undefined at these values");
    return;
  }
  const TimeUnit unit = time_unit_for(std::max(std::abs(axis.lo), std::abs(axis.hi)));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  const float left = 70.0f, right = 58.0f;  // the y axis's labels; "baseline" at the right
  const float width = std::max(60.0f, ImGui::GetContentRegionAvail().x - left - right);
  const ImVec2 plot0(p.x + left, p.y + line / 2), plot1(plot0.x + width, plot0.y + height);
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 blue = IM_COL32(37, 99, 235, 255), band = IM_COL32(37, 99, 235, 46);
  const std::size_t n = std::min(panel.values.size(), labels.size());
  const auto x_of = [&](std::size_t i) {
    return n > 1 ? plot0.x + width * static_cast<float>(i) / static_cast<float>(n - 1) : (plot0.x + plot1.x) / 2;
  };
  const auto y_of = [&](double value) {
    return plot1.y - static_cast<float>((value - axis.lo) / (axis.hi - axis.lo)) * height;
  };
  draw->AddRectFilled(plot0, plot1, IM_COL32(246, 247, 250, 255));
  for (double y = axis.lo; y <= axis.hi + axis.step / 2; y += axis.step) {
    const double shown = std::abs(y) < axis.step / 2 ? 0.0 : y;
    draw->AddLine(ImVec2(plot0.x, y_of(shown)), ImVec2(plot1.x, y_of(shown)), IM_COL32(225, 227, 232, 255));
    const std::string text = kpi_value_text(panel.kpi, shown, unit);
    draw->AddText(ImVec2(plot0.x - 6 - ImGui::CalcTextSize(text.c_str()).x, y_of(shown) - line / 2), faint,
                  text.c_str());
  }
  if (panel.baseline && std::isfinite(panel.baseline->value)) {
    const float y = y_of(panel.baseline->value);
    for (float x = plot0.x; x < plot1.x; x += 9.0f) {
      draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 5.0f, plot1.x), y), IM_COL32(91, 100, 116, 255), 1.5f);
    }
    draw->AddText(ImVec2(plot1.x + 6, y - line / 2), faint, "baseline");
  }
  // The band between consecutive plotted values, then the line and the dots over it.
  std::optional<std::size_t> previous;
  for (std::size_t i = 0; i < n; ++i) {
    const Estimate& e = panel.values[i];
    if (!std::isfinite(e.value)) continue;
    if (previous) {
      const Estimate& a = panel.values[*previous];
      const float x0 = x_of(*previous), x1 = x_of(i);
      const auto lo_of = [&](const Estimate& v) { return y_of(std::isfinite(v.ci95.lo) ? v.ci95.lo : v.value); };
      const auto hi_of = [&](const Estimate& v) { return y_of(std::isfinite(v.ci95.hi) ? v.ci95.hi : v.value); };
      draw->AddQuadFilled(ImVec2(x0, hi_of(a)), ImVec2(x1, hi_of(e)), ImVec2(x1, lo_of(e)), ImVec2(x0, lo_of(a)), band);
      draw->AddLine(ImVec2(x0, y_of(a.value)), ImVec2(x1, y_of(e.value)), blue, 2.0f);
    }
    previous = i;
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<std::size_t> hovered;
  for (std::size_t i = 0; i < n; ++i) {
    const Estimate& e = panel.values[i];
    if (!std::isfinite(e.value)) continue;
    draw->AddCircleFilled(ImVec2(x_of(i), y_of(e.value)), 3.5f, blue);
    if (mouse.y >= plot0.y && mouse.y <= plot1.y && std::abs(mouse.x - x_of(i)) <= std::max(4.0f, width / (2.0f * n)))
      hovered = i;
  }
  // Every value's label when they fit, else about eight of them.
  const std::size_t every = std::max<std::size_t>(1, (n + 7) / 8);
  for (std::size_t i = 0; i < n; i += every) {
    const float label_width = ImGui::CalcTextSize(labels[i].c_str()).x;
    draw->AddText(ImVec2(x_of(i) - label_width / 2, plot1.y + 3), faint, labels[i].c_str());
  }
  ImGui::Dummy(ImVec2(left + width + right, height + 2 * line));
  if (hovered && ImGui::IsWindowHovered()) {
    const Estimate& e = panel.values[*hovered];
    ImGui::SetTooltip("%s: %s %s", labels[*hovered].c_str(), kpi_value_text(panel.kpi, e.value, unit).c_str(),
                      kpi_interval_text(panel.kpi, e, unit).c_str());
  }
}

}  // namespace

bool App::start_sweep(const std::string& set, const std::vector<std::string>& kpis) {
  sweep_problem_.clear();
  if (!scenario_) return false;
  const std::optional<SweepSpec> spec = parse_sweep(*scenario_, set, sweep_problem_);
  if (spec) {
    if (const std::vector<Diagnostic> refusal = first_impossible_point(*scenario_, *spec); !refusal.empty())
      sweep_problem_ = problems_text(refusal);
  }
  if (!sweep_problem_.empty()) {
    status_ = "Sweep not started: " + set + ": " + sweep_problem_;
    return false;
  }
  std::vector<std::string> chosen = kpis.empty() ? default_sweep_kpis() : kpis;
  status_ = "Sweeping " + spec->address.text() + " over " + std::to_string(spec->values.size()) + " values...";
  sweep_job_.start([scenario = scenario_, spec = *spec, chosen = std::move(chosen), options = run_options_](
                       const ProgressCallback& progress, const std::atomic<bool>& cancel) {
    SweepOutcome outcome;
    outcome.options = options;
    const BatchedComparison batched = compare_sweep(*scenario, spec, chosen, options, progress, &cancel);
    outcome.cancelled = batched.cancelled;
    if (batched.cancelled) return outcome;
    outcome.curves = report::make_sweep_curves(*scenario, spec, batched.report, chosen);
    for (const RefusedVariant& r : batched.refused) {
      outcome.skipped.push_back(spec.labels[r.index] + ": " + refusal_reason(spec.labels[r.index], r.diagnostics));
    }
    return outcome;
  });
  return true;
}

void App::wait_for_sweep() {
  sweep_job_.wait();
  poll_sweep();
}

void App::poll_sweep() {
  std::shared_ptr<const SweepOutcome> finished = sweep_job_.take();
  if (!finished) return;
  if (finished->cancelled) {
    status_ = "Sweep cancelled";
    return;
  }
  sweep_ = std::move(finished);
  status_ = "Swept " + sweep_->curves.parameter + ": its curves are at the top of the Charts tab";
  requested_tab_ = SideTab::charts;
}

void App::draw_sweep_dialog() {
  if (sweep_dialog_requested_) {
    sweep_dialog_requested_ = false;
    sweep_problem_.clear();
    if (sweep_kpis_.empty()) sweep_kpis_ = default_sweep_kpis();
    ImGui::OpenPopup("Sweep a parameter");
  }
  ImGui::SetNextWindowSize(ImVec2(600, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Sweep a parameter", nullptr)) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "One number over a range, PATH=FROM..TO[:STEP], as journeysim sweep --set reads it: each value is simulated on "
      "the same customers as the scenario, so the curve shows the value's effect, not noise.");
  ImGui::PopTextWrapPos();
  ImGui::SetNextItemWidth(-1);
  const bool entered = ImGui::InputTextWithHint("##set", "touchpoints.checkout.effort=1..7", sweep_input_,
                                                sizeof sweep_input_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::TextDisabled(
      "e.g. transitions.cart->checkout.p=0.3..0.6:0.05, touchpoints.phone_queue.capacity.agents=10..20");
  ImGui::Text("KPIs to plot:");
  int column = 0;
  for (const char* name : choosable_kpis(*scenario_)) {
    bool on = std::find(sweep_kpis_.begin(), sweep_kpis_.end(), name) != sweep_kpis_.end();
    if (column++ % 3 != 0) ImGui::SameLine(static_cast<float>((column - 1) % 3) * 190.0f + 8.0f);
    if (ImGui::Checkbox(kpi_presentation(name).label, &on)) {
      if (on) {
        sweep_kpis_.push_back(name);
      } else {
        std::erase(sweep_kpis_, std::string(name));
      }
    }
  }
  if (!sweep_problem_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", sweep_problem_.c_str());
    ImGui::PopTextWrapPos();
  }
  const bool pressed = dialog_buttons("Sweep", sweep_input_[0] != '\0' && !sweep_kpis_.empty());
  if ((pressed || entered) && sweep_input_[0] != '\0' && !sweep_kpis_.empty() &&
      start_sweep(sweep_input_, sweep_kpis_)) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void App::draw_sweep_charts() {
  if (!sweep_) return;
  const report::SweepCurves& curves = sweep_->curves;
  chart_title(("Sweep of " + curves.parameter).c_str(),
              "Each dot is the KPI with the swept field at that value, simulated on the same customers as the "
              "scenario; the band is its 95% interval for simulation noise, the dashed line the scenario as it is.");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s to %s, %zu values; %s customers, seed %llu.", curves.labels.front().c_str(),
                      curves.labels.back().c_str(), curves.labels.size(),
                      grouped_count(sweep_->options.customers).c_str(),
                      static_cast<unsigned long long>(sweep_->options.seed));
  for (const std::string& skipped : sweep_->skipped) ImGui::TextDisabled("not simulated: %s", skipped.c_str());
  ImGui::PopTextWrapPos();
  for (const report::SweepPanel& panel : curves.panels) draw_sweep_panel(panel, curves.labels, 110.0f);
  if (ImGui::SmallButton("Clear the sweep")) sweep_.reset();
  ImGui::Separator();
}

}  // namespace journeysim::viewer
