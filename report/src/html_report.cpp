// The HTML report's page (html_report.hpp): one function per section, in
// reading order, each appending to the same markup.
#include "journeysim/report/html_report.hpp"

#include <algorithm>
#include <cmath>

#include "charts.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/report/markup.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "style.hpp"

namespace journeysim::report {

namespace {

// The exact figure behind a printed one, for machines and tests.
std::string exact(double x) { return format_number(x, 17); }

std::string scenario_title(const ReportInput& in) { return in.scenario.name.empty() ? in.source : in.scenario.name; }

void header_section(Markup& page, const ReportInput& in) {
  const RunReport& run = in.comparison.baseline;
  page.open("header").newline();
  page.element("h1", scenario_title(in)).newline();
  // Blank lines in a description are its paragraphs.
  const std::string& d = in.scenario.description;
  for (std::size_t start = 0; start < d.size();) {
    const std::size_t end = std::min(d.find("\n\n", start), d.size());
    const std::string paragraph = d.substr(start, end - start);
    if (!paragraph.empty()) page.element("p", paragraph, {{"class", "lead"}}).newline();
    start = end + 2;
  }
  std::string settings = "Predicted by simulating " + grouped_count(run.customers) + " customers (seed " +
                         std::to_string(run.seed) + ") from " + in.source + ".";
  if (run.segment) settings += " Segment " + *run.segment + " only.";
  page.element("p", settings, {{"class", "settings"}}).newline();
  page.close("header").newline();
}

void kpi_section(Markup& page, const ReportInput& in) {
  const RunReport& run = in.comparison.baseline;
  page.open("section", {{"id", "kpis"}}).newline();
  page.element("h2", "Headline figures").newline();
  page.element("p", "Each figure with its 95% interval: the range that simulation noise alone leaves.",
               {{"class", "note"}});
  page.open("div", {{"class", "cards"}}).newline();
  for (const Kpi& k : run.kpis) {
    const KpiPresentation& p = kpi_presentation(k.name);
    if (k.defined) {
      page.open("div", {{"class", "card"}, {"data-kpi", k.name}, {"data-value", exact(k.estimate.value)}});
    } else {
      page.open("div", {{"class", "card undefined"}, {"data-kpi", k.name}, {"data-value", "null"}});
    }
    page.element("div", p.short_label, {{"class", "name"}});
    if (k.defined) {
      // A card has no column heading to name a duration's unit: the value names it.
      const TimeUnit unit = time_unit_for(k.estimate.value);
      page.element("div", kpi_value_text(k.name, k.estimate.value, unit), {{"class", "value"}});
      page.element("div", kpi_interval_text(k.name, k.estimate, unit), {{"class", "interval"}});
      page.element("div", kpi_base_text(k), {{"class", "base"}});
    } else {
      page.element("div", "-", {{"class", "value"}});
      page.element("div", k.undefined_reason, {{"class", "interval"}});
    }
    page.close("div").newline();
  }
  page.close("div").newline();
  page.close("section").newline();
}

void legend(Markup& page, const ReportInput& in) {
  std::vector<std::string> channels, kinds;
  for (const Touchpoint& t : in.scenario.touchpoints) {
    std::vector<std::string>& list = t.terminal() ? kinds : channels;
    const std::string& name = t.terminal() ? t.outcome : t.channel;
    if (!name.empty() && std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
  }
  page.open("ul", {{"class", "legend"}});
  for (const std::string& c : channels) {
    page.open("li")
        .open("span", {{"class", "swatch"}, {"style", "background:" + channel_colour(in.scenario, c)}})
        .close("span");
    page.text("channel " + c).close("li");
  }
  for (const std::string& k : kinds) {
    page.open("li").open("span", {{"class", "swatch"}, {"style", "background:" + outcome_colour(k)}}).close("span");
    page.text("ends " + k).close("li");
  }
  page.close("ul").newline();
}

void map_section(Markup& page, const ReportInput& in) {
  page.open("section", {{"id", "map"}}).newline();
  page.element("h2", "The journey").newline();
  page.element("p",
               std::string("Touchpoints in their stages, left to right. A flow's width is the number of customers "
                           "who took it; its colour is how most of them ended.") +
                   (in.scenario.has_queues() ? " A tag \"queue, N agents\" marks a touchpoint where customers wait "
                                               "for agents: N is the most on duty at once."
                                             : ""),
               {{"class", "note"}});
  legend(page, in);
  page.open("figure", {{"class", "scroll"}}).raw(journey_map_svg(in.scenario, in.comparison.baseline)).close("figure");
  page.close("section").newline();
}

void funnel_section(Markup& page, const ReportInput& in) {
  const RunReport& run = in.comparison.baseline;
  if (run.funnel.empty()) return;
  page.open("section", {{"id", "funnel"}}).newline();
  page.element("h2", "Funnel by stage").newline();
  page.element("p",
               "The share of all customers who reach each stage; drop-off is the share of those who reached the "
               "stage before and never reached this one.",
               {{"class", "note"}});
  page.open("table", {{"class", "funnel"}}).newline();
  page.open("thead")
      .open("tr")
      .element("th", "stage")
      .element("th", "customers reaching it", {{"class", "bar-cell"}})
      .element("th", "share", {{"class", "num"}})
      .element("th", "drop-off", {{"class", "num"}})
      .close("tr")
      .close("thead");
  page.open("tbody").newline();
  for (std::size_t s = 0; s < run.funnel.size(); ++s) {
    const StageFigures& stage = run.funnel[s];
    page.open("tr", {{"data-stage", stage.stage}, {"data-share", exact(stage.share.value)}});
    page.element("td", stage.stage);
    // The bar is a CSS box: it reflows on a phone and prints as drawn.
    page.open("td", {{"class", "bar-cell"}})
        .open("div", {{"class", "bar"}, {"style", "width:" + coordinate(100.0 * stage.share.value) + "%"}})
        .close("div")
        .open("span", {{"class", "note"}})
        .text(grouped_count(stage.reached))
        .close("span")
        .close("td");
    page.element("td", percent_text(stage.share.value), {{"class", "num"}});
    page.element("td", s == 0 ? std::string("") : percent_text(stage.dropoff.value), {{"class", "num"}});
    page.close("tr").newline();
  }
  page.close("tbody").close("table").newline();
  page.close("section").newline();
}

void emotion_section(Markup& page, const ReportInput& in) {
  const std::string chart = emotion_svg(in.comparison.baseline);
  if (chart.empty()) return;
  page.open("section", {{"id", "emotion"}}).newline();
  page.element("h2", "How customers feel along the journey").newline();
  page.element("p",
               "The emotion curve, predicted: customers' mean sentiment as they leave each stage (0 is neutral), "
               "with its 95% band. A dip marks the stage to look at first.",
               {{"class", "note"}});
  page.open("figure").raw(chart).close("figure").newline();
  page.close("section").newline();
}

void retention_section(Markup& page, const ReportInput& in) {
  const std::string chart = retention_svg(in.comparison.baseline);
  if (chart.empty()) return;
  page.open("section", {{"id", "retention"}}).newline();
  page.element("h2", "Retention over time").newline();
  page.element("p", "The share of customers whose journey has not ended yet, with its 95% band.", {{"class", "note"}});
  page.open("figure").raw(chart).close("figure").newline();
  page.close("section").newline();
}

void queue_section(Markup& page, const ReportInput& in) {
  const RunReport& run = in.comparison.baseline;
  if (run.queues.empty()) return;
  page.open("section", {{"id", "queues"}}).newline();
  page.element("h2", "Queues: waits and staffing").newline();
  page.element("p",
               "Customers share each queue's agents and wait when none is free. Figures are over the customers "
               "arriving after the " +
                   format_number(run.warm_up_hours / 24.0) + "-day warm-up in " + std::to_string(run.replications) +
                   " replications of " + format_number(run.horizon_hours / 24.0) +
                   " days; each interval comes from the spread between replications.",
               {{"class", "note"}});
  for (const QueueFigures& q : run.queues) {
    const auto found = in.scenario.find_touchpoint(q.id);
    page.element("h3", found ? in.scenario.touchpoints[*found].display_name() : q.id);
    page.open("table", {{"class", "queue"}, {"data-queue", q.id}}).newline();
    page.open("tbody").newline();
    const auto row = [&](const std::string& label, const std::string& metric, const Estimate& e,
                         const std::string& value, const std::string& interval) {
      page.open("tr", {{"data-metric", metric}, {"data-value", exact(e.value)}});
      page.element("td", label).element("td", value, {{"class", "num"}}).element("td", interval, {{"class", "num"}});
      page.close("tr").newline();
    };
    const auto share = [&](const std::string& label, const std::string& metric, const Estimate& e) {
      row(label, metric, e, percent_text(e.value), share_interval_text(e));
    };
    const auto wait = [&](const std::string& label, const std::string& metric, const Estimate& e) {
      const TimeUnit unit = time_unit_for(std::isfinite(e.value) ? e.value : 0.0);
      row(label, metric, e, kpi_value_text(kpi::wait_hours, e.value, unit),
          kpi_interval_text(kpi::wait_hours, e, unit));
    };
    row("arrivals", "arrivals", q.arrivals, grouped_count(static_cast<std::uint64_t>(q.arrivals.value)), "");
    row("served", "served", q.served, grouped_count(static_cast<std::uint64_t>(q.served.value)), "");
    share("waited for an agent", "wait_probability", q.wait_probability);
    wait("mean wait", "mean_wait_hours", q.mean_wait_hours);
    wait("wait, 90th percentile", "wait_p90_hours", q.wait_p90_hours);
    share("gave up waiting", "abandonment_rate", q.abandonment_rate);
    share("answered within " + format_number(q.answer_within_seconds) + " s", "service_level", q.service_level);
    share("agents busy", "utilisation", q.utilisation);
    page.close("tbody").close("table").newline();
    page.open("figure").raw(queue_week_svg(q)).close("figure").newline();
    page.element("p", "The line: mean wait of customers arriving in each hour of the week; the bars: agents on duty.",
                 {{"class", "note"}});
  }
  page.close("section").newline();
}

std::string path_text(const PathFigures& path) {
  std::string text;
  for (const std::string& id : path.path) text += (text.empty() ? "" : " > ") + id;
  return text.empty() ? "(straight to an ending)" : text;
}

void paths_section(Markup& page, const ReportInput& in) {
  const RunReport& run = in.comparison.baseline;
  if (run.paths.empty()) return;
  constexpr std::size_t shown = 10;
  page.open("section", {{"id", "paths"}}).newline();
  page.element("h2", "The most common paths").newline();
  page.element("p",
               "Touchpoints visited in order (a touchpoint visited several times in a row counts once), "
               "and how the customers on each path ended. " +
                   grouped_count(run.distinct_paths) + " distinct paths in all.",
               {{"class", "note"}});
  page.open("div", {{"class", "scroll"}}).open("table").newline();
  page.open("thead")
      .open("tr")
      .element("th", "#", {{"class", "num"}})
      .element("th", "path")
      .element("th", "customers", {{"class", "num"}})
      .element("th", "share", {{"class", "num"}})
      .element("th", "how they ended")
      .close("tr")
      .close("thead")
      .newline();
  page.open("tbody").newline();
  for (std::size_t i = 0; i < run.paths.size() && i < shown; ++i) {
    const PathFigures& p = run.paths[i];
    std::string endings;
    for (const auto& [ending, count] : p.endings) {
      endings += (endings.empty() ? "" : ", ") + ending + " " +
                 percent_text(static_cast<double>(count) / static_cast<double>(std::max<std::uint64_t>(p.count, 1)));
    }
    page.open("tr", {{"data-path", path_text(p)}, {"data-customers", std::to_string(p.count)}});
    page.element("td", std::to_string(i + 1), {{"class", "num"}});
    page.element("td", path_text(p), {{"class", "path"}});
    page.element("td", grouped_count(p.count), {{"class", "num"}});
    page.element(
        "td",
        percent_text(static_cast<double>(p.count) / static_cast<double>(std::max<std::uint64_t>(run.customers, 1))),
        {{"class", "num"}});
    page.element("td", endings);
    page.close("tr").newline();
  }
  page.close("tbody").close("table").close("div").newline();
  page.close("section").newline();
}

std::string signed_money(double amount) { return (amount > 0 ? "+" : "") + money_text(amount); }

// "worth it: net +12,930 [6,785, 19,075]": the verdict a director reads first.
struct Verdict {
  std::string text;
  std::string tone;  // good, bad, unsure
};
Verdict verdict_of(const VariantComparison& v) {
  if (!v.return_on_cost) {
    return {"no cost given: the changes below are what it would do", "unsure"};
  }
  const ReturnOnCost& r = *v.return_on_cost;
  const std::string net = "net " + signed_money(r.net_return.value) + " [" + money_text(r.net_return.ci95.lo) + ", " +
                          money_text(r.net_return.ci95.hi) + "]";
  if (r.net_return.ci95.lo > 0) return {"worth it: " + net, "good"};
  if (r.net_return.ci95.hi < 0) return {"not worth it: " + net, "bad"};
  return {"too close to call: " + net + " (the interval includes 0)", "unsure"};
}

void what_if_section(Markup& page, const ReportInput& in) {
  const auto& variants = in.comparison.variants;
  if (variants.empty()) return;
  // Ranked by net return; variants without a cost after those with one, in file order.
  std::vector<const VariantComparison*> ranked;
  for (const VariantComparison& v : variants) ranked.push_back(&v);
  std::stable_sort(ranked.begin(), ranked.end(), [](const VariantComparison* a, const VariantComparison* b) {
    if (a->return_on_cost.has_value() != b->return_on_cost.has_value()) return a->return_on_cost.has_value();
    return a->return_on_cost && a->return_on_cost->net_return.value > b->return_on_cost->net_return.value;
  });
  page.open("section", {{"id", "what-ifs"}}).newline();
  page.element("h2", "What-ifs, ranked by return on cost").newline();
  page.element("p",
               in.comparison.baseline.replications > 0
                   ? "Each change is simulated on the same customers as the baseline, arriving at the same times, "
                     "so its change is measured replication by replication (" +
                         std::to_string(in.comparison.baseline.replications) +
                         " paired replications of the horizon) and its interval is narrow. Marked * where the "
                         "change stands out from simulation noise (its interval excludes 0)."
                   : "Each change is simulated on the same customers as the baseline, so its change is measured "
                     "customer by customer and its interval is narrow. Marked * where the change stands out from "
                     "simulation noise (its interval excludes 0).",
               {{"class", "note"}});
  for (std::size_t rank = 0; rank < ranked.size(); ++rank) {
    const VariantComparison& v = *ranked[rank];
    const Verdict verdict = verdict_of(v);
    page.open("div", {{"class", "what-if"}, {"data-what-if", v.name}}).newline();
    page.element("h3", std::to_string(rank + 1) + ". " + v.name);
    page.element("p", verdict.text, {{"class", "verdict " + verdict.tone}});
    if (v.return_on_cost)
      page.element("p", "Return on cost: " + return_on_cost_text(*v.return_on_cost), {{"class", "note"}});
    page.open("div", {{"class", "scroll"}}).open("table").newline();
    page.open("thead")
        .open("tr")
        .element("th", "figure")
        .element("th", "baseline", {{"class", "num"}})
        .element("th", "with the change", {{"class", "num"}})
        .element("th", "change", {{"class", "num"}})
        .element("th", "95% interval", {{"class", "num wide"}})
        .close("tr")
        .close("thead")
        .newline();
    page.open("tbody").newline();
    // `name` is the figure's presentation name; waits in the unit the baseline reads best in.
    const auto change_row = [&](const KpiChange& c, const std::string& name, const std::string& label, TimeUnit unit,
                                const Attributes& attributes) {
      const ChangeText change = kpi_change_texts(name, c.change, unit);
      page.open("tr", attributes);
      page.element("td", label);
      page.element("td", kpi_value_text(name, c.baseline.value, unit), {{"class", "num"}});
      page.element("td", kpi_value_text(name, c.variant.value, unit), {{"class", "num"}});
      page.open("td", {{"class", "num"}}).text(change.value);
      if (c.significant()) page.raw(" ").element("span", "*", {{"class", "sig"}});
      page.close("td");
      page.element("td", change.interval(), {{"class", "num wide"}});
      page.close("tr").newline();
    };
    for (const KpiChange& c : v.kpis) {
      if (!c.defined) continue;  // make_report marks what the scenario cannot define
      change_row(c, c.name, kpi_presentation(c.name).label, TimeUnit{1.0, ""},
                 {{"data-kpi", c.name}, {"data-change", exact(c.change.value)}});
    }
    for (const QueueChange& q : v.queues) {
      page.open("tr", {{"class", "group"}}).element("td", "queue " + q.id, {{"colspan", "5"}}).close("tr").newline();
      for (const KpiChange& c : q.figures) {
        if (!c.defined) continue;  // nobody joined on one side
        const std::string name = "queue." + c.name;
        const TimeUnit unit = time_unit_for(std::isfinite(c.baseline.value) ? c.baseline.value : 0.0);
        change_row(c, name, kpi_presentation(name).label, unit,
                   {{"data-queue", q.id}, {"data-metric", c.name}, {"data-change", exact(c.change.value)}});
      }
    }
    page.close("tbody").close("table").close("div").newline();
    page.close("div").newline();
  }
  page.close("section").newline();
}

// The ten levers that improve the ranked KPI most, each paired with the baseline.
void fix_first_section(Markup& page, const ReportInput& in) {
  if (!in.fix_first && in.fix_first_note.empty()) return;
  page.open("section", {{"id", "fix-first"}}).newline();
  page.element("h2", "What to fix first").newline();
  if (!in.fix_first) {
    page.element("p", in.fix_first_note, {{"class", "note"}});
    page.close("section").newline();
    return;
  }
  const FixFirstRanking& r = *in.fix_first;
  const std::string kpi_label = kpi_presentation(r.kpi).label;
  page.element("p",
               "Small improvements at each touchpoint (drop-off transitions x0.9, effort -1, sentiment +0.1, a "
               "wait's time x0.9, one more agent), each simulated on the same customers as the baseline, ranked "
               "by how much they improve the " +
                   kpi_label + ". " + std::to_string(r.comparisons) +
                   " were compared; marked * where the change's interval excludes 0 and ** where it still does "
                   "at the family-wise 95% level (Bonferroni), since among many some stand out by chance.",
               {{"class", "note"}});
  page.open("div", {{"class", "scroll"}}).open("table").newline();
  page.open("thead")
      .open("tr")
      .element("th", "rank", {{"class", "num"}})
      .element("th", "lever")
      .element("th", "change in " + kpi_label, {{"class", "num"}})
      .element("th", "95% interval", {{"class", "num wide"}})
      .element("th", "revenue / customer", {{"class", "num"}})
      .close("tr")
      .close("thead")
      .newline();
  page.open("tbody").newline();
  for (std::size_t i = 0; i < r.effects.size() && i < 10; ++i) {
    const LeverEffect& e = r.effects[i];
    const ChangeText change = kpi_change_texts(r.kpi, e.change.change);
    page.open("tr", {{"data-lever", e.label}, {"data-change", exact(e.change.change.value)}});
    page.element("td", std::to_string(i + 1), {{"class", "num"}});
    page.open("td").text(e.label);
    if (e.base_shrinks)
      page.raw(" ").element("span", "(its base shrinks: the gain may be fewer customers counted)", {{"class", "note"}});
    page.close("td");
    page.open("td", {{"class", "num"}}).text(change.value);
    const char* mark = e.significant_after_bonferroni ? "**" : e.change.significant() ? "*" : nullptr;
    if (mark) page.raw(" ").element("span", mark, {{"class", "sig"}});
    page.close("td");
    page.element("td", change.interval(), {{"class", "num wide"}});
    page.element("td", kpi_change_texts(kpi::revenue_per_customer, e.revenue).value, {{"class", "num"}});
    page.close("tr").newline();
  }
  page.close("tbody").close("table").close("div").newline();
  page.close("section").newline();
}

void reading_section(Markup& page) {
  page.open("section", {{"id", "reading"}}).newline();
  page.element("h2", "How to read these figures").newline();
  page.element("p",
               "Every figure is a prediction of the journey as the scenario describes it: its touchpoints, "
               "probabilities, times and sentiment. The intervals say how much the figure would move if the "
               "simulation were run again with other random customers: they shrink with more customers, and say "
               "nothing about whether the scenario's own figures are right.");
  page.element("p",
               "A what-if's change is measured on the same simulated customers as the baseline, so a change "
               "smaller than either figure's own interval can still be certain. A share's change is in percentage "
               "points (pp): from 2.30% to 2.89% is +0.60 pp.");
  page.element("p", "A figure shown as - is one the journey cannot define, with the reason beside it: it is not zero.");
  page.close("section").newline();
}

}  // namespace

std::string render_html_report(const ReportInput& in) {
  Markup page;
  page.raw("<!DOCTYPE html>\n");
  page.open("html", {{"xmlns", "http://www.w3.org/1999/xhtml"}, {"lang", "en"}}).newline();
  page.open("head").newline();
  page.empty("meta", {{"charset", "utf-8"}}).newline();
  page.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}}).newline();
  page.empty("meta", {{"name", "generator"}, {"content", "journeysim"}}).newline();
  // The page is self-contained, and says so to the browser: nothing may be
  // fetched or run, so a page that is mailed on cannot phone home.
  page.empty("meta",
             {{"http-equiv", "Content-Security-Policy"}, {"content", "default-src 'none'; style-src 'unsafe-inline'"}})
      .newline();
  page.element("title", scenario_title(in) + ": journey report").newline();
  page.open("style").raw(report_css).close("style").newline();
  page.close("head").newline();
  page.open("body").open("main").newline();
  header_section(page, in);
  kpi_section(page, in);
  map_section(page, in);
  funnel_section(page, in);
  emotion_section(page, in);
  retention_section(page, in);
  queue_section(page, in);
  paths_section(page, in);
  what_if_section(page, in);
  fix_first_section(page, in);
  reading_section(page);
  page.open("footer", {{"class", "note"}})
      .text("Made by journeysim from " + in.source + ". Self-contained: nothing on this page is fetched from anywhere.")
      .close("footer")
      .newline();
  page.close("main").close("body").newline().close("html").newline();
  return page.take();
}

}  // namespace journeysim::report
