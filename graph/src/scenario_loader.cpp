// The scenario loader: reads every key of the format (docs/scenario-format.md)
// into the model, checking types, ranges, ids and references as it goes, then
// hands the built model to the structural checks (scenario_checks.hpp).
// It reports every problem it finds, never only the first. Each section of
// the format has its own reader file in loader/; this file runs them in order.
#include "journeysim/graph/scenario_loader.hpp"

#include "journeysim/graph/what_if.hpp"
#include "loader/scenario_reader.hpp"
#include "vocabulary_checks.hpp"

namespace journeysim {

namespace loader {

std::optional<Scenario> ScenarioReader::read() {
  const Json& root = document_.root();
  if (!root.is_object()) {
    type_error("", "a JSON object (the scenario)", root,
               "a scenario file is one object: { \"entry\": ..., \"touchpoints\": [...], \"transitions\": [...] }");
    return std::nullopt;
  }
  check_keys(root, "", scenario_keys, unsupported_top_level);
  read_top_level_scalars(root);
  read_arrivals(root);
  if (const Json* v = member(root, "sentiment")) read_sentiment_model(*v, "sentiment");
  if (const Json* v = member(root, "nps")) {
    read_rating_model(*v, "nps", scenario_.nps.noise_sd, scenario_.nps.cutpoints, nps_model_keys);
    if (v->is_object()) {
      if (const Json* not_asked = member(*v, "not_asked")) read_not_asked(*not_asked, "nps.not_asked");
    }
  }
  if (const Json* v = member(root, "csat")) {
    read_rating_model(*v, "csat", scenario_.csat.noise_sd, scenario_.csat.cutpoints, csat_model_keys);
  }
  read_touchpoints(root);
  read_stages(root);
  read_abandonment_from(root);
  read_transitions(root);
  if (const Json* v = require(root, "", "entry", "\"entry\": {\"first_touchpoint\": 1}")) {
    if (auto entry = read_entry(*v, "entry"))
      scenario_.entry = std::move(*entry);
    else
      paths_.entry_readable = false;
  } else {
    paths_.entry_readable = false;
  }
  read_segments(root);
  read_what_ifs(root);

  // Unreadable transitions point at touchpoint 0 as a placeholder: only safe when there is one.
  if (scenario_.touchpoints.empty()) return std::nullopt;
  resolve_rest(scenario_.transitions, scenario_.touchpoints.size());
  const std::size_t errors_before_checks = diagnostics_.error_count();
  check_scenario(scenario_, paths_, diagnostics_);
  // Variants are built over the base's structure: once it read whole and
  // passed its checks, their errors are reported with the file's others (a
  // bad value elsewhere does not hide them). Each is validated like a
  // scenario; one whose changes did not all read is applied up to the first
  // unread change, and not validated (it would be judged without it).
  const bool structure_sound =
      paths_.transitions_complete && paths_.entry_readable && diagnostics_.error_count() == errors_before_checks &&
      std::all_of(paths_.touchpoint_registered.begin(), paths_.touchpoint_registered.end(), [](bool b) { return b; });
  if (!structure_sound) return std::nullopt;
  if (!diagnostics_.has_errors()) warn_vocabulary(scenario_, paths_, diagnostics_);
  for (std::size_t i = 0; i < scenario_.what_if.size(); ++i) {
    if (const auto read = what_if_changes_read_[i]) {
      apply_leading_changes(scenario_, i, *read, diagnostics_);
    } else {
      apply_what_if(scenario_, i, diagnostics_);
    }
  }
  if (diagnostics_.has_errors()) return std::nullopt;
  return std::move(scenario_);
}

}  // namespace loader

using loader::ScenarioReader;

LoadResult load_scenario_document(std::shared_ptr<const JsonDocument> document) {
  LoadResult result;
  result.document = document;
  if (!document || !document->valid()) return result;
  ScenarioReader reader(*document, result.diagnostics);
  result.scenario = reader.read();
  return result;
}

LoadResult load_scenario_text(std::string text) {
  Diagnostics diagnostics;
  auto document = std::make_shared<const JsonDocument>(JsonDocument::parse(std::move(text), diagnostics));
  LoadResult result = load_scenario_document(document);
  diagnostics.append(result.diagnostics);
  result.diagnostics = std::move(diagnostics);
  if (result.diagnostics.has_errors()) result.scenario.reset();
  return result;
}

LoadResult load_scenario_file(const std::string& path) {
  LoadResult result;
  const std::optional<std::string> text = read_text_file(path, result.diagnostics);
  if (!text) return result;
  return load_scenario_text(*text);
}

const std::vector<KeyTable>& scenario_key_tables() {
  static const std::vector<KeyTable> tables = [] {
    using namespace loader;
    std::vector<KeyTable> t{{"scenario", scenario_keys},
                            {"touchpoint", touchpoint_keys},
                            {"capacity", capacity_keys},
                            {"shift", shift_keys},
                            {"arrivals", arrivals_keys},
                            {"transition", transition_keys},
                            {"observed", observed_keys},
                            {"segment", segment_keys},
                            {"segment_touchpoint", segment_touchpoint_keys},
                            {"segment_transition", segment_transition_keys},
                            {"sentiment_model", sentiment_model_keys},
                            {"segment_sentiment", segment_sentiment_keys},
                            {"nps_model", nps_model_keys},
                            {"csat_model", csat_model_keys},
                            {"what_if", what_if_keys},
                            {"what_if_change", what_if_change_keys}};
    for (const DistributionSpec& spec : distribution_specs) t.push_back({spec.table, spec.keys});
    return t;
  }();
  return tables;
}

}  // namespace journeysim
