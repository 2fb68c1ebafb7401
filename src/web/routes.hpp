#pragma once
// The whole route table in one function.

#include <memory>

#include "web/router.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

// Builds the router for `ctx`. Handler objects live as long as the router.
std::unique_ptr<Router> BuildRoutes(WebContext& ctx);

}  // namespace motcua::web
