// Tests that docs/scenario.schema.json and the loader's key tables (scenario_key_tables) name exactly the same keys.
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "journeysim/graph/scenario_loader.hpp"

namespace journeysim {
namespace {

nlohmann::json read_schema() {
  std::ifstream in(std::string(JOURNEYSIM_SOURCE_DIR) + "/docs/scenario.schema.json");
  EXPECT_TRUE(in.good()) << "cannot open docs/scenario.schema.json";
  return nlohmann::json::parse(in);
}

TEST(SchemaKeys, SchemaIsDraft2020) {
  const nlohmann::json schema = read_schema();
  EXPECT_EQ(schema.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema.at("type"), "object");
  EXPECT_FALSE(schema.at("additionalProperties").get<bool>());
}

TEST(SchemaKeys, EveryTableHasItsPlaceInTheSchema) {
  const nlohmann::json schema = read_schema();
  ASSERT_FALSE(scenario_key_tables().empty());
  std::set<std::string> names;
  for (const KeyTable& table : scenario_key_tables()) {
    const std::string object(table.object);
    EXPECT_TRUE(names.insert(object).second) << "table \"" << object << "\" is listed twice";
    if (object == "scenario") continue;
    EXPECT_TRUE(schema.at("$defs").contains(object)) << "the schema has no $defs/" << object;
  }
  EXPECT_EQ(names.count("scenario"), 1u);
  for (const char* expected : {"touchpoint", "transition", "segment", "segment_touchpoint", "segment_transition",
                               "sentiment_model", "segment_sentiment", "nps_model", "csat_model"}) {
    EXPECT_EQ(names.count(expected), 1u) << "no key table for " << expected;
  }
}

TEST(SchemaKeys, SameKeysBothWays) {
  const nlohmann::json schema = read_schema();
  for (const KeyTable& table : scenario_key_tables()) {
    const std::string object(table.object);
    SCOPED_TRACE("object \"" + object + "\"");
    const nlohmann::json* properties = nullptr;
    if (object == "scenario") {
      properties = &schema.at("properties");
    } else {
      const nlohmann::json& defs = schema.at("$defs");
      ASSERT_TRUE(defs.contains(object)) << "the schema has no $defs/" << object;
      ASSERT_TRUE(defs.at(object).contains("properties")) << "$defs/" << object << " has no properties";
      properties = &defs.at(object).at("properties");
    }
    ASSERT_TRUE(properties->is_object());

    std::set<std::string> in_schema;
    for (const auto& [key, value] : properties->items()) in_schema.insert(key);
    std::set<std::string> in_loader;
    for (std::string_view key : table.keys) {
      EXPECT_TRUE(in_loader.insert(std::string(key)).second) << "the loader lists \"" << key << "\" twice";
    }

    for (const std::string& key : in_loader) {
      EXPECT_EQ(in_schema.count(key), 1u)
          << "the loader accepts \"" << key << "\" in " << object << " but the schema does not list it";
    }
    for (const std::string& key : in_schema) {
      EXPECT_EQ(in_loader.count(key), 1u)
          << "the schema lists \"" << key << "\" in " << object << " but the loader does not accept it";
    }
    EXPECT_EQ(in_schema, in_loader);
  }
}

TEST(SchemaKeys, ObjectsWithKeyTablesRejectUnknownKeys) {
  // The loader rejects unknown keys everywhere; the schema must say the same.
  const nlohmann::json schema = read_schema();
  for (const KeyTable& table : scenario_key_tables()) {
    const std::string object(table.object);
    const nlohmann::json& def = object == "scenario" ? schema : schema.at("$defs").at(object);
    ASSERT_TRUE(def.contains("additionalProperties")) << object;
    EXPECT_EQ(def.at("additionalProperties"), false) << object;
  }
}

}  // namespace
}  // namespace journeysim
