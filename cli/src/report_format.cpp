// Report writers: JSON and CSV for programs, a table for people.
#include "report_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "journeysim/graph/text.hpp"
#include "journeysim/sim/kpi_text.hpp"

namespace journeysim::cli {

namespace {

using Json = nlohmann::ordered_json;

// NaN (an undefined figure) becomes null.
Json number(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

Json estimate_json(const Estimate& e) {
  Json out = Json::object();
  out["value"] = number(e.value);
  out["ci95"] = std::isfinite(e.ci95.lo) ? Json::array({e.ci95.lo, e.ci95.hi}) : Json(nullptr);
  return out;
}

// {value, ci95} (null when undefined, with the reason), and what the KPI is a share or mean of.
Json kpis_json(const std::vector<Kpi>& kpis) {
  Json out = Json::object();
  for (const Kpi& k : kpis) {
    Json entry = estimate_json(k.estimate);
    entry["base"] = k.base;
    entry["base_count"] = k.sample_size;
    if (!k.defined) entry["undefined"] = k.undefined_reason;
    out[k.name] = entry;
  }
  return out;
}

Json counts_json(const std::vector<std::pair<std::string, std::uint64_t>>& counts) {
  Json out = Json::object();
  for (const auto& [id, n] : counts) out[id] = n;
  return out;
}

// --- text helpers for the table ---

std::string percent(double share) { return percent_text(share); }
std::string grouped(std::uint64_t n) { return grouped_count(n); }

std::string pad(std::string text, std::size_t width) {
  // Count characters, not bytes, so names with accents line up.
  std::size_t shown = 0;
  for (unsigned char c : text) shown += (c & 0xC0) != 0x80 ? 1 : 0;
  if (shown < width) text.append(width - shown, ' ');
  return text;
}

std::string rpad(const std::string& text, std::size_t width) {
  return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

}  // namespace

Json report_json(const RunReport& report) {
  Json out = Json::object();
  out["scenario"] = report.scenario;
  out["customers"] = report.customers;
  out["seed"] = report.seed;
  if (report.segment) out["segment"] = *report.segment;
  Json outcomes = Json::object();
  for (const OutcomeFigures& o : report.outcomes) {
    Json f = estimate_json(o.share);
    outcomes[o.id] = Json{{"kind", o.kind}, {"count", o.count}, {"share", f["value"]}, {"ci95", f["ci95"]}};
  }
  out["outcomes"] = outcomes;
  out["kpis"] = kpis_json(report.kpis);
  Json touchpoints = Json::object();
  for (const TouchpointFigures& t : report.touchpoints) {
    Json f = Json::object();
    f["visits"] = t.visits;
    f["visitors"] = t.visitors;
    f["reach"] = estimate_json(t.reach);
    if (!t.terminal) {
      f["csat"] = t.rated ? estimate_json(t.csat) : Json(nullptr);
      f["ces"] = t.rated ? estimate_json(t.ces) : Json(nullptr);
      f["dropoff"] = estimate_json(t.dropoff);
      f["sentiment"] = estimate_json(t.sentiment);
    }
    touchpoints[t.id] = f;
  }
  out["touchpoints"] = touchpoints;
  Json transitions = Json::object();
  for (const TransitionFigures& t : report.transitions) {
    transitions[t.label] = Json{{"flow", t.traversals}, {"by_ending", counts_json(t.by_ending)}};
  }
  out["transitions"] = transitions;
  Json segments = Json::object();
  for (const SegmentFigures& s : report.segments) {
    segments[s.id] = Json{{"customers", s.customers}, {"kpis", kpis_json(s.kpis)}};
  }
  out["segments"] = segments;
  Json funnel = Json::array();
  for (const StageFigures& s : report.funnel) {
    Json share = estimate_json(s.share);
    funnel.push_back(Json{{"stage", s.stage}, {"reached", s.reached}, {"share", share["value"]},
                          {"ci95", share["ci95"]}, {"dropoff", estimate_json(s.dropoff)},
                          {"sentiment", estimate_json(s.sentiment)}});
  }
  out["funnel"] = funnel;
  if (!report.retention.empty()) {
    Json retention = Json::array();
    for (const RetentionPoint& p : report.retention) {
      Json share = estimate_json(p.travelling);
      retention.push_back(Json{{"hours", p.hours}, {"travelling", share["value"]}, {"ci95", share["ci95"]}});
    }
    out["retention"] = retention;
  }
  Json paths = Json::array();
  for (const PathFigures& p : report.paths) {
    paths.push_back(Json{{"path", p.path}, {"count", p.count}, {"endings", counts_json(p.endings)}});
  }
  out["paths"] = paths;
  out["paths_summary"] = Json{{"distinct", report.distinct_paths},
                              {"exact", report.untracked_path_customers == 0},
                              {"untracked_customers", report.untracked_path_customers}};
  return out;
}

std::string report_csv(const RunReport& report) {
  std::ostringstream out;
  out << "section,key,metric,value,ci95_lo,ci95_hi\n";
  const auto field = [](const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted_text = "\"";
    for (char c : text) quoted_text += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted_text + "\"";
  };
  const auto value = [](double x) { return std::isfinite(x) ? format_number(x, 17) : std::string(); };
  const auto row = [&](const std::string& section, const std::string& key, const std::string& metric,
                       const Estimate* e, double plain = std::nan("")) {
    out << field(section) << ',' << field(key) << ',' << metric << ',';
    if (e) {
      out << value(e->value) << ',' << value(e->ci95.lo) << ',' << value(e->ci95.hi) << '\n';
    } else {
      out << value(plain) << ",,\n";
    }
  };
  const auto text_row = [&](const std::string& section, const std::string& key, const std::string& metric,
                            const std::string& text) {
    out << field(section) << ',' << field(key) << ',' << metric << ',' << field(text) << ",,\n";
  };
  // A KPI's value (empty when undefined), its base and count, and why it is undefined.
  const auto kpi_rows = [&](const std::string& section, const std::string& key, const Kpi& k, bool prefix) {
    const std::string name = prefix ? k.name + "." : std::string();
    row(section, key, prefix ? k.name : "value", &k.estimate);
    text_row(section, key, name + "base", k.base);
    row(section, key, name + "base_count", nullptr, static_cast<double>(k.sample_size));
    if (!k.defined) text_row(section, key, name + "undefined", k.undefined_reason);
  };
  for (const OutcomeFigures& o : report.outcomes) {
    row("outcomes", o.id, "count", nullptr, static_cast<double>(o.count));
    row("outcomes", o.id, "share", &o.share);
  }
  for (const Kpi& k : report.kpis) kpi_rows("kpis", k.name, k, false);
  for (const TouchpointFigures& t : report.touchpoints) {
    row("touchpoints", t.id, "visits", nullptr, static_cast<double>(t.visits));
    row("touchpoints", t.id, "visitors", nullptr, static_cast<double>(t.visitors));
    row("touchpoints", t.id, "reach", &t.reach);
    if (t.rated) {
      row("touchpoints", t.id, "csat", &t.csat);
      row("touchpoints", t.id, "ces", &t.ces);
    }
    if (!t.terminal) {
      row("touchpoints", t.id, "dropoff", &t.dropoff);
      row("touchpoints", t.id, "sentiment", &t.sentiment);
    }
  }
  for (const TransitionFigures& t : report.transitions) {
    row("transitions", t.label, "flow", nullptr, static_cast<double>(t.traversals));
    for (const auto& [ending, n] : t.by_ending) row("transitions", t.label, "flow_to_" + ending, nullptr, static_cast<double>(n));
  }
  for (const SegmentFigures& s : report.segments) {
    row("segments", s.id, "customers", nullptr, static_cast<double>(s.customers));
    for (const Kpi& k : s.kpis) kpi_rows("segments", s.id, k, true);
  }
  for (const StageFigures& s : report.funnel) {
    row("funnel", s.stage, "reached", nullptr, static_cast<double>(s.reached));
    row("funnel", s.stage, "share", &s.share);
    row("funnel", s.stage, "dropoff", &s.dropoff);
    row("funnel", s.stage, "sentiment", &s.sentiment);
  }
  for (const RetentionPoint& p : report.retention) row("retention", format_number(p.hours), "travelling", &p.travelling);
  for (std::size_t i = 0; i < report.paths.size(); ++i) {
    std::string path;
    for (const std::string& id : report.paths[i].path) path += (path.empty() ? "" : ">") + id;
    row("paths", path.empty() ? "(none)" : path, "count", nullptr, static_cast<double>(report.paths[i].count));
  }
  return out.str();
}

std::string report_table(const RunReport& report) {
  std::ostringstream out;
  out << (report.scenario.empty() ? std::string("Scenario") : report.scenario) << ": " << grouped(report.customers)
      << " customers, seed " << report.seed;
  if (report.segment) out << ", segment " << *report.segment << " only";
  out << "\n\n";

  out << pad("Headline KPIs", 38) << rpad("value", 10) << "   " << pad("95% interval", 22) << "share or mean of\n";
  for (const KpiPresentation& style : kpi_presentations()) {
    const Kpi* k = report.find_kpi(style.name);
    if (!k) continue;
    out << "  " << pad(style.label, 36);
    if (!k->defined) {
      out << rpad("-", 10) << "   (" << k->undefined_reason << ")\n";
      continue;
    }
    out << rpad(kpi_value_text(k->name, k->estimate.value), 10) << "   "
        << pad(kpi_interval_text(k->name, k->estimate), 22) << kpi_base_text(*k) << '\n';
  }

  out << "\n" << pad("Endings", 38) << rpad("customers", 10) << rpad("share", 9) << "   95% interval\n";
  for (const OutcomeFigures& o : report.outcomes) {
    out << "  " << pad(o.id + (o.kind != o.id ? " (" + o.kind + ")" : ""), 36) << rpad(grouped(o.count), 10)
        << rpad(percent(o.share.value), 9) << "   " << share_interval_text(o.share) << '\n';
  }
  if (report.unfinished > 0) {
    out << "  WARNING: " << grouped(report.unfinished)
        << " customers reached max_steps without an ending; raise \"max_steps\" or check for loops\n";
  }

  if (!report.funnel.empty()) {
    out << "\n" << pad("Funnel by stage", 38) << rpad("reached", 10) << rpad("share", 9) << rpad("drop-off", 10)
        << rpad("sentiment", 11) << "   95% interval (on leaving the stage)\n";
    for (std::size_t i = 0; i < report.funnel.size(); ++i) {
      const StageFigures& s = report.funnel[i];
      out << "  " << pad(s.stage, 36) << rpad(grouped(s.reached), 10) << rpad(percent(s.share.value), 9)
          << rpad(i == 0 ? std::string("") : percent(s.dropoff.value), 10)
          << rpad(kpi_value_text(kpi::sentiment_final, s.sentiment.value), 11) << "   "
          << kpi_interval_text(kpi::sentiment_final, s.sentiment) << '\n';
    }
  }

  std::vector<const TouchpointFigures*> rated;
  std::vector<const TouchpointFigures*> visited;
  for (const TouchpointFigures& t : report.touchpoints) {
    if (t.rated) rated.push_back(&t);
    if (!t.terminal && t.visitors > 0) visited.push_back(&t);
  }
  constexpr std::size_t worst = 5;
  if (!rated.empty()) {
    std::stable_sort(rated.begin(), rated.end(), [](auto* a, auto* b) { return a->csat.value < b->csat.value; });
    out << "\n" << pad("Lowest CSAT", 38) << rpad("CSAT", 10) << "   95% interval\n";
    for (std::size_t i = 0; i < rated.size() && i < worst; ++i) {
      out << "  " << pad(rated[i]->id, 36) << rpad(percent(rated[i]->csat.value), 10) << "   "
          << share_interval_text(rated[i]->csat) << '\n';
    }
  }
  if (!visited.empty()) {
    std::stable_sort(visited.begin(), visited.end(),
                     [](auto* a, auto* b) { return a->dropoff.value > b->dropoff.value; });
    out << "\n" << pad("Highest drop-off (journey ends here)", 38) << rpad("drop-off", 10) << rpad("visitors", 12)
        << '\n';
    for (std::size_t i = 0; i < visited.size() && i < worst; ++i) {
      out << "  " << pad(visited[i]->id, 36) << rpad(percent(visited[i]->dropoff.value), 10)
          << rpad(grouped(visited[i]->visitors), 12) << '\n';
    }
  }

  if (!report.paths.empty()) {
    out << "\nMost common paths (" << grouped(report.distinct_paths) << " distinct"
        << (report.untracked_path_customers == 0 ? ", counts exact" : ", counts exact for the listed paths") << ")\n";
    constexpr std::size_t listed = 10;
    for (std::size_t i = 0; i < report.paths.size() && i < listed; ++i) {
      const PathFigures& p = report.paths[i];
      std::string path;
      for (const std::string& id : p.path) path += (path.empty() ? "" : " > ") + id;
      std::string endings;
      for (const auto& [id, n] : p.endings) {
        endings += (endings.empty() ? "" : ", ") + id + " " + percent(static_cast<double>(n) / p.count);
      }
      out << "  " << rpad(percent(static_cast<double>(p.count) / report.customers), 7) << "  " << path << "  -> "
          << endings << '\n';
    }
  }

  out << "\nIntervals are 95% confidence intervals for simulation noise only: they shrink with more customers\n"
         "and say nothing about uncertainty in the scenario's own figures.\n";
  return out.str();
}

namespace {

Json change_json(const KpiChange& c) {
  Json out = estimate_json(c.change);  // null when undefined on either side
  out["significant"] = c.significant();
  return out;
}

Json kpi_changes_json(const std::vector<KpiChange>& changes) {
  Json out = Json::object();
  for (const KpiChange& c : changes) out[c.name] = change_json(c);
  return out;
}

}  // namespace

Json estimate_to_json(const Estimate& estimate) { return estimate_json(estimate); }
std::string csv_number(double value) { return std::isfinite(value) ? format_number(value, 17) : std::string(); }

Json comparison_json(const ComparisonReport& report) {
  Json out = Json::object();
  out["baseline"] = report_json(report.baseline);
  Json variants = Json::array();
  for (const VariantComparison& v : report.variants) {
    Json delta = Json::object();
    delta["kpis"] = kpi_changes_json(v.kpis);
    Json outcomes = Json::object();
    for (const auto& [id, e] : v.outcomes) outcomes[id] = estimate_json(e);
    delta["outcomes"] = outcomes;
    Json segments = Json::object();
    for (const auto& [id, changes] : v.segments) segments[id] = Json{{"kpis", kpi_changes_json(changes)}};
    delta["segments"] = segments;
    Json entry = Json{{"name", v.name}, {"report", report_json(v.report)}, {"delta", delta}};
    if (v.return_on_cost) {
      const ReturnOnCost& r = *v.return_on_cost;
      entry["return_on_cost"] = Json{{"cost", r.cost},
                                     {"customers", r.customers},
                                     {"revenue_change", estimate_json(r.revenue_change)},
                                     {"net_return", estimate_json(r.net_return)}};
    }
    variants.push_back(entry);
  }
  out["variants"] = variants;
  return out;
}

std::string comparison_csv(const ComparisonReport& report) {
  std::string out = report_csv(report.baseline);
  std::ostringstream rows;
  const auto value = [](double x) { return std::isfinite(x) ? format_number(x, 17) : std::string(); };
  const auto row = [&](const std::string& section, const std::string& key, const std::string& metric, const Estimate& e) {
    rows << section << ',' << key << ',' << metric << ',' << value(e.value) << ',' << value(e.ci95.lo) << ','
         << value(e.ci95.hi) << '\n';
  };
  for (const VariantComparison& v : report.variants) {
    // Variant names are free text: keep them out of the comma-separated structure.
    std::string name = v.name;
    std::replace(name.begin(), name.end(), ',', ';');
    const std::string section = "delta:" + name;
    for (const KpiChange& c : v.kpis) {
      row(section, c.name, "variant", c.variant);
      row(section, c.name, "change", c.change);
    }
    for (const auto& [id, e] : v.outcomes) row(section, id, "share_change", e);
    for (const auto& [segment, changes] : v.segments) {
      for (const KpiChange& c : changes) row(section + ":" + segment, c.name, "change", c.change);
    }
    if (v.return_on_cost) {
      row(section, "return_on_cost", "revenue_change", v.return_on_cost->revenue_change);
      row(section, "return_on_cost", "net_return", v.return_on_cost->net_return);
    }
  }
  return out + rows.str();
}

std::string comparison_table(const ComparisonReport& report) {
  std::ostringstream out;
  const RunReport& base = report.baseline;
  out << (base.scenario.empty() ? std::string("Scenario") : base.scenario) << ": what-ifs against the baseline, "
      << grouped(base.customers) << " paired customers, seed " << base.seed << "\n";
  for (const VariantComparison& v : report.variants) {
    out << "\nWhat-if \"" << v.name << "\"\n";
    out << "  " << pad("", 34) << rpad("baseline", 10) << rpad("variant", 10) << rpad("change", 12)
        << "   95% interval of change\n";
    // Changes that stand out from the noise first, each group in headline order.
    std::vector<const KpiChange*> ordered;
    for (const KpiChange& c : v.kpis) ordered.push_back(&c);
    std::stable_partition(ordered.begin(), ordered.end(), [](const KpiChange* c) { return c->significant(); });
    for (const KpiChange* c : ordered) {
      out << "  " << pad(kpi_presentation(c->name).label, 34) << rpad(kpi_value_text(c->name, c->baseline.value), 10)
          << rpad(kpi_value_text(c->name, c->variant.value), 10);
      if (!c->defined) {
        const Kpi* k = base.find_kpi(c->name);
        out << rpad("-", 12) << (k && !k->defined ? "   (" + k->undefined_reason + ")" : std::string()) << '\n';
        continue;
      }
      const ChangeText text = kpi_change_texts(c->name, c->change);
      out << rpad(text.value, 12) << "   " << text.interval() << (c->significant() ? "  *" : "") << '\n';
    }
    // Per segment (a personalised change moves one persona only): the changes that stand out.
    for (const auto& [segment, changes] : v.segments) {
      std::string line;
      for (const KpiChange& c : changes) {
        if (!c.significant()) continue;
        const ChangeText text = kpi_change_texts(c.name, c.change);
        line += (line.empty() ? "" : "; ") + std::string(kpi_presentation(c.name).short_label) + " " + text.value + " " +
                text.interval();
      }
      out << "  segment " << segment << ": " << (line.empty() ? "no change stands out from the noise" : line) << '\n';
    }
    if (v.return_on_cost) {
      const ReturnOnCost& r = *v.return_on_cost;
      out << "  Return on cost: " << return_on_cost_text(r) << "\n";
    }
  }
  out << "\n* the change stands out from simulation noise: its 95% interval excludes 0.\n"
         "Changes are paired customer by customer (the same random draws in both), so their intervals are much\n"
         "narrower than those of two separate runs. Intervals measure simulation noise only.\n";
  return out.str();
}

std::string format_comparison(const ComparisonReport& report, Format format) {
  switch (format) {
    case Format::json: return comparison_json(report).dump(2) + "\n";
    case Format::csv: return comparison_csv(report);
    case Format::table: return comparison_table(report);
  }
  return {};
}

std::string format_report(const RunReport& report, Format format) {
  switch (format) {
    case Format::json: return report_json(report).dump(2) + "\n";
    case Format::csv: return report_csv(report);
    case Format::table: return report_table(report);
  }
  return {};
}

}  // namespace journeysim::cli
