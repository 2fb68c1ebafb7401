#pragma once
// Satisfaction ratings over HTTP (đánh giá sự hài lòng), thin adapters over
// app::RatingService:
//
//   API   POST /api/v1/dossiers/{id}/ratings   {channel: online|link, answers:
//         {criterion: value}, comment, token}: the owner (bearer, or cookie
//         with X-CSRF-Token) for "online"; the signed link token, without a
//         login, for "link". 201 with the stored version.
//         GET /api/v1/dossiers/{id}/ratings: the owner or officers in scope;
//         the newest version per channel, never who rated.
//   Pages /ho-so/{id}/danh-gia (GET, POST with csrf_token): the owner's form,
//         also embedded in the dossier page (RatingSectionHtml);
//         /danh-gia/{token} (GET, POST): the form behind a link; the token
//         itself is the capability, so it needs neither login nor CSRF token;
//         /kiosk/{counter} (GET) and POST …/kich-hoat (a signed-in desk
//         officer binds this device: long random cookie motcua_kiosk, only its
//         hash stored; the officer's session on the device is ended),
//         …/danh-gia and …/bo-qua (the kiosk's CSRF token): the desk kiosk,
//         touch-friendly, refreshing itself without JavaScript while idle.
//
// Form fields: one radio group per criterion named by its key (overall,
// time, …) with values very_satisfied | satisfied | dissatisfied, and
// `comment`. Thread-safe: no state.

#include <string>

#include "web/http.hpp"
#include "web/router.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

inline constexpr const char* kKioskCookie = "motcua_kiosk";

// Adds the rating API, pages and kiosk routes.
void AddRatingRoutes(Router& router, WebContext& ctx);

// The rating section of the applicant's dossier page /ho-so/{id}: the form
// when the caller owns the dossier and may rate it, what they answered when
// the edit window is over, else "" (also when ratings are not configured).
std::string RatingSectionHtml(WebContext& ctx, const app::Principal& who, const std::string& id_or_code,
                              const std::string& request_id);

}  // namespace motcua::web
