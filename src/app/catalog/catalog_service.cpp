#include "app/catalog/catalog_service.hpp"

namespace motcua::app {

CatalogService::CatalogService(CatalogRepository& repository,
                               std::chrono::milliseconds refresh_interval)
    : repository_(repository), refresh_interval_(refresh_interval) {}

Result<ImportSummary> CatalogService::Import(const domain::Catalog& catalog) {
  auto known = repository_.LoadKnownCodes();
  if (!known) return Fail(known.error());
  if (auto valid = domain::ValidateCatalog(catalog, *known); !valid) return Fail(valid.error());
  if (auto saved = repository_.SaveCatalog(catalog); !saved) return Fail(saved.error());
  {
    std::lock_guard lock(mutex_);
    checked_at_ = {};  // check the revision on the next read
  }
  return ImportSummary{catalog.agencies.size(), catalog.fields.size(), catalog.procedures.size()};
}

Result<domain::Catalog> CatalogService::Export() { return repository_.LoadCatalog(); }

Result<std::shared_ptr<const domain::CatalogIndex>> CatalogService::Snapshot() {
  auto now = std::chrono::steady_clock::now();
  std::shared_ptr<const domain::CatalogIndex> current;
  {
    std::lock_guard lock(mutex_);
    current = snapshot_;
    if (current && now - checked_at_ < refresh_interval_) return current;
  }
  // One thread refreshes; the others keep serving the current snapshot
  // instead of queueing behind a reload (an import re-indexes everything).
  std::unique_lock reload(reload_mutex_, std::try_to_lock);
  if (!reload.owns_lock()) {
    if (current) return current;
    reload.lock();  // nothing to serve yet: wait for the first load
    std::lock_guard lock(mutex_);
    if (snapshot_) return snapshot_;
  }
  auto revision = repository_.CatalogRevision();
  if (!revision) {
    if (current) return current;
    return Fail(revision.error());
  }
  if (current && current->revision() == *revision) {
    std::lock_guard lock(mutex_);
    checked_at_ = now;
    return current;
  }
  auto catalog = repository_.LoadCatalog();
  if (!catalog) {
    if (current) return current;
    return Fail(catalog.error());
  }
  auto fresh = std::make_shared<const domain::CatalogIndex>(std::move(*catalog), *revision);
  std::lock_guard lock(mutex_);
  snapshot_ = fresh;
  checked_at_ = now;
  return fresh;
}

Result<CatalogService::SearchResult> CatalogService::Search(const domain::CatalogQuery& query) {
  auto index = Snapshot();
  if (!index) return Fail(index.error());
  std::string key = query.text;
  key += '\x1f' + query.agency_code + '\x1f' + query.field_code + '\x1f';
  key += query.level ? domain::GovLevelKey(*query.level) : "-";
  key += '\x1f';
  key += query.online ? domain::OnlineLevelKey(*query.online) : "-";
  key += '\x1f' + std::to_string(query.page) + '\x1f' + std::to_string(query.per_page);
  {
    std::lock_guard lock(cache_mutex_);
    if (cached_index_ != index->get()) {
      search_cache_.clear();
      cached_index_ = index->get();
    }
    if (auto hit = search_cache_.find(key); hit != search_cache_.end()) return SearchResult{*index, hit->second};
  }
  domain::CatalogPage page = (*index)->Search(query);
  std::lock_guard lock(cache_mutex_);
  if (cached_index_ == index->get()) {
    // Crude but bounded: start over when full; the hot queries come back first.
    if (search_cache_.size() >= kSearchCacheEntries) search_cache_.clear();
    search_cache_.emplace(std::move(key), page);
  }
  return SearchResult{*index, std::move(page)};
}

}  // namespace motcua::app
