// The format's key tables, named as docs/scenario.schema.json's $defs, and the
// limits the readers hold values to. Internal to the loader (graph/src/loader/).
#pragma once

#include <string_view>
#include <vector>

#include "journeysim/graph/distribution.hpp"
#include "journeysim/graph/what_if.hpp"

namespace journeysim::loader {

using Keys = std::vector<std::string_view>;

// Key tables, named as the schema's $defs.
inline const Keys scenario_keys{
    "$schema", "name",      "description", "customers", "seed", "entry",    "touchpoints", "transitions",     "stages",
    "horizon", "max_steps", "sentiment",   "nps",       "csat", "segments", "what_if",     "abandonment_from"};
inline const Keys touchpoint_keys{"id",     "name", "description", "stage",   "channel",  "dwell", "sentiment",
                                  "effort", "csat", "cost",        "revenue", "converts", "wait",  "outcome"};
inline const Keys transition_keys{"from", "to", "p", "sentiment_weight", "description", "observed"};
inline const Keys observed_keys{"count", "of"};
inline const Keys segment_keys{"id",    "name",      "description", "share",
                               "entry", "sentiment", "touchpoints", "transitions"};
inline const Keys segment_touchpoint_keys{"id", "dwell", "sentiment", "effort", "csat", "cost", "revenue"};
inline const Keys segment_transition_keys{"from", "to", "p", "sentiment_weight"};
inline const Keys sentiment_model_keys{"initial", "effort_penalty", "per_wait_hour", "min", "max"};
inline const Keys segment_sentiment_keys{"initial"};
inline const Keys nps_model_keys{"noise_sd", "cutpoints", "not_asked"};
inline const Keys csat_model_keys{"noise_sd", "cutpoints"};
inline const Keys what_if_keys{"name", "description", "cost", "changes"};
// A change: one operation key, and the keys that operation takes.
inline const Keys what_if_change_keys{"set",
                                      "value",
                                      "scale",
                                      "by",
                                      "add_touchpoint",
                                      "remove_touchpoint",
                                      "inflow_to",
                                      "add_transition",
                                      "remove_transition",
                                      "reroute",
                                      "to",
                                      "share",
                                      "segment"};
struct ChangeOperation {
  std::string_view key;
  WhatIfChange::Kind kind;
  Keys companions;  // the other keys it takes (all required)
};
inline const std::vector<ChangeOperation> change_operations{
    {"set", WhatIfChange::Kind::set, {"value"}},
    {"scale", WhatIfChange::Kind::scale, {"by"}},
    {"add_touchpoint", WhatIfChange::Kind::add_touchpoint, {}},
    {"remove_touchpoint", WhatIfChange::Kind::remove_touchpoint, {"inflow_to"}},
    {"add_transition", WhatIfChange::Kind::add_transition, {}},
    {"remove_transition", WhatIfChange::Kind::remove_transition, {}},
    {"reroute", WhatIfChange::Kind::reroute, {"to", "share"}},
};

// Keys of features still to come: named so the message can say so.
struct Unsupported {
  std::string_view key;
  std::string_view why;
};
inline const std::vector<Unsupported> unsupported_top_level{
    {"arrivals", "the queue model (arrivals) is not supported yet; remove \"arrivals\" for now"},
    {"hours", "the queue model (opening hours) is not supported yet; remove \"hours\" for now"},
    {"capacity", "the queue model (capacity) is not supported yet; remove \"capacity\" for now"}};
inline const std::vector<Unsupported> unsupported_touchpoint{
    {"capacity", "the queue model (capacity) is not supported yet; remove \"capacity\" for now"},
    {"hours", "the queue model (opening hours) is not supported yet; remove \"hours\" for now"}};

enum class Domain { duration, sentiment };

struct DistributionSpec {
  DistributionKind kind;
  Domain domain;
  std::string_view table;  // key table name
  Keys keys;
};
inline const std::vector<DistributionSpec> distribution_specs{
    {DistributionKind::fixed, Domain::duration, "duration_fixed", {"dist", "value"}},
    {DistributionKind::exponential, Domain::duration, "duration_exponential", {"dist", "mean"}},
    {DistributionKind::lognormal, Domain::duration, "duration_lognormal", {"dist", "median", "p90", "mu", "sigma"}},
    {DistributionKind::gamma, Domain::duration, "duration_gamma", {"dist", "mean", "sd"}},
    {DistributionKind::uniform, Domain::duration, "duration_uniform", {"dist", "min", "max"}},
    {DistributionKind::empirical, Domain::duration, "duration_empirical", {"dist", "values", "weights"}},
    {DistributionKind::fixed, Domain::sentiment, "sentiment_fixed", {"dist", "value"}},
    {DistributionKind::normal, Domain::sentiment, "sentiment_normal", {"dist", "mean", "sd"}},
    {DistributionKind::uniform, Domain::sentiment, "sentiment_uniform", {"dist", "min", "max"}},
    {DistributionKind::empirical, Domain::sentiment, "sentiment_empirical", {"dist", "values", "weights"}},
};

// The ranges numbers must lie in are shared with what-if variants: value_limits.hpp.

}  // namespace journeysim::loader
