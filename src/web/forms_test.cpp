#include "web/forms.hpp"

#include <gtest/gtest.h>

#include "web/templates.hpp"

namespace motcua::web {
namespace {

using domain::Dossier;
using domain::DossierStatus;

Timestamp Vn(int y, unsigned m, unsigned d, int hour, int minute) {
  return FromVietnam(Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}, hour * 60 + minute);
}

class Form : public ::testing::Test {
 protected:
  void SetUp() override {
    city_.code = "000.00.00.H29";
    city_.name = "Ủy ban nhân dân Thành phố Hồ Chí Minh";
    city_.short_name = "UBND TP. Hồ Chí Minh";
    agency_.code = "000.00.06.H29";
    agency_.name = "Sở Tư pháp";
    agency_.parent_code = city_.code;
    agency_.address = "141-143 Pasteur, Phường Xuân Hòa, Thành phố Hồ Chí Minh";
    agency_.phone = "028 3829 0230";

    procedure_.code = "1.001193";
    procedure_.name = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam";
    procedure_.agency_codes = {agency_.code};
    procedure_.processing_days = 10;
    procedure_.components = {
        {"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", 1, 0, 0, true, "Mẫu số 03/2013/TT-LLTP"},
        {"Bản chụp giấy tờ tùy thân", 0, 0, 1, true, ""},
        {"Giấy ủy quyền", 1, 1, 0, false, ""},
    };
    procedure_.fees = {{"Phí cấp Phiếu lý lịch tư pháp", 200000, "Sinh viên, người có công: 100.000 đồng"}};

    base_.id = 42;
    base_.procedure_code = procedure_.code;
    base_.procedure_name = procedure_.name;
    base_.agency_code = agency_.code;
    base_.applicant = {"Nguyễn Thị Minh Khai", "079190001234", "0903123456", "minhkhai@example.vn",
                       "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh", ""};
    base_.channel = domain::Channel::kOnline;
    base_.copies = 1;
    base_.files = {{0, "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "aa", "to-khai.pdf", "application/pdf", 100,
                    "electronic"},
                   {1, "Bản chụp giấy tờ tùy thân", "bb", "cccd.jpg", "image/jpeg", 200, "electronic"}};
    base_.submitted_at = Vn(2026, 11, 24, 20, 0);

    accepted_ = base_;
    accepted_.status = DossierStatus::kAccepted;
    accepted_.code = "000.00.06.H29-261125-0001";
    accepted_.received_at = Vn(2026, 11, 25, 8, 30);
    accepted_.due_at = Vn(2026, 12, 9, 8, 30);
    accepted_.processing_days = 10;
    accepted_.received_by = "canbo01";

    supplement_ = base_;
    supplement_.status = DossierStatus::kSupplementRequested;
    supplement_.supplement_items = {"Tờ khai thiếu chữ ký của người yêu cầu", "Bản chụp CCCD bị mờ, không đọc được số"};
    supplement_.supplement_note = "Ảnh chụp cần rõ nét cả hai mặt.";
    supplement_.updated_at = Vn(2026, 11, 25, 9, 15);

    refused_ = base_;
    refused_.status = DossierStatus::kRefused;
    refused_.refusal_reason = "Người yêu cầu không thuộc đối tượng được cấp Phiếu lý lịch tư pháp số 2 theo ủy quyền.";
    refused_.decided_at = Vn(2026, 11, 25, 10, 0);
  }

  FormContext Context(const Dossier& d) const {
    FormContext ctx;
    ctx.dossier = &d;
    ctx.procedure = &procedure_;
    ctx.agency = &agency_;
    ctx.parent_agency = &city_;
    ctx.tracking_url = "https://dichvucong.example.gov.vn/tra-cuu?ma=" + d.code;
    ctx.officer_name = "Trần Văn Bình";
    return ctx;
  }

  domain::Agency city_, agency_;
  domain::Procedure procedure_;
  Dossier base_, accepted_, supplement_, refused_;
};

TEST_F(Form, ReceiptJsonHoldsEveryFieldOfTheReceiptInIsoTime) {
  auto j = FormJson("01", Context(accepted_));
  ASSERT_TRUE(j) << j.error().internal_message;
  EXPECT_EQ((*j)["form"], "01");
  EXPECT_EQ((*j)["title"], "Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
  EXPECT_EQ((*j)["code"], "000.00.06.H29-261125-0001");
  EXPECT_EQ((*j)["status"], "accepted");
  EXPECT_EQ((*j)["agency"]["code"], "000.00.06.H29");
  EXPECT_EQ((*j)["agency"]["name"], "Sở Tư pháp");
  EXPECT_EQ((*j)["agency"]["parent_name"], "UBND TP. Hồ Chí Minh");
  EXPECT_EQ((*j)["applicant"]["full_name"], "Nguyễn Thị Minh Khai");
  EXPECT_EQ((*j)["applicant"]["id_number"], "079190001234");
  EXPECT_EQ((*j)["applicant"]["address"], "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh");
  EXPECT_EQ((*j)["applicant"]["phone"], "0903123456");
  EXPECT_EQ((*j)["applicant"]["email"], "minhkhai@example.vn");
  EXPECT_EQ((*j)["procedure"]["code"], "1.001193");
  EXPECT_EQ((*j)["procedure"]["name"], "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam");
  EXPECT_EQ((*j)["procedure"]["processing_days"], 10);
  EXPECT_EQ((*j)["copies"], 1);
  // 08:30 in Vietnam is 01:30 UTC.
  EXPECT_EQ((*j)["received_at"], "2026-11-25T01:30:00.000Z");
  EXPECT_EQ((*j)["due_at"], "2026-12-09T01:30:00.000Z");
  EXPECT_EQ((*j)["issued_at"], "2026-11-25T01:30:00.000Z");
  EXPECT_EQ((*j)["collect_at"], "141-143 Pasteur, Phường Xuân Hòa, Thành phố Hồ Chí Minh");
  EXPECT_EQ((*j)["fee_method"], "Thanh toán trực tuyến");
  EXPECT_EQ((*j)["fees"][0]["amount_vnd"], 200000);
  EXPECT_EQ((*j)["tracking_url"], "https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H29-261125-0001");
  EXPECT_EQ((*j)["officer"], "Trần Văn Bình");
  EXPECT_FALSE(j->contains("items"));
  EXPECT_FALSE(j->contains("reason"));
}

TEST_F(Form, ReceiptListsTheProcedureComponentsWithCountsAndMarksThoseReceived) {
  auto j = FormJson("01", Context(accepted_));
  ASSERT_TRUE(j);
  const auto& c = (*j)["components"];
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0]["name"], "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp");
  EXPECT_EQ(c[0]["originals"], 1);
  EXPECT_EQ(c[0]["received"], true);
  EXPECT_EQ(c[1]["photocopies"], 1);
  EXPECT_EQ(c[1]["received"], true);
  EXPECT_EQ(c[2]["originals"], 1);
  EXPECT_EQ(c[2]["certified_copies"], 1);
  EXPECT_EQ(c[2]["required"], false);
  EXPECT_EQ(c[2]["received"], false);
}

TEST_F(Form, ReceiptFallsBackToTheDossierWhenTheProcedureLeftTheCatalog) {
  FormContext ctx = Context(accepted_);
  ctx.procedure = nullptr;
  auto j = FormJson("01", ctx);
  ASSERT_TRUE(j);
  EXPECT_EQ((*j)["procedure"]["name"], "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam");
  EXPECT_EQ((*j)["procedure"]["processing_days"], 10);
  ASSERT_EQ((*j)["components"].size(), 2u);
  EXPECT_EQ((*j)["components"][1]["name"], "Bản chụp giấy tờ tùy thân");
  EXPECT_EQ((*j)["components"][1]["received"], true);
  EXPECT_EQ((*j)["fee_method"], "Không thu phí, lệ phí");
}

TEST_F(Form, SupplementRequestJsonListsEveryItemAtOnce) {
  auto j = FormJson("02", Context(supplement_));
  ASSERT_TRUE(j) << j.error().internal_message;
  EXPECT_EQ((*j)["form"], "02");
  EXPECT_EQ((*j)["title"], "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ");
  EXPECT_EQ((*j)["items"], nlohmann::json::array({"Tờ khai thiếu chữ ký của người yêu cầu",
                                                   "Bản chụp CCCD bị mờ, không đọc được số"}));
  EXPECT_EQ((*j)["note"], "Ảnh chụp cần rõ nét cả hai mặt.");
  EXPECT_EQ((*j)["code"], "");
  EXPECT_TRUE((*j)["received_at"].is_null());
  EXPECT_TRUE((*j)["due_at"].is_null());
  EXPECT_EQ((*j)["issued_at"], "2026-11-25T02:15:00.000Z");
  EXPECT_EQ((*j)["applicant"]["full_name"], "Nguyễn Thị Minh Khai");
  EXPECT_FALSE(j->contains("reason"));
}

TEST_F(Form, RefusalJsonGivesTheReason) {
  auto j = FormJson("03", Context(refused_));
  ASSERT_TRUE(j) << j.error().internal_message;
  EXPECT_EQ((*j)["form"], "03");
  EXPECT_EQ((*j)["title"], "Phiếu từ chối tiếp nhận, giải quyết hồ sơ");
  EXPECT_EQ((*j)["reason"], refused_.refusal_reason);
  EXPECT_EQ((*j)["issued_at"], "2026-11-25T03:00:00.000Z");
  EXPECT_FALSE(j->contains("items"));
}

TEST_F(Form, RefusesAFormThatDoesNotMatchTheDossierState) {
  Dossier submitted = base_;
  submitted.status = DossierStatus::kSubmitted;
  struct Case {
    const char* number;
    const Dossier* dossier;
  } cases[] = {{"01", &submitted}, {"01", &refused_}, {"02", &accepted_}, {"02", &submitted},
               {"03", &accepted_}, {"03", &supplement_}};
  for (const auto& c : cases) {
    auto j = FormJson(c.number, Context(*c.dossier));
    ASSERT_FALSE(j) << c.number;
    EXPECT_EQ(j.error().code, ErrorCode::kFailedPrecondition) << c.number;
    EXPECT_NE(j.error().user_message.find("trạng thái"), std::string::npos) << j.error().user_message;
    auto html = FormHtml(c.number, Context(*c.dossier));
    ASSERT_FALSE(html);
    EXPECT_EQ(html.error().code, ErrorCode::kFailedPrecondition);
  }
}

TEST_F(Form, ReceiptNeedsTheCodeAndBothTimes) {
  Dossier no_code = accepted_;
  no_code.code.clear();
  Dossier no_due = accepted_;
  no_due.due_at.reset();
  for (const Dossier* d : {&no_code, &no_due}) {
    auto j = FormJson("01", Context(*d));
    ASSERT_FALSE(j);
    EXPECT_EQ(j.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(j.error().user_message.find("mã hồ sơ"), std::string::npos);
  }
}

TEST_F(Form, AnswersNotFoundForAnUnknownFormNumber) {
  for (const char* number : {"04", "1", "", "01 "}) {
    auto j = FormJson(number, Context(accepted_));
    ASSERT_FALSE(j) << number;
    EXPECT_EQ(j.error().code, ErrorCode::kNotFound);
    auto html = FormHtml(number, Context(accepted_));
    ASSERT_FALSE(html);
    EXPECT_EQ(html.error().code, ErrorCode::kNotFound);
  }
}

TEST_F(Form, ReceiptPageIsAStandalonePrintableA5DocumentOfThongTu01) {
  auto html = FormHtml("01", Context(accepted_));
  ASSERT_TRUE(html) << html.error().internal_message;
  const std::string& h = *html;
  auto has = [&](const std::string& s) { return h.find(s) != std::string::npos; };
  EXPECT_EQ(h.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(has("<html lang=\"vi\">"));
  EXPECT_TRUE(has("<link rel=\"stylesheet\" href=\"/static/print.css\">"));
  EXPECT_TRUE(has("Ctrl"));
  EXPECT_TRUE(has("UBND TP. HỒ CHÍ MINH"));
  EXPECT_TRUE(has("SỞ TƯ PHÁP"));
  EXPECT_TRUE(has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  EXPECT_TRUE(has("Độc lập - Tự do - Hạnh phúc"));
  EXPECT_TRUE(has("Mẫu số 01"));
  EXPECT_TRUE(has("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"));
  EXPECT_TRUE(has("Thành phố Hồ Chí Minh, <span class=\"nowrap\">ngày 25 tháng 11 năm 2026</span>"));
  EXPECT_TRUE(has("08 giờ 30 phút, ngày 25 tháng 11 năm 2026"));
  EXPECT_TRUE(has("08 giờ 30 phút, ngày 09 tháng 12 năm 2026"));
  EXPECT_TRUE(has("10 ngày làm việc"));
  EXPECT_TRUE(has("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"));
  EXPECT_TRUE(has("Sở Tư pháp, 141-143 Pasteur"));
  EXPECT_TRUE(has("200.000 đồng"));
  EXPECT_TRUE(has("NGƯỜI NỘP HỒ SƠ"));
  EXPECT_TRUE(has("NGƯỜI TIẾP NHẬN HỒ SƠ"));
  EXPECT_TRUE(has("Trần Văn Bình"));
  EXPECT_TRUE(has("079190001234"));
  // The QR code inline, with the code as text under it.
  std::size_t svg = h.find("<svg xmlns=\"http://www.w3.org/2000/svg\"");
  ASSERT_NE(svg, std::string::npos);
  EXPECT_TRUE(has("<title>Mã QR tra cứu hồ sơ 000.00.06.H29-261125-0001</title>"));
  EXPECT_NE(h.find("<span class=\"qr-code\">000.00.06.H29-261125-0001</span>", svg), std::string::npos);
  // Nothing the CSP (script-src 'self', style-src 'self') would block.
  EXPECT_FALSE(has("<script"));
  EXPECT_FALSE(has("onclick"));
  EXPECT_FALSE(has(" style="));
}

TEST_F(Form, DatesFollowVietnamTimeNotUtc) {
  // 23:30 on 24/11 UTC is already 06:30 on 25/11 in Vietnam.
  accepted_.received_at = ParseTimestamp("2026-11-24T23:30:00Z");
  auto html = FormHtml("01", Context(accepted_));
  ASSERT_TRUE(html);
  EXPECT_NE(html->find("Thành phố Hồ Chí Minh, <span class=\"nowrap\">ngày 25 tháng 11 năm 2026</span>"), std::string::npos);
  EXPECT_NE(html->find("06 giờ 30 phút, ngày 25 tháng 11 năm 2026"), std::string::npos);
  EXPECT_EQ(html->find("ngày 24 tháng 11"), std::string::npos);
}

TEST_F(Form, DatesPadDaysBelowTenAndTheFirstTwoMonths) {
  // Nghị định 30/2020/NĐ-CP: "ngày 05 tháng 02", but "tháng 3".
  FormContext ctx = Context(accepted_);
  ctx.issued_at = Vn(2027, 2, 5, 9, 0);
  auto html = FormHtml("01", ctx);
  ASSERT_TRUE(html);
  EXPECT_NE(html->find("Thành phố Hồ Chí Minh, <span class=\"nowrap\">ngày 05 tháng 02 năm 2027</span>"), std::string::npos);
  ctx.issued_at = Vn(2027, 3, 5, 9, 0);
  ctx.place = "Hà Nội";
  html = FormHtml("01", ctx);
  ASSERT_TRUE(html);
  EXPECT_NE(html->find("Hà Nội, <span class=\"nowrap\">ngày 05 tháng 3 năm 2027</span>"), std::string::npos);
}

TEST_F(Form, PageEscapesApplicantInput) {
  accepted_.applicant.full_name = "<script>alert(1)</script>";
  accepted_.applicant.address = "\"><img src=x onerror=alert(1)>";
  auto html = FormHtml("01", Context(accepted_));
  ASSERT_TRUE(html);
  EXPECT_EQ(html->find("<script"), std::string::npos);
  EXPECT_EQ(html->find("<img"), std::string::npos);
  EXPECT_NE(html->find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST_F(Form, SupplementPageListsEveryItemAndTheGuideSigns) {
  FormContext ctx = Context(supplement_);
  ctx.tracking_url = "/tra-cuu?ho-so=42";
  auto html = FormHtml("02", ctx);
  ASSERT_TRUE(html) << html.error().internal_message;
  EXPECT_NE(html->find("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"), std::string::npos);
  EXPECT_NE(html->find("Mẫu số 02"), std::string::npos);
  EXPECT_NE(html->find("<li>Tờ khai thiếu chữ ký của người yêu cầu</li>"), std::string::npos);
  EXPECT_NE(html->find("<li>Bản chụp CCCD bị mờ, không đọc được số</li>"), std::string::npos);
  EXPECT_NE(html->find("Lý do: Ảnh chụp cần rõ nét cả hai mặt."), std::string::npos);
  EXPECT_NE(html->find("số điện thoại 028 3829 0230"), std::string::npos);
  EXPECT_NE(html->find("NGƯỜI HƯỚNG DẪN"), std::string::npos);
  EXPECT_NE(html->find("<svg"), std::string::npos);
  EXPECT_NE(html->find("ngày 25 tháng 11 năm 2026"), std::string::npos);
}

TEST_F(Form, RefusalPageGivesTheReason) {
  auto html = FormHtml("03", Context(refused_));
  ASSERT_TRUE(html) << html.error().internal_message;
  EXPECT_NE(html->find("PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ"), std::string::npos);
  EXPECT_NE(html->find("Mẫu số 03"), std::string::npos);
  EXPECT_NE(html->find(refused_.refusal_reason), std::string::npos);
  EXPECT_NE(html->find("NGƯỜI TIẾP NHẬN HỒ SƠ"), std::string::npos);
}

TEST_F(Form, PageWithoutTrackingUrlStillShowsTheCode) {
  FormContext ctx = Context(accepted_);
  ctx.tracking_url.clear();
  auto html = FormHtml("01", ctx);
  ASSERT_TRUE(html);
  EXPECT_EQ(html->find("<svg"), std::string::npos);
  EXPECT_NE(html->find("qr-code-alone\">000.00.06.H29-261125-0001<"), std::string::npos);
}

TEST(FormPrintCss, IsEmbeddedAndSetsAnA5PortraitPage) {
  const auto& files = EmbeddedFiles();
  auto css = files.find("static/print.css");
  ASSERT_NE(css, files.end());
  EXPECT_NE(css->second.find("size: A5 portrait"), std::string::npos);
  EXPECT_NE(css->second.find("@media print"), std::string::npos);
}

}  // namespace
}  // namespace motcua::web
