#pragma once
// A minimal blocking HTTP/1.1 client for tests against 127.0.0.1.

#include <map>
#include <string>

namespace motcua::testutil {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
};

// Sends one request with "Connection: close" and reads the whole answer.
// `raw_target` is sent as is (callers percent-encode). Throws on socket errors.
HttpResult HttpRequest(unsigned short port, const std::string& method, const std::string& raw_target,
                       const std::map<std::string, std::string>& headers = {}, const std::string& body = {});

inline HttpResult HttpGet(unsigned short port, const std::string& target,
                          const std::map<std::string, std::string>& headers = {}) {
  return HttpRequest(port, "GET", target, headers);
}

// A TCP port on 127.0.0.1 that was free a moment ago.
unsigned short FreePort();

}  // namespace motcua::testutil
