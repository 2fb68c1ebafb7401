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
    checked_at_ = {};  // force a reload on the next read
  }
  return ImportSummary{catalog.agencies.size(), catalog.fields.size(), catalog.procedures.size()};
}

Result<domain::Catalog> CatalogService::Export() { return repository_.LoadCatalog(); }

Result<std::shared_ptr<const domain::CatalogIndex>> CatalogService::Snapshot() {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (snapshot_ && now - checked_at_ < refresh_interval_) return snapshot_;
  auto revision = repository_.CatalogRevision();
  if (!revision) {
    if (snapshot_) return snapshot_;
    return Fail(revision.error());
  }
  checked_at_ = now;
  if (snapshot_ && snapshot_->revision() == *revision) return snapshot_;
  auto catalog = repository_.LoadCatalog();
  if (!catalog) {
    if (snapshot_) return snapshot_;
    return Fail(catalog.error());
  }
  snapshot_ = std::make_shared<const domain::CatalogIndex>(std::move(*catalog), *revision);
  return snapshot_;
}

}  // namespace motcua::app
