#include "domain/accounts/validation.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

TEST(ValidateIdNumber, AcceptsTwelveDigitsWithAProvinceCode) {
  EXPECT_EQ(*ValidateIdNumber(" 079203001234 "), "079203001234");
  EXPECT_FALSE(ValidateIdNumber("07920300123"));    // 11 digits
  EXPECT_FALSE(ValidateIdNumber("0792030012345"));  // 13 digits
  EXPECT_FALSE(ValidateIdNumber("000203001234"));   // province 000
  EXPECT_FALSE(ValidateIdNumber("099203001234"));   // province 099
  EXPECT_FALSE(ValidateIdNumber("07920300123a"));
  auto bad = ValidateIdNumber("123");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields[0].field, "id_number");
  EXPECT_NE(bad.error().fields[0].message.find("12 chữ số"), std::string::npos);
}

TEST(ValidatePhone, NormalizesVietnameseMobileNumbers) {
  EXPECT_EQ(*ValidatePhone("0912 345 678"), "0912345678");
  EXPECT_EQ(*ValidatePhone("+84912345678"), "0912345678");
  EXPECT_EQ(*ValidatePhone("84-912-345-678"), "0912345678");
  EXPECT_EQ(*ValidatePhone("0389.123.456"), "0389123456");
  EXPECT_FALSE(ValidatePhone("0212345678"));   // landline prefix
  EXPECT_FALSE(ValidatePhone("091234567"));    // 9 digits
  EXPECT_FALSE(ValidatePhone("09123456789"));  // 11 digits
  EXPECT_FALSE(ValidatePhone("0912a45678"));
}

TEST(ValidateEmail, LowerCasesAndRejectsMalformedAddresses) {
  EXPECT_EQ(*ValidateEmail(" An.Nguyen@Example.VN "), "an.nguyen@example.vn");
  EXPECT_FALSE(ValidateEmail("an.nguyen"));
  EXPECT_FALSE(ValidateEmail("@example.vn"));
  EXPECT_FALSE(ValidateEmail("a@b@c.vn"));
  EXPECT_FALSE(ValidateEmail("a@example"));
  EXPECT_FALSE(ValidateEmail("a@example..vn"));
}

TEST(ValidateFullName, AcceptsVietnameseNamesAndNormalizesToNfc) {
  EXPECT_EQ(*ValidateFullName("  Nguyễn   Thị  Minh Khai "), "Nguyễn Thị Minh Khai");
  // NFD input ("ễ" as e + circumflex + tilde) comes out NFC.
  EXPECT_EQ(*ValidateFullName("Nguye\xCC\x82\xCC\x83n An"), "Nguyễn An");
  EXPECT_TRUE(ValidateFullName("Đặng Văn Lâm"));
  EXPECT_TRUE(ValidateFullName("H'Hen Niê"));
  EXPECT_FALSE(ValidateFullName("Nguyen 123"));
  EXPECT_FALSE(ValidateFullName("<script>"));
  EXPECT_FALSE(ValidateFullName("A"));
}

TEST(ValidateTaxCode, AcceptsTenDigitsOrABranchSuffix) {
  EXPECT_TRUE(ValidateTaxCode("0301234567"));
  EXPECT_TRUE(ValidateTaxCode("0301234567-001"));
  EXPECT_FALSE(ValidateTaxCode("030123456"));
  EXPECT_FALSE(ValidateTaxCode("0301234567-01"));
}

TEST(ValidateNewPassword, RequiresEightCharactersWithLettersAndDigits) {
  EXPECT_TRUE(ValidateNewPassword("matkhau123"));
  EXPECT_FALSE(ValidateNewPassword("short1"));
  EXPECT_FALSE(ValidateNewPassword("onlyletters"));
  EXPECT_FALSE(ValidateNewPassword("1234567890"));
}

}  // namespace
}  // namespace motcua::domain
