// Loading a scenario: JSON text -> validated, immutable Scenario, with every
// problem found reported as a Diagnostic that points into the text.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journeysim/graph/diagnostics.hpp"
#include "journeysim/graph/json_document.hpp"
#include "journeysim/graph/scenario.hpp"

namespace journeysim {

struct LoadResult {
  std::optional<Scenario> scenario;              // present exactly when there is no error
  std::shared_ptr<const JsonDocument> document;  // null when the file could not be read
  Diagnostics diagnostics;                       // errors and warnings, in document order of discovery

  bool ok() const { return scenario.has_value(); }
};

LoadResult load_scenario_file(const std::string& path);
LoadResult load_scenario_text(std::string text);
// Builds the model from an already parsed document (the viewer edits documents).
LoadResult load_scenario_document(std::shared_ptr<const JsonDocument> document);

// The keys each kind of object accepts, named as in docs/scenario.schema.json's
// $defs ("scenario" is the root), so a test can hold the two in step.
struct KeyTable {
  std::string_view object;
  std::vector<std::string_view> keys;
};
const std::vector<KeyTable>& scenario_key_tables();

}  // namespace journeysim
