#include "web/router.hpp"

namespace motcua::web {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  auto segments = SplitPath(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

Router::Match Router::Find(Request& request) const {
  Match match;
  auto segments = SplitPath(request.path);
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      const std::string& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        params[want.substr(1, want.size() - 2)] = segments[i];
      } else {
        ok = want == segments[i];
      }
    }
    if (!ok) continue;
    // HEAD is answered by the GET handler (the server drops the body).
    if (route.method != request.method && !(request.method == "HEAD" && route.method == "GET")) {
      match.path_known = true;
      continue;
    }
    request.params = std::move(params);
    match.handler = &route.handler;
    match.route = &route.pattern;
    return match;
  }
  return match;
}

}  // namespace motcua::web
