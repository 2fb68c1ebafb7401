// HTTP tests of accounts: the JSON API under /api/v1/auth and the pages
// /dang-ky, /dang-nhap, /dang-xuat, /tai-khoan, against the real router and
// server on 127.0.0.1, a real SQLite store and a fake clock.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/accounts/account_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/audit_writer.hpp"
#include "store/catalog_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/http_client.hpp"
#include "testutil/test_database.hpp"
#include "web/account_handlers.hpp"
#include "web/http.hpp"
#include "web/routes.hpp"
#include "web/server.hpp"

namespace motcua {
namespace {

using nlohmann::json;
using testutil::HttpGet;
using testutil::HttpRequest;
using testutil::HttpResult;
using Headers = std::map<std::string, std::string>;

constexpr const char* kPassword = "matkhau123";

class AccountHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string reason;
    db_ = testutil::TestDatabase::Create(testutil::Engine::kSqlite, &reason).release();
    catalog_store_ = new store::CatalogStore(db_->db());
    catalog_ = new app::CatalogService(*catalog_store_);
    ASSERT_TRUE(catalog_->Import(testutil::SmallCatalog()));
    account_store_ = new store::AccountStore(db_->db());
    hasher_ = new security::SodiumPasswordHasher(true);
    tokens_ = new security::SodiumTokenService();
    clock_ = new testutil::FakeClock("2026-11-25T01:00:00Z");
    accounts_ = new app::AccountService(*account_store_, *hasher_, *tokens_, *clock_);
    metrics_ = new web::Metrics();
    ctx_ = new web::WebContext{*catalog_, *metrics_, "Cổng Dịch vụ công TP.HCM"};
    ctx_->accounts = accounts_;
    ctx_->secure_cookies = true;
    router_ = web::BuildRoutes(*ctx_).release();
    web::ServerOptions options;
    options.port = testutil::FreePort();
    options.threads = 2;
    options.access_log = false;
    port_ = options.port;
    server_ = new web::Server(*router_, *metrics_, options);
    ASSERT_TRUE(server_->Start());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete router_;
    delete ctx_;
    delete metrics_;
    delete accounts_;
    delete clock_;
    delete tokens_;
    delete hasher_;
    delete account_store_;
    delete catalog_;
    delete catalog_store_;
    delete db_;
  }

  static HttpResult PostJson(const std::string& target, const json& body, Headers headers = {}) {
    headers["Content-Type"] = "application/json";
    return HttpRequest(port_, "POST", target, headers, body.dump());
  }

  static HttpResult PostForm(const std::string& target, const std::string& body, Headers headers = {}) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    return HttpRequest(port_, "POST", target, headers, body);
  }

  static json Citizen(const std::string& name, const std::string& id, const std::string& phone,
                      const std::string& email) {
    return {{"kind", "citizen"}, {"full_name", name}, {"id_number", id},  {"phone", phone},
            {"email", email},    {"address", "12 Lê Lợi"}, {"password", kPassword}};
  }

  static void Register(const json& body) {
    auto r = PostJson("/api/v1/auth/register", body);
    ASSERT_EQ(r.status, 201) << r.body;
  }

  static std::string BearerLogin(const std::string& login, const std::string& password = kPassword) {
    auto r = PostJson("/api/v1/auth/login", {{"login", login}, {"password", password}});
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false).value("token", "");
  }

  static Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

  // Logs in through the page; returns the "motcua_session=…" pair to send back.
  static std::string CookieLogin(const std::string& login, const std::string& password = kPassword) {
    auto r = PostForm("/dang-nhap", "login=" + web::UrlEncode(login) + "&password=" + web::UrlEncode(password));
    EXPECT_EQ(r.status, 303) << r.body;
    std::string cookie = r.headers["set-cookie"];
    return cookie.substr(0, cookie.find(';'));
  }

  static Headers Cookie(const std::string& pair) { return {{"Cookie", pair}}; }

  // The value of the first csrf_token field of a page.
  static std::string CsrfToken(const std::string& html) {
    const std::string marker = "name=\"csrf_token\" value=\"";
    auto at = html.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
  }

  static inline testutil::TestDatabase* db_;
  static inline store::CatalogStore* catalog_store_;
  static inline app::CatalogService* catalog_;
  static inline store::AccountStore* account_store_;
  static inline security::SodiumPasswordHasher* hasher_;
  static inline security::SodiumTokenService* tokens_;
  static inline testutil::FakeClock* clock_;
  static inline app::AccountService* accounts_;
  static inline web::Metrics* metrics_;
  static inline web::WebContext* ctx_;
  static inline web::Router* router_;
  static inline web::Server* server_;
  static inline unsigned short port_;
};

// --- API --------------------------------------------------------------------

TEST_F(AccountHttp, ApiRegistersACitizenWithoutRevealingThePasswordHash) {
  auto r = PostJson("/api/v1/auth/register",
                    Citizen("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json; charset=utf-8");
  json body = json::parse(r.body);
  EXPECT_GT(body["id"].get<long long>(), 0);
  EXPECT_EQ(body["role"], "citizen");
  EXPECT_EQ(body["full_name"], "Nguyễn Văn An");
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);
  EXPECT_EQ(r.body.find("password"), std::string::npos);
}

TEST_F(AccountHttp, ApiRegistersABusinessThatLogsInByPhone) {
  auto r = PostJson("/api/v1/auth/register", {{"kind", "business"},
                                              {"business_name", "Công ty TNHH Du lịch Sài Gòn Xanh"},
                                              {"tax_code", "0312345678"},
                                              {"representative", "Trần Thị Bích"},
                                              {"phone", "0283 000 111"},
                                              {"email", "lienhe@saigonxanh.vn"},
                                              {"password", kPassword}});
  // A landline is not a mobile number.
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "phone");
  r = PostJson("/api/v1/auth/register", {{"kind", "business"},
                                         {"business_name", "Công ty TNHH Du lịch Sài Gòn Xanh"},
                                         {"tax_code", "0312345678"},
                                         {"representative", "Trần Thị Bích"},
                                         {"phone", "0908 111 222"},
                                         {"email", "lienhe@saigonxanh.vn"},
                                         {"password", kPassword}});
  ASSERT_EQ(r.status, 201) << r.body;
  json body = json::parse(r.body);
  EXPECT_EQ(body["role"], "business");
  EXPECT_EQ(body["full_name"], "Trần Thị Bích");
  EXPECT_EQ(body["business_name"], "Công ty TNHH Du lịch Sài Gòn Xanh");
  EXPECT_FALSE(BearerLogin("0908111222").empty());
}

TEST_F(AccountHttp, ApiRejectsADuplicateIdNumberWith409NamingTheField) {
  Register(Citizen("Lê Thị Hoa", "001190000111", "0987000111", "hoa@example.vn"));
  auto r = PostJson("/api/v1/auth/register", Citizen("Lê Thị Hoa", "001190000111", "0987000112", "hoa2@example.vn"));
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/problem+json; charset=utf-8");
  json problem = json::parse(r.body);
  EXPECT_EQ(problem["code"], "conflict");
  ASSERT_EQ(problem["errors"].size(), 1u);
  EXPECT_EQ(problem["errors"][0]["field"], "id_number");
  EXPECT_EQ(problem["errors"][0]["message"], "Số định danh cá nhân này đã được đăng ký.");
}

TEST_F(AccountHttp, ApiReportsEveryInvalidFieldInVietnamese) {
  auto r = PostJson("/api/v1/auth/register", {{"kind", "citizen"},
                                              {"full_name", "X"},
                                              {"id_number", "123"},
                                              {"phone", "12345"},
                                              {"email", "khong-hop-le"},
                                              {"password", "ngan"}});
  ASSERT_EQ(r.status, 400) << r.body;
  json problem = json::parse(r.body);
  EXPECT_EQ(problem["detail"], "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.");
  std::map<std::string, std::string> errors;
  for (const auto& e : problem["errors"]) errors[e["field"]] = e["message"];
  ASSERT_EQ(errors.size(), 5u) << r.body;
  EXPECT_EQ(errors["id_number"], "Số định danh cá nhân phải gồm đúng 12 chữ số (ví dụ 079203001234).");
  EXPECT_EQ(errors["phone"], "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.");
  EXPECT_EQ(errors["email"], "Địa chỉ thư điện tử không hợp lệ (ví dụ ten@example.vn).");
  EXPECT_EQ(errors["password"], "Mật khẩu phải có ít nhất 8 ký tự, gồm cả chữ và số.");
  EXPECT_TRUE(errors.count("full_name"));
}

TEST_F(AccountHttp, ApiRejectsMalformedJsonWrongTypesAndOtherContentTypes) {
  auto bad = HttpRequest(port_, "POST", "/api/v1/auth/register", {{"Content-Type", "application/json"}}, "{\"kind\":");
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.headers["content-type"], "application/problem+json; charset=utf-8");
  EXPECT_EQ(json::parse(bad.body)["detail"], "Nội dung yêu cầu không phải là một đối tượng JSON hợp lệ.");
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}}, "[1,2]").status,
            400);
  auto form = HttpRequest(port_, "POST", "/api/v1/auth/login", {{"Content-Type", "text/plain"}},
                          R"({"login":"079203001234","password":"matkhau123"})");
  ASSERT_EQ(form.status, 400);
  EXPECT_NE(json::parse(form.body)["detail"].get<std::string>().find("JSON"), std::string::npos);
  auto typed = PostJson("/api/v1/auth/register", {{"kind", "citizen"}, {"full_name", 42}, {"address", true}});
  ASSERT_EQ(typed.status, 400);
  json problem = json::parse(typed.body);
  ASSERT_EQ(problem["errors"].size(), 2u);
  EXPECT_EQ(problem["errors"][0]["field"], "full_name");
  EXPECT_EQ(problem["errors"][0]["message"], "Giá trị phải là một chuỗi ký tự.");
  auto kind = PostJson("/api/v1/auth/register", {{"kind", "officer"}});
  ASSERT_EQ(kind.status, 400);
  EXPECT_EQ(json::parse(kind.body)["errors"][0]["field"], "kind");
  auto empty = PostJson("/api/v1/auth/login", json::object());
  ASSERT_EQ(empty.status, 400);
  EXPECT_EQ(json::parse(empty.body)["errors"].size(), 2u);
}

TEST_F(AccountHttp, ApiLogsInByIdNumberPhoneOrEmail) {
  Register(Citizen("Phạm Minh Tuấn", "079203002222", "0912000222", "tuan@example.vn"));
  for (const char* login : {"079203002222", "0912000222", "+84 912 000 222", "TUAN@example.vn"}) {
    auto r = PostJson("/api/v1/auth/login", {{"login", login}, {"password", kPassword}});
    ASSERT_EQ(r.status, 200) << login << ": " << r.body;
    EXPECT_EQ(r.headers["cache-control"], "no-store");
    json body = json::parse(r.body);
    EXPECT_GE(body["token"].get<std::string>().size(), 40u);
    // 30 days after the fake clock's 2026-11-25T01:00:00Z (give or take tests that advance it).
    EXPECT_TRUE(ParseTimestamp(body["expires_at"].get<std::string>())) << body["expires_at"];
    EXPECT_EQ(body["expires_at"].get<std::string>().back(), 'Z');
    EXPECT_EQ(body["user"]["role"], "citizen");
    EXPECT_EQ(body["user"]["full_name"], "Phạm Minh Tuấn");
    EXPECT_TRUE(body["user"]["agency_code"].is_null());
    EXPECT_GT(body["user"]["id"].get<long long>(), 0);
  }
}

TEST_F(AccountHttp, ApiRejectsAWrongPasswordOrUnknownLoginWith401) {
  Register(Citizen("Võ Thị Lan", "079203003333", "0912000333", "lan@example.vn"));
  for (const char* login : {"079203003333", "079299999999"}) {
    auto r = PostJson("/api/v1/auth/login", {{"login", login}, {"password", "sai-mat-khau1"}});
    ASSERT_EQ(r.status, 401) << r.body;
    json problem = json::parse(r.body);
    EXPECT_EQ(problem["detail"], "Thông tin đăng nhập hoặc mật khẩu không đúng.");
    EXPECT_EQ(r.body.find("sai-mat-khau1"), std::string::npos);
  }
}

TEST_F(AccountHttp, ApiThrottlesAfterThreeFailuresWith429AndRetryAfter) {
  Register(Citizen("Đặng Văn Hùng", "079203004444", "0912000444", "hung@example.vn"));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(PostJson("/api/v1/auth/login", {{"login", "0912000444"}, {"password", "sai-mat-khau1"}}).status, 401);
  }
  // Even the right password waits now.
  auto r = PostJson("/api/v1/auth/login", {{"login", "0912000444"}, {"password", kPassword}});
  ASSERT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/problem+json; charset=utf-8");
  EXPECT_EQ(r.headers["retry-after"], "2");
  json problem = json::parse(r.body);
  EXPECT_EQ(problem["status"], 429);
  EXPECT_EQ(problem["detail"], "Bạn đã nhập sai nhiều lần. Vui lòng thử lại sau 2 giây.");
  clock_->Advance(std::chrono::seconds(3));
  EXPECT_FALSE(BearerLogin("0912000444").empty());
  // The throttling was audited.
  auto audit = store::ReadAudit(db_->db(), "", 1000);
  ASSERT_TRUE(audit);
  bool throttled = false;
  for (const auto& e : *audit) throttled = throttled || e.action == "auth.login_throttled";
  EXPECT_TRUE(throttled);
}

TEST_F(AccountHttp, ApiLocksTheAccountAfterTenFailuresForMinutes) {
  Register(Citizen("Bùi Thị Mai", "079203005555", "0912000555", "mai@example.vn"));
  for (int i = 0; i < domain::kLockAfter; ++i) {
    clock_->Advance(std::chrono::minutes(2));
    EXPECT_EQ(PostJson("/api/v1/auth/login", {{"login", "mai@example.vn"}, {"password", "sai-mat-khau1"}}).status,
              401);
  }
  auto r = PostJson("/api/v1/auth/login", {{"login", "mai@example.vn"}, {"password", kPassword}});
  ASSERT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.headers["retry-after"], "900");
  EXPECT_NE(json::parse(r.body)["detail"].get<std::string>().find("tạm khóa"), std::string::npos);
  clock_->Advance(domain::kLockDuration);
  EXPECT_FALSE(BearerLogin("mai@example.vn").empty());
}

TEST_F(AccountHttp, ApiMeAnswersTheBearerTokensOwnerAnd401Otherwise) {
  Register(Citizen("Hoàng Văn Nam", "079203006666", "0912000666", "nam@example.vn"));
  std::string token = BearerLogin("079203006666");
  auto r = HttpGet(port_, "/api/v1/me", Bearer(token));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  json me = json::parse(r.body);
  EXPECT_EQ(me["full_name"], "Hoàng Văn Nam");
  EXPECT_EQ(me["id_number"], "079203006666");
  EXPECT_EQ(me["phone"], "0912000666");
  EXPECT_EQ(me["role_label"], "Công dân");
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);
  for (const Headers& headers : {Headers{}, Bearer("khong-phai-token")}) {
    auto anonymous = HttpGet(port_, "/api/v1/me", headers);
    ASSERT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.headers["www-authenticate"], "Bearer");
    EXPECT_EQ(anonymous.headers["content-type"], "application/problem+json; charset=utf-8");
  }
}

TEST_F(AccountHttp, ApiLogoutEndsTheToken) {
  Register(Citizen("Trương Thị Yến", "079203007777", "0912000777", "yen@example.vn"));
  std::string token = BearerLogin("0912000777");
  auto r = HttpRequest(port_, "POST", "/api/v1/auth/logout", Bearer(token));
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(HttpGet(port_, "/api/v1/me", Bearer(token)).status, 401);
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/v1/auth/logout", Bearer(token)).status, 401);
}

TEST_F(AccountHttp, ApiChangesThePasswordAndEndsOtherSessions) {
  Register(Citizen("Ngô Văn Phúc", "079203008888", "0912000888", "phuc@example.vn"));
  std::string token = BearerLogin("0912000888");
  std::string other = BearerLogin("phuc@example.vn");
  auto wrong = PostJson("/api/v1/auth/password", {{"old_password", "sai-mat-khau1"}, {"new_password", "matkhaumoi456"}},
                        Bearer(token));
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(json::parse(wrong.body)["errors"][0]["field"], "old_password");
  auto weak = PostJson("/api/v1/auth/password", {{"old_password", kPassword}, {"new_password", "abc"}}, Bearer(token));
  ASSERT_EQ(weak.status, 400);
  EXPECT_EQ(json::parse(weak.body)["errors"][0]["field"], "new_password");
  EXPECT_EQ(PostJson("/api/v1/auth/password", {{"old_password", kPassword}, {"new_password", "matkhaumoi456"}}).status,
            401);
  auto ok = PostJson("/api/v1/auth/password", {{"old_password", kPassword}, {"new_password", "matkhaumoi456"}},
                     Bearer(token));
  ASSERT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(HttpGet(port_, "/api/v1/me", Bearer(token)).status, 200);
  EXPECT_EQ(HttpGet(port_, "/api/v1/me", Bearer(other)).status, 401);
  EXPECT_EQ(PostJson("/api/v1/auth/login", {{"login", "0912000888"}, {"password", kPassword}}).status, 401);
  EXPECT_FALSE(BearerLogin("0912000888", "matkhaumoi456").empty());
}

TEST_F(AccountHttp, ApiWritesWithTheSessionCookieNeedTheCsrfHeader) {
  Register(Citizen("Lý Thị Thu", "079203009999", "0912000999", "thu@example.vn"));
  std::string cookie = CookieLogin("079203009999");
  std::string csrf = CsrfToken(HttpGet(port_, "/tai-khoan", Cookie(cookie)).body);
  ASSERT_FALSE(csrf.empty());
  EXPECT_EQ(HttpGet(port_, "/api/v1/me", Cookie(cookie)).status, 200);
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/v1/auth/logout", Cookie(cookie)).status, 403);
  Headers with_token = Cookie(cookie);
  with_token["X-CSRF-Token"] = csrf;
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/v1/auth/logout", with_token).status, 204);
  EXPECT_EQ(HttpGet(port_, "/api/v1/me", Cookie(cookie)).status, 401);
}

// --- pages --------------------------------------------------------------------

TEST_F(AccountHttp, RegisterPageHasLabelledInputsWithAutocompleteAndNumericKeyboards) {
  auto r = HttpGet(port_, "/dang-ky");
  ASSERT_EQ(r.status, 200);
  const std::string& html = r.body;
  for (const char* id : {"full_name", "id_number", "phone", "email", "address", "password", "password_confirm"}) {
    EXPECT_NE(html.find(std::string("<label for=\"") + id + "\""), std::string::npos) << id;
    EXPECT_NE(html.find(std::string("<input id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(html.find("name=\"id_number\" type=\"text\" autocomplete=\"off\" inputmode=\"numeric\""),
            std::string::npos);
  EXPECT_NE(html.find("name=\"phone\" type=\"tel\" autocomplete=\"tel\" inputmode=\"numeric\""), std::string::npos);
  EXPECT_NE(html.find("autocomplete=\"name\""), std::string::npos);
  EXPECT_NE(html.find("autocomplete=\"new-password\""), std::string::npos);
  EXPECT_NE(html.find("aria-describedby=\"id_number-hint\""), std::string::npos);
  EXPECT_EQ(html.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/dang-ky\" aria-current=\"page\">Đăng ký</a>"), std::string::npos);
  auto business = HttpGet(port_, "/dang-ky?loai=doanh-nghiep");
  ASSERT_EQ(business.status, 200);
  EXPECT_NE(business.body.find("<label for=\"tax_code\""), std::string::npos);
  EXPECT_NE(business.body.find("<label for=\"representative\""), std::string::npos);
  EXPECT_NE(business.body.find("name=\"kind\" value=\"business\""), std::string::npos);
  EXPECT_EQ(business.body.find("<label for=\"id_number\""), std::string::npos);
}

TEST_F(AccountHttp, RegisterFormPostsAndRedirectsToTheLoginPage) {
  auto r = PostForm("/dang-ky",
                    "kind=citizen&full_name=Tr%E1%BA%A7n+V%C4%83n+B%C3%ACnh&id_number=079203010101&phone=0912010101"
                    "&email=binh%40example.vn&address=&password=matkhau123&password_confirm=matkhau123");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.headers["location"], "/dang-nhap?moi-dang-ky=1");
  auto login = HttpGet(port_, r.headers["location"]);
  ASSERT_EQ(login.status, 200);
  EXPECT_NE(login.body.find("Đăng ký tài khoản thành công"), std::string::npos);
  EXPECT_FALSE(BearerLogin("079203010101").empty());
}

TEST_F(AccountHttp, RegisterFormShowsErrorsByTheirFieldsAndKeepsValuesButNeverThePassword) {
  auto r = PostForm("/dang-ky",
                    "kind=citizen&full_name=Tr%E1%BA%A7n+V%C4%83n+C%C6%B0%E1%BB%9Dng&id_number=0792&phone=0912010202"
                    "&email=cuong%40example.vn&password=BiMat2026xyz&password_confirm=BiMat2026xyz");
  ASSERT_EQ(r.status, 400);
  const std::string& html = r.body;
  EXPECT_NE(html.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(html.find("<title>Lỗi: "), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#id_number\">Số định danh cá nhân phải gồm đúng 12 chữ số"), std::string::npos);
  EXPECT_NE(html.find("id=\"id_number-error\""), std::string::npos);
  EXPECT_NE(html.find("aria-describedby=\"id_number-hint id_number-error\" aria-invalid=\"true\""),
            std::string::npos);
  EXPECT_NE(html.find("value=\"Trần Văn Cường\""), std::string::npos);
  EXPECT_NE(html.find("value=\"0792\""), std::string::npos);
  EXPECT_NE(html.find("value=\"cuong@example.vn\""), std::string::npos);
  EXPECT_EQ(html.find("BiMat2026xyz"), std::string::npos);

  // A mismatched confirmation is reported with every other problem; nothing is created.
  auto mismatch = PostForm("/dang-ky",
                           "kind=citizen&full_name=Tr%E1%BA%A7n+V%C4%83n+C%C6%B0%E1%BB%9Dng&id_number=079203010202"
                           "&phone=12&email=cuong%40example.vn&password=BiMat2026xyz&password_confirm=BiMat2026xy");
  ASSERT_EQ(mismatch.status, 400);
  EXPECT_NE(mismatch.body.find("<a href=\"#phone\">"), std::string::npos);
  EXPECT_NE(mismatch.body.find("<a href=\"#password_confirm\">Mật khẩu nhập lại không khớp.</a>"), std::string::npos);
  EXPECT_EQ(PostJson("/api/v1/auth/login", {{"login", "079203010202"}, {"password", "BiMat2026xyz"}}).status, 401);

  // A duplicate is shown by its field too.
  Register(Citizen("Mai Văn Đức", "079203010303", "0912010303", "duc@example.vn"));
  auto duplicate = PostForm("/dang-ky",
                            "kind=citizen&full_name=Mai+V%C4%83n+%C4%90%E1%BB%A9c&id_number=079203010304"
                            "&phone=0912010303&email=duc2%40example.vn"
                            "&password=matkhau123&password_confirm=matkhau123");
  ASSERT_EQ(duplicate.status, 409);
  EXPECT_NE(duplicate.body.find("id=\"phone-error\""), std::string::npos);
  EXPECT_NE(duplicate.body.find("Số điện thoại này đã được đăng ký."), std::string::npos);
}

TEST_F(AccountHttp, LoginPageSetsAnHttpOnlySameSiteCookieAndRedirectsToTheAccount) {
  Register(Citizen("Đỗ Thị Ngọc", "079203011111", "0912011111", "ngoc@example.vn"));
  auto page = HttpGet(port_, "/dang-nhap");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<label for=\"login\">Số định danh, số điện thoại hoặc thư điện tử</label>"),
            std::string::npos);
  EXPECT_NE(page.body.find("autocomplete=\"current-password\""), std::string::npos);
  auto r = PostForm("/dang-nhap", "login=079203011111&password=matkhau123");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.headers["location"], "/tai-khoan");
  const std::string& cookie = r.headers["set-cookie"];
  EXPECT_EQ(cookie.rfind("motcua_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
  // Logged in already: the login page sends the user on.
  auto again = HttpGet(port_, "/dang-nhap?next=/thu-tuc", Cookie(cookie.substr(0, cookie.find(';'))));
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.headers["location"], "/thu-tuc");
}

TEST_F(AccountHttp, LoginRedirectsOnlyToPathsOnThisSite) {
  Register(Citizen("Cao Văn Long", "079203012222", "0912012222", "long@example.vn"));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"%2Fthu-tuc%3Fq%3Dkhai%2Bsinh", "/thu-tuc?q=khai+sinh"},
      {"%2F%2Fevil.example", "/tai-khoan"},
      {"https%3A%2F%2Fevil.example", "/tai-khoan"},
      {"%2F%5Cevil.example", "/tai-khoan"},
      {"%2Fa%0D%0ASet-Cookie%3A+x%3D1", "/tai-khoan"},
  };
  for (const auto& [next, expected] : cases) {
    auto r = PostForm("/dang-nhap", "login=0912012222&password=matkhau123&next=" + next);
    ASSERT_EQ(r.status, 303) << next;
    EXPECT_EQ(r.headers["location"], expected) << next;
  }
  // The login page carries a safe `next` into its form, and drops an unsafe one.
  auto page = HttpGet(port_, "/dang-nhap?next=%2Fthu-tuc");
  EXPECT_NE(page.body.find("name=\"next\" value=\"/thu-tuc\""), std::string::npos);
  page = HttpGet(port_, "/dang-nhap?next=%2F%2Fevil.example");
  EXPECT_EQ(page.body.find("evil.example"), std::string::npos);
}

TEST_F(AccountHttp, LoginAndRegisterFormsPostedFromAnotherSiteAreRefused) {
  Register(Citizen("Dương Văn Khoa", "079203018888", "0912018888", "khoa@example.vn"));
  auto r = PostForm("/dang-nhap", "login=0912018888&password=matkhau123", {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(r.headers["set-cookie"].empty());
  EXPECT_EQ(PostForm("/dang-ky", "kind=citizen", {{"Sec-Fetch-Site", "cross-site"}}).status, 403);
  EXPECT_EQ(PostForm("/dang-nhap", "login=0912018888&password=matkhau123", {{"Sec-Fetch-Site", "same-origin"}}).status,
            303);
}

TEST_F(AccountHttp, LoginFormShowsTheProblemAndKeepsTheLoginButNotThePassword) {
  Register(Citizen("Tạ Thị Quyên", "079203013333", "0912013333", "quyen@example.vn"));
  auto r = PostForm("/dang-nhap", "login=quyen%40example.vn&password=SaiRoi999&next=%2Fco-quan");
  ASSERT_EQ(r.status, 401);
  EXPECT_TRUE(r.headers["set-cookie"].empty());
  EXPECT_NE(r.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(r.body.find("Thông tin đăng nhập hoặc mật khẩu không đúng."), std::string::npos);
  EXPECT_NE(r.body.find("value=\"quyen@example.vn\""), std::string::npos);
  EXPECT_NE(r.body.find("name=\"next\" value=\"/co-quan\""), std::string::npos);
  EXPECT_EQ(r.body.find("SaiRoi999"), std::string::npos);
  auto empty = PostForm("/dang-nhap", "login=&password=");
  ASSERT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("<a href=\"#login\">"), std::string::npos);
  EXPECT_NE(empty.body.find("<a href=\"#password\">Vui lòng nhập mật khẩu.</a>"), std::string::npos);
  // Throttled on the page too: 429 with the wait in Vietnamese.
  for (int i = 0; i < 2; ++i) PostForm("/dang-nhap", "login=quyen%40example.vn&password=SaiRoi999");
  auto throttled = PostForm("/dang-nhap", "login=quyen%40example.vn&password=matkhau123");
  ASSERT_EQ(throttled.status, 429);
  EXPECT_FALSE(throttled.headers["retry-after"].empty());
  EXPECT_NE(throttled.body.find("Vui lòng thử lại sau"), std::string::npos);
}

TEST_F(AccountHttp, AccountPageSendsAnonymousUsersToTheLoginPage) {
  auto r = HttpGet(port_, "/tai-khoan");
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/dang-nhap?next=/tai-khoan");
  EXPECT_EQ(HttpGet(port_, "/tai-khoan", Cookie("motcua_session=het-han")).status, 303);
}

TEST_F(AccountHttp, AccountPageShowsTheProfileWithAMaskedIdNumber) {
  Register(Citizen("Lâm Văn Sơn", "079203014444", "0912014444", "son@example.vn"));
  std::string cookie = CookieLogin("son@example.vn");
  auto r = HttpGet(port_, "/tai-khoan", Cookie(cookie));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  EXPECT_NE(r.body.find("<dd>Lâm Văn Sơn</dd>"), std::string::npos);
  EXPECT_NE(r.body.find("<dd>Công dân</dd>"), std::string::npos);
  EXPECT_NE(r.body.find("<dd>0792******44</dd>"), std::string::npos);
  EXPECT_EQ(r.body.find("079203014444"), std::string::npos);
  EXPECT_NE(r.body.find("<dd>0912014444</dd>"), std::string::npos);
  EXPECT_NE(r.body.find("<dd>son@example.vn</dd>"), std::string::npos);
  // The header names the user and offers the logout form.
  EXPECT_NE(r.body.find("Đang đăng nhập: </span>Lâm Văn Sơn</span>"), std::string::npos);
  EXPECT_NE(r.body.find("action=\"/dang-xuat\""), std::string::npos);
}

TEST_F(AccountHttp, EveryPageHeaderShowsTheSignedInUser) {
  Register(Citizen("Quách Thị Vân", "079203015555", "0912015555", "van@example.vn"));
  std::string cookie = CookieLogin("0912015555");
  for (const char* target : {"/", "/thu-tuc?q=khai+sinh", "/thu-tuc/1.001193", "/co-quan", "/dang-ky"}) {
    auto r = HttpGet(port_, target, Cookie(cookie));
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_NE(r.body.find("Đang đăng nhập: </span>Quách Thị Vân</span>"), std::string::npos) << target;
    EXPECT_NE(r.body.find("<a href=\"/tai-khoan\">Tài khoản</a>"), std::string::npos) << target;
    EXPECT_FALSE(CsrfToken(r.body).empty()) << target;
    EXPECT_NE(r.headers["cache-control"].find("no-store"), std::string::npos) << target;
    // The same page without the cookie (and from the cache) is anonymous.
    auto anonymous = HttpGet(port_, target);
    EXPECT_EQ(anonymous.body.find("Quách Thị Vân"), std::string::npos) << target;
    EXPECT_NE(anonymous.body.find("<a href=\"/dang-nhap\">Đăng nhập</a>"), std::string::npos) << target;
    EXPECT_EQ(anonymous.headers["vary"], "Cookie") << target;
  }
}

TEST_F(AccountHttp, LogoutNeedsTheCsrfTokenThenClearsTheCookie) {
  Register(Citizen("Kiều Văn Tâm", "079203016666", "0912016666", "tam@example.vn"));
  std::string cookie = CookieLogin("079203016666");
  auto without = PostForm("/dang-xuat", "", Cookie(cookie));
  EXPECT_EQ(without.status, 403);
  auto wrong = PostForm("/dang-xuat", "csrf_token=khong-dung", Cookie(cookie));
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(HttpGet(port_, "/tai-khoan", Cookie(cookie)).status, 200);  // still logged in
  std::string csrf = CsrfToken(HttpGet(port_, "/", Cookie(cookie)).body);
  auto r = PostForm("/dang-xuat", "csrf_token=" + csrf, Cookie(cookie));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/");
  EXPECT_NE(r.headers["set-cookie"].find("motcua_session=;"), std::string::npos);
  EXPECT_NE(r.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(HttpGet(port_, "/tai-khoan", Cookie(cookie)).status, 303);
}

TEST_F(AccountHttp, PasswordChangePageChecksCsrfAndConfirmsTheChange) {
  Register(Citizen("Phan Thị Xuân", "079203017777", "0912017777", "xuan@example.vn"));
  std::string cookie = CookieLogin("079203017777");
  std::string csrf = CsrfToken(HttpGet(port_, "/tai-khoan", Cookie(cookie)).body);
  const std::string change = "old_password=matkhau123&new_password=matkhaumoi456&new_password_confirm=matkhaumoi456";
  EXPECT_EQ(PostForm("/tai-khoan/mat-khau", change, Cookie(cookie)).status, 403);
  auto mismatch = PostForm("/tai-khoan/mat-khau",
                           "csrf_token=" + csrf +
                               "&old_password=matkhau123&new_password=matkhaumoi456&new_password_confirm=khac12345",
                           Cookie(cookie));
  ASSERT_EQ(mismatch.status, 400);
  EXPECT_NE(mismatch.body.find("id=\"new_password_confirm-error\""), std::string::npos);
  EXPECT_EQ(mismatch.body.find("matkhaumoi456"), std::string::npos);
  auto wrong_old = PostForm("/tai-khoan/mat-khau",
                            "csrf_token=" + csrf +
                                "&old_password=sai123456&new_password=matkhaumoi456&new_password_confirm=matkhaumoi456",
                            Cookie(cookie));
  ASSERT_EQ(wrong_old.status, 400);
  EXPECT_NE(wrong_old.body.find("<a href=\"#old_password\">Mật khẩu hiện tại không đúng.</a>"), std::string::npos);
  auto r = PostForm("/tai-khoan/mat-khau", "csrf_token=" + csrf + "&" + change, Cookie(cookie));
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.headers["location"], "/tai-khoan?doi-mat-khau=1");
  auto page = HttpGet(port_, r.headers["location"], Cookie(cookie));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("role=\"status\">Đã đổi mật khẩu."), std::string::npos);
  EXPECT_FALSE(BearerLogin("079203017777", "matkhaumoi456").empty());
}

TEST_F(AccountHttp, NamesAreEscapedInTheHeaderAndTheProfile) {
  auto r = PostJson("/api/v1/auth/register", {{"kind", "business"},
                                              {"business_name", "Công ty <b>Ánh & Sao</b> \"ASC\""},
                                              {"tax_code", "0312345999"},
                                              {"representative", "Nguyễn Thị O'Neil"},
                                              {"phone", "0908999111"},
                                              {"email", "asc@example.vn"},
                                              {"password", kPassword}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string cookie = CookieLogin("asc@example.vn");
  for (const char* target : {"/tai-khoan", "/"}) {
    auto page = HttpGet(port_, target, Cookie(cookie));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("<b>Ánh"), std::string::npos) << target;
    EXPECT_NE(page.body.find("Công ty &lt;b&gt;Ánh &amp; Sao&lt;/b&gt; &quot;ASC&quot;"), std::string::npos)
        << target;
  }
  auto profile = HttpGet(port_, "/tai-khoan", Cookie(cookie));
  EXPECT_NE(profile.body.find("<dd>Nguyễn Thị O&apos;Neil</dd>"), std::string::npos);
  EXPECT_NE(profile.body.find("<dd>0312345999</dd>"), std::string::npos);
}

// --- helpers ----------------------------------------------------------------

TEST(AccountWeb, SafeLocalPathKeepsOnlyPathsOnThisSite) {
  EXPECT_EQ(web::SafeLocalPath("/thu-tuc?q=a", "/x"), "/thu-tuc?q=a");
  for (const char* bad : {"", "thu-tuc", "//evil.example", "/\\evil.example", "https://evil.example",
                          "/a\r\nb", "/a b", "/đường"}) {
    EXPECT_EQ(web::SafeLocalPath(bad, "/x"), "/x") << bad;
  }
}

TEST(AccountWeb, MaskIdNumberKeepsTheFirstFourAndLastTwoDigits) {
  EXPECT_EQ(web::MaskIdNumber("079203001234"), "0792******34");
  EXPECT_EQ(web::MaskIdNumber("12345"), "*****");
}

}  // namespace
}  // namespace motcua
