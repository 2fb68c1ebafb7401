#pragma once
// The statement behind DossierStore::List, shared with `motcua bench
// explain-worklist` so that the plan it shows is the plan the store runs.

#include "app/dossier/ports.hpp"
#include "store/sql.hpp"

namespace motcua::store {

// The columns of a list row (app::DossierSummary), in order.
inline constexpr const char* kSummaryColumns =
    "id, version, code, status, procedure_code, procedure_name, agency_code, channel, applicant_name, submitted_at, "
    "received_at, due_at, step_due_at, created_at, updated_at";
inline constexpr std::size_t kSummaryColumnCount = 15;

// Newest first, `filter.limit` rows of kSummaryColumns. A scope of one
// agency reads (agency_code, id) backwards; a scope of several is a UNION
// ALL of one such LIMITed read per agency.
Sql DossierListQuery(const app::DossierFilter& filter);

}  // namespace motcua::store
