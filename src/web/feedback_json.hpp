#pragma once
// JSON of feedback items for the API, by what the caller may see, and
// request parsing shared by the feedback API and pages.

#include <optional>

#include <nlohmann/json.hpp>

#include "app/feedback/feedback_service.hpp"
#include "domain/catalog/catalog_index.hpp"
#include "web/http.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

// The public sees the published (redacted) texts and no sender; the sender
// sees their own texts, status, deadline and answer; officers see all but
// the token hash. `now` classifies the deadline ("due_status").
nlohmann::json FeedbackJson(const domain::Feedback& f, app::FeedbackAccess access, const domain::CatalogIndex* index,
                            Timestamp now);

// The caller of a request that sent an Authorization header; nullopt
// without one, or (with `error` set) when it is invalid.
std::optional<app::Principal> OptionalBearer(const WebContext& ctx, const Request& req, Error* error);

// q, after, limit (and status for officers) of a list request.
// Errors: kInvalidArgument with the parameter at fault.
Result<app::FeedbackQuery> FeedbackQueryFrom(const Request& req, bool officer);

}  // namespace motcua::web
