#include "domain/feedback/feedback.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

Timestamp T(const char* iso) { return *ParseTimestamp(iso); }

FeedbackInput Valid() {
  FeedbackInput in;
  in.kind = "procedure";
  in.procedure_code = "2.000488";
  in.title = "Thời gian cấp phiếu lý lịch tư pháp";
  in.content = "Tôi nộp hồ sơ đã lâu mà chưa nhận được kết quả.";
  in.sender_name = "Nguyễn Văn An";
  in.sender_phone = "0912 345 678";
  return in;
}

std::string FieldsOf(const Error& e) {
  std::string out;
  for (const auto& f : e.fields) out += f.field + ";";
  return out;
}

Feedback Answered(bool consent = true) {
  auto f = ValidateFeedback(Valid(), false).value();
  f.consent_to_publish = consent;
  f.received_at = T("2026-11-25T02:00:00Z");
  f.due_at = T("2026-12-09T10:00:00Z");
  return AnswerFeedback(f, "Sở Tư pháp đã trả kết quả ngày 01/12/2026.", "chuyenvien", T("2026-12-01T03:00:00Z"))
      .value();
}

TEST(FeedbackValidation, NormalizesContactsAndKeepsConsent) {
  auto in = Valid();
  in.sender_email = " An.Nguyen@Example.VN ";
  in.consent_to_publish = true;
  auto f = ValidateFeedback(in, false);
  ASSERT_TRUE(f) << FieldsOf(f.error());
  EXPECT_EQ(f->kind, FeedbackKind::kProcedure);
  EXPECT_EQ(f->sender.phone, "0912345678");
  EXPECT_EQ(f->sender.email, "an.nguyen@example.vn");
  EXPECT_TRUE(f->consent_to_publish);
  EXPECT_EQ(f->status, FeedbackStatus::kReceived);
}

TEST(FeedbackValidation, AnonymousSenderNeedsNameAndOneContact) {
  auto in = Valid();
  in.sender_name = "";
  in.sender_phone = "";
  auto f = ValidateFeedback(in, false);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(f.error()), "sender_name;sender_phone;");
  // An account holder's contacts come from the account.
  EXPECT_TRUE(ValidateFeedback(in, true));
}

TEST(FeedbackValidation, ReportsEveryProblemWithVietnameseMessages) {
  FeedbackInput in;
  in.kind = "dossier";
  in.sender_phone = "12345";
  in.sender_email = "khong-phai-email";
  in.sender_name = "An";
  auto f = ValidateFeedback(in, false);
  ASSERT_FALSE(f);
  EXPECT_EQ(FieldsOf(f.error()), "dossier_code;title;content;sender_phone;sender_email;");
  EXPECT_EQ(f.error().fields[0].message, "Nhập mã hồ sơ được phản ánh (in trên Giấy tiếp nhận).");
  in.kind = "khac";
  EXPECT_EQ(ValidateFeedback(in, true).error().fields[0].field, "kind");
}

TEST(FeedbackValidation, StoresNfcText) {
  auto in = Valid();
  in.title = "Thu\xCC\x89 tu\xCC\xA3\x63 ho\xCC\x82\xCC\xA3 ti\xCC\xA3\x63h";  // NFD "Thủ tục hộ tịch"
  auto f = ValidateFeedback(in, false);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->title, "Thủ tục hộ tịch");
}

TEST(FeedbackRouting, ProcedureGoesToItsFirstAgencyDossierToItsReceivingAgency) {
  FeedbackRoutingFacts facts{{"000.01.06.H29", "000.20.31.H29"}, "000.00.15.H29", "000.00.06.H29", "000.00.00.H29"};
  EXPECT_EQ(RouteFeedback(FeedbackKind::kProcedure, facts), "000.01.06.H29");
  EXPECT_EQ(RouteFeedback(FeedbackKind::kDossier, facts), "000.00.15.H29");
  EXPECT_EQ(RouteFeedback(FeedbackKind::kRegulation, facts), "000.00.06.H29");
  facts.chosen_agency.clear();
  EXPECT_EQ(RouteFeedback(FeedbackKind::kOther, facts), "000.00.00.H29");
  facts.procedure_agencies.clear();
  EXPECT_EQ(RouteFeedback(FeedbackKind::kProcedure, facts), "000.00.00.H29");
}

TEST(FeedbackTimeliness, AnsweredAtTheDueTimeIsOnTimeAfterItLate) {
  Feedback f;
  f.due_at = T("2026-12-09T10:00:00Z");
  EXPECT_EQ(ClassifyFeedback(f, T("2026-12-09T10:00:00Z")), FeedbackTimeliness::kOpenWithinDeadline);
  EXPECT_EQ(ClassifyFeedback(f, T("2026-12-09T10:00:00.001Z")), FeedbackTimeliness::kOpenOverdue);
  f.answered_at = T("2026-12-09T10:00:00Z");
  EXPECT_EQ(ClassifyFeedback(f, T("2027-01-01T00:00:00Z")), FeedbackTimeliness::kAnsweredOnTime);
  f.answered_at = T("2026-12-09T10:00:01Z");
  EXPECT_EQ(ClassifyFeedback(f, T("2027-01-01T00:00:00Z")), FeedbackTimeliness::kAnsweredLate);
}

TEST(FeedbackTransitions, AnswerKeepsTheFirstAnswerTimeAndClosesNeedAReason) {
  Feedback f = Answered();
  EXPECT_EQ(f.status, FeedbackStatus::kAnswered);
  auto corrected = AnswerFeedback(f, "Câu trả lời đã được sửa lại cho rõ.", "lanhdao", T("2026-12-20T03:00:00Z"));
  ASSERT_TRUE(corrected);
  EXPECT_EQ(*corrected->answered_at, T("2026-12-01T03:00:00Z"));
  EXPECT_EQ(AnswerFeedback(f, "ngắn", "x", T("2026-12-01T03:00:00Z")).error().fields[0].field, "answer");

  auto open = ValidateFeedback(Valid(), false).value();
  EXPECT_EQ(CloseFeedback(open, "duplicate", "", T("2026-12-01T03:00:00Z")).error().fields[0].field, "note");
  EXPECT_EQ(CloseFeedback(open, "vi-sao", "x", T("2026-12-01T03:00:00Z")).error().fields[0].field, "reason");
  auto closed = CloseFeedback(open, "duplicate", "PAKN-261125-ABCDEF", T("2026-12-01T03:00:00Z"));
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, FeedbackStatus::kClosed);
  EXPECT_EQ(AnswerFeedback(*closed, "Trả lời sau khi đã đóng.", "x", T("2026-12-02T03:00:00Z")).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(CloseFeedback(f, "duplicate", "x", T("2026-12-01T03:00:00Z")).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST(FeedbackTransitions, OnlyComplaintsAboutADossierAreConcluded) {
  Feedback f = Answered();
  EXPECT_EQ(ConcludeFeedback(f, true, T("2026-12-02T00:00:00Z")).error().code, ErrorCode::kFailedPrecondition);
  f.kind = FeedbackKind::kDossier;
  f.dossier_id = 7;
  auto upheld = ConcludeFeedback(f, true, T("2026-12-02T00:00:00Z"));
  ASSERT_TRUE(upheld);
  EXPECT_EQ(upheld->upheld, std::optional<bool>(true));
}

TEST(FeedbackTransitions, PublishesOnlyWithConsentAndRedacted) {
  EXPECT_EQ(PublishFeedback(Answered(false), "", "", "", T("2026-12-02T00:00:00Z")).error().code,
            ErrorCode::kFailedPrecondition);
  Feedback f = Answered();
  f.content = "Tôi là Nguyễn Văn An, CCCD 079203001234, điện thoại 0912.345.678, thư an@example.vn.";
  auto published = PublishFeedback(f, "", "", "", T("2026-12-02T00:00:00Z"));
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status, FeedbackStatus::kPublished);
  EXPECT_EQ(published->published_content,
            "Tôi là [người gửi], CCCD [số giấy tờ], điện thoại [số điện thoại], thư [email].");
  EXPECT_EQ(published->published_title, f.title);
  // The officer's edit is redacted too.
  auto edited = PublishFeedback(f, "", "Công dân phản ánh chậm trả kết quả, gọi 0912345678.", "", T("2026-12-02T00:00:00Z"));
  EXPECT_EQ(edited->published_content, "Công dân phản ánh chậm trả kết quả, gọi [số điện thoại].");
  EXPECT_EQ(PublishFeedback(*published, "", "", "", T("2026-12-03T00:00:00Z")).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST(FeedbackRedaction, MasksIdNumbersPhonesAndEmailsButKeepsAmountsDatesAndCodes) {
  EXPECT_EQ(RedactPersonalData("CMND 025123456 và CCCD 079 203 001 234"), "CMND [số giấy tờ] và CCCD [số giấy tờ]");
  EXPECT_EQ(RedactPersonalData("Gọi +84 912 345 678 hoặc 84912345678 hoặc 091-234-5678"),
            "Gọi [số điện thoại] hoặc [số điện thoại] hoặc [số điện thoại]");
  EXPECT_EQ(RedactPersonalData("Email: Nguyen.Van-An+pakn@mail.example.vn."), "Email: [email].");
  EXPECT_EQ(RedactPersonalData("Phí 100.000.000 đồng, nộp ngày 25/11/2026, thủ tục 1.001193, hồ sơ "
                               "000.00.06.H29-261125-0001"),
            "Phí 100.000.000 đồng, nộp ngày 25/11/2026, thủ tục 1.001193, hồ sơ 000.00.06.H29-261125-0001");
  EXPECT_EQ(RedactPersonalData("Mã số 12345678 và @ không phải email"), "Mã số 12345678 và @ không phải email");
  EXPECT_EQ(RedactPersonalData("Ông Trần Văn Bình gửi", {"Trần Văn Bình"}), "Ông [người gửi] gửi");
}

TEST(FeedbackRating, TheSenderRatesTheAnswerOnce) {
  auto open = ValidateFeedback(Valid(), false).value();
  EXPECT_EQ(RateFeedback(open, Satisfaction::kSatisfied, "", T("2026-12-02T00:00:00Z")).error().code,
            ErrorCode::kFailedPrecondition);
  auto rated = RateFeedback(Answered(), Satisfaction::kDissatisfied, "Chưa rõ", T("2026-12-02T00:00:00Z"));
  ASSERT_TRUE(rated);
  EXPECT_EQ(rated->rating, Satisfaction::kDissatisfied);
  EXPECT_EQ(RateFeedback(*rated, Satisfaction::kVerySatisfied, "", T("2026-12-03T00:00:00Z")).error().code,
            ErrorCode::kFailedPrecondition);
  // A rated answer is no longer corrected.
  EXPECT_FALSE(AnswerFeedback(*rated, "Sửa câu trả lời sau đánh giá.", "x", T("2026-12-03T00:00:00Z")));
}

TEST(FeedbackCode, HasTheDateInVietnamAndAnUnambiguousSuffix) {
  std::string code = FormatFeedbackCode(T("2026-11-25T18:00:00Z"), FeedbackCodeSuffix("abcdef-_xyz"));
  EXPECT_EQ(code.substr(0, 12), "PAKN-261126-");  // 01:00 on the 26th in Vietnam
  EXPECT_TRUE(IsFeedbackCode(code)) << code;
  EXPECT_FALSE(IsFeedbackCode("PAKN-261126-ABC0EF"));
  EXPECT_FALSE(IsFeedbackCode("000.00.06.H29-261125-0001"));
}

}  // namespace
}  // namespace motcua::domain
