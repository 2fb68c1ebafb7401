// Store contract tests: the same bodies run against SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/catalog/catalog_service.hpp"
#include "app/catalog/synthetic_catalog.hpp"
#include "interchange/catalog_json.hpp"
#include "store/catalog_store.hpp"
#include "store/migrations.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using testutil::Engine;

class CatalogStoreContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason);
    if (!db_) GTEST_SKIP() << reason;
    store_ = std::make_unique<store::CatalogStore>(db_->db());
  }

  std::unique_ptr<testutil::TestDatabase> db_;
  std::unique_ptr<store::CatalogStore> store_;
};

TEST_P(CatalogStoreContract, RoundTripsEveryAttributeOfTheCatalog) {
  domain::Catalog original = testutil::SmallCatalog();
  original.procedures[0].effective_from = ParseIsoDate("2020-07-01");
  original.procedures[0].legal_bases[0].issued = ParseIsoDate("2014-11-20");
  original.procedures[0].steps[1].agency_code = "000.00.06.H29";
  original.procedures[0].result_electronic = true;
  original.procedures[0].processing_days = 0.5;
  original.procedures[0].steps[0].days = 0.25;
  original.procedures[0].steps[1].days = 0.25;
  original.procedures[0].fees[0].amount_vnd = 200000;
  ASSERT_TRUE(store_->SaveCatalog(original));
  auto loaded = store_->LoadCatalog();
  ASSERT_TRUE(loaded) << loaded.error().internal_message;
  // The file format is a complete serialization: equal text means equal catalogs.
  EXPECT_EQ(interchange::CatalogToJson(*loaded), interchange::CatalogToJson(original));
}

TEST_P(CatalogStoreContract, UpsertsByCodeAndReplacesChildRows) {
  domain::Catalog c = testutil::SmallCatalog();
  ASSERT_TRUE(store_->SaveCatalog(c));
  auto before = store_->CatalogRevision();
  ASSERT_TRUE(before);
  c.procedures[0].name = "Đăng ký khai sinh (sửa đổi)";
  c.procedures[0].components.pop_back();
  c.procedures[0].components.push_back({"Giấy chứng sinh", 1, 0, 0, true, ""});
  c.procedures[0].components.push_back({"Giấy tờ tùy thân", 0, 0, 1, true, ""});
  ASSERT_TRUE(store_->SaveCatalog(c));
  auto loaded = store_->LoadCatalog();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->procedures.size(), c.procedures.size());
  EXPECT_EQ(loaded->procedures[0].name, "Đăng ký khai sinh (sửa đổi)");
  ASSERT_EQ(loaded->procedures[0].components.size(), 2u);
  EXPECT_EQ(loaded->procedures[0].components[1].name, "Giấy tờ tùy thân");
  auto after = store_->CatalogRevision();
  ASSERT_TRUE(after);
  EXPECT_GT(*after, *before);
}

TEST_P(CatalogStoreContract, WritesNothingWhenAnyRowFails) {
  ASSERT_TRUE(store_->SaveCatalog(testutil::SmallCatalog()));
  auto revision = store_->CatalogRevision();
  domain::Catalog bad = testutil::SmallCatalog();
  bad.procedures[0].name = "Tên mới không được lưu";
  bad.procedures.back().agency_codes = {"000.99.99.H29"};  // violates the foreign key
  auto saved = store_->SaveCatalog(bad);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::kConflict);
  auto loaded = store_->LoadCatalog();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->procedures[0].name, "Đăng ký khai sinh");
  EXPECT_EQ(*store_->CatalogRevision(), *revision);
}

TEST_P(CatalogStoreContract, ServiceRejectsAnInvalidCatalogWithEveryProblem) {
  app::CatalogService service(*store_);
  domain::Catalog bad = testutil::SmallCatalog();
  bad.procedures[1].field_code = "KHONG";
  bad.procedures[2].steps[0].role = "janitor";
  auto result = service.Import(bad);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().fields.size(), 2u);
  auto loaded = store_->LoadCatalog();
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->procedures.empty());
}

TEST_P(CatalogStoreContract, SearchGivesTheSameResultsOnEveryEngine) {
  app::CatalogService service(*store_, std::chrono::milliseconds(0));
  ASSERT_TRUE(service.Import(app::SyntheticCatalog(300)));
  ASSERT_TRUE(service.Import(testutil::SmallCatalog()));
  auto index = service.Snapshot();
  ASSERT_TRUE(index);
  domain::CatalogQuery q;
  q.text = "cap giay phep kinh doanh";
  q.per_page = 50;
  auto page = (*index)->Search(q);
  // The same catalog searched from memory is the oracle: storage must not
  // change what is found or its order.
  domain::Catalog expected = app::SyntheticCatalog(300);
  for (auto& a : testutil::SmallCatalog().agencies) expected.agencies.push_back(a);
  for (auto& f : testutil::SmallCatalog().fields) expected.fields.push_back(f);
  for (auto& p : testutil::SmallCatalog().procedures) expected.procedures.push_back(p);
  domain::CatalogIndex oracle(std::move(expected));
  auto want = oracle.Search(q);
  ASSERT_EQ(page.total, want.total);
  ASSERT_GT(page.total, 0u);
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    EXPECT_EQ(page.items[i].procedure->code, want.items[i].procedure->code) << "rank " << i;
  }
}

TEST_P(CatalogStoreContract, SnapshotSeesImportsFromAnotherServiceInstance) {
  app::CatalogService server(*store_, std::chrono::milliseconds(0));
  auto empty = server.Snapshot();
  ASSERT_TRUE(empty);
  EXPECT_TRUE((*empty)->catalog().procedures.empty());
  app::CatalogService cli(*store_);
  ASSERT_TRUE(cli.Import(testutil::SmallCatalog()));
  auto fresh = server.Snapshot();
  ASSERT_TRUE(fresh);
  EXPECT_EQ((*fresh)->catalog().procedures.size(), 6u);
}

TEST_P(CatalogStoreContract, CachedSearchesFollowImports) {
  app::CatalogService service(*store_, std::chrono::milliseconds(0));
  ASSERT_TRUE(service.Import(testutil::SmallCatalog()));
  domain::CatalogQuery q;
  q.text = "khai sinh";
  auto first = service.Search(q);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->page.total, 2u);
  auto again = service.Search(q);  // served from the cache
  ASSERT_TRUE(again);
  EXPECT_EQ(again->page.total, 2u);
  domain::Catalog more = testutil::SmallCatalog();
  more.procedures.push_back(testutil::MakeProcedure("1.999999", "Đăng ký khai sinh có yếu tố nước ngoài", "HT",
                                                    "000.20.31.H29"));
  ASSERT_TRUE(service.Import(more));
  auto after = service.Search(q);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->page.total, 3u);  // a new snapshot never answers from the old cache
}

TEST_P(CatalogStoreContract, MigrateIsIdempotent) {
  auto again = store::Migrate(db_->db());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  auto version = store::SchemaVersion(db_->db());
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, store::Migrations().back().version);
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogStoreContract,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
