#pragma once
// multipart/form-data bodies (RFC 7578): file uploads from pages and the API.

#include <optional>
#include <string>
#include <vector>

#include "web/http.hpp"

namespace motcua::web {

struct FormPart {
  std::string name;       // form field name
  std::string file_name;  // empty for plain fields
  std::string content_type;
  std::string body;
};

// True if the request is multipart/form-data.
bool IsMultipart(const Request& req);

// The parts of a multipart/form-data request; nullopt if the body or its
// Content-Type is malformed.
std::optional<std::vector<FormPart>> ParseMultipart(const Request& req);

}  // namespace motcua::web
