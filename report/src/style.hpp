// The report's style sheet: one inline <style>, for screens from a phone
// (390 px) up and for A4 print. Internal to report/.
#pragma once

namespace journeysim::report {

inline constexpr const char* report_css = R"css(
:root { --ink: #1d2733; --muted: #5b6775; --line: #d5dbe2; --soft: #f3f5f8; --accent: #2c7fb8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 8px; }
h2 { font-size: 20px; margin: 0 0 6px; padding-top: 8px; border-top: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 18px 0 4px; }
p { margin: 6px 0; }
section { margin: 28px 0; }
.lead { color: var(--muted); }
.settings { font-size: 13px; color: var(--muted); }
.note { font-size: 13px; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin-top: 10px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--soft); }
.card .name { font-size: 13px; color: var(--muted); }
.card .value { font-size: 22px; font-weight: 600; }
.card .interval, .card .base { font-size: 12px; color: var(--muted); }
.card.undefined .value { color: var(--muted); }
figure { margin: 10px 0; }
figure svg { display: block; width: 100%; height: auto; }
figure svg.chart { max-width: 720px; }
.scroll { overflow-x: auto; }
.scroll svg.journey-map { min-width: 760px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; margin: 6px 0; padding: 0; list-style: none; }
.legend li { flex: 0 0 auto; white-space: nowrap; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 5px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: var(--soft); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.path { overflow-wrap: anywhere; }
tr.group td { font-weight: 600; padding-top: 12px; }
table.funnel td.bar-cell, table.funnel th.bar-cell { width: 55%; }
table.funnel .bar { height: 14px; background: var(--accent); border-radius: 3px; margin: 3px 0 1px; min-width: 1px; }
svg.chart text { font-size: 15px; }
.verdict { font-weight: 600; }
.verdict.good { color: #2e7d32; }
.verdict.bad { color: #b23b2e; }
.verdict.unsure { color: #8a6d00; }
.sig { color: var(--accent); font-weight: 700; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .lane { fill: var(--soft); stroke: var(--line); }
svg .lane-title { text-anchor: middle; font-weight: 600; fill: var(--muted); }
svg .node text { text-anchor: middle; font-weight: 600; font-size: 11.5px; }
svg .node rect { stroke: rgba(0,0,0,0.25); }
svg rect.queue-tag { fill: #fff; stroke: #282d3c; stroke-width: 1.2; }
svg .node text.queue-tag { font-size: 9.5px; font-weight: 600; fill: #282d3c; }
svg .flow { fill: none; stroke-opacity: 0.45; stroke-linecap: round; }
svg .label-end { text-anchor: end; }
svg .label-start { text-anchor: start; fill: var(--muted); }
svg .label-mid { text-anchor: middle; fill: var(--muted); }
svg .grid { stroke: var(--line); }
svg .band { fill: var(--accent); fill-opacity: 0.18; }
svg .agents { fill: #c8ccd6; }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
svg .dot { fill: var(--accent); }
svg .zero { stroke: var(--muted); stroke-dasharray: 4 3; }
@media (max-width: 600px) {
  main { padding: 16px 12px 32px; }
  h1 { font-size: 23px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .card .value { font-size: 19px; }
  table { font-size: 12.5px; }
  th, td { padding: 4px 5px; }
  .wide { display: none; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section { margin: 0; }
  section + section { break-before: page; }
  h2, h3 { break-after: avoid; }
  table, figure, .card, tr { break-inside: avoid; }
  .scroll { overflow: visible; }
  .scroll svg.journey-map { min-width: 0; }
  .cards { grid-template-columns: repeat(4, 1fr); }
  .wide { display: table-cell; }
}
)css";

}  // namespace journeysim::report
