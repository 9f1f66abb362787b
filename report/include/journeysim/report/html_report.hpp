// `journeysim report`: one self-contained HTML page a strategist can mail to
// a director: the journey map, the headline KPIs with their intervals, the
// funnel, retention, the most common paths, every what-if's paired changes
// ranked by return on cost, and what to fix first. Inline SVG and CSS only: no script, font
// or image is fetched from anywhere, and the page prints legibly on A4.
#pragma once

#include <string>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/fix_first.hpp"

namespace journeysim::report {

struct ReportInput {
  const Scenario& scenario;
  std::string source;                          // the scenario file's name, as the user gave it
  const ComparisonReport& comparison;          // the baseline run and the what-ifs to show (possibly none)
  const FixFirstRanking* fix_first = nullptr;  // "what to fix first": its ten best levers (none: no section)
  std::string fix_first_note;                  // without a ranking: why not, said where it would be (empty: nothing)
};

// The whole page, as well-formed XHTML5 (an XML parser accepts it). Every
// figure is written through sim/'s KPI text, as the command line writes it,
// and carries its exact value in a data- attribute for machines and tests.
std::string render_html_report(const ReportInput& input);

}  // namespace journeysim::report
