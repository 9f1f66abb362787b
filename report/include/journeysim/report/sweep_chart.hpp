// A sweep's KPI curves as one standalone SVG file (`journeysim sweep ...
// --out curve.svg`, DESIGN section 14): a panel per KPI, the KPI at each
// swept value with its 95% band, and the baseline as a dashed line. The
// file carries its own style, so it opens alone in a browser or slides into
// a document.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "journeysim/graph/scenario.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/statistics.hpp"

namespace journeysim::report {

struct SweepPanel {
  std::string kpi;               // its name (kpi::*): labels and units come from sim/'s KPI text
  std::vector<Estimate> values;  // at each swept value, in order
  std::optional<Estimate> baseline;
};

// A panel's y axis: from a round tick below every value, interval and the
// baseline to one above (a flat curve gets a band around it), and how many
// values can be plotted. The SVG file and the viewer's chart share it.
struct SweepAxis {
  double lo = 0.0, hi = 1.0, step = 0.1;
  std::size_t finite = 0;  // fewer than two: no line to draw
};
SweepAxis sweep_axis(const SweepPanel& panel);

struct SweepCurves {
  std::string title;                // "Online store: sweep of transitions.checkout->payment.p"
  std::string parameter;            // the swept address, for the axis
  std::vector<std::string> labels;  // the swept values, as written
  std::vector<SweepPanel> panels;
};

// A finished sweep's curves (compare_sweep's report): each KPI of `kpis` at
// each point (undefined points as NaN, left out of the line), the
// baseline's beside, titled "SCENARIO: sweep of PATH".
SweepCurves make_sweep_curves(const Scenario& scenario, const SweepSpec& spec, const ComparisonReport& report,
                              const std::vector<std::string>& kpis);

// An SVG document (with its XML declaration); every panel with fewer than
// two finite values reads "no figure to plot" instead of a line.
std::string sweep_curves_svg(const SweepCurves& curves);

}  // namespace journeysim::report
