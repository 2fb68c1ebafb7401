#pragma once
// Who is calling: resolves the session cookie or the bearer token of a
// request, and checks CSRF tokens on cookie-authenticated form posts.
//
// Pages use the cookie `motcua_session` (HttpOnly, SameSite=Lax, Secure
// unless disabled for local development); the API uses
// `Authorization: Bearer <token>`. A form post authenticated by cookie must
// carry the session's CSRF token in the field `csrf_token`; bearer requests
// are not exposed to CSRF (browsers never add the header on their own).

#include <map>
#include <optional>
#include <string>

#include "app/accounts/account_service.hpp"
#include "core/error.hpp"
#include "web/http.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

inline constexpr const char* kSessionCookie = "motcua_session";

// The value of cookie `name` in the request, if any.
std::optional<std::string> CookieValue(const Request& req, const std::string& name);

// The bearer token or session cookie of the request, if any.
std::optional<std::string> RequestToken(const Request& req);

// Resolves the caller. Errors: kUnauthenticated (no or bad token),
// kUnavailable (accounts not configured or storage down).
Result<app::Principal> Authenticate(const WebContext& ctx, const Request& req);

// For state-changing page requests: the caller, after checking that a
// cookie-authenticated request carries the right CSRF token in `form`.
// Errors: as Authenticate; kForbidden for a missing or wrong token.
Result<app::Principal> AuthenticateForm(const WebContext& ctx, const Request& req,
                                        const std::multimap<std::string, std::string>& form);

// Set-Cookie header values to start and to end a session.
// For API writes: a bearer token, or a session cookie with the CSRF token in
// the X-CSRF-Token header (scripts in the portal's own pages).
Result<app::Principal> AuthenticateWrite(const WebContext& ctx, const Request& req);

std::string SessionCookie(const std::string& token, bool secure);
std::string ClearedSessionCookie(bool secure);

// Parses an application/x-www-form-urlencoded body; nullopt if malformed.
std::optional<std::multimap<std::string, std::string>> ParseForm(const Request& req);

// First value of a form field, or "".
std::string FormValue(const std::multimap<std::string, std::string>& form, const std::string& name);

}  // namespace motcua::web
