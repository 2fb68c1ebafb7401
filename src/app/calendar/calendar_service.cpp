#include "app/calendar/calendar_service.hpp"

#include <fmt/format.h>

#include "app/calendar/calendar_text.hpp"
#include "core/text.hpp"

namespace motcua::app {
namespace {

Error InvalidField(const std::string& field, std::string message, std::string internal) {
  Error e{ErrorCode::kInvalidArgument, message, std::move(internal), {}};
  e.fields.push_back({field, std::move(message)});
  return e;
}

Status CheckYear(int year, const std::string& field) {
  if (year < CalendarService::kMinYear || year > CalendarService::kMaxYear) {
    return Fail(InvalidField(
        field,
        fmt::format("Năm phải từ {} đến {}.", CalendarService::kMinYear, CalendarService::kMaxYear),
        fmt::format("year {} out of range", year)));
  }
  return {};
}

Status CheckDate(Date date, const std::string& field) {
  if (!date.ok()) {
    return Fail(InvalidField(field, "Ngày không hợp lệ.", "impossible date"));
  }
  return CheckYear(static_cast<int>(date.year()), field);
}

// Domain errors about the number of days name the "days" input.
Error AboutDays(Error e) {
  if (e.code == ErrorCode::kInvalidArgument && e.fields.empty()) {
    e.fields.push_back({"days", e.user_message});
  }
  return e;
}

// A JSON string literal; audit details are short JSON objects.
std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

Status CheckActor(const std::string& actor) {
  if (Trim(actor).empty())
    return Fail(InvalidField("actor", "Thiếu người thực hiện.", "empty actor"));
  return {};
}

}  // namespace

CalendarService::CalendarService(CalendarRepository& repository, const Clock& clock,
                                 std::chrono::milliseconds refresh_interval)
    : repository_(repository), clock_(clock), refresh_interval_(refresh_interval) {}

Result<std::shared_ptr<const CalendarService::Snapshot>> CalendarService::Current() {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (snapshot_ && now - checked_at_ < refresh_interval_) return snapshot_;
  auto revision = repository_.CalendarRevision();
  if (!revision) {
    if (snapshot_) return snapshot_;
    return Fail(revision.error());
  }
  checked_at_ = now;
  if (snapshot_ && snapshot_->revision == *revision) return snapshot_;
  auto overrides = repository_.LoadOverrides();
  if (!overrides) {
    if (snapshot_) return snapshot_;
    return Fail(overrides.error());
  }
  auto hours = repository_.LoadAllOfficeHours();
  if (!hours) {
    if (snapshot_) return snapshot_;
    return Fail(hours.error());
  }
  auto next = std::make_shared<Snapshot>();
  next->revision = *revision;
  std::vector<domain::CalendarOverride> entries;
  entries.reserve(overrides->size());
  for (const auto& stored : *overrides) entries.push_back(stored.entry);
  next->calendar = std::make_shared<const domain::WorkingCalendar>(std::move(entries));
  next->overrides = std::move(*overrides);
  next->hours = std::move(*hours);
  snapshot_ = std::move(next);
  return snapshot_;
}

void CalendarService::Invalidate() {
  std::lock_guard lock(mutex_);
  checked_at_ = {};  // re-check the revision on the next read
}

Result<std::shared_ptr<const domain::WorkingCalendar>> CalendarService::Calendar() {
  auto snapshot = Current();
  if (!snapshot) return Fail(snapshot.error());
  return (*snapshot)->calendar;
}

Result<std::vector<domain::DayOff>> CalendarService::DaysOff(int year) {
  if (auto ok = CheckYear(year, "year"); !ok) return Fail(ok.error());
  auto snapshot = Current();
  if (!snapshot) return Fail(snapshot.error());
  return (*snapshot)->calendar->DaysOff(year);
}

Result<std::vector<StoredOverride>> CalendarService::Overrides(int year) {
  if (auto ok = CheckYear(year, "year"); !ok) return Fail(ok.error());
  auto snapshot = Current();
  if (!snapshot) return Fail(snapshot.error());
  std::vector<StoredOverride> out;
  for (const auto& stored : (*snapshot)->overrides) {
    if (stored.entry.date.year() == std::chrono::year{year}) out.push_back(stored);
  }
  return out;
}

Result<Date> CalendarService::DueDate(Date from, double working_days) {
  if (auto ok = CheckDate(from, "from"); !ok) return Fail(ok.error());
  auto snapshot = Current();
  if (!snapshot) return Fail(snapshot.error());
  auto due = (*snapshot)->calendar->DueDate(from, working_days);
  if (!due) return Fail(AboutDays(due.error()));
  return *due;
}

Result<domain::LocalDateTime> CalendarService::DueLocalTime(domain::LocalDateTime received,
                                                            double working_days,
                                                            const std::string& agency_code) {
  if (auto ok = CheckDate(received.date, "from"); !ok) return Fail(ok.error());
  auto snapshot = Current();
  if (!snapshot) return Fail(snapshot.error());
  const auto& hours = (*snapshot)->hours;
  auto it = hours.find(agency_code);
  auto due = (*snapshot)->calendar->DueTime(
      received, working_days, it == hours.end() ? domain::OfficeHours::Default() : it->second);
  if (!due) return Fail(AboutDays(due.error()));
  return *due;
}

Result<Timestamp> CalendarService::DueTime(Timestamp received, double working_days,
                                           const std::string& agency_code) {
  const VietnamClock local = ToVietnam(received);
  auto due =
      DueLocalTime(domain::LocalDateTime{local.date, local.minutes}, working_days, agency_code);
  if (!due) return Fail(due.error());
  return FromVietnam(due->date, due->minutes);
}

Status CalendarService::SetDay(Date date, bool off, const std::string& note,
                               const std::string& actor, const std::string& request_id) {
  if (auto ok = CheckDate(date, "date"); !ok) return ok;
  if (auto ok = CheckActor(actor); !ok) return ok;
  auto normalized = ToNfc(Trim(note));
  if (!normalized) {
    return Fail(InvalidField("note", "Ghi chú chứa ký tự không hợp lệ.", "note is not UTF-8"));
  }
  if (off && normalized->empty()) {
    return Fail(
        InvalidField("note", "Phải ghi tên hoặc lý do của ngày nghỉ.", "empty note for a day off"));
  }
  if (normalized->size() > kMaxNoteBytes) {
    return Fail(InvalidField("note", fmt::format("Ghi chú dài quá {} ký tự.", kMaxNoteBytes),
                             fmt::format("note of {} bytes", normalized->size())));
  }
  domain::CalendarOverride entry{date, off, *normalized};
  AuditEvent audit{clock_.Now(),
                   std::string(Trim(actor)),
                   "calendar.set",
                   FormatIsoDate(date),
                   fmt::format("{{\"off\":{},\"note\":{}}}", off, JsonString(entry.note)),
                   request_id};
  if (auto saved = repository_.SaveOverride(entry, audit); !saved) return saved;
  Invalidate();
  return {};
}

Status CalendarService::ClearDay(Date date, const std::string& actor,
                                 const std::string& request_id) {
  if (auto ok = CheckDate(date, "date"); !ok) return ok;
  if (auto ok = CheckActor(actor); !ok) return ok;
  AuditEvent audit{
      clock_.Now(), std::string(Trim(actor)), "calendar.clear", FormatIsoDate(date), "{}",
      request_id};
  if (auto removed = repository_.RemoveOverride(date, audit); !removed) {
    Error e = removed.error();
    if (e.code == ErrorCode::kNotFound) {
      e.user_message = fmt::format("Ngày {} không có điều chỉnh nào.", FormatVnDate(date));
    }
    return Fail(std::move(e));
  }
  Invalidate();
  return {};
}

Result<domain::OfficeHours> CalendarService::OfficeHours(const std::string& agency_code) {
  auto snapshot = Current();
  if (!snapshot) return Fail(snapshot.error());
  auto it = (*snapshot)->hours.find(agency_code);
  return it == (*snapshot)->hours.end() ? domain::OfficeHours::Default() : it->second;
}

Status CalendarService::SetOfficeHours(const std::string& agency_code,
                                       const domain::OfficeHours& hours, const std::string& actor,
                                       const std::string& request_id) {
  if (Trim(agency_code).empty()) {
    return Fail(InvalidField("agency", "Thiếu mã cơ quan.", "empty agency code"));
  }
  if (!hours.IsValid()) {
    return Fail(InvalidField(
        "hours", "Giờ làm việc không hợp lệ: các buổi phải theo thứ tự và không chồng nhau.",
        "invalid office hours"));
  }
  if (auto ok = CheckActor(actor); !ok) return ok;
  AuditEvent audit{clock_.Now(),
                   std::string(Trim(actor)),
                   "calendar.office_hours",
                   agency_code,
                   fmt::format("{{\"sessions\":{}}}", JsonString(FormatOfficeHours(hours))),
                   request_id};
  if (auto saved = repository_.SaveOfficeHours(agency_code, hours, audit); !saved) return saved;
  Invalidate();
  return {};
}

Date CalendarService::Today() const { return ToVietnam(clock_.Now()).date; }

}  // namespace motcua::app
