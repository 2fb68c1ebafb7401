#pragma once
// ProcessStore: versioned internal processes (quy trình nội bộ) of
// procedures — process_definitions, process_steps, process_branches — on
// SQLite or PostgreSQL. Thread-safe (each call leases its own session).
//
// Versions of a procedure are numbered 1, 2, ... without gaps. AddVersion
// numbers inside its write transaction: BEGIN IMMEDIATE serializes writers
// on SQLite; on PostgreSQL the procedure's catalog row is locked
// (SELECT ... FOR UPDATE), so concurrent editors of one procedure queue
// instead of colliding on the number.

#include "app/handling/ports.hpp"
#include "store/database.hpp"

namespace motcua::store {

class ProcessStore final : public app::ProcessRepository {
 public:
  explicit ProcessStore(Database& db) : db_(db) {}

  // Oldest first; steps in order with their parallel branches.
  Result<std::vector<domain::ProcessDefinition>> Versions(const std::string& procedure_code) override;

  // Returns `definition` with its new version. The audit row gets the
  // procedure code as target when `audit.target` is empty, and "version N"
  // as detail when `audit.detail` is empty. Errors: kNotFound for an
  // unknown procedure; kConflict when a step or branch names an unknown
  // agency; storage errors.
  Result<domain::ProcessDefinition> AddVersion(domain::ProcessDefinition definition,
                                               const app::AuditEvent& audit) override;

 private:
  Database& db_;
};

}  // namespace motcua::store
