#pragma once
// JSON forms of handling values, shared by the API handlers.

#include <nlohmann/json.hpp>

#include "app/dossier/ports.hpp"
#include "app/handling/control_slip.hpp"
#include "app/handling/ports.hpp"
#include "domain/catalog/catalog_index.hpp"
#include "domain/dossier/dossier.hpp"
#include "domain/process/process_definition.hpp"
#include "web/json_writer.hpp"

namespace motcua::web {

nlohmann::json TimeJson(const std::optional<Timestamp>& t);
// The `handling` object of a dossier (step, assignee, due times, apology,
// outcome, results with download URLs, consultations).
nlohmann::json HandlingJson(const domain::Dossier& d, const domain::ProcessDefinition* process);
nlohmann::json ProcessJson(const domain::ProcessDefinition& p);
// The whole dossier as the API shows it, with its `handling` object.
nlohmann::json DossierJson(const domain::Dossier& d, const domain::CatalogIndex* index,
                           const domain::ProcessDefinition* process = nullptr);
// One row of a dossier list: what a list shows and links to, without the
// applicant's contact details, files or handling (GET the dossier for those).
void WriteDossierSummary(JsonWriter& w, const app::DossierSummary& d, const domain::CatalogIndex* index);
// Parses a process body; field errors for every problem. Steps only: the
// procedure code comes from the URL.
Result<domain::ProcessDefinition> ProcessFromJson(const nlohmann::json& body);
void WriteWorklistItem(JsonWriter& w, const app::WorklistItem& item, domain::DueStatus due);
nlohmann::json ControlSlipJson(const app::ControlSlip& slip);

}  // namespace motcua::web
