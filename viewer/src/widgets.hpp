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
#include <vector>

#include <imgui.h>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/compare.hpp"

namespace journeysim::viewer {

// The colours of a journey's channels and outcome kinds (the canvas, the
// charts and the legend agree on them). The conventional ones of DESIGN
// section 3 have the same colour in every journey; a scenario's own ("tv",
// "field", "word_of_mouth"; "retained") each get a colour of a second
// palette, distinct from the conventional ones and from each other: the one
// their name hashes to, or the next one free, so that they stay put as the
// journey is edited.
class JourneyColours {
 public:
  JourneyColours() = default;
  // The channels and kinds of every scenario given (the scenario and the
  // what-if shown, so that switching what-ifs keeps every colour).
  explicit JourneyColours(const std::vector<const Scenario*>& scenarios);
  ImU32 channel(std::string_view channel) const;
  ImU32 outcome(std::string_view kind) const;

 private:
  std::unordered_map<std::string, ImU32> own_channels_, own_outcomes_;
};

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

// `text` in at most `max_lines` lines of `width` pixels at `font_size`,
// broken between words. What does not fit is cut at the end of a word and
// ends in "..." (mid-word only when a single word is wider than the line);
// `cut` says so, for a tooltip that shows the text whole.
struct FittedText {
  std::vector<std::string> lines;
  bool cut = false;
};
FittedText fit_lines(const std::string& text, float width, ImFont* font, float font_size, int max_lines);
// On one line: fit_lines(...).lines[0], or empty when nothing fits.
std::string fitted(const std::string& text, float width, ImFont* font, float font_size);
// Shows `full` as a tooltip when the item just drawn is hovered and showed it cut.
void tooltip_when_cut(bool cut, const std::string& full);

// How a paired change reads: green when it is beyond noise and for the
// better, red when beyond noise and for the worse, grey otherwise.
ImVec4 change_colour(const KpiChange& change, int better);

// A mean sentiment with its interval, as the emotion curve and the canvas's
// tooltips say it: "0.31 [0.29, 0.33]", or "-" when nobody left yet.
std::string sentiment_text(const Estimate& sentiment);

// A heading in the bold font.
void heading(const char* text);

// A small "(?)" that explains on hover.
void help_marker(const char* text);

// Esc answers a dialog with its safe choice: cancel, keep what is here.
bool escape_pressed();
// A dialog's `action` button (greyed out unless `enabled`) and Cancel (or Esc),
// which closes the popup; true when `action` was pressed.
bool dialog_buttons(const char* action, bool enabled);
// A background job's progress bar, "WHAT 40%", with its Cancel button
// (`id` tells several apart); true when Cancel was pressed.
bool progress_with_cancel(const char* what, double done, const char* id);
// The KPIs a strategist may plot or rank by, those `scenario` defines.
std::vector<const char*> choosable_kpis(const Scenario& scenario);

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

// A chart's heading, with a (?) that explains it when `help` is given.
void chart_title(const char* title, const char* help = nullptr);

// Ticks for an axis over [lo, hi] at a round step (1, 2 or 5 times a power
// of ten): the widest step that still gives at least `at_least` ticks.
struct AxisTicks {
  double first = 0, step = 1;
  int count = 0, decimals = 0;
};
AxisTicks round_ticks(double lo, double hi, int at_least);

}  // namespace journeysim::viewer
