// What one KPI card of the Figures tab says, as text: the value and its
// interval, the base it rests on ("of 23,410 customers who converted") or,
// for a KPI that is undefined, "-" and why, and after a paired run the
// change. The Figures tab draws these; the tests read them.
#pragma once

#include <string>

#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "journeysim/sim/report.hpp"

namespace journeysim::viewer {

struct KpiCard {
  std::string value;                  // "2.30%", "25.9 days"; "-" when undefined (never a 0 that reads as measured)
  std::string interval;               // "[2.20%, 2.39%]"; empty when undefined
  std::string note;                   // the base: "of 23,410 customers who converted"; when undefined, the reason
  std::string tooltip;                // the value with its interval and base, or "- (no churned ending)"
  const KpiChange* change = nullptr;  // the paired change when there is one and it is defined
  std::string change_text;            // "+0.60 pp [0.52, 0.68]"
  TimeUnit unit{};                    // the unit a duration reads in, chosen by its value
};

// The card of `k`; `change` is its paired change after a paired run, or null.
KpiCard kpi_card(const Kpi& k, const KpiChange* change);

}  // namespace journeysim::viewer
