#include "store/migrations.hpp"

namespace motcua::store {

// Version 5: dossiers, their files and history, daily code sequences, notices.
std::vector<Migration> DossierMigrations() {
  return {{5,
           "dossiers",
           {"CREATE TABLE dossiers ("
            " id {ID},"
            " version INTEGER NOT NULL,"
            " code TEXT UNIQUE,"
            " procedure_code TEXT NOT NULL REFERENCES procedures(code),"
            " procedure_name TEXT NOT NULL,"
            " agency_code TEXT NOT NULL REFERENCES agencies(code),"
            " owner_user_id BIGINT REFERENCES users(id),"
            " applicant_name TEXT NOT NULL,"
            " applicant_id_number TEXT NOT NULL DEFAULT '',"
            " applicant_phone TEXT NOT NULL DEFAULT '',"
            " applicant_email TEXT NOT NULL DEFAULT '',"
            " applicant_address TEXT NOT NULL DEFAULT '',"
            " applicant_organization TEXT NOT NULL DEFAULT '',"
            " channel TEXT NOT NULL,"
            " status TEXT NOT NULL,"
            " request_note TEXT NOT NULL DEFAULT '',"
            " copies INTEGER NOT NULL DEFAULT 1,"
            " processing_days {REAL} NOT NULL DEFAULT 0,"
            " submitted_at TEXT,"
            " postal_handover_at TEXT,"
            " received_at TEXT,"
            " due_at TEXT,"
            " decided_at TEXT,"
            " supplement_items TEXT NOT NULL DEFAULT '',"
            " supplement_note TEXT NOT NULL DEFAULT '',"
            " refusal_reason TEXT NOT NULL DEFAULT '',"
            " received_by TEXT NOT NULL DEFAULT '',"
            " created_at TEXT NOT NULL,"
            " updated_at TEXT NOT NULL)",
            // Worklists: an agency's dossiers by status, newest first (keyset on id).
            "CREATE INDEX dossiers_agency_status ON dossiers(agency_code, status, id)",
            "CREATE INDEX dossiers_agency ON dossiers(agency_code, id)",
            "CREATE INDEX dossiers_owner ON dossiers(owner_user_id, id)",
            "CREATE INDEX dossiers_applicant ON dossiers(applicant_id_number, id)",
            "CREATE TABLE dossier_files ("
            " dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
            " position INTEGER NOT NULL,"
            " component_index INTEGER NOT NULL,"
            " component_name TEXT NOT NULL,"
            " sha256 TEXT NOT NULL,"
            " file_name TEXT NOT NULL,"
            " content_type TEXT NOT NULL,"
            " size BIGINT NOT NULL,"
            " copy_kind TEXT NOT NULL,"
            " PRIMARY KEY (dossier_id, position))",
            "CREATE TABLE dossier_sequences ("
            " agency_code TEXT NOT NULL,"
            " day TEXT NOT NULL,"
            " last INTEGER NOT NULL,"
            " PRIMARY KEY (agency_code, day))",
            "CREATE TABLE dossier_events ("
            " id {ID},"
            " dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
            " at TEXT NOT NULL,"
            " actor TEXT NOT NULL,"
            " action TEXT NOT NULL,"
            " from_status TEXT NOT NULL,"
            " to_status TEXT NOT NULL,"
            " note TEXT NOT NULL DEFAULT '')",
            "CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, id)",
            "CREATE TABLE notices ("
            " id {ID},"
            " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
            " dossier_id BIGINT REFERENCES dossiers(id) ON DELETE CASCADE,"
            " at TEXT NOT NULL,"
            " title TEXT NOT NULL,"
            " body TEXT NOT NULL,"
            " read_at TEXT)",
            "CREATE INDEX notices_user ON notices(user_id, id)"}}};
}

}  // namespace motcua::store
