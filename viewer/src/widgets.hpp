// The viewer's visual vocabulary: the colours of channels and endings (the
// canvas, the charts and the legend agree on them), the fonts, and the few
// drawing helpers that several panels share (bars, text that fits a width,
// the colour of a change).
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include <imgui.h>

#include "journeysim/sim/compare.hpp"

namespace journeysim::viewer {

ImU32 channel_colour(std::string_view channel);
ImU32 outcome_colour(std::string_view kind);
ImU32 mix(ImU32 a, ImU32 b, float t);
ImVec4 to_vec4(ImU32 colour);

// The conventional vocabularies of DESIGN section 3, offered in the editor.
std::span<const char* const> channel_vocabulary();
std::span<const char* const> outcome_vocabulary();

// Fonts loaded by main.cpp (regular, bold, large bold); the default font
// stands in for any that is missing (as in tests).
ImFont* bold_font();
ImFont* large_font();

// A labelled horizontal bar: `label`, a bar filled to `fraction`, then `value`.
void value_bar(const char* label, double fraction, ImU32 colour, const std::string& value, float label_width = 150.0f,
               float value_width = 170.0f);

// `text` cut to fit `width` pixels at `font_size`, with "..." when cut.
std::string fitted(const std::string& text, float width, ImFont* font, float font_size);

// How a paired change reads: green when it is beyond noise and for the
// better, red when beyond noise and for the worse, grey otherwise.
ImVec4 change_colour(const KpiChange& change, int better);

// A heading in the bold font.
void heading(const char* text);

// A small "(?)" that explains on hover.
void help_marker(const char* text);

// Text fields for editing a value of the model: each shows the current value
// until the user starts typing, and hands the typed text back once, when they
// press Enter or leave the field, so that an edit is validated (and re-run)
// once rather than at every keystroke.
class TextFields {
 public:
  bool edit(const char* label, const std::string& current, std::string& typed, float width);

 private:
  struct Field {
    std::array<char, 512> text{};
    bool active = false;
  };
  std::unordered_map<unsigned, Field> fields_;  // by ImGui id
};

}  // namespace journeysim::viewer
