#include "domain/catalog/catalog.hpp"

#include <gtest/gtest.h>

#include "testutil/catalog_builder.hpp"

namespace motcua::domain {
namespace {

bool HasProblemAt(const Status& status, const std::string& path) {
  if (status) return false;
  for (const auto& f : status.error().fields) {
    if (f.field == path) return true;
  }
  return false;
}

TEST(ValidateCatalog, AcceptsAConsistentCatalog) {
  EXPECT_TRUE(ValidateCatalog(testutil::SmallCatalog()));
}

TEST(ValidateCatalog, ReportsEveryProblemWithItsPath) {
  Catalog c = testutil::SmallCatalog();
  c.agencies[1].code = "SO-TU-PHAP";
  c.procedures[0].field_code = "NOPE";
  c.procedures[1].steps[0].days += 1;  // sum no longer equals processing time
  c.procedures[2].agency_codes = {"000.99.99.H29"};
  c.procedures[3].fees[0].amount_vnd = -1;
  auto status = ValidateCatalog(c);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HasProblemAt(status, "agencies[1].code"));
  EXPECT_TRUE(HasProblemAt(status, "procedures[0].field"));
  EXPECT_TRUE(HasProblemAt(status, "procedures[1].steps"));
  EXPECT_TRUE(HasProblemAt(status, "procedures[2].agencies"));
  EXPECT_TRUE(HasProblemAt(status, "procedures[3].fees[0].amount"));
}

TEST(ValidateCatalog, RequiresParentsBeforeChildrenUnlessAlreadyKnown) {
  Catalog c = testutil::SmallCatalog();
  std::swap(c.agencies[0], c.agencies[1]);
  EXPECT_TRUE(HasProblemAt(ValidateCatalog(c), "agencies[0].parent"));
  KnownCodes known;
  known.agencies = {"000.00.00.H29"};
  EXPECT_TRUE(ValidateCatalog(c, known));
}

TEST(ValidateCatalog, AllowsFractionalDaysThatSumExactly) {
  Catalog c = testutil::SmallCatalog();
  c.procedures[0].processing_days = 0.5;
  c.procedures[0].steps = {{"Tiếp nhận", "desk_officer", "Một cửa", "", 0.25},
                           {"Giải quyết", "specialist", "Tư pháp", "", 0.25}};
  EXPECT_TRUE(ValidateCatalog(c));
}

TEST(IsValidAgencyCode, AcceptsQcvn102Shapes) {
  EXPECT_TRUE(IsValidAgencyCode("000.00.06.H29"));
  EXPECT_TRUE(IsValidAgencyCode("000.20.31.H29"));
  EXPECT_FALSE(IsValidAgencyCode("000.00.06.29"));
  EXPECT_FALSE(IsValidAgencyCode("000-00-06-H29"));
  EXPECT_FALSE(IsValidAgencyCode(""));
}

}  // namespace
}  // namespace motcua::domain
