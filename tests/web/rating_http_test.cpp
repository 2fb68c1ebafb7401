// Ratings over HTTP: the API (owner, link token, officers; problem+json
// errors), the owner's form and the link page (CSRF, single use), and the
// desk kiosk (activation by a desk officer, the dossier returned at the
// desk, big buttons, thank-you).

#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "testutil/portal_server.hpp"
#include "web/http.hpp"

namespace motcua {
namespace {

using json = nlohmann::json;
using testutil::InputValue;
using testutil::PortalServer;

const std::string kPdf = "%PDF-1.4\n% to khai\n";

class RatingHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    portal_ = new PortalServer("2026-11-25T02:00:00Z");  // Wednesday 09:00 in Vietnam
    portal_->AddCitizen("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
    portal_->AddCitizen("Trần Thị Lan", "079305004321", "0987654321", "lan@example.vn");
    portal_->AddOfficer("motcua.tuphap", domain::Role::kDeskOfficer, "000.00.06.H29");
    portal_->AddOfficer("chuyenvien.lltp", domain::Role::kSpecialist, "000.01.06.H29");
    portal_->AddOfficer("lanhdao.tuphap", domain::Role::kLeader, "000.00.06.H29");
    portal_->AddOfficer("motcua.saigon", domain::Role::kDeskOfficer, "000.20.31.H29");
    citizen_ = portal_->Token("079203001234");
    other_ = portal_->Token("079305004321");
    desk_ = portal_->Token("motcua.tuphap");
    ward_ = portal_->Token("motcua.saigon");
  }
  static void TearDownTestSuite() { delete portal_; }

  static app::Principal Who(const std::string& login) {
    return portal_->accounts().Login(login, "matkhau123", "bearer", "r")->principal;
  }
  static domain::Dossier Act(const std::string& login, const domain::Dossier& d, std::string action,
                             std::string method = {}) {
    app::HandlingInput in;
    in.action = std::move(action);
    in.version = d.version;
    in.method = std::move(method);
    if (in.action == "attach_result") {
      in.file_name = "ket-qua.pdf";
      in.file_bytes = "%PDF-1.7\n% ket qua\n";
    }
    auto r = portal_->handling().Act(Who(login), std::to_string(d.id), in, "r");
    EXPECT_TRUE(r) << in.action << ": " << (r ? "" : r.error().user_message);
    return r ? *r : d;
  }
  static domain::Dossier Submitted(bool submit = true) {
    app::NewDossierInput in;
    in.procedure_code = "2.000488";
    in.files.push_back({0, "to-khai.pdf", kPdf, "electronic"});
    auto d = portal_->dossiers().CreateOnline(Who("079203001234"), in, submit, "r");
    EXPECT_TRUE(d) << (d ? "" : d.error().user_message);
    return *d;
  }
  static domain::Dossier Returned(const std::string& method) {
    auto d = Act("motcua.tuphap", Submitted(), "accept");
    d = Act("motcua.tuphap", d, "forward");
    d = Act("chuyenvien.lltp", d, "attach_result");
    d = Act("chuyenvien.lltp", d, "forward");
    d = Act("lanhdao.tuphap", d, "approve");
    return Act("motcua.tuphap", d, "return_result", method);
  }
  // The token of the newest rating link in the citizen's notices.
  static std::string NewestLink() {
    auto notices = portal_->dossiers().Notices(Who("079203001234"));
    std::regex link("/danh-gia/([A-Za-z0-9_-]+)");
    for (const auto& n : *notices) {
      std::smatch m;
      if (std::regex_search(n.body, m, link)) return m[1];
    }
    return "";
  }
  static std::string Path(const domain::Dossier& d) { return "/api/v1/dossiers/" + d.code + "/ratings"; }
  static std::string CookieOf(const testutil::HttpResult& r) {
    std::string c = r.headers.count("set-cookie") ? r.headers.at("set-cookie") : "";
    return c.substr(0, c.find(';'));
  }

  static inline PortalServer* portal_;
  static inline std::string citizen_, other_, desk_, ward_;
};

const std::string kBody = R"({"channel":"online","answers":{"overall":"very_satisfied","attitude":"satisfied"},"comment":"Nhanh"})";

TEST_F(RatingHttp, TheOwnerRatesThroughTheApiAndARepeatIsTheNextVersion) {
  auto d = Act("motcua.tuphap", Submitted(), "accept");
  auto anonymous = portal_->Api("", "POST", Path(d), kBody);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_NE(anonymous.headers["content-type"].find("application/problem+json"), std::string::npos);
  auto first = portal_->Api(citizen_, "POST", Path(d), kBody);
  ASSERT_EQ(first.status, 201) << first.body;
  json j = json::parse(first.body);
  EXPECT_EQ(j["channel"], "online");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["answers"]["overall"], "very_satisfied");
  auto second = portal_->Api(citizen_, "POST", Path(d), kBody);
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(json::parse(second.body)["version"], 2);

  auto mine = portal_->Api(citizen_, "GET", Path(d));
  ASSERT_EQ(mine.status, 200) << mine.body;
  json list = json::parse(mine.body);
  ASSERT_EQ(list["ratings"].size(), 1u);
  EXPECT_EQ(list["ratings"][0]["version"], 2);
  EXPECT_EQ(list["may_rate"], true);
  EXPECT_EQ(list["criteria"].size(), 8u);
  auto officer = portal_->Api(desk_, "GET", Path(d));
  ASSERT_EQ(officer.status, 200);
  EXPECT_EQ(json::parse(officer.body)["ratings"][0]["comment"], "Nhanh");
  // Nothing about who rated.
  EXPECT_EQ(officer.body.find("079203001234"), std::string::npos);
  EXPECT_EQ(officer.body.find("Nguyễn Văn An"), std::string::npos);
  EXPECT_EQ(portal_->Api(ward_, "GET", Path(d)).status, 404);
  EXPECT_EQ(portal_->Api(other_, "POST", Path(d), kBody).status, 404);
  EXPECT_EQ(portal_->Api(desk_, "POST", Path(d), kBody).status, 403);
}

TEST_F(RatingHttp, BadRequestsGetProblemsWithFieldErrors) {
  auto draft = Submitted(false);
  auto path = "/api/v1/dossiers/" + std::to_string(draft.id) + "/ratings";
  auto early = portal_->Api(citizen_, "POST", path, kBody);
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(json::parse(early.body)["detail"], "Hồ sơ chưa được nộp nên chưa thể đánh giá.");
  auto d = Submitted();
  auto not_json = portal_->Api(citizen_, "POST", "/api/v1/dossiers/" + std::to_string(d.id) + "/ratings", "not json");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(not_json.headers["content-type"].find("application/problem+json"), std::string::npos);
  auto bad = portal_->Api(citizen_, "POST", "/api/v1/dossiers/" + std::to_string(d.id) + "/ratings",
                          R"({"answers":{"overall":"great","time":"satisfied"}})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  json problem = json::parse(bad.body);
  EXPECT_EQ(problem["errors"][0]["field"], "overall");
  auto kiosk = portal_->Api(citizen_, "POST", "/api/v1/dossiers/" + std::to_string(d.id) + "/ratings",
                            R"({"channel":"kiosk","answers":{"overall":"satisfied"}})");
  EXPECT_EQ(kiosk.status, 400);
  auto no_token = portal_->Api("", "POST", "/api/v1/dossiers/" + std::to_string(d.id) + "/ratings",
                               R"({"channel":"link","answers":{"overall":"satisfied"}})");
  EXPECT_EQ(no_token.status, 400);
}

TEST_F(RatingHttp, TheLinkInTheReturnNoticeRatesOnceWithoutLogin) {
  auto d = Returned("postal");
  std::string token = NewestLink();
  ASSERT_FALSE(token.empty());
  json body = {{"channel", "link"}, {"token", token}, {"answers", {{"overall", "satisfied"}}}};
  auto other = Returned("postal");
  EXPECT_EQ(portal_->Api("", "POST", Path(other), body.dump()).status, 403);  // the link of another dossier
  std::string tampered = token;
  tampered[3] = tampered[3] == 'a' ? 'b' : 'a';
  json forged = body;
  forged["token"] = tampered;
  auto refused = portal_->Api("", "POST", Path(d), forged.dump());
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(json::parse(refused.body)["detail"], "Liên kết đánh giá không hợp lệ.");
  auto ok = portal_->Api("", "POST", Path(d), body.dump());
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["channel"], "link");
  auto reused = portal_->Api("", "POST", Path(d), body.dump());
  EXPECT_EQ(reused.status, 409);
  EXPECT_EQ(json::parse(reused.body)["detail"], "Liên kết đánh giá này đã được sử dụng.");
}

TEST_F(RatingHttp, TheLinkPageWorksWithoutLoginAndOnlyOnce) {
  Returned("online");
  std::string token = NewestLink();
  auto page = portal_->Page("", "/danh-gia/" + token);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<legend>Mức độ hài lòng chung của Ông/Bà"), std::string::npos);
  EXPECT_NE(page.body.find("Chất lượng dịch vụ công trực tuyến"), std::string::npos);
  EXPECT_EQ(page.headers["referrer-policy"], "no-referrer");
  auto missing = portal_->PostForm("", "/danh-gia/" + token, "time=satisfied&comment=");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("Vui lòng chọn mức độ hài lòng chung."), std::string::npos);
  EXPECT_NE(missing.body.find("href=\"#rating-overall-very_satisfied\""), std::string::npos);
  auto sent = portal_->PostForm("", "/danh-gia/" + token, "overall=satisfied&time=&comment=T%E1%BB%91t");
  ASSERT_EQ(sent.status, 303) << sent.body;
  auto thanks = portal_->Page("", sent.headers["location"]);
  EXPECT_EQ(thanks.status, 200);
  EXPECT_NE(thanks.body.find("Cảm ơn Ông/Bà đã đánh giá"), std::string::npos);
  auto again = portal_->Page("", "/danh-gia/" + token);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("đã được sử dụng"), std::string::npos);
  EXPECT_EQ(portal_->Page("", "/danh-gia/khong-hop-le").status, 403);
}

TEST_F(RatingHttp, TheDossierPageHasTheRatingFormWithItsCsrfToken) {
  auto d = Act("motcua.tuphap", Submitted(), "accept");
  std::string cookie = portal_->CookieLogin("079203001234");
  auto page = portal_->Page(cookie, "/ho-so/" + std::to_string(d.id));
  ASSERT_EQ(page.status, 200);
  auto at = page.body.find("id=\"danh-gia\"");
  ASSERT_NE(at, std::string::npos) << "no rating section";
  std::string csrf = InputValue(page.body.substr(at), "csrf_token");
  ASSERT_FALSE(csrf.empty());
  std::string target = "/ho-so/" + std::to_string(d.id) + "/danh-gia";
  auto forged = portal_->PostForm(cookie, target, "overall=satisfied");
  EXPECT_EQ(forged.status, 403);
  auto invalid = portal_->PostForm(cookie, target, "csrf_token=" + csrf + "&overall=");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_NE(invalid.body.find("error-summary"), std::string::npos);
  auto ok = portal_->PostForm(cookie, target, "csrf_token=" + csrf + "&overall=very_satisfied&attitude=satisfied");
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.headers["location"], target + "?cam-on=1");
  auto after = portal_->Page(cookie, "/ho-so/" + std::to_string(d.id));
  EXPECT_NE(after.body.find("Ông/Bà đã đánh giá hồ sơ này"), std::string::npos);
  EXPECT_NE(after.body.find("value=\"very_satisfied\" checked"), std::string::npos);
  // The owner's rating page needs a login.
  EXPECT_EQ(portal_->Page("", target).status, 303);
}

TEST_F(RatingHttp, TheKioskIsActivatedByADeskOfficerAndOffersTheDossierReturnedAtTheDesk) {
  auto unbound = portal_->Page("", "/kiosk/quay-1");
  ASSERT_EQ(unbound.status, 200);
  EXPECT_NE(unbound.body.find("chưa được kích hoạt"), std::string::npos);
  EXPECT_NE(unbound.body.find("/dang-nhap?next="), std::string::npos);
  EXPECT_EQ(portal_->Page("", "/kiosk/Quay_1").status, 404);

  std::string officer = portal_->CookieLogin("motcua.tuphap");
  auto activate = portal_->Page(officer, "/kiosk/quay-1");
  std::string csrf = InputValue(activate.body, "csrf_token");
  ASSERT_FALSE(csrf.empty()) << activate.body;
  EXPECT_EQ(portal_->PostForm(officer, "/kiosk/quay-1/kich-hoat", "").status, 403);
  std::string citizen = portal_->CookieLogin("079203001234");
  auto citizen_page = portal_->Page(citizen, "/kiosk/quay-1");
  EXPECT_EQ(citizen_page.body.find("kich-hoat"), std::string::npos);
  auto activated = portal_->PostForm(officer, "/kiosk/quay-1/kich-hoat", "csrf_token=" + csrf);
  ASSERT_EQ(activated.status, 303) << activated.body;
  std::string kiosk = CookieOf(activated);
  ASSERT_EQ(kiosk.rfind("motcua_kiosk=", 0), 0u) << kiosk;
  EXPECT_NE(activated.headers["set-cookie"].find("HttpOnly"), std::string::npos);
  // The officer's session does not stay on the kiosk device.
  EXPECT_EQ(portal_->Page(officer, "/ho-so").status, 303);

  auto idle = portal_->Page(kiosk, "/kiosk/quay-1");
  ASSERT_EQ(idle.status, 200);
  EXPECT_NE(idle.body.find("http-equiv=\"refresh\""), std::string::npos);
  EXPECT_EQ(idle.body.find("Mời Ông/Bà đánh giá"), std::string::npos);

  auto d = Returned("desk");
  auto offer = portal_->Page(kiosk, "/kiosk/quay-1");
  ASSERT_EQ(offer.status, 200);
  EXPECT_NE(offer.body.find(d.code), std::string::npos);
  EXPECT_NE(offer.body.find("Rất hài lòng"), std::string::npos);
  EXPECT_EQ(offer.body.find("Nguyễn Văn An"), std::string::npos);  // no personal data on the kiosk
  EXPECT_EQ(offer.body.find("079203001234"), std::string::npos);
  std::string kiosk_csrf = InputValue(offer.body, "csrf_token");
  std::string dossier = InputValue(offer.body, "dossier");
  EXPECT_EQ(dossier, std::to_string(d.id));
  auto wrong = portal_->PostForm(kiosk, "/kiosk/quay-1/danh-gia", "csrf_token=x&dossier=" + dossier + "&overall=satisfied");
  EXPECT_EQ(wrong.status, 403);
  auto stolen = portal_->PostForm("", "/kiosk/quay-1/danh-gia",
                                  "csrf_token=" + kiosk_csrf + "&dossier=" + dossier + "&overall=satisfied");
  EXPECT_EQ(stolen.status, 401);
  auto rated = portal_->PostForm(kiosk, "/kiosk/quay-1/danh-gia",
                                 "csrf_token=" + kiosk_csrf + "&dossier=" + dossier +
                                     "&attitude=very_satisfied&time=&comment=&overall=very_satisfied");
  ASSERT_EQ(rated.status, 303) << rated.body;
  auto thanks = portal_->Page(kiosk, rated.headers["location"]);
  EXPECT_NE(thanks.body.find("Cảm ơn Ông/Bà đã đánh giá"), std::string::npos);
  EXPECT_EQ(portal_->Page(kiosk, "/kiosk/quay-1").body.find(d.code), std::string::npos);  // idle again

  auto read = portal_->Api(desk_, "GET", Path(d));
  json list = json::parse(read.body);
  ASSERT_EQ(list["ratings"].size(), 1u);
  EXPECT_EQ(list["ratings"][0]["channel"], "kiosk");
  EXPECT_EQ(list["ratings"][0]["counter"], "quay-1");
  EXPECT_EQ(read.body.find("motcua.tuphap"), std::string::npos);
}

}  // namespace
}  // namespace motcua
