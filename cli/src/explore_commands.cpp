// sweep and sensitivity: variants made from changes, compared with the
// baseline in bounded batches, reported as a curve or a ranking.
#include "explore_commands.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/graph/text.hpp"
#include "journeysim/graph/what_if.hpp"
#include "journeysim/report/sweep_chart.hpp"
#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/fix_first.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "journeysim/sim/sampling.hpp"
#include "interrupt.hpp"
#include "usage.hpp"

namespace journeysim::cli {

namespace {

// What each variant is paired on: "785292 paired customers per value", or in
// the queue model "8 paired replications per value (785,292 customers)".
std::string pairing_text(const RunReport& baseline, const char* per) {
  if (baseline.replications > 0) {
    return std::to_string(baseline.replications) + " paired replications per " + per + " (" +
           grouped_count(baseline.customers) + " customers)";
  }
  return std::to_string(baseline.customers) + " paired customers per " + per;
}

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

void print_refusal(const std::vector<Diagnostic>& diagnostics, std::ostream& err) {
  for (const Diagnostic& d : diagnostics)
    err << "journeysim: " << d.message << (d.fix.empty() ? "" : "; " + d.fix) << '\n';
}

// What the sweep does where segments have their own value of its field.
std::string own_value_note(const std::vector<std::string>& segments, const std::string& path, std::size_t all) {
  std::string names;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    names += (i == 0 ? "" : i + 1 == segments.size() ? " and " : ", ") + in_quotes(segments[i]);
  }
  const bool one = segments.size() == 1;
  std::string note = (one ? "Segment " : "Segments ") + names + (one ? " has its own " : " have their own ") + path +
                     ": " + (one ? "its" : "their") + " customers keep it, ";
  note += segments.size() == all ? "so no value below changes anyone (every change is 0).\n"
                                 : "and each value applies to the other segments' customers only.\n";
  return note;
}

// `--out curve.svg`: the sweep's curves as a picture rather than its figures as text.
bool writes_svg(const SimulationOptions& options) {
  const std::string& out = options.out.value_or("");
  return out.size() > 4 && out.compare(out.size() - 4, 4, ".svg") == 0;
}

}  // namespace

bool check_kpi(const std::string& name, std::ostream& err) {
  const auto& names = kpi_names();
  if (std::find(names.begin(), names.end(), name) != names.end()) return true;
  err << "journeysim: --kpi: " << unknown_name_text("KPI", "KPIs", name, names) << '\n';
  return false;
}

namespace {

// --walk-all: every customer walked in every variant (the same figures, slower).
void add_walk_all_flag(CLI::App& command, SimulationOptions& options) {
  command.add_flag("--walk-all", options.walk_all,
                   "Walk every customer in every variant, not only those a change reaches (the same figures to the "
                   "byte, slower: for checking and timing)");
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options) {
  CLI::App* command = app.add_subcommand("sweep", "One parameter over a range: a paired curve of KPIs with intervals");
  add_simulation_options(*command, options.simulation);
  command->get_option("--out")->description(
      "Write the report to this file (atomically) instead of standard output; a name ending in .svg writes the "
      "curves as a picture");
  command->add_option("--set", options.set, "PATH=A..B[:STEP], e.g. touchpoints.checkout.effort=1..7")->required();
  command->add_option("--kpi", options.kpis, "KPIs to show (repeat; default: the headline ones)");
  add_walk_all_flag(*command, options.simulation);
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
  // An impossible value stops the sweep, with its reason, before anything runs.
  if (const std::vector<Diagnostic> refusal = first_impossible_point(scenario, *spec); !refusal.empty()) {
    print_refusal(refusal, err);
    return exit_bad_input;
  }
  const std::vector<std::string>& kpis = options.kpis.empty() ? default_sweep_kpis() : options.kpis;
  const InterruptWatch watch;
  const BatchedComparison batched = compare_sweep(scenario, *spec, kpis, prepared.run, progress_bar(err), watch.flag());
  if (batched.cancelled) return report_interrupted(err);
  const ComparisonReport& report = batched.report;
  // Segments with their own value of the field keep it (sweep_variant).
  const std::vector<std::string> own_value = segments_with_own_value(scenario, spec->address);
  const std::string path = spec->address.text();

  std::string text;
  if (writes_svg(options.simulation)) {
    text = report::sweep_curves_svg(report::make_sweep_curves(scenario, *spec, report, kpis));
  } else if (options.simulation.format == Format::json) {
    Json points = Json::array();
    for (const VariantComparison& v : report.variants) {
      Json figures = Json::object();
      for (const std::string& name : kpis) {
        const KpiChange* c = v.find_change(name);
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
    text = json_text(Json{{"scenario", scenario.name},
                          {"customers", report.baseline.customers},
                          {"seed", report.baseline.seed},
                          {"path", path},
                          {"segments_with_own_value", own_value},
                          {"baseline", baseline},
                          {"points", points}});
  } else if (options.simulation.format == Format::csv) {
    CsvTable csv;
    for (const VariantComparison& v : report.variants) {
      for (const std::string& name : kpis) {
        const KpiChange* c = v.find_change(name);
        if (!c) continue;
        csv.estimate("sweep", v.name, name, c->variant);
        csv.estimate("sweep", v.name, name + "_change", c->change);
      }
    }
    text = csv.text();
  } else {
    std::ostringstream table;
    table << scenario.name << ": sweep of " << path << " over " << spec->labels.front() << ".." << spec->labels.back()
          << " (" << spec->values.size() << " values), " << pairing_text(report.baseline, "value") << ", seed "
          << report.baseline.seed << "\n";
    if (!own_value.empty()) table << own_value_note(own_value, path, scenario.segments.size());
    for (const std::string& name : kpis) {
      const Kpi* base = report.baseline.find_kpi(name);
      table << "\n"
            << kpi_presentation(name).label << " (baseline "
            << (!base           ? std::string("-")
                : base->defined ? kpi_value_text(name, base->estimate.value) + " " + kpi_base_text(*base)
                                : kpi_undefined_text(*base))
            << ")\n";
      table << "  value              KPI   change vs baseline and its 95% interval\n";
      for (const VariantComparison& v : report.variants) {
        const KpiChange* c = v.find_change(name);
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
          << (report.baseline.replications > 0
                  ? "with the baseline replication by replication (the same customers at the same times)"
                  : "with the same customers' baseline")
          << "; intervals measure simulation noise only.\n";
    text = table.str();
  }
  return emit(options.simulation, text, out, err);
}

CLI::App* add_sensitivity_command(CLI::App& app, SensitivityOptions& options) {
  CLI::App* command = app.add_subcommand(
      "sensitivity", "Perturb every touchpoint and transition a little and rank the effects: what to fix first");
  add_simulation_options(*command, options.simulation);
  command->add_option("--kpi", options.kpi, "The KPI to rank by (default: churn_rate)");
  add_whole_number_option(*command, "--top", options.top, 1, 100000, "How many to list (default 20)");
  add_walk_all_flag(*command, options.simulation);
  return command;
}

int run_sensitivity(const SensitivityOptions& options, std::ostream& out, std::ostream& err) {
  if (!check_kpi(options.kpi, err)) return exit_usage;
  PreparedRun prepared = prepare_run(options.simulation, err);
  if (!prepared.scenario) return prepared.exit_code;
  const Scenario& scenario = *prepared.scenario;
  const InterruptWatch watch;
  const FixFirstRanking ranking = rank_levers(scenario, options.kpi, prepared.run, progress_bar(err), watch.flag());
  if (ranking.cancelled) return report_interrupted(err);
  const ComparisonReport& report = ranking.report;
  const std::vector<LeverEffect>& effects = ranking.effects;
  const std::vector<LeverNotMade>& skipped = ranking.skipped;
  const std::size_t comparisons = ranking.comparisons;
  const double z_family = ranking.family_threshold;

  std::string text;
  if (options.simulation.format == Format::json) {
    Json ranked = Json::array();
    for (std::size_t i = 0; i < effects.size() && i < options.top; ++i) {
      Json entry = Json{{"rank", i + 1}, {"perturbation", effects[i].label}};
      entry["change"] = estimate_to_json(effects[i].change.change);
      entry["significant"] = effects[i].change.significant();
      entry["significant_after_bonferroni"] = effects[i].significant_after_bonferroni;
      entry["revenue_per_customer_change"] = estimate_to_json(effects[i].revenue);
      entry["base_change"] = effects[i].base_change;
      entry["base_shrinks"] = effects[i].base_shrinks;
      ranked.push_back(entry);
    }
    Json not_made = Json::array();
    for (const LeverNotMade& n : skipped) not_made.push_back(Json{{"perturbation", n.label}, {"reason", n.reason}});
    text = json_text(Json{{"scenario", scenario.name},
                          {"kpi", options.kpi},
                          {"customers", report.baseline.customers},
                          {"seed", report.baseline.seed},
                          {"comparisons", comparisons},
                          {"skipped", not_made},
                          {"baseline", estimate_to_json(report.baseline.find_kpi(options.kpi)->estimate)},
                          {"ranking", ranked}});
  } else if (options.simulation.format == Format::csv) {
    CsvTable csv;
    for (const LeverEffect& e : effects) {
      csv.estimate("sensitivity", e.label, options.kpi + "_change", e.change.change);
      csv.estimate("sensitivity", e.label, "revenue_per_customer_change", e.revenue);
      csv.number("sensitivity", e.label, "base_change", static_cast<double>(e.base_change));
      csv.count("sensitivity", e.label, "base_shrinks", e.base_shrinks ? 1 : 0);
    }
    for (const LeverNotMade& n : skipped) csv.count("sensitivity", n.label, "not_made", 1);
    text = csv.text();
  } else {
    std::ostringstream table;
    const Kpi* base = report.baseline.find_kpi(options.kpi);
    table << scenario.name << ": what to fix first for " << kpi_presentation(options.kpi).label << " (baseline "
          << (base ? kpi_value_text(options.kpi, base->estimate.value) : "-") << "), ";
    table << pairing_text(report.baseline, "change") << ", seed " << report.baseline.seed << "\n\n";
    if (base && !base->defined) {
      table << kpi_presentation(options.kpi).label << " is undefined for this scenario (" << base->undefined_reason
            << "): nothing to rank; choose another --kpi.\n\n";
    } else if (base) {
      std::string label = kpi_presentation(options.kpi).label;
      label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
      table << label << " is counted among " << base->base << ": " << grouped_count(base->sample_size)
            << " in the baseline. A change that shrinks that base is marked.\n\n";
    }
    table << "  rank  " << std::string("change").append(38, ' ') << "effect        95% interval" << std::string(14, ' ')
          << "revenue / customer\n";
    for (std::size_t i = 0; i < effects.size() && i < options.top; ++i) {
      const LeverEffect& e = effects[i];
      std::string label = e.label;
      label.resize(std::max<std::size_t>(label.size(), 44), ' ');
      std::string rank = std::to_string(i + 1);
      rank.insert(0, rank.size() < 4 ? 4 - rank.size() : 0, ' ');
      const ChangeText change = kpi_change_texts(options.kpi, e.change.change);
      std::string effect = change.value;
      effect.resize(std::max<std::size_t>(effect.size(), 12), ' ');
      std::string interval = change.interval() + (e.significant_after_bonferroni ? " **"
                                                  : e.change.significant()       ? " *"
                                                                                 : "");
      interval.resize(std::max<std::size_t>(interval.size(), 26), ' ');
      table << "  " << rank << "  " << label << effect << "  " << interval
            << kpi_change_texts(kpi::revenue_per_customer, e.revenue).value
            << (e.base_shrinks ? "   (base shrinks by " + grouped_count(static_cast<std::uint64_t>(-e.base_change)) +
                                     ": the gain may be fewer customers counted)"
                               : "")
            << '\n';
    }
    table << "\n" << comparisons << " perturbations were compared, each paired with the baseline on the same customers";
    if (!skipped.empty()) table << "; " << skipped.size() << " could not be made (listed below)";
    table << ".\n"
          << "*  the effect's 95% interval excludes 0; with " << comparisons << " comparisons about "
          << format_number(0.05 * static_cast<double>(comparisons), 3) << " would by chance alone.\n"
          << "** it still does at the family-wise 95% level (Bonferroni: |effect| > " << format_number(z_family, 3)
          << " standard errors).\n"
          << "Levers, each an improvement at one touchpoint: drop-off transitions x"
          << format_number(sensitivity_dropoff_factor) << ", effort -1, sentiment +"
          << format_number(sensitivity_sentiment_step) << ", a wait's or a support touchpoint's time x"
          << format_number(sensitivity_wait_factor) << " (see docs/what-if.md).\n";
    if (!skipped.empty()) {
      table << "\nCould not be made:\n";
      for (const LeverNotMade& n : skipped) table << "  " << n.label << ": " << n.reason << '\n';
    }
    text = table.str();
  }
  return emit(options.simulation, text, out, err);
}

}  // namespace journeysim::cli
