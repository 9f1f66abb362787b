// sweep and sensitivity: variants made from changes, compared in one paired
// run, reported as a curve or a ranking.
#include "explore_commands.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "journeysim/sim/sampling.hpp"

namespace journeysim::cli {

namespace {

using Json = nlohmann::ordered_json;

// Every KPI but the quantiles (which do not pair customer by customer).
const std::vector<std::string>& kpi_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const KpiPresentation& p : kpi_presentations()) {
      if (std::string_view(p.name) != kpi::ttr_p50_hours && std::string_view(p.name) != kpi::ttr_p90_hours) {
        out.emplace_back(p.name);
      }
    }
    return out;
  }();
  return names;
}

// Which way is better for each KPI: +1 higher, -1 lower (neither ranks as higher).
int better_direction(const std::string& name) { return kpi_presentation(name).better < 0 ? -1 : +1; }

bool check_kpi(const std::string& name, std::ostream& err) {
  const auto& names = kpi_names();
  if (std::find(names.begin(), names.end(), name) != names.end()) return true;
  err << "journeysim: --kpi: unknown KPI \"" << name << "\"; " << did_you_mean(name, names) << '\n';
  return false;
}

const KpiChange* find_change(const VariantComparison& v, const std::string& name) {
  for (const KpiChange& c : v.kpis) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

using ChangeLists = std::vector<std::pair<std::string, std::vector<WhatIfChange>>>;

// Builds variants from change lists. An impossible one is reported and stops
// the command, unless `skipped` counts the ones left out instead.
bool build_variants(const Scenario& scenario, const ChangeLists& lists, const std::string& subject,
                    std::vector<Variant>& variants, std::ostream& err, std::vector<std::string>* skipped = nullptr) {
  for (const auto& [label, changes] : lists) {
    Diagnostics diagnostics;
    std::optional<Variant> variant = apply_changes(scenario, label, changes, diagnostics, subject + label);
    if (variant) {
      variants.push_back(std::move(*variant));
    } else if (skipped) {
      skipped->push_back(label);
    } else {
      for (const Diagnostic& d : diagnostics.all()) err << "journeysim: " << d.message << (d.fix.empty() ? "" : "; " + d.fix) << '\n';
      return false;
    }
  }
  return true;
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options) {
  CLI::App* command = app.add_subcommand("sweep", "One parameter over a range: a paired curve of KPIs with intervals");
  add_simulation_options(*command, options.simulation);
  command->add_option("--set", options.set, "PATH=A..B[:STEP], e.g. touchpoints.checkout.effort=1..7")->required();
  command->add_option("--kpi", options.kpis, "KPIs to show (repeat; default: the headline ones)");
  return command;
}

int run_sweep(const SweepOptions& options, std::ostream& out, std::ostream& err) {
  for (const std::string& name : options.kpis) {
    if (!check_kpi(name, err)) return exit_usage;
  }
  PreparedRun prepared = prepare_run(options.simulation, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;
  std::string problem;
  const std::optional<SweepSpec> spec = parse_sweep(scenario, options.set, problem);
  if (!spec) {
    err << "journeysim: --set " << options.set << ": " << problem << '\n';
    return exit_usage;
  }
  ChangeLists lists;
  for (std::size_t i = 0; i < spec->values.size(); ++i) lists.push_back({spec->labels[i], {sweep_change(*spec, i)}});
  std::vector<Variant> variants;
  if (!build_variants(scenario, lists, spec->address.text() + " = ", variants, err)) return exit_bad_input;

  const Comparison comparison = run_comparison(scenario, variants, prepared.run, progress_bar(err), nullptr, false);
  const ComparisonReport report = make_comparison_report(scenario, prepared.run, comparison);
  const std::vector<std::string> kpis =
      options.kpis.empty() ? std::vector<std::string>{kpi::conversion_rate, kpi::churn_rate, kpi::abandonment_rate,
                                                      kpi::nps, kpi::csat}
                           : options.kpis;
  const std::string path = spec->address.text();

  std::string text;
  if (options.simulation.format == Format::json) {
    Json points = Json::array();
    for (const VariantComparison& v : report.variants) {
      Json figures = Json::object();
      for (const std::string& name : kpis) {
        const KpiChange* c = find_change(v, name);
        if (!c) continue;
        Json f = estimate_to_json(c->variant);
        f["change"] = estimate_to_json(c->change);
        f["significant"] = c->significant();
        figures[name] = f;
      }
      points.push_back(Json{{"value", v.name}, {"kpis", figures}});
    }
    Json baseline = Json::object();
    for (const std::string& name : kpis) {
      if (const Kpi* k = report.baseline.find_kpi(name)) baseline[name] = estimate_to_json(k->estimate);
    }
    text = Json{{"scenario", scenario.name}, {"customers", report.baseline.customers}, {"seed", report.baseline.seed},
                {"path", path}, {"baseline", baseline}, {"points", points}}
               .dump(2) +
           "\n";
  } else if (options.simulation.format == Format::csv) {
    std::ostringstream csv;
    csv << "section,key,metric,value,ci95_lo,ci95_hi\n";
    for (const VariantComparison& v : report.variants) {
      for (const std::string& name : kpis) {
        const KpiChange* c = find_change(v, name);
        if (!c) continue;
        csv << "sweep," << v.name << ',' << name << ',' << csv_number(c->variant.value) << ','
            << csv_number(c->variant.ci95.lo) << ',' << csv_number(c->variant.ci95.hi) << '\n';
        csv << "sweep," << v.name << ',' << name << "_change," << csv_number(c->change.value) << ','
            << csv_number(c->change.ci95.lo) << ',' << csv_number(c->change.ci95.hi) << '\n';
      }
    }
    text = csv.str();
  } else {
    std::ostringstream table;
    table << scenario.name << ": sweep of " << path << " over " << spec->labels.front() << ".." << spec->labels.back()
          << " (" << spec->values.size() << " values), " << report.baseline.customers
          << " paired customers per value, seed " << report.baseline.seed << "\n";
    for (const std::string& name : kpis) {
      const Kpi* base = report.baseline.find_kpi(name);
      table << "\n" << kpi_presentation(name).label << " (baseline " << (base ? kpi_value_text(name, base->estimate.value) : "-")
            << ")\n";
      table << "  value              KPI   change vs baseline and its 95% interval\n";
      for (const VariantComparison& v : report.variants) {
        const KpiChange* c = find_change(v, name);
        if (!c) continue;
        std::string value = v.name;
        value.resize(std::max<std::size_t>(value.size(), 10), ' ');
        std::string kpi_text = kpi_value_text(name, c->variant.value);
        kpi_text.insert(0, kpi_text.size() < 12 ? 12 - kpi_text.size() : 0, ' ');
        const ChangeText change = kpi_change_texts(name, c->change);
        table << "  " << value << " " << kpi_text << "   " << change.value << "  " << change.interval()
              << (c->significant() ? " *" : "") << '\n';
      }
    }
    table << "\n* the change stands out from simulation noise (its 95% interval excludes 0). Every value is paired\n"
             "with the same customers' baseline; intervals measure simulation noise only.\n";
    text = table.str();
  }
  return emit(options.simulation, text, out, err);
}

CLI::App* add_sensitivity_command(CLI::App& app, SensitivityOptions& options) {
  CLI::App* command = app.add_subcommand(
      "sensitivity", "Perturb every touchpoint and transition a little and rank the effects: what to fix first");
  add_simulation_options(*command, options.simulation);
  command->add_option("--kpi", options.kpi, "The KPI to rank by (default: churn_rate)");
  command->add_option("--top", options.top, "How many to list (default 20)")->check(CLI::Range(1, 100000));
  return command;
}

int run_sensitivity(const SensitivityOptions& options, std::ostream& out, std::ostream& err) {
  if (!check_kpi(options.kpi, err)) return exit_usage;
  PreparedRun prepared = prepare_run(options.simulation, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;
  ChangeLists lists;
  for (const Perturbation& p : sensitivity_perturbations(scenario)) lists.push_back({p.label, p.changes});
  std::vector<Variant> variants;
  // A perturbation that cannot be made (a +10% that would leave a "rest"
  // below zero in some segment) is left out and said so.
  std::vector<std::string> skipped;
  build_variants(scenario, lists, "", variants, err, &skipped);

  const Comparison comparison = run_comparison(scenario, variants, prepared.run, progress_bar(err), nullptr, false);
  const ComparisonReport report = make_comparison_report(scenario, prepared.run, comparison);

  struct Effect {
    std::string label;
    KpiChange change;
    double gain;  // the change in the better direction
    Estimate revenue;  // the change of revenue per customer beside it
    // The KPI's base shrank (fewer converters, fewer reaching checkout): a
    // gain that may come only from fewer customers being counted.
    bool base_shrinks = false;
    std::int64_t base_change = 0;
  };
  std::vector<Effect> effects;
  const int direction = better_direction(options.kpi);
  const Kpi* baseline_kpi = report.baseline.find_kpi(options.kpi);
  for (const VariantComparison& v : report.variants) {
    const KpiChange* c = find_change(v, options.kpi);
    if (!c || !c->defined) continue;
    const KpiChange* revenue = find_change(v, kpi::revenue_per_customer);
    const Kpi* variant_kpi = v.report.find_kpi(options.kpi);
    const auto base_change = static_cast<std::int64_t>(variant_kpi->sample_size) -
                             static_cast<std::int64_t>(baseline_kpi->sample_size);
    effects.push_back({v.name, *c, direction * c->change.value, revenue ? revenue->change : Estimate{},
                       base_change < 0 && direction * c->change.value > 0, base_change});
  }
  std::stable_sort(effects.begin(), effects.end(), [](const Effect& a, const Effect& b) { return a.gain > b.gain; });
  // With many comparisons some intervals exclude 0 by chance: Bonferroni keeps
  // the family's false-alarm rate at 5%.
  const std::size_t comparisons = effects.size();
  const double z_family = comparisons > 0 ? -normal_quantile(0.025 / static_cast<double>(comparisons)) : z95;
  const auto survives = [&](const Effect& e) {
    return e.change.change.standard_error > 0 && std::abs(e.change.change.value) > z_family * e.change.change.standard_error;
  };

  std::string text;
  if (options.simulation.format == Format::json) {
    Json ranked = Json::array();
    for (std::size_t i = 0; i < effects.size() && i < options.top; ++i) {
      Json entry = Json{{"rank", i + 1}, {"perturbation", effects[i].label}};
      entry["change"] = estimate_to_json(effects[i].change.change);
      entry["significant"] = effects[i].change.significant();
      entry["significant_after_bonferroni"] = survives(effects[i]);
      entry["revenue_per_customer_change"] = estimate_to_json(effects[i].revenue);
      entry["base_change"] = effects[i].base_change;
      entry["base_shrinks"] = effects[i].base_shrinks;
      ranked.push_back(entry);
    }
    text = Json{{"scenario", scenario.name}, {"kpi", options.kpi}, {"customers", report.baseline.customers},
                {"seed", report.baseline.seed}, {"comparisons", comparisons}, {"skipped", skipped},
                {"baseline", estimate_to_json(report.baseline.find_kpi(options.kpi)->estimate)}, {"ranking", ranked}}
               .dump(2) +
           "\n";
  } else if (options.simulation.format == Format::csv) {
    std::ostringstream csv;
    csv << "section,key,metric,value,ci95_lo,ci95_hi\n";
    for (const Effect& e : effects) {
      std::string label = e.label;
      std::replace(label.begin(), label.end(), ',', ';');
      csv << "sensitivity," << label << ',' << options.kpi << "_change," << csv_number(e.change.change.value) << ','
          << csv_number(e.change.change.ci95.lo) << ',' << csv_number(e.change.change.ci95.hi) << '\n';
      csv << "sensitivity," << label << ",revenue_per_customer_change," << csv_number(e.revenue.value) << ','
          << csv_number(e.revenue.ci95.lo) << ',' << csv_number(e.revenue.ci95.hi) << '\n';
      csv << "sensitivity," << label << ",base_change," << e.base_change << ",,\n";
      csv << "sensitivity," << label << ",base_shrinks," << (e.base_shrinks ? 1 : 0) << ",,\n";
    }
    for (std::string label : skipped) {
      std::replace(label.begin(), label.end(), ',', ';');
      csv << "skipped," << label << ",could_not_be_made,1,,\n";
    }
    text = csv.str();
  } else {
    std::ostringstream table;
    const Kpi* base = report.baseline.find_kpi(options.kpi);
    table << scenario.name << ": what to fix first for " << kpi_presentation(options.kpi).label << " (baseline "
          << (base ? kpi_value_text(options.kpi, base->estimate.value) : "-") << "), " << report.baseline.customers
          << " paired customers per change, seed " << report.baseline.seed << "\n\n";
    if (base && !base->defined) {
      table << kpi_presentation(options.kpi).label << " is undefined for this scenario (" << base->undefined_reason
            << "): nothing to rank; choose another --kpi.\n\n";
    } else if (base) {
      table << "The KPI is a share or mean of " << base->base << ".\n\n";
    }
    table << "  rank  " << std::string("change").append(38, ' ') << "effect        95% interval"
          << std::string(14, ' ') << "revenue / customer\n";
    for (std::size_t i = 0; i < effects.size() && i < options.top; ++i) {
      const Effect& e = effects[i];
      std::string label = e.label;
      label.resize(std::max<std::size_t>(label.size(), 44), ' ');
      std::string rank = std::to_string(i + 1);
      rank.insert(0, rank.size() < 4 ? 4 - rank.size() : 0, ' ');
      const ChangeText change = kpi_change_texts(options.kpi, e.change.change);
      std::string effect = change.value;
      effect.resize(std::max<std::size_t>(effect.size(), 12), ' ');
      std::string interval = change.interval() + (survives(e) ? " **" : e.change.significant() ? " *" : "");
      interval.resize(std::max<std::size_t>(interval.size(), 26), ' ');
      table << "  " << rank << "  " << label << effect << "  " << interval
            << kpi_change_texts(kpi::revenue_per_customer, e.revenue).value
            << (e.base_shrinks ? "   (base shrinks by " + grouped_count(static_cast<std::uint64_t>(-e.base_change)) +
                                     ": the gain may be fewer customers counted)"
                               : "")
            << '\n';
    }
    table << "\n" << comparisons << " perturbations were compared, each paired with the baseline on the same customers";
    table << ".\n";
    if (!skipped.empty()) {
      table << skipped.size() << " could not be made (a probability would leave [0, 1] in some segment):";
      for (std::size_t i = 0; i < skipped.size(); ++i) table << (i == 0 ? " " : ", ") << skipped[i];
      table << ".\n";
    }
    table
          << "*  the effect's 95% interval excludes 0; with " << comparisons << " comparisons about "
          << format_number(0.05 * static_cast<double>(comparisons), 3) << " would by chance alone.\n"
          << "** it still does at the family-wise 95% level (Bonferroni: |effect| > " << format_number(z_family, 3)
          << " standard errors).\n"
          << "Levers, each an improvement at one touchpoint: drop-off transitions x"
          << format_number(sensitivity_dropoff_factor) << ", effort -1, sentiment +"
          << format_number(sensitivity_sentiment_step) << ", a wait's or a support touchpoint's time x"
          << format_number(sensitivity_wait_factor) << " (see docs/what-if.md).\n";
    text = table.str();
  }
  return emit(options.simulation, text, out, err);
}

}  // namespace journeysim::cli
