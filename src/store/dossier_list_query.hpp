#pragma once
// The statement behind DossierStore::List, shared with `motcua bench
// explain-worklist` so that the plan it shows is the plan the store runs.

#include "app/dossier/ports.hpp"
#include "store/sql.hpp"

namespace motcua::store {

// Columns of every row of the list.
constexpr std::size_t kDossierColumnCount = 54;

// Newest first, `filter.limit` rows of every dossier column. A scope of one
// agency reads (agency_code, id) backwards; a scope of several is a UNION
// ALL of one such LIMITed read per agency.
Sql DossierListQuery(const app::DossierFilter& filter);

}  // namespace motcua::store
