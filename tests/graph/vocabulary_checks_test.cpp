// Tests the loader's warnings for scenarios that load but would not mean what
// their author meant (vocabulary_checks.hpp): near-misses of the outcome and
// stage vocabulary, abandoned endings without a checkout, a horizon under a
// day, an unreachable conversion point. Each is a warning: the scenario loads.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "journeysim/graph/scenario_loader.hpp"

namespace journeysim {
namespace {

// The scenario's warnings as the CLI prints them (file "s").
std::vector<std::string> warnings_of(const std::string& text) {
  const LoadResult loaded = load_scenario_text(text);
  EXPECT_TRUE(loaded.ok());
  std::vector<std::string> out;
  for (const Diagnostic& d : loaded.diagnostics.all()) {
    if (d.severity == Severity::warning) out.push_back(format_diagnostic(d, "s", loaded.document.get()));
  }
  return out;
}

// One touchpoint of stage STAGE, ending at an outcome of kind KIND.
std::string journey(const std::string& stage, const std::string& kind, const std::string& extra = "") {
  return "{" + extra + "\"entry\": {\"a\": 1},\n\"touchpoints\": [{\"id\": \"a\", \"stage\": \"" + stage +
         "\"},\n{\"id\": \"end\", \"outcome\": \"" + kind +
         "\"}],\n\"transitions\": [{\"from\": \"a\", \"to\": \"end\", \"p\": 1}]}";
}

TEST(VocabularyWarnings, OutcomeKindsThatNearlyMatch) {
  EXPECT_EQ(
      warnings_of(journey("usage", "Converted")),
      std::vector<std::string>{"s:3:26: warning: touchpoints[1].outcome: outcome \"Converted\" is a custom name, so "
                               "it counts towards no headline rate; did you mean \"converted\"?"});
  for (const auto& [written, meant] : std::vector<std::pair<std::string, std::string>>{
           {"churn", "churned"}, {"abandon", "abandoned"}, {"LOST", "lost"}, {"convertd", "converted"}}) {
    const std::vector<std::string> w = warnings_of(journey("usage", written));
    ASSERT_EQ(w.size(), 1u) << written;
    EXPECT_NE(w[0].find("did you mean \"" + meant + "\"?"), std::string::npos) << w[0];
  }
  // Custom kinds that are no near-miss, and the vocabulary itself, say nothing.
  for (const std::string kind : {"retained", "left", "unresolved", "converted", "churned", "lost"}) {
    EXPECT_TRUE(warnings_of(journey("usage", kind)).empty()) << kind;
  }
}

TEST(VocabularyWarnings, StagesThatNearlyMatch) {
  const std::vector<std::string> w = warnings_of(journey("Purchase", "converted"));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0],
            "s:2:38: warning: touchpoints[0].stage: stage \"Purchase\" is a custom name, not the \"purchase\" "
            "stage that cart abandonment counts from; did you mean \"purchase\"?");
  EXPECT_NE(warnings_of(journey("suport", "converted"))[0].find("did you mean \"support\"?"), std::string::npos);
  EXPECT_TRUE(warnings_of(journey("application", "converted")).empty());
}

TEST(VocabularyWarnings, AbandonedWithoutCheckout) {
  const std::vector<std::string> w = warnings_of(journey("apply", "abandoned"));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0],
            "s:3:26: warning: touchpoints[1].outcome: an \"abandoned\" ending, but nothing says where checkout "
            "begins, so abandonment_rate is undefined; give the checkout touchpoints the stage \"purchase\", or "
            "set \"abandonment_from\" to the stage or touchpoint where checkout begins");
  EXPECT_TRUE(warnings_of(journey("apply", "abandoned", "\"abandonment_from\": \"apply\",\n")).empty());
  EXPECT_TRUE(warnings_of(journey("purchase", "abandoned")).empty());
}

TEST(VocabularyWarnings, HorizonUnderADay) {
  const std::vector<std::string> w = warnings_of(journey("usage", "converted", "\"horizon\": \"12m\",\n"));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0],
            "s:1:13: warning: horizon: a horizon of 12m is under a day: customers are followed for that long "
            "only (\"m\" is minutes); months are \"mo\" and years \"y\": did you mean \"12mo\"?");
  EXPECT_TRUE(warnings_of(journey("usage", "converted", "\"horizon\": \"12mo\",\n")).empty());
  EXPECT_TRUE(warnings_of(journey("usage", "converted", "\"horizon\": \"1d\",\n")).empty());
}

TEST(VocabularyWarnings, ConvertsNobodyReaches) {
  const std::string text = R"({"entry": {"a": 1},
    "touchpoints": [{"id": "a"}, {"id": "island", "converts": true}, {"id": "end", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "end", "p": 1}, {"from": "island", "to": "end", "p": 1}]})";
  // The structural checks also say the touchpoint is unreachable; this says what that does to conversion.
  std::vector<std::string> w = warnings_of(text);
  std::erase_if(w, [](const std::string& line) { return line.find("converts") == std::string::npos; });
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0],
            "s:2:63: warning: touchpoints[1].converts: touchpoint \"island\" converts, but no walk can reach it: "
            "it converts nobody; add a transition into it, or mark the touchpoint customers reach when they convert");
}

}  // namespace
}  // namespace journeysim
