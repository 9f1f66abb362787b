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
    "$schema",     "name",    "description",      "customers", "seed",      "entry", "touchpoints",
    "transitions", "stages",  "horizon",          "max_steps", "sentiment", "nps",   "csat",
    "segments",    "what_if", "abandonment_from", "arrivals",  "warm_up"};
inline const Keys touchpoint_keys{"id",      "name",      "description", "stage",    "channel",
                                  "dwell",   "sentiment", "effort",      "csat",     "cost",
                                  "revenue", "converts",  "wait",        "capacity", "outcome"};
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
// The queue model (DESIGN section 8).
inline const Keys arrivals_keys{"per_hour", "per_day", "by_hour", "by_weekday"};
inline const Keys capacity_keys{"agents",  "patience",      "on_renege", "queue_limit",
                                "on_balk", "answer_within", "schedule",  "on_closed"};
inline const Keys shift_keys{"days", "from", "to", "agents"};
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

// Keys that are not the format's but that people write (an older design's
// name, a feature to come): named so the message can say what to do. `why`
// is the message, then "; ", then the fix.
struct Unsupported {
  std::string_view key;
  std::string_view why;
};
inline const std::vector<Unsupported> unsupported_top_level{
    {"hours",
     "opening hours are a touchpoint's \"capacity\".\"schedule\"; write them there: \"capacity\": {\"schedule\": "
     "[{\"days\": \"mon-fri\", \"from\": \"08:00\", \"to\": \"20:00\", \"agents\": 10}]}"},
    {"capacity",
     "\"capacity\" belongs to a touchpoint, not to the scenario; move it into the touchpoint whose agents it gives"}};
inline const std::vector<Unsupported> unsupported_touchpoint{
    {"hours",
     "opening hours are the \"schedule\" of the touchpoint's \"capacity\"; write them as \"capacity\": "
     "{\"schedule\": [{\"days\": \"mon-fri\", \"from\": \"08:00\", \"to\": \"20:00\", \"agents\": 10}]}"}};

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
