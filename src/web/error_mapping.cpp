#include "web/error_mapping.hpp"

#include <nlohmann/json.hpp>

namespace motcua::web {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kFailedPrecondition: return 422;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

namespace {

const char* TitleFor(int status) {
  switch (status) {
    case 400: return "Yêu cầu không hợp lệ";
    case 401: return "Chưa đăng nhập";
    case 403: return "Không có quyền";
    case 404: return "Không tìm thấy";
    case 405: return "Phương thức không được hỗ trợ";
    case 409: return "Xung đột dữ liệu";
    case 413: return "Dữ liệu gửi lên quá lớn";
    case 414: return "Địa chỉ quá dài";
    case 422: return "Không thể thực hiện";
    case 429: return "Quá nhiều yêu cầu";
    case 503: return "Dịch vụ tạm thời không sẵn sàng";
    default: return "Lỗi hệ thống";
  }
}

}  // namespace

Response ProblemResponse(const Error& error, const std::string& request_id) {
  int status = HttpStatusFor(error.code);
  nlohmann::json body = {{"type", "about:blank"},
                         {"title", TitleFor(status)},
                         {"status", status},
                         {"code", ErrorCodeName(error.code)},
                         {"detail", error.user_message.empty() ? TitleFor(status) : error.user_message},
                         {"request_id", request_id}};
  if (!error.fields.empty()) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& f : error.fields) errors.push_back({{"field", f.field}, {"message", f.message}});
    body["errors"] = errors;
  }
  return Response::Text(body.dump(), "application/problem+json; charset=utf-8", status);
}

Error InvalidParameter(const std::string& name, std::string message) {
  Error e{ErrorCode::kInvalidArgument, message, "invalid parameter " + name, {}};
  e.fields.push_back({name, std::move(message)});
  return e;
}

Error BadRequest(std::string message, std::string field) {
  Error e{ErrorCode::kInvalidArgument, message, "bad request", {}};
  if (!field.empty()) e.fields.push_back({std::move(field), std::move(message)});
  return e;
}

}  // namespace motcua::web
