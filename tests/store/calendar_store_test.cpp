// Calendar store contract tests: the same bodies run against SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/calendar/calendar_service.hpp"
#include "app/calendar/calendar_text.hpp"
#include "store/audit_writer.hpp"
#include "store/calendar_store.hpp"
#include "store/catalog_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using testutil::Engine;

Date D(const char* iso) { return ParseIsoDate(iso).value(); }

app::AuditEvent Audit(const char* action, const char* target,
                      const char* at = "2025-06-15T03:00:00.000Z") {
  return app::AuditEvent{*ParseTimestamp(at), "admin", action, target, "{}", "req-1"};
}

class CalendarStoreContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason);
    if (!db_) GTEST_SKIP() << reason;
    store_ = std::make_unique<store::CalendarStore>(db_->db());
  }

  long Revision() { return store_->CalendarRevision().value(); }

  std::unique_ptr<testutil::TestDatabase> db_;
  std::unique_ptr<store::CalendarStore> store_;
};

TEST_P(CalendarStoreContract, RoundTripsOverridesSortedByDate) {
  auto empty = store_->LoadOverrides();
  ASSERT_TRUE(empty) << empty.error().internal_message;
  EXPECT_TRUE(empty->empty());

  ASSERT_TRUE(
      store_->SaveOverride({D("2025-09-03"), true, "Nghỉ lễ Quốc khánh (Thông báo 5555/TB-VPCP)"},
                           Audit("calendar.set", "2025-09-03")));
  ASSERT_TRUE(
      store_->SaveOverride({D("2025-09-06"), false, ""},
                           Audit("calendar.set", "2025-09-06", "2025-06-16T04:05:06.789Z")));
  ASSERT_TRUE(
      store_->SaveOverride({D("2024-12-30"), true, "Nghỉ"}, Audit("calendar.set", "2024-12-30")));

  auto loaded = store_->LoadOverrides();
  ASSERT_TRUE(loaded) << loaded.error().internal_message;
  ASSERT_EQ(loaded->size(), 3u);
  EXPECT_EQ((*loaded)[0].entry.date, D("2024-12-30"));
  EXPECT_EQ((*loaded)[1].entry.date, D("2025-09-03"));
  EXPECT_TRUE((*loaded)[1].entry.off);
  EXPECT_EQ((*loaded)[1].entry.note, "Nghỉ lễ Quốc khánh (Thông báo 5555/TB-VPCP)");
  EXPECT_EQ((*loaded)[1].updated_by, "admin");
  EXPECT_EQ(FormatTimestamp((*loaded)[1].updated_at), "2025-06-15T03:00:00.000Z");
  EXPECT_EQ((*loaded)[2].entry.date, D("2025-09-06"));
  EXPECT_FALSE((*loaded)[2].entry.off);
  EXPECT_EQ((*loaded)[2].entry.note, "");
  EXPECT_EQ(FormatTimestamp((*loaded)[2].updated_at), "2025-06-16T04:05:06.789Z");
}

TEST_P(CalendarStoreContract, ReplacesTheOverrideOfTheSameDate) {
  ASSERT_TRUE(
      store_->SaveOverride({D("2025-09-03"), true, "Nghỉ"}, Audit("calendar.set", "2025-09-03")));
  ASSERT_TRUE(store_->SaveOverride({D("2025-09-03"), false, "Làm việc bình thường"},
                                   Audit("calendar.set", "2025-09-03")));
  auto loaded = store_->LoadOverrides();
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_FALSE((*loaded)[0].entry.off);
  EXPECT_EQ((*loaded)[0].entry.note, "Làm việc bình thường");
}

TEST_P(CalendarStoreContract, WritesTheAuditRowWithTheChange) {
  app::AuditEvent event{*ParseTimestamp("2025-06-15T03:00:00.000Z"),
                        "nguyenvana",
                        "calendar.set",
                        "2025-09-03",
                        R"({"off":true,"note":"Nghỉ"})",
                        "req-42"};
  ASSERT_TRUE(store_->SaveOverride({D("2025-09-03"), true, "Nghỉ"}, event));
  ASSERT_TRUE(store_->RemoveOverride(D("2025-09-03"), Audit("calendar.clear", "2025-09-03")));
  auto rows = store::ReadAudit(db_->db(), "2025-09-03", 10);
  ASSERT_TRUE(rows) << rows.error().internal_message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].action, "calendar.clear");  // newest first
  const app::AuditEvent& set = (*rows)[1];
  EXPECT_EQ(set.at, event.at);
  EXPECT_EQ(set.actor, "nguyenvana");
  EXPECT_EQ(set.action, "calendar.set");
  EXPECT_EQ(set.detail, event.detail);
  EXPECT_EQ(set.request_id, "req-42");
}

TEST_P(CalendarStoreContract, WritesNothingWhenTheAuditRowCannotBeWritten) {
  long before = Revision();
  {
    store::Database::Lease sql(db_->db());
    *sql << "ALTER TABLE audit_events RENAME TO audit_events_away";
  }
  auto saved =
      store_->SaveOverride({D("2025-09-03"), true, "Nghỉ"}, Audit("calendar.set", "2025-09-03"));
  {
    store::Database::Lease sql(db_->db());
    *sql << "ALTER TABLE audit_events_away RENAME TO audit_events";
  }
  ASSERT_FALSE(saved);
  auto loaded = store_->LoadOverrides();
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->empty());
  EXPECT_EQ(Revision(), before);
}

TEST_P(CalendarStoreContract, RemovingAMissingOverrideIsNotFoundAndWritesNothing) {
  long before = Revision();
  auto removed = store_->RemoveOverride(D("2025-09-03"), Audit("calendar.clear", "2025-09-03"));
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Revision(), before);
  auto rows = store::ReadAudit(db_->db(), "2025-09-03", 10);
  ASSERT_TRUE(rows);
  EXPECT_TRUE(rows->empty());
}

TEST_P(CalendarStoreContract, RevisionChangesWithEveryWrite) {
  ASSERT_TRUE(store::CatalogStore(db_->db()).SaveCatalog(testutil::SmallCatalog()));
  long r0 = Revision();
  ASSERT_TRUE(
      store_->SaveOverride({D("2025-09-03"), true, "Nghỉ"}, Audit("calendar.set", "2025-09-03")));
  long r1 = Revision();
  EXPECT_NE(r1, r0);
  ASSERT_TRUE(store_->RemoveOverride(D("2025-09-03"), Audit("calendar.clear", "2025-09-03")));
  long r2 = Revision();
  EXPECT_NE(r2, r1);
  ASSERT_TRUE(store_->SaveOfficeHours("000.20.31.H29", domain::OfficeHours::Default(),
                                      Audit("calendar.office_hours", "000.20.31.H29")));
  EXPECT_NE(Revision(), r2);
}

TEST_P(CalendarStoreContract, RoundTripsOfficeHoursOfKnownAgenciesOnly) {
  ASSERT_TRUE(store::CatalogStore(db_->db()).SaveCatalog(testutil::SmallCatalog()));
  auto none = store_->LoadOfficeHours("000.20.31.H29");
  ASSERT_TRUE(none) << none.error().internal_message;
  EXPECT_FALSE(none->has_value());

  auto hours = *app::ParseOfficeHours("07:00-11:00,13:30-17:30");
  ASSERT_TRUE(store_->SaveOfficeHours("000.20.31.H29", hours,
                                      Audit("calendar.office_hours", "000.20.31.H29")));
  auto one = store_->LoadOfficeHours("000.20.31.H29");
  ASSERT_TRUE(one);
  ASSERT_TRUE(one->has_value());
  EXPECT_EQ(app::FormatOfficeHours(**one), "07:00-11:00,13:30-17:30");

  auto later = *app::ParseOfficeHours("08:00-12:00");
  ASSERT_TRUE(store_->SaveOfficeHours("000.20.31.H29", later,
                                      Audit("calendar.office_hours", "000.20.31.H29")));
  auto all = store_->LoadAllOfficeHours();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(app::FormatOfficeHours(all->at("000.20.31.H29")), "08:00-12:00");
  auto rows = store::ReadAudit(db_->db(), "000.20.31.H29", 10);
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->size(), 2u);

  long before = Revision();
  auto unknown = store_->SaveOfficeHours("000.99.99.H29", hours,
                                         Audit("calendar.office_hours", "000.99.99.H29"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Revision(), before);
  EXPECT_TRUE(store::ReadAudit(db_->db(), "000.99.99.H29", 10)->empty());
}

TEST_P(CalendarStoreContract, ServiceSeesChangesMadeByAnotherInstance) {
  testutil::FakeClock clock("2025-06-15T03:00:00Z");
  app::CalendarService server(*store_, clock, std::chrono::milliseconds(0));
  ASSERT_EQ(FormatIsoDate(*server.DueDate(D("2025-01-24"), 3)), "2025-02-05");
  app::CalendarService cli(*store_, clock);
  // Saturday 25/01/2025 made a working day (a make-up Saturday) by another process.
  ASSERT_TRUE(cli.SetDay(D("2025-01-25"), false, "Làm bù", "cli", ""));
  EXPECT_EQ(FormatIsoDate(*server.DueDate(D("2025-01-24"), 3)), "2025-02-04");
  auto rows = store::ReadAudit(db_->db(), "2025-01-25", 10);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().actor, "cli");
  EXPECT_EQ(FormatTimestamp(rows->front().at), "2025-06-15T03:00:00.000Z");
}

INSTANTIATE_TEST_SUITE_P(Engines, CalendarStoreContract,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
