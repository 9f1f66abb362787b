// The viewer's editing loop without a display: an ImGui context drives the
// App frame by frame. Editing a probability and re-running changes the KPIs,
// undo restores them exactly, an invalid edit is refused with its message,
// and a save round-trips through the file.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app.hpp"
#include "journeysim/graph/scenario_loader.hpp"

namespace journeysim::viewer {
namespace {

class ViewerApp : public testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    path_ = std::filesystem::temp_directory_path() / ("journeysim-viewer-app-" + std::to_string(::getpid()) + ".json");
    std::filesystem::copy_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json", path_,
                               std::filesystem::copy_options::overwrite_existing);
  }
  void TearDown() override {
    ImGui::DestroyContext();
    std::filesystem::remove(path_);
  }

  void frame(App& app) {
    ImGui::NewFrame();
    app.frame(ImVec2(1600, 1000));
    ImGui::Render();
  }
  // Frames until the run under way has finished and been taken.
  void settle(App& app) {
    for (int i = 0; i < 2000; ++i) {
      frame(app);
      if (!app.simulation_running() && app.has_report()) {
        frame(app);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    FAIL() << "the simulation did not finish";
  }
  static double conversion(const App& app) { return app.report()->find_kpi(kpi::conversion_rate)->estimate.value; }

  std::filesystem::path path_;
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
  const auto text_of = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const std::string original = text_of(std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/online_store.json");
  ASSERT_TRUE(app.save(path_.string()));
  EXPECT_FALSE(app.dirty());
  const std::string saved = text_of(path_);
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
