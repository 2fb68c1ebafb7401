// Bulk dossier seeding on both engines: codes unique per agency and day with
// dossier_sequences consistent (and continued by later seeds and by a live
// acceptance), files and history for every dossier, ids in order of arrival,
// the same dossiers on SQLite and PostgreSQL; and the benchmark helpers.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <soci/soci.h>

#include "app/catalog/catalog_service.hpp"
#include "domain/calendar/working_calendar.hpp"
#include "domain/dossier/dossier_code.hpp"
#include "store/catalog_store.hpp"
#include "store/dossier_seed.hpp"
#include "core/text.hpp"
#include "store/dossier_store.hpp"
#include "store/worklist_store.hpp"
#include "store/local_file_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using testutil::Engine;

constexpr const char* kWard = "000.20.31.H29";
constexpr const char* kJusticeUnit = "000.01.06.H29";  // below Sở Tư pháp in SmallCatalog
constexpr const char* kTourism = "000.00.15.H29";

// SmallCatalog's procedures at their agencies: most at the ward.
store::DossierSeedOptions SmallOptions(std::int64_t count) {
  store::DossierSeedOptions o;
  for (const auto& p : testutil::SmallCatalog().procedures) {
    store::SeedProcedure s;
    s.code = p.code;
    s.name = p.name;
    s.processing_days = p.processing_days;
    s.online = p.online_level != domain::OnlineLevel::kNone;
    s.postal = p.code == "1.001193";
    s.weight = p.popularity + 5;
    s.files = {{0, p.components[0].name}};
    if (p.code == "1.001193") s.files.emplace_back(1, "Giấy chứng sinh");
    o.procedures.push_back(s);
  }
  o.agencies = {{kWard, 0.6, "motcua.saigon", {0, 1, 2, 5}},
                {kJusticeUnit, 0.3, "motcua.tuphap", {3}},
                {kTourism, 0.1, "motcua.dulich", {4}}};
  o.count = count;
  o.days = 6;
  o.last_day = *ParseIsoDate("2026-11-24");  // a Tuesday
  o.file_sha256 = std::string(64, 'a');
  o.file_size = 1234;
  o.rows_per_statement = 37;     // batches that do not divide the days evenly
  o.rows_per_transaction = 500;  // several transactions
  return o;
}

struct SeededRow {
  long long id = 0;
  std::string code, procedure, agency, name, id_number, channel, status, created, submitted, received, due, by;
  int version = 0;
};

std::string Text(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_null ? std::string("~") : r.get<std::string>(i);
}

std::vector<SeededRow> ReadRows(store::Database& db) {
  store::Database::Lease sql(db);
  std::vector<SeededRow> out;
  soci::rowset<soci::row> rows = (sql->prepare <<
      "SELECT CAST(id AS TEXT), code, procedure_code, agency_code, applicant_name, applicant_id_number, channel, "
      "status, created_at, submitted_at, received_at, due_at, received_by, CAST(version AS TEXT) "
      "FROM dossiers ORDER BY dossiers.id");  // not the text column PostgreSQL also calls "id"
  for (const auto& r : rows) {
    SeededRow s;
    s.id = std::stoll(r.get<std::string>(0));
    s.code = Text(r, 1);
    s.procedure = Text(r, 2);
    s.agency = Text(r, 3);
    s.name = Text(r, 4);
    s.id_number = Text(r, 5);
    s.channel = Text(r, 6);
    s.status = Text(r, 7);
    s.created = Text(r, 8);
    s.submitted = Text(r, 9);
    s.received = Text(r, 10);
    s.due = Text(r, 11);
    s.by = Text(r, 12);
    s.version = std::stoi(r.get<std::string>(13));
    out.push_back(s);
  }
  return out;
}

std::map<std::pair<std::string, std::string>, int> Sequences(store::Database& db) {
  store::Database::Lease sql(db);
  std::map<std::pair<std::string, std::string>, int> out;
  soci::rowset<soci::row> rows =
      (sql->prepare << "SELECT agency_code, day, CAST(last AS TEXT) FROM dossier_sequences");
  for (const auto& r : rows) out[{r.get<std::string>(0), r.get<std::string>(1)}] = std::stoi(r.get<std::string>(2));
  return out;
}

long long Scalar(store::Database& db, const std::string& query) {
  store::Database::Lease sql(db);
  std::string value;
  *sql << "SELECT CAST((" + query + ") AS TEXT)", soci::into(value);
  return std::stoll(value);
}

// Every code is well formed and unique; per agency and day the numbers are
// 1..n without gaps and dossier_sequences says n.
void ExpectConsistentCodes(store::Database& db) {
  auto rows = ReadRows(db);
  std::map<std::pair<std::string, std::string>, std::set<int>> numbers;
  std::set<std::string> codes;
  for (const auto& r : rows) {
    if (r.code == "~") continue;
    ASSERT_TRUE(domain::LooksLikeDossierCode(r.code)) << r.code;
    EXPECT_TRUE(codes.insert(r.code).second) << "duplicate " << r.code;
    EXPECT_EQ(r.code.substr(0, 13), r.agency);
    numbers[{r.agency, r.code.substr(14, 6)}].insert(std::stoi(r.code.substr(21)));
  }
  auto sequences = Sequences(db);
  EXPECT_EQ(sequences.size(), numbers.size());
  for (const auto& [key, set] : numbers) {
    ASSERT_FALSE(set.empty());
    EXPECT_EQ(*set.begin(), 1) << key.first << " " << key.second;
    EXPECT_EQ(*set.rbegin(), static_cast<int>(set.size())) << "gap at " << key.first << " " << key.second;
    EXPECT_EQ(sequences[key], static_cast<int>(set.size())) << key.first << " " << key.second;
  }
}

class DossierSeedContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason);
    if (!db_) GTEST_SKIP() << reason;
    store::CatalogStore catalog_store(db_->db());
    app::CatalogService catalog(catalog_store, std::chrono::milliseconds(0));
    ASSERT_TRUE(catalog.Import(testutil::SmallCatalog()));
  }

  std::unique_ptr<testutil::TestDatabase> db_;
  domain::WorkingCalendar calendar_;
};

TEST_P(DossierSeedContract, WritesAcceptedAndSubmittedDossiersWithConsistentCodesFilesAndHistory) {
  std::vector<std::int64_t> progress;
  auto options = SmallOptions(2000);
  options.progress = [&](std::int64_t done, std::int64_t total) {
    EXPECT_EQ(total, 2000);
    progress.push_back(done);
  };
  auto summary = store::SeedDossiers(db_->db(), calendar_, options);
  ASSERT_TRUE(summary) << summary.error().internal_message;
  EXPECT_EQ(summary->dossiers, 2000);
  EXPECT_EQ(summary->accepted + summary->submitted, 2000);
  EXPECT_GT(summary->submitted, 0);
  EXPECT_GT(summary->accepted, summary->submitted);
  EXPECT_EQ(summary->days, 6);
  EXPECT_EQ(FormatIsoDate(summary->first_day), "2026-11-17");  // six working days back, weekend skipped
  EXPECT_EQ(FormatIsoDate(summary->last_day), "2026-11-24");
  ASSERT_FALSE(progress.empty());
  EXPECT_GT(progress.size(), 1u);  // one call per transaction
  EXPECT_EQ(progress.back(), 2000);

  auto rows = ReadRows(db_->db());
  ASSERT_EQ(rows.size(), 2000u);
  std::map<std::string, int> per_agency;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ++per_agency[r.agency];
    if (i > 0) {
      EXPECT_LE(rows[i - 1].created, r.created) << "ids follow arrival: " << rows[i - 1].id << ", " << r.id;
    }
    EXPECT_EQ(r.id_number.size(), 12u);
    EXPECT_EQ(r.id_number.substr(0, 3), "079");
    if (r.status == "accepted") {
      EXPECT_EQ(r.version, 2);
      EXPECT_NE(r.code, "~");
      EXPECT_GE(r.received, r.created);
      EXPECT_GT(r.due, r.received);
      EXPECT_NE(r.submitted, "~");
      EXPECT_FALSE(r.by.empty());
    } else {
      ASSERT_EQ(r.status, "submitted");
      EXPECT_NE(r.channel, "desk") << "the desk accepts on the spot";
      EXPECT_EQ(r.code, "~");
      EXPECT_EQ(r.received, "~");
      EXPECT_EQ(r.due, "~");
      EXPECT_EQ(r.version, 1);
    }
  }
  // Shares: about 60 / 30 / 10 %.
  EXPECT_GT(per_agency[kWard], 1000);
  EXPECT_GT(per_agency[kJusticeUnit], 450);
  EXPECT_GT(per_agency[kTourism], 100);
  ExpectConsistentCodes(db_->db());

  // Files (two for 1.001193, one otherwise) and history (two events when accepted).
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossier_files"), summary->files);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id "
                              "WHERE d.procedure_code = '1.001193' AND f.position = 1"),
            Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers WHERE procedure_code = '1.001193'"));
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers d WHERE NOT EXISTS "
                              "(SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id)"),
            0);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossier_events"), summary->events);
  EXPECT_EQ(summary->events, 2000 + summary->accepted);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossier_events WHERE action = 'accept'"), summary->accepted);

  // The store reads them like any other dossier.
  store::DossierStore store(db_->db());
  const auto& coded = *std::find_if(rows.begin(), rows.end(), [](const SeededRow& r) { return r.code != "~"; });
  auto found = store.FindByCode(coded.code);
  ASSERT_TRUE(found) << found.error().internal_message;
  EXPECT_EQ(found->status, domain::DossierStatus::kAccepted);
  EXPECT_FALSE(found->files.empty());
  EXPECT_EQ(found->files[0].sha256, std::string(64, 'a'));
  auto history = store.History(found->id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->back().action, "accept");
  app::DossierFilter filter;
  filter.agencies = std::vector<std::string>{kWard};
  auto page = store.List(filter);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 20u);
  EXPECT_GT(page->front().id, page->back().id);
}

TEST_P(DossierSeedContract, GivesAcceptedDossiersAPlaceInTheirProcessAndSeedsTheOfficers) {
  auto options = SmallOptions(2000);
  for (auto& p : options.procedures) {
    p.steps = {{"desk_officer", "", 0.1 * p.processing_days},
               {"specialist", "", 0.6 * p.processing_days},
               {"leader", "", 0.2 * p.processing_days},
               {"desk_officer", "", 0.1 * p.processing_days}};
  }
  // Officers at the ward and the Sở's unit; none at the tourism office.
  options.officers = {{"canbo.001", "Cán bộ 1", "desk_officer", kWard},   {"canbo.002", "Cán bộ 2", "desk_officer", kWard},
                      {"canbo.003", "Cán bộ 3", "specialist", kWard},     {"canbo.004", "Cán bộ 4", "specialist", kWard},
                      {"canbo.005", "Cán bộ 5", "leader", kWard},         {"canbo.006", "Cán bộ 6", "desk_officer", kJusticeUnit},
                      {"canbo.007", "Cán bộ 7", "specialist", kJusticeUnit}, {"canbo.008", "Cán bộ 8", "leader", kJusticeUnit}};
  options.officer_password_hash = "$argon2id$bench";
  auto summary = store::SeedDossiers(db_->db(), calendar_, options);
  ASSERT_TRUE(summary) << summary.error().internal_message;
  EXPECT_EQ(summary->officers_created, 8);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM users WHERE username LIKE 'canbo.%' AND active = 1 "
                              "AND password_hash = '$argon2id$bench'"),
            8);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM users WHERE username = 'canbo.008' AND role = 'leader' "
                              "AND agency_code = '000.01.06.H29'"),
            1);

  // Submitted dossiers are in no step; accepted ones at one of the four, at
  // their receiving agency, with the step's role and times.
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers WHERE status = 'submitted' AND (step <> -1 OR "
                              "step_agency IS NOT NULL OR assignee IS NOT NULL OR step_started_at IS NOT NULL)"),
            0);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers WHERE status = 'accepted' AND (step_agency <> agency_code "
                              "OR step_started_at < received_at OR step_due_at IS NULL OR due_at <= received_at "
                              "OR step_role <> CASE step WHEN 0 THEN 'desk_officer' WHEN 1 THEN 'specialist' "
                              "WHEN 2 THEN 'leader' WHEN 3 THEN 'desk_officer' END)"),
            0);
  for (int step = 0; step < 4; ++step) {
    EXPECT_GT(Scalar(db_->db(), fmt::format("SELECT COUNT(*) FROM dossiers WHERE status = 'accepted' AND step = {}", step)),
              summary->accepted / 20)
        << "step " << step;
  }
  // Assignees: an officer of the step's agency and role, each with some;
  // the rest wait in the unit's queue (always at the tourism office).
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers d WHERE assignee IS NOT NULL AND NOT EXISTS (SELECT 1 "
                              "FROM users u WHERE u.username = d.assignee AND u.agency_code = d.step_agency "
                              "AND u.role = d.step_role)"),
            0);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers WHERE assignee IS NOT NULL"), summary->assigned);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(DISTINCT assignee) FROM dossiers"), 8);
  EXPECT_GT(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers WHERE status = 'accepted' AND assignee IS NULL "
                              "AND step = 0"),
            0);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers WHERE agency_code = '000.00.15.H29' "
                              "AND assignee IS NOT NULL"),
            0);
  // A few percent past due at the reference time (the day after last_day).
  const std::string reference = FormatTimestamp(FromVietnam(*ParseIsoDate("2026-11-25"), 0));
  const auto overdue = Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers WHERE status = 'accepted' AND due_at < '" +
                                             reference + "'");
  EXPECT_GT(overdue, summary->accepted / 100);
  EXPECT_LT(overdue, summary->accepted * 6 / 100);
  // Search keys as DossierStore writes them.
  {
    store::Database::Lease sql(db_->db());
    soci::rowset<soci::row> rows = (sql->prepare << "SELECT applicant_name, applicant_name_key FROM dossiers");
    int checked = 0;
    for (const auto& r : rows) {
      EXPECT_EQ(r.get<std::string>(1), FoldForSearch(r.get<std::string>(0)));
      ++checked;
    }
    EXPECT_EQ(checked, 2000);
  }
  // The officers' worklists see them.
  store::WorklistStore worklists(db_->db());
  app::WorklistQuery mine;
  mine.tab = app::WorklistTab::kMine;
  mine.username = "canbo.005";
  auto page = worklists.Worklist(mine);
  ASSERT_TRUE(page) << page.error().internal_message;
  ASSERT_EQ(page->size(), 20u);
  for (const auto& item : *page) EXPECT_EQ(item.step, 2);
  app::WorklistQuery unit;
  unit.tab = app::WorklistTab::kUnit;
  unit.agencies = {kWard};
  auto queue = worklists.Worklist(unit);
  ASSERT_TRUE(queue) << queue.error().internal_message;
  EXPECT_EQ(queue->size(), 20u);
}

TEST_P(DossierSeedContract, LaterSeedsAndLiveAcceptancesContinueTheDailySequences) {
  ASSERT_TRUE(store::SeedDossiers(db_->db(), calendar_, SmallOptions(700)));
  auto again = SmallOptions(500);
  again.seed = 7;
  ASSERT_TRUE(store::SeedDossiers(db_->db(), calendar_, again));
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers"), 1200);
  ExpectConsistentCodes(db_->db());

  // A dossier accepted live on a seeded day takes the next number.
  auto sequences = Sequences(db_->db());
  const std::string day_key = "261124";
  int before = sequences[{kWard, day_key}];
  ASSERT_GT(before, 0);
  store::DossierStore store(db_->db());
  app::DossierChange change;
  change.dossier.procedure_code = "1.001193";
  change.dossier.procedure_name = "Đăng ký khai sinh";
  change.dossier.agency_code = kWard;
  change.dossier.applicant.full_name = "Nguyễn Văn An";
  change.dossier.channel = domain::Channel::kDesk;
  change.event = {Timestamp{}, "motcua.saigon", "create_at_desk", "", "draft", ""};
  change.audit = {Timestamp{}, "motcua.saigon", "dossier.create_at_desk", "1.001193", "", "r"};
  auto inserted = store.Insert(change);
  ASSERT_TRUE(inserted) << inserted.error().internal_message;
  change.dossier = *inserted;
  change.dossier.status = domain::DossierStatus::kAccepted;
  change.expected_version = inserted->version;
  auto accepted = store.UpdateAndAssignCode(change, day_key, [&](int sequence) {
    return domain::FormatDossierCode(kWard, *ParseIsoDate("2026-11-24"), sequence);
  });
  ASSERT_TRUE(accepted) << accepted.error().internal_message;
  EXPECT_EQ(accepted->code, fmt::format("{}-{}-{:04d}", kWard, day_key, before + 1));
  ExpectConsistentCodes(db_->db());
}

TEST_P(DossierSeedContract, RefusesToRunPastTheDailySequenceAndRejectsBadOptions) {
  auto crowded = SmallOptions(10005);
  crowded.days = 1;
  crowded.agencies = {{kWard, 1, "motcua.saigon", {5}}};  // desk only: all accepted
  crowded.rows_per_statement = 1000;
  auto result = store::SeedDossiers(db_->db(), calendar_, crowded);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers"), 0) << "the day's transaction rolled back";

  auto no_agencies = SmallOptions(10);
  no_agencies.agencies.clear();
  EXPECT_EQ(store::SeedDossiers(db_->db(), calendar_, no_agencies).error().code, ErrorCode::kInvalidArgument);
  auto bad_index = SmallOptions(10);
  bad_index.agencies[0].procedures.push_back(99);
  EXPECT_EQ(store::SeedDossiers(db_->db(), calendar_, bad_index).error().code, ErrorCode::kInvalidArgument);
  auto unknown_procedure = SmallOptions(10);
  unknown_procedure.procedures[0].code = "9.999999";  // not in the catalog: foreign key
  EXPECT_FALSE(store::SeedDossiers(db_->db(), calendar_, unknown_procedure));
}

TEST_P(DossierSeedContract, BenchmarkHelpersCountSampleExplainAndCleanUp) {
  ASSERT_TRUE(store::SeedDossiers(db_->db(), calendar_, SmallOptions(300)));
  auto before = store::CountStoredDossiers(db_->db(), 0);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->dossiers, 300);
  EXPECT_EQ(before->file_rows, static_cast<std::int64_t>(before->files.size()));
  ASSERT_TRUE(store::InsertRawDossier(
      db_->db(), {"1.001193", "Đăng ký khai sinh", kWard, "Nguyễn Văn An", "079203001234", "0912345678",
                  "2026-11-25T02:00:00.000Z"}));
  auto after = store::CountStoredDossiers(db_->db(), before->max_id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->dossiers, 1);
  EXPECT_EQ(after->file_rows, 0);
  auto deleted = store::DeleteRawInserts(db_->db());
  ASSERT_TRUE(deleted);
  EXPECT_EQ(*deleted, 1);
  EXPECT_EQ(Scalar(db_->db(), "SELECT COUNT(*) FROM dossiers"), 300);

  auto codes = store::SampleDossierCodes(db_->db(), 25);
  ASSERT_TRUE(codes);
  EXPECT_EQ(codes->size(), 25u);
  EXPECT_EQ(std::set<std::string>(codes->begin(), codes->end()).size(), 25u);
  for (const auto& c : *codes) EXPECT_TRUE(domain::LooksLikeDossierCode(c)) << c;

  auto plan = store::ExplainWorklist(db_->db(), {kWard}, "", 0, 20, 3);
  ASSERT_TRUE(plan) << plan.error().internal_message;
  EXPECT_FALSE(plan->plan.empty());
  EXPECT_EQ(plan->run_ms.size(), 3u);
  EXPECT_NE(plan->sql.find("ORDER BY id DESC LIMIT 20"), std::string::npos);
  auto submitted = store::ExplainWorklist(db_->db(), {kWard, kJusticeUnit}, "submitted", 100, 20, 2);
  ASSERT_TRUE(submitted) << submitted.error().internal_message;
  // Two agencies: one LIMITed read each, merged, with the status bound in both.
  EXPECT_NE(submitted->sql.find("UNION ALL"), std::string::npos);
  EXPECT_NE(submitted->sql.find("status = :p1"), std::string::npos);
  EXPECT_NE(submitted->sql.find("status = :p4"), std::string::npos);
  EXPECT_EQ(submitted->run_ms.size(), 2u);
  EXPECT_FALSE(store::ExplainWorklist(db_->db(), {"x'; DROP TABLE dossiers; --"}, "", 0, 20, 1));
  EXPECT_FALSE(store::ExplainWorklist(db_->db(), {kWard}, "x' OR '1'='1", 0, 20, 1));
}

INSTANTIATE_TEST_SUITE_P(Engines, DossierSeedContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

// The seed is a function of its options: the same rows, in the same id
// order, on both engines.
TEST(DossierSeed, WritesTheSameDossiersOnSqliteAndPostgresql) {
  std::string reason;
  auto sqlite = testutil::TestDatabase::Create(Engine::kSqlite, &reason);
  auto pg = testutil::TestDatabase::Create(Engine::kPostgres, &reason);
  if (!pg) GTEST_SKIP() << reason;
  domain::WorkingCalendar calendar;
  std::vector<std::vector<SeededRow>> results;
  std::vector<std::map<std::pair<std::string, std::string>, int>> sequences;
  for (auto* t : {sqlite.get(), pg.get()}) {
    store::CatalogStore catalog_store(t->db());
    app::CatalogService catalog(catalog_store, std::chrono::milliseconds(0));
    ASSERT_TRUE(catalog.Import(testutil::SmallCatalog()));
    ASSERT_TRUE(store::SeedDossiers(t->db(), calendar, SmallOptions(600)));
    results.push_back(ReadRows(t->db()));
    sequences.push_back(Sequences(t->db()));
  }
  ASSERT_EQ(results[0].size(), results[1].size());
  for (std::size_t i = 0; i < results[0].size(); ++i) {
    const auto& a = results[0][i];
    const auto& b = results[1][i];
    EXPECT_EQ(std::tie(a.id, a.code, a.procedure, a.agency, a.name, a.id_number, a.channel, a.status, a.created,
                       a.submitted, a.received, a.due, a.by, a.version),
              std::tie(b.id, b.code, b.procedure, b.agency, b.name, b.id_number, b.channel, b.status, b.created,
                       b.submitted, b.received, b.due, b.by, b.version))
        << "row " << i;
  }
  EXPECT_EQ(sequences[0], sequences[1]);
}

}  // namespace
}  // namespace motcua
