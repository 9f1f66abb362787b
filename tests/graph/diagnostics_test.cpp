// Tests JSON paths, diagnostic formatting and collection (diagnostics.hpp) and did-you-mean suggestions (suggest.hpp).
#include "journeysim/graph/diagnostics.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "journeysim/graph/json_document.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim {
namespace {

// ---------------------------------------------------------------- paths

TEST(JsonPaths, PlainKeys) {
  EXPECT_EQ(path_key("", "transitions"), "transitions");
  EXPECT_EQ(path_key("transitions[3]", "p"), "transitions[3].p");
  EXPECT_EQ(path_key("touchpoints[0].dwell", "median"), "touchpoints[0].dwell.median");
  EXPECT_EQ(path_key("", "$schema"), "$schema");
  EXPECT_EQ(path_key("entry", "social_ad"), "entry.social_ad");
  EXPECT_EQ(path_key("entry", "Step2"), "entry.Step2");
}

TEST(JsonPaths, Indices) {
  EXPECT_EQ(path_index("transitions", 3), "transitions[3]");
  EXPECT_EQ(path_index("", 0), "[0]");
  EXPECT_EQ(path_index("a[1]", 2), "a[1][2]");
  EXPECT_EQ(path_index("segments[1].touchpoints", 12), "segments[1].touchpoints[12]");
}

TEST(JsonPaths, KeysThatNeedQuoting) {
  EXPECT_EQ(path_key("entry", "a.b"), "entry[\"a.b\"]");
  EXPECT_EQ(path_key("", "a.b"), "[\"a.b\"]");
  EXPECT_EQ(path_key("entry", "two words"), "entry[\"two words\"]");
  EXPECT_EQ(path_key("entry", ""), "entry[\"\"]");
  EXPECT_EQ(path_key("entry", "a[0]"), "entry[\"a[0]\"]");
  EXPECT_EQ(path_key("entry", "caf\xC3\xA9"), "entry[\"caf\xC3\xA9\"]");
}

TEST(JsonPaths, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(path_key("entry", "say \"hi\""), "entry[\"say \\\"hi\\\"\"]");
  EXPECT_EQ(path_key("entry", "back\\slash"), "entry[\"back\\\\slash\"]");
}

TEST(JsonPaths, ParentOfPlainPaths) {
  EXPECT_EQ(parent_path("transitions[3].p"), "transitions[3]");
  EXPECT_EQ(parent_path("transitions[3]"), "transitions");
  EXPECT_EQ(parent_path("transitions"), "");
  EXPECT_EQ(parent_path(""), "");
  EXPECT_EQ(parent_path("touchpoints[0].dwell.median"), "touchpoints[0].dwell");
  EXPECT_EQ(parent_path("a[1][2]"), "a[1]");
  EXPECT_EQ(parent_path("[0]"), "");
  EXPECT_EQ(parent_path("$schema"), "");
}

TEST(JsonPaths, ParentOfQuotedKeys) {
  EXPECT_EQ(parent_path("entry[\"a.b\"]"), "entry");
  EXPECT_EQ(parent_path("[\"a.b\"]"), "");
  EXPECT_EQ(parent_path("[\"a.b\"].c"), "[\"a.b\"]");
  EXPECT_EQ(parent_path("x[\"a.b\"][2]"), "x[\"a.b\"]");
  EXPECT_EQ(parent_path("entry[\"a[0]\"]"), "entry");
  EXPECT_EQ(parent_path("entry[\"\"]"), "entry");
}

TEST(JsonPaths, ParentUndoesPathKeyAndPathIndex) {
  const std::vector<std::string> parents{"", "entry", "transitions[3]", "segments[0].touchpoints[1]", "[\"a.b\"]"};
  const std::vector<std::string> keys{"p", "a.b", "two words", "", "say \"hi\"", "a]", "[x", "x\\", "a[\"b", "$ref"};
  for (const std::string& parent : parents) {
    for (const std::string& key : keys) {
      EXPECT_EQ(parent_path(path_key(parent, key)), parent) << "key <" << key << "> under <" << parent << ">";
    }
    EXPECT_EQ(parent_path(path_index(parent, 7)), parent);
  }
}

TEST(JsonPaths, ParentOfKeyEndingInBracket) {
  // A key ending in '[' makes `["` appear at the very end of the quoted form.
  EXPECT_EQ(parent_path(path_key("entry", "[")), "entry");
  EXPECT_EQ(parent_path(path_key("entry", "a[")), "entry");
}

// ---------------------------------------------------------------- Diagnostics

TEST(DiagnosticsCollection, StartsEmpty) {
  const Diagnostics d;
  EXPECT_TRUE(d.empty());
  EXPECT_FALSE(d.has_errors());
  EXPECT_EQ(d.error_count(), 0u);
  EXPECT_TRUE(d.all().empty());
}

TEST(DiagnosticsCollection, CountsErrorsNotWarnings) {
  Diagnostics d;
  d.warning("a", "first warning", "fix a");
  EXPECT_FALSE(d.empty());
  EXPECT_FALSE(d.has_errors());
  EXPECT_EQ(d.error_count(), 0u);
  d.error("b", "an error", "a fix");
  d.warning("c", "second warning", "another fix");
  d.error("d", "another error", "fix d");
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(d.error_count(), 2u);
  ASSERT_EQ(d.all().size(), 4u);
  EXPECT_EQ(d.all()[0].severity, Severity::warning);
  EXPECT_EQ(d.all()[1].severity, Severity::error);
  EXPECT_EQ(d.all()[1].path, "b");
  EXPECT_EQ(d.all()[1].message, "an error");
  EXPECT_EQ(d.all()[1].fix, "a fix");
  EXPECT_FALSE(d.all()[1].at_key);
  EXPECT_EQ(d.all()[1].byte_offset, Diagnostic::npos);
  EXPECT_EQ(d.all()[3].fix, "fix d");
}

TEST(DiagnosticsCollection, AddKeepsEveryField) {
  Diagnostics d;
  Diagnostic x;
  x.severity = Severity::warning;
  x.path = "entry.x";
  x.message = "m";
  x.fix = "f";
  x.at_key = true;
  x.byte_offset = 12;
  d.add(x);
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].severity, Severity::warning);
  EXPECT_EQ(d.all()[0].path, "entry.x");
  EXPECT_TRUE(d.all()[0].at_key);
  EXPECT_EQ(d.all()[0].byte_offset, 12u);
}

TEST(DiagnosticsCollection, AppendKeepsOrder) {
  Diagnostics a;
  a.error("one", "1", "f1");
  Diagnostics b;
  b.warning("two", "2", "f2");
  b.error("three", "3", "f3");
  a.append(b);
  ASSERT_EQ(a.all().size(), 3u);
  EXPECT_EQ(a.all()[0].path, "one");
  EXPECT_EQ(a.all()[1].path, "two");
  EXPECT_EQ(a.all()[2].path, "three");
  EXPECT_EQ(a.error_count(), 2u);
  EXPECT_EQ(b.all().size(), 2u);  // the source is left as it was
}

// ---------------------------------------------------------------- format_diagnostic

Diagnostic make(Severity severity, JsonPath path, std::string message, std::string fix = {}) {
  Diagnostic d;
  d.severity = severity;
  d.path = std::move(path);
  d.message = std::move(message);
  d.fix = std::move(fix);
  return d;
}

TEST(FormatDiagnostic, WithoutDocument) {
  EXPECT_EQ(format_diagnostic(make(Severity::error, "transitions[3].p", "probability 1.2 is above 1", "write 0.35"),
                              "store.json", nullptr),
            "store.json: error: transitions[3].p: probability 1.2 is above 1; write 0.35");
  EXPECT_EQ(format_diagnostic(make(Severity::warning, "touchpoints[2]", "cannot be reached"), "s.json", nullptr),
            "s.json: warning: touchpoints[2]: cannot be reached");
}

TEST(FormatDiagnostic, WithoutDocumentOrPath) {
  // A file that could not be read has no document and no path.
  EXPECT_EQ(
      format_diagnostic(make(Severity::error, "", "cannot open the file", "check the path"), "missing.json", nullptr),
      "missing.json: error: cannot open the file; check the path");
}

class FormatWithDocument : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics parse_diagnostics;
    document = JsonDocument::parse(
        "{\n"
        "  \"a\": 1,\n"
        "  \"b\": {\"c\": true},\n"
        "  \"list\": [10, 20]\n"
        "}\n",
        parse_diagnostics);
    ASSERT_TRUE(parse_diagnostics.empty());
    ASSERT_TRUE(document.valid());
  }
  JsonDocument document;
};

TEST_F(FormatWithDocument, PointsAtTheValue) {
  EXPECT_EQ(format_diagnostic(make(Severity::error, "b.c", "expected a number", "write 1"), "f.json", &document),
            "f.json:3:14: error: b.c: expected a number; write 1");
  EXPECT_EQ(format_diagnostic(make(Severity::error, "a", "too small"), "f.json", &document),
            "f.json:2:8: error: a: too small");
  EXPECT_EQ(format_diagnostic(make(Severity::error, "list[1]", "odd"), "f.json", &document),
            "f.json:4:16: error: list[1]: odd");
}

TEST_F(FormatWithDocument, PointsAtTheKey) {
  Diagnostic d = make(Severity::error, "b.c", "unknown key \"c\"", "did you mean \"a\"?");
  d.at_key = true;
  EXPECT_EQ(format_diagnostic(d, "f.json", &document),
            "f.json:3:9: error: b.c: unknown key \"c\"; did you mean \"a\"?");
}

TEST_F(FormatWithDocument, MissingKeyPointsAtItsObject) {
  EXPECT_EQ(format_diagnostic(make(Severity::error, "b.missing", "m"), "f.json", &document),
            "f.json:3:8: error: b.missing: m");
  Diagnostic d = make(Severity::error, "b.missing", "m");
  d.at_key = true;  // the key is not there: point at the enclosing value, not its key
  EXPECT_EQ(format_diagnostic(d, "f.json", &document), "f.json:3:8: error: b.missing: m");
}

TEST_F(FormatWithDocument, RootIsDollar) {
  EXPECT_EQ(format_diagnostic(make(Severity::error, "", "missing required key \"entry\"", "add \"entry\""), "f.json",
                              &document),
            "f.json:1:1: error: $: missing required key \"entry\"; add \"entry\"");
}

TEST_F(FormatWithDocument, Warning) {
  EXPECT_EQ(format_diagnostic(make(Severity::warning, "a", "never used", "remove it"), "f.json", &document),
            "f.json:2:8: warning: a: never used; remove it");
}

TEST_F(FormatWithDocument, ByteOffsetOverridesPath) {
  Diagnostic d = make(Severity::error, "a", "here");
  d.byte_offset = 0;
  EXPECT_EQ(format_diagnostic(d, "f.json", &document), "f.json:1:1: error: a: here");
  d.byte_offset = 4;  // the '"' of "a"
  EXPECT_EQ(format_diagnostic(d, "f.json", &document), "f.json:2:3: error: a: here");
}

TEST(FormatDiagnostic, InvalidDocumentHasNoPosition) {
  Diagnostics parse_diagnostics;
  const JsonDocument broken = JsonDocument::parse("{\"a\": ", parse_diagnostics);
  ASSERT_FALSE(broken.valid());
  EXPECT_EQ(format_diagnostic(make(Severity::error, "a", "m", "f"), "x.json", &broken), "x.json: error: a: m; f");
  EXPECT_EQ(format_diagnostic(make(Severity::error, "", "m"), "x.json", &broken), "x.json: error: $: m");
}

TEST(FormatDiagnostic, ColumnsCountCharactersNotBytes) {
  Diagnostics parse_diagnostics;
  const JsonDocument document = JsonDocument::parse("{\"caf\xC3\xA9\": 1, \"b\": 2}", parse_diagnostics);
  ASSERT_TRUE(document.valid());
  // {"café": 1, "b": 2} : the 2 is character 18, byte 19.
  EXPECT_EQ(format_diagnostic(make(Severity::error, "b", "m"), "u.json", &document), "u.json:1:18: error: b: m");
}

// ---------------------------------------------------------------- suggest

TEST(EditDistance, Basics) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("chanel", "channel"), 1u);    // insertion
  EXPECT_EQ(edit_distance("channell", "channel"), 1u);  // deletion
  EXPECT_EQ(edit_distance("stoge", "stage"), 1u);       // substitution
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
}

TEST(EditDistance, AdjacentSwapCostsOne) {
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("recieve", "receive"), 1u);
  EXPECT_EQ(edit_distance("sentiment_wieght", "sentiment_weight"), 1u);
  EXPECT_EQ(edit_distance("abcd", "badc"), 2u);
  // Optimal string alignment: a swapped pair is not edited again.
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);
}

TEST(EditDistance, IgnoresCase) {
  EXPECT_EQ(edit_distance("Stage", "stage"), 0u);
  EXPECT_EQ(edit_distance("CHANNEL", "channel"), 0u);
  EXPECT_EQ(edit_distance("STGAE", "stage"), 1u);
  EXPECT_EQ(edit_distance("Dwel", "dwell"), 1u);
}

TEST(EditDistance, IsSymmetric) {
  const std::vector<std::string> words{"", "a", "ab", "ba", "stage", "stgae", "channel", "chanel", "Outcome", "income"};
  for (const auto& a : words) {
    for (const auto& b : words) EXPECT_EQ(edit_distance(a, b), edit_distance(b, a)) << a << " / " << b;
  }
}

const std::vector<std::string> touchpoint_keys{"id",        "name",   "description", "stage", "channel", "dwell",
                                               "sentiment", "effort", "csat",        "cost",  "revenue", "outcome"};

TEST(ClosestMatch, FindsTypos) {
  EXPECT_EQ(closest_match("chanel", touchpoint_keys), "channel");
  EXPECT_EQ(closest_match("stgae", touchpoint_keys), "stage");
  EXPECT_EQ(closest_match("Dwell", touchpoint_keys), "dwell");
  EXPECT_EQ(closest_match("efort", touchpoint_keys), "effort");
  EXPECT_EQ(closest_match("sentimnet", touchpoint_keys), "sentiment");
  EXPECT_EQ(closest_match("revenu", touchpoint_keys), "revenue");
}

TEST(ClosestMatch, NothingCloseEnough) {
  EXPECT_EQ(closest_match("capacity", touchpoint_keys), std::nullopt);
  EXPECT_EQ(closest_match("xyz", {"id", "name"}), std::nullopt);
  EXPECT_EQ(closest_match("anything", {}), std::nullopt);
  // Replacing every character is not a typo: "ab" -> "id" changes both.
  EXPECT_EQ(closest_match("ab", {"id"}), std::nullopt);
  EXPECT_EQ(closest_match("", {"fixed", "normal"}), std::nullopt);
}

TEST(ClosestMatch, ToleranceGrowsWithLength) {
  // Short words allow 2 edits; a 15-letter word allows 5.
  EXPECT_EQ(closest_match("nam", {"name"}), "name");
  EXPECT_EQ(closest_match("nm", {"name"}), "name");                             // 2 insertions
  EXPECT_EQ(closest_match("n", {"name"}), std::nullopt);                        // 3 insertions
  EXPECT_EQ(closest_match("sntmnt_wght", {"sentiment_weight"}), std::nullopt);  // 5 edits, 11 letters: tolerance 3
  EXPECT_EQ(closest_match("sentmnt_weigh", {"sentiment_weight"}), "sentiment_weight");  // 3 edits, 13 letters: 4
}

TEST(ClosestMatch, PicksTheClosest) {
  EXPECT_EQ(closest_match("costs", {"cast", "cost"}), "cost");
  EXPECT_EQ(closest_match("dwelt", {"dwell", "dwelt"}), "dwelt");
  // Ties go to the first candidate.
  EXPECT_EQ(closest_match("dwel", {"dwell", "dweli"}), "dwell");
  EXPECT_EQ(closest_match("dwel", {"dweli", "dwell"}), "dweli");
}

TEST(DidYouMean, CloseMatch) {
  EXPECT_EQ(did_you_mean("chanel", touchpoint_keys), "did you mean \"channel\"?");
  EXPECT_EQ(did_you_mean("Revenue", touchpoint_keys), "did you mean \"revenue\"?");
}

TEST(DidYouMean, ListsCandidatesWhenNothingIsClose) {
  EXPECT_EQ(did_you_mean("zzzzzz", {"fixed", "normal", "uniform"}), "use one of \"fixed\", \"normal\", \"uniform\"");
  EXPECT_EQ(did_you_mean("", {"fixed", "exponential"}), "use one of \"fixed\", \"exponential\"");
}

TEST(DidYouMean, ExactlyEightAreAllListed) {
  const std::vector<std::string> eight{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};
  EXPECT_EQ(did_you_mean("zzzzzzzz", eight),
            "use one of \"alpha\", \"bravo\", \"charlie\", \"delta\", \"echo\", \"foxtrot\", \"golf\", \"hotel\"");
}

TEST(DidYouMean, LongListsAreCut) {
  const std::vector<std::string> many{"alpha", "bravo", "charlie", "delta",  "echo", "foxtrot",
                                      "golf",  "hotel", "india",   "juliet", "kilo"};
  EXPECT_EQ(did_you_mean("zzzzzzzz", many),
            "use one of \"alpha\", \"bravo\", \"charlie\", \"delta\", \"echo\", \"foxtrot\", \"golf\", \"hotel\" "
            "and 3 more");
  std::vector<std::string> nine(many.begin(), many.begin() + 9);
  EXPECT_EQ(did_you_mean("zzzzzzzz", nine),
            "use one of \"alpha\", \"bravo\", \"charlie\", \"delta\", \"echo\", \"foxtrot\", \"golf\", \"hotel\" "
            "and 1 more");
}

TEST(DidYouMean, NoCandidates) { EXPECT_EQ(did_you_mean("anything", {}), ""); }

TEST(ClosestMatch, PrefersAWordItBegins) {
  // "install_fail" is one letter from "install_mail" but the start of "install_failed".
  EXPECT_EQ(closest_match("install_fail", {"install_mail", "install_failed"}), "install_failed");
  EXPECT_EQ(closest_match("install", {"install_failed", "uninstalled"}), "install_failed");
  // The shortest of several, ignoring case; too short a start is no evidence.
  EXPECT_EQ(closest_match("Sent", {"sentiment_weight", "sentiment"}), "sentiment");
  EXPECT_EQ(closest_match("se", {"sentiment"}), std::nullopt);
}

TEST(InQuotes, EscapesControlCharacters) {
  EXPECT_EQ(in_quotes(std::string("a\nb\tc\x1b[0m") + '\0' + "\x7f"), "\"a\\nb\\tc\\u001b[0m\\u0000\\u007f\"");
  EXPECT_EQ(in_quotes("caf\xc3\xa9"), "\"caf\xc3\xa9\"");  // UTF-8 passes
  EXPECT_EQ(in_quotes("bad\xff"), "\"bad\\xff\"");         // a byte that is not UTF-8 does not
}

TEST(InQuotes, ShortensLongText) {
  const std::string quoted = in_quotes(std::string(1000, 'x'));
  EXPECT_EQ(quoted, "\"" + std::string(60, 'x') + "...\" (1000 bytes)");
  // Never in the middle of a character.
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "\xc3\xa9";
  const std::string cut = in_quotes("a" + accents);
  EXPECT_EQ(cut, "\"a" + accents.substr(0, 58) + "...\" (201 bytes)");
}

TEST(FormatDiagnostic, OneLineWhateverTheMessageHolds) {
  Diagnostic d;
  d.path = "touchpoints[0]";
  d.message = "line one\nerror: forged";
  d.fix = "fix\r\x1b[2J";
  EXPECT_EQ(format_diagnostic(d, "s.json", nullptr),
            "s.json: error: touchpoints[0]: line one\\nerror: forged; fix\\r\\u001b[2J");
}

TEST(JsonPaths, ControlCharactersInKeysAreEscaped) {
  EXPECT_EQ(path_key("a", "x\ny"), "a[\"x\\ny\"]");
  EXPECT_EQ(parent_path(path_key(path_key("a", "x\n\"y"), "b")), path_key("a", "x\n\"y"));
}

}  // namespace
}  // namespace journeysim
