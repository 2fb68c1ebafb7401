#pragma once
// `motcua reports rebuild`: recomputes every report rollup from the dossier
// rows and their history, in one transaction (readers see the old figures
// until it commits). The result equals what the incremental upkeep in each
// change produced, which tests check after randomized lifecycles.
//
// Memory stays bounded: dossiers and history rows are read in id order, in
// chunks; their facts are summed in memory under integer keys, and the
// rollup rows are written once, at the end, in the table's key order. The
// sums grow with the distinct keys (agencies × procedures × days ×
// metrics), not with dossiers; past `max_keys` rows are written early and
// later ones added to them.

#include <cstddef>
#include <cstdint>
#include <functional>

#include "core/error.hpp"
#include "store/database.hpp"

namespace motcua::store {

struct RebuildStats {
  std::int64_t dossiers = 0;
  std::int64_t events = 0;
  std::int64_t rows = 0;  // rollup rows written (a key written early and again counts twice)
};

// `progress(done, total)` is called after each chunk; done counts dossiers
// then history rows, total is their sum (known up front). `max_keys` bounds
// the rollup rows summed in memory (about 40 bytes each, twice that while
// the table grows). Errors: those of Guard (the transaction is rolled back).
Result<RebuildStats> RebuildReports(Database& db,
                                    const std::function<void(std::int64_t done, std::int64_t total)>& progress = {},
                                    int chunk = 50000, std::size_t max_keys = std::size_t{4} << 20);

}  // namespace motcua::store
