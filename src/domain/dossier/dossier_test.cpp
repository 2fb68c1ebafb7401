#include "domain/dossier/dossier.hpp"

#include <gtest/gtest.h>

#include "domain/dossier/dossier_code.hpp"
#include "domain/dossier/file_type.hpp"
#include "testutil/catalog_builder.hpp"

namespace motcua::domain {
namespace {

using namespace std::chrono;

Timestamp T(const char* iso) { return *ParseTimestamp(iso); }

Dossier Draft(const Procedure& p) {
  Dossier d;
  d.procedure_code = p.code;
  d.agency_code = p.agency_codes.front();
  return d;
}

TEST(DossierCode, FormatsAgencyDateAndFourDigitSequence) {
  Date day{year{2023}, month{10}, std::chrono::day{27}};
  EXPECT_EQ(*FormatDossierCode("000.00.06.H56", day, 361), "000.00.06.H56-231027-0361");
  EXPECT_EQ(*FormatDossierCode("000.00.06.H56", day, 1), "000.00.06.H56-231027-0001");
  EXPECT_FALSE(FormatDossierCode("000.00.06.H56", day, 10000));
  EXPECT_FALSE(FormatDossierCode("000.00.06.H56", day, 0));
  EXPECT_TRUE(LooksLikeDossierCode("000.00.06.H56-231027-0361"));
  EXPECT_FALSE(LooksLikeDossierCode("000.00.06.H56-231027-361"));
  EXPECT_FALSE(LooksLikeDossierCode("1.001193"));
}

TEST(FileType, RecognisesPdfJpegAndPngByContentOnly) {
  EXPECT_EQ(DetectFileType("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(DetectFileType(std::string("\x89PNG\r\n\x1a\n....", 12)), "image/png");
  EXPECT_EQ(DetectFileType(std::string("\xFF\xD8\xFF\xE0..", 6)), "image/jpeg");
  EXPECT_FALSE(DetectFileType("MZ\x90\x00 an .exe renamed to .pdf"));
  EXPECT_FALSE(DetectFileType(""));
}

TEST(DossierLifecycle, SubmitRequiresEveryRequiredComponent) {
  Procedure p = testutil::MakeProcedure("1.001193", "Đăng ký khai sinh", "HT", "000.20.31.H29");
  p.components.push_back({"Giấy chứng sinh", 1, 0, 0, true, ""});
  p.components.push_back({"Giấy tờ khác", 0, 0, 1, false, ""});
  Dossier d = Draft(p);
  d.files.push_back({0, "Tờ khai", "abc", "a.pdf", "application/pdf", 10, "electronic"});
  auto missing = Submit(d, p, T("2026-11-25T02:00:00Z"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(missing.error().fields.size(), 1u);
  EXPECT_EQ(missing.error().fields[0].message, "Thiếu: Giấy chứng sinh");
  d.files.push_back({1, "Giấy chứng sinh", "def", "b.pdf", "application/pdf", 10, "electronic"});
  auto submitted = Submit(d, p, T("2026-11-25T02:00:00Z"));
  ASSERT_TRUE(submitted);
  EXPECT_EQ(submitted->status, DossierStatus::kSubmitted);
  EXPECT_FALSE(Submit(*submitted, p, T("2026-11-25T02:00:00Z")));  // only once
}

TEST(DossierLifecycle, SupplementListsEverythingAtOnceAndResubmitReturnsToTheDesk) {
  Procedure p = testutil::MakeProcedure("1.001193", "Đăng ký khai sinh", "HT", "000.20.31.H29");
  Dossier d = Draft(p);
  d.files.push_back({0, "Tờ khai", "abc", "a.pdf", "application/pdf", 10, "electronic"});
  d = *Submit(d, p, T("2026-11-25T02:00:00Z"));
  EXPECT_FALSE(RequestSupplement(d, {" ", ""}, "", "motcua", T("2026-11-25T03:00:00Z")));
  auto asked = RequestSupplement(d, {"Tờ khai thiếu chữ ký", "Bản chụp CCCD bị mờ"}, "", "motcua", T("2026-11-25T03:00:00Z"));
  ASSERT_TRUE(asked);
  EXPECT_EQ(asked->status, DossierStatus::kSupplementRequested);
  EXPECT_EQ(asked->supplement_items.size(), 2u);
  EXPECT_TRUE(ApplicantMayEdit(*asked));
  auto again = Resubmit(*asked, p, T("2026-11-26T01:00:00Z"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, DossierStatus::kSubmitted);
}

TEST(DossierLifecycle, RefusalNeedsAReasonAndEndsTheDossier) {
  Procedure p = testutil::MakeProcedure("1.001193", "Đăng ký khai sinh", "HT", "000.20.31.H29");
  Dossier d = Draft(p);
  d.files.push_back({0, "Tờ khai", "abc", "a.pdf", "application/pdf", 10, "electronic"});
  d = *Submit(d, p, T("2026-11-25T02:00:00Z"));
  EXPECT_FALSE(Refuse(d, "  ", "motcua", T("2026-11-25T03:00:00Z")));
  auto refused = Refuse(d, "Không thuộc thẩm quyền", "motcua", T("2026-11-25T03:00:00Z"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, DossierStatus::kRefused);
  EXPECT_FALSE(Withdraw(*refused, T("2026-11-25T04:00:00Z")));
  EXPECT_FALSE(CheckAcceptable(*refused));
}

TEST(DossierLifecycle, DeskDraftsAndSubmittedDossiersMayBeAccepted) {
  Dossier d;
  EXPECT_FALSE(CheckAcceptable(d));  // an online draft is not at the desk yet
  d.channel = Channel::kDesk;
  EXPECT_TRUE(CheckAcceptable(d));
  Dossier accepted = Accept(d, T("2026-11-25T02:00:00Z"), T("2026-11-26T10:00:00Z"), 1, "motcua");
  EXPECT_EQ(accepted.status, DossierStatus::kAccepted);
  EXPECT_EQ(accepted.received_by, "motcua");
  EXPECT_TRUE(Withdraw(accepted, T("2026-11-25T05:00:00Z")));
}

}  // namespace
}  // namespace motcua::domain
