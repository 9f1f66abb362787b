// Colours, fonts and shared drawing helpers.
#include "widgets.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/kpi_text.hpp"

namespace journeysim::viewer {

namespace {

constexpr std::array channels{"web", "app", "store", "social", "email", "chat", "phone", "ivr", "sms"};
constexpr std::array outcomes{"converted", "churned", "abandoned", "lost"};

ImFont* font_or_default(int index) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  return index < atlas->Fonts.Size ? atlas->Fonts[index] : ImGui::GetFont();
}

// The conventional channels and outcome kinds' colours, in the order of the vocabularies above.
constexpr std::array<ImU32, channels.size()> channel_colours{
    IM_COL32(66, 133, 244, 255), IM_COL32(142, 68, 173, 255), IM_COL32(121, 85, 72, 255),
    IM_COL32(233, 30, 99, 255),  IM_COL32(230, 140, 0, 255),  IM_COL32(0, 150, 136, 255),
    IM_COL32(96, 125, 139, 255), IM_COL32(63, 81, 181, 255),  IM_COL32(124, 179, 66, 255)};
constexpr ImU32 no_channel_colour = IM_COL32(120, 120, 130, 255);
constexpr std::array<ImU32, outcomes.size()> outcome_colours{IM_COL32(46, 160, 67, 255), IM_COL32(214, 39, 40, 255),
                                                             IM_COL32(255, 127, 14, 255), IM_COL32(150, 150, 150, 255)};
constexpr ImU32 active_colour = IM_COL32(31, 119, 180, 255);
constexpr ImU32 unfinished_colour = IM_COL32(60, 60, 70, 255);

template <std::size_t N>
std::optional<ImU32> conventional_colour(const std::array<const char*, N>& names, const std::array<ImU32, N>& colours,
                                         std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return colours[i];
  }
  return std::nullopt;
}

std::optional<ImU32> conventional_outcome_colour(std::string_view kind) {
  if (kind == outcome_kind::active) return active_colour;
  if (kind == outcome_kind::unfinished) return unfinished_colour;
  return conventional_colour(outcomes, outcome_colours, kind);
}

// A scenario's own channels: dark enough for white text, and far (in
// perceived colour) from every conventional channel's colour and each other.
constexpr ImU32 own_channel_palette[] = {
    IM_COL32(216, 67, 21, 255),  IM_COL32(51, 105, 30, 255), IM_COL32(183, 28, 28, 255), IM_COL32(136, 14, 79, 255),
    IM_COL32(130, 119, 23, 255), IM_COL32(26, 35, 126, 255), IM_COL32(55, 71, 79, 255),  IM_COL32(240, 98, 146, 255)};
// A scenario's own outcome kinds ("retained", "unresolved").
constexpr ImU32 own_outcome_palette[] = {
    IM_COL32(148, 103, 189, 255), IM_COL32(23, 190, 207, 255), IM_COL32(140, 86, 75, 255), IM_COL32(188, 189, 34, 255),
    IM_COL32(227, 119, 194, 255), IM_COL32(57, 59, 121, 255),  IM_COL32(82, 84, 163, 255), IM_COL32(189, 158, 57, 255)};

// Each name the slot its hash (FNV-1a) picks, or the next free one, in name
// order; past the palette's size colours repeat.
std::unordered_map<std::string, ImU32> assign(const std::set<std::string>& names, std::span<const ImU32> palette) {
  std::unordered_map<std::string, ImU32> colours;
  std::vector<bool> taken(palette.size(), false);
  std::size_t used = 0;
  for (const std::string& name : names) {
    std::uint32_t hash = 2166136261u;
    for (char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    std::size_t slot = hash % palette.size();
    if (used == palette.size()) {
      std::fill(taken.begin(), taken.end(), false);
      used = 0;
    }
    while (taken[slot]) slot = (slot + 1) % palette.size();
    taken[slot] = true;
    ++used;
    colours.emplace(name, palette[slot]);
  }
  return colours;
}

}  // namespace

JourneyColours::JourneyColours(const std::vector<const Scenario*>& scenarios) {
  std::set<std::string> own_channels, own_kinds;
  for (const Scenario* scenario : scenarios) {
    if (!scenario) continue;
    for (const Touchpoint& t : scenario->touchpoints) {
      if (!t.channel.empty() && !conventional_colour(channels, channel_colours, t.channel))
        own_channels.insert(t.channel);
      if (t.terminal() && !conventional_outcome_colour(t.outcome)) own_kinds.insert(t.outcome);
    }
  }
  own_channels_ = assign(own_channels, own_channel_palette);
  own_outcomes_ = assign(own_kinds, own_outcome_palette);
}

ImU32 JourneyColours::channel(std::string_view channel) const {
  if (channel.empty()) return no_channel_colour;
  if (const auto c = conventional_colour(channels, channel_colours, channel)) return *c;
  const auto own = own_channels_.find(std::string(channel));
  return own != own_channels_.end() ? own->second : no_channel_colour;
}

ImU32 JourneyColours::outcome(std::string_view kind) const {
  if (const auto c = conventional_outcome_colour(kind)) return *c;
  const auto own = own_outcomes_.find(std::string(kind));
  return own != own_outcomes_.end() ? own->second : own_outcome_palette[0];
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

namespace {

// The longest prefix of `text` (whole UTF-8 characters) that fits `width`
// followed by "...", preferring one that ends at a word; empty when none fits.
std::string cut_to_fit(const std::string& text, float width, const std::function<float(const std::string&)>& measure) {
  std::vector<std::size_t> cuts;  // character boundaries
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
  }
  std::size_t lo = 0, hi = cuts.size();  // cuts[0..lo) fit; from hi on, none does (by bisection)
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (measure(text.substr(0, cuts[mid]) + "...") <= width)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0) return {};
  std::size_t end = cuts[lo - 1];
  // Back to the end of the last word that fits, unless that would drop most of the line.
  const std::size_t space = text.find_last_of(' ', end);
  if (end < text.size() && text[end] != ' ' && space != std::string::npos && space >= end / 2) end = space;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ',')) --end;
  return text.substr(0, end) + "...";
}

}  // namespace

FittedText fit_lines(const std::string& text, float width, ImFont* font, float font_size, int max_lines) {
  const auto measure = [&](const std::string& s) { return font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, s.c_str()).x; };
  FittedText fitted_text;
  std::string rest = text;
  for (int line = 0; line < max_lines && !rest.empty(); ++line) {
    if (measure(rest) <= width) {
      fitted_text.lines.push_back(rest);
      return fitted_text;
    }
    if (line + 1 < max_lines) {
      // Break at the last space that leaves a line that fits.
      std::size_t cut = rest.rfind(' ');
      while (cut != std::string::npos && cut > 0 && measure(rest.substr(0, cut)) > width)
        cut = rest.rfind(' ', cut - 1);
      if (cut != std::string::npos && cut > 0) {
        fitted_text.lines.push_back(rest.substr(0, cut));
        rest = rest.substr(cut + 1);
        continue;
      }
    }
    fitted_text.lines.push_back(cut_to_fit(rest, width, measure));
    fitted_text.cut = true;
    return fitted_text;
  }
  return fitted_text;
}

std::string fitted(const std::string& text, float width, ImFont* font, float font_size) {
  const FittedText one = fit_lines(text, width, font, font_size, 1);
  return one.lines.empty() ? std::string() : one.lines.front();
}

void tooltip_when_cut(bool cut, const std::string& full) {
  if (cut && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", full.c_str());
}

ImVec4 change_colour(const KpiChange& change, int better) {
  if (!change.significant() || better == 0) return ImVec4(0.45f, 0.45f, 0.5f, 1.0f);
  const bool for_the_better = (change.change.value > 0) == (better > 0);
  return for_the_better ? ImVec4(0.10f, 0.55f, 0.22f, 1.0f) : ImVec4(0.80f, 0.15f, 0.15f, 1.0f);
}

std::string sentiment_text(const Estimate& sentiment) {
  if (!std::isfinite(sentiment.value)) return "-";
  const std::string interval = kpi_interval_text(kpi::sentiment_final, sentiment);
  return kpi_value_text(kpi::sentiment_final, sentiment.value) + (interval.empty() ? "" : " " + interval);
}

void heading(const char* text) {
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

bool escape_pressed() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)); }

bool dialog_buttons(const char* action, bool enabled) {
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Button(action, ImVec2(120, 0));
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(120, 0)) || escape_pressed()) ImGui::CloseCurrentPopup();
  return pressed;
}

bool progress_with_cancel(const char* what, double done, const char* id) {
  const std::string label = std::string(what) + " " + std::to_string(static_cast<int>(100 * done)) + "%";
  ImGui::ProgressBar(static_cast<float>(done), ImVec2(-90, 0), label.c_str());
  ImGui::SameLine();
  ImGui::PushID(id);
  const bool cancel = ImGui::Button("Cancel", ImVec2(-1, 0));
  ImGui::PopID();
  return cancel;
}

std::vector<const char*> choosable_kpis(const Scenario& scenario) {
  std::vector<const char*> names;
  for (const char* name :
       {kpi::conversion_rate, kpi::churn_rate, kpi::abandonment_rate, kpi::lost_rate, kpi::retention_rate, kpi::nps,
        kpi::csat, kpi::ces, kpi::ttr_hours, kpi::wait_hours, kpi::revenue_per_customer}) {
    if (kpi_not_applicable(scenario, name).empty()) names.push_back(name);
  }
  return names;
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
  const bool entered =
      ImGui::InputText(label, field.text.data(), field.text.size(), ImGuiInputTextFlags_EnterReturnsTrue);
  field.active = ImGui::IsItemActive();
  if (!entered && !ImGui::IsItemDeactivatedAfterEdit()) return false;
  typed = field.text.data();
  return typed != current;
}

void chart_title(const char* title, const char* help) {
  ImGui::Spacing();
  heading(title);
  if (help) help_marker(help);
}

AxisTicks round_ticks(double lo, double hi, int at_least) {
  const double power = std::pow(10.0, std::floor(std::log10(std::max(hi - lo, 1e-9))));
  AxisTicks ticks;
  for (const double multiple : {10.0, 5.0, 2.0, 1.0, 0.5, 0.2, 0.1}) {
    ticks.step = power * multiple;
    ticks.first = std::ceil(lo / ticks.step - 1e-9) * ticks.step;
    ticks.count = static_cast<int>(std::floor((hi - ticks.first) / ticks.step + 1e-9)) + 1;
    if (ticks.count >= at_least) break;
  }
  ticks.decimals = std::max(0, -static_cast<int>(std::floor(std::log10(ticks.step) + 1e-9)));
  return ticks;
}

}  // namespace journeysim::viewer
