#pragma once
// Metrics: request counts and latency histograms by route and status, in the
// Prometheus text exposition format. Thread-safe.

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace motcua::web {

class Metrics {
 public:
  // Records one request on `route` (the pattern, or "unmatched").
  void Observe(const std::string& method, const std::string& route, int status, double seconds);

  // The whole registry as Prometheus text.
  std::string Render() const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Series {
    std::array<unsigned long long, kBuckets.size()> buckets{};
    unsigned long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, unsigned long long> requests_;
  std::map<std::pair<std::string, std::string>, Series> latency_;
};

}  // namespace motcua::web
