#include "store/cached_query.hpp"

#include <charconv>

#include <soci/sqlite3/soci-sqlite3.h>

namespace motcua::store {

long long ParseWholeNumber(const std::string& text) {
  long long n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  return ec == std::errc() && ptr == text.data() + text.size() ? n : 0;
}

StatementCache::Entry* StatementCache::Find(const std::string& key) {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second.get();
}

StatementCache::Entry& StatementCache::Add(const std::string& key, std::unique_ptr<Entry> entry) {
  if (entries_.size() >= kMaxEntries) entries_.clear();
  return *(entries_[key] = std::move(entry));
}

void StatementCache::Drop(const std::string& key) { entries_.erase(key); }

void StatementCache::Release(Entry& entry) {
  if (dialect_ != Dialect::kSqlite) return;
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(entry.statement->get_backend());
  // sqlite3_reset ends the read; SOCI resets again (harmlessly) before the next run.
  if (backend && backend->stmt_) sqlite_api::sqlite3_reset(backend->stmt_);
}

}  // namespace motcua::store
