#pragma once
// Protocol-level request and response values used by handlers, independent
// of the HTTP library (only web/server.cpp includes RESTinio).

#include <map>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace motcua::web {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string request_id;
  std::map<std::string, std::string> params;  // from the route pattern

  // First value of a query parameter, or `fallback`.
  std::string Query(const std::string& name, const std::string& fallback = {}) const;
  bool HasQuery(const std::string& name) const { return query.count(name) > 0; }
  std::string Header(const std::string& lower_name) const;
  // True if the client prefers HTML (a browser) to JSON.
  bool WantsHtml() const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Html(std::string body, int status = 200);
  static Response Json(std::string body, int status = 200);
  static Response Text(std::string body, std::string content_type, int status = 200);
  static Response Redirect(const std::string& location, int status = 303);
};

// Decodes %XX escapes ("+" stays "+", as in paths); nullopt on a malformed
// escape or a decoded NUL byte.
std::optional<std::string> PercentDecode(std::string_view text);

// Parses "a=1&b=x+y" (application/x-www-form-urlencoded: "+" is a space);
// nullopt on a malformed escape. Keys without "=" get an empty value.
std::optional<std::multimap<std::string, std::string>> ParseQueryString(std::string_view text);

// Percent-encodes `text` for a query string value.
std::string UrlEncode(const std::string& text);

}  // namespace motcua::web
