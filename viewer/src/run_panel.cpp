// The run controls at the top of the side panel: customers, seed and
// threads, Run or Cancel with progress, "Pin as baseline", the scenario's
// what-ifs, a line saying what the figures below are, and the progress of a
// report export or a sweep under way.
#include <algorithm>
#include <thread>

#include "app.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

void App::draw_run_controls() {
  if (!scenario_) {
    ImGui::TextDisabled("No scenario open: File > Open (Ctrl+O)");
    return;
  }
  const bool running = task_.running();
  ImGui::BeginDisabled(running);
  ImGui::SetNextItemWidth(130);
  const std::uint64_t step = 10'000, fast_step = 1'000'000;
  if (ImGui::InputScalar("customers", ImGuiDataType_U64, &run_options_.customers, &step, &fast_step, "%llu")) {
    run_options_.customers = std::clamp<std::uint64_t>(run_options_.customers, 1, 1'000'000'000'000ull);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110);
  const std::uint64_t one = 1;
  ImGui::InputScalar("seed", ImGuiDataType_U64, &run_options_.seed, &one, &one, "%llu");
  ImGui::SameLine();
  int threads = static_cast<int>(run_options_.threads);
  const int most = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ImGui::SetNextItemWidth(80);
  if (ImGui::InputInt("threads", &threads))
    run_options_.threads = static_cast<unsigned>(std::clamp(threads, 1, 4 * most));
  help_marker(
      "Threads change only how fast a run is: the same scenario, seed and customers give the same figures "
      "to the last digit whatever the thread count.");
  ImGui::EndDisabled();

  if (running) {
    const double done = task_.progress();
    const std::string label =
        std::to_string(static_cast<int>(100 * done)) + "% of " + grouped_count(run_options_.customers);
    ImGui::ProgressBar(static_cast<float>(done), ImVec2(-90, 0), label.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(-1, 0))) task_.cancel();
  } else {
    if (ImGui::Button("Run")) start_run();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Simulate again (Ctrl+R); every edit also re-runs by itself");
    ImGui::SameLine();
    if (pinned_) {
      if (ImGui::Button("Unpin baseline")) {
        pinned_.reset();
        start_run();
      }
    } else if (ImGui::Button("Pin as baseline")) {
      pin_baseline();
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(
          "Keep the scenario as it is now as the baseline: the runs of your next edits are paired\n"
          "with it customer by customer, and the figures show each change with its interval.");
    }
  }

  if (!scenario_->what_if.empty()) {
    const char* none = "(none: the scenario as it is)";
    const char* current = what_if_ < 0 ? none : scenario_->what_if[static_cast<std::size_t>(what_if_)].name.c_str();
    ImGui::SetNextItemWidth(std::min(320.0f, ImGui::GetContentRegionAvail().x - 70));
    ImGui::BeginDisabled(running);
    if (ImGui::BeginCombo("what-if", current)) {
      if (ImGui::Selectable(none, what_if_ < 0)) {
        what_if_ = -1;
        refresh_shown();
        start_run();
      }
      for (std::size_t w = 0; w < scenario_->what_if.size(); ++w) {
        const WhatIf& option = scenario_->what_if[w];
        if (ImGui::Selectable(option.name.c_str(), what_if_ == static_cast<int>(w))) show_what_if(option.name);
        if (ImGui::IsItemHovered() && !option.description.empty()) ImGui::SetTooltip("%s", option.description.c_str());
      }
      ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    if (what_if_ >= 0) {
      const WhatIf& w = scenario_->what_if[static_cast<std::size_t>(what_if_)];
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s%s", w.description.c_str(),
                          w.cost ? (" Cost: " + grouped_count(static_cast<std::uint64_t>(*w.cost)) + ".").c_str() : "");
      ImGui::PopTextWrapPos();
    }
  }
  // What the figures below are.
  ImGui::PushTextWrapPos(0.0f);
  if (outcome_ && outcome_->comparison) {
    ImGui::TextColored(
        ImVec4(0.15f, 0.35f, 0.7f, 1.0f), "Showing %s, paired %s.", outcome_->request.comparison_label.c_str(),
        outcome_->comparison->baseline.replications > 0 ? "replication by replication" : "customer by customer");
  } else if (pinned_) {
    ImGui::TextColored(ImVec4(0.15f, 0.35f, 0.7f, 1.0f), "Baseline pinned: edit, and the next run is paired with it.");
  }
  ImGui::PopTextWrapPos();
  draw_background_jobs();
  ImGui::Separator();
}

void App::draw_background_jobs() {
  if (export_job_.running() && progress_with_cancel("exporting the report", export_job_.progress(), "export"))
    export_job_.cancel();
  if (sweep_job_.running() && progress_with_cancel("sweeping", sweep_job_.progress(), "sweep")) sweep_job_.cancel();
}

}  // namespace journeysim::viewer
