#include "web/json_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace motcua::web {
namespace {

using nlohmann::json;

TEST(JsonWriter, WritesNestedObjectsAndArraysWithCommasInPlace) {
  JsonWriter w;
  w.BeginObject().Field("id", 42).Field("ok", true).Key("none").Null();
  w.Key("items").BeginArray();
  w.BeginObject().Field("code", "000.20.31.H29-261206-0001").EndObject();
  w.BeginObject().Key("empty").StringOrNull("").EndObject();
  w.Int(-7).String("x");
  w.EndArray();
  w.Key("nested").BeginObject().Key("list").BeginArray().EndArray().EndObject();
  w.EndObject();
  EXPECT_EQ(w.str(),
            R"({"id":42,"ok":true,"none":null,"items":[{"code":"000.20.31.H29-261206-0001"},{"empty":null},-7,"x"],)"
            R"("nested":{"list":[]}})");
  EXPECT_EQ(json::parse(w.str())["items"][1]["empty"], nullptr);
}

TEST(JsonWriter, EscapesEveryCharacterJsonRequiresAndKeepsVietnamese) {
  std::string tricky = "Nguyễn \"Văn\" \\ An\n\t\r\b\f";
  tricky.push_back('\x01');
  tricky.push_back('\x1f');
  tricky += "</script> Đăng ký khai sinh 😀";
  JsonWriter w;
  w.BeginObject().Field("text", tricky).EndObject();
  EXPECT_EQ(json::parse(w.str())["text"].get<std::string>(), tricky);
  EXPECT_NE(w.str().find("Nguyễn"), std::string::npos) << "UTF-8 is written as is, not as \\u escapes";
  EXPECT_NE(w.str().find("\\u0001"), std::string::npos);
}

TEST(JsonWriter, ReplacesInvalidUtf8SoTheOutputStaysValidJson) {
  for (std::string bad : {std::string("a\xC3"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                          std::string("\xF4\x90\x80\x80"), std::string("x\xFFy")}) {
    JsonWriter w;
    w.String(bad);
    auto parsed = json::parse(w.str(), nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << w.str();
    EXPECT_NE(parsed.get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
  }
}

TEST(JsonWriter, WritesTimestampsInIsoUtcOrNull) {
  JsonWriter w;
  w.BeginArray().Time(ParseTimestamp("2026-12-06T01:02:03.004Z")).Time(std::nullopt).EndArray();
  EXPECT_EQ(w.str(), R"(["2026-12-06T01:02:03.004Z",null])");
}

}  // namespace
}  // namespace motcua::web
