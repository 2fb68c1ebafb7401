#pragma once
// ResponseCache: rendered bodies (JSON, HTML fragments) of public catalog
// resources, valid for one catalog snapshot. The catalog changes rarely and
// is read constantly; rendering the same procedure or search page again for
// every citizen is wasted work. Bounded; thread-safe.

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace motcua::web {

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_entries = 8192) : max_entries_(max_entries) {}

  // The body stored under `key` for snapshot `revision`, or nullptr.
  std::shared_ptr<const std::string> Find(long revision, const std::string& key);

  // Stores `body`; entries of older revisions are dropped.
  void Store(long revision, const std::string& key, std::shared_ptr<const std::string> body);

 private:
  std::mutex mutex_;
  long revision_ = -1;
  std::size_t max_entries_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> entries_;
};

}  // namespace motcua::web
