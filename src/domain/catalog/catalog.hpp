#pragma once
// Catalog: a whole set of agencies, fields and procedures, as imported from a
// file or loaded from storage, and the rules a valid catalog obeys.

#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/catalog/agency.hpp"
#include "domain/catalog/field.hpp"
#include "domain/catalog/procedure.hpp"

namespace motcua::domain {

struct Catalog {
  std::vector<Agency> agencies;  // parents before children
  std::vector<Field> fields;
  std::vector<Procedure> procedures;
};

// Codes already known to storage, so a file may reference them without
// repeating them.
struct KnownCodes {
  std::set<std::string> agencies;
  std::set<std::string> fields;
};

// Checks every rule of docs/catalog-format.md and returns kInvalidArgument
// listing every problem (Error::fields, keyed by a JSON-like path such as
// "procedures[3].steps") or success. Pure.
Status ValidateCatalog(const Catalog& catalog, const KnownCodes& known = {});

// Maximum gap tolerated between the sum of step allowances and the legal
// processing time (floating-point input such as 0.1 + 0.2).
inline constexpr double kStepSumTolerance = 0.001;

}  // namespace motcua::domain
