// The Paths tab: the most common paths (touchpoints visited, repeats
// collapsed), filterable by how they end ("paths that end in churn"), each
// with its count and the mix of its endings; selecting one highlights it on
// the canvas.
#include <algorithm>

#include "app.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "widgets.hpp"

namespace journeysim::viewer {

void App::draw_paths_tab() {
  std::vector<std::string> kinds{"any ending"};
  for (const std::string& k : shown_->outcome_kinds()) kinds.push_back(k);
  if (shown_->horizon) kinds.emplace_back(outcome_kind::active);  // still travelling at the horizon
  if (report_->unfinished > 0) kinds.emplace_back(outcome_kind::unfinished);
  path_filter_ = std::clamp(path_filter_, 0, static_cast<int>(kinds.size()) - 1);
  ImGui::TextUnformatted("Paths that end in");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(180);
  if (ImGui::BeginCombo("##ending", kinds[static_cast<std::size_t>(path_filter_)].c_str())) {
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (ImGui::Selectable(kinds[i].c_str(), static_cast<std::size_t>(path_filter_) == i)) {
        path_filter_ = static_cast<int>(i);
        highlighted_path_.reset();
      }
    }
    ImGui::EndCombo();
  }
  const auto kind_of = [&](const std::string& ending) {
    if (const auto i = shown_->find_touchpoint(ending)) return shown_->touchpoints[*i].outcome;
    return ending;  // "active", "unfinished"
  };
  const auto name_of = [&](const std::string& id) {
    if (const auto i = shown_->find_touchpoint(id)) return shown_->touchpoints[*i].display_name();
    return id;
  };
  // Rank the paths by the customers on them who end the chosen way.
  if (ranked_generation_ != figures_generation_ || ranked_for_filter_ != path_filter_) {
    ranked_generation_ = figures_generation_;
    ranked_for_filter_ = path_filter_;
    ranked_paths_.clear();
    for (std::size_t i = 0; i < report_->paths.size(); ++i) {
      const PathFigures& p = report_->paths[i];
      std::uint64_t matching = 0;
      for (const auto& [ending, n] : p.endings) {
        if (path_filter_ == 0 || kind_of(ending) == kinds[static_cast<std::size_t>(path_filter_)]) matching += n;
      }
      if (matching > 0) ranked_paths_.emplace_back(i, matching);
    }
    std::stable_sort(ranked_paths_.begin(), ranked_paths_.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  std::uint64_t total = 0;
  for (const auto& [index, matching] : ranked_paths_) total += matching;
  constexpr std::size_t listed = 30;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "%s distinct paths%s. The %zu most common below, counts exact. A path lists the touchpoints visited, "
      "repeated visits in a row shown once; the bar, how its customers end. Click one to highlight it.",
      grouped_count(report_->distinct_paths).c_str(),
      report_->untracked_path_customers == 0
          ? ""
          : (" (" + grouped_count(report_->untracked_path_customers) + " customers on rarer paths not tracked)")
                .c_str(),
      std::min(listed, ranked_paths_.size()));
  ImGui::PopTextWrapPos();
  ImGui::Separator();

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  for (std::size_t r = 0; r < ranked_paths_.size() && r < listed; ++r) {
    const auto [i, matching] = ranked_paths_[r];
    const PathFigures& p = report_->paths[i];
    std::string text;
    for (std::size_t k = 0; k < p.path.size(); ++k) text += (k == 0 ? "" : "  >  ") + name_of(p.path[k]);
    if (text.empty()) text = "(straight to an ending)";
    // The ending most of its customers reach.
    const auto top = std::max_element(p.endings.begin(), p.endings.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
    ImGui::PushID(static_cast<int>(i));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const bool selected = highlighted_path_ == i;
    if (ImGui::Selectable("##path", selected, 0, ImVec2(width, 2 * line - ImGui::GetStyle().ItemSpacing.y))) {
      highlighted_path_ = selected ? std::nullopt : std::optional<std::size_t>(i);
    }
    const bool hovered = ImGui::IsItemHovered();
    const std::string head = percent_text(static_cast<double>(matching) / static_cast<double>(report_->customers)) +
                             "  (" + grouped_count(matching) + ")";
    draw->AddText(bold_font(), bold_font()->FontSize, at, ImGui::GetColorU32(ImGuiCol_Text), head.c_str());
    const float bar_width = std::min(110.0f, width * 0.25f);
    if (top != p.endings.end()) {
      const std::string ends =
          "ends " + name_of(top->first) +
          (p.endings.size() > 1 ? " " + percent_text(static_cast<double>(top->second) / static_cast<double>(p.count))
                                : "");
      const float head_width = bold_font()->CalcTextSizeA(bold_font()->FontSize, FLT_MAX, 0, head.c_str()).x;
      const std::string shown_ends =
          fitted(ends, width - head_width - bar_width - 24, ImGui::GetFont(), ImGui::GetFontSize());
      draw->AddText(ImVec2(at.x + head_width + 12, at.y), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                    shown_ends.c_str());
    }
    // The mix of its endings as a stacked bar.
    float x = at.x + width - bar_width;
    for (const auto& [ending, n] : p.endings) {
      const float w = bar_width * static_cast<float>(n) / static_cast<float>(p.count);
      draw->AddRectFilled(ImVec2(x, at.y + 3), ImVec2(x + w, at.y + line - 6), colours_.outcome(kind_of(ending)));
      x += w;
    }
    const std::string shown_text = fitted(text, width - 4, ImGui::GetFont(), ImGui::GetFontSize());
    draw->AddText(ImVec2(at.x, at.y + line - 2), ImGui::GetColorU32(ImGuiCol_Text), shown_text.c_str());
    if (hovered) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
      ImGui::TextUnformatted(text.c_str());
      ImGui::PopTextWrapPos();
      for (const auto& [ending, n] : p.endings) {
        ImGui::TextColored(to_vec4(colours_.outcome(kind_of(ending))), "%s: %s (%s of this path)",
                           name_of(ending).c_str(), grouped_count(n).c_str(),
                           percent_text(static_cast<double>(n) / static_cast<double>(p.count)).c_str());
      }
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
  if (path_filter_ > 0 && total > 0) {
    ImGui::TextDisabled("All tracked paths ending this way: %s customers", grouped_count(total).c_str());
  }
  if (ranked_paths_.empty()) ImGui::TextDisabled("No customer's path ends that way.");
}

}  // namespace journeysim::viewer
