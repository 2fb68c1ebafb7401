#pragma once
// `motcua seed dossiers --resolve SHARE`: gives seeded dossiers an outcome,
// so demos and benchmarks have resolved, returned and rated dossiers behind
// their reports. Of the accepted dossiers received at least two days ago,
// `share` (chosen by a hash of the id, so the same seed gives the same
// result) get a result time between 35% and 120% of their allowed time
// (early, on time or late against the due time), 90% of those are returned
// (online dossiers online, the others at the desk) and a third of the
// returned ones carry a rating (mostly satisfied, one in twenty
// dissatisfied). The officers who received and held them become their
// handlers. Written in chunks of one transaction each; rollups are rebuilt
// afterwards by the caller.

#include <cstdint>
#include <functional>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace motcua::store {

struct ResolveOptions {
  double share = 0.7;
  Timestamp now{};
  std::uint64_t seed = 20251125;
};

struct ResolveSummary {
  std::int64_t resolved = 0;
  std::int64_t returned = 0;
  std::int64_t rated = 0;
};

Result<ResolveSummary> ResolveSeededDossiers(Database& db, const ResolveOptions& options,
                                             const std::function<void(std::int64_t done)>& progress = {});

}  // namespace motcua::store
