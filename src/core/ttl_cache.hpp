#pragma once
// TtlCache: a small thread-safe map whose entries are trusted for a fixed
// time after they were read from storage. For lookups made on almost every
// request (who holds a session token, the public status of a dossier code)
// where a change made in this process is seen at once (Erase) and a change
// made by another process within `ttl`.
//
// A read that raced a change must not put the old value back: callers take
// Generation() before reading storage and Put only if no Erase happened
// since (Put checks it under the lock).

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/time.hpp"

namespace motcua {

template <typename Key, typename Value>
class TtlCache {
 public:
  // ttl 0 disables the cache (Get never finds anything).
  TtlCache(std::chrono::milliseconds ttl, std::size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

  std::optional<Value> Get(const Key& key, Timestamp now) const {
    if (ttl_.count() <= 0) return std::nullopt;
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || now - it->second.stored_at >= ttl_ || now < it->second.stored_at) return std::nullopt;
    return it->second.value;
  }

  std::uint64_t Generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
  }

  // Keeps `value` unless an Erase happened after `generation` was taken.
  void Put(const Key& key, Value value, Timestamp now, std::uint64_t generation) {
    if (ttl_.count() <= 0) return;
    std::lock_guard lock(mutex_);
    if (generation != generation_) return;
    if (entries_.size() >= max_entries_ && !entries_.count(key)) entries_.clear();
    entries_.insert_or_assign(key, Entry{std::move(value), now});
  }

  void Erase(const Key& key) {
    std::lock_guard lock(mutex_);
    ++generation_;
    entries_.erase(key);
  }

  // Erases every entry whose value matches.
  void EraseIf(const std::function<bool(const Value&)>& match) {
    std::lock_guard lock(mutex_);
    ++generation_;
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = match(it->second.value) ? entries_.erase(it) : std::next(it);
    }
  }

  std::chrono::milliseconds ttl() const { return ttl_; }

 private:
  struct Entry {
    Value value;
    Timestamp stored_at;
  };
  const std::chrono::milliseconds ttl_;
  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::unordered_map<Key, Entry> entries_;
};

}  // namespace motcua
