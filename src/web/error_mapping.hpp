#pragma once
// The only place that knows how protocol-neutral errors become HTTP.

#include "core/error.hpp"
#include "web/http.hpp"

namespace motcua::web {

// A kInvalidArgument error with `message` (Vietnamese), on `field` if given.
Error BadRequest(std::string message, std::string field = {});

int HttpStatusFor(ErrorCode code);

// application/problem+json (RFC 9457) with a Vietnamese `detail`, the
// request id, and `errors` for field problems. Internal details never leave.
Response ProblemResponse(const Error& error, const std::string& request_id);

// Shorthand for a 400 problem about one query parameter.
Error InvalidParameter(const std::string& name, std::string message);

}  // namespace motcua::web
