#pragma once
// A generator of large, realistic-looking catalogs for load tests and
// benchmarks (the national catalog has several thousand procedures).
// Deterministic for a given seed. Pure.

#include <cstddef>
#include <cstdint>

#include "domain/catalog/catalog.hpp"

namespace motcua::app {

// Builds a self-contained catalog: a synthetic province ("X01") with
// departments and communes, the given number of procedures spread over
// fields, each with components, fees, legal bases and steps that sum to
// its processing time.
domain::Catalog SyntheticCatalog(std::size_t procedures, std::uint64_t seed = 42);

}  // namespace motcua::app
