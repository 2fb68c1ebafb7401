#include "web/server.hpp"

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include "web/catalog_handlers.hpp"
#include "web/error_mapping.hpp"

namespace motcua::web {
namespace {

std::string NewRequestId() {
  static std::atomic<unsigned long long> counter{0};
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:08x}{:04x}", static_cast<unsigned>(rng()), static_cast<unsigned>(++counter & 0xffff));
}

bool IsApiPath(const std::string& path) { return path.rfind("/api/", 0) == 0; }

Response ErrorFor(const Request& req, Error error) {
  if (IsApiPath(req.path) || !req.WantsHtml()) return ProblemResponse(error, req.request_id);
  return ErrorPage(error, req, "Cổng Dịch vụ công");
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
  }
}

}  // namespace

Response Dispatch(const Router& router, Metrics& metrics, Request& req, const ServerOptions& options) {
  auto started = std::chrono::steady_clock::now();
  std::string route = "unmatched";
  Response resp;
  try {
    if (req.body.size() > options.max_body_bytes) {
      resp = ErrorFor(req, {ErrorCode::kPayloadTooLarge, "Dữ liệu gửi lên quá lớn.", "body too large", {}});
    } else {
      auto match = router.Find(req);
      if (match.handler) {
        route = *match.route;
        resp = (*match.handler)(req);
      } else if (match.path_known) {
        resp = ErrorFor(req, {ErrorCode::kInvalidArgument, "Phương thức không được hỗ trợ cho địa chỉ này.", "", {}});
        resp.status = 405;
      } else {
        resp = ErrorFor(req, {ErrorCode::kNotFound, "Không tìm thấy trang hoặc tài nguyên yêu cầu.", "", {}});
      }
    }
  } catch (const std::exception& e) {
    spdlog::error("request_id={} route={} unhandled exception: {}", req.request_id, route, e.what());
    resp = ErrorFor(req, {ErrorCode::kInternal,
                          "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau (mã yêu cầu " + req.request_id + ").",
                          e.what(), {}});
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics.Observe(req.method, route, resp.status, seconds);
  if (options.access_log) {
    spdlog::info("request_id={} method={} path={} route={} status={} duration_ms={:.3f}", req.request_id,
                 req.method, req.path, route, resp.status, seconds * 1000);
  }
  return resp;
}

struct Server::Impl {
  using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
  const Router& router;
  Metrics& metrics;
  ServerOptions options;
  restinio::running_server_handle_t<Traits> handle;

  restinio::request_handling_status_t Handle(const restinio::request_handle_t& raw) {
    Request req;
    req.request_id = NewRequestId();
    req.method = std::string(raw->header().method().c_str());
    std::string_view path = raw->header().path();
    std::string_view query = raw->header().query();
    for (const auto& field : raw->header()) {
      std::string name = field.name();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[name] = field.value();
    }
    Response resp;
    bool bad = false;
    if (path.size() + query.size() > options.max_url_bytes) {
      req.path = "/";
      resp = ErrorFor(req, {ErrorCode::kInvalidArgument, "Địa chỉ yêu cầu quá dài.", "url too long", {}});
      resp.status = 414;
      bad = true;
    } else {
      if (auto decoded = PercentDecode(path)) {
        req.path = std::move(*decoded);
      } else {
        req.path = std::string(path);
        resp = ErrorFor(req, {ErrorCode::kInvalidArgument, "Địa chỉ yêu cầu không hợp lệ.", "bad path", {}});
        bad = true;
      }
      if (!bad) {
        if (auto parsed = ParseQueryString(query)) {
          req.query = std::move(*parsed);
        } else {
          resp = ErrorFor(req, {ErrorCode::kInvalidArgument, "Tham số truy vấn không hợp lệ.", "bad query", {}});
          bad = true;
        }
      }
    }
    if (bad) {
      metrics.Observe(req.method, "unmatched", resp.status, 0);
    } else {
      req.body = raw->body();
      resp = Dispatch(router, metrics, req, options);
    }
    auto builder = raw->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)}, ReasonPhrase(resp.status)});
    if (!resp.content_type.empty()) builder.append_header(restinio::http_field::content_type, resp.content_type);
    builder.append_header("X-Request-Id", req.request_id);
    builder.append_header("X-Content-Type-Options", "nosniff");
    builder.append_header("Referrer-Policy", "same-origin");
    if (resp.content_type.rfind("text/html", 0) == 0) {
      builder.append_header("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                            "script-src 'self'; frame-ancestors 'none'; form-action 'self'");
      builder.append_header("X-Frame-Options", "DENY");
    }
    for (const auto& [name, value] : resp.headers) builder.append_header(name, value);
    if (req.method != "HEAD") builder.set_body(std::move(resp.body));
    if (bad) builder.connection_close();
    return builder.done();
  }
};

Server::Server(const Router& router, Metrics& metrics, ServerOptions options)
    : impl_(new Impl{router, metrics, std::move(options), nullptr}) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  std::size_t threads = impl_->options.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  Impl* impl = impl_.get();
  try {
    impl_->handle = restinio::run_async(
        restinio::own_io_context(),
        restinio::server_settings_t<Impl::Traits>{}
            .address(impl_->options.host)
            .port(impl_->options.port)
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                          .max_url_size(64 * 1024)
                                          .max_field_value_size(64 * 1024)
                                          .max_body_size(impl_->options.max_body_bytes))
            .request_handler([impl](auto req) { return impl->Handle(req); }),
        threads);
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("Không mở được cổng {}:{}.", impl_->options.host, impl_->options.port),
                e.what());
  }
  return {};
}

void Server::Stop() {
  if (impl_ && impl_->handle) {
    impl_->handle->stop();
    impl_->handle->wait();
    impl_->handle.reset();
  }
}

}  // namespace motcua::web
