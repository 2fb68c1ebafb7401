#pragma once
// Handlers of accounts (tài khoản): registration, login, logout, profile and
// password change, as the JSON API under /api/v1/auth and /api/v1/me and as
// the pages /dang-ky, /dang-nhap, /dang-xuat and /tai-khoan. Thin adapters
// over app::AccountService; when WebContext::accounts is not set they answer
// 503.
//
// The API authenticates with `Authorization: Bearer <token>` (from POST
// /api/v1/auth/login). A state-changing API call made with the session
// cookie instead must carry the session's CSRF token in `X-CSRF-Token`.
// Pages use the session cookie; their forms carry the CSRF token. The
// register and login forms have no session yet, so no token: they refuse
// posts a browser marks `Sec-Fetch-Site: cross-site` (login CSRF), and
// otherwise rely on the cookie's SameSite=Lax.
//
// Thread-safe: handlers keep no state between requests.

#include <string>

#include "web/http.hpp"
#include "web/router.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

class AccountHandlers {
 public:
  explicit AccountHandlers(WebContext& ctx) : ctx_(ctx) {}

  // POST /api/v1/auth/register {"kind":"citizen"|"business", ...}
  // → 201 {"id","role","full_name"}; 400 with every field error; 409 when
  // the ID number, phone, e-mail or tax code is already registered.
  Response ApiRegister(Request& req);
  // POST /api/v1/auth/login {"login","password"} → 200 {"token","expires_at","user"};
  // 401 wrong login or password; 429 (with Retry-After) when throttled or locked.
  Response ApiLogin(Request& req);
  // POST /api/v1/auth/logout → 204; 401 when not logged in.
  Response ApiLogout(Request& req);
  // GET /api/v1/me → the caller's account; 401 when not logged in.
  Response ApiMe(Request& req);
  // POST /api/v1/auth/password {"old_password","new_password"} → 204; 400.
  Response ApiChangePassword(Request& req);

  // GET and POST /dang-ky[?loai=doanh-nghiep]: the citizen or business form.
  Response RegisterPage(Request& req);
  Response RegisterSubmit(Request& req);
  // GET and POST /dang-nhap[?next=/path]: sets the session cookie, 303 to
  // `next` when it is a local path, else to /tai-khoan.
  Response LoginPage(Request& req);
  Response LoginSubmit(Request& req);
  // POST /dang-xuat (CSRF-checked): ends the session, 303 to /.
  Response LogoutSubmit(Request& req);
  // GET /tai-khoan: the profile and the password form (303 to the login
  // page when not logged in).
  Response AccountPage(Request& req);
  // POST /tai-khoan/mat-khau (CSRF-checked).
  Response ChangePasswordSubmit(Request& req);

 private:
  WebContext& ctx_;
};

// Wraps a page handler that does not know about accounts so that the layout
// shows the user signed in by the request's session cookie (an invalid or
// expired cookie shows the anonymous header). Such pages are marked private.
Handler WithViewer(WebContext& ctx, Handler page);

// `next` when it is a path on this site ("/…", not "//…", no backslash or
// control characters), else `fallback`. Guards the login redirect against
// being used to send users to another site.
std::string SafeLocalPath(const std::string& next, const std::string& fallback);

// "079203001234" → "0792******34": enough for the owner to recognize it.
std::string MaskIdNumber(const std::string& id_number);

}  // namespace motcua::web
