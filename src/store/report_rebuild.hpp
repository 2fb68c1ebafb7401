#pragma once
// `motcua reports rebuild`: recomputes every report rollup from the dossier
// rows and their history, in one transaction (readers see the old figures
// until it commits). The result equals what the incremental upkeep in each
// change produced, which tests check after randomized lifecycles.
//
// Memory stays bounded: dossiers are read in id order, in chunks; each
// chunk's facts are merged in memory and added to the table before the next.

#include <cstdint>
#include <functional>

#include "core/error.hpp"
#include "store/database.hpp"

namespace motcua::store {

struct RebuildStats {
  std::int64_t dossiers = 0;
  std::int64_t events = 0;
  std::int64_t rows = 0;  // rollup upserts (a key written in several flushes counts each time)
};

// `progress(done, total)` is called after each chunk; done counts dossiers
// then history rows, total is their sum (known up front).
Result<RebuildStats> RebuildReports(Database& db,
                                    const std::function<void(std::int64_t done, std::int64_t total)>& progress = {},
                                    int chunk = 50000);

}  // namespace motcua::store
