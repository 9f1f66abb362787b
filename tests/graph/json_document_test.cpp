// JsonDocument: friendly, positioned messages for every kind of malformed
// JSON; the position index; duplicate keys; the depth limit; no crash on garbage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "journeysim/graph/json_document.hpp"
#include "journeysim/graph/scenario_loader.hpp"

namespace journeysim {
namespace {

std::string first_message(const std::string& text) {
  const LoadResult loaded = load_scenario_text(text);
  if (loaded.diagnostics.empty()) return "";
  return format_diagnostic(loaded.diagnostics.all().front(), "s.json", loaded.document.get());
}

struct SyntaxCase {
  const char* name;
  std::string text;
  std::string expected;
};

void PrintTo(const SyntaxCase& c, std::ostream* os) { *os << c.name; }

class MalformedJson : public testing::TestWithParam<SyntaxCase> {};

TEST_P(MalformedJson, ExplainsWhereAndWhat) {
  const SyntaxCase& c = GetParam();
  Diagnostics diagnostics;
  const JsonDocument document = JsonDocument::parse(c.text, diagnostics);
  EXPECT_FALSE(document.valid());
  EXPECT_EQ(diagnostics.error_count(), 1u);
  EXPECT_EQ(first_message(c.text), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, MalformedJson,
    testing::Values(
        SyntaxCase{"badlit", std::string("{\"a\": tru}", 10),
                   "s.json:1:7: error: a: \"tru\" is not a JSON value; strings need double quotes; the other values "
                   "are numbers, true, false, null, {...} and [...]"},
        SyntaxCase{
            "big", std::string("{\"customers\": 1e400}", 20),
            "s.json:1:15: error: customers: number 1e400 is too large to represent; write a number of ordinary size"},
        SyntaxCase{"blank", std::string("   \n", 4),
                   "s.json:2:1: error: $: the file is empty; write a scenario: a JSON object with \"entry\", "
                   "\"touchpoints\" and \"transitions\""},
        SyntaxCase{"comment", std::string("// comment\n{}", 13),
                   "s.json:1:1: error: $: JSON does not allow comments; remove it; notes belong in a \"description\""},
        SyntaxCase{"empty", std::string("", 0),
                   "s.json:1:1: error: $: the file is empty; write a scenario: a JSON object with \"entry\", "
                   "\"touchpoints\" and \"transitions\""},
        SyntaxCase{"garbage",
                   std::string("\x7f"
                               "ELF\x02"
                               "\x01"
                               "\x01"
                               "\x00"
                               "\x00"
                               "\x00"
                               "\x00"
                               "\x00"
                               "\x00"
                               "\x00"
                               "\x00"
                               "\x00"
                               "",
                               16),
                   "s.json:1:1: error: $: unexpected byte 0x7F; this is not JSON text; a scenario is a JSON text file: "
                   "check that this is the right file"},
        SyntaxCase{"inf", std::string("{\"customers\": -Infinity}", 24),
                   "s.json:1:15: error: customers: JSON has no NaN or Infinity; write a finite number"},
        SyntaxCase{
            "latin1",
            std::string("{\"name\": \"caf\xe9"
                        "\"}",
                        16),
            "s.json:1:15: error: name: a string holds bytes that are not valid UTF-8; save the file as UTF-8 text"},
        SyntaxCase{"leadingzero", std::string("{\"a\": 01}", 9),
                   "s.json:1:7: error: a: JSON numbers cannot start with 0; write it without the leading zero"},
        SyntaxCase{"missing_comma", std::string("{\"name\": \"x\" \"y\"}", 17),
                   "s.json:1:14: error: name: missing comma (or '}') before this; separate members with commas"},
        SyntaxCase{"nan", std::string("{\"customers\": NaN}", 18),
                   "s.json:1:15: error: customers: JSON has no NaN or Infinity; write a finite number"},
        SyntaxCase{"png",
                   std::string("\x89"
                               "PNG\r\n\x1a"
                               "\n",
                               8),
                   "s.json:1:1: error: $: unexpected byte 0x89; this is not JSON text; a scenario is a JSON text file: "
                   "check that this is the right file"},
        SyntaxCase{"single_quotes", std::string("{'name': 'x'}", 13),
                   "s.json:1:2: error: $: JSON strings need double quotes, not single quotes; write strings in double "
                   "quotes: \"like this\""},
        SyntaxCase{"trailing_array", std::string("{\"a\": [1, 2,]}", 14),
                   "s.json:1:12: error: a[2]: trailing comma before ']'; remove the comma after the last element"},
        SyntaxCase{"trailing_obj", std::string("{\n  \"a\": 1,\n}", 13),
                   "s.json:2:9: error: a: trailing comma before '}'; remove the comma after the last member"},
        SyntaxCase{"truncated", std::string("{\"entry\": {\"a\": 1},\n \"touchpoints\": [\n  {\"id\": \"a\"", 50),
                   "s.json:3:13: error: touchpoints[0].id: the file ends before the object opened at line 3, column 3 "
                   "is closed; close it with '}', or restore the missing end of the file"},
        SyntaxCase{"twodocs", std::string("{\"a\": 1} {\"b\": 2}", 17),
                   "s.json:1:10: error: $: more text after the end of the scenario; a scenario file holds one JSON "
                   "object: remove what follows it, or merge it in"}),
    [](const testing::TestParamInfo<SyntaxCase>& info) { return std::string(info.param.name); });

TEST(JsonDocument, DeepNestingIsRefused) {
  const std::string text = std::string(100, '[') + std::string(100, ']');
  EXPECT_EQ(first_message(text),
            "s.json:1:65: error: $: nesting deeper than 64 levels; a scenario needs only a few levels; look for "
            "runaway brackets");
  // Far deeper input must not exhaust the stack either.
  const std::string abyss = std::string(1'000'000, '[');
  Diagnostics diagnostics;
  EXPECT_FALSE(JsonDocument::parse(abyss, diagnostics).valid());
}

TEST(JsonDocument, DuplicateKeysAreErrorsAndTheFirstIsKept) {
  Diagnostics diagnostics;
  const JsonDocument document = JsonDocument::parse("{\"name\": \"a\",\n \"name\": {\"x\": [1, 2]}}", diagnostics);
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(format_diagnostic(diagnostics.all()[0], "s.json", &document),
            "s.json:2:2: error: name: duplicate key \"name\" (first at line 1, column 2); keep only one: JSON readers "
            "disagree on which one counts");
  EXPECT_EQ(document.root().at("name"), "a");
  EXPECT_EQ(document.span("name.x"), nullptr);  // the duplicate's insides are not indexed
}

TEST(JsonDocument, IndexesEveryValueAndKey) {
  Diagnostics diagnostics;
  const std::string text = "{\n  \"a\": [10, -2.5e3, true],\n  \"b\": {\"c\": \"x\"},\n  \"d\": null\n}";
  const JsonDocument document = JsonDocument::parse(text, diagnostics);
  ASSERT_TRUE(document.valid());
  EXPECT_TRUE(diagnostics.empty());
  const auto text_of = [&](const JsonPath& path) {
    const SourceSpan* span = document.span(path);
    return span ? text.substr(span->value_begin, span->value_end - span->value_begin) : std::string("<none>");
  };
  EXPECT_EQ(text_of(""), text);
  EXPECT_EQ(text_of("a"), "[10, -2.5e3, true]");
  EXPECT_EQ(text_of("a[0]"), "10");
  EXPECT_EQ(text_of("a[1]"), "-2.5e3");
  EXPECT_EQ(text_of("a[2]"), "true");
  EXPECT_EQ(text_of("b"), "{\"c\": \"x\"}");
  EXPECT_EQ(text_of("b.c"), "\"x\"");
  EXPECT_EQ(text_of("d"), "null");
  const auto position = document.position("b.c", true);
  ASSERT_TRUE(position.has_value());
  EXPECT_EQ(position->line, 3u);
  EXPECT_EQ(position->column, 9u);
  // A path the text lacks points at the nearest enclosing value.
  const auto missing = document.position("b.zzz");
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->line, 3u);
  EXPECT_EQ(missing->column, 8u);
}

TEST(JsonDocument, ColumnsCountCharactersNotBytes) {
  Diagnostics diagnostics;
  const JsonDocument document = JsonDocument::parse("{\"name\": \"caf\xc3\xa9\", \"x\": 1}", diagnostics);
  const auto position = document.position("x", true);
  ASSERT_TRUE(position.has_value());
  EXPECT_EQ(position->column, 18u);  // é is one character, two bytes
}

TEST(JsonDocument, ByteOrderMarkIsAccepted) {
  Diagnostics diagnostics;
  const JsonDocument document = JsonDocument::parse("\xef\xbb\xbf{\"customers\": 5}", diagnostics);
  EXPECT_TRUE(document.valid());
  EXPECT_TRUE(diagnostics.empty());
}

// Random bytes and mangled scenarios: the loader may refuse them, but never
// crash, hang or accept them with errors. (The sanitizer build runs this too.)
TEST(JsonDocument, SurvivesRandomInput) {
  std::mt19937_64 random(20261122);
  const std::string seed_text = R"({"entry": {"a": 1}, "touchpoints": [{"id": "a", "dwell": {"dist": "lognormal",
    "median": "4m", "p90": "15m"}}, {"id": "b", "outcome": "lost"}], "transitions": [{"from": "a", "to": "b", "p": 1}],
    "segments": [{"id": "s", "share": 1, "transitions": [{"from": "a", "to": "b", "p": "rest"}]}]})";
  const std::string alphabet = "{}[]\",:0123456789.eE-+ \n\\abtrunflsp\x80\xff";
  for (int round = 0; round < 3000; ++round) {
    std::string text = seed_text;
    const int mutations = 1 + static_cast<int>(random() % 6);
    for (int m = 0; m < mutations && !text.empty(); ++m) {
      const std::size_t at = random() % text.size();
      switch (random() % 3) {
        case 0: text[at] = alphabet[random() % alphabet.size()]; break;
        case 1: text.erase(at, 1 + random() % 8); break;
        default: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
      }
    }
    const LoadResult loaded = load_scenario_text(text);
    EXPECT_EQ(loaded.ok(), !loaded.diagnostics.has_errors()) << text;
    for (const Diagnostic& d : loaded.diagnostics.all()) {
      EXPECT_FALSE(format_diagnostic(d, "s.json", loaded.document.get()).empty());
    }
  }
}

// --- Scale (issue 10, point 11) ---

TEST(JsonDocument, AWideObjectKeepsItsOrderAndItsDuplicates) {
  // 200,000 keys, read with a hash of the keys seen rather than the ordered
  // map's scan per key (bench/load_bench.cpp load_wide_object times it).
  std::string text = "{";
  for (int i = 0; i < 200'000; ++i) text += (i == 0 ? "\"k" : ", \"k") + std::to_string(i) + "\": " + std::to_string(i);
  text += ", \"k7\": 1}";
  Diagnostics diagnostics;
  const JsonDocument document = JsonDocument::parse(text, diagnostics);
  ASSERT_TRUE(document.valid());
  EXPECT_EQ(document.root().size(), 200'000u);
  EXPECT_EQ(document.root().at("k199999"), 199'999);
  ASSERT_EQ(diagnostics.all().size(), 1u);  // the duplicate "k7" is still caught, its first value kept
  EXPECT_EQ(diagnostics.all().front().message.rfind("duplicate key \"k7\"", 0), 0u);
  EXPECT_EQ(document.root().at("k7"), 7);
  EXPECT_EQ(document.root().begin().key(), "k0");  // in file order
}

TEST(ReadTextFile, RefusesAFileLargerThanAScenarioMayBe) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "journeysim_too_large.json";
  { std::ofstream create(path); }
  std::filesystem::resize_file(path, max_scenario_bytes + (1u << 20));  // sparse: no disk used
  Diagnostics diagnostics;
  EXPECT_FALSE(read_text_file(path.string(), diagnostics).has_value());
  std::filesystem::remove(path);
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all().front().message, "the file is 65 MiB, more than the 64 MiB a scenario may have");
}

}  // namespace
}  // namespace journeysim
