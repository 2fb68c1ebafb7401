// Uses RESTinio's multipart and header-field parsers (header-only helpers;
// no server code).
#include "web/multipart.hpp"

#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/http_field_parsers/content-type.hpp>
#include <restinio/helpers/multipart_body.hpp>

namespace motcua::web {

namespace hfp = restinio::http_field_parsers;

bool IsMultipart(const Request& req) { return req.Header("content-type").rfind("multipart/form-data", 0) == 0; }

std::optional<std::vector<FormPart>> ParseMultipart(const Request& req) {
  auto content_type = hfp::content_type_value_t::try_parse(req.Header("content-type"));
  if (!content_type || content_type->media_type.type != "multipart" ||
      content_type->media_type.subtype != "form-data") {
    return std::nullopt;
  }
  auto boundary = hfp::find_first(content_type->media_type.parameters, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  std::string delimiter = "--" + std::string(*boundary);
  std::vector<FormPart> parts;
  for (auto raw : restinio::multipart_body::split_multipart_body(req.body, delimiter)) {
    auto parsed = restinio::multipart_body::try_parse_part(raw);
    if (!parsed) return std::nullopt;
    FormPart part;
    part.body = std::string(parsed->body);
    for (const auto& field : parsed->fields) {
      std::string name = field.name();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name == "content-disposition") {
        auto cd = hfp::content_disposition_value_t::try_parse(field.value());
        if (!cd || cd->value != "form-data") return std::nullopt;
        if (auto n = hfp::find_first(cd->parameters, "name")) part.name = std::string(*n);
        if (auto f = hfp::find_first(cd->parameters, "filename")) part.file_name = std::string(*f);
      } else if (name == "content-type") {
        part.content_type = field.value();
      }
    }
    if (part.name.empty()) return std::nullopt;
    parts.push_back(std::move(part));
  }
  if (parts.empty() && !req.body.empty()) return std::nullopt;
  return parts;
}

}  // namespace motcua::web
