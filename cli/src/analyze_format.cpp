// The exact analysis as JSON, CSV and a table. Undefined attribution (the
// goal never reached) is null in JSON, empty in CSV and "-" in the table,
// never a misleading 0.
#include "analyze_format.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* any_ending = "any";

std::string ending_list_name(const LikelyPathList& list) { return list.outcome_kind.empty() ? any_ending : list.outcome_kind; }

bool goal_reached(const Attribution& a) { return a.goal_probability > 0.0; }

// The segment a one-segment analysis was restricted to, when the scenario has several.
const SegmentAnalysis* restricted_segment(const Scenario& structure, const ExactAnalysis& analysis) {
  if (structure.segments.size() > 1 && analysis.segments.size() == 1) return &analysis.segments.front();
  return nullptr;
}

bool has_named_segments(const ExactAnalysis& analysis) {
  for (const SegmentAnalysis& s : analysis.segments) {
    if (!s.segment_id.empty()) return true;
  }
  return false;
}

std::string path_text(const Scenario& structure, const LikelyPath& path, const char* separator) {
  std::string text;
  for (std::size_t k = 0; k < path.touchpoints.size(); ++k) {
    text += (k == 0 ? "" : separator) + structure.touchpoints[path.touchpoints[k]].id;
  }
  return text;
}

// --- JSON ---

Json touch_shares_json(const Scenario& structure, const Attribution& a, const std::vector<double>& shares) {
  Json out = Json::object();
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
    // Terminals appear only when customers enter straight at them.
    if (structure.touchpoints[i].terminal() && shares[i] == 0.0) continue;
    out[structure.touchpoints[i].id] = goal_reached(a) ? Json(shares[i]) : Json(nullptr);
  }
  return out;
}

// The figures shared by the whole analysis and each segment.
void figures_json(Json& out, const Scenario& structure, const ChainFigures& f, const Attribution& a) {
  Json outcomes = Json::object();
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
    if (structure.touchpoints[i].terminal()) outcomes[structure.touchpoints[i].id] = f.outcome_probability[i];
  }
  out["outcomes"] = outcomes;
  out["expected_steps"] = f.expected_steps;
  out["expected_hours"] = f.expected_seconds / seconds_per_hour;
  Json touchpoints = Json::object();
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
    touchpoints[structure.touchpoints[i].id] = Json{{"expected_visits", f.expected_visits[i]}};
  }
  out["touchpoints"] = touchpoints;
  out["goal"] = Json{{"outcome_kind", a.goal}, {"probability", a.goal_probability}};
  const auto figure = [&](double x) { return goal_reached(a) ? Json(x) : Json(nullptr); };
  Json attribution = Json::object();
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
    if (structure.touchpoints[i].terminal()) continue;
    attribution[structure.touchpoints[i].id] =
        Json{{"removal_effect", figure(a.removal_effect[i])}, {"share", figure(a.removal_share[i])}};
  }
  out["attribution"] = attribution;
  Json channels = Json::object();
  for (std::size_t c = 0; c < a.channels.size(); ++c) {
    channels[a.channels[c]] =
        Json{{"removal_effect", figure(a.channel_removal_effect[c])}, {"share", figure(a.channel_share[c])}};
  }
  out["channels"] = channels;
  out["first_touch"] = touch_shares_json(structure, a, a.first_touch);
  out["last_touch"] = touch_shares_json(structure, a, a.last_touch);
}

Json likely_paths_json(const Scenario& structure, const SegmentAnalysis& segment) {
  Json by_ending = Json::object();
  for (const LikelyPathList& list : segment.likely_paths.lists) {
    Json paths = Json::array();
    for (const LikelyPath& path : list.paths) {
      Json ids = Json::array();
      for (std::size_t t : path.touchpoints) ids.push_back(structure.touchpoints[t].id);
      paths.push_back(Json{{"path", ids}, {"probability", path.probability}});
    }
    by_ending[ending_list_name(list)] = paths;
  }
  return Json{{"segment", segment.segment_id.empty() ? Json(nullptr) : Json(segment.segment_id)},
              {"share", segment.share},
              {"complete", segment.likely_paths.complete},
              {"by_ending", by_ending}};
}

// --- table helpers ---

std::string fixed(double x, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
  return buffer;
}

std::string percent(double share) { return std::isfinite(share) ? fixed(100.0 * share, 2) + "%" : "-"; }

std::string pad(std::string text, std::size_t width) {
  std::size_t shown = 0;  // characters, not bytes
  for (unsigned char c : text) shown += (c & 0xC0) != 0x80 ? 1 : 0;
  if (shown < width) text.append(width - shown, ' ');
  return text;
}

std::string rpad(const std::string& text, std::size_t width) {
  return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (std::size_t k = 0; k < words.size(); ++k) {
    text += (k == 0 ? "" : (k + 1 == words.size() ? " and " : ", ")) + words[k];
  }
  return text;
}

}  // namespace

Json analysis_json(const Scenario& structure, const ExactAnalysis& analysis, std::string_view what_if) {
  Json out = Json::object();
  out["scenario"] = structure.name;
  if (!what_if.empty()) out["what_if"] = std::string(what_if);
  if (const SegmentAnalysis* only = restricted_segment(structure, analysis)) out["segment"] = only->segment_id;
  out["approximate"] = analysis.approximate;
  out["approximations"] = analysis.approximations;
  figures_json(out, structure, analysis.mixed, analysis.attribution);
  Json likely = Json::array();
  for (const SegmentAnalysis& segment : analysis.segments) likely.push_back(likely_paths_json(structure, segment));
  out["likely_paths"] = likely;
  Json segments = Json::object();
  if (has_named_segments(analysis)) {
    for (const SegmentAnalysis& segment : analysis.segments) {
      Json one = Json::object();
      one["share"] = segment.share;
      figures_json(one, structure, segment.figures, segment.attribution);
      segments[segment.segment_id] = one;
    }
  }
  out["segments"] = segments;
  return out;
}

std::string analysis_csv(const Scenario& structure, const ExactAnalysis& analysis) {
  std::ostringstream out;
  out << "section,key,metric,value,ci95_lo,ci95_hi\n";
  const auto field = [](const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  };
  const auto row = [&](const std::string& section, const std::string& key, const std::string& metric, double value) {
    out << field(section) << ',' << field(key) << ',' << field(metric) << ',' << csv_number(value) << ",,\n";
  };
  const auto tp = [&](std::size_t i) -> const std::string& { return structure.touchpoints[i].id; };
  const double undefined = std::nan("");

  row("summary", "approximate", "value", analysis.approximate ? 1.0 : 0.0);
  const ChainFigures& f = analysis.mixed;
  const Attribution& a = analysis.attribution;
  row("summary", "expected_steps", "value", f.expected_steps);
  row("summary", "expected_hours", "value", f.expected_seconds / seconds_per_hour);
  row("goal", a.goal, "probability", a.goal_probability);
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
    if (structure.touchpoints[i].terminal()) row("outcomes", tp(i), "probability", f.outcome_probability[i]);
  }
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) row("touchpoints", tp(i), "expected_visits", f.expected_visits[i]);
  const auto credit = [&](double x) { return goal_reached(a) ? x : undefined; };
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
    const bool terminal = structure.touchpoints[i].terminal();
    if (!terminal) {
      row("attribution", tp(i), "removal_effect", credit(a.removal_effect[i]));
      row("attribution", tp(i), "share", credit(a.removal_share[i]));
    }
    if (!terminal || a.first_touch[i] != 0.0) row("attribution", tp(i), "first_touch", credit(a.first_touch[i]));
    if (!terminal || a.last_touch[i] != 0.0) row("attribution", tp(i), "last_touch", credit(a.last_touch[i]));
  }
  for (std::size_t c = 0; c < a.channels.size(); ++c) {
    row("channels", a.channels[c], "removal_effect", credit(a.channel_removal_effect[c]));
    row("channels", a.channels[c], "share", credit(a.channel_share[c]));
  }
  for (const SegmentAnalysis& segment : analysis.segments) {
    const std::string section =
        segment.segment_id.empty() ? std::string("likely_paths") : "likely_paths." + segment.segment_id;
    for (const LikelyPathList& list : segment.likely_paths.lists) {
      for (const LikelyPath& path : list.paths) {
        row(section + "." + ending_list_name(list), path_text(structure, path, ">"), "probability", path.probability);
      }
    }
  }
  if (has_named_segments(analysis)) {
    for (const SegmentAnalysis& segment : analysis.segments) {
      const std::string& id = segment.segment_id;
      const ChainFigures& sf = segment.figures;
      const Attribution& sa = segment.attribution;
      row("segments", id, "share", segment.share);
      row("segments", id, "expected_steps", sf.expected_steps);
      row("segments", id, "expected_hours", sf.expected_seconds / seconds_per_hour);
      row("segments", id, "goal_probability", sa.goal_probability);
      for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
        if (structure.touchpoints[i].terminal()) row("segments", id, "outcome." + tp(i), sf.outcome_probability[i]);
      }
      for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
        row("segments", id, "expected_visits." + tp(i), sf.expected_visits[i]);
      }
      for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
        if (structure.touchpoints[i].terminal()) continue;
        row("segments", id, "removal_effect." + tp(i), goal_reached(sa) ? sa.removal_effect[i] : undefined);
      }
    }
  }
  return out.str();
}

std::string analysis_table(const Scenario& structure, const ExactAnalysis& analysis, std::string_view what_if) {
  std::ostringstream out;
  const ChainFigures& f = analysis.mixed;
  const Attribution& a = analysis.attribution;
  out << (structure.name.empty() ? std::string("Scenario") : structure.name);
  if (!what_if.empty()) out << ", what-if \"" << what_if << '"';
  if (const SegmentAnalysis* only = restricted_segment(structure, analysis)) out << ", segment " << only->segment_id << " only";
  out << ": exact analysis of the absorbing Markov chain\n";
  if (analysis.approximate) {
    // Say what the chain leaves out, in the words of the approximations listed.
    std::vector<std::string> simplifications;
    for (const std::string& why : analysis.approximations) {
      simplifications.push_back(why == "a horizon" ? "ignore the horizon" : "take every sentiment weight as 0");
    }
    out << "APPROXIMATE: the scenario has " << joined(analysis.approximations) << "; these figures "
        << joined(simplifications) << ".\nThey describe the plain Markov chain; `journeysim run` simulates the "
        << "scenario itself.\n";
  }

  out << "\n" << pad("Endings", 38) << rpad("probability", 12) << '\n';
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
    const Touchpoint& t = structure.touchpoints[i];
    if (!t.terminal()) continue;
    out << "  " << pad(t.id + (t.outcome != t.id ? " (" + t.outcome + ")" : ""), 36) << rpad(percent(f.outcome_probability[i]), 12)
        << '\n';
  }
  out << "  " << pad("expected steps per customer", 36) << rpad(fixed(f.expected_steps, 2), 12) << '\n';
  const double hours = f.expected_seconds / seconds_per_hour;
  out << "  " << pad("expected journey time (h)", 36) << rpad(fixed(hours, hours < 10 ? 2 : 1), 12) << '\n';

  const bool credited = goal_reached(a);
  const auto credit = [&](double x) { return credited ? percent(x) : std::string("-"); };
  out << "\nAttribution of \"" << a.goal << "\" (P = " << percent(a.goal_probability) << ")";
  if (!credited) out << ": never reached, so nothing to attribute";
  out << "\n" << pad("Touchpoint", 26) << rpad("visits", 9) << rpad("removal", 10) << rpad("share", 9)
      << rpad("first", 9) << rpad("last", 9) << "\n" << pad("", 26) << rpad("(mean)", 9) << rpad("effect", 10)
      << rpad("", 9) << rpad("touch", 9) << rpad("touch", 9) << '\n';
  for (std::size_t i = 0; i < structure.touchpoints.size(); ++i) {
    const Touchpoint& t = structure.touchpoints[i];
    if (t.terminal()) continue;
    out << "  " << pad(t.id, 24) << rpad(fixed(f.expected_visits[i], 3), 9) << rpad(credit(a.removal_effect[i]), 10)
        << rpad(credit(a.removal_share[i]), 9) << rpad(credit(a.first_touch[i]), 9) << rpad(credit(a.last_touch[i]), 9)
        << '\n';
  }
  if (!a.channels.empty()) {
    out << "\n" << pad("Channel", 26) << rpad("", 9) << rpad("removal", 10) << rpad("share", 9) << '\n';
    for (std::size_t c = 0; c < a.channels.size(); ++c) {
      out << "  " << pad(a.channels[c], 24) << rpad("", 9) << rpad(credit(a.channel_removal_effect[c]), 10)
          << rpad(credit(a.channel_share[c]), 9) << '\n';
    }
  }
  out << "Removal effect: the share of conversions lost if the touchpoint (or channel) were taken away and its\n"
         "visitors went nowhere. Shares rescale removal effects to sum to 100%.\n";

  for (const SegmentAnalysis& segment : analysis.segments) {
    out << "\nMost likely journeys";
    if (!segment.segment_id.empty()) out << ", segment " << segment.segment_id << " (" << percent(segment.share) << ")";
    if (!segment.likely_paths.complete) out << " (search budget reached: lists may be short)";
    out << '\n';
    for (const LikelyPathList& list : segment.likely_paths.lists) {
      if (list.paths.empty()) continue;
      out << "  " << (list.outcome_kind.empty() ? std::string("any ending") : "ending " + list.outcome_kind) << '\n';
      for (const LikelyPath& path : list.paths) {
        out << "    " << rpad(percent(path.probability), 7) << "  " << path_text(structure, path, " > ") << '\n';
      }
    }
  }

  if (has_named_segments(analysis) && analysis.segments.size() > 1) {
    out << "\n" << pad("Segment", 26) << rpad("share", 9) << rpad(a.goal, 12) << rpad("steps", 9) << rpad("hours", 9)
        << '\n';
    for (const SegmentAnalysis& segment : analysis.segments) {
      const double h = segment.figures.expected_seconds / seconds_per_hour;
      out << "  " << pad(segment.segment_id, 24) << rpad(percent(segment.share), 9)
          << rpad(percent(segment.attribution.goal_probability), 12) << rpad(fixed(segment.figures.expected_steps, 2), 9)
          << rpad(fixed(h, h < 10 ? 2 : 1), 9) << '\n';
    }
  }
  out << "\nExact figures of the chain: no simulation noise, so no intervals.\n";
  return out.str();
}

std::string format_analysis(const Scenario& structure, const ExactAnalysis& analysis, Format format,
                            std::string_view what_if) {
  switch (format) {
    case Format::json: return analysis_json(structure, analysis, what_if).dump(2) + "\n";
    case Format::csv: return analysis_csv(structure, analysis);
    case Format::table: return analysis_table(structure, analysis, what_if);
  }
  return {};
}

}  // namespace journeysim::cli
