// The viewer for real: under Xvfb it opens each shipped scenario, simulates,
// draws and writes a PNG; the picture must have the requested size and be far
// from blank (many distinct colours: boxes, curves, charts, text).
#include <gtest/gtest.h>

#include <stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

namespace {

class ViewerScreenshot : public testing::TestWithParam<std::string> {};

TEST_P(ViewerScreenshot, RendersAFullPicture) {
  if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) GTEST_SKIP() << "xvfb-run is not installed";
  const auto png = std::filesystem::temp_directory_path() / ("journeysim-shot-" + GetParam() + ".png");
  std::filesystem::remove(png);
  // Leak checking is off for the viewer process only: under the sanitizers the
  // OpenGL stack (GLFW, Mesa's llvmpipe) leaves a few hundred bytes of one-off
  // allocations that no program can free. The viewer's own library code is
  // leak-checked by viewer_tests; address and undefined-behaviour checks stay on here.
  const std::string command = "ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s '-screen 0 1600x1000x24' " +
                              std::string(JOURNEYSIM_VIEWER) + " " +
                              JOURNEYSIM_SOURCE_DIR + "/scenarios/" + GetParam() + ".json --customers 20000" +
                              " --window 1600x1000 --screenshot " + png.string() + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  int width = 0, height = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.string().c_str(), &width, &height, &channels, 3);
  ASSERT_NE(pixels, nullptr);
  EXPECT_EQ(width, 1600);
  EXPECT_EQ(height, 1000);
  std::set<unsigned> colours;
  for (int i = 0; i < width * height; i += 7) {
    colours.insert(pixels[3 * i] << 16 | pixels[3 * i + 1] << 8 | pixels[3 * i + 2]);
  }
  stbi_image_free(pixels);
  EXPECT_GT(colours.size(), 200u);
  std::filesystem::remove(png);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ViewerScreenshot, testing::Values("online_store", "saas_subscription", "contact_centre"));

}  // namespace
