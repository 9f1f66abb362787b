// The CSV/TSV reader: RFC 4180 quoting, the place of every field, malformed
// rows reported where they go wrong, and the same rows however the bytes are
// chunked.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "journeysim/mine/delimited_reader.hpp"

namespace journeysim::mine {
namespace {

std::vector<DelimitedRow> read_all(std::string_view text, char delimiter = ',', std::size_t chunk = 0) {
  std::vector<DelimitedRow> rows;
  DelimitedReader reader(delimiter, [&](const DelimitedRow& row) { rows.push_back(row); });
  if (chunk == 0) {
    reader.feed(text);
  } else {
    for (std::size_t at = 0; at < text.size(); at += chunk) reader.feed(text.substr(at, chunk));
  }
  reader.finish();
  return rows;
}

using Fields = std::vector<std::string>;

TEST(DelimitedReader, PlainRowsAndTheLastLineWithoutBreak) {
  const auto rows = read_all("a,b,c\n1,2,3\n4,,6");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(rows[2].fields, (Fields{"4", "", "6"}));
  EXPECT_EQ(rows[2].start.line, 3u);
  EXPECT_EQ(rows[2].places[2].column, 4u);
  for (const auto& r : rows) EXPECT_EQ(r.problem, "");
}

TEST(DelimitedReader, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
  const auto rows = read_all("id,note\n1,\"a, \"\"b\"\"\nand c\"\n2,x\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (Fields{"1", "a, \"b\"\nand c"}));
  EXPECT_EQ(rows[2].fields, (Fields{"2", "x"}));
  EXPECT_EQ(rows[2].start.line, 4u);  // the quoted line break counts as a line
}

TEST(DelimitedReader, CrLfLineEndsAndBlankLines) {
  const auto rows = read_all("a,b\r\n\r\n1,\"2\"\r\n\n3,4\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(rows[2].fields, (Fields{"3", "4"}));
  EXPECT_EQ(rows[2].start.line, 5u);
}

TEST(DelimitedReader, EmptyTrailingField) {
  const auto rows = read_all("a,\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", ""}));
}

// Found by fuzz_event_log: an empty last field at the end of the input had no
// place, and reading its place read past the end.
TEST(DelimitedReader, EmptyLastFieldAtTheEndOfTheInputHasItsPlace) {
  for (const std::string text : {"a,b,", "a,\"b\","}) {
    const auto rows = read_all(text);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields, (Fields{"a", "b", ""}));
    ASSERT_EQ(rows[0].places.size(), 3u) << text;
    EXPECT_EQ(rows[0].places[2].column, text.size() + 1) << text;
  }
}

TEST(DelimitedReader, Tabs) {
  const auto rows = read_all("a\tb,c\n1\t\"x\ty\"\n", '\t');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b,c"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "x\ty"}));
  EXPECT_EQ(detect_delimiter("a\tb,c"), '\t');
  EXPECT_EQ(detect_delimiter("a,b"), ',');
  EXPECT_EQ(detect_delimiter("a;b;c"), ';');
  EXPECT_EQ(detect_delimiter("a;b,c"), ',');
  EXPECT_EQ(detect_delimiter("a"), ',');
}

TEST(DelimitedReader, QuoteInsideAnUnquotedField) {
  const auto rows = read_all("a,b\n1,x\"y\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].problem,
            "a quote inside an unquoted field; put the whole field in quotes and double the quote (\"\")");
  EXPECT_EQ(rows[1].problem_place.line, 2u);
  EXPECT_EQ(rows[1].problem_place.column, 4u);
}

TEST(DelimitedReader, TextAfterAClosingQuote) {
  const auto rows = read_all("\"ab\"c,d\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].problem,
            "text after a closing quote; put the whole field in quotes, or double the quote (\"\") inside it");
  EXPECT_EQ(rows[0].problem_place.column, 5u);
}

TEST(DelimitedReader, QuoteNeverClosed) {
  const auto rows = read_all("a,b\n1,\"open\n2,3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].problem, "the quote opened at line 2, column 3 is never closed");
}

TEST(DelimitedReader, AnyChunkingGivesTheSameRows) {
  const std::string text = "id,t,note\r\n1,2,\"a,\"\"b\"\"\r\nc\"\r\n\r\n3,4,5\n6,\"7\",\n";
  const auto whole = read_all(text);
  for (std::size_t chunk = 1; chunk <= 7; ++chunk) {
    const auto pieces = read_all(text, ',', chunk);
    ASSERT_EQ(pieces.size(), whole.size()) << chunk;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      EXPECT_EQ(pieces[i].fields, whole[i].fields) << chunk;
      EXPECT_EQ(pieces[i].start.line, whole[i].start.line) << chunk;
      EXPECT_EQ(pieces[i].places.size(), whole[i].places.size()) << chunk;
    }
  }
}

}  // namespace
}  // namespace journeysim::mine
