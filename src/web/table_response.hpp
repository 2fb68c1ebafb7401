#pragma once
// One table answered as JSON, CSV or XLSX: `?format=csv|xlsx|json`, or
// `Accept: text/csv`. The registers and the reports share it, so every
// export names its file and sets its headers the same way.

#include <functional>
#include <string>

#include "interchange/table_export.hpp"
#include "web/http.hpp"

namespace motcua::web {

// `json_body` is called only when JSON is asked for. `file` has no extension.
Response TableResponse(const Request& req, const interchange::Table& table, const std::string& file,
                       const std::function<std::string()>& json_body);

}  // namespace motcua::web
