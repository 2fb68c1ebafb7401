#pragma once
// CatalogService: the use cases of the public procedure catalog — import,
// export, search and lookup.
//
// Reads are served from an immutable in-memory CatalogIndex (the catalog is
// small and read-mostly: a few thousand procedures). The snapshot is rebuilt
// when the stored revision changes, checked at most once per
// `refresh_interval`, so an import by another process (the CLI) shows up in
// a running server within that interval. Thread-safe.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/catalog/catalog_repository.hpp"
#include "domain/catalog/catalog_index.hpp"

namespace motcua::app {

struct ImportSummary {
  std::size_t agencies = 0;
  std::size_t fields = 0;
  std::size_t procedures = 0;
};

class CatalogService {
 public:
  explicit CatalogService(CatalogRepository& repository,
                          std::chrono::milliseconds refresh_interval = std::chrono::seconds(1));

  // Validates `catalog` against itself and what is stored, then saves it in
  // one transaction. Errors: kInvalidArgument with every problem listed in
  // Error::fields; storage errors as CatalogRepository::SaveCatalog.
  Result<ImportSummary> Import(const domain::Catalog& catalog);

  // Everything stored. Errors: as CatalogRepository::LoadCatalog.
  Result<domain::Catalog> Export();

  // Searches the current snapshot. Results are cached per snapshot (people
  // ask the same few questions: "khai sinh", "lý lịch tư pháp"...), so a
  // repeated query costs a hash lookup. Errors: as Snapshot().
  struct SearchResult {
    std::shared_ptr<const domain::CatalogIndex> index;  // keeps the hits' procedures alive
    domain::CatalogPage page;
  };
  Result<SearchResult> Search(const domain::CatalogQuery& query);

  // The current snapshot, reloaded if the stored revision changed.
  // Errors: kUnavailable if storage cannot be reached and there is no
  // snapshot yet (a stale snapshot is served while storage is down).
  Result<std::shared_ptr<const domain::CatalogIndex>> Snapshot();

 private:
  CatalogRepository& repository_;
  const std::chrono::milliseconds refresh_interval_;
  std::mutex mutex_;         // guards snapshot_ and checked_at_ (held briefly)
  std::mutex reload_mutex_;  // held by the one thread refreshing the snapshot
  std::shared_ptr<const domain::CatalogIndex> snapshot_;
  std::chrono::steady_clock::time_point checked_at_{};

  static constexpr std::size_t kSearchCacheEntries = 4096;
  std::mutex cache_mutex_;
  const domain::CatalogIndex* cached_index_ = nullptr;  // the snapshot the cache belongs to
  std::unordered_map<std::string, domain::CatalogPage> search_cache_;
};

}  // namespace motcua::app
