// Tests scenario writing (scenario_writer.hpp): byte-identical re-rendering, model round trips, minimal edits, layout.
#include "journeysim/graph/scenario_writer.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "journeysim/graph/scenario_loader.hpp"
#include "../load_diagnostics.hpp"

namespace journeysim {
namespace {

namespace fs = std::filesystem;
using test_loads::all_diagnostics;

const fs::path source_dir{JOURNEYSIM_SOURCE_DIR};

std::vector<fs::path> json_files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The shipped scenarios and the schema's valid fixtures: every one a scenario that loads.
std::vector<fs::path> scenario_files() {
  std::vector<fs::path> files = json_files_in(source_dir / "scenarios");
  const std::vector<fs::path> fixtures = json_files_in(source_dir / "tests/schema/fixtures/valid");
  files.insert(files.end(), fixtures.begin(), fixtures.end());
  return files;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Names the first part of two scenarios that differs, or returns "" when they are equal.
std::string first_difference(const Scenario& a, const Scenario& b) {
  if (a.name != b.name) return "name";
  if (a.description != b.description) return "description";
  if (a.schema != b.schema) return "schema";
  if (a.customers != b.customers) return "customers";
  if (a.seed != b.seed) return "seed";
  if (a.entry != b.entry) return "entry";
  if (a.touchpoints.size() != b.touchpoints.size()) return "touchpoint count";
  for (std::size_t i = 0; i < a.touchpoints.size(); ++i) {
    const Touchpoint& x = a.touchpoints[i];
    const Touchpoint& y = b.touchpoints[i];
    if (x == y) continue;
    std::string what = "touchpoints[" + std::to_string(i) + "] (" + x.id + ")";
    if (x.dwell != y.dwell) return what + ".dwell";
    if (x.sentiment != y.sentiment) return what + ".sentiment";
    if (x.capacity != y.capacity) return what + ".capacity";
    return what;
  }
  if (a.transitions.size() != b.transitions.size()) return "transition count";
  for (std::size_t i = 0; i < a.transitions.size(); ++i) {
    if (a.transitions[i] == b.transitions[i]) continue;
    std::ostringstream what;
    what.precision(17);
    what << "transitions[" << i << "] p " << a.transitions[i].p.value << (a.transitions[i].p.rest ? " rest" : "")
         << " vs " << b.transitions[i].p.value << (b.transitions[i].p.rest ? " rest" : "");
    return what.str();
  }
  if (a.stages != b.stages) return "stages";
  if (a.horizon != b.horizon) return "horizon";
  if (a.arrivals != b.arrivals) return "arrivals";
  if (a.warm_up != b.warm_up) return "warm_up";
  if (a.max_steps != b.max_steps) return "max_steps";
  if (a.sentiment != b.sentiment) return "sentiment";
  if (a.nps != b.nps) return "nps";
  if (a.csat != b.csat) return "csat";
  if (a.segments.size() != b.segments.size()) return "segment count";
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (!(a.segments[i] == b.segments[i])) return "segments[" + std::to_string(i) + "] (" + a.segments[i].id + ")";
  }
  if (!(a == b)) return "something operator== sees";
  return "";
}

LoadResult load_ok(const fs::path& path) {
  LoadResult r = load_scenario_file(path.string());
  EXPECT_TRUE(r.ok()) << path << "\n" << all_diagnostics(r);
  return r;
}

// ---------------------------------------------------------------- (a) unedited documents re-render byte for byte

TEST(RenderDocument, FilesExist) {
  // Guards the tests below against an empty list.
  EXPECT_GE(json_files_in(source_dir / "scenarios").size(), 3u);
  EXPECT_GE(json_files_in(source_dir / "tests/schema/fixtures/valid").size(), 2u);
}

TEST(RenderDocument, UneditedDocumentIsByteIdentical) {
  for (const fs::path& path : scenario_files()) {
    SCOPED_TRACE(path.string());
    const LoadResult r = load_scenario_file(path.string());
    ASSERT_NE(r.document, nullptr);
    ASSERT_TRUE(r.document->valid());
    const std::string original = read_bytes(path);
    ASSERT_EQ(r.document->text(), original);
    const std::string rendered = render_document(*r.document, r.document->root());
    EXPECT_TRUE(rendered == original) << "re-rendered text differs from the file";
  }
}

TEST(RenderDocument, UneditedHandWrittenTextIsByteIdentical) {
  // Odd spacing, tabs, CRLF and escapes all survive when nothing changed.
  const std::string text =
      "{\r\n\t\"a\" :  1.50 ,\"b\":[ 1,2 ,\n 3 ],\r\n  \"c\": {\"d\": \"x\\u0041\\n\", \"e\": -0.0, \"f\": 1E2}   "
      "}\n\n";
  Diagnostics diagnostics;
  const JsonDocument document = JsonDocument::parse(text, diagnostics);
  ASSERT_TRUE(document.valid());
  EXPECT_EQ(render_document(document, document.root()), text);
}

// ---------------------------------------------------------------- (b) model -> JSON -> model

TEST(ToJson, LoadSaveLoadGivesTheSameModel) {
  for (const fs::path& path : scenario_files()) {
    SCOPED_TRACE(path.string());
    const LoadResult first = load_ok(path);
    ASSERT_TRUE(first.ok());
    const std::string saved = render_json(to_json(*first.scenario)) + "\n";
    const LoadResult second = load_scenario_text(saved);
    ASSERT_TRUE(second.ok()) << all_diagnostics(second) << saved;
    EXPECT_EQ(first_difference(*first.scenario, *second.scenario), "");
    EXPECT_TRUE(*first.scenario == *second.scenario);
  }
}

TEST(ToJson, TheQueueFixtureRoundTripsWithEveryQueueKey) {
  const LoadResult first = load_ok(source_dir / "tests/schema/fixtures/valid/queues.json");
  ASSERT_TRUE(first.ok());
  const Json saved = to_json(*first.scenario);
  for (const char* key : {"arrivals", "warm_up"}) EXPECT_TRUE(saved.contains(key)) << key;
  EXPECT_TRUE(saved.at("arrivals").contains("per_day"));  // as written, not per_hour
  const Json& capacity = saved.at("touchpoints").at(1).at("capacity");
  for (const char* key : {"patience", "on_renege", "queue_limit", "on_balk", "answer_within", "schedule", "on_closed"})
    EXPECT_TRUE(capacity.contains(key)) << key;
  EXPECT_EQ(capacity.at("schedule").at(1).at("days"), "Sat");  // the days as written
  const LoadResult second = load_scenario_text(render_json(saved));
  ASSERT_TRUE(second.ok()) << all_diagnostics(second);
  EXPECT_EQ(first_difference(*first.scenario, *second.scenario), "");
}

TEST(RenderDocument, EditingAShiftsAgentsIsALocalEdit) {
  const fs::path path = source_dir / "tests/schema/fixtures/valid/queues.json";
  const std::string text = read_bytes(path);
  const LoadResult loaded = load_ok(path);
  ASSERT_TRUE(loaded.ok());
  Scenario edited = *loaded.scenario;
  edited.touchpoints[1].capacity->schedule[0].agents = 9;
  edited.arrivals->per_hour = 50;  // per_day 1200
  const std::string rendered = render_document(*loaded.document, to_json(edited));
  std::string expected = text;
  const auto replace = [&](const std::string& from, const std::string& to) {
    const std::size_t at = expected.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    expected.replace(at, from.size(), to);
  };
  replace("\"to\": \"20:00\", \"agents\": 6}", "\"to\": \"20:00\", \"agents\": 9}");
  replace("\"per_day\": 1000", "\"per_day\": 1200");
  EXPECT_EQ(rendered, expected);
}

TEST(ToJson, SavingTwiceGivesTheSameText) {
  for (const fs::path& path : scenario_files()) {
    SCOPED_TRACE(path.string());
    const LoadResult first = load_ok(path);
    ASSERT_TRUE(first.ok());
    const std::string saved = render_json(to_json(*first.scenario));
    const LoadResult second = load_scenario_text(saved);
    ASSERT_TRUE(second.ok()) << all_diagnostics(second);
    EXPECT_EQ(render_json(to_json(*second.scenario)), saved);
  }
}

TEST(ToJson, KeysInDocumentedOrderAndDefaultsLeftOut) {
  const LoadResult r = load_scenario_text(R"({
    "entry": {"a": 1},
    "touchpoints": [{"id": "a", "effort": 1, "csat": true, "dwell": "0s"}, {"outcome": "lost", "id": "b"}],
    "transitions": [{"p": "rest", "to": "b", "from": "a", "sentiment_weight": 0}],
    "name": "N", "customers": 100000, "seed": 7
  })");
  ASSERT_TRUE(r.ok()) << all_diagnostics(r);
  const Json j = to_json(*r.scenario);
  // Too wide for one line as a whole (110 columns), so the top level breaks; its members fit.
  EXPECT_EQ(render_json(j),
            "{\n"
            "  \"name\": \"N\",\n"
            "  \"seed\": 7,\n"
            "  \"entry\": {\"a\": 1.0},\n"
            "  \"touchpoints\": [{\"id\": \"a\"}, {\"id\": \"b\", \"outcome\": \"lost\"}],\n"
            "  \"transitions\": [{\"from\": \"a\", \"to\": \"b\", \"p\": \"rest\"}]\n"
            "}");
}

TEST(ToJson, ScenarioMadeInCode) {
  Scenario s;
  s.name = "Made in code";
  s.horizon = 90 * 86400.0;
  Touchpoint start;
  start.id = "start";
  start.stage = "awareness";
  start.dwell = Distribution::constant(900);
  start.effort = 3;
  Touchpoint done;
  done.id = "done";
  done.outcome = "converted";
  done.revenue = 10;
  s.touchpoints = {start, done};
  s.entry = {EntryShare{0, 1.0}};
  Transition t;
  t.from = 0;
  t.to = 1;
  t.p = Probability{1.0, false};
  s.transitions = {t};
  const Json j = to_json(s);
  EXPECT_EQ(
      j.dump(),
      R"({"name":"Made in code","horizon":"90d","entry":{"start":1.0},)"
      R"("touchpoints":[{"id":"start","stage":"awareness","dwell":"15m","effort":3},)"
      R"({"id":"done","outcome":"converted","revenue":10.0}],"transitions":[{"from":"start","to":"done","p":1.0}]})");
  const LoadResult back = load_scenario_text(render_json(j));
  ASSERT_TRUE(back.ok()) << all_diagnostics(back);
  EXPECT_EQ(first_difference(*back.scenario, s), "");
}

TEST(ToJson, ObservedEvidenceIsWrittenAndReadBack) {
  const LoadResult loaded =
      load_scenario_text(R"({"entry": {"a": 1}, "touchpoints": [{"id": "a"}, {"id": "b", "outcome": "lost"}],
    "transitions": [{"from": "a", "to": "b", "p": 1, "observed": {"count": 40, "of": 40}}]})");
  ASSERT_TRUE(loaded.ok()) << all_diagnostics(loaded);
  ASSERT_TRUE(loaded.scenario->transitions[0].observed.has_value());
  EXPECT_EQ(*loaded.scenario->transitions[0].observed, (Observed{40, 40}));
  const Json j = to_json(*loaded.scenario);
  EXPECT_EQ(j["transitions"][0].dump(), R"({"from":"a","to":"b","p":1.0,"observed":{"count":40,"of":40}})");
  const LoadResult back = load_scenario_text(render_json(j));
  ASSERT_TRUE(back.ok()) << all_diagnostics(back);
  EXPECT_TRUE(*back.scenario == *loaded.scenario);
}

// ---------------------------------------------------------------- (c) an edit changes only its own token

struct ValueEdit {
  std::string pointer;   // where, as a JSON pointer into the document
  Json value;            // the new value
  JsonPath path;         // the same place as a diagnostics path (for the span)
  std::string rendered;  // how the new value must read in the text
};

// Applies the edits to `file`'s document, renders it, and checks that the text
// changed only inside the edited values' spans, then returns the reloaded model.
std::optional<Scenario> edit_and_reload(const std::string& file, const std::vector<ValueEdit>& edits) {
  const LoadResult r = load_scenario_file((source_dir / file).string());
  EXPECT_TRUE(r.ok()) << all_diagnostics(r);
  if (!r.ok()) return std::nullopt;
  const std::string& text = r.document->text();
  Json updated = r.document->root();
  for (const ValueEdit& e : edits) {
    EXPECT_NE(updated.at(Json::json_pointer(e.pointer)), e.value) << e.pointer << " already holds the new value";
    updated[Json::json_pointer(e.pointer)] = e.value;
  }
  const std::string out = render_document(*r.document, updated);
  EXPECT_NE(out, text);

  // Rebuild the expected text from the original and the edited spans.
  std::vector<std::pair<const SourceSpan*, const ValueEdit*>> spans;
  for (const ValueEdit& e : edits) {
    const SourceSpan* span = r.document->span(e.path);
    EXPECT_NE(span, nullptr) << e.path;
    if (span == nullptr) return std::nullopt;
    spans.emplace_back(span, &e);
  }
  std::sort(spans.begin(), spans.end(),
            [](const auto& a, const auto& b) { return a.first->value_begin < b.first->value_begin; });
  std::string expected;
  std::size_t at = 0;
  for (const auto& [span, edit] : spans) {
    expected += text.substr(at, span->value_begin - at);
    expected += edit->rendered;
    at = span->value_end;
  }
  expected += text.substr(at);
  EXPECT_TRUE(out == expected) << "the output differs from the input outside the edited values";

  // The first byte that differs lies inside the first edited span.
  const auto mismatch = std::mismatch(text.begin(), text.end(), out.begin(), out.end());
  const std::size_t first_change = static_cast<std::size_t>(mismatch.first - text.begin());
  EXPECT_GE(first_change, spans.front().first->value_begin);
  EXPECT_LE(first_change, spans.front().first->value_end);

  const LoadResult reloaded = load_scenario_text(out);
  EXPECT_TRUE(reloaded.ok()) << all_diagnostics(reloaded);
  return reloaded.scenario;
}

Scenario loaded(const std::string& file) {
  const LoadResult r = load_scenario_file((source_dir / file).string());
  EXPECT_TRUE(r.ok()) << all_diagnostics(r);
  return r.scenario.value_or(Scenario{});
}

TEST(RenderDocument, EditingATransitionProbability) {
  Scenario expected = loaded("scenarios/online_store.json");
  const auto index =
      expected.find_transition(*expected.find_touchpoint("social_ad"), *expected.find_touchpoint("product_page"));
  ASSERT_TRUE(index.has_value());
  ASSERT_EQ(*index, 0u);  // the first transition of the file
  ASSERT_EQ(expected.transitions[0].p.value, 0.55);
  const auto got =
      edit_and_reload("scenarios/online_store.json", {ValueEdit{"/transitions/0/p", 0.5, "transitions[0].p", "0.5"}});
  ASSERT_TRUE(got.has_value());
  expected.transitions[0].p.value = 0.5;
  resolve_rest(expected.transitions, expected.touchpoints.size());  // the "rest" beside it grows
  EXPECT_EQ(first_difference(*got, expected), "");
  EXPECT_TRUE(*got == expected);
}

TEST(RenderDocument, EditingATouchpointEffort) {
  Scenario expected = loaded("scenarios/online_store.json");
  const std::size_t checkout = *expected.find_touchpoint("checkout");
  ASSERT_EQ(expected.touchpoints[checkout].effort, 4);
  const std::string at = "touchpoints[" + std::to_string(checkout) + "].effort";
  const auto got = edit_and_reload("scenarios/online_store.json",
                                   {ValueEdit{"/touchpoints/" + std::to_string(checkout) + "/effort", 6, at, "6"}});
  ASSERT_TRUE(got.has_value());
  expected.touchpoints[checkout].effort = 6;
  EXPECT_EQ(first_difference(*got, expected), "");
  EXPECT_TRUE(*got == expected);
}

TEST(RenderDocument, EditingADwellString) {
  Scenario expected = loaded("scenarios/online_store.json");
  const std::size_t failed = *expected.find_touchpoint("payment_failed");
  ASSERT_EQ(expected.touchpoints[failed].dwell, Distribution::constant(120));
  const std::string i = std::to_string(failed);
  const auto got = edit_and_reload(
      "scenarios/online_store.json",
      {ValueEdit{"/touchpoints/" + i + "/dwell", "1h30m", "touchpoints[" + i + "].dwell", "\"1h30m\""}});
  ASSERT_TRUE(got.has_value());
  expected.touchpoints[failed].dwell = Distribution::constant(5400);
  EXPECT_EQ(first_difference(*got, expected), "");
}

TEST(RenderDocument, EditingANestedDistributionParameter) {
  Scenario expected = loaded("scenarios/online_store.json");
  const std::size_t checkout = *expected.find_touchpoint("checkout");
  ASSERT_EQ(expected.touchpoints[checkout].dwell.kind, DistributionKind::lognormal);
  const std::string i = std::to_string(checkout);
  const auto got = edit_and_reload(
      "scenarios/online_store.json",
      {ValueEdit{"/touchpoints/" + i + "/dwell/p90", "12m", "touchpoints[" + i + "].dwell.p90", "\"12m\""},
       ValueEdit{"/touchpoints/" + i + "/sentiment/sd", 0.25, "touchpoints[" + i + "].sentiment.sd", "0.25"}});
  ASSERT_TRUE(got.has_value());
  expected.touchpoints[checkout].dwell.b = 720;
  expected.touchpoints[checkout].sentiment.b = 0.25;
  EXPECT_EQ(first_difference(*got, expected), "");
}

TEST(RenderDocument, EditsInTwoPlaces) {
  Scenario expected = loaded("scenarios/online_store.json");
  const std::size_t search = *expected.find_touchpoint("search");
  ASSERT_EQ(expected.customers, 100000u);
  const std::string i = std::to_string(search);
  const auto got =
      edit_and_reload("scenarios/online_store.json",
                      {ValueEdit{"/touchpoints/" + i + "/cost", 1.25, "touchpoints[" + i + "].cost", "1.25"},
                       ValueEdit{"/customers", 5000, "customers", "5000"}});
  ASSERT_TRUE(got.has_value());
  expected.touchpoints[search].cost = 1.25;
  expected.customers = 5000;
  EXPECT_EQ(first_difference(*got, expected), "");
}

TEST(RenderDocument, ReplacingAValueOfAnotherKind) {
  // An object replaced by a string: the whole object's span is rewritten.
  Scenario expected = loaded("scenarios/online_store.json");
  const std::size_t home = *expected.find_touchpoint("home_page");
  ASSERT_EQ(expected.touchpoints[home].dwell.kind, DistributionKind::lognormal);
  const std::string i = std::to_string(home);
  const auto got =
      edit_and_reload("scenarios/online_store.json",
                      {ValueEdit{"/touchpoints/" + i + "/dwell", "45s", "touchpoints[" + i + "].dwell", "\"45s\""}});
  ASSERT_TRUE(got.has_value());
  expected.touchpoints[home].dwell = Distribution::constant(45);
  EXPECT_EQ(first_difference(*got, expected), "");
}

TEST(RenderDocument, AddingAKeyRewritesOnlyItsObject) {
  const LoadResult r = load_ok(source_dir / "scenarios/online_store.json");
  ASSERT_TRUE(r.ok());
  const std::size_t cart = *r.scenario->find_touchpoint("cart");
  const JsonPath path = "touchpoints[" + std::to_string(cart) + "]";
  const SourceSpan* span = r.document->span(path);
  ASSERT_NE(span, nullptr);
  Json updated = r.document->root();
  updated["touchpoints"][cart]["cost"] = 0.5;
  const std::string out = render_document(*r.document, updated);
  const std::string& text = r.document->text();
  const std::string object = render_json(updated["touchpoints"][cart], 4);
  // Too wide for one line now: broken at the indentation of the line it starts on.
  EXPECT_EQ(object.substr(0, 21), "{\n      \"id\": \"cart\",");
  EXPECT_EQ(object.substr(object.size() - 6), "\n    }");
  EXPECT_NE(object.find("\n      \"cost\": 0.5\n"), std::string::npos) << object;
  EXPECT_EQ(out, text.substr(0, span->value_begin) + object + text.substr(span->value_end));
  const LoadResult reloaded = load_scenario_text(out);
  ASSERT_TRUE(reloaded.ok()) << all_diagnostics(reloaded);
  Scenario expected = *r.scenario;
  expected.touchpoints[cart].cost = 0.5;
  EXPECT_EQ(first_difference(*reloaded.scenario, expected), "");
}

TEST(RenderDocument, AddingAKeyToAShortObjectKeepsItOnOneLine) {
  const LoadResult r = load_ok(source_dir / "scenarios/online_store.json");
  ASSERT_TRUE(r.ok());
  const std::size_t bounced = *r.scenario->find_touchpoint("bounced");
  const JsonPath path = "touchpoints[" + std::to_string(bounced) + "]";
  const SourceSpan* span = r.document->span(path);
  ASSERT_NE(span, nullptr);
  const std::string& text = r.document->text();
  ASSERT_EQ(text.substr(span->value_begin, span->value_end - span->value_begin),
            R"({"id": "bounced", "name": "Left without a cart", "outcome": "lost"})");
  Json updated = r.document->root();
  updated["touchpoints"][bounced]["description"] = "no cart";
  const std::string out = render_document(*r.document, updated);
  EXPECT_EQ(out,
            text.substr(0, span->value_begin) +
                R"({"id": "bounced", "name": "Left without a cart", "outcome": "lost", "description": "no cart"})" +
                text.substr(span->value_end));
  const LoadResult reloaded = load_scenario_text(out);
  ASSERT_TRUE(reloaded.ok()) << all_diagnostics(reloaded);
  Scenario expected = *r.scenario;
  expected.touchpoints[bounced].description = "no cart";
  EXPECT_EQ(first_difference(*reloaded.scenario, expected), "");
}

// Every scalar in `value`, with its diagnostics path and its JSON pointer.
void collect_leaves(const Json& value, const JsonPath& path, const std::string& pointer,
                    std::vector<std::pair<JsonPath, std::string>>& leaves) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      std::string escaped;
      for (char c : key) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      collect_leaves(member, path_key(path, key), pointer + "/" + escaped, leaves);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      collect_leaves(value[i], path_index(path, i), pointer + "/" + std::to_string(i), leaves);
    }
  } else {
    leaves.emplace_back(path, pointer);
  }
}

void expect_every_leaf_edit_is_local(const JsonDocument& document) {
  std::vector<std::pair<JsonPath, std::string>> leaves;
  collect_leaves(document.root(), "", "", leaves);
  ASSERT_FALSE(leaves.empty());
  const std::string& text = document.text();
  for (const auto& [path, pointer] : leaves) {
    Json updated = document.root();
    Json& leaf = updated[Json::json_pointer(pointer)];
    const Json replacement = leaf.is_string() ? Json("edited \"value\"") : Json(123.25);
    leaf = replacement;
    const SourceSpan* span = document.span(path);
    ASSERT_NE(span, nullptr) << path;
    const std::string expected =
        text.substr(0, span->value_begin) + render_json(replacement) + text.substr(span->value_end);
    ASSERT_EQ(render_document(document, updated), expected) << "editing " << path;
  }
}

TEST(RenderDocument, EveryScalarEditInTheShippedFilesIsLocal) {
  for (const fs::path& path : scenario_files()) {
    SCOPED_TRACE(path.string());
    Diagnostics diagnostics;
    const JsonDocument document = JsonDocument::parse(read_bytes(path), diagnostics);
    ASSERT_TRUE(document.valid());
    expect_every_leaf_edit_is_local(document);
  }
}

TEST(RenderDocument, EveryScalarEditInOddlySpacedTextIsLocal) {
  const std::string text =
      "{\r\n\t\"a\" :  1.50 ,\"b\":[ 1,2 ,\n 3 ],\r\n  \"c\": {\"d\": \"x\\u0041\\n\", \"e\": -0.0, \"f\": 1E2,"
      " \"g\":true,\"h\" : null, \"i.j\": [[0]], \"k/l~m\": -12e-3}   }\n\n";
  Diagnostics diagnostics;
  const JsonDocument document = JsonDocument::parse(text, diagnostics);
  ASSERT_TRUE(document.valid()) << (diagnostics.empty() ? "" : diagnostics.all()[0].message);
  expect_every_leaf_edit_is_local(document);
}

TEST(RenderDocument, ChangedLongValueIsIndentedLikeItsLine) {
  const std::string text = "{\n  \"a\": {\n    \"list\": [1, 2]\n  }\n}\n";
  Diagnostics diagnostics;
  const JsonDocument document = JsonDocument::parse(text, diagnostics);
  ASSERT_TRUE(document.valid());
  Json updated = document.root();
  updated["a"]["list"] = Json::array();
  for (int i = 0; i < 40; ++i) updated["a"]["list"].push_back(1000 + i);
  const std::string out = render_document(document, updated);
  const std::string list = render_json(updated["a"]["list"], 4);
  ASSERT_EQ(list.substr(0, 12), "[\n      1000");
  EXPECT_EQ(out, "{\n  \"a\": {\n    \"list\": " + list + "\n  }\n}\n");
}

TEST(RenderDocument, InvalidOriginalIsRenderedAfresh) {
  Diagnostics diagnostics;
  const JsonDocument broken = JsonDocument::parse("{\"a\": ", diagnostics);
  ASSERT_FALSE(broken.valid());
  EXPECT_EQ(render_document(broken, Json{{"a", 1}}), "{\"a\": 1}\n");
}

// ---------------------------------------------------------------- (d) layout of render_json

TEST(RenderJson, Scalars) {
  EXPECT_EQ(render_json(Json(1)), "1");
  EXPECT_EQ(render_json(Json(0.35)), "0.35");
  EXPECT_EQ(render_json(Json(2.0)), "2.0");
  EXPECT_EQ(render_json(Json(-1.5e-7)), "-1.5e-07");
  EXPECT_EQ(render_json(Json(true)), "true");
  EXPECT_EQ(render_json(Json(nullptr)), "null");
  EXPECT_EQ(render_json(Json("say \"hi\"\n")), "\"say \\\"hi\\\"\\n\"");
  EXPECT_EQ(render_json(Json("caf\xC3\xA9")), "\"caf\xC3\xA9\"");  // UTF-8 kept as it is
}

TEST(RenderJson, EmptyContainers) {
  EXPECT_EQ(render_json(Json::object()), "{}");
  EXPECT_EQ(render_json(Json::array()), "[]");
  EXPECT_EQ(render_json(Json::object(), 200, 10), "{}");
  EXPECT_EQ(render_json(Json{{"a", Json::array()}, {"b", Json::object()}}), "{\"a\": [], \"b\": {}}");
}

TEST(RenderJson, ShortObjectsStayOnOneLine) {
  const Json transition = Json::parse(R"({"from": "cart", "to": "checkout", "p": 0.53, "sentiment_weight": -1.0})");
  EXPECT_EQ(render_json(transition), R"({"from": "cart", "to": "checkout", "p": 0.53, "sentiment_weight": -1.0})");
  EXPECT_EQ(render_json(Json::parse(R"({"dist": "lognormal", "median": "4m", "p90": "15m"})"), 8),
            R"({"dist": "lognormal", "median": "4m", "p90": "15m"})");
  EXPECT_EQ(render_json(Json::parse(R"([1, [2, 3], {"a": [4]}])")), R"([1, [2, 3], {"a": [4]}])");
}

TEST(RenderJson, KeepsKeyOrder) {
  EXPECT_EQ(render_json(Json::parse(R"({"z": 1, "a": 2, "m": 3})")), R"({"z": 1, "a": 2, "m": 3})");
}

TEST(RenderJson, LongObjectsBreakWithTwoSpaceIndents) {
  const Json value = Json::parse(R"({"id": "x", "list": [1, 2, 3]})");
  EXPECT_EQ(render_json(value, 0, 20), "{\n  \"id\": \"x\",\n  \"list\": [1, 2, 3]\n}");
}

TEST(RenderJson, NestedBreaksIndentFurther) {
  const Json value = Json::parse(R"({"outer": {"inner": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}})");
  EXPECT_EQ(render_json(value, 0, 30),
            "{\n"
            "  \"outer\": {\n"
            "    \"inner\": [\n"
            "      1,\n      2,\n      3,\n      4,\n      5,\n      6,\n      7,\n      8,\n      9,\n      10\n"
            "    ]\n"
            "  }\n"
            "}");
}

TEST(RenderJson, IndentShiftsTheBrokenForm) {
  const Json value = Json::parse(R"({"a": 1, "b": 2})");
  EXPECT_EQ(render_json(value, 4, 10), "{\n      \"a\": 1,\n      \"b\": 2\n    }");
}

TEST(RenderJson, WidthIsInclusive) {
  const Json value = Json::parse(R"({"a": 1, "b": 2})");  // 16 characters on one line
  EXPECT_EQ(render_json(value, 0, 16), R"({"a": 1, "b": 2})");
  EXPECT_EQ(render_json(value, 4, 20), R"({"a": 1, "b": 2})");
  EXPECT_EQ(render_json(value, 0, 15), "{\n  \"a\": 1,\n  \"b\": 2\n}");
  EXPECT_EQ(render_json(value, 5, 20), "{\n       \"a\": 1,\n       \"b\": 2\n     }");
}

TEST(RenderJson, ArraysBreakToo) {
  EXPECT_EQ(render_json(Json::parse(R"(["alpha", "bravo", "charlie"])"), 0, 20),
            "[\n  \"alpha\",\n  \"bravo\",\n  \"charlie\"\n]");
}

TEST(RenderJson, KeptOneLineMembersFitTheWidthWithTheirKey) {
  // A member kept on one line must fit in the width together with its key.
  const Json value = Json::parse(R"({"k": "x", "a_rather_long_key": [1, 2, 3, 4, 5]})");
  const std::string out = render_json(value, 0, 30);
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 30u) << "line: " << line << "\nin:\n" << out;
}

TEST(RenderJson, SavedScenarioLayout) {
  const LoadResult r = load_ok(source_dir / "tests/schema/fixtures/valid/online_store.json");
  ASSERT_TRUE(r.ok());
  const std::string out = render_json(to_json(*r.scenario));
  // The whole scenario is too wide for one line; each touchpoint and transition is one line of its own.
  EXPECT_EQ(out.substr(0, 2), "{\n");
  EXPECT_NE(out.find("\n  \"entry\": {\"social_ad\": 0.6, \"search\": 0.4},\n"), std::string::npos) << out;
  // social_ad is too wide for one line at this depth: its members go one per line, six spaces in.
  EXPECT_NE(out.find("\n  \"touchpoints\": [\n    {\n      \"id\": \"social_ad\",\n      \"stage\": \"awareness\",\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\n    {\"id\": \"search\", \"stage\": \"awareness\", \"channel\": \"web\"},\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\n    {\"from\": \"checkout\", \"to\": \"cart_abandoned\", \"p\": \"rest\", "
                     "\"sentiment_weight\": -1.0}\n  ]"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.back(), '}');
}

TEST(RenderJson, SavedScenariosKeepStructuredLinesWithinTheWidth) {
  // Only a long string can push a line past 110 columns; objects and arrays kept
  // on one line must fit, key and all.
  for (const fs::path& path : scenario_files()) {
    SCOPED_TRACE(path.string());
    const LoadResult r = load_ok(path);
    ASSERT_TRUE(r.ok());
    std::istringstream lines(render_json(to_json(*r.scenario)));
    std::string line;
    while (std::getline(lines, line)) {
      if (line.size() <= 110) continue;
      const char last = line.back() == ',' ? line[line.size() - 2] : line.back();
      EXPECT_TRUE(last != '}' && last != ']') << line.size() << " columns: " << line;
    }
  }
}

}  // namespace
}  // namespace journeysim

// Arrays that gain or lose elements (the viewer adds and removes touchpoints
// and transitions): only the added or removed lines change.
namespace journeysim {
namespace {

const char* const listed_text =
    "{\n"
    "  \"list\": [\n"
    "    {\"id\": \"a\"},\n"
    "    {\"id\": \"b\"},\n"
    "    {\"id\": \"c\"}\n"
    "  ],\n"
    "  \"inline\": [1, 2]\n"
    "}\n";

std::string edited_list(const std::function<void(Json&)>& edit) {
  Diagnostics diagnostics;
  const JsonDocument document = JsonDocument::parse(listed_text, diagnostics);
  Json updated = document.root();
  edit(updated);
  const std::string out = render_document(document, updated);
  Diagnostics reparsed;
  EXPECT_EQ(JsonDocument::parse(out, reparsed).root(), updated) << out;
  return out;
}

TEST(RenderDocumentArrays, AppendingAddsOneLine) {
  EXPECT_EQ(
      edited_list([](Json& j) {
        j["list"].push_back(Json{{"id", "d"}});
      }),
      "{\n  \"list\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\"},\n    {\"id\": \"c\"},\n    {\"id\": \"d\"}\n  ],\n"
      "  \"inline\": [1, 2]\n}\n");
}

TEST(RenderDocumentArrays, InsertingAtTheFrontAndInTheMiddle) {
  EXPECT_EQ(
      edited_list([](Json& j) {
        j["list"].insert(j["list"].begin(), Json{{"id", "z"}});
      }),
      "{\n  \"list\": [\n    {\"id\": \"z\"},\n    {\"id\": \"a\"},\n    {\"id\": \"b\"},\n    {\"id\": \"c\"}\n  ],\n"
      "  \"inline\": [1, 2]\n}\n");
  EXPECT_EQ(
      edited_list([](Json& j) {
        j["list"].insert(j["list"].begin() + 2, Json{{"id", "m"}});
      }),
      "{\n  \"list\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\"},\n    {\"id\": \"m\"},\n    {\"id\": \"c\"}\n  ],\n"
      "  \"inline\": [1, 2]\n}\n");
}

TEST(RenderDocumentArrays, RemovingCutsOnlyThatElement) {
  const std::string tail = "\n  ],\n  \"inline\": [1, 2]\n}\n";
  EXPECT_EQ(edited_list([](Json& j) { j["list"].erase(1); }),
            "{\n  \"list\": [\n    {\"id\": \"a\"},\n    {\"id\": \"c\"}" + tail);
  EXPECT_EQ(edited_list([](Json& j) { j["list"].erase(0); }),
            "{\n  \"list\": [\n    {\"id\": \"b\"},\n    {\"id\": \"c\"}" + tail);
  EXPECT_EQ(edited_list([](Json& j) { j["list"].erase(2); }),
            "{\n  \"list\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\"}" + tail);
}

TEST(RenderDocumentArrays, RemovingOneAndEditingAnother) {
  EXPECT_EQ(edited_list([](Json& j) {
              j["list"].erase(0);
              j["list"][0]["id"] = "B";
            }),
            "{\n  \"list\": [\n    {\"id\": \"B\"},\n    {\"id\": \"c\"}\n  ],\n  \"inline\": [1, 2]\n}\n");
}

TEST(RenderDocumentArrays, InlineAndEmptiedArraysAreRewrittenWhole) {
  EXPECT_EQ(edited_list([](Json& j) { j["inline"].push_back(3); }),
            "{\n  \"list\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\"},\n    {\"id\": \"c\"}\n  ],\n"
            "  \"inline\": [1, 2, 3]\n}\n");
  EXPECT_EQ(edited_list([](Json& j) { j["list"] = Json::array(); }), "{\n  \"list\": [],\n  \"inline\": [1, 2]\n}\n");
}

TEST(RenderDocumentArrays, AddingATouchpointToAShippedScenarioIsAOneLineDiff) {
  Diagnostics diagnostics;
  const JsonDocument document =
      JsonDocument::parse(read_bytes(source_dir / "scenarios/online_store.json"), diagnostics);
  ASSERT_TRUE(document.valid());
  Json updated = document.root();
  updated["touchpoints"].push_back(Json{{"id", "survey"}, {"outcome", "lost"}});
  const std::string out = render_document(document, updated);
  const auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
  EXPECT_EQ(lines(out), lines(document.text()) + 1);
  const LoadResult reloaded = load_scenario_text(out);
  ASSERT_TRUE(reloaded.ok()) << all_diagnostics(reloaded);
  EXPECT_TRUE(reloaded.scenario->find_touchpoint("survey").has_value());
}

}  // namespace
}  // namespace journeysim
