// The report's simulations in order (comparison, then the ranking), their
// progress reported as one, and the page rendered from them.
#include "journeysim/report/report_page.hpp"

#include "journeysim/graph/sensitivity.hpp"
#include "journeysim/report/html_report.hpp"
#include "journeysim/sim/fix_first.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "journeysim/sim/simulate.hpp"

namespace journeysim::report {

namespace {

// Two phases reported as one run of progress: each phase's own fraction,
// scaled by its weight (the walks it makes: the baseline and each variant).
class PhasedProgress {
 public:
  static constexpr std::uint64_t ticks_per_walk = 1000;

  PhasedProgress(const ProgressCallback& progress, std::uint64_t first_walks, std::uint64_t second_walks)
      : progress_(progress), first_(first_walks), total_(first_walks + second_walks) {}

  ProgressCallback phase(bool second) const {
    if (!progress_) return {};
    const std::uint64_t start = second ? first_ : 0;
    const std::uint64_t walks = second ? total_ - first_ : first_;
    return [this, start, walks](std::uint64_t done, std::uint64_t total) {
      const double fraction = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
      const double walks_done = static_cast<double>(start) + fraction * static_cast<double>(walks);
      progress_(static_cast<std::uint64_t>(walks_done * ticks_per_walk), total_ * ticks_per_walk);
    };
  }

 private:
  const ProgressCallback& progress_;
  std::uint64_t first_, total_;
};

}  // namespace

std::string ranking_kpi(const Scenario& scenario) {
  for (const char* name : {kpi::churn_rate, kpi::conversion_rate, kpi::lost_rate}) {
    if (kpi_not_applicable(scenario, name).empty()) return name;
  }
  return {};
}

ReportPage make_report_page(const Scenario& scenario, const ReportRequest& request, const ProgressCallback& progress,
                            const std::atomic<bool>* cancel) {
  ReportPage page;
  const bool wanted = request.fix_first.value_or(!scenario.has_queues());
  const std::string kpi = request.kpi.value_or(ranking_kpi(scenario));
  const bool ranks = wanted && !kpi.empty();
  const PhasedProgress phases(progress, 1 + request.what_ifs.size(),
                              ranks ? 1 + sensitivity_perturbations(scenario).size() : 0);

  SimulatedComparison compared =
      compare_report(scenario, request.what_ifs, request.options, phases.phase(false), cancel);
  page.comparison = std::move(compared.report);
  if (compared.cancelled) {
    page.cancelled = true;
    return page;
  }
  ReportInput input{scenario, request.source, page.comparison, nullptr, {}};
  std::optional<FixFirstRanking> ranking;
  if (!wanted) {
    input.fix_first_note =
        "Not ranked in this report: the queue model's levers take minutes to simulate. Run "
        "journeysim report with --fix-first on, or journeysim sensitivity, for the ranking.";
  } else if (kpi.empty()) {
    input.fix_first_note =
        "Not ranked: the journey defines no churn, conversion or lost ending to rank by; give --kpi.";
  } else {
    ranking = rank_levers(scenario, kpi, request.options, phases.phase(true), cancel);
    if (ranking->cancelled) {
      page.cancelled = true;
      return page;
    }
    input.fix_first = &*ranking;
  }
  page.html = render_html_report(input);
  return page;
}

}  // namespace journeysim::report
