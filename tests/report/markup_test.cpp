// The report's markup: escaping that keeps every scenario string text, and
// coordinates that print the same bytes everywhere.
#include <gtest/gtest.h>

#include <limits>

#include "journeysim/report/markup.hpp"

namespace journeysim::report {
namespace {

TEST(Escape, MarkupCharactersBecomeEntities) {
  EXPECT_EQ(escape("<script>alert('x & y')</script>"), "&lt;script&gt;alert(&#39;x &amp; y&#39;)&lt;/script&gt;");
  EXPECT_EQ(escape("a \"quoted\" name"), "a &quot;quoted&quot; name");
}

TEST(Escape, ValidUtf8IsKeptAndEverythingElseBecomesAReplacementCharacter) {
  EXPECT_EQ(escape("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(escape("bad\xFFname"), "bad" + replacement + "name");
  EXPECT_EQ(escape("\xC3"), replacement);                                      // cut short
  EXPECT_EQ(escape("\xC0\xAF"), replacement + replacement);                    // overlong '/'
  EXPECT_EQ(escape("\xED\xA0\x80"), replacement + replacement + replacement);  // a surrogate
  EXPECT_EQ(escape("\xEF\xBF\xBF"), replacement + replacement + replacement);  // U+FFFF is no XML character
}

TEST(Escape, ControlCharactersXmlCannotHoldAreReplacedButLineBreaksStay) {
  EXPECT_EQ(escape(std::string("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(escape("esc\x1B[31m"), "esc\xEF\xBF\xBD[31m");
  EXPECT_EQ(escape("line\nnext\ttab"), "line\nnext\ttab");
}

TEST(Coordinate, TwoDecimalsAtMostAndNoNegativeZero) {
  EXPECT_EQ(coordinate(12.5), "12.5");
  EXPECT_EQ(coordinate(3.0), "3");
  EXPECT_EQ(coordinate(0.123456), "0.12");
  EXPECT_EQ(coordinate(-0.001), "0");
  EXPECT_EQ(coordinate(-2.5), "-2.5");
  EXPECT_EQ(coordinate(std::numeric_limits<double>::quiet_NaN()), "0");
}

TEST(Markup, ElementsNestAndAttributesAreEscaped) {
  Markup m;
  m.open("p", {{"class", "a\"b"}}).text("1 < 2").empty("br").close("p");
  EXPECT_EQ(m.str(), "<p class=\"a&quot;b\">1 &lt; 2<br/></p>");
}

}  // namespace
}  // namespace journeysim::report
