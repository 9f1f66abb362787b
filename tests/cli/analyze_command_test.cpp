// `journeysim analyze` as a user runs it: the JSON shape of DESIGN section 10
// and exact figures on a small funnel; and, where sentiment weights or a
// horizon make the chain approximate, the simulated shares beside it.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;
using nlohmann::json;

// Two steps, no weights, no horizon: an exact chain.
const char* const kTwoSteps = R"({
    "entry": {"a": 1},
    "touchpoints": [{"id": "a", "channel": "web"}, {"id": "b", "channel": "email"},
                    {"id": "won", "outcome": "converted"}, {"id": "lost", "outcome": "lost"}],
    "transitions": [
      {"from": "a", "to": "won", "p": 0.1}, {"from": "a", "to": "b", "p": 0.4}, {"from": "a", "to": "lost", "p": "rest"},
      {"from": "b", "to": "won", "p": 0.5}, {"from": "b", "to": "lost", "p": "rest"}]
  })";

TEST(AnalyzeCommand, JsonHasTheContractShapeAndExactFigures) {
  // conversion = 0.1 + 0.4 x 0.5 = 0.3; every conversion but a->won's passes b.
  const auto path = write_temp("journeysim-analyze.json", kTwoSteps);
  const Invocation run = run_journeysim("analyze " + path.string() + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  EXPECT_NEAR(report.at("outcomes").at("won").get<double>(), 0.3, 1e-12);
  EXPECT_NEAR(report["outcomes"]["lost"].get<double>(), 0.7, 1e-12);
  EXPECT_NEAR(report.at("expected_steps").get<double>(), 1.4, 1e-12);
  EXPECT_NEAR(report.at("touchpoints").at("b").at("expected_visits").get<double>(), 0.4, 1e-12);
  EXPECT_NEAR(report.at("attribution").at("a").at("removal_effect").get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(report["attribution"]["b"]["removal_effect"].get<double>(), 0.2 / 0.3, 1e-12);
  EXPECT_NEAR(report["attribution"]["a"]["share"].get<double>(), 1.0 / (1.0 + 2.0 / 3.0), 1e-12);
  EXPECT_EQ(report.at("approximate"), false);
  EXPECT_NEAR(report.at("channels").at("email").at("removal_effect").get<double>(), 2.0 / 3.0, 1e-12);
  ASSERT_FALSE(report.at("likely_paths").empty());
  EXPECT_EQ(report["likely_paths"][0]["outcome"], "converted");
  std::filesystem::remove(path);
}

TEST(AnalyzeCommand, ShippedScenariosAnalyseAndSayTheyAreApproximate) {
  for (const char* name : {"online_store.json", "saas_subscription.json", "contact_centre.json"}) {
    const Invocation run = run_journeysim("analyze " + scenario(name) + " --format json");
    ASSERT_EQ(run.exit_code, 0) << name << run.err;
    EXPECT_EQ(json::parse(run.out).at("approximate"), true) << name;  // sentiment weights
  }
  const Invocation variant =
      run_journeysim("analyze " + scenario("online_store.json") + " --what-if 'Fix payment failures'");
  EXPECT_EQ(variant.exit_code, 0) << variant.err;
  EXPECT_NE(variant.out.find("(APPROXIMATE) of what-if \"Fix payment failures\""), std::string::npos) << variant.out;
}

TEST(AnalyzeCommand, LikelyJourneysCollapseASelfLoopWithItsCount) {
  // The likeliest conversion stays at `usage` three times: 0.5 x 0.5 x 0.5.
  const auto path = write_temp("journeysim-analyze-loop.json", R"({
    "entry": {"usage": 1},
    "touchpoints": [{"id": "usage"}, {"id": "won", "outcome": "converted"}],
    "transitions": [{"from": "usage", "to": "usage", "p": 0.5}, {"from": "usage", "to": "won", "p": "rest"}]
  })");
  const Invocation table = run_journeysim("analyze " + path.string() + " --paths 3");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("converted  50%  usage > won"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("converted  12.5%  usage x3 > won"), std::string::npos) << table.out;
  const json report = json::parse(run_journeysim("analyze " + path.string() + " --paths 3 --format json").out);
  EXPECT_EQ(report.at("likely_paths").at(2).at("path"), json::array({"usage", "usage", "usage", "won"}));
  std::filesystem::remove(path);
}

// One touchpoint of fixed sentiment s = 1 and two endings, the win weighted
// w = 1: the chain says p1 = 0.5, the model p1 e^{w s} / (p1 e^{w s} + p2) = e / (e + 1).
constexpr const char* weighted_choice = R"({
    "seed": 11,
    "entry": {"a": 1},
    "touchpoints": [{"id": "a", "channel": "web", "sentiment": 1.0},
                    {"id": "won", "outcome": "converted"}, {"id": "lost", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "won", "p": 0.5, "sentiment_weight": 1.0}, {"from": "a", "to": "lost", "p": "rest"}]
  })";

TEST(AnalyzeCommand, SentimentWeightsAreSimulatedBesideTheChainAndAgreeWithTheClosedForm) {
  const auto path = write_temp("journeysim-analyze-weighted.json", weighted_choice);
  const Invocation run = run_journeysim("analyze " + path.string() + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  EXPECT_EQ(report.at("approximate"), true);
  ASSERT_EQ(report.at("approximate_because").size(), 1u);
  const std::string reason = report["approximate_because"][0];
  EXPECT_NE(reason.find("a sentiment weight on 1 transition (a->won)"), std::string::npos) << reason;
  EXPECT_EQ(report.at("simulation").at("customers"), 20000);  // analyze's own default, not the scenario's
  EXPECT_EQ(report["simulation"].at("seed"), 11);
  EXPECT_NEAR(report.at("outcomes").at("won").get<double>(), 0.5, 1e-12);  // still the chain's
  const json& won = report.at("endings").at("won");
  EXPECT_EQ(won.at("outcome"), "converted");
  EXPECT_NEAR(won.at("chain").get<double>(), 0.5, 1e-12);
  const double model = std::exp(1.0) / (std::exp(1.0) + 1.0);
  const double n = 20000, se = std::sqrt(model * (1 - model) / n);
  const double simulated = won.at("simulated").at("value");
  EXPECT_NEAR(simulated, model, 5 * se);
  EXPECT_LT(won["simulated"].at("ci95").at(0).get<double>(), simulated);
  EXPECT_GT(won["simulated"]["ci95"].at(1).get<double>(), simulated);
  EXPECT_NEAR(report["endings"].at("lost").at("simulated").at("value").get<double>(), 1 - simulated, 1e-12);

  const Invocation table = run_journeysim("analyze " + path.string());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  // Loud at the top, the gap side by side, and nothing calls the figures exact.
  EXPECT_EQ(table.out.find("journeysim-analyze-weighted: analysis of the chain without sentiment weights or horizon "
                           "(APPROXIMATE)\n\nAPPROXIMATE: "),
            0u)
      << table.out;
  EXPECT_NE(table.out.find("  - a sentiment weight on 1 transition (a->won)"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("won (converted)                         chain 50.00%    simulated "), std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("(20,000 customers, seed 11)"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("\n  lost (lost)                             chain 50.00%    simulated "), std::string::npos)
      << table.out;
  EXPECT_EQ(table.out.find("exact"), std::string::npos) << table.out;
  std::filesystem::remove(path);
}

TEST(AnalyzeCommand, TheSimulationHonoursCustomersAndSeedAndNotTheThreadCount) {
  const std::string base = "analyze " + scenario("online_store.json") + " --customers 9000";
  for (const char* format : {"table", "json", "csv"}) {
    const Invocation one = run_journeysim(base + " --seed 5 --threads 1 --format " + format);
    const Invocation three = run_journeysim(base + " --seed 5 --threads 3 --format " + format);
    ASSERT_EQ(one.exit_code, 0) << one.err;
    ASSERT_EQ(three.exit_code, 0) << three.err;
    EXPECT_EQ(one.out, three.out) << format;
    EXPECT_NE(one.out, run_journeysim(base + " --seed 6 --threads 1 --format " + format).out) << format;
  }
  const json report = json::parse(run_journeysim(base + " --seed 5 --format json").out);
  EXPECT_EQ(report.at("simulation").at("customers"), 9000);
  EXPECT_EQ(report["simulation"].at("seed"), 5);
  const json& because = report.at("approximate_because");
  ASSERT_EQ(because.size(), 1u);  // weights, no horizon
  EXPECT_NE(because[0].get<std::string>().find("sentiment weights on "), std::string::npos) << because;
  EXPECT_NE(because[0].get<std::string>().find(" more)"), std::string::npos)
      << because;  // a few named, the rest counted
}

TEST(AnalyzeCommand, TheSimulationIsRunsOwnForAVariantAndASegment) {
  // The same engine on the same keyed draws: a variant's shares are compare's
  // for it, a segment's are run --segment's, to the last digit.
  const std::string file = scenario("online_store.json");
  const json variant = json::parse(
      run_journeysim("analyze " + file + " --what-if 'Fix payment failures' --customers 6000 --format json").out);
  const json compared = json::parse(
      run_journeysim("compare " + file + " --what-if 'Fix payment failures' --customers 6000 --format json").out);
  const json segment =
      json::parse(run_journeysim("analyze " + file + " --segment loyal_regulars --customers 6000 --format json").out);
  const json run =
      json::parse(run_journeysim("run " + file + " --segment loyal_regulars --customers 6000 --format json").out);
  const json& variant_outcomes = compared.at("variants").at(0).at("report").at("outcomes");
  ASSERT_FALSE(variant_outcomes.empty());
  for (const auto& [id, figures] : variant_outcomes.items()) {
    EXPECT_EQ(variant.at("endings").at(id).at("simulated").at("value"), figures.at("share")) << id;
  }
  for (const auto& [id, figures] : run.at("outcomes").items()) {
    EXPECT_EQ(segment.at("endings").at(id).at("simulated").at("value"), figures.at("share")) << id;
  }
}

TEST(AnalyzeCommand, AHorizonIsAReasonAndItsActiveCustomersAnEnding) {
  const Invocation run =
      run_journeysim("analyze " + scenario("saas_subscription.json") + " --format json --customers 4000");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);
  bool horizon = false;
  for (const json& reason : report.at("approximate_because")) {
    horizon = horizon || reason.get<std::string>().find("a horizon of 365d") != std::string::npos;
  }
  EXPECT_TRUE(horizon) << report["approximate_because"];
  const json& active = report.at("endings").at("active");
  EXPECT_EQ(active.at("chain"), 0.0);  // the chain never ends travelling
  EXPECT_GT(active.at("simulated").at("value").get<double>(), 0.0);
}

TEST(AnalyzeCommand, AWeightInASegmentOnlyMakesTheChainApproximate) {
  const auto path = write_temp("journeysim-analyze-segment-weight.json", R"({
    "entry": {"a": 1},
    "touchpoints": [{"id": "a", "sentiment": 1.0}, {"id": "won", "outcome": "converted"}, {"id": "lost", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "won", "p": 0.5}, {"from": "a", "to": "lost", "p": "rest"}],
    "segments": [{"id": "calm", "share": 0.5},
                 {"id": "moody", "share": 0.5, "transitions": [{"from": "a", "to": "won", "sentiment_weight": 2}]}]
  })");
  const json report = json::parse(run_journeysim("analyze " + path.string() + " --format json").out);
  EXPECT_EQ(report.at("approximate"), true);
  EXPECT_NE(report.at("approximate_because").at(0).get<std::string>().find("(a->won)"), std::string::npos);
  // Only the calm segment: no weight, exact again.
  const json calm = json::parse(run_journeysim("analyze " + path.string() + " --segment calm --format json").out);
  EXPECT_EQ(calm.at("approximate"), false);
  EXPECT_FALSE(calm.contains("endings"));
  std::filesystem::remove(path);
}

TEST(AnalyzeCommand, CsvCarriesEverySectionOfTheJson) {
  const Invocation run =
      run_journeysim("analyze " + scenario("saas_subscription.json") + " --format csv --customers 4000");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string& csv = run.out;
  EXPECT_EQ(csv.find("section,key,metric,value,ci95_lo,ci95_hi,segment\n"), 0u) << csv.substr(0, 200);
  for (const char* row : {"\nanalysis,approximate,value,1,", "\napproximate_because,1,reason,",
                          "\nsimulation,customers,value,4000,", "\noutcomes,", "\nsummary,conversion,value,",
                          "\ntouchpoints,", "\nattribution,", ",first_touch,", ",last_touch,", ",linear_touch,",
                          "\nendings,active,simulated,", "\nchannels,", "\nlikely_paths,", ",path,", ",probability,"}) {
    EXPECT_NE(csv.find(row), std::string::npos) << row;
  }
  EXPECT_NE(csv.find("\nsummary,conversion,value,"), csv.rfind("\nsummary,conversion,value,"));  // per segment too
  EXPECT_NE(csv.find(",self_serve_smb\n"), std::string::npos);                                   // the segment column
  // RFC 4180: a reason holding commas and quotes is one quoted field, its quotes doubled.
  EXPECT_NE(csv.find(R"(end ""active"", which the chain never does")"), std::string::npos) << csv;
  // A simulated share has its interval in ci95_lo and ci95_hi.
  const std::size_t at = csv.find("\nendings,active,simulated,");
  const std::string line = csv.substr(at + 1, csv.find('\n', at + 1) - at - 1);
  EXPECT_EQ(std::count(line.begin(), line.end(), ','), 6) << line;
  EXPECT_EQ(line.find(",,"), std::string::npos) << line;
}

// What analyze prints for a chain with neither weights nor a horizon: what it
// printed before the simulation beside approximate chains came (commit
// bafd433), with the linear touch share since. It must not change by a byte,
// whatever the simulation flags say.
constexpr const char* exact_table = R"golden(journeysim-analyze-exact: exact analysis

Endings                                 probability
  won (converted)                         30%
  lost (lost)                             70%

Expected steps per customer 1.4, expected journey 0 h

Expected visits per customer (most visited first)
  a                                       1
  b                                       0.4

Attribution of conversions (30% of customers convert)
                                  removal effect     share   first touch   last touch   linear touch
  a                                         100%       60%          100%       33.33%            60%
  b                                       66.67%       40%            0%       66.67%            40%

                                  removal effect     share   (by channel)
  web                                       100%       60%
  email                                   66.67%       40%
  (removal effect: the share of conversions lost if the touchpoint or channel were removed;
   share: removal effects normalised to sum to 100%, as Markov attribution reports them;
   first and last touch: the share of conversions entering at the touchpoint, or converting
   straight after it; linear touch: its share of the touches of the customers who convert)

Most likely journeys
  converted  20%  a > b > won
  converted  10%  a > won
  lost  50%  a > lost
  lost  20%  a > b > lost

These are exact figures of the Markov chain, not estimates: no intervals.
)golden";
constexpr const char* exact_json = R"golden({
  "scenario": "journeysim-analyze-exact",
  "approximate": false,
  "outcomes": {
    "won": 0.30000000000000004,
    "lost": 0.7
  },
  "conversion": 0.30000000000000004,
  "expected_steps": 1.4,
  "expected_hours": 0.0,
  "touchpoints": {
    "a": {
      "expected_visits": 1.0
    },
    "b": {
      "expected_visits": 0.4
    },
    "won": {
      "expected_visits": 0.30000000000000004
    },
    "lost": {
      "expected_visits": 0.7
    }
  },
  "attribution": {
    "a": {
      "removal_effect": 1.0,
      "share": 0.6000000000000001,
      "first_touch": 1.0,
      "last_touch": 0.3333333333333333,
      "linear_touch": 0.6000000000000001
    },
    "b": {
      "removal_effect": 0.6666666666666666,
      "share": 0.4,
      "first_touch": 0.0,
      "last_touch": 0.6666666666666666,
      "linear_touch": 0.4
    }
  },
  "channels": {
    "web": {
      "removal_effect": 1.0,
      "share": 0.6
    },
    "email": {
      "removal_effect": 0.6666666666666667,
      "share": 0.4
    }
  },
  "segments": {},
  "likely_paths": [
    {
      "outcome": "converted",
      "path": [
        "a",
        "b",
        "won"
      ],
      "probability": 0.2
    },
    {
      "outcome": "converted",
      "path": [
        "a",
        "won"
      ],
      "probability": 0.1
    },
    {
      "outcome": "lost",
      "path": [
        "a",
        "lost"
      ],
      "probability": 0.5
    },
    {
      "outcome": "lost",
      "path": [
        "a",
        "b",
        "lost"
      ],
      "probability": 0.2
    }
  ]
}
)golden";

TEST(AnalyzeCommand, AnExactChainPrintsWhatItPrintedBeforeByteForByte) {
  const auto path = write_temp("journeysim-analyze-exact.json", kTwoSteps);
  for (const char* flags : {"", " --customers 50 --seed 9 --threads 3"}) {
    const Invocation table = run_journeysim("analyze " + path.string() + flags);
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_EQ(table.out, exact_table) << flags;
    EXPECT_EQ(run_journeysim("analyze " + path.string() + flags + " --format json").out, exact_json) << flags;
  }
  std::filesystem::remove(path);
}

}  // namespace
