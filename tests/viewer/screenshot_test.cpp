// The viewer for real: under Xvfb it opens each shipped scenario, simulates,
// draws and writes a PNG of each tab, a what-if (its emotion curve beside
// the baseline's, its changes per segment) and a selection; the picture
// must have the requested size and be far from blank in both halves (the
// canvas: boxes and curves; the side panel: cards, charts, text). Bad
// command lines fail with the documented exit codes and messages.
#include <gtest/gtest.h>

#include <stb_image.h>

#include "../run_program.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <set>
#include <string>

namespace {

bool have_xvfb() { return std::system("command -v xvfb-run >/dev/null 2>&1") == 0; }

// Runs the viewer under xvfb-run; returns its exit code, its stderr in `errors`.
// The viewer's own exit code is read from a line a wrapper shell prints
// after it, not from xvfb-run's: xvfb-run exits 5 when cleaning its
// temporary directory fails after the program ended, which judges the
// harness, not the viewer. Two xvfb-run -a started at once (ctest -j) can
// pick the same display, and then one fails to start its server: with no
// exit line the viewer never ran, and it is tried again, a few times.
int run_viewer(const std::string& arguments, std::string* errors = nullptr) {
  // Leak checking is off for the viewer process only: under the sanitizers the
  // OpenGL stack (GLFW, Mesa's llvmpipe) leaves a few hundred bytes of one-off
  // allocations that no program can free. The viewer's own code is leak-checked
  // by viewer_app_tests; address and undefined-behaviour checks stay on here.
  const std::string exit_line = "journeysim-viewer exited with ";
  journeysim::test_programs::Invocation run;
  std::size_t at = std::string::npos;
  for (int attempt = 0; attempt < 5 && at == std::string::npos; ++attempt) {
    run = journeysim::test_programs::run_program(
        "ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s '-screen 0 1600x1000x24' sh -c '\"$@\"; echo \"" + exit_line +
        "$?\" >&2' viewer " + std::string(JOURNEYSIM_VIEWER) + " " + arguments);
    at = run.err.rfind(exit_line);
  }
  if (at == std::string::npos) {
    if (errors) *errors = run.err;
    return -1;
  }
  if (errors) *errors = run.err.substr(0, at);  // the viewer's own stderr
  return std::atoi(run.err.c_str() + at + exit_line.size());
}

std::string scenario(const std::string& name) {
  return std::string(JOURNEYSIM_SOURCE_DIR) + "/scenarios/" + name + ".json";
}

// Distinct colours in a region of the picture, sampling every 5th pixel.
std::size_t colours_in(const unsigned char* pixels, int width, int x0, int x1, int height) {
  std::set<unsigned> colours;
  for (int y = 0; y < height; y += 2) {
    for (int x = x0; x < x1; x += 5) {
      const unsigned char* p = pixels + 3 * (static_cast<std::size_t>(y) * width + x);
      colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
    }
  }
  return colours.size();
}

// Pixels of exactly one colour (0xRRGGBB) in a region of the picture.
std::size_t pixels_of(unsigned colour, const unsigned char* pixels, int width, int x0, int x1, int height) {
  std::size_t n = 0;
  for (int y = 0; y < height; ++y) {
    for (int x = x0; x < x1; ++x) {
      const unsigned char* p = pixels + 3 * (static_cast<std::size_t>(y) * width + x);
      n += static_cast<unsigned>(p[0] << 16 | p[1] << 8 | p[2]) == colour;
    }
  }
  return n;
}

struct Shot {
  std::string scenario;
  std::string options;
  std::string name;
  unsigned side_colour = 0;  // a colour the side panel must show (0xRRGGBB), 0 for none
};

// The emotion curve's baseline, drawn beside a what-if's (charts_panel.cpp).
constexpr unsigned emotion_baseline_grey = 0x787C87;
// A queue's waits by hour of the week in the inspector (queue_panel.cpp).
constexpr unsigned queue_wait_blue = 0x1F77B4;
// A sweep's curves at the top of the Charts tab (sweep_panel.cpp).
constexpr unsigned sweep_line_blue = 0x2563EB;

void PrintTo(const Shot& shot, std::ostream* out) { *out << shot.scenario << " " << shot.options; }

class ViewerScreenshot : public testing::TestWithParam<Shot> {};

TEST_P(ViewerScreenshot, RendersAFullPicture) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  const Shot& shot = GetParam();
  const auto png = std::filesystem::temp_directory_path() / ("journeysim-shot-" + shot.name + ".png");
  std::filesystem::remove(png);
  std::string errors;
  ASSERT_EQ(run_viewer(scenario(shot.scenario) + " --customers 20000 --window 1600x1000 " + shot.options +
                           " --screenshot " + png.string(),
                       &errors),
            0)
      << errors;
  int width = 0, height = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.string().c_str(), &width, &height, &channels, 3);
  ASSERT_NE(pixels, nullptr);
  EXPECT_EQ(width, 1600);
  EXPECT_EQ(height, 1000);
  // The canvas (left) and the side panel (right) both carry a picture, not a blank field.
  EXPECT_GT(colours_in(pixels, width, 0, width * 6 / 10, height), 150u);
  EXPECT_GT(colours_in(pixels, width, width * 6 / 10, width, height), 60u);
  if (shot.side_colour != 0) {
    EXPECT_GT(pixels_of(shot.side_colour, pixels, width, width * 6 / 10, width, height), 20u)
        << std::hex << shot.side_colour;
  }
  stbi_image_free(pixels);
  std::filesystem::remove(png);
}

INSTANTIATE_TEST_SUITE_P(
    Shots, ViewerScreenshot,
    testing::Values(Shot{"online_store", "", "online_store"}, Shot{"saas_subscription", "", "saas_subscription"},
                    Shot{"contact_centre", "", "contact_centre"}, Shot{"saas_subscription", "--tab charts", "charts"},
                    Shot{"online_store", "--tab paths", "paths"}, Shot{"online_store", "--select checkout", "inspect"},
                    Shot{"contact_centre", "--select 'ivr_menu->phone_queue'", "transition"},
                    Shot{"saas_subscription", "--what-if 'Proactive onboarding email'", "what_if"},
                    Shot{"saas_subscription", "--tab charts --what-if 'Proactive onboarding email'", "emotion_curve",
                         emotion_baseline_grey},
                    Shot{"contact_centre", "--what-if 'Priority line for small businesses'", "segment_changes"},
                    Shot{"support_queues", "--select phone_queue", "queue_inspector", queue_wait_blue},
                    Shot{"online_store", "--tab charts --sweep touchpoints.checkout.effort=1..7", "sweep",
                         sweep_line_blue},
                    Shot{"saas_subscription", "--fix-first", "fix_first"}),
    [](const testing::TestParamInfo<Shot>& info) { return info.param.name; });

TEST(ViewerCommandLine, NamesThatAreNotInTheScenarioAreErrors) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  const auto png = std::filesystem::temp_directory_path() / "journeysim-never-written.png";
  std::string errors;
  EXPECT_EQ(run_viewer(scenario("online_store") + " --select chekout --screenshot " + png.string(), &errors), 1);
  EXPECT_NE(errors.find("--select: no touchpoint or transition \"chekout\" in "), std::string::npos) << errors;
  EXPECT_NE(errors.find("did you mean \"checkout\"?"), std::string::npos) << errors;
  EXPECT_EQ(
      run_viewer(scenario("online_store") + " --what-if 'One page checkout' --screenshot " + png.string(), &errors), 1);
  EXPECT_NE(errors.find("--what-if: no what-if \"One page checkout\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("did you mean \"One-page checkout\"?"), std::string::npos) << errors;
  EXPECT_EQ(run_viewer("/no/such/scenario.json --screenshot " + png.string(), &errors), 1);
  EXPECT_NE(errors.find("/no/such/scenario.json"), std::string::npos) << errors;
  EXPECT_FALSE(std::filesystem::exists(png));  // nothing half-written
}

// A file that cannot be opened: every problem, one per line, as the command line prints them.
TEST(ViewerCommandLine, AFileThatCannotBeOpenedHasEveryProblemListed) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  std::string text = journeysim::test_programs::slurp(scenario("online_store"));
  const auto replace = [&](const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
  };
  replace(R"("effort": 4)", R"("effort": 9)");
  replace(R"("from": "payment", "to": "payment_failed", "p": 0.08)",
          R"("from": "payment", "to": "payment_failed", "p": 1.08)");
  const auto broken = journeysim::test_programs::write_temp("journeysim-viewer-broken.json", text);
  const auto png = std::filesystem::temp_directory_path() / "journeysim-never-written.png";
  std::string errors;
  EXPECT_EQ(run_viewer(broken.string() + " --screenshot " + png.string(), &errors), 1);
  EXPECT_NE(errors.find(broken.string() + ":17:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("probability 1.08 is above 1"), std::string::npos) << errors;
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), 2) << errors;
  EXPECT_FALSE(std::filesystem::exists(png));
  std::filesystem::remove(broken);
}

TEST(ViewerCommandLine, MalformedOptionsAreUsageErrors) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  std::string errors;
  EXPECT_EQ(run_viewer(scenario("online_store") + " --tab everything --screenshot x.png", &errors), 2);
  EXPECT_EQ(run_viewer(scenario("online_store") + " --window big --screenshot x.png", &errors), 2);
  EXPECT_NE(errors.find("--window: expected WxH"), std::string::npos) << errors;
  EXPECT_EQ(run_viewer("--screenshot x.png", &errors), 2);
  EXPECT_NE(errors.find("need a scenario FILE"), std::string::npos) << errors;
}

// File > Export report writes the very file `journeysim report` writes for
// the same scenario, customers and seed: one path (report/'s make_report_page).
TEST(ViewerExport, WritesTheSameFileAsTheReportCommand) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  const auto dir = std::filesystem::temp_directory_path();
  const auto from_viewer = dir / "journeysim-viewer-export.html";
  const auto from_cli = dir / "journeysim-cli-report.html";
  for (const char* name : {"online_store", "saas_subscription"}) {
    std::filesystem::remove(from_viewer);
    std::filesystem::remove(from_cli);
    std::string errors;
    ASSERT_EQ(
        run_viewer(scenario(name) + " --customers 5000 --seed 7 --export-report " + from_viewer.string(), &errors), 0)
        << errors;
    const auto cli = journeysim::test_programs::run_journeysim("report " + scenario(name) +
                                                               " --customers 5000 --seed 7 --out " + from_cli.string());
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    const std::string page = journeysim::test_programs::slurp(from_viewer);
    EXPECT_NE(page.find("<html"), std::string::npos);
    EXPECT_TRUE(page == journeysim::test_programs::slurp(from_cli)) << name << ": the two files differ";
  }
  std::filesystem::remove(from_viewer);
  std::filesystem::remove(from_cli);
}

TEST(ViewerCommandLine, ASweepThatCannotBeMadeIsAnError) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  const auto png = std::filesystem::temp_directory_path() / "journeysim-never-written.png";
  std::string errors;
  EXPECT_EQ(
      run_viewer(scenario("online_store") + " --sweep touchpoints.chekout.effort=1..7 --screenshot " + png.string(),
                 &errors),
      1);
  EXPECT_NE(errors.find("--sweep touchpoints.chekout.effort=1..7: "), std::string::npos) << errors;
  EXPECT_NE(errors.find("did you mean \"checkout\"?"), std::string::npos) << errors;
  EXPECT_FALSE(std::filesystem::exists(png));
}

}  // namespace
