// printable_text: any bytes in, valid printable UTF-8 out.
#include "journeysim/graph/text.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace journeysim {
namespace {

TEST(PrintableText, KeepsValidTextAsItIs) {
  EXPECT_EQ(printable_text("online_store"), "online_store");
  EXPECT_EQ(printable_text("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x99\x82"), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x99\x82");
  EXPECT_EQ(printable_text(""), "");
}

TEST(PrintableText, EscapesBytesThatAreNotUtf8) {
  EXPECT_EQ(printable_text("bad\xFFname"), "bad\\xFFname");
  EXPECT_EQ(printable_text("\x80"), "\\x80");                             // a stray continuation byte
  EXPECT_EQ(printable_text("cut\xC3"), "cut\\xC3");                       // a sequence cut at the end
  EXPECT_EQ(printable_text("\xC0\xAF"), "\\xC0\\xAF");                    // overlong '/'
  EXPECT_EQ(printable_text("\xED\xA0\x80"), "\\xED\\xA0\\x80");           // a surrogate
  EXPECT_EQ(printable_text("\xF4\x90\x80\x80"), "\\xF4\\x90\\x80\\x80");  // past U+10FFFF
}

TEST(PrintableText, EscapesControlCharacters) {
  EXPECT_EQ(printable_text("a\nb"), "a\\x0Ab");
  EXPECT_EQ(printable_text("\x1B[31m"), "\\x1B[31m");
  EXPECT_EQ(printable_text(std::string_view("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable_text("\x7F"), "\\x7F");
  EXPECT_EQ(printable_text("\xC2\x85"), "\\xC2\\x85");  // NEL, a C1 control
  EXPECT_EQ(printable_text("\xC2\xA0"), "\xC2\xA0");    // a no-break space is text
}

TEST(PrintableText, EveryByteSequenceComesOutAsValidUtf8) {
  // Every pair and many triples of bytes: the result always serialises as JSON.
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; b += (a < 0xC0 ? 17 : 1)) {
      for (int c : {0x00, 0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC3, 0xFF}) {
        const std::string bytes{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        const std::string text = printable_text(bytes);
        EXPECT_NO_THROW((void)nlohmann::json(text).dump()) << a << ' ' << b << ' ' << c;
        for (unsigned char ch : text) ASSERT_FALSE(ch < 0x20 || ch == 0x7F) << a << ' ' << b << ' ' << c;
      }
    }
  }
}

}  // namespace
}  // namespace journeysim
