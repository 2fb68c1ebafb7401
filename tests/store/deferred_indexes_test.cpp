// Bulk loads drop and rebuild secondary indexes (seed dossiers
// --defer-indexes) on both engines: the same indexes come back, unique ones
// and constraints stay throughout, and an interrupted load is repaired by
// `migrate`.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/catalog/catalog_service.hpp"
#include "store/catalog_store.hpp"
#include "store/deferred_indexes.hpp"
#include "store/migrations.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using testutil::Engine;

class DeferredIndexesTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason);
    if (!db_) GTEST_SKIP() << reason;
    store::CatalogStore catalog_store(db_->db());
    app::CatalogService catalog(catalog_store, std::chrono::milliseconds(0));
    ASSERT_TRUE(catalog.Import(testutil::SmallCatalog()));  // the dossier row's procedure and agency
  }

  std::vector<std::string> Definitions(const std::string& table) {
    auto listed = store::DroppableIndexes(db_->db(), table);
    EXPECT_TRUE(listed) << listed.error().internal_message;
    std::vector<std::string> out;
    if (listed) {
      for (const auto& i : *listed) out.push_back(i.name + ": " + i.definition);
    }
    return out;
  }

  long long Pending() {
    store::Database::Lease sql(db_->db());
    long long n = 0;
    *sql << "SELECT COUNT(*) FROM deferred_indexes", soci::into(n);
    return n;
  }

  // A dossier row with the given code; false when the database refuses it.
  bool InsertDossier(const std::string& code) {
    try {
      store::Database::Lease sql(db_->db());
      *sql << "INSERT INTO dossiers (version, code, procedure_code, procedure_name, agency_code, applicant_name, "
              "applicant_id_number, channel, status, created_at, updated_at) VALUES (1, :c, '1.001193', "
              "'Đăng ký khai sinh', '000.20.31.H29', 'Nguyễn Văn An', '079203001234', 'online', 'accepted', "
              "'2026-11-24T01:00:00.000Z', '2026-11-24T01:00:00.000Z')",
          soci::use(code);
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

  std::unique_ptr<testutil::TestDatabase> db_;
};

TEST_P(DeferredIndexesTest, TheSameIndexesComeBackAfterALoad) {
  auto dossiers = Definitions("dossiers");
  auto events = Definitions("dossier_events");
  ASSERT_GE(dossiers.size(), 10u);  // the worklist, list, report and search indexes
  ASSERT_FALSE(events.empty());

  auto dropped = store::DeferIndexes(db_->db(), {"dossiers", "dossier_events"});
  ASSERT_TRUE(dropped) << dropped.error().internal_message;
  EXPECT_EQ(*dropped, static_cast<int>(dossiers.size() + events.size()));
  EXPECT_TRUE(Definitions("dossiers").empty());
  EXPECT_EQ(Pending(), *dropped);

  // Unique codes are still enforced while the indexes are away.
  EXPECT_TRUE(InsertDossier("000.20.31.H29-261124-0001"));
  EXPECT_FALSE(InsertDossier("000.20.31.H29-261124-0001"));

  std::vector<std::string> seen;
  auto built = store::RestoreDeferredIndexes(db_->db(), [&](int, int, const std::string& name) {
    if (!name.empty()) seen.push_back(name);
  });
  ASSERT_TRUE(built) << built.error().internal_message;
  EXPECT_EQ(*built, *dropped);
  EXPECT_EQ(static_cast<int>(seen.size()), *dropped);
  EXPECT_EQ(Definitions("dossiers"), dossiers);
  EXPECT_EQ(Definitions("dossier_events"), events);
  EXPECT_EQ(Pending(), 0);
  auto again = store::RestoreDeferredIndexes(db_->db());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

TEST_P(DeferredIndexesTest, AnInterruptedLoadLeavesThemOnRecordForTheNextRestore) {
  auto before = Definitions("dossier_files");
  ASSERT_TRUE(store::DeferIndexes(db_->db(), {"dossier_files"}));
  // The process ends here; another one (`motcua migrate`) finds the record.
  auto other = store::Database::Open(db_->url(), 1);
  ASSERT_TRUE(other) << other.error().internal_message;
  ASSERT_TRUE(store::Migrate(**other));
  auto built = store::RestoreDeferredIndexes(**other);
  ASSERT_TRUE(built) << built.error().internal_message;
  EXPECT_EQ(*built, static_cast<int>(before.size()));
  EXPECT_EQ(Definitions("dossier_files"), before);
}

INSTANTIATE_TEST_SUITE_P(Engines, DeferredIndexesTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
