#include "web/response_cache.hpp"

namespace motcua::web {

std::shared_ptr<const std::string> ResponseCache::Find(long revision, const std::string& key) {
  std::lock_guard lock(mutex_);
  if (revision != revision_) return nullptr;
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void ResponseCache::Store(long revision, const std::string& key, std::shared_ptr<const std::string> body) {
  std::lock_guard lock(mutex_);
  if (revision != revision_) {
    if (revision < revision_) return;  // a late writer from an older snapshot
    entries_.clear();
    revision_ = revision;
  }
  // Bounded by starting over: the hot entries come back first.
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = std::move(body);
}

}  // namespace motcua::web
