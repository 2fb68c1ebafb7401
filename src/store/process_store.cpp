#include "store/process_store.hpp"

#include <map>

#include <fmt/format.h>
#include <soci/soci.h>

#include "store/audit_writer.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

using namespace motcua::domain;

Result<std::vector<ProcessDefinition>> ProcessStore::Versions(const std::string& procedure_code) {
  return Guard("process versions", [&]() -> Result<std::vector<ProcessDefinition>> {
    Database::Lease sql(db_);
    std::vector<ProcessDefinition> out;
    std::map<int, std::size_t> index;  // version -> position in out
    {
      ProcessDefinition d;
      std::string effective, created;
      soci::statement st =
          (sql->prepare << "SELECT version, effective_from, note, created_by, created_at FROM process_definitions "
                           "WHERE procedure_code = :c ORDER BY version",
           soci::use(procedure_code), soci::into(d.version), soci::into(effective), soci::into(d.note),
           soci::into(d.created_by), soci::into(created));
      st.execute();
      while (st.fetch()) {
        ProcessDefinition copy = d;
        copy.procedure_code = procedure_code;
        copy.effective_from = ParseIsoDate(effective).value_or(Date{});
        copy.created_at = ParseTimestamp(created).value_or(Timestamp{});
        index[copy.version] = out.size();
        out.push_back(std::move(copy));
      }
    }
    if (out.empty()) return out;
    {
      int version = 0;
      HandlingStep s;
      std::string role, agency;
      soci::indicator agency_ind = soci::i_null;
      soci::statement st =
          (sql->prepare << "SELECT version, name, role, unit, agency_code, days FROM process_steps "
                           "WHERE procedure_code = :c ORDER BY version, position",
           soci::use(procedure_code), soci::into(version), soci::into(s.name), soci::into(role), soci::into(s.unit),
           soci::into(agency, agency_ind), soci::into(s.days));
      st.execute();
      while (st.fetch()) {
        auto it = index.find(version);
        if (it == index.end()) continue;
        HandlingStep copy = s;
        copy.role = ParseRole(role).value_or(Role::kSpecialist);
        copy.agency_code = agency_ind == soci::i_ok ? agency : std::string();
        out[it->second].steps.push_back(std::move(copy));
      }
    }
    {
      int version = 0, step = 0;
      ParallelBranch b;
      soci::statement st =
          (sql->prepare << "SELECT version, step_position, agency_code, task, days FROM process_branches "
                           "WHERE procedure_code = :c ORDER BY version, step_position, position",
           soci::use(procedure_code), soci::into(version), soci::into(step), soci::into(b.agency_code),
           soci::into(b.task), soci::into(b.days));
      st.execute();
      while (st.fetch()) {
        auto it = index.find(version);
        if (it == index.end()) continue;
        auto& steps = out[it->second].steps;
        if (step < 0 || step >= static_cast<int>(steps.size())) continue;
        steps[step].parallel.push_back(b);
      }
    }
    return out;
  });
}

Result<ProcessDefinition> ProcessStore::AddVersion(ProcessDefinition definition, const app::AuditEvent& audit) {
  return Guard("add process version", [&]() -> Result<ProcessDefinition> {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    const std::string& code = definition.procedure_code;
    // The procedure must exist; on PostgreSQL its row lock serializes the
    // numbering below between concurrent editors (SQLite already holds the
    // write lock since BEGIN IMMEDIATE).
    std::string found;
    soci::indicator found_ind = soci::i_null;
    *sql << std::string("SELECT code FROM procedures WHERE code = :c") +
                (db_.dialect() == Dialect::kPostgres ? " FOR UPDATE" : ""),
        soci::use(code), soci::into(found, found_ind);
    if (!sql->got_data() || found_ind != soci::i_ok) {
      return Fail(ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.",
                  fmt::format("no procedure '{}'", code));
    }
    int latest = 0;
    soci::indicator latest_ind = soci::i_null;
    *sql << "SELECT MAX(version) FROM process_definitions WHERE procedure_code = :c", soci::use(code),
        soci::into(latest, latest_ind);
    definition.version = (latest_ind == soci::i_ok ? latest : 0) + 1;

    std::string effective = FormatIsoDate(definition.effective_from);
    std::string created = FormatTimestamp(definition.created_at);
    *sql << "INSERT INTO process_definitions (procedure_code, version, effective_from, note, created_by, created_at) "
            "VALUES (:c, :v, :e, :n, :by, :at)",
        soci::use(code), soci::use(definition.version), soci::use(effective), soci::use(definition.note),
        soci::use(definition.created_by), soci::use(created);

    int position = 0, branch_position = 0;
    HandlingStep step;
    std::string role, step_agency;
    soci::indicator step_agency_ind = soci::i_null;
    soci::statement insert_step =
        (sql->prepare << "INSERT INTO process_steps (procedure_code, version, position, name, role, unit, "
                         "agency_code, days) VALUES (:c, :v, :p, :n, :r, :u, :a, :d)",
         soci::use(code), soci::use(definition.version), soci::use(position), soci::use(step.name), soci::use(role),
         soci::use(step.unit), soci::use(step_agency, step_agency_ind), soci::use(step.days));
    ParallelBranch branch;
    soci::statement insert_branch =
        (sql->prepare << "INSERT INTO process_branches (procedure_code, version, step_position, position, "
                         "agency_code, task, days) VALUES (:c, :v, :s, :p, :a, :t, :d)",
         soci::use(code), soci::use(definition.version), soci::use(position), soci::use(branch_position),
         soci::use(branch.agency_code), soci::use(branch.task), soci::use(branch.days));
    for (const auto& s : definition.steps) {
      step = s;
      role = RoleKey(s.role);
      step_agency = s.agency_code;
      step_agency_ind = s.agency_code.empty() ? soci::i_null : soci::i_ok;
      insert_step.execute(true);
      branch_position = 0;
      for (const auto& b : s.parallel) {
        branch = b;
        insert_branch.execute(true);
        ++branch_position;
      }
      ++position;
    }

    app::AuditEvent recorded = audit;
    if (recorded.target.empty()) recorded.target = code;
    if (recorded.detail.empty()) recorded.detail = fmt::format("version {}", definition.version);
    WriteAudit(*sql, recorded);
    tx.Commit();
    return definition;
  });
}

}  // namespace motcua::store
