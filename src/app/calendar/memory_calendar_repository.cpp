#include "app/calendar/memory_calendar_repository.hpp"

namespace motcua::app {

MemoryCalendarRepository::MemoryCalendarRepository(std::set<std::string> agencies)
    : agencies_(std::move(agencies)) {}

Status MemoryCalendarRepository::CheckAvailable() const {
  if (unavailable_) {
    return Fail(ErrorCode::kUnavailable, "Cơ sở dữ liệu tạm thời không sẵn sàng, vui lòng thử lại.",
                "memory repository set unavailable");
  }
  return {};
}

Result<std::vector<StoredOverride>> MemoryCalendarRepository::LoadOverrides() {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return Fail(ok.error());
  std::vector<StoredOverride> out;
  for (const auto& [date, stored] : overrides_) out.push_back(stored);
  ++loads_;
  return out;
}

Status MemoryCalendarRepository::SaveOverride(const domain::CalendarOverride& entry,
                                              const AuditEvent& audit) {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return ok;
  overrides_[entry.date] = StoredOverride{entry, audit.at, audit.actor};
  audit_.push_back(audit);
  ++revision_;
  return {};
}

Status MemoryCalendarRepository::RemoveOverride(Date date, const AuditEvent& audit) {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return ok;
  if (overrides_.erase(date) == 0) {
    return Fail(ErrorCode::kNotFound, "Ngày này không có điều chỉnh nào.",
                "no override for " + FormatIsoDate(date));
  }
  audit_.push_back(audit);
  ++revision_;
  return {};
}

Result<std::map<std::string, domain::OfficeHours>> MemoryCalendarRepository::LoadAllOfficeHours() {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return Fail(ok.error());
  return hours_;
}

Result<std::optional<domain::OfficeHours>> MemoryCalendarRepository::LoadOfficeHours(
    const std::string& agency_code) {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return Fail(ok.error());
  auto it = hours_.find(agency_code);
  if (it == hours_.end()) return std::optional<domain::OfficeHours>();
  return std::optional<domain::OfficeHours>(it->second);
}

Status MemoryCalendarRepository::SaveOfficeHours(const std::string& agency_code,
                                                 const domain::OfficeHours& hours,
                                                 const AuditEvent& audit) {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return ok;
  if (!agencies_.contains(agency_code)) {
    return Fail(ErrorCode::kNotFound, "Không tìm thấy cơ quan có mã này.",
                "unknown agency " + agency_code);
  }
  hours_[agency_code] = hours;
  audit_.push_back(audit);
  ++revision_;
  return {};
}

Result<long> MemoryCalendarRepository::CalendarRevision() {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return Fail(ok.error());
  return revision_;
}

std::vector<AuditEvent> MemoryCalendarRepository::audit() const {
  std::lock_guard lock(mutex_);
  return audit_;
}

void MemoryCalendarRepository::set_unavailable(bool unavailable) {
  std::lock_guard lock(mutex_);
  unavailable_ = unavailable;
}

int MemoryCalendarRepository::loads() const {
  std::lock_guard lock(mutex_);
  return loads_;
}

}  // namespace motcua::app
