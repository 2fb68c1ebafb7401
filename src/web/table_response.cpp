#include "web/table_response.hpp"

#include "web/error_mapping.hpp"

namespace motcua::web {

Response TableResponse(const Request& req, const interchange::Table& table, const std::string& file,
                       const std::function<std::string()>& json_body) {
  std::string format = req.Query("format");
  if (format == "csv" || (format.empty() && req.Header("accept").find("text/csv") != std::string::npos)) {
    Response r = Response::Text(interchange::ToCsv(table), "text/csv; charset=utf-8");
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
    return r;
  }
  if (format == "xlsx") {
    auto bytes = interchange::ToXlsx(table);
    if (!bytes) return ProblemResponse(bytes.error(), req.request_id);
    Response r = Response::Text(std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + ".xlsx\"");
    return r;
  }
  if (!format.empty() && format != "json") {
    return ProblemResponse(BadRequest("Định dạng phải là json, csv hoặc xlsx.", "format"), req.request_id);
  }
  return Response::Json(json_body());
}

}  // namespace motcua::web
