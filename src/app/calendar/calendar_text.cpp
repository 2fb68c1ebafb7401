#include "app/calendar/calendar_text.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/text.hpp"

namespace motcua::app {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

Error BadHours(std::string internal) {
  std::string message =
      "Giờ làm việc không hợp lệ: hãy ghi các buổi theo thứ tự, ví dụ 07:30-11:30,13:00-17:00.";
  Error e{ErrorCode::kInvalidArgument, message, std::move(internal), {}};
  e.fields.push_back({"hours", std::move(message)});
  return e;
}

}  // namespace

std::string FormatClock(int minutes) {
  return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

std::optional<int> ParseClock(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon < 1 || colon > 2 || text.size() != colon + 3) {
    return std::nullopt;
  }
  int hours = 0;
  for (std::size_t i = 0; i < colon; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    hours = hours * 10 + (text[i] - '0');
  }
  int minutes = 0;
  for (std::size_t i = colon + 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    minutes = minutes * 10 + (text[i] - '0');
  }
  if (minutes > 59 || hours * 60 + minutes > kMinutesPerDay) return std::nullopt;
  return hours * 60 + minutes;
}

std::optional<double> ParseWorkingDays(std::string_view text) {
  if (text.empty() || text.size() > 32 ||
      text.find_first_not_of("0123456789.") != std::string_view::npos || text.front() == '.' ||
      text.back() == '.') {
    return std::nullopt;
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::string FormatOfficeHours(const domain::OfficeHours& hours) {
  std::string out;
  for (const auto& session : hours.sessions) {
    if (!out.empty()) out += ',';
    out += FormatClock(session.start) + "-" + FormatClock(session.end);
  }
  return out;
}

Result<domain::OfficeHours> ParseOfficeHours(std::string_view text) {
  domain::OfficeHours hours;
  std::string normalized(text);
  // "07:30–11:30" with an en dash, as people type it from documents.
  for (std::size_t pos; (pos = normalized.find("\u2013")) != std::string::npos;) {
    normalized.replace(pos, 3, "-");
  }
  std::string_view rest = normalized;
  while (true) {
    auto comma = rest.find(',');
    std::string_view item = Trim(rest.substr(0, comma));
    auto dash = item.find('-');
    if (dash == std::string_view::npos) return Fail(BadHours(fmt::format("no '-' in '{}'", item)));
    auto start = ParseClock(Trim(item.substr(0, dash)));
    auto end = ParseClock(Trim(item.substr(dash + 1)));
    if (!start || !end) return Fail(BadHours(fmt::format("bad clock time in '{}'", item)));
    hours.sessions.push_back({*start, *end});
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (!hours.IsValid()) return Fail(BadHours(fmt::format("sessions out of order in '{}'", text)));
  return hours;
}

}  // namespace motcua::app
