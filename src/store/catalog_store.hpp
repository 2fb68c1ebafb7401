#pragma once
// CatalogStore: the catalog tables on SQLite or PostgreSQL.
// Thread-safe (each call leases its own session).

#include "app/catalog/catalog_repository.hpp"
#include "store/database.hpp"

namespace motcua::store {

class CatalogStore final : public app::CatalogRepository {
 public:
  explicit CatalogStore(Database& db) : db_(db) {}

  Result<domain::Catalog> LoadCatalog() override;
  Result<long> CatalogRevision() override;
  Result<domain::KnownCodes> LoadKnownCodes() override;
  Status SaveCatalog(const domain::Catalog& catalog) override;

 private:
  Database& db_;
};

}  // namespace motcua::store
