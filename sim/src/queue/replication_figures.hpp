// Every figure of a queue-model run, replication by replication: what the
// intervals of make_queue_report and the paired changes of
// compare_queue_variants are computed from. Internal to sim/.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "journeysim/sim/queue/queue_run.hpp"

namespace journeysim::detail {

// Figure name ("kpi.churn_rate", "outcome.hung_up", "touchpoint.ID.csat",
// "segment.ID.KPI", "stage.NAME.share", "retention.I") -> its value in each
// replication, NaN where a replication does not have it.
using ReplicationFigures = std::map<std::string, std::vector<double>>;

// The estimates of a report under those names (pointers into `report`).
std::vector<std::pair<std::string, Estimate*>> estimates_of(RunReport& report);

ReplicationFigures replication_figures(const Scenario& scenario, const RunOptions& options, const QueueRun& run);

}  // namespace journeysim::detail
