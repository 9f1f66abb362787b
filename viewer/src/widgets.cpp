// Colours, fonts and shared drawing helpers.
#include "widgets.hpp"

#include <algorithm>
#include <array>
#include <vector>
#include <cstdint>
#include <cstdio>

#include "journeysim/graph/scenario.hpp"

namespace journeysim::viewer {

namespace {

constexpr std::array channels{"web", "app", "store", "social", "email", "chat", "phone", "ivr", "sms"};
constexpr std::array outcomes{"converted", "churned", "abandoned", "lost"};

ImFont* font_or_default(int index) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  return index < atlas->Fonts.Size ? atlas->Fonts[index] : ImGui::GetFont();
}

}  // namespace

ImU32 channel_colour(std::string_view channel) {
  struct Named {
    const char* name;
    ImU32 colour;
  };
  static const Named palette[] = {
      {"web", IM_COL32(66, 133, 244, 255)},   {"app", IM_COL32(142, 68, 173, 255)},
      {"store", IM_COL32(121, 85, 72, 255)},  {"social", IM_COL32(233, 30, 99, 255)},
      {"email", IM_COL32(230, 140, 0, 255)},  {"chat", IM_COL32(0, 150, 136, 255)},
      {"phone", IM_COL32(96, 125, 139, 255)}, {"ivr", IM_COL32(63, 81, 181, 255)},
      {"sms", IM_COL32(124, 179, 66, 255)}};
  for (const Named& n : palette) {
    if (channel == n.name) return n.colour;
  }
  return IM_COL32(120, 120, 130, 255);
}

ImU32 outcome_colour(std::string_view kind) {
  if (kind == outcome_kind::converted) return IM_COL32(46, 160, 67, 255);
  if (kind == outcome_kind::churned) return IM_COL32(214, 39, 40, 255);
  if (kind == outcome_kind::abandoned) return IM_COL32(255, 127, 14, 255);
  if (kind == outcome_kind::lost) return IM_COL32(150, 150, 150, 255);
  if (kind == outcome_kind::active) return IM_COL32(31, 119, 180, 255);
  // A scenario's own kinds ("retained", "unresolved"): distinct colours from
  // their names (FNV-1a), the same in every run and every panel.
  static const ImU32 others[] = {IM_COL32(148, 103, 189, 255), IM_COL32(23, 190, 207, 255), IM_COL32(140, 86, 75, 255),
                                 IM_COL32(188, 189, 34, 255),  IM_COL32(227, 119, 194, 255), IM_COL32(57, 59, 121, 255),
                                 IM_COL32(82, 84, 163, 255),   IM_COL32(189, 158, 57, 255)};
  std::uint32_t hash = 2166136261u;
  for (char c : kind) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return others[hash % (sizeof others / sizeof others[0])];
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
  const auto channel = [&](int shift) {
    const float x = static_cast<float>((a >> shift) & 0xFF);
    const float y = static_cast<float>((b >> shift) & 0xFF);
    return static_cast<ImU32>(x + (y - x) * t) << shift;
  };
  return channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) | (a & IM_COL32_A_MASK);
}

ImVec4 to_vec4(ImU32 colour) { return ImGui::ColorConvertU32ToFloat4(colour); }

std::span<const char* const> channel_vocabulary() { return channels; }
std::span<const char* const> outcome_vocabulary() { return outcomes; }

ImFont* bold_font() { return font_or_default(1); }
ImFont* large_font() { return font_or_default(2); }

void value_bar(const char* label, double fraction, ImU32 colour, const std::string& value, float label_width,
               float value_width) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float width = std::max(40.0f, ImGui::GetContentRegionAvail().x - label_width - value_width);
  const float height = ImGui::GetTextLineHeight();
  const std::string shown = fitted(label, label_width - 8, ImGui::GetFont(), ImGui::GetFontSize());
  ImGui::TextUnformatted(shown.c_str());
  if (shown != label && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label);
  const ImVec2 b0(p.x + label_width, p.y + 2);
  draw->AddRectFilled(b0, ImVec2(b0.x + width, b0.y + height - 3), IM_COL32(232, 234, 240, 255), 2);
  const float filled = width * static_cast<float>(std::clamp(fraction, 0.0, 1.0));
  if (filled > 0) draw->AddRectFilled(b0, ImVec2(b0.x + std::max(filled, 2.0f), b0.y + height - 3), colour, 2);
  draw->AddText(ImVec2(b0.x + width + 8, p.y), ImGui::GetColorU32(ImGuiCol_Text), value.c_str());
}

std::string fitted(const std::string& text, float width, ImFont* font, float font_size) {
  const auto measure = [&](const std::string& s) { return font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, s.c_str()).x; };
  if (measure(text) <= width) return text;
  // The longest prefix (whole UTF-8 characters) that fits with "...", by bisection.
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
  }
  std::size_t lo = 0, hi = cuts.size();  // cuts[0..lo) fit; from hi on, none does
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (measure(text.substr(0, cuts[mid]) + "...") <= width) lo = mid + 1;
    else hi = mid;
  }
  return lo == 0 ? std::string() : text.substr(0, cuts[lo - 1]) + "...";
}

ImVec4 change_colour(const KpiChange& change, int better) {
  if (!change.significant() || better == 0) return ImVec4(0.45f, 0.45f, 0.5f, 1.0f);
  const bool for_the_better = (change.change.value > 0) == (better > 0);
  return for_the_better ? ImVec4(0.10f, 0.55f, 0.22f, 1.0f) : ImVec4(0.80f, 0.15f, 0.15f, 1.0f);
}

void heading(const char* text) {
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

bool TextFields::edit(const char* label, const std::string& current, std::string& typed, float width) {
  Field& field = fields_[ImGui::GetID(label)];
  if (!field.active) std::snprintf(field.text.data(), field.text.size(), "%s", current.c_str());
  ImGui::SetNextItemWidth(width);
  const bool entered = ImGui::InputText(label, field.text.data(), field.text.size(), ImGuiInputTextFlags_EnterReturnsTrue);
  field.active = ImGui::IsItemActive();
  if (!entered && !ImGui::IsItemDeactivatedAfterEdit()) return false;
  typed = field.text.data();
  return typed != current;
}

}  // namespace journeysim::viewer
