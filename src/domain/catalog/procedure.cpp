#include "domain/catalog/procedure.hpp"

namespace motcua::domain {

const char* OnlineLevelKey(OnlineLevel level) {
  switch (level) {
    case OnlineLevel::kNone: return "none";
    case OnlineLevel::kPartial: return "partial";
    case OnlineLevel::kFull: return "full";
  }
  return "none";
}

const char* OnlineLevelLabel(OnlineLevel level) {
  switch (level) {
    case OnlineLevel::kNone: return "Chưa cung cấp trực tuyến";
    case OnlineLevel::kPartial: return "Dịch vụ công trực tuyến một phần";
    case OnlineLevel::kFull: return "Dịch vụ công trực tuyến toàn trình";
  }
  return "";
}

std::optional<OnlineLevel> ParseOnlineLevel(std::string_view key) {
  // Legacy levels of Thông tư 32/2017 (2, 3, 4) map onto Nghị định 42/2022.
  if (key == "none" || key == "2" || key == "1") return OnlineLevel::kNone;
  if (key == "partial" || key == "3") return OnlineLevel::kPartial;
  if (key == "full" || key == "4") return OnlineLevel::kFull;
  return std::nullopt;
}

const char* ChannelKey(Channel channel) {
  switch (channel) {
    case Channel::kDesk: return "desk";
    case Channel::kPostal: return "postal";
    case Channel::kOnline: return "online";
  }
  return "desk";
}

const char* ChannelLabel(Channel channel) {
  switch (channel) {
    case Channel::kDesk: return "Trực tiếp tại Bộ phận Một cửa";
    case Channel::kPostal: return "Qua dịch vụ bưu chính công ích";
    case Channel::kOnline: return "Trực tuyến";
  }
  return "";
}

std::optional<Channel> ParseChannel(std::string_view key) {
  if (key == "desk") return Channel::kDesk;
  if (key == "postal") return Channel::kPostal;
  if (key == "online") return Channel::kOnline;
  return std::nullopt;
}

}  // namespace motcua::domain
