#pragma once
// Bulk loads (`seed dossiers --defer-indexes`) drop the secondary indexes of
// the tables they fill and build them once at the end: sorting each index
// once is far cheaper than growing twenty B-trees row by row (1,000,000
// seeded dossiers on SQLite: about 4 minutes with the indexes in place, 46 s
// without them plus 24 s to build them).
//
// Unique indexes and those behind constraints stay: they keep the data
// valid while it loads. The dropped definitions are written to
// `deferred_indexes` in the same transaction that drops them, so a load that
// is interrupted leaves them on record and `motcua migrate` (or the next
// deferring load) builds them again.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace motcua::store {

struct DeferredIndex {
  std::string name;
  std::string table;
  std::string definition;  // the engine's own CREATE INDEX statement
};

// The secondary, non-unique indexes of `table` not backing a constraint.
Result<std::vector<DeferredIndex>> DroppableIndexes(Database& db, const std::string& table);

// Records and drops the droppable indexes of `tables`; returns how many.
Result<int> DeferIndexes(Database& db, const std::vector<std::string>& tables);

// Builds every recorded index (one transaction each) and forgets it; returns
// how many. `progress(done, total, name)` before each.
using IndexProgress = std::function<void(int, int, const std::string&)>;
Result<int> RestoreDeferredIndexes(Database& db, const IndexProgress& progress = {});

}  // namespace motcua::store
