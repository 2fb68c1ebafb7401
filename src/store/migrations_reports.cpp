#include "store/migrations.hpp"

namespace motcua::store {

// Version 9: report rollups and what reports need on the dossier row.
//
// report_rollup holds counters at two grains: 'd' (period = yyyymmdd) and
// 'm' (period = yyyymm), Vietnam's calendar; officer facts also at 'y'
// (period = yyyy, version 13). Each fact of a dossier is
// counted for its receiving agency and every ancestor agency, and for the
// whole province (agency_code = ''), each with procedure_code = '' (all
// procedures) and with its own procedure; officer facts (officer <> '') only
// with procedure_code = ''. A dashboard for any agency subtree and whole
// months therefore reads a few hundred rows, whatever the dossier count.
std::vector<Migration> ReportMigrations() {
  return {{9,
           "reports",
           {"ALTER TABLE dossiers ADD COLUMN rating_marks TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE dossiers ADD COLUMN complaints_upheld INTEGER NOT NULL DEFAULT 0",
            // Officers who acted on the dossier (received, handled, signed,
            // returned), comma-separated: the officers it is scored for.
            "ALTER TABLE dossiers ADD COLUMN handlers TEXT NOT NULL DEFAULT ''",
            // The receiving agency when the row was written: a history row's
            // report facts stay with it if the dossier moves later.
            "ALTER TABLE dossier_events ADD COLUMN agency_code TEXT NOT NULL DEFAULT ''",
            "CREATE TABLE report_rollup ("
            " grain TEXT NOT NULL,"
            " agency_code TEXT NOT NULL,"
            " procedure_code TEXT NOT NULL,"
            " officer TEXT NOT NULL,"
            " metric TEXT NOT NULL,"
            " period INTEGER NOT NULL,"
            " channel TEXT NOT NULL,"
            " value BIGINT NOT NULL,"
            " PRIMARY KEY (grain, agency_code, procedure_code, officer, metric, period, channel))"
            "{WITHOUT_ROWID}",
            // Drill-down from a figure to its dossiers (ReportStore::Dossiers).
            "CREATE INDEX dossiers_agency_received ON dossiers(agency_code, received_at)",
            "CREATE INDEX dossiers_agency_completed ON dossiers(agency_code, completed_at)",
            // Weights of the QĐ 766 groups, as data with effective dates.
            "CREATE TABLE indicator_weights ("
            " effective_from TEXT PRIMARY KEY,"
            " weights TEXT NOT NULL,"
            " note TEXT NOT NULL DEFAULT '',"
            " changed_by TEXT NOT NULL DEFAULT '',"
            " changed_at TEXT NOT NULL)"}},
          // Version 12: the Thông tư 01/2018 scoring rules (which indices make
          // an officer's score, the band thresholds in tenths) as data with
          // effective dates; none stored means the circular's own rules.
          {12,
           "scoring_rules",
           {"CREATE TABLE scoring_rules ("
            " effective_from TEXT PRIMARY KEY,"
            " officer_indices TEXT NOT NULL,"
            " officer_full_tenths INTEGER NOT NULL,"
            " officer_partial_tenths INTEGER NOT NULL,"
            " agency_band_tenths TEXT NOT NULL,"
            " note TEXT NOT NULL DEFAULT '',"
            " changed_by TEXT NOT NULL DEFAULT '',"
            " changed_at TEXT NOT NULL)"}},
          // Version 13: officers' scores read only the rows of their period.
          // Officer facts are also kept by year (grain 'y', period = yyyy),
          // summed here from their month rows: a year reads one row per
          // officer and metric instead of twelve. The primary key puts the
          // period after the officer, so a month of one agency key read every
          // month of every officer; this partial index (officer rows are ~2%
          // of the table) puts the period first, and carries the value so the
          // read never leaves it.
          {13,
           "officer_rollup_by_period",
           {"INSERT INTO report_rollup (grain, agency_code, procedure_code, officer, metric, period, channel, value) "
            "SELECT 'y', agency_code, procedure_code, officer, metric, period / 100, channel, SUM(value) "
            "FROM report_rollup WHERE grain = 'm' AND officer <> '' "
            "GROUP BY agency_code, procedure_code, officer, metric, period / 100, channel",
            "CREATE INDEX report_rollup_officer_period ON report_rollup "
            "(grain, agency_code, period, officer, metric, procedure_code, channel, value) WHERE officer <> ''"}}};
}

}  // namespace motcua::store
