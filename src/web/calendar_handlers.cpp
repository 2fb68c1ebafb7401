#include "web/calendar_handlers.hpp"

#include <charconv>
#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/calendar/calendar_text.hpp"
#include "web/catalog_handlers.hpp"
#include "web/error_mapping.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using kainjow::mustache::data;
using json = nlohmann::ordered_json;

Error NotConfigured() {
  return Error{ErrorCode::kUnavailable,
               "Lịch làm việc tạm thời không sẵn sàng.",
               "WebContext::calendar is not set",
               {}};
}

// A year as four digits; the service checks the range.
Result<int> ParseYear(const std::string& name, const std::string& text) {
  int year = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() != 4 || ec != std::errc() || ptr != text.data() + text.size()) {
    return Fail(InvalidParameter(name, "Năm phải là số có 4 chữ số, ví dụ 2025."));
  }
  return year;
}

const char* WeekdayName(Date date) {
  static const char* const kNames[] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                       "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
  return kNames[std::chrono::weekday{std::chrono::sys_days{date}}.c_encoding()];
}

const char* KindLabel(domain::DayOff::Kind kind) {
  switch (kind) {
    case domain::DayOff::Kind::kHoliday: return "Ngày lễ";
    case domain::DayOff::Kind::kCompensatory: return "Nghỉ bù";
    case domain::DayOff::Kind::kOverride: return "Theo quyết định";
  }
  return "";
}

// "2025-02-05T17:00:00+07:00": the instant on Vietnam's clock.
std::string FormatVietnamTime(Timestamp t) {
  const VietnamClock local = ToVietnam(t);
  return fmt::format("{}T{}:00+07:00", FormatIsoDate(local.date), app::FormatClock(local.minutes));
}

std::string YearUrl(int year) { return "/lich-lam-viec?nam=" + std::to_string(year); }

}  // namespace

Response CalendarHandlers::ApiHolidays(Request& req) {
  if (!ctx_.calendar) return ProblemResponse(NotConfigured(), req.request_id);
  if (!req.HasQuery("year")) {
    return ProblemResponse(InvalidParameter("year", "Thiếu tham số year (năm, ví dụ 2025)."),
                           req.request_id);
  }
  auto year = ParseYear("year", req.Query("year"));
  if (!year) return ProblemResponse(year.error(), req.request_id);
  auto days_off = ctx_.calendar->DaysOff(*year);
  if (!days_off) return ProblemResponse(days_off.error(), req.request_id);
  json items = json::array();
  for (const auto& day : *days_off) {
    items.push_back({{"date", FormatIsoDate(day.date)},
                     {"name", day.name},
                     {"kind", domain::DayOffKindKey(day.kind)}});
  }
  return Response::Json(json{{"year", *year}, {"items", items}}.dump());
}

Response CalendarHandlers::ApiDue(Request& req) {
  if (!ctx_.calendar) return ProblemResponse(NotConfigured(), req.request_id);
  if (!req.HasQuery("from")) {
    return ProblemResponse(
        InvalidParameter("from", "Thiếu tham số from (ngày tiếp nhận, dạng YYYY-MM-DD)."),
        req.request_id);
  }
  auto from = ParseIsoDate(req.Query("from"));
  if (!from) {
    return ProblemResponse(
        InvalidParameter("from", "Ngày tiếp nhận phải có dạng YYYY-MM-DD và là một ngày có thật."),
        req.request_id);
  }
  if (!req.HasQuery("days")) {
    return ProblemResponse(InvalidParameter("days", "Thiếu tham số days (số ngày làm việc)."),
                           req.request_id);
  }
  std::string days_text = req.Query("days");
  auto days = app::ParseWorkingDays(days_text);
  if (!days) {
    return ProblemResponse(
        InvalidParameter("days", days_text.starts_with("-")
                                     ? "Số ngày làm việc không được âm."
                                     : "Số ngày làm việc phải là số không âm, ví dụ 3 hoặc 0.5."),
        req.request_id);
  }
  int minutes = 0;
  if (req.HasQuery("time")) {
    auto clock = app::ParseClock(req.Query("time"));
    if (!clock) {
      return ProblemResponse(
          InvalidParameter("time", "Giờ tiếp nhận phải có dạng HH:MM, ví dụ 09:15."),
          req.request_id);
    }
    minutes = *clock;
  }
  std::string agency = req.Query("agency");
  if (!agency.empty()) {
    // An unknown code would silently count on the default hours.
    auto index = ctx_.catalog.Snapshot();
    if (!index) return ProblemResponse(index.error(), req.request_id);
    if (!(*index)->FindAgency(agency)) {
      return ProblemResponse(InvalidParameter("agency", "Cơ quan không tồn tại."), req.request_id);
    }
  }
  auto due = ctx_.calendar->DueLocalTime(domain::LocalDateTime{*from, minutes}, *days, agency);
  if (!due) return ProblemResponse(due.error(), req.request_id);
  json body = {{"from", FormatIsoDate(*from)}};
  // 3 stays 3 in JSON, 0.5 stays 0.5.
  if (*days == static_cast<double>(static_cast<long long>(*days))) {
    body["days"] = static_cast<long long>(*days);
  } else {
    body["days"] = *days;
  }
  if (req.HasQuery("time")) body["time"] = app::FormatClock(minutes);
  if (!agency.empty()) body["agency"] = agency;
  body["due_date"] = FormatIsoDate(due->date);
  body["due_time"] = FormatVietnamTime(FromVietnam(due->date, due->minutes));
  return Response::Json(body.dump());
}

Response CalendarHandlers::CalendarPage(Request& req) {
  if (!ctx_.calendar) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  int year = static_cast<int>(ctx_.calendar->Today().year());
  if (req.HasQuery("nam")) {
    auto parsed = ParseYear("nam", req.Query("nam"));
    if (!parsed) return ErrorPage(parsed.error(), req, ctx_.portal_name);
    year = *parsed;
  }
  auto days_off = ctx_.calendar->DaysOff(year);
  if (!days_off) return ErrorPage(days_off.error(), req, ctx_.portal_name);
  auto overrides = ctx_.calendar->Overrides(year);
  if (!overrides) return ErrorPage(overrides.error(), req, ctx_.portal_name);

  data d;
  d.set("year", std::to_string(year));
  data rows{data::type::list};
  for (const auto& day : *days_off) {
    data row;
    row.set("iso", FormatIsoDate(day.date));
    row.set("date", FormatVnDate(day.date));
    row.set("weekday", WeekdayName(day.date));
    row.set("name", day.name);
    row.set("kind", domain::DayOffKindKey(day.kind));
    row.set("kind_label", KindLabel(day.kind));
    rows.push_back(row);
  }
  d.set("days_off", rows);
  d.set("has_days_off", !days_off->empty());
  d.set("count", std::to_string(days_off->size()));
  data working{data::type::list};
  bool has_working = false;
  for (const auto& stored : *overrides) {
    if (stored.entry.off) continue;
    data row;
    row.set("iso", FormatIsoDate(stored.entry.date));
    row.set("date", FormatVnDate(stored.entry.date));
    row.set("weekday", WeekdayName(stored.entry.date));
    row.set("note", stored.entry.note);
    working.push_back(row);
    has_working = true;
  }
  d.set("has_working_days", has_working);
  d.set("working_days", working);
  std::string hours;
  for (const auto& session : domain::OfficeHours::Default().sessions) {
    if (!hours.empty()) hours += " và ";
    hours += app::FormatClock(session.start) + "–" + app::FormatClock(session.end);
  }
  d.set("office_hours", hours);
  if (year > app::CalendarService::kMinYear) {
    d.set("prev_url", YearUrl(year - 1));
    d.set("prev_year", std::to_string(year - 1));
  }
  if (year < app::CalendarService::kMaxYear) {
    d.set("next_url", YearUrl(year + 1));
    d.set("next_year", std::to_string(year + 1));
  }
  std::string title = fmt::format("Lịch nghỉ lễ, tết năm {}", year);
  return Response::Html(
      RenderPage("calendar", d,
                 {title,
                  fmt::format("Các ngày nghỉ lễ, tết, nghỉ bù năm {} dùng để tính hạn "
                              "giải quyết hồ sơ.",
                              year),
                  "calendar"},
                 ctx_.portal_name));
}

}  // namespace motcua::web
