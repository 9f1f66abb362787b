// `journeysim report` as a user runs it: a well-formed, self-contained page
// whose every figure is the run report's, and that keeps hostile scenario
// strings as text.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "../run_program.hpp"
#include "journeysim/sim/kpi_text.hpp"

namespace {

using namespace journeysim::test_programs;
using nlohmann::json;
namespace fs = std::filesystem;

fs::path temp_path(const std::string& name) { return fs::temp_directory_path() / name; }

bool xml_well_formed(const fs::path& file, std::string* why) {
  const Invocation check = run_program("xmllint --noout --nonet " + file.string());
  *why = check.err;
  return check.exit_code == 0;
}

// data-kpi="NAME" data-value="X" on the KPI cards.
std::map<std::string, std::string> card_values(const std::string& page) {
  std::map<std::string, std::string> values;
  const std::regex card(R"re(<div class="card[^"]*" data-kpi="([a-z0-9_]+)" data-value="([^"]+)")re");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), card); it != std::sregex_iterator(); ++it) {
    values[(*it)[1]] = (*it)[2];
  }
  return values;
}

TEST(ReportCommand, ShippedScenariosGiveWellFormedSelfContainedPagesWithTheRunsFigures) {
  for (const char* name : {"online_store.json", "saas_subscription.json", "contact_centre.json"}) {
    const fs::path out = temp_path(std::string("journeysim-report-") + name + ".html");
    const Invocation report = run_journeysim("report " + scenario(name) + " --customers 20000 --out " + out.string());
    ASSERT_EQ(report.exit_code, 0) << name << report.err;
    const std::string page = slurp(out);
    std::string why;
    EXPECT_TRUE(xml_well_formed(out, &why)) << name << ": " << why;
    // Nothing that could fetch: no script, no link, no external URL.
    EXPECT_EQ(page.find("<script"), std::string::npos) << name;
    EXPECT_EQ(page.find("<link"), std::string::npos) << name;
    EXPECT_EQ(page.find("url("), std::string::npos) << name;
    EXPECT_EQ(page.find("@import"), std::string::npos) << name;
    const std::regex external(R"re((src|href)="[a-z]+:)re");
    EXPECT_FALSE(std::regex_search(page, external)) << name;
    for (const char* section :
         {"id=\"kpis\"", "id=\"map\"", "id=\"funnel\"", "id=\"emotion\"", "id=\"paths\"", "id=\"what-ifs\""}) {
      EXPECT_NE(page.find(section), std::string::npos) << name << " lacks " << section;
    }

    const Invocation run = run_journeysim("run " + scenario(name) + " --customers 20000 --format json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const json kpis = json::parse(run.out).at("kpis");
    const auto cards = card_values(page);
    EXPECT_EQ(cards.size(), kpis.size()) << name;
    for (const auto& [kpi, figure] : kpis.items()) {
      ASSERT_TRUE(cards.count(kpi)) << name << ": no card for " << kpi;
      if (figure.at("value").is_null()) {
        EXPECT_EQ(cards.at(kpi), "null") << name << ": " << kpi;
      } else {
        ASSERT_NE(cards.at(kpi), "null") << name << ": " << kpi;
        EXPECT_EQ(std::stod(cards.at(kpi)), figure.at("value").get<double>()) << name << ": " << kpi;
        // The card says what the figure is a share or mean of, as the run's JSON does.
        const std::string base = "class=\"base\">of " +
                                 journeysim::grouped_count(figure.at("base_count").get<std::uint64_t>()) + " " +
                                 figure.at("base").get<std::string>() + "<";
        EXPECT_NE(page.find(base), std::string::npos) << name << ": " << kpi << " lacks " << base;
      }
    }
    // The emotion curve's points are the run's mean sentiment on leaving each stage.
    const std::regex point(R"re(data-stage="([^"]+)" data-sentiment="([^"]+)")re");
    std::map<std::string, double> curve;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), point); it != std::sregex_iterator(); ++it) {
      curve[(*it)[1]] = std::stod((*it)[2]);
    }
    std::size_t stages_with_exits = 0;
    const json run_report = json::parse(run.out);  // kept: a range-for over a temporary's member dangles
    for (const json& stage : run_report.at("funnel")) {
      const json& sentiment = stage.at("sentiment").at("value");
      if (sentiment.is_null()) continue;
      ++stages_with_exits;
      ASSERT_TRUE(curve.count(stage.at("stage"))) << name << ": no point for " << stage.at("stage");
      EXPECT_EQ(curve.at(stage.at("stage")), sentiment.get<double>()) << name;
    }
    EXPECT_EQ(curve.size(), stages_with_exits) << name;
    EXPECT_GE(curve.size(), 2u) << name;
    fs::remove(out);
  }
}

TEST(ReportCommand, ScenarioStringsStayText) {
  const auto path = write_temp("journeysim-report-hostile.json", R"({
    "name": "<script>alert('name')</script> & \"friends\"",
    "description": "First paragraph with <b>tags</b>.\n\nSecond & last, with ]]> and a control \u001b[31m.",
    "entry": {"ad": 1},
    "touchpoints": [
      {"id": "ad", "name": "<img src=x onerror=alert(1)>", "channel": "<script>"},
      {"id": "won", "outcome": "converted", "revenue": 10},
      {"id": "gone", "outcome": "lost"}],
    "transitions": [{"from": "ad", "to": "won", "p": 0.3}, {"from": "ad", "to": "gone", "p": "rest"}],
    "what_if": [{"name": "Better <ad> \"now\"", "cost": 100,
                 "changes": [{"set": "transitions.ad->won.p", "value": 0.4}]}]
  })");
  const fs::path out = temp_path("journeysim-report-hostile.html");
  const Invocation report = run_journeysim("report " + path.string() + " --customers 5000 --out " + out.string());
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string page = slurp(out);
  std::string why;
  EXPECT_TRUE(xml_well_formed(out, &why)) << why;
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"),
            std::string::npos);
  EXPECT_NE(page.find("Better &lt;ad&gt; &quot;now&quot;"), std::string::npos);
  EXPECT_EQ(page.find('\x1b'), std::string::npos);
  fs::remove(out);
  fs::remove(path);
}

TEST(ReportCommand, SameBytesForAnyThreadCount) {
  const fs::path one = temp_path("journeysim-report-t1.html"), two = temp_path("journeysim-report-t2.html");
  const std::string base = "report " + scenario("online_store.json") + " --customers 9000 --out ";
  ASSERT_EQ(run_journeysim(base + one.string() + " --threads 1").exit_code, 0);
  ASSERT_EQ(run_journeysim(base + two.string() + " --threads 2").exit_code, 0);
  EXPECT_EQ(slurp(one), slurp(two));
  fs::remove(one);
  fs::remove(two);
}

TEST(ReportCommand, WhatIfsAreRankedByNetReturnWithAVerdict) {
  const fs::path out = temp_path("journeysim-report-ranked.html");
  ASSERT_EQ(
      run_journeysim("report " + scenario("online_store.json") + " --customers 20000 --out " + out.string()).exit_code,
      0);
  const std::string page = slurp(out);
  const std::regex verdict(R"re(<p class="verdict (good|bad|unsure)">([^<]+)</p>)re");
  std::vector<std::string> verdicts;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), verdict); it != std::sregex_iterator(); ++it) {
    verdicts.push_back((*it)[2]);
  }
  ASSERT_GE(verdicts.size(), 2u);
  for (const std::string& v : verdicts) {
    EXPECT_TRUE(v.rfind("worth it: net ", 0) == 0 || v.rfind("not worth it: net ", 0) == 0 ||
                v.rfind("too close to call: net ", 0) == 0 || v.rfind("no cost given", 0) == 0)
        << v;
  }
  fs::remove(out);
}

// "What to fix first": the sensitivity command's ten best levers, with the
// same changes; off by default in the queue model (whose levers take
// minutes), where the section says how to get it.
TEST(ReportCommand, WhatToFixFirstIsTheSensitivityRanking) {
  const fs::path out = temp_path("journeysim-report-fix-first.html");
  const Invocation report =
      run_journeysim("report " + scenario("online_store.json") + " --customers 5000 --out " + out.string());
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string page = slurp(out);
  ASSERT_NE(page.find("<section id=\"fix-first\">"), std::string::npos);
  const Invocation sensitivity =
      run_journeysim("sensitivity " + scenario("online_store.json") + " --customers 5000 --top 10 --format json");
  ASSERT_EQ(sensitivity.exit_code, 0) << sensitivity.err;
  const json ranking = json::parse(sensitivity.out).at("ranking");
  ASSERT_EQ(ranking.size(), 10u);
  const std::regex row(R"re(<tr data-lever="([^"]+)" data-change="([^"]+)")re");
  std::size_t i = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), row); it != std::sregex_iterator(); ++it, ++i) {
    ASSERT_LT(i, ranking.size());
    EXPECT_EQ((*it)[1], ranking[i].at("perturbation").get<std::string>()) << "rank " << i + 1;
    EXPECT_EQ(std::stod((*it)[2]), ranking[i].at("change").at("value").get<double>()) << "rank " << i + 1;
  }
  EXPECT_EQ(i, 10u);

  const Invocation queues =
      run_journeysim("report " + scenario("support_queues.json") + " --replications 2 --out " + out.string());
  ASSERT_EQ(queues.exit_code, 0) << queues.err;
  const std::string queue_page = slurp(out);
  EXPECT_NE(queue_page.find("Not ranked in this report: the queue model"), std::string::npos);
  EXPECT_EQ(queue_page.find("data-lever="), std::string::npos);
  const Invocation bad_kpi =
      run_journeysim("report " + scenario("online_store.json") + " --kpi churn --out " + out.string());
  EXPECT_EQ(bad_kpi.exit_code, 2);
  EXPECT_NE(bad_kpi.err.find("--kpi"), std::string::npos) << bad_kpi.err;
  fs::remove(out);
}

TEST(ReportCommand, UsageErrors) {
  const Invocation no_out = run_journeysim("report " + scenario("online_store.json"));
  EXPECT_EQ(no_out.exit_code, 2);
  EXPECT_NE(no_out.err.find("--out"), std::string::npos) << no_out.err;
  const Invocation unknown = run_journeysim("report " + scenario("online_store.json") +
                                            " --what-if 'One page checkout' --out /tmp/journeysim-x.html");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("did you mean \"One-page checkout\""), std::string::npos) << unknown.err;
  EXPECT_FALSE(fs::exists("/tmp/journeysim-x.html"));
}

}  // namespace
