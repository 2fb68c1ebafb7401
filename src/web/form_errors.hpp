#pragma once
// Error display shared by the HTML pages: the summary box at the top of a
// form (each problem linking to its input) and the message of one field.

#include <map>
#include <string>

#include "core/error.hpp"

namespace motcua::web {

inline constexpr const char* kInvalidForm = "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.";

// The rendered error_summary fragment; `anchors` maps a field to its input id.
std::string SummaryHtml(const Error& error, const std::map<std::string, std::string>& anchors);

// The message of `field` in `error` (null: none), or "".
std::string FieldErrorOf(const Error* error, const std::string& field);

}  // namespace motcua::web
