#pragma once
// JsonWriter: writes JSON text straight into a string, for the responses
// served most often (dossier lists, worklists, public tracking). Building an
// nlohmann::json tree first cost a map node and a string per field: for a
// list of 20 dossiers that was most of the request's time.
//
// The caller writes a well-formed sequence (keys only inside objects); the
// writer places commas and escapes strings (RFC 8259). Text that is not
// valid UTF-8 has its invalid bytes replaced by U+FFFD so that the output
// is always valid JSON. Not thread-safe; one writer per response.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace motcua::web {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 4096) { out_.reserve(reserve); }
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(long long value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // An ISO 8601 UTC timestamp, or null.
  JsonWriter& Time(const std::optional<Timestamp>& t);
  // The string, or null when it is empty.
  JsonWriter& StringOrNull(std::string_view value);

  // Shorthands for one member of an object.
  template <typename T>
  JsonWriter& Field(std::string_view key, const T& value) {
    Key(key);
    return Value(value);
  }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Value(std::string_view v) { return String(v); }
  JsonWriter& Value(const std::string& v) { return String(v); }
  JsonWriter& Value(const char* v) { return String(v); }
  JsonWriter& Value(long long v) { return Int(v); }
  JsonWriter& Value(long v) { return Int(v); }
  JsonWriter& Value(int v) { return Int(v); }
  JsonWriter& Value(bool v) { return Bool(v); }
  JsonWriter& Value(const std::optional<Timestamp>& t) { return Time(t); }
  void BeforeValue();

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace motcua::web
