#include "web/auth.hpp"

#include <sodium.h>

namespace motcua::web {

std::optional<std::string> CookieValue(const Request& req, const std::string& name) {
  std::string header = req.Header("cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(pos, end - pos);
    while (!pair.empty() && pair.front() == ' ') pair.erase(0, 1);
    auto eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    pos = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> RequestToken(const Request& req) {
  std::string auth = req.Header("authorization");
  if (auth.rfind("Bearer ", 0) == 0) return auth.substr(7);
  return CookieValue(req, kSessionCookie);
}

Result<app::Principal> Authenticate(const WebContext& ctx, const Request& req) {
  if (!ctx.accounts) return Fail(ErrorCode::kUnavailable, "Chức năng tài khoản chưa sẵn sàng.", "no accounts");
  auto token = RequestToken(req);
  if (!token) return Fail(ErrorCode::kUnauthenticated, "Vui lòng đăng nhập.", "no token");
  return ctx.accounts->Authenticate(*token);
}

Result<app::Principal> AuthenticateForm(const WebContext& ctx, const Request& req,
                                        const std::multimap<std::string, std::string>& form) {
  auto who = Authenticate(ctx, req);
  if (!who) return who;
  if (who->session.kind == "cookie") {
    std::string sent = FormValue(form, "csrf_token");
    const std::string& want = who->session.csrf_token;
    // Constant-time comparison: the token is a secret.
    if (sent.size() != want.size() || sodium_memcmp(sent.data(), want.data(), want.size()) != 0) {
      return Fail(ErrorCode::kForbidden, "Phiên làm việc của biểu mẫu đã hết hạn, vui lòng tải lại trang và thử lại.",
                  "csrf mismatch");
    }
  }
  return who;
}

std::string SessionCookie(const std::string& token, bool secure) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200" +
         (secure ? "; Secure" : "");
}

std::string ClearedSessionCookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (secure ? "; Secure" : "");
}

std::optional<std::multimap<std::string, std::string>> ParseForm(const Request& req) {
  return ParseQueryString(req.body);
}

std::string FormValue(const std::multimap<std::string, std::string>& form, const std::string& name) {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

Result<app::Principal> AuthenticateWrite(const WebContext& ctx, const Request& req) {
  auto who = Authenticate(ctx, req);
  if (!who) return who;
  if (who->session.kind == "cookie") {
    std::multimap<std::string, std::string> form{{"csrf_token", req.Header("x-csrf-token")}};
    return AuthenticateForm(ctx, req, form);
  }
  return who;
}

}  // namespace motcua::web
