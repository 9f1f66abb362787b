// The HTML report in a real browser: Debian's Chromium, headless, renders
// every shipped scenario's report to PNG at a phone's width and a desktop's,
// and to PDF on A4. The page must not be blank, must not scroll sideways at
// 390 px or at A4's text width, and must load nothing: its Content Security
// Policy blocks any fetch, and Chromium's console reports each blocked one,
// which a planted external image proves.
#include <gtest/gtest.h>

#include <stb_image.h>

#include <filesystem>
#include <regex>
#include <string>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;
namespace fs = std::filesystem;

const char* const shipped[] = {"online_store.json", "saas_subscription.json", "contact_centre.json"};

// A4 (210 mm) less the page's 12 mm margins, at CSS's 96 px an inch.
constexpr int a4_text_width_px = 703;

class Browser : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef JOURNEYSIM_SANITIZED_BUILD
    GTEST_SKIP() << "the browser tests run in the release build (they exercise Chromium, not our memory safety)";
#endif
    if (run_program("command -v chromium").exit_code != 0)
      GTEST_FAIL() << "chromium is not installed: run tools/install-deps";
    dir_ = fs::temp_directory_path() / ("journeysim-browser-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Chromium as the machine's tests run it: headless, no sandbox as root, no
  // background traffic, a fresh profile every time.
  Invocation chromium(const std::string& args) {
    const fs::path profile = dir_ / ("profile-" + std::to_string(runs_++));
    return run_program(
        "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--hide-scrollbars --user-data-dir=" +
        profile.string() + " " + args);
  }

  fs::path report_of(const std::string& name) {
    const fs::path out = dir_ / (name + ".html");
    const Invocation made = run_journeysim("report " + scenario(name) + " --customers 20000 --out " + out.string());
    EXPECT_EQ(made.exit_code, 0) << made.err;
    return out;
  }

  // The page's width and its scrolling width at `width` px, measured by a
  // script planted in a copy (the report itself runs none, and forbids it).
  std::pair<int, int> widths(const fs::path& page, int width) {
    std::string html = slurp(page);
    html = std::regex_replace(html, std::regex(R"re(<meta http-equiv="Content-Security-Policy"[^>]*/>)re"), "");
    const std::string probe =
        "<script>document.title = 'widths ' + document.documentElement.clientWidth + ' ' + "
        "document.documentElement.scrollWidth;</script></body>";
    html.replace(html.rfind("</body>"), 7, probe);
    const fs::path copy = dir_ / ("probe-" + std::to_string(width) + ".html");
    write_file(copy, html);
    const Invocation dom =
        chromium("--window-size=" + std::to_string(width) + ",900 --dump-dom file://" + copy.string());
    std::smatch m;
    if (!std::regex_search(dom.out, m, std::regex(R"(<title>widths (\d+) (\d+)</title>)"))) return {-1, -1};
    return {std::stoi(m[1]), std::stoi(m[2])};
  }

  static void write_file(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  fs::path dir_;
  int runs_ = 0;
};

// The share of pixels that differ from the page's white background.
double ink_share(const fs::path& png) {
  int width = 0, height = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.string().c_str(), &width, &height, &channels, 3);
  if (!pixels) return -1;
  std::size_t inked = 0;
  const std::size_t count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  for (std::size_t i = 0; i < count; ++i) {
    const unsigned char* p = pixels + 3 * i;
    if (p[0] < 235 || p[1] < 235 || p[2] < 235) ++inked;
  }
  stbi_image_free(pixels);
  return static_cast<double>(inked) / static_cast<double>(count);
}

TEST_F(Browser, EveryShippedReportRendersAtAPhonesWidthAndADesktopsWithInkOnIt) {
  for (const char* name : shipped) {
    const fs::path page = report_of(name);
    for (const int width : {390, 1200}) {
      const fs::path png = dir_ / (std::string(name) + "-" + std::to_string(width) + ".png");
      const Invocation shot = chromium("--window-size=" + std::to_string(width) + ",2400 --screenshot=" + png.string() +
                                       " file://" + page.string());
      ASSERT_TRUE(fs::exists(png)) << name << ": " << shot.err;
      const double ink = ink_share(png);
      EXPECT_GT(ink, 0.05) << name << " at " << width << " px is nearly blank";
      EXPECT_LT(ink, 0.9) << name << " at " << width << " px is nearly all ink";
    }
  }
}

TEST_F(Browser, NoReportScrollsSidewaysOnAPhoneOrOnA4) {
  for (const char* name : shipped) {
    const fs::path page = report_of(name);
    for (const int width : {390, a4_text_width_px}) {
      const auto [client, scroll] = widths(page, width);
      ASSERT_GT(client, 0) << name << ": the probe did not run";
      EXPECT_LE(scroll, client) << name << " overflows sideways at " << width << " px";
    }
  }
}

TEST_F(Browser, EveryShippedReportPrintsToA4) {
  for (const char* name : shipped) {
    const fs::path page = report_of(name);
    const fs::path pdf = dir_ / (std::string(name) + ".pdf");
    const Invocation printed =
        chromium("--no-pdf-header-footer --print-to-pdf=" + pdf.string() + " file://" + page.string());
    ASSERT_TRUE(fs::exists(pdf)) << name << ": " << printed.err;
    const Invocation info = run_program("pdfinfo " + pdf.string());
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.out.find("(A4)"), std::string::npos) << info.out;
    std::smatch pages;
    ASSERT_TRUE(std::regex_search(info.out, pages, std::regex(R"(Pages:\s+(\d+))")));
    EXPECT_GE(std::stoi(pages[1]), 4) << name << ": one page a section";
    // The first page has the title on it, as text a reader can search.
    const Invocation text = run_program("pdftotext -f 1 -l 1 " + pdf.string() + " -");
    EXPECT_NE(text.out.find("Headline figures"), std::string::npos) << text.out;
  }
}

TEST_F(Browser, ReportsLoadNothingAndAPlantedFetchIsSeenBlocked) {
  const std::string console = "--enable-logging=stderr --v=0 --dump-dom file://";
  for (const char* name : shipped) {
    const fs::path page = report_of(name);
    const Invocation loaded = chromium(console + page.string());
    EXPECT_EQ(loaded.err.find("Content Security Policy"), std::string::npos) << name << ": " << loaded.err;
    EXPECT_NE(loaded.out.find("Headline figures"), std::string::npos) << name;
  }
  // The check can fail: an image planted in a copy is refused, and said so.
  std::string html = slurp(report_of(shipped[0]));
  html.replace(html.find("<main>"), 6, "<main><img src=\"http://example.invalid/pixel.png\" alt=\"\"/>");
  const fs::path planted = dir_ / "planted.html";
  write_file(planted, html);
  const Invocation blocked = chromium(console + planted.string());
  EXPECT_NE(blocked.err.find("violates the following Content Security Policy"), std::string::npos) << blocked.err;
}

}  // namespace
