#pragma once
// Router: maps (method, path) to a handler. Patterns are literal segments and
// "{name}" captures, e.g. "/api/v1/procedures/{code}". Immutable once
// serving starts; Dispatch is thread-safe.

#include <functional>
#include <string>
#include <vector>

#include "web/http.hpp"

namespace motcua::web {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // `name` labels the route in metrics and logs (the pattern is a good name).
  void Add(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;
    const std::string* route = nullptr;
    bool path_known = false;  // some route has this path with another method
  };

  // Finds the handler and fills request.params.
  Match Find(Request& request) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

std::vector<std::string> SplitPath(const std::string& path);

}  // namespace motcua::web
