// The Fix first tab: every lever of "what to fix first" (sim/'s
// rank_levers_in_batches: drop-offs x0.9, effort -1, sentiment +0.1, waits
// -10%, one more agent) ranked by its paired change of one KPI, simulated
// in the background a few levers at a time, the table filling in as each
// batch finishes. The ranking is the sensitivity command's and the report's.
#include <algorithm>

#include "app.hpp"
#include "journeysim/report/report_page.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

namespace {

// Levers per batch: small enough that the table fills in within seconds,
// large enough that the baseline walked again with each batch costs little.
constexpr std::size_t levers_per_batch = 6;
constexpr std::size_t rows_shown = 10;

}  // namespace

bool App::start_fix_first(const std::string& kpi) {
  if (!scenario_) return false;
  const std::string chosen = kpi.empty() ? report::ranking_kpi(*scenario_) : kpi;
  if (chosen.empty()) {
    status_ = "Nothing to rank by: the journey has no churn, conversion or lost ending";
    return false;
  }
  fix_first_kpi_ = chosen;
  fix_first_.reset();
  fix_first_so_far_ = std::make_shared<LatestValue<FixFirstRanking>>();
  status_ = "Ranking the levers by " + std::string(kpi_presentation(chosen).label) + "...";
  fix_first_job_.start([scenario = scenario_, chosen, options = run_options_, so_far = fix_first_so_far_](
                           const ProgressCallback& progress, const std::atomic<bool>& cancel) {
    return rank_levers_in_batches(
        *scenario, chosen, options, levers_per_batch,
        [&so_far](const FixFirstRanking& ranking) { so_far->set(ranking); }, progress, &cancel);
  });
  return true;
}

std::shared_ptr<const FixFirstRanking> App::fix_first_ranking() const {
  if (fix_first_) return fix_first_;
  return fix_first_so_far_ ? fix_first_so_far_->get() : nullptr;
}

void App::wait_for_fix_first() {
  fix_first_job_.wait();
  poll_fix_first();
}

void App::poll_fix_first() {
  const std::shared_ptr<const FixFirstRanking> finished = fix_first_job_.take();
  if (!finished) return;
  if (finished->cancelled) {
    status_ = "Ranking cancelled";
    return;
  }
  fix_first_ = finished;
  status_ = "Ranked " + std::to_string(finished->effects.size()) + " levers: see the Fix first tab";
}

void App::draw_fix_first_tab() {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "Each lever is one small improvement at one touchpoint (its drop-off x0.9, its effort -1, its sentiment +0.1, "
      "a wait 10%% shorter, one more agent), simulated on the same customers as the scenario; the best first.");
  ImGui::PopTextWrapPos();
  const bool running = fix_first_job_.running();
  ImGui::BeginDisabled(running);
  const std::string current = fix_first_kpi_.empty() ? report::ranking_kpi(*scenario_) : fix_first_kpi_;
  ImGui::SetNextItemWidth(220);
  if (ImGui::BeginCombo("rank by", current.empty() ? "-" : kpi_presentation(current).label)) {
    for (const char* name : choosable_kpis(*scenario_)) {
      if (ImGui::Selectable(kpi_presentation(name).label, current == name)) fix_first_kpi_ = name;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button(fix_first_ ? "Rank again" : "Rank the levers")) start_fix_first(fix_first_kpi_);
  ImGui::EndDisabled();
  if (running && progress_with_cancel("ranking", fix_first_job_.progress(), "fix_first")) fix_first_job_.cancel();
  // Held here so the ranking shown stays alive through the frame.
  const std::shared_ptr<const FixFirstRanking> shown = fix_first_ranking();
  if (!shown) {
    if (!running) ImGui::TextDisabled("Not ranked yet: press Rank the levers (it simulates every lever once).");
    return;
  }
  const FixFirstRanking& ranking = *shown;
  ImGui::Spacing();
  heading(running ? "Best levers so far" : "What to fix first");
  ImGui::TextDisabled("%zu levers simulated%s, by %s", ranking.effects.size(), running ? " so far" : "",
                      kpi_presentation(ranking.kpi).label);
  const int better = kpi_presentation(ranking.kpi).better;
  if (ImGui::BeginTable("fix_first", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("lever", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("change", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("95% interval", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("revenue", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < std::min(rows_shown, ranking.effects.size()); ++i) {
      const LeverEffect& e = ranking.effects[i];
      const ChangeText change = kpi_change_texts(ranking.kpi, e.change.change);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%zu. %s", i + 1, e.label.c_str());
      if (ImGui::IsItemHovered()) {
        // The whole label (a narrow panel cuts it), and why a gain may be partly fewer customers counted.
        ImGui::SetTooltip("%s%s", e.label.c_str(),
                          e.base_shrinks ? "\nFewer customers are counted in this KPI with the lever: part of the "
                                           "gain may be that."
                                         : "");
      }
      ImGui::TableNextColumn();
      ImGui::TextColored(change_colour(e.change, better), "%s%s", change.value.c_str(),
                         e.significant_after_bonferroni ? " *" : "");
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", change.interval().c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(kpi_change_texts(kpi::revenue_per_customer, e.revenue).value.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "* beyond noise for the whole family of levers (Bonferroni over %zu comparisons, %.2f standard errors). "
      "Intervals measure simulation noise only.",
      ranking.comparisons, ranking.family_threshold);
  for (const LeverNotMade& skipped : ranking.skipped) {
    ImGui::TextDisabled("not simulated: %s (%s)", skipped.label.c_str(), skipped.reason.c_str());
  }
  ImGui::PopTextWrapPos();
}

}  // namespace journeysim::viewer
