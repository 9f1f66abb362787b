// A sweep's KPI curves as one standalone SVG file (`journeysim sweep ...
// --out curve.svg`, DESIGN section 14): a panel per KPI, the KPI at each
// swept value with its 95% band, and the baseline as a dashed line. The
// file carries its own style, so it opens alone in a browser or slides into
// a document.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "journeysim/sim/statistics.hpp"

namespace journeysim::report {

struct SweepPanel {
  std::string kpi;               // its name (kpi::*): labels and units come from sim/'s KPI text
  std::vector<Estimate> values;  // at each swept value, in order
  std::optional<Estimate> baseline;
};

struct SweepCurves {
  std::string title;                // "Online store: sweep of transitions.checkout->payment.p"
  std::string parameter;            // the swept address, for the axis
  std::vector<std::string> labels;  // the swept values, as written
  std::vector<SweepPanel> panels;
};

// An SVG document (with its XML declaration); every panel with fewer than
// two finite values reads "no figure to plot" instead of a line.
std::string sweep_curves_svg(const SweepCurves& curves);

}  // namespace journeysim::report
