#include "web/metrics.hpp"

#include <fmt/format.h>

namespace motcua::web {

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard lock(mutex_);
  requests_[{method, route, status}]++;
  Series& s = latency_[{method, route}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) s.buckets[i]++;
  }
  s.count++;
  s.sum += seconds;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP motcua_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE motcua_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("motcua_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       method, route, status, n);
  }
  out += "# HELP motcua_http_request_duration_seconds HTTP request latency by route.\n";
  out += "# TYPE motcua_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : latency_) {
    const auto& [method, route] = key;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format(
          "motcua_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"{}\"}} {}\n",
          method, route, kBuckets[i], s.buckets[i]);
    }
    out += fmt::format(
        "motcua_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"+Inf\"}} {}\n",
        method, route, s.count);
    out += fmt::format("motcua_http_request_duration_seconds_sum{{method=\"{}\",route=\"{}\"}} {}\n",
                       method, route, s.sum);
    out += fmt::format("motcua_http_request_duration_seconds_count{{method=\"{}\",route=\"{}\"}} {}\n",
                       method, route, s.count);
  }
  return out;
}

}  // namespace motcua::web
