#include "domain/catalog/catalog_index.hpp"

#include <gtest/gtest.h>

#include "testutil/catalog_builder.hpp"

namespace motcua::domain {
namespace {

std::vector<std::string> Codes(const CatalogPage& page) {
  std::vector<std::string> codes;
  for (const auto& hit : page.items) codes.push_back(hit.procedure->code);
  return codes;
}

CatalogPage Find(const CatalogIndex& index, std::string text) {
  CatalogQuery q;
  q.text = std::move(text);
  return index.Search(q);
}

TEST(CatalogSearch, FindsBirthRegistrationTypedWithoutDiacritics) {
  CatalogIndex index(testutil::SmallCatalog());
  auto page = Find(index, "dang ky khai sinh");
  ASSERT_FALSE(page.items.empty());
  EXPECT_EQ(page.items[0].procedure->code, "1.001193");
  EXPECT_EQ(page.total, 2u);  // "khai sinh" and "khai sinh lại"
}

TEST(CatalogSearch, IgnoresCaseDiacriticsAndWordOrder) {
  CatalogIndex index(testutil::SmallCatalog());
  auto expected = Codes(Find(index, "Đăng ký khai sinh"));
  EXPECT_EQ(Codes(Find(index, "ĐĂNG KÝ KHAI SINH")), expected);
  EXPECT_EQ(Codes(Find(index, "khai sinh dang ky")).size(), expected.size());
  EXPECT_EQ(Codes(Find(index, "khai sinh dang ky"))[0], "1.001193");
  // NFD input.
  EXPECT_EQ(Codes(Find(index, "\xC4\x90\x61\xCC\x86ng ky\xCC\x81 khai sinh")), expected);
}

TEST(CatalogSearch, ToleratesOneTypoInALongWord) {
  CatalogIndex index(testutil::SmallCatalog());
  auto page = Find(index, "phieu ly lich tu phap");
  ASSERT_EQ(page.total, 1u);
  auto typo = Find(index, "phieu ly lihc tu phap");  // transposition
  ASSERT_EQ(typo.total, 1u);
  EXPECT_EQ(typo.items[0].procedure->code, "2.000488");
  EXPECT_EQ(Find(index, "giay phep lu hanhh").total, 1u);  // insertion
  EXPECT_EQ(Find(index, "xyzzy qwerty").total, 0u);
}

TEST(CatalogSearch, RanksNameMatchesAboveDescriptionMatches) {
  CatalogIndex index(testutil::SmallCatalog());
  // "ket hon" appears only in the description of the marital-status procedure.
  auto page = Find(index, "hon nhan");
  ASSERT_EQ(page.total, 1u);
  auto page2 = Find(index, "giay khai sinh");  // description of 1.001193 only has "giay khai sinh"
  ASSERT_FALSE(page2.items.empty());
  EXPECT_EQ(page2.items[0].procedure->code, "1.001193");
}

TEST(CatalogSearch, PrefersWholePhraseOverScatteredWords) {
  CatalogIndex index(testutil::SmallCatalog());
  auto page = Find(index, "khai sinh lai");
  ASSERT_FALSE(page.items.empty());
  EXPECT_EQ(page.items[0].procedure->code, "1.004884");
}

TEST(CatalogSearch, MatchesAPrefixOfTheLastWord) {
  CatalogIndex index(testutil::SmallCatalog());
  auto page = Find(index, "lu han");
  ASSERT_EQ(page.total, 1u);
  EXPECT_EQ(page.items[0].procedure->code, "1.004628");
}

TEST(CatalogSearch, FiltersByAgencySubtreeFieldLevelAndOnlineLevel) {
  CatalogIndex index(testutil::SmallCatalog());
  CatalogQuery q;
  q.agency_code = "000.00.06.H29";  // Sở Tư pháp: its unit issues the judicial record
  EXPECT_EQ(Codes(index.Search(q)), std::vector<std::string>{"2.000488"});
  q = {};
  q.field_code = "HT";
  EXPECT_EQ(index.Search(q).total, 4u);
  q.level = GovLevel::kCommune;
  q.online = OnlineLevel::kFull;
  EXPECT_EQ(index.Search(q).total, 2u);
  q.text = "khai tu";
  EXPECT_EQ(Codes(index.Search(q)), std::vector<std::string>{"1.000894"});
}

TEST(CatalogSearch, ListsByPopularityWhenNoTextAndPaginates) {
  CatalogIndex index(testutil::SmallCatalog());
  CatalogQuery q;
  q.per_page = 2;
  auto first = index.Search(q);
  EXPECT_EQ(first.total, 6u);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].procedure->code, "1.001193");
  EXPECT_EQ(first.items[1].procedure->code, "2.000488");
  q.page = 3;
  EXPECT_EQ(index.Search(q).items.size(), 2u);
  q.page = 4;
  EXPECT_TRUE(index.Search(q).items.empty());
}

TEST(CatalogSearch, FindsAProcedureByItsNationalCode) {
  CatalogIndex index(testutil::SmallCatalog());
  auto page = Find(index, " 2.000488 ");
  ASSERT_EQ(page.total, 1u);
  EXPECT_EQ(page.items[0].procedure->code, "2.000488");
}

TEST(CatalogSearch, TypoCandidatesCoverDeletionInsertionSubstitutionAndSwap) {
  CatalogIndex index(testutil::SmallCatalog());
  EXPECT_EQ(Find(index, "phieu ly lch tu phap").total, 1u);    // deletion
  EXPECT_EQ(Find(index, "phieu ly lichh tu phap").total, 1u);  // insertion
  EXPECT_EQ(Find(index, "phieu ly lach tu phap").total, 1u);   // substitution
  EXPECT_EQ(Find(index, "phieu ly ilch tu phap").total, 1u);   // transposition
  EXPECT_EQ(Find(index, "phieu ly lxyz tu phap").total, 0u);   // two edits
}

TEST(CatalogSearch, RepeatedSearchesOnOneThreadGiveTheSameResults) {
  // Scratch buffers are reused per thread; a previous query must not leak.
  CatalogIndex index(testutil::SmallCatalog());
  auto first = Codes(Find(index, "dang ky"));
  Find(index, "khai sinh lai");
  Find(index, "lu hanh");
  EXPECT_EQ(Codes(Find(index, "dang ky")), first);
}

TEST(CatalogIndex, BuildsTheAgencyTreeAndLooksUpByCode) {
  CatalogIndex index(testutil::SmallCatalog());
  ASSERT_EQ(index.AgencyTree().size(), 1u);
  EXPECT_EQ(index.AgencyTree()[0].agency->code, "000.00.00.H29");
  EXPECT_EQ(index.AgencyTree()[0].children.size(), 3u);
  EXPECT_NE(index.FindProcedure("1.001193"), nullptr);
  EXPECT_EQ(index.FindProcedure("9.999999"), nullptr);
  EXPECT_EQ(index.CountInField("HT"), 4u);
}

TEST(BoundedEditDistance, CountsTranspositionsAsOneEdit) {
  EXPECT_EQ(BoundedEditDistance("lich", "lihc", 1), 1);
  EXPECT_EQ(BoundedEditDistance("lich", "lich", 1), 0);
  EXPECT_EQ(BoundedEditDistance("lich", "lach", 1), 1);
  EXPECT_EQ(BoundedEditDistance("lich", "loan", 1), 2);
  EXPECT_EQ(BoundedEditDistance("hanh", "hanhh", 1), 1);
}

}  // namespace
}  // namespace motcua::domain
