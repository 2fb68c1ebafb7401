#pragma once
// Sql: the text of one statement with positional parameters (:p0, :p1, ...)
// collected while the text is built, and bound in that order. Values are
// copied in, so the same text can be bound again to a statement prepared
// earlier (store/cached_query.hpp). Store-only: it includes SOCI.

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/time.hpp"

namespace motcua::store {

class Sql {
 public:
  struct Param {
    bool is_int = false;
    std::string text;
    long long number = 0;
  };

  Sql& operator<<(std::string_view text) {
    sql_ += text;
    return *this;
  }
  Sql& Text(std::string value) {
    sql_ += ":p" + std::to_string(params_.size());
    params_.push_back({false, std::move(value), 0});
    return *this;
  }
  Sql& Int(long long value) {
    sql_ += ":p" + std::to_string(params_.size());
    params_.push_back({true, {}, value});
    return *this;
  }
  Sql& Time(Timestamp t) { return Text(FormatTimestamp(t)); }
  // "column IN (:p, ...)"; callers handle an empty list.
  Sql& In(std::string_view column, const std::vector<std::string>& values) {
    sql_ += column;
    sql_ += " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) sql_ += ", ";
      Text(values[i]);
    }
    sql_ += ")";
    return *this;
  }

  const std::string& str() const { return sql_; }
  const std::deque<Param>& params() const { return params_; }

  // Binds every parameter to `st` by reference: `this` must outlive the execution.
  void Bind(soci::statement& st) {
    for (auto& p : params_) {
      if (p.is_int) {
        st.exchange(soci::use(p.number));
      } else {
        st.exchange(soci::use(p.text));
      }
    }
  }

 private:
  std::string sql_;
  std::deque<Param> params_;  // stable addresses for soci::use
};

}  // namespace motcua::store
