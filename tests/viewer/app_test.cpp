// The viewer's editing loop without a display: an ImGui context drives the
// App frame by frame. Editing a probability and re-running changes the KPIs,
// undo restores them exactly, an invalid edit is refused with its message,
// a save round-trips through the file; edits pair with a pinned baseline,
// touchpoints are added and removed, what-ifs are shown, and every panel
// draws with every selection.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

#include "../run_program.hpp"
#include "app.hpp"
#include "headless.hpp"
#include "journeysim/graph/scenario_loader.hpp"
#include "journeysim/sim/kpi_text.hpp"
#include "kpi_card.hpp"

namespace journeysim::viewer {
namespace {

using test_programs::slurp;

class ViewerApp : public testing::Test {
 protected:
  void SetUp() override {
    context_.emplace();
    path_ = std::filesystem::temp_directory_path() / ("journeysim-viewer-app-" + std::to_string(::getpid()) + ".json");
    std::filesystem::copy_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json", path_,
                               std::filesystem::copy_options::overwrite_existing);
  }
  void TearDown() override {
    context_.reset();
    std::filesystem::remove(path_);
  }

  void frame(App& app) {
    ImGui::NewFrame();
    app.frame(ImVec2(1600, 1000));
    ImGui::Render();
  }
  // The run under way finished and taken in, then a frame drawn with it.
  void settle(App& app) {
    app.wait_for_run();
    frame(app);
    ASSERT_TRUE(app.has_report());
  }
  static double conversion(const App& app) { return app.report()->find_kpi(kpi::conversion_rate)->estimate.value; }

  std::filesystem::path path_;
  std::optional<HeadlessContext> context_;
};

TEST_F(ViewerApp, EditRunUndoSave) {
  App app;
  app.run_options().customers = 20'000;
  ASSERT_TRUE(app.open(path_.string()));
  app.run_options().customers = 20'000;
  app.start_run();
  settle(app);
  const double before = conversion(app);

  // checkout -> payment (transition 25) from 0.66 to 0.8: "rest" (cart_abandoned) absorbs it.
  Json edited = app.document();
  ASSERT_EQ(edited["transitions"][25]["from"], "checkout");
  ASSERT_EQ(edited["transitions"][25]["to"], "payment");
  edited["transitions"][25]["p"] = 0.8;
  ASSERT_TRUE(app.apply_edit(edited, "checkout->payment p")) << app.edit_error();
  EXPECT_TRUE(app.dirty());
  settle(app);
  EXPECT_GT(conversion(app), before);

  ASSERT_TRUE(app.undo());
  settle(app);
  EXPECT_EQ(conversion(app), before);  // same seed, same scenario: the same figure exactly
  EXPECT_FALSE(app.dirty());
  ASSERT_TRUE(app.redo());
  settle(app);

  // An edit the loader refuses is not taken, and says why.
  Json invalid = app.document();
  invalid["transitions"][25]["p"] = 2;
  EXPECT_FALSE(app.apply_edit(invalid, "bad"));
  EXPECT_NE(app.edit_error().find("probability 2 is above 1"), std::string::npos) << app.edit_error();

  // Save: the file now holds the edit, and only the edited value changed.
  const std::string original = slurp(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json");
  ASSERT_TRUE(app.save(path_.string()));
  EXPECT_FALSE(app.dirty());
  const std::string saved = slurp(path_);
  EXPECT_NE(saved, original);
  EXPECT_EQ(saved.size(), original.size() - std::string("0.66").size() + std::string("0.8").size());
  const LoadResult reloaded = load_scenario_file(path_.string());
  ASSERT_TRUE(reloaded.ok());
  EXPECT_DOUBLE_EQ(reloaded.scenario->transitions[25].p.value, 0.8);
}

TEST_F(ViewerApp, QuittingWithUnsavedEditsAsksFirst) {
  App app;
  ASSERT_TRUE(app.open(path_.string()));
  EXPECT_TRUE(app.request_quit());  // nothing to lose
  Json edited = app.document();
  edited["touchpoints"][8]["effort"] = 2;
  ASSERT_TRUE(app.apply_edit(edited, "effort"));
  EXPECT_FALSE(app.request_quit());  // the dialog opens instead
}

}  // namespace
}  // namespace journeysim::viewer

// Pairing, structural edits, what-ifs and every panel drawn with every
// selection, through the App as the window drives it.
namespace journeysim::viewer {
namespace {

std::size_t touchpoint_index(const App& app, const char* id) { return *app.scenario()->find_touchpoint(id); }

std::size_t transition_index(const App& app, const char* from, const char* to) {
  return *app.scenario()->find_transition(touchpoint_index(app, from), touchpoint_index(app, to));
}

TEST_F(ViewerApp, AnEditAgainstAPinnedBaselineIsPaired) {
  App app;
  ASSERT_TRUE(app.open(path_.string()));
  app.run_options().customers = 20'000;
  app.start_run();
  settle(app);
  const double before = conversion(app);
  app.pin_baseline();
  ASSERT_TRUE(app.baseline_pinned());
  // Halve failed payments: conversion rises, and the rise is measured on the same customers.
  const std::size_t k = transition_index(app, "payment", "payment_failed");
  ASSERT_TRUE(app.apply_edit(with_probability(app.document(), k, 0.04), "payment->payment_failed p"));
  settle(app);
  const VariantComparison* paired = app.comparison();
  ASSERT_NE(paired, nullptr);
  const auto change = std::find_if(paired->kpis.begin(), paired->kpis.end(),
                                   [](const KpiChange& c) { return c.name == kpi::conversion_rate; });
  ASSERT_NE(change, paired->kpis.end());
  EXPECT_EQ(change->baseline.value, before);  // the pinned baseline's own figure, exactly
  EXPECT_GT(change->change.value, 0.0);
  EXPECT_TRUE(change->significant());
  EXPECT_EQ(conversion(app), change->variant.value);  // the cards show the edited scenario
}

TEST_F(ViewerApp, AddingAndRemovingTouchpointsRunsUndoesAndSaves) {
  App app;
  app.run_options().customers = 5'000;
  ASSERT_TRUE(app.open(path_.string()));
  app.run_options().customers = 5'000;
  app.pin_baseline();  // structural edits pair too
  const std::size_t touchpoints = app.scenario()->touchpoints.size();
  const std::size_t flow = transition_index(app, "cart", "checkout");
  ASSERT_TRUE(
      app.apply_edit(with_touchpoint_on_flow(app.document(), *app.scenario(), flow,
                                             Json{{"id", "delivery_quote"}, {"stage", "purchase"}, {"channel", "web"}}),
                     "add delivery_quote"))
      << app.edit_error();
  settle(app);
  ASSERT_EQ(app.scenario()->touchpoints.size(), touchpoints + 1);
  const auto figures = std::find_if(app.report()->touchpoints.begin(), app.report()->touchpoints.end(),
                                    [](const TouchpointFigures& t) { return t.id == "delivery_quote"; });
  ASSERT_NE(figures, app.report()->touchpoints.end());
  EXPECT_GT(figures->visitors, 0u);  // everyone who went from cart to checkout passes through it
  ASSERT_NE(app.comparison(), nullptr);

  // Remove another touchpoint, its inflow to the checkout form.
  ASSERT_TRUE(app.apply_edit(
      with_touchpoint_removed(app.document(), touchpoint_index(app, "reviews"), touchpoint_index(app, "cart")),
      "remove reviews"))
      << app.edit_error();
  settle(app);
  EXPECT_FALSE(app.scenario()->find_touchpoint("reviews").has_value());
  ASSERT_NE(app.comparison(), nullptr);

  // Undo both: the file's scenario again, and nothing unsaved.
  ASSERT_TRUE(app.undo());
  ASSERT_TRUE(app.undo());
  settle(app);
  EXPECT_EQ(app.scenario()->touchpoints.size(), touchpoints);
  EXPECT_FALSE(app.dirty());

  // Redo the addition and save: the file gains the touchpoint's line and the new transition's.
  ASSERT_TRUE(app.redo());
  const std::string original = slurp(path_);
  ASSERT_TRUE(app.save(path_.string()));
  const LoadResult reloaded = load_scenario_file(path_.string());
  ASSERT_TRUE(reloaded.ok());
  EXPECT_TRUE(reloaded.scenario->find_touchpoint("delivery_quote").has_value());
  const auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
  EXPECT_EQ(lines(slurp(path_)), lines(original) + 2);
}

TEST_F(ViewerApp, AnEditTheLoaderRefusesLeavesEverythingAsItWas) {
  App app;
  ASSERT_TRUE(app.open(path_.string()));
  const Json before = app.document();
  // The only way out of a touchpoint cannot be removed.
  const std::size_t confirmed = touchpoint_index(app, "order_confirmed");
  std::size_t only = 0;
  for (std::size_t k = 0; k < app.scenario()->transitions.size(); ++k) {
    if (app.scenario()->transitions[k].from == confirmed) only = k;
  }
  EXPECT_FALSE(app.apply_edit(with_transition_removed(app.document(), *app.scenario(), only), "remove"));
  EXPECT_NE(app.edit_error().find("has no other way out"), std::string::npos) << app.edit_error();
  EXPECT_EQ(app.document(), before);
  EXPECT_FALSE(app.dirty());
  EXPECT_FALSE(app.undo());  // nothing was taken, so there is nothing to undo
}

TEST_F(ViewerApp, AWhatIfIsShownPairedAgainstTheScenario) {
  App app;
  app.run_options().customers = 10'000;
  ASSERT_TRUE(app.open(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/saas_subscription.json"));
  app.run_options().customers = 10'000;
  EXPECT_FALSE(app.show_what_if("no such what-if"));
  ASSERT_TRUE(app.show_what_if("Proactive onboarding email"));
  settle(app);
  ASSERT_NE(app.comparison(), nullptr);
  EXPECT_EQ(app.comparison()->name, "Proactive onboarding email");
  // The variant's own touchpoint has figures: the canvas draws the variant's structure.
  const bool added = std::any_of(app.report()->touchpoints.begin(), app.report()->touchpoints.end(),
                                 [&](const TouchpointFigures& t) { return !app.scenario()->find_touchpoint(t.id); });
  EXPECT_TRUE(added);
}

// Run > Sweep gives the figures `journeysim sweep` gives for the same field,
// values, customers and seed, and the Charts tab draws them; a sweep that
// cannot be made says why and starts nothing.
TEST_F(ViewerApp, ASweepHasTheSweepCommandsFiguresAndIsDrawn) {
  App app;
  ASSERT_TRUE(app.open(path_.string()));
  app.run_options().customers = 4'000;
  app.run_options().seed = 11;
  EXPECT_FALSE(app.start_sweep("touchpoints.chekout.effort=1..3"));
  EXPECT_NE(app.status().find("did you mean \"checkout\"?"), std::string::npos) << app.status();
  EXPECT_FALSE(app.sweep_running());
  ASSERT_TRUE(app.start_sweep("touchpoints.checkout.effort=1..3", {kpi::conversion_rate, kpi::nps}));
  app.wait_for_sweep();
  ASSERT_NE(app.sweep_curves(), nullptr);
  const report::SweepCurves& curves = *app.sweep_curves();
  ASSERT_EQ(curves.labels, (std::vector<std::string>{"1", "2", "3"}));
  ASSERT_EQ(curves.panels.size(), 2u);

  const auto cli = test_programs::run_journeysim("sweep " + path_.string() +
                                                 " --set touchpoints.checkout.effort=1..3 --kpi conversion_rate "
                                                 "--kpi nps --customers 4000 --seed 11 --format json");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const Json points = Json::parse(cli.out).at("points");
  ASSERT_EQ(points.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(curves.panels[0].values[i].value, points[i].at("kpis").at("conversion_rate").at("value"));
    EXPECT_DOUBLE_EQ(curves.panels[1].values[i].value, points[i].at("kpis").at("nps").at("value"));
  }
  app.wait_for_run();
  app.show_tab(SideTab::charts);
  frame(app);
  frame(app);
}

// The Fix first tab's ranking, made a few levers at a time, is the
// sensitivity command's: the same levers in the same order with the same
// changes; the last ranking published while it ran is the final one.
TEST_F(ViewerApp, TheFixFirstPanelRanksAsTheSensitivityCommandDoes) {
  App app;
  ASSERT_TRUE(app.open(path_.string()));
  app.run_options().customers = 3'000;
  app.run_options().seed = 5;
  ASSERT_TRUE(app.start_fix_first());
  app.wait_for_fix_first();
  const std::shared_ptr<const FixFirstRanking> ranking = app.fix_first_ranking();
  ASSERT_NE(ranking, nullptr);
  const LoadResult loaded = load_scenario_file(path_.string());
  ASSERT_TRUE(loaded.ok());
  const FixFirstRanking expected = rank_levers(*loaded.scenario, kpi::churn_rate, app.run_options());
  EXPECT_EQ(ranking->kpi, kpi::churn_rate);
  ASSERT_EQ(ranking->effects.size(), expected.effects.size());
  ASSERT_GT(ranking->effects.size(), 6u);  // more than one batch
  for (std::size_t i = 0; i < expected.effects.size(); ++i) {
    EXPECT_EQ(ranking->effects[i].label, expected.effects[i].label);
    EXPECT_EQ(ranking->effects[i].change.change.value, expected.effects[i].change.change.value);
    EXPECT_EQ(ranking->effects[i].significant_after_bonferroni, expected.effects[i].significant_after_bonferroni);
  }
  app.wait_for_run();
  app.show_tab(SideTab::fix_first);
  frame(app);
  frame(app);
}

// Every tab drawn with every touchpoint and every transition selected, on
// every shipped scenario and what-if: no panel may fail on any of them (the
// sanitizer build runs this too).
class EveryPanel : public testing::TestWithParam<std::string> {};

TEST_P(EveryPanel, DrawsWithEverySelection) {
  const HeadlessContext context;
  {
    App app;
    app.run_options().customers = 3'000;
    ASSERT_TRUE(app.open(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam() + ".json"));
    app.run_options().customers = 3'000;
    const auto draw = [&] {
      ImGui::NewFrame();
      app.frame(ImVec2(1600, 1000));
      ImGui::Render();
    };
    std::vector<std::string> what_ifs{""};
    for (const WhatIf& w : app.scenario()->what_if) what_ifs.push_back(w.name);
    for (const std::string& what_if : what_ifs) {
      if (!what_if.empty()) {
        ASSERT_TRUE(app.show_what_if(what_if));
      }
      app.start_run();
      app.wait_for_run();
      draw();
      ASSERT_TRUE(app.has_report());
      std::vector<std::string> selections;
      for (const Touchpoint& t : app.scenario()->touchpoints) selections.push_back(t.id);
      for (std::size_t k = 0; k < app.scenario()->transitions.size(); ++k)
        selections.push_back(app.scenario()->transition_label(k));
      for (SideTab tab : {SideTab::figures, SideTab::charts, SideTab::paths, SideTab::fix_first}) {
        app.show_tab(tab);
        draw();
        draw();
      }
      app.show_tab(SideTab::inspect);
      for (const std::string& id : selections) {
        ASSERT_TRUE(app.select(id)) << id;
        draw();
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, EveryPanel, testing::Values("online_store", "saas_subscription", "contact_centre"),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace journeysim::viewer

// The file changing on disk (the strategist saved it from their editor).
namespace journeysim::viewer {
namespace {

void replace_in_file(const std::filesystem::path& path, const std::string& from, const std::string& to) {
  std::string text = slurp(path);
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  std::ofstream(path, std::ios::trunc) << text;
  // A later modification time than the one the viewer read, whatever the file system's resolution.
  std::filesystem::last_write_time(path, std::filesystem::last_write_time(path) + std::chrono::seconds(2));
}

TEST_F(ViewerApp, AFileChangedOnDiskIsReloadedKeepingTheSelection) {
  App app;
  app.run_options().customers = 2'000;
  ASSERT_TRUE(app.open(path_.string()));
  ASSERT_TRUE(app.select("checkout"));
  replace_in_file(path_, R"("from": "payment", "to": "payment_failed", "p": 0.08)",
                  R"("from": "payment", "to": "payment_failed", "p": 0.05)");
  for (int i = 0; i < 90; ++i) frame(app);  // the disk is looked at once a second of frames
  const std::size_t k = transition_index(app, "payment", "payment_failed");
  EXPECT_EQ(app.scenario()->transitions[k].p.value, 0.05);
  EXPECT_FALSE(app.dirty());
  EXPECT_TRUE(app.select("checkout"));
}

TEST_F(ViewerApp, AFileChangedOnDiskNeverReplacesUnsavedEdits) {
  App app;
  app.run_options().customers = 2'000;
  ASSERT_TRUE(app.open(path_.string()));
  Json edited = app.document();
  edited["touchpoints"][8]["effort"] = 2;
  ASSERT_TRUE(app.apply_edit(edited, "effort"));
  replace_in_file(path_, R"("from": "payment", "to": "payment_failed", "p": 0.08)",
                  R"("from": "payment", "to": "payment_failed", "p": 0.05)");
  for (int i = 0; i < 90; ++i) frame(app);
  // The edit stays, the file's change waits for the user's answer (a dialog).
  EXPECT_TRUE(app.dirty());
  EXPECT_EQ(app.document()["touchpoints"][8]["effort"], 2);
  const std::size_t k = transition_index(app, "payment", "payment_failed");
  EXPECT_EQ(app.scenario()->transitions[k].p.value, 0.08);
}

TEST_F(ViewerApp, AFileBrokenOnDiskIsReportedAndTheLastGoodOneKept) {
  App app;
  app.run_options().customers = 2'000;
  ASSERT_TRUE(app.open(path_.string()));
  replace_in_file(path_, R"("p": 0.08)", R"("p": 1.08)");
  for (int i = 0; i < 90; ++i) frame(app);
  EXPECT_NE(app.status_line().find("cannot be loaded"), std::string::npos) << app.status_line();
  ASSERT_EQ(app.file_problems().size(), 1u);
  EXPECT_NE(app.file_problems()[0].find("probability 1.08 is above 1"), std::string::npos) << app.file_problems()[0];
  const std::size_t k = transition_index(app, "payment", "payment_failed");
  EXPECT_EQ(app.scenario()->transitions[k].p.value, 0.08);
}

// The notice of a file that cannot be loaded stays on screen through runs
// (a run's "Simulated ..." used to replace it) until the file loads again.
TEST_F(ViewerApp, AFileBrokenMissingOrAFolderOnDiskKeepsItsNoticeThroughRuns) {
  App app;
  app.run_options().customers = 2'000;
  ASSERT_TRUE(app.open(path_.string()));
  settle(app);
  const std::string good = slurp(path_);
  const auto run_and_look = [&](const char* notice) {
    for (int i = 0; i < 90; ++i) frame(app);  // the disk is looked at once a second of frames
    app.start_run();
    settle(app);
    EXPECT_NE(app.status().find("Simulated"), std::string::npos) << app.status();
    EXPECT_NE(app.status_line().find(notice), std::string::npos) << app.status_line();
    EXPECT_FALSE(app.file_problems().empty());
  };
  const auto restore = [&] {
    std::ofstream(path_, std::ios::trunc) << good;
    std::filesystem::last_write_time(path_, std::filesystem::last_write_time(path_) + std::chrono::seconds(10));
    for (int i = 0; i < 90; ++i) frame(app);
    EXPECT_TRUE(app.file_problems().empty()) << app.status_line();
    EXPECT_EQ(app.status_line().find("cannot be loaded"), std::string::npos) << app.status_line();
  };

  replace_in_file(path_, R"("p": 0.08)", R"("p": 1.08)");
  run_and_look("cannot be loaded (1 error)");
  restore();

  std::filesystem::remove(path_);
  run_and_look("missing on disk");
  restore();

  std::filesystem::remove(path_);
  std::filesystem::create_directory(path_);
  std::filesystem::last_write_time(path_, std::filesystem::file_time_type::clock::now() + std::chrono::seconds(5));
  run_and_look("cannot be loaded (1 error)");
  EXPECT_NE(app.file_problems()[0].find("this is a folder"), std::string::npos) << app.file_problems()[0];
  std::filesystem::remove(path_);
  restore();
  EXPECT_EQ(app.scenario()->name, "Online store");
}

// Another editor saved within the second before the poll: Save looks at the
// file, and asks instead of replacing their work.
TEST_F(ViewerApp, SaveAsksWhenTheFileChangedOnDiskSinceItWasRead) {
  App app;
  ASSERT_TRUE(app.open(path_.string()));
  Json edited = app.document();
  edited["touchpoints"][8]["effort"] = 2;
  ASSERT_TRUE(app.apply_edit(edited, "effort"));
  std::string theirs = slurp(path_);
  const std::string from = R"("from": "payment", "to": "payment_failed", "p": 0.08)";
  theirs.replace(theirs.find(from), from.size(), R"("from": "payment", "to": "payment_failed", "p": 0.05)");
  std::ofstream(path_, std::ios::trunc) << theirs;  // no frame: the poll has not seen it

  EXPECT_FALSE(app.save(path_.string()));
  EXPECT_TRUE(app.disk_question_open());
  EXPECT_EQ(slurp(path_), theirs);
  EXPECT_TRUE(app.dirty());
  app.answer_disk_question(App::DiskAnswer::keep_mine);
  EXPECT_FALSE(app.disk_question_open());
  EXPECT_EQ(slurp(path_), theirs);

  // Asked again at the next Save; this time the answer is to replace theirs.
  EXPECT_FALSE(app.save(path_.string()));
  ASSERT_TRUE(app.disk_question_open());
  app.answer_disk_question(App::DiskAnswer::overwrite);
  EXPECT_FALSE(app.dirty());
  const LoadResult saved = load_scenario_text(slurp(path_));
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved.scenario->touchpoints[8].effort, 2);

  // Or reload theirs, discarding the edit here.
  Json again = app.document();
  again["touchpoints"][8]["effort"] = 3;
  ASSERT_TRUE(app.apply_edit(again, "effort"));
  std::ofstream(path_, std::ios::trunc) << theirs;
  EXPECT_FALSE(app.save(path_.string()));
  app.answer_disk_question(App::DiskAnswer::reload);
  EXPECT_FALSE(app.dirty());
  EXPECT_EQ(app.scenario()->transitions[transition_index(app, "payment", "payment_failed")].p.value, 0.05);

  // A file deleted under the viewer is not silently written again either.
  std::filesystem::remove(path_);
  ASSERT_TRUE(app.apply_edit(edited, "effort"));
  EXPECT_FALSE(app.save(path_.string()));
  ASSERT_TRUE(app.disk_question_open());
  app.answer_disk_question(App::DiskAnswer::overwrite);
  EXPECT_TRUE(std::filesystem::exists(path_));
}

// While "changed on disk" waits for an answer, Ctrl+S (and every other
// shortcut) is not taken: the question's buttons decide.
TEST_F(ViewerApp, CtrlSIsNotTakenWhileTheChangedOnDiskQuestionIsOpen) {
  App app;
  app.run_options().customers = 2'000;
  ASSERT_TRUE(app.open(path_.string()));
  Json edited = app.document();
  edited["touchpoints"][8]["effort"] = 2;
  ASSERT_TRUE(app.apply_edit(edited, "effort"));
  replace_in_file(path_, R"("p": 0.08)", R"("p": 0.05)");
  const std::string theirs = slurp(path_);
  for (int i = 0; i < 90; ++i) frame(app);
  ASSERT_TRUE(app.disk_question_open());
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = true;
  io.KeysDown[static_cast<int>('S')] = true;
  frame(app);
  io.KeysDown[static_cast<int>('S')] = false;
  io.KeysDown[static_cast<int>('Z')] = true;
  frame(app);
  io.KeysDown[static_cast<int>('Z')] = false;
  io.KeyCtrl = false;
  frame(app);
  EXPECT_EQ(slurp(path_), theirs);
  EXPECT_TRUE(app.dirty());
  EXPECT_EQ(app.document()["touchpoints"][8]["effort"], 2);  // nor undone under the question
  EXPECT_TRUE(app.disk_question_open());
}

// Every problem is listed, not the first: of a file that cannot be opened,
// and of an edit the loader refuses.
TEST_F(ViewerApp, EveryProblemIsListed) {
  replace_in_file(path_, R"("p": 0.08)", R"("p": 1.08)");
  replace_in_file(path_, R"("effort": 4)", R"("effort": 9)");
  App app;
  EXPECT_FALSE(app.open(path_.string()));
  const std::vector<std::string> problems = app.file_problems();
  ASSERT_EQ(problems.size(), 2u) << app.status_line();
  EXPECT_NE(problems[0].find("effort"), std::string::npos) << problems[0];  // in file order: touchpoints come first
  EXPECT_NE(problems[1].find("probability 1.08 is above 1"), std::string::npos) << problems[1];
  EXPECT_EQ(problems[1].rfind(path_.string() + ":", 0), 0u) << problems[1];
  EXPECT_NE(app.status_line().find("2 errors"), std::string::npos) << app.status_line();

  App editor;
  ASSERT_TRUE(editor.open(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json"));
  Json invalid = editor.document();
  invalid["transitions"][25]["p"] = 2;
  invalid["touchpoints"][8]["effort"] = 0;
  EXPECT_FALSE(editor.apply_edit(invalid, "bad"));
  EXPECT_NE(editor.edit_error().find("probability 2 is above 1"), std::string::npos) << editor.edit_error();
  EXPECT_NE(editor.edit_error().find("effort"), std::string::npos) << editor.edit_error();
  const std::string listed = editor.edit_error();
  EXPECT_EQ(std::count(listed.begin(), listed.end(), '\n'), 1) << listed;  // two problems, one per line
}

}  // namespace
}  // namespace journeysim::viewer

// A monkey at the mouse: random clicks and drags all over the window (the
// canvas, the run controls, every tab, the editor's sliders, buttons and
// combos, the dialogs they open) while runs start and restart. Every edit
// the viewer takes must load as a valid scenario, and undoing them all must
// give back the file's document exactly. Under the sanitizers this is also
// the test that no widget reads a model an edit in the same frame replaced.
namespace journeysim::viewer {
namespace {

class MonkeyAtTheMouse : public testing::TestWithParam<std::string> {};

TEST_P(MonkeyAtTheMouse, EditsStayValidAndUndoAllTheWayBack) {
  const HeadlessContext context;
  {
    const auto path =
        std::filesystem::temp_directory_path() / ("journeysim-monkey-" + std::to_string(::getpid()) + ".json");
    std::filesystem::copy_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + GetParam() + ".json", path,
                               std::filesystem::copy_options::overwrite_existing);
    App app;
    app.run_options().customers = 1'000;
    ASSERT_TRUE(app.open(path.string()));
    app.run_options().customers = 1'000;
    app.start_run();
    app.wait_for_run();  // the first gesture meets the finished run's screen, however slow the build
    const Json original = app.document();
    ImGuiIO& io = ImGui::GetIO();
    std::mt19937 random(20261201);
    std::uniform_real_distribution<float> x(0, 1600), y(0, 1000), step(-40, 40);
    const auto frame = [&] {
      ImGui::NewFrame();
      app.frame(ImVec2(1600, 1000));
      ImGui::Render();
    };
    std::vector<std::string> ids;  // touchpoints and transitions, to select in turn
    for (const Touchpoint& t : app.scenario()->touchpoints) ids.push_back(t.id);
    for (std::size_t k = 0; k < app.scenario()->transitions.size(); k += 3)
      ids.push_back(app.scenario()->transition_label(k));
    for (int gesture = 0; gesture < 400; ++gesture) {
      if (gesture % 8 == 0)
        app.select(ids[static_cast<std::size_t>(gesture / 8) % ids.size()]);  // a removed one stays unselected
      if (gesture % 4 != 3) app.show_tab(SideTab::inspect);  // the editor, mostly; the other tabs now and then
      // Mostly somewhere in the side panel that is a widget (the mouse wanders
      // until it hovers one), sometimes anywhere: the canvas, the menus.
      const bool anywhere = random() % 8 == 0;
      for (int tries = 0; tries < 8; ++tries) {
        io.MousePos = ImVec2(anywhere ? x(random) : 1045 + x(random) * 0.35f, y(random));
        frame();
        frame();  // hovering settles over two frames
        if (anywhere || ImGui::IsAnyItemHovered()) break;
      }
      io.MouseDown[0] = true;
      frame();
      if (random() % 3 == 0) {  // a drag: sliders, panning
        for (int k = 0; k < 3; ++k) {
          io.MousePos.x += step(random);
          frame();
        }
      }
      io.MouseDown[0] = false;
      frame();
      if (random() % 10 == 0) {
        io.KeysDown[ImGui::GetKeyIndex(ImGuiKey_Escape)] = true;  // close whatever popup opened
        frame();
        io.KeysDown[ImGui::GetKeyIndex(ImGuiKey_Escape)] = false;
        frame();
      }
      // Let the run an edit started finish, however long it takes, so that the
      // next gesture meets the same screen every time (the monkey is random,
      // but reproducibly so).
      app.wait_for_run();
      frame();
      // Whatever the viewer holds is a valid scenario.
      if (gesture % 5 == 0) {
        ASSERT_TRUE(load_scenario_text(app.document().dump()).ok())
            << "after gesture " << gesture << ": " << app.status();
      }
    }
    app.wait_for_run();
    frame();
    int undone = 0;
    while (app.undo()) ++undone;
    frame();
    EXPECT_GE(app.edits_taken(), 10u) << "the monkey hardly edited: aim it better";
    EXPECT_GT(undone, 0);
    EXPECT_EQ(app.document(), original) << "after undoing " << undone << " edits";
    EXPECT_FALSE(app.dirty());
    std::filesystem::remove(path);
    RecordProperty("edits_undone", undone);
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, MonkeyAtTheMouse,
                         testing::Values("online_store", "saas_subscription", "contact_centre"),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace journeysim::viewer

// The visual vocabulary: a scenario's own channels in colours of their own,
// a legend of every ending a colour stands for, labels cut between words.
namespace journeysim::viewer {
namespace {

// Perceived distance between two colours ("redmean", a cheap approximation of CIE distances).
double colour_distance(ImU32 a, ImU32 b) {
  const auto part = [](ImU32 c, int shift) { return static_cast<double>((c >> shift) & 0xFF); };
  const double r = (part(a, IM_COL32_R_SHIFT) + part(b, IM_COL32_R_SHIFT)) / 2;
  const double dr = part(a, IM_COL32_R_SHIFT) - part(b, IM_COL32_R_SHIFT);
  const double dg = part(a, IM_COL32_G_SHIFT) - part(b, IM_COL32_G_SHIFT);
  const double db = part(a, IM_COL32_B_SHIFT) - part(b, IM_COL32_B_SHIFT);
  return std::sqrt((2 + r / 256) * dr * dr + 4 * dg * dg + (2 + (255 - r) / 256) * db * db);
}

TEST(JourneyColours, AScenariosOwnChannelsGetDistinctColoursNotGreys) {
  Scenario scenario;
  for (const char* channel : {"tv", "field", "word_of_mouth", "web", ""}) {
    Touchpoint t;
    t.id = std::string("at_") + channel;
    t.channel = channel;
    scenario.touchpoints.push_back(t);
  }
  const JourneyColours colours({&scenario});
  const std::vector<std::string> own{"tv", "field", "word_of_mouth"};
  for (std::size_t i = 0; i < own.size(); ++i) {
    const ImU32 c = colours.channel(own[i]);
    const auto part = [&](int shift) { return static_cast<int>((c >> shift) & 0xFF); };
    const int spread = std::max({part(IM_COL32_R_SHIFT), part(IM_COL32_G_SHIFT), part(IM_COL32_B_SHIFT)}) -
                       std::min({part(IM_COL32_R_SHIFT), part(IM_COL32_G_SHIFT), part(IM_COL32_B_SHIFT)});
    EXPECT_GE(spread, 40) << own[i] << " is a grey";
    EXPECT_GE(colour_distance(c, colours.channel("")), 80) << own[i] << " looks like a touchpoint without a channel";
    for (std::size_t j = i + 1; j < own.size(); ++j) {
      EXPECT_GE(colour_distance(c, colours.channel(own[j])), 80) << own[i] << " and " << own[j];
    }
    for (const char* conventional : channel_vocabulary()) {
      EXPECT_GE(colour_distance(c, colours.channel(conventional)), 80) << own[i] << " and " << conventional;
    }
  }
  // The same colours whatever else the journey holds, for names that do not collide.
  EXPECT_EQ(JourneyColours({&scenario}).channel("tv"), colours.channel("tv"));
}

TEST_F(ViewerApp, TheLegendListsEveryEndingAColourStandsFor) {
  App app;
  app.run_options().customers = 2'000;
  ASSERT_TRUE(app.open(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/saas_subscription.json"));
  app.run_options().customers = 2'000;
  app.start_run();
  settle(app);
  const App::LegendEntries legend = app.legend_entries();
  // With a horizon, flows of customers still travelling there are drawn in active's colour.
  EXPECT_NE(std::find(legend.endings.begin(), legend.endings.end(), "active"), legend.endings.end());
  for (const OutcomeFigures& o : app.report()->outcomes) {
    EXPECT_NE(std::find(legend.endings.begin(), legend.endings.end(), o.kind), legend.endings.end()) << o.kind;
  }
  for (const Touchpoint& t : app.scenario()->touchpoints) {
    if (!t.terminal()) {
      EXPECT_NE(std::find(legend.channels.begin(), legend.channels.end(), t.channel), legend.channels.end()) << t.id;
    }
  }
}

TEST_F(ViewerApp, LabelsAreCutBetweenWordsAndSaySo) {
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  const float size = font->FontSize;
  const auto width_of = [&](const char* text) { return font->CalcTextSizeA(size, FLT_MAX, 0, text).x; };
  const std::string name = "Self-serve small businesses";
  // Room for "Self-serve small busin...": cut after "small", not inside "businesses".
  const FittedText one = fit_lines(name, width_of("Self-serve small busin..."), font, size, 1);
  ASSERT_EQ(one.lines.size(), 1u);
  EXPECT_EQ(one.lines[0], "Self-serve small...");
  EXPECT_TRUE(one.cut);
  // Two lines: broken between words, nothing cut.
  const FittedText two = fit_lines(name, width_of("Self-serve small"), font, size, 2);
  ASSERT_EQ(two.lines.size(), 2u);
  EXPECT_EQ(two.lines[0], "Self-serve small");
  EXPECT_EQ(two.lines[1], "businesses");
  EXPECT_FALSE(two.cut);
  // One word wider than the line is cut inside it (the tooltip has it whole).
  const FittedText word = fit_lines("Onboarding", width_of("Onboa..."), font, size, 1);
  EXPECT_EQ(word.lines[0], "Onboa...");
  EXPECT_TRUE(word.cut);
  EXPECT_EQ(fitted("Fits", 1000, font, size), "Fits");
}

TEST_F(ViewerApp, AWhatIfsValuesAreShownInTheInspectorMarkedAsItsOwn) {
  App app;
  app.run_options().customers = 2'000;
  ASSERT_TRUE(app.open(path_.string()));
  app.run_options().customers = 2'000;
  ASSERT_TRUE(app.select("checkout"));
  EXPECT_TRUE(app.what_if_changes_at_selection().empty());  // the scenario itself: nothing to mark
  ASSERT_TRUE(app.show_what_if("One-page checkout"));
  settle(app);
  const std::vector<FieldChange> changes = app.what_if_changes_at_selection();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].field, "effort");
  EXPECT_EQ(changes[0].variant, "2");
  EXPECT_EQ(changes[0].scenario, "4");
  app.show_tab(SideTab::inspect);
  frame(app);
  ASSERT_TRUE(app.select("checkout->payment"));
  frame(app);
  ASSERT_FALSE(app.what_if_changes_at_selection().empty());
  EXPECT_EQ(app.what_if_changes_at_selection()[0].variant, "0.74");
}

}  // namespace
}  // namespace journeysim::viewer

// Issue 11 in the viewer: each card says what its KPI is a share or mean of,
// an undefined KPI reads "-" with its reason, the emotion curve and the
// touchpoints' sentiment on leaving, and a personalised what-if's changes per
// segment. What a frame shows is read through ImGui's own text capture.
namespace journeysim::viewer {
namespace {

// The text one frame draws through ImGui's text widgets, tooltips included
// (the charts' axis labels are drawn on the draw list and are not in it),
// captured by ImGui's "log to clipboard" into a clipboard of our own. Tall,
// so that no panel's text is scrolled out of sight.
std::string frame_text(App& app) {
  static std::string captured;
  ImGuiIO& io = ImGui::GetIO();
  const auto set_clipboard = io.SetClipboardTextFn;
  io.SetClipboardTextFn = [](void*, const char* text) { captured = text; };
  captured.clear();
  ImGui::NewFrame();
  ImGui::LogToClipboard();
  app.frame(ImVec2(1600, 3000));
  ImGui::LogFinish();
  ImGui::Render();
  io.SetClipboardTextFn = set_clipboard;
  return captured;
}

bool shows(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Every card of the run: defined KPIs with their value and base, undefined
// ones as "-" with their reason; and the frame shows those notes.
void expect_cards_say_their_bases(App& app) {
  const RunReport& report = *app.report();
  const VariantComparison* paired = app.comparison();
  app.show_tab(SideTab::figures);
  frame_text(app);
  const std::string text = frame_text(app);
  std::size_t undefined = 0;
  for (const Kpi& k : report.kpis) {
    const KpiChange* change = nullptr;
    if (paired) {
      for (const KpiChange& c : paired->kpis) {
        if (c.name == k.name) change = &c;
      }
    }
    const KpiCard card = kpi_card(k, change);
    if (k.defined) {
      EXPECT_EQ(card.note, kpi_base_text(k)) << k.name;
      EXPECT_NE(card.value, "-") << k.name;
      if (change && change->defined) {
        EXPECT_FALSE(card.change_text.empty()) << k.name;
      }
    } else {
      ++undefined;
      EXPECT_EQ(card.value, "-") << k.name;  // never "0.00%"
      EXPECT_TRUE(card.interval.empty()) << k.name;
      EXPECT_EQ(card.note, k.undefined_reason) << k.name;
      EXPECT_FALSE(card.note.empty()) << k.name;
      EXPECT_EQ(card.change, nullptr) << k.name;
    }
  }
  EXPECT_GT(undefined, 0u);  // the online store has no horizon: retention is undefined
  // Notes that fit a card's two lines are on screen whole.
  const Kpi* conversion = report.find_kpi(kpi::conversion_rate);
  ASSERT_NE(conversion, nullptr);
  EXPECT_TRUE(shows(text, kpi_base_text(*conversion))) << text;
  const Kpi* churn = report.find_kpi(kpi::churn_rate);
  ASSERT_NE(churn, nullptr);
  EXPECT_TRUE(shows(text, "customers who converted")) << text;
  const Kpi* retention = report.find_kpi(kpi::retention_rate);
  ASSERT_NE(retention, nullptr);
  ASSERT_FALSE(retention->defined);
  EXPECT_TRUE(shows(text, retention->undefined_reason)) << text;
}

TEST_F(ViewerApp, CardsSayWhatEachKpiIsOfAndWhyOneIsUndefined) {
  App app;
  ASSERT_TRUE(app.open(path_.string()));
  app.run_options().customers = 5'000;
  app.start_run();
  settle(app);
  expect_cards_say_their_bases(app);
  EXPECT_EQ(kpi_card(*app.report()->find_kpi(kpi::conversion_rate), nullptr).note,
            "of " + grouped_count(5'000) + " customers");
  ASSERT_TRUE(app.show_what_if("One-page checkout"));
  settle(app);
  ASSERT_NE(app.comparison(), nullptr);
  expect_cards_say_their_bases(app);
}

TEST_F(ViewerApp, TheChartsShowTheEmotionCurveAndTheCanvasTheSentimentOnLeaving) {
  App app;
  ASSERT_TRUE(app.open(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/saas_subscription.json"));
  app.run_options().customers = 5'000;
  app.start_run();
  settle(app);
  const auto finite_stages = [&] {
    return std::count_if(app.report()->funnel.begin(), app.report()->funnel.end(),
                         [](const StageFigures& s) { return std::isfinite(s.sentiment.value); });
  };
  EXPECT_GE(finite_stages(), 3);
  app.show_tab(SideTab::charts);
  frame_text(app);
  std::string text = frame_text(app);
  EXPECT_TRUE(shows(text, "Emotion curve")) << text;
  EXPECT_TRUE(shows(text, "Mean sentiment as customers leave each stage, predicted by the simulation.")) << text;
  EXPECT_FALSE(shows(text, "with the change")) << text;  // one curve: no legend

  // Hovering a touchpoint: its mean sentiment on leaving, with its interval.
  const auto at = app.touchpoint_on_screen("setup_wizard");
  ASSERT_TRUE(at.has_value());
  const TouchpointFigures* figures = nullptr;
  for (const TouchpointFigures& t : app.report()->touchpoints) {
    if (t.id == "setup_wizard") figures = &t;
  }
  ASSERT_NE(figures, nullptr);
  ASSERT_TRUE(std::isfinite(figures->sentiment.value));
  ImGui::GetIO().MousePos = *at;
  frame(app);
  text = frame_text(app);
  EXPECT_TRUE(shows(text, "mean sentiment on leaving " + sentiment_text(figures->sentiment))) << text;
  ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);

  // A what-if: the baseline's curve beside the variant's, and a legend saying which is which.
  ASSERT_TRUE(app.show_what_if("Proactive onboarding email"));
  settle(app);
  EXPECT_GE(finite_stages(), 3);
  frame_text(app);
  text = frame_text(app);
  EXPECT_TRUE(shows(text, "baseline")) << text;
  EXPECT_TRUE(shows(text, "with the change")) << text;
}

TEST_F(ViewerApp, APersonalisedWhatIfShowsItsChangesPerSegment) {
  App app;
  ASSERT_TRUE(app.open(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/contact_centre.json"));
  app.run_options().customers = 20'000;
  ASSERT_TRUE(app.show_what_if("Priority line for small businesses"));
  settle(app);
  const VariantComparison* paired = app.comparison();
  ASSERT_NE(paired, nullptr);
  ASSERT_FALSE(paired->segments.empty());
  app.show_tab(SideTab::figures);
  frame_text(app);
  const std::string text = frame_text(app);
  EXPECT_TRUE(shows(text, "Changes by segment")) << text;
  std::size_t standing_out = 0;
  for (const auto& [segment, changes] : paired->segments) {
    bool any = false;
    for (const KpiChange& c : changes) {
      if (!c.significant()) continue;
      any = true;
      ++standing_out;
      const ChangeText change = kpi_change_texts(c.name, c.change, time_unit_for(std::abs(c.change.value)));
      EXPECT_TRUE(shows(text, change.value + " " + change.interval())) << segment << " " << c.name << "\n" << text;
    }
    if (segment == "small_business") {
      EXPECT_TRUE(any);  // their hold is halved: their waiting shortens beyond the noise
      EXPECT_TRUE(shows(text, "Small-business lines")) << text;
    } else {
      EXPECT_FALSE(any) << segment;  // the others wait as today, on the same draws: no change at all
    }
  }
  EXPECT_GT(standing_out, 0u);
  EXPECT_TRUE(shows(text, "none beyond the noise")) << text;  // the other segments
}

}  // namespace
}  // namespace journeysim::viewer
