#pragma once
// Server: the HTTP listener (RESTinio on a thread pool). The only file that
// includes RESTinio; it converts requests to web::Request, dispatches them
// through the Router, records metrics and logs one structured line each.

#include <cstddef>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "web/metrics.hpp"
#include "web/router.hpp"

namespace motcua::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::size_t threads = 0;                // 0: one per core
  std::size_t max_url_bytes = 8 * 1024;   // longer → 414
  std::size_t max_body_bytes = 32 << 20;  // larger → 413
  bool access_log = true;
};

class Server {
 public:
  Server(const Router& router, Metrics& metrics, ServerOptions options);
  ~Server();

  // Binds and starts serving; returns once listening.
  // Errors: kUnavailable if the address cannot be bound.
  Status Start();
  // Stops accepting, finishes in-flight requests, joins the threads.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Dispatches one request through `router` as the server does (used by tests
// that don't need a socket): 404/405/414 handling, problem bodies, metrics.
Response Dispatch(const Router& router, Metrics& metrics, Request& request,
                  const ServerOptions& options);

}  // namespace motcua::web
