#pragma once
// Changes the report marks of a dossier (its latest rating's answers and its
// upheld complaints) inside the caller's open write transaction, and moves
// the report rollups by the difference, so ratings and complaints reach the
// reports in the same transaction that records them. Takes the row lock on
// PostgreSQL (SELECT ... FOR UPDATE). Does not bump the dossier's version:
// marks are not part of the officers' optimistic concurrency.
// Throws (soci) on database errors and std::out_of_range when the dossier
// does not exist; the caller's transaction then rolls back.

#include <cstdint>
#include <functional>

#include <soci/soci.h>

#include "domain/reporting/report_marks.hpp"
#include "store/database.hpp"

namespace motcua::store {

void ChangeReportMarks(soci::session& sql, Dialect dialect, std::int64_t dossier_id,
                       const std::function<void(domain::ReportMarks&)>& change);

}  // namespace motcua::store
