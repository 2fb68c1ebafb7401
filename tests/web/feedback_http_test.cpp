// Feedback (phản ánh, kiến nghị) over HTTP: the API (public submission,
// officers' scoped lists and actions, publication, the sender's rating with
// the token, problem+json errors) and the pages (public form without
// JavaScript, the follow-up page, the officers' page with CSRF).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "testutil/portal_server.hpp"
#include "web/http.hpp"

namespace motcua {
namespace {

using json = nlohmann::json;
using testutil::InputValue;
using testutil::PortalServer;

class FeedbackHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    portal_ = new PortalServer("2026-11-25T02:00:00Z");  // Wednesday 09:00 in Vietnam
    portal_->AddCitizen("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
    portal_->AddOfficer("chuyenvien.lltp", domain::Role::kSpecialist, "000.01.06.H29");
    portal_->AddOfficer("motcua.tuphap", domain::Role::kDeskOfficer, "000.00.06.H29");
    portal_->AddOfficer("chuyenvien.dulich", domain::Role::kSpecialist, "000.00.15.H29");
    citizen_ = portal_->Token("079203001234");
    specialist_ = portal_->Token("chuyenvien.lltp");
    desk_ = portal_->Token("motcua.tuphap");
    tourism_ = portal_->Token("chuyenvien.dulich");
  }
  static void TearDownTestSuite() { delete portal_; }

  static json Body(const testutil::HttpResult& r) { return json::parse(r.body, nullptr, false); }

  static json Submit(bool consent = true) {
    json body = {{"kind", "procedure"},
                 {"procedure_code", "2.000488"},
                 {"title", "Chậm cấp Phiếu lý lịch tư pháp"},
                 {"content", "Tôi gọi 0987654321 nhiều lần mà chưa được trả lời."},
                 {"sender", {{"name", "Trần Văn Bình"}, {"phone", "0987654321"}}},
                 {"consent_to_publish", consent}};
    auto r = portal_->Api("", "POST", "/api/v1/feedback", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r);
  }

  static inline PortalServer* portal_;
  static inline std::string citizen_, specialist_, desk_, tourism_;
};

TEST_F(FeedbackHttp, AnyoneSubmitsAndOfficersOfTheAgencyAnswerPublishAndTheSenderRates) {
  json created = Submit();
  std::string code = created["code"];
  std::string token = created["token"];
  EXPECT_EQ(created["status"], "received");
  EXPECT_EQ(created["agency_code"], "000.01.06.H29");
  EXPECT_EQ(created["due_status"], "open");
  EXPECT_NE(created["follow_up_url"].get<std::string>().find("/phan-anh-kien-nghi/" + code + "?token="),
            std::string::npos);

  // Not yet published: the public gets 404, the sender's token and the officer see it.
  EXPECT_EQ(portal_->Api("", "GET", "/api/v1/feedback/" + code).status, 404);
  auto as_sender = portal_->Api("", "GET", "/api/v1/feedback/" + code + "?token=" + web::UrlEncode(token));
  EXPECT_EQ(as_sender.status, 200);
  EXPECT_FALSE(Body(as_sender).contains("sender"));
  auto as_officer = portal_->Api(specialist_, "GET", "/api/v1/feedback/" + code);
  ASSERT_EQ(as_officer.status, 200);
  json item = Body(as_officer);
  EXPECT_EQ(item["sender"]["phone"], "0987654321");
  EXPECT_TRUE(item["may_act"].get<bool>());

  // An officer of another agency: 404; a desk officer in scope may not answer: 403.
  EXPECT_EQ(portal_->Api(tourism_, "GET", "/api/v1/feedback/" + code).status, 404);
  json answer = {{"version", item["version"]}, {"answer", "Kết quả đã được trả cho ông Trần Văn Bình."}};
  EXPECT_EQ(portal_->Api(tourism_, "POST", "/api/v1/feedback/" + code + "/answer", answer.dump()).status, 404);
  auto forbidden = portal_->Api(desk_, "POST", "/api/v1/feedback/" + code + "/answer", answer.dump());
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.headers["content-type"].rfind("application/problem+json", 0), 0u);
  EXPECT_EQ(portal_->Api("", "POST", "/api/v1/feedback/" + code + "/answer", answer.dump()).status, 401);

  auto answered = portal_->Api(specialist_, "POST", "/api/v1/feedback/" + code + "/answer", answer.dump());
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(Body(answered)["status"], "answered");
  EXPECT_EQ(Body(answered)["due_status"], "on_time");
  // The same version again is stale.
  EXPECT_EQ(portal_->Api(specialist_, "POST", "/api/v1/feedback/" + code + "/answer", answer.dump()).status, 409);

  json publish = {{"version", Body(answered)["version"]}};
  auto published = portal_->Api(specialist_, "POST", "/api/v1/feedback/" + code + "/publish", publish.dump());
  ASSERT_EQ(published.status, 200) << published.body;

  auto public_view = portal_->Api("", "GET", "/api/v1/feedback/" + code);
  ASSERT_EQ(public_view.status, 200);
  json pub = Body(public_view);
  EXPECT_EQ(pub["content"], "Tôi gọi [số điện thoại] nhiều lần mà chưa được trả lời.");
  EXPECT_EQ(pub["answer"], "Kết quả đã được trả cho ông [người gửi].");
  EXPECT_FALSE(pub.contains("sender"));
  EXPECT_EQ(public_view.body.find("0987654321"), std::string::npos);
  auto list = portal_->Api("", "GET", "/api/v1/feedback?q=ly+lich");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(Body(list)["items"].size(), 1u);
  EXPECT_EQ(Body(list)["items"][0]["code"], code);

  json bad_rating = {{"token", "khong-dung"}, {"value", "satisfied"}};
  EXPECT_EQ(portal_->Api("", "POST", "/api/v1/feedback/" + code + "/rating", bad_rating.dump()).status, 404);
  json rating = {{"token", token}, {"value", "very_satisfied"}, {"comment", "Cảm ơn"}};
  auto rated = portal_->Api("", "POST", "/api/v1/feedback/" + code + "/rating", rating.dump());
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(Body(rated)["rating"], "very_satisfied");
  auto again = portal_->Api("", "POST", "/api/v1/feedback/" + code + "/rating", rating.dump());
  EXPECT_EQ(again.status, 422) << again.body;
}

TEST_F(FeedbackHttp, OfficersListTheirScopeAndThePublicOnlyPublishedItems) {
  json created = Submit(false);
  auto mine = portal_->Api(specialist_, "GET", "/api/v1/feedback?status=received");
  ASSERT_EQ(mine.status, 200);
  bool found = false;
  json items = Body(mine)["items"];
  for (const auto& i : items) found = found || i["code"] == created["code"];
  EXPECT_TRUE(found) << mine.body;
  EXPECT_TRUE(Body(portal_->Api(tourism_, "GET", "/api/v1/feedback"))["items"].empty());
  json published = Body(portal_->Api("", "GET", "/api/v1/feedback"))["items"];
  for (const auto& i : published) {
    EXPECT_NE(i["code"], created["code"]);
  }
  auto bad = portal_->Api(specialist_, "GET", "/api/v1/feedback?status=xyz");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["errors"][0]["field"], "status");
  EXPECT_EQ(portal_->Api("sai", "GET", "/api/v1/feedback").status, 401);
}

TEST_F(FeedbackHttp, InvalidSubmissionsAreProblemsWithVietnameseFieldErrorsAndStoreNothing) {
  auto before = Body(portal_->Api(specialist_, "GET", "/api/v1/feedback?limit=100"))["items"].size();
  auto r = portal_->Api("", "POST", "/api/v1/feedback", R"({"kind":"procedure","title":"x"})");
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.headers["content-type"].rfind("application/problem+json", 0), 0u);
  json p = Body(r);
  std::set<std::string> fields;
  for (const auto& e : p["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_TRUE(fields.count("procedure_code") && fields.count("title") && fields.count("content") &&
              fields.count("sender_name") && fields.count("sender_phone"))
      << r.body;
  EXPECT_EQ(portal_->Api("", "POST", "/api/v1/feedback", "not json").status, 400);
  auto unknown = portal_->Api("", "POST", "/api/v1/feedback",
                              R"({"kind":"dossier","dossier_code":"000.20.31.H29-261125-9999","title":"Hồ sơ chậm",)"
                              R"("content":"Hồ sơ của tôi chưa có kết quả.","sender":{"name":"Lê Văn Cường","email":"c@example.vn"}})");
  ASSERT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown)["errors"][0]["field"], "dossier_code");
  EXPECT_EQ(Body(portal_->Api(specialist_, "GET", "/api/v1/feedback?limit=100"))["items"].size(), before);
}

TEST_F(FeedbackHttp, ThePublicFormWorksWithoutJavaScriptAndLeadsToTheFollowUpPage) {
  auto page = portal_->Page("", "/phan-anh-kien-nghi");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<label for=\"fb-title\">Tiêu đề</label>"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/phan-anh-kien-nghi\" aria-current=\"page\""), std::string::npos);

  // Errors re-render the form with the values typed.
  auto bad = portal_->PostForm("", "/phan-anh-kien-nghi", "kind=procedure&procedure_code=2.000488&title=Ng%E1%BA%AFn");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Nhập nội dung phản ánh, kiến nghị (ít nhất 10 ký tự)."), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#fb-content\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"2.000488\""), std::string::npos);

  // A form posted from another site is refused.
  auto cross = testutil::HttpRequest(portal_->port(), "POST", "/phan-anh-kien-nghi",
                                     {{"Content-Type", "application/x-www-form-urlencoded"},
                                      {"Sec-Fetch-Site", "cross-site"}},
                                     "kind=other&title=Ti%C3%AAu+%C4%91%E1%BB%81&content=N%E1%BB%99i+dung+d%C3%A0i+h%C6%A1n");
  EXPECT_EQ(cross.status, 403);

  std::string body = "kind=procedure&procedure_code=2.000488&title=" + web::UrlEncode("Thái độ cán bộ tiếp nhận") +
                     "&content=" + web::UrlEncode("Cán bộ trả lời thiếu nhiệt tình khi tôi hỏi.") +
                     "&sender_name=" + web::UrlEncode("Lê Thị Hoa") + "&sender_email=hoa%40example.vn&consent_to_publish=1";
  auto sent = portal_->PostForm("", "/phan-anh-kien-nghi", body);
  ASSERT_EQ(sent.status, 303) << sent.body;
  std::string location = sent.headers["location"];
  ASSERT_EQ(location.rfind("/phan-anh-kien-nghi/PAKN-261125-", 0), 0u) << location;
  auto follow = portal_->Page("", location);
  ASSERT_EQ(follow.status, 200);
  EXPECT_NE(follow.body.find("Đã gửi phản ánh, kiến nghị."), std::string::npos);
  EXPECT_NE(follow.body.find("Đã tiếp nhận"), std::string::npos);
  EXPECT_NE(follow.body.find("09/12/2026"), std::string::npos) << "due date dd/mm/yyyy";
  EXPECT_NE(follow.headers["cache-control"].find("no-store"), std::string::npos);
  std::string code = location.substr(std::string("/phan-anh-kien-nghi/").size(), 18);
  EXPECT_EQ(portal_->Page("", "/phan-anh-kien-nghi/" + code).status, 404);
}

TEST_F(FeedbackHttp, TheOfficersPageAnswersWithCsrfAndHidesOtherAgencies) {
  json created = Submit();
  std::string code = created["code"];
  std::string token = created["token"];
  std::string cookie = portal_->CookieLogin("chuyenvien.lltp");
  auto list = portal_->Page(cookie, "/can-bo/phan-anh");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find(code), std::string::npos);
  EXPECT_NE(list.body.find("Còn hạn"), std::string::npos);
  auto item = portal_->Page(cookie, "/can-bo/phan-anh/" + code);
  ASSERT_EQ(item.status, 200);
  std::string csrf = InputValue(item.body, "csrf_token");
  std::string version = InputValue(item.body, "version");
  ASSERT_FALSE(csrf.empty());

  std::string answer = "&answer=" + web::UrlEncode("Sở đã chấn chỉnh bộ phận tiếp nhận.");
  EXPECT_EQ(portal_->PostForm(cookie, "/can-bo/phan-anh/" + code + "/answer", "version=" + version + answer).status,
            403);  // no CSRF token
  auto short_answer = portal_->PostForm(cookie, "/can-bo/phan-anh/" + code + "/answer",
                                        "csrf_token=" + csrf + "&version=" + version + "&answer=ng%E1%BA%AFn");
  EXPECT_EQ(short_answer.status, 400);
  EXPECT_NE(short_answer.body.find("Nhập câu trả lời (ít nhất 10 ký tự)."), std::string::npos);
  auto done = portal_->PostForm(cookie, "/can-bo/phan-anh/" + code + "/answer",
                                "csrf_token=" + csrf + "&version=" + version + answer);
  ASSERT_EQ(done.status, 303) << done.body;
  auto after = portal_->Page(cookie, done.headers["location"]);
  EXPECT_NE(after.body.find("Đã lưu câu trả lời."), std::string::npos);
  EXPECT_NE(after.body.find("Công khai câu trả lời"), std::string::npos);

  std::string other = portal_->CookieLogin("chuyenvien.dulich");
  EXPECT_EQ(portal_->Page(other, "/can-bo/phan-anh/" + code).status, 404);
  EXPECT_EQ(portal_->Page("", "/can-bo/phan-anh").status, 303);

  // The sender's page now offers the rating form; the rating is kept once.
  auto sender = portal_->Page("", "/phan-anh-kien-nghi/" + code + "?token=" + web::UrlEncode(token));
  ASSERT_EQ(sender.status, 200);
  EXPECT_NE(sender.body.find("Sở đã chấn chỉnh bộ phận tiếp nhận."), std::string::npos);
  EXPECT_NE(sender.body.find("Chưa hài lòng"), std::string::npos);
  auto rated = portal_->PostForm("", "/phan-anh-kien-nghi/" + code + "/danh-gia",
                                 "token=" + web::UrlEncode(token) + "&value=dissatisfied&comment=");
  ASSERT_EQ(rated.status, 303) << rated.body;
  auto shown = portal_->Page("", rated.headers["location"]);
  EXPECT_NE(shown.body.find("Bạn đã đánh giá: <strong>Chưa hài lòng</strong>"), std::string::npos);
}

}  // namespace
}  // namespace motcua
