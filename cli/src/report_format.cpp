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

// -0 (a change of nothing, negated) reads as a loss; it is 0.
double without_negative_zero(double x) { return x == 0.0 ? 0.0 : x; }

// NaN (an undefined figure) becomes null.
Json number(double x) { return std::isfinite(x) ? Json(without_negative_zero(x)) : Json(nullptr); }

Json estimate_json(const Estimate& e) {
  Json out = Json::object();
  out["value"] = number(e.value);
  out["ci95"] = std::isfinite(e.ci95.lo) ? Json::array({number(e.ci95.lo), number(e.ci95.hi)}) : Json(nullptr);
  return out;
}

// {value, ci95} (null when undefined, with the reason), and what the KPI is a share or mean of.
Json kpis_json(const std::vector<Kpi>& kpis) {
  JsonObjectBuilder out;
  for (const Kpi& k : kpis) {
    Json entry = estimate_json(k.estimate);
    entry["base"] = k.base;
    entry["base_count"] = k.sample_size;
    if (!k.defined) entry["undefined"] = k.undefined_reason;
    out.set(k.name, std::move(entry));
  }
  return out.take();
}

Json counts_json(const std::vector<std::pair<std::string, std::uint64_t>>& counts) {
  JsonObjectBuilder out;
  for (const auto& [id, n] : counts) out.set(id, n);
  return out.take();
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_number(double x) {
  return std::isfinite(x) ? format_number(without_negative_zero(x), 17) : std::string();
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

// A queue's figures by their report names (DESIGN section 8), in report order.
QueueFigures::Named queue_estimates(const QueueFigures& q) {
  QueueFigures::Named all = q.counts();
  for (const auto& rate : q.rates()) all.push_back(rate);
  return all;
}

Json report_json(const RunReport& report) {
  Json out = Json::object();
  out["scenario"] = report.scenario;
  out["customers"] = report.customers;
  out["seed"] = report.seed;
  if (report.segment) out["segment"] = *report.segment;
  JsonObjectBuilder outcomes;
  for (const OutcomeFigures& o : report.outcomes) {
    Json f = estimate_json(o.share);
    outcomes.set(o.id, Json{{"kind", o.kind}, {"count", o.count}, {"share", f["value"]}, {"ci95", f["ci95"]}});
  }
  out["outcomes"] = outcomes.take();
  out["kpis"] = kpis_json(report.kpis);
  JsonObjectBuilder touchpoints;
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
    touchpoints.set(t.id, std::move(f));
  }
  out["touchpoints"] = touchpoints.take();
  JsonObjectBuilder transitions;
  for (const TransitionFigures& t : report.transitions) {
    transitions.set(t.label, Json{{"flow", t.traversals}, {"by_ending", counts_json(t.by_ending)}});
  }
  out["transitions"] = transitions.take();
  JsonObjectBuilder segments;
  for (const SegmentFigures& s : report.segments) {
    segments.set(s.id, Json{{"customers", s.customers}, {"kpis", kpis_json(s.kpis)}});
  }
  out["segments"] = segments.take();
  Json funnel = Json::array();
  for (const StageFigures& s : report.funnel) {
    Json share = estimate_json(s.share);
    funnel.push_back(Json{{"stage", s.stage},
                          {"reached", s.reached},
                          {"share", share["value"]},
                          {"ci95", share["ci95"]},
                          {"dropoff", estimate_json(s.dropoff)},
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
  if (report.replications > 0) {
    out["replications"] = report.replications;
    out["horizon_hours"] = number(report.horizon_hours);
    out["warm_up_hours"] = number(report.warm_up_hours);
    JsonObjectBuilder queues;
    for (const QueueFigures& q : report.queues) {
      Json f = Json::object();
      for (const auto& [name, estimate] : queue_estimates(q)) f[name] = estimate_json(*estimate);
      f["answer_within_hours"] = number(q.answer_within_seconds / 3600.0);
      Json hours = Json::array();
      for (std::size_t h = 0; h < q.by_hour_of_week.size(); ++h) {
        const QueueHourFigures& at = q.by_hour_of_week[h];
        hours.push_back(Json{{"hour", h},
                             {"arrivals_per_hour", number(at.arrivals_per_hour)},
                             {"served_per_hour", number(at.served_per_hour)},
                             {"mean_wait_hours", number(at.mean_wait_hours)},
                             {"agents", number(at.agents)}});
      }
      f["by_hour_of_week"] = std::move(hours);
      queues.set(q.id, std::move(f));
    }
    out["queues"] = queues.take();
  }
  return out;
}

namespace {

// A KPI's value (empty when undefined), its base and count, and why it is
// undefined; `prefix` names the rows after the KPI (a segment's).
void kpi_rows(CsvTable& csv, const std::string& section, const std::string& key, const Kpi& k, bool prefix) {
  const std::string name = prefix ? k.name + "." : std::string();
  csv.estimate(section, key, prefix ? k.name : "value", k.estimate);
  csv.label(section, key, name + "base", k.base);
  csv.count(section, key, name + "base_count", k.sample_size);
  if (!k.defined) csv.label(section, key, name + "undefined", k.undefined_reason);
}

void report_rows(CsvTable& csv, const RunReport& report) {
  for (const OutcomeFigures& o : report.outcomes) {
    csv.count("outcomes", o.id, "count", o.count);
    csv.estimate("outcomes", o.id, "share", o.share);
  }
  for (const Kpi& k : report.kpis) kpi_rows(csv, "kpis", k.name, k, false);
  for (const TouchpointFigures& t : report.touchpoints) {
    csv.count("touchpoints", t.id, "visits", t.visits);
    csv.count("touchpoints", t.id, "visitors", t.visitors);
    csv.estimate("touchpoints", t.id, "reach", t.reach);
    if (t.rated) {
      csv.estimate("touchpoints", t.id, "csat", t.csat);
      csv.estimate("touchpoints", t.id, "ces", t.ces);
    }
    if (!t.terminal) {
      csv.estimate("touchpoints", t.id, "dropoff", t.dropoff);
      csv.estimate("touchpoints", t.id, "sentiment", t.sentiment);
    }
  }
  for (const TransitionFigures& t : report.transitions) {
    csv.count("transitions", t.label, "flow", t.traversals);
    for (const auto& [ending, n] : t.by_ending) csv.count("transitions", t.label, "flow_to_" + ending, n);
  }
  for (const SegmentFigures& s : report.segments) {
    csv.count("segments", s.id, "customers", s.customers);
    for (const Kpi& k : s.kpis) kpi_rows(csv, "segments", s.id, k, true);
  }
  for (const StageFigures& s : report.funnel) {
    csv.count("funnel", s.stage, "reached", s.reached);
    csv.estimate("funnel", s.stage, "share", s.share);
    csv.estimate("funnel", s.stage, "dropoff", s.dropoff);
    csv.estimate("funnel", s.stage, "sentiment", s.sentiment);
  }
  for (const RetentionPoint& p : report.retention)
    csv.estimate("retention", format_number(p.hours), "travelling", p.travelling);
  for (const PathFigures& p : report.paths) {
    std::string path;
    for (const std::string& id : p.path) path += (path.empty() ? "" : ">") + id;
    csv.count("paths", path.empty() ? "(none)" : path, "count", p.count);
  }
  if (report.replications > 0) {
    csv.count("run", "queue_model", "replications", report.replications);
    csv.number("run", "queue_model", "horizon_hours", report.horizon_hours);
    csv.number("run", "queue_model", "warm_up_hours", report.warm_up_hours);
  }
  for (const QueueFigures& q : report.queues) {
    for (const auto& [name, estimate] : queue_estimates(q)) csv.estimate("queues", q.id, name, *estimate);
    csv.number("queues", q.id, "answer_within_hours", q.answer_within_seconds / 3600.0);
    for (std::size_t h = 0; h < q.by_hour_of_week.size(); ++h) {
      const QueueHourFigures& at = q.by_hour_of_week[h];
      const std::string key = q.id + "@" + std::to_string(h);
      csv.number("queue_hours", key, "arrivals_per_hour", at.arrivals_per_hour);
      csv.number("queue_hours", key, "served_per_hour", at.served_per_hour);
      csv.number("queue_hours", key, "mean_wait_hours", at.mean_wait_hours);
      csv.number("queue_hours", key, "agents", at.agents);
    }
  }
}

}  // namespace

std::string report_csv(const RunReport& report) {
  CsvTable csv;
  report_rows(csv, report);
  return csv.text();
}

namespace {

// The queues, one block each: counts, then shares, then waits in the unit they read best in.
void queue_table(std::ostream& out, const RunReport& report) {
  out << "\nQueues (" << report.replications << " replications of " << format_number(report.horizon_hours / 24.0)
      << " days; figures after a " << format_number(report.warm_up_hours / 24.0) << "-day warm-up)\n";
  for (const QueueFigures& q : report.queues) {
    out << "  " << pad(q.id, 36) << rpad("value", 10) << "   95% interval\n";
    const auto count_row = [&](const char* label, const Estimate& e) {
      out << "    " << pad(label, 34) << rpad(grouped(static_cast<std::uint64_t>(std::llround(e.value))), 10) << "   "
          << (std::isfinite(e.ci95.lo)
                  ? "[" + grouped(static_cast<std::uint64_t>(std::llround(std::max(0.0, e.ci95.lo)))) + ", " +
                        grouped(static_cast<std::uint64_t>(std::llround(e.ci95.hi))) + "]"
                  : std::string())
          << '\n';
    };
    const auto share_row = [&](const std::string& label, const Estimate& e) {
      out << "    " << pad(label, 34) << rpad(percent(e.value), 10) << "   "
          << (std::isfinite(e.ci95.lo) ? share_interval_text(e) : std::string()) << '\n';
    };
    const auto wait_row = [&](const char* label, const Estimate& e) {
      const TimeUnit unit = time_unit_for(std::isfinite(e.value) ? e.value : 0.0);
      out << "    " << pad(label, 34) << rpad(kpi_value_text(kpi::wait_hours, e.value, unit), 10) << "   "
          << kpi_interval_text(kpi::wait_hours, e, unit) << '\n';
    };
    count_row("arrivals", q.arrivals);
    count_row("served", q.served);
    if (q.reneged.value > 0) count_row("gave up waiting (reneged)", q.reneged);
    if (q.balked.value > 0) count_row("queue full (balked)", q.balked);
    if (q.turned_away.value > 0) count_row("arrived while closed", q.turned_away);
    share_row("waited (no free agent)", q.wait_probability);
    wait_row("mean wait", q.mean_wait_hours);
    wait_row("wait, 90th percentile", q.wait_p90_hours);
    share_row("abandonment (reneged / joined)", q.abandonment_rate);
    share_row("service level (answered in " + format_number(q.answer_within_seconds) + " s)", q.service_level);
    share_row("utilisation of agents", q.utilisation);
    out << "    " << pad("mean queue length", 34) << rpad(fixed_text(q.mean_queue_length.value, 2), 10) << "   "
        << (std::isfinite(q.mean_queue_length.ci95.lo) ? "[" + fixed_text(q.mean_queue_length.ci95.lo, 2) + ", " +
                                                             fixed_text(q.mean_queue_length.ci95.hi, 2) + "]"
                                                       : std::string())
        << '\n';
  }
}

}  // namespace

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

  if (!report.queues.empty()) queue_table(out, report);

  if (!report.funnel.empty()) {
    out << "\n"
        << pad("Funnel by stage", 38) << rpad("reached", 10) << rpad("share", 9) << rpad("drop-off", 10)
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
    out << "\n"
        << pad("Highest drop-off (journey ends here)", 38) << rpad("drop-off", 10) << rpad("visitors", 12) << '\n';
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

  if (report.replications > 0) {
    out << "\nIntervals are 95% confidence intervals for simulation noise only, from the spread between the\n"
        << report.replications
        << " independent replications (customers who share agents are not independent): they shrink with\n"
           "more replications and say nothing about uncertainty in the scenario's own figures.\n";
  } else {
    out << "\nIntervals are 95% confidence intervals for simulation noise only: they shrink with more customers\n"
           "and say nothing about uncertainty in the scenario's own figures.\n";
  }
  return out.str();
}

namespace {

Json change_json(const KpiChange& c) {
  Json out = estimate_json(c.change);  // null when undefined on either side
  out["significant"] = c.significant();
  return out;
}

Json kpi_changes_json(const std::vector<KpiChange>& changes) {
  JsonObjectBuilder out;
  for (const KpiChange& c : changes) out.set(c.name, change_json(c));
  return out.take();
}

}  // namespace

Json estimate_to_json(const Estimate& estimate) { return estimate_json(estimate); }

void JsonObjectBuilder::set(const std::string& key, Json value) {
  auto& members = object_.get_ref<Json::object_t&>();
  const auto [found, added] = position_.try_emplace(key, members.size());
  if (added) {
    members.emplace_back(key, std::move(value));  // the vector's own: no search
  } else {
    (members.begin() + static_cast<std::ptrdiff_t>(found->second))->second =
        std::move(value);  // not operator[]: that takes a key
  }
}

std::string json_text(const Json& report) { return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

CsvTable::CsvTable(std::vector<std::string> extra_columns) : extra_columns_(extra_columns.size()) {
  text_ = "section,key,metric,value,ci95_lo,ci95_hi";
  for (const std::string& column : extra_columns) text_ += "," + csv_field(column);
  text_ += '\n';
  extra_.resize(extra_columns_);
}

void CsvTable::set_extra(std::vector<std::string> values) {
  values.resize(extra_columns_);
  extra_ = std::move(values);
}

void CsvTable::estimate(const std::string& section, const std::string& key, const std::string& metric,
                        const Estimate& e) {
  row(section, key, metric, csv_number(e.value), csv_number(e.ci95.lo), csv_number(e.ci95.hi));
}

void CsvTable::count(const std::string& section, const std::string& key, const std::string& metric, std::uint64_t n) {
  row(section, key, metric, std::to_string(n), "", "");
}

void CsvTable::number(const std::string& section, const std::string& key, const std::string& metric, double value) {
  row(section, key, metric, csv_number(value), "", "");
}

void CsvTable::label(const std::string& section, const std::string& key, const std::string& metric,
                     const std::string& text) {
  row(section, key, metric, csv_field(text), "", "");
}

void CsvTable::row(const std::string& section, const std::string& key, const std::string& metric,
                   const std::string& value, const std::string& lo, const std::string& hi) {
  text_ += csv_field(section) + ',' + csv_field(key) + ',' + csv_field(metric) + ',' + value + ',' + lo + ',' + hi;
  for (const std::string& extra : extra_) text_ += ',' + csv_field(extra);
  text_ += '\n';
}

Json comparison_json(const ComparisonReport& report) {
  Json out = Json::object();
  out["baseline"] = report_json(report.baseline);
  Json variants = Json::array();
  for (const VariantComparison& v : report.variants) {
    Json delta = Json::object();
    delta["kpis"] = kpi_changes_json(v.kpis);
    JsonObjectBuilder outcomes;
    for (const auto& [id, e] : v.outcomes) outcomes.set(id, estimate_json(e));
    delta["outcomes"] = outcomes.take();
    JsonObjectBuilder segments;
    for (const auto& [id, changes] : v.segments) segments.set(id, Json{{"kpis", kpi_changes_json(changes)}});
    delta["segments"] = segments.take();
    if (!v.queues.empty()) {
      JsonObjectBuilder queues;
      for (const QueueChange& q : v.queues) queues.set(q.id, kpi_changes_json(q.figures));
      delta["queues"] = queues.take();
    }
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
  // The baseline's rows have no variant; each variant's own report follows,
  // then its paired changes (section "delta"), per segment where the segment
  // column is filled.
  CsvTable csv({"variant", "segment"});
  report_rows(csv, report.baseline);
  for (const VariantComparison& v : report.variants) {
    csv.set_extra({v.name});
    report_rows(csv, v.report);
    for (const KpiChange& c : v.kpis) {
      csv.estimate("delta", c.name, "variant", c.variant);
      csv.estimate("delta", c.name, "change", c.change);
    }
    for (const auto& [id, e] : v.outcomes) csv.estimate("delta", id, "share_change", e);
    for (const QueueChange& q : v.queues) {
      for (const KpiChange& c : q.figures) csv.estimate("delta_queues", q.id, c.name, c.change);
    }
    if (v.return_on_cost) {
      const ReturnOnCost& r = *v.return_on_cost;
      csv.number("return_on_cost", "cost", "value", r.cost);
      csv.number("return_on_cost", "customers", "value", r.customers);
      csv.estimate("return_on_cost", "revenue_change", "value", r.revenue_change);
      csv.estimate("return_on_cost", "net_return", "value", r.net_return);
    }
    for (const auto& [segment, changes] : v.segments) {
      csv.set_extra({v.name, segment});
      for (const KpiChange& c : changes) csv.estimate("delta", c.name, "change", c.change);
    }
  }
  return csv.text();
}

namespace {

// A queue's rates before and after, waits in the unit the baseline's reads best in.
void queue_change_rows(std::ostream& out, const QueueChange& q) {
  out << "  queue " << q.id << '\n';
  for (const KpiChange& c : q.figures) {
    const std::string name = "queue." + c.name;
    const KpiPresentation& shown = kpi_presentation(name);
    const TimeUnit unit = time_unit_for(std::isfinite(c.baseline.value) ? c.baseline.value : 0.0);
    out << "    " << pad(shown.label, 32) << rpad(kpi_value_text(name, c.baseline.value, unit), 10)
        << rpad(kpi_value_text(name, c.variant.value, unit), 10);
    if (!c.defined) {
      out << rpad("-", 12) << "   (nobody joined the queue on one side)\n";
      continue;
    }
    const ChangeText text = kpi_change_texts(name, c.change, unit);
    out << (text.value.size() >= 12 ? " " : "") << rpad(text.value, 12) << "   " << text.interval()
        << (c.significant() ? "  *" : "") << '\n';
  }
}

}  // namespace

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
        const ChangeText text = kpi_change_texts(c.name, c.change, time_unit_for(std::abs(c.change.value)));
        line += (line.empty() ? "" : "; ") + std::string(kpi_presentation(c.name).short_label) + " " + text.value +
                " " + text.interval();
      }
      out << "  segment " << segment << ": " << (line.empty() ? "no change stands out from the noise" : line) << '\n';
    }
    for (const QueueChange& q : v.queues) queue_change_rows(out, q);
    if (v.return_on_cost) {
      const ReturnOnCost& r = *v.return_on_cost;
      out << "  Return on cost: " << return_on_cost_text(r) << "\n";
    }
  }
  out << "\n* the change stands out from simulation noise: its 95% interval excludes 0.\n";
  if (report.baseline.replications > 0) {
    out << "Changes are paired replication by replication (the same customers arriving at the same times, on the\n"
           "same draws), each interval from the "
        << report.baseline.replications
        << " paired differences; return on cost is over one horizon's customers.\n"
           "Intervals measure simulation noise only.\n";
  } else {
    out << "Changes are paired customer by customer (the same random draws in both), so their intervals are much\n"
           "narrower than those of two separate runs. Intervals measure simulation noise only.\n";
  }
  return out.str();
}

std::string format_comparison(const ComparisonReport& report, Format format) {
  switch (format) {
    case Format::json: return json_text(comparison_json(report));
    case Format::csv: return comparison_csv(report);
    case Format::table: return comparison_table(report);
  }
  return {};
}

std::string format_report(const RunReport& report, Format format) {
  switch (format) {
    case Format::json: return json_text(report_json(report));
    case Format::csv: return report_csv(report);
    case Format::table: return report_table(report);
  }
  return {};
}

}  // namespace journeysim::cli
