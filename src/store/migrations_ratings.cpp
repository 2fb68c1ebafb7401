#include "store/migrations.hpp"

namespace motcua::store {

// Version 10: satisfaction ratings (rules.md §7), single-use rating links,
// desk kiosks, and server secrets (the key of rating links).
//
// A rating row is one version of a dossier's rating on one channel; answers
// are "criterion:value" pairs joined by ",". No column names the rater: an
// online rating is the owner's, link and kiosk ratings are anonymous; a
// kiosk rating keeps its counter and the desk officer on duty.
std::vector<Migration> RatingMigrations() {
  return {{10,
           "ratings",
           {"CREATE TABLE ratings ("
            " id {ID},"
            " dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
            " channel TEXT NOT NULL,"
            " version INTEGER NOT NULL,"
            " answers TEXT NOT NULL,"
            " comment TEXT NOT NULL DEFAULT '',"
            " rated_at TEXT NOT NULL,"
            " first_rated_at TEXT NOT NULL,"
            " counter_code TEXT NOT NULL DEFAULT '',"
            " officer TEXT NOT NULL DEFAULT '',"
            " UNIQUE (dossier_id, channel, version))",
            "CREATE TABLE rating_link_nonces ("
            " nonce TEXT PRIMARY KEY,"
            " dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
            " used_at TEXT NOT NULL)",
            "CREATE INDEX rating_link_nonces_dossier ON rating_link_nonces(dossier_id)",
            // Only the hash of a kiosk's device cookie is kept.
            "CREATE TABLE kiosks ("
            " counter_code TEXT PRIMARY KEY,"
            " agency_code TEXT NOT NULL REFERENCES agencies(code),"
            " officer TEXT NOT NULL DEFAULT '',"
            " device_hash TEXT NOT NULL,"
            " csrf_token TEXT NOT NULL,"
            " activated_at TEXT NOT NULL,"
            " pending_dossier_id BIGINT REFERENCES dossiers(id) ON DELETE SET NULL,"
            " pending_at TEXT)",
            "CREATE INDEX kiosks_officer ON kiosks(officer)",
            "CREATE INDEX kiosks_pending ON kiosks(pending_dossier_id)",
            "CREATE TABLE server_secrets ("
            " name TEXT PRIMARY KEY,"
            " value TEXT NOT NULL,"
            " created_at TEXT NOT NULL)"}}};
}

}  // namespace motcua::store
