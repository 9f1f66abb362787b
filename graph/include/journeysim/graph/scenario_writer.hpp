// Writing scenarios back as JSON people can read and diff.
//
// Two paths: `to_json` turns a model into a canonical document (for scenarios
// made in code); `render_document` writes an edited document over the text it
// was read from, touching only the values that changed, so an unedited file
// saves byte-identical and an edit shows as a one-line diff.
#pragma once

#include <string>

#include "journeysim/graph/json_document.hpp"
#include "journeysim/graph/scenario.hpp"

namespace journeysim {

// The model as a scenario document: keys in the documented order, defaults left out.
Json to_json(const Scenario& scenario);

// Readable JSON: two-space indents, and any object or array that fits in
// `width` columns on one line (a touchpoint, a transition) kept on one line.
// `lead` is how many columns past `indent` the value starts (after its key).
std::string render_json(const Json& value, std::size_t indent = 0, std::size_t width = 110, std::size_t lead = 0);

// `updated` written over `original`'s text: spans whose values did not change
// keep their bytes; changed values are rendered with render_json at the
// indentation of the line they start on.
std::string render_document(const JsonDocument& original, const Json& updated);

}  // namespace journeysim
