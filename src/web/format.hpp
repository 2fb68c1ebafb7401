#pragma once
// Vietnamese display formats for pages.

#include <cstdint>
#include <string>

namespace motcua::web {

// 200000 -> "200.000 đồng"; 0 -> "Không thu phí".
std::string FormatVnd(std::int64_t amount);

// 10 -> "10 ngày làm việc"; 0.5 -> "0,5 ngày làm việc".
std::string FormatWorkingDays(double days);

// 0.5 -> "0,5" (Vietnamese decimal comma, no trailing zeros).
std::string FormatDecimal(double value);

}  // namespace motcua::web
