#include "domain/dossier/dossier_code.hpp"

#include <fmt/format.h>

#include "domain/catalog/agency.hpp"

namespace motcua::domain {

std::string DossierDayKey(Date d) {
  return fmt::format("{:02d}{:02d}{:02d}", static_cast<int>(d.year()) % 100, static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

Result<std::string> FormatDossierCode(std::string_view agency_code, Date reception_day, int sequence) {
  if (sequence < 1 || sequence > kMaxDailySequence) {
    return Fail(ErrorCode::kFailedPrecondition, "Đã hết số thứ tự hồ sơ trong ngày của cơ quan.",
                fmt::format("sequence {} out of range", sequence));
  }
  return fmt::format("{}-{}-{:04d}", agency_code, DossierDayKey(reception_day), sequence);
}

bool LooksLikeDossierCode(std::string_view text) {
  // 13-char agency code, '-', 6 digits, '-', 4 digits.
  if (text.size() != 13 + 1 + 6 + 1 + 4) return false;
  if (!IsValidAgencyCode(text.substr(0, 13)) || text[13] != '-' || text[20] != '-') return false;
  for (std::size_t i : {14u, 15u, 16u, 17u, 18u, 19u, 21u, 22u, 23u, 24u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace motcua::domain
