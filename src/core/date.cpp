#include "core/date.hpp"

#include <fmt/format.h>

namespace motcua {
namespace {

std::optional<int> Digits(std::string_view s) {
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = Digits(text.substr(0, 4));
  auto m = Digits(text.substr(5, 2));
  auto d = Digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  Date date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
            std::chrono::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatIsoDate(Date date) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::string FormatVnDate(Date date) {
  return fmt::format("{:02d}/{:02d}/{:04d}", static_cast<unsigned>(date.day()),
                     static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
}

}  // namespace motcua
