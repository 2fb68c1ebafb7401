#pragma once
// Port: where the catalog is stored. Implemented by store/ (SQLite,
// PostgreSQL) and by an in-memory fake in tests.
//
// Implementations must be safe to call from several threads at once.

#include "core/error.hpp"
#include "domain/catalog/catalog.hpp"

namespace motcua::app {

class CatalogRepository {
 public:
  virtual ~CatalogRepository() = default;

  // The whole catalog in file order (agencies parents first).
  // Errors: kUnavailable if storage cannot be reached, kInternal otherwise.
  virtual Result<domain::Catalog> LoadCatalog() = 0;

  // A number that changes every time SaveCatalog commits. Cheap.
  // Errors: kUnavailable, kInternal.
  virtual Result<long> CatalogRevision() = 0;

  // Codes of stored agencies and fields. Errors: kUnavailable, kInternal.
  virtual Result<domain::KnownCodes> LoadKnownCodes() = 0;

  // Inserts or updates every agency, field and procedure of `catalog` by
  // code, replacing a procedure's components, fees, legal bases and steps,
  // and bumps the revision — all in one transaction: on any error nothing is
  // written. Errors: kConflict on a constraint violation, kUnavailable, kInternal.
  virtual Status SaveCatalog(const domain::Catalog& catalog) = 0;
};

}  // namespace motcua::app
