#include "web/format.hpp"

#include <fmt/format.h>

namespace motcua::web {

std::string FormatVnd(std::int64_t amount) {
  if (amount == 0) return "Không thu phí";
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n > 0 && n % 3 == 0) out.insert(out.begin(), '.');
    out.insert(out.begin(), *it);
    ++n;
  }
  return (amount < 0 ? "-" : "") + out + " đồng";
}

std::string FormatDecimal(double value) {
  std::string s = fmt::format("{:.2f}", value);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  for (char& c : s) {
    if (c == '.') c = ',';
  }
  return s;
}

std::string FormatWorkingDays(double days) {
  if (days == 0) return "Giải quyết ngay trong ngày";
  return FormatDecimal(days) + " ngày làm việc";
}

}  // namespace motcua::web
