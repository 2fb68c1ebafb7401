#include "store/migrations.hpp"

namespace motcua::store {

// Version 11: feedback and petitions (phản ánh, kiến nghị).
//
// Timestamps are ISO 8601 UTC text of one fixed width, so comparing them as
// text compares instants (answered_at <= due_at is "on time"). Indexes:
// (agency_code, received_at) for the counts reports read and the officers'
// lists of a scope; (status, due_at) for the overdue filter; the published
// list newest first through a partial index.
std::vector<Migration> FeedbackMigrations() {
  return {{11,
           "feedback",
           {"CREATE TABLE feedback ("
            " id {ID},"
            " code TEXT NOT NULL UNIQUE,"
            " kind TEXT NOT NULL,"
            " procedure_code TEXT NOT NULL DEFAULT '',"
            " dossier_code TEXT NOT NULL DEFAULT '',"
            " dossier_id BIGINT REFERENCES dossiers(id) ON DELETE SET NULL,"
            " agency_code TEXT NOT NULL,"
            " title TEXT NOT NULL,"
            " content TEXT NOT NULL,"
            " sender_name TEXT NOT NULL DEFAULT '',"
            " sender_phone TEXT NOT NULL DEFAULT '',"
            " sender_email TEXT NOT NULL DEFAULT '',"
            " sender_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,"
            " consent_to_publish INTEGER NOT NULL DEFAULT 0,"
            " status TEXT NOT NULL,"
            " received_at TEXT NOT NULL,"
            " due_at TEXT NOT NULL,"
            " assignee TEXT NOT NULL DEFAULT '',"
            " answer TEXT NOT NULL DEFAULT '',"
            " answered_by TEXT NOT NULL DEFAULT '',"
            " answered_at TEXT,"
            " upheld INTEGER,"
            " close_reason TEXT NOT NULL DEFAULT '',"
            " close_note TEXT NOT NULL DEFAULT '',"
            " closed_at TEXT,"
            " published_title TEXT NOT NULL DEFAULT '',"
            " published_content TEXT NOT NULL DEFAULT '',"
            " published_answer TEXT NOT NULL DEFAULT '',"
            " published_at TEXT,"
            " search_key TEXT NOT NULL DEFAULT '',"  // folded published texts
            " rating TEXT NOT NULL DEFAULT '',"
            " rating_comment TEXT NOT NULL DEFAULT '',"
            " rated_at TEXT,"
            " token_hash TEXT NOT NULL,"
            " version INTEGER NOT NULL DEFAULT 1,"
            " updated_at TEXT NOT NULL)",
            "CREATE INDEX feedback_agency_received ON feedback(agency_code, received_at)",
            "CREATE INDEX feedback_status_due ON feedback(status, due_at)",
            "CREATE INDEX feedback_published ON feedback(id) WHERE status = 'published'",
            "CREATE INDEX feedback_dossier ON feedback(dossier_id)"}}};
}

}  // namespace motcua::store
