#pragma once
// Procedure (thủ tục hành chính, TTHC): one entry of the public catalog.
//
// A plain value type holding every attribute of rules.md §2. Invariants are
// checked by ValidateProcedure(), not by the type, so that import can report
// every problem of a file at once.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "domain/catalog/agency.hpp"

namespace motcua::domain {

// Online service level (mức độ dịch vụ công trực tuyến), Nghị định 42/2022:
// toàn trình = fully online, một phần = partly online. Legacy levels 2/3/4 of
// Thông tư 32/2017 map to none / partial / full on import.
enum class OnlineLevel { kNone, kPartial, kFull };

const char* OnlineLevelKey(OnlineLevel level);    // "none", "partial", "full"
const char* OnlineLevelLabel(OnlineLevel level);  // "Toàn trình", "Một phần", ...
std::optional<OnlineLevel> ParseOnlineLevel(std::string_view key);

// Channels for submission and return of results.
enum class Channel { kDesk, kPostal, kOnline };
const char* ChannelKey(Channel channel);    // "desk", "postal", "online"
const char* ChannelLabel(Channel channel);  // "Trực tiếp", "Dịch vụ bưu chính", "Trực tuyến"
std::optional<Channel> ParseChannel(std::string_view key);

// Thành phần hồ sơ: a required document with how many copies of each kind.
struct Component {
  std::string name;
  int originals = 0;         // bản chính
  int certified_copies = 0;  // bản sao chứng thực
  int photocopies = 0;       // bản sao / bản chụp
  bool required = true;
  std::string form;          // form template name (mẫu đơn, tờ khai), optional
};

// Phí, lệ phí. Amount in Vietnamese đồng; 0 with a note for exemptions.
struct Fee {
  std::string name;
  std::int64_t amount_vnd = 0;
  std::string note;
};

// Căn cứ pháp lý.
struct LegalBasis {
  std::string number;  // e.g. "60/2014/QH13"
  std::string title;   // e.g. "Luật Hộ tịch"
  std::string issuer;  // e.g. "Quốc hội"
  std::optional<Date> issued;
};

// One step of the internal process (quy trình nội bộ).
struct ProcessStep {
  std::string name;
  std::string role;         // desk_officer, specialist, leader, ...
  std::string unit;         // the unit that performs it, e.g. "Phòng Hộ tịch"
  std::string agency_code;  // optional: another agency (một cửa liên thông)
  double days = 0;          // working days, may be fractional
};

struct Procedure {
  std::string code;        // national code, e.g. "1.001193"
  std::string name;
  std::string field_code;  // lĩnh vực
  std::vector<std::string> agency_codes;  // implementing agencies, first = primary
  std::vector<GovLevel> levels;
  OnlineLevel online_level = OnlineLevel::kNone;
  double processing_days = 0;  // working days, may be fractional (0.5)
  std::string processing_note;
  std::vector<std::string> applicants;  // "citizen", "organization"
  std::string description;
  std::string conditions;  // điều kiện thực hiện
  std::string result_name;
  bool result_electronic = false;
  std::vector<Component> components;
  std::vector<Fee> fees;
  std::vector<LegalBasis> legal_bases;
  std::vector<Channel> submission_channels;
  std::vector<Channel> return_channels;
  std::vector<ProcessStep> steps;
  std::optional<Date> effective_from;
  std::optional<Date> effective_to;
  int popularity = 0;  // 0..100: how often used; orders "most used services"
};

}  // namespace motcua::domain
