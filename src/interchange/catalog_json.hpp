#pragma once
// The catalog as JSON: the file format of docs/catalog-format.md, also used
// for the API's procedure bodies so a procedure reads the same everywhere.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "domain/catalog/catalog.hpp"

namespace motcua::interchange {

// Parses a catalog file. Strings are normalized to NFC. Errors:
// kInvalidArgument listing every shape problem with its path (e.g.
// "procedures[2].processing_days"); content rules are checked later by
// domain::ValidateCatalog.
Result<domain::Catalog> ParseCatalogJson(std::string_view text);

// Serializes a catalog in the file format (pretty-printed, UTF-8).
std::string CatalogToJson(const domain::Catalog& catalog);

nlohmann::json AgencyToJson(const domain::Agency& agency);
nlohmann::json FieldToJson(const domain::Field& field);
nlohmann::json ProcedureToJson(const domain::Procedure& procedure);

}  // namespace motcua::interchange
