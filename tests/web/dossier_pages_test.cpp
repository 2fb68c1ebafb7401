// HTTP tests of the dossier pages (/ho-so, /mot-cua) on a real server: the
// citizen submits through the multipart form, the desk officer asks for a
// supplement, the citizen uploads it, the officer accepts; CSRF and login
// redirects; a stale version shows the conflict message.

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/dossier_service.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/calendar_store.hpp"
#include "store/catalog_store.hpp"
#include "store/dossier_store.hpp"
#include "store/process_store.hpp"
#include "store/worklist_store.hpp"
#include "app/handling/handling_service.hpp"
#include "store/local_file_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/http_client.hpp"
#include "testutil/test_database.hpp"
#include "web/http.hpp"
#include "web/routes.hpp"
#include "web/server.hpp"

namespace motcua {
namespace {

using nlohmann::json;
using testutil::HttpRequest;
using testutil::HttpResult;
using Headers = std::map<std::string, std::string>;

const std::string kPdf = "%PDF-1.4\n% test\n";
constexpr const char* kBoundary = "PAGEBOUNDARY7";

// A multipart body of plain fields and files (name → bytes, as f.pdf).
std::string Multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value +
            "\r\n";
  }
  for (const auto& [name, bytes] : files) {
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name +
            "\"; filename=\"giay-to.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n";
  }
  return body + "--" + kBoundary + "--\r\n";
}

// The value attribute following `marker` (e.g. name="csrf_token" value=").
std::string ValueAfter(const std::string& html, const std::string& name) {
  const std::string marker = "name=\"" + name + "\" value=\"";
  auto at = html.find(marker);
  if (at == std::string::npos) return {};
  at += marker.size();
  return html.substr(at, html.find('"', at) - at);
}

class DossierPagesHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string reason;
    s_ = new State();
    s_->db = testutil::TestDatabase::Create(testutil::Engine::kSqlite, &reason, 6);
    s_->files_dir = std::filesystem::temp_directory_path() / ("motcua_pages_files_" + std::to_string(::getpid()));
    s_->catalog_store = std::make_unique<store::CatalogStore>(s_->db->db());
    s_->catalog = std::make_unique<app::CatalogService>(*s_->catalog_store);
    ASSERT_TRUE(s_->catalog->Import(testutil::SmallCatalog()));
    s_->calendar_store = std::make_unique<store::CalendarStore>(s_->db->db());
    s_->calendar = std::make_unique<app::CalendarService>(*s_->calendar_store, s_->clock);
    s_->account_store = std::make_unique<store::AccountStore>(s_->db->db());
    s_->accounts = std::make_unique<app::AccountService>(*s_->account_store, s_->hasher, s_->tokens, s_->clock);
    s_->dossier_store = std::make_unique<store::DossierStore>(s_->db->db());
    s_->file_store = std::make_unique<store::LocalFileStore>(s_->files_dir.string());
    s_->dossiers = std::make_unique<app::DossierService>(*s_->dossier_store, *s_->file_store, *s_->catalog,
                                                         *s_->calendar, *s_->accounts, s_->clock);
    s_->ctx = std::make_unique<web::WebContext>(web::WebContext{*s_->catalog, s_->metrics, "Cổng thử nghiệm"});
    s_->ctx->calendar = s_->calendar.get();
    s_->ctx->accounts = s_->accounts.get();
    s_->process_store = std::make_unique<store::ProcessStore>(s_->db->db());
    s_->worklist_store = std::make_unique<store::WorklistStore>(s_->db->db());
    s_->handling = std::make_unique<app::HandlingService>(*s_->dossiers, *s_->dossier_store, *s_->process_store,
                                                          *s_->worklist_store, *s_->file_store, *s_->catalog,
                                                          *s_->calendar, *s_->accounts, *s_->account_store, s_->clock);
    s_->ctx->dossiers = s_->dossiers.get();
    s_->ctx->handling = s_->handling.get();
    s_->ctx->secure_cookies = false;
    s_->router = web::BuildRoutes(*s_->ctx);
    web::ServerOptions options;
    options.port = testutil::FreePort();
    options.threads = 2;
    options.access_log = false;
    port_ = options.port;
    s_->server = std::make_unique<web::Server>(*s_->router, s_->metrics, options);
    ASSERT_TRUE(s_->server->Start());
    // Callers.
    auto citizen = [](const char* name, const char* id, const char* phone, const char* email) {
      EXPECT_TRUE(s_->accounts->RegisterCitizen({name, id, phone, email, "", "matkhau123"}, "r"));
      return Token(id);
    };
    auto officer = [](const char* user, domain::Role role, const char* agency) {
      EXPECT_TRUE(s_->accounts->AddOfficer({user, "", role, agency, "matkhau123"}, "t"));
      return Token(user);
    };
    owner_ = citizen("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
    stranger_ = citizen("Trần Thị Lan", "079305004321", "0987654321", "lan@example.vn");
    ward_desk_ = officer("motcua.saigon", domain::Role::kDeskOfficer, "000.20.31.H29");
    ward_specialist_ = officer("chuyenvien.saigon", domain::Role::kSpecialist, "000.20.31.H29");
    justice_desk_ = officer("motcua.tuphap", domain::Role::kDeskOfficer, "000.00.06.H29");
    supervisor_ = officer("giamsat", domain::Role::kSupervisor, "000.00.00.H29");
  }
  static void TearDownTestSuite() {
    s_->server.reset();
    std::error_code ec;
    std::filesystem::remove_all(s_->files_dir, ec);
    delete s_;
  }

  static std::string Token(const std::string& login) {
    auto r = s_->accounts->Login(login, "matkhau123", "bearer", "r");
    EXPECT_TRUE(r);
    return r ? r->token : "";
  }

  static testutil::HttpResult Call(const std::string& token, const std::string& method, const std::string& target,
                                   const std::string& body = {}, const std::string& type = "application/json") {
    std::map<std::string, std::string> headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    if (!body.empty()) headers["Content-Type"] = type;
    return HttpRequest(port_, method, target, headers, body);
  }

  // Logs in through the page; returns the "motcua_session=…" pair.
  static std::string CookieLogin(const std::string& login) {
    auto r = HttpRequest(port_, "POST", "/dang-nhap", {{"Content-Type", "application/x-www-form-urlencoded"}},
                         "login=" + web::UrlEncode(login) + "&password=matkhau123");
    EXPECT_EQ(r.status, 303) << r.body;
    std::string cookie = r.headers["set-cookie"];
    return cookie.substr(0, cookie.find(';'));
  }
  static HttpResult Page(const std::string& cookie, const std::string& target) {
    Headers h{{"Accept", "text/html"}};
    if (!cookie.empty()) h["Cookie"] = cookie;
    return HttpRequest(port_, "GET", target, h);
  }
  static HttpResult PostForm(const std::string& cookie, const std::string& target, const std::string& body) {
    return HttpRequest(port_, "POST", target,
                       {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}}, body);
  }
  static HttpResult PostMultipart(const std::string& cookie, const std::string& target, const std::string& body) {
    return HttpRequest(port_, "POST", target,
                       {{"Cookie", cookie}, {"Content-Type", std::string("multipart/form-data; boundary=") + kBoundary}},
                       body);
  }

  struct State {
    std::unique_ptr<testutil::TestDatabase> db;
    std::filesystem::path files_dir;
    testutil::FakeClock clock{"2026-11-25T02:00:00Z"};
    security::SodiumPasswordHasher hasher{true};
    security::SodiumTokenService tokens;
    web::Metrics metrics;
    std::unique_ptr<store::CatalogStore> catalog_store;
    std::unique_ptr<app::CatalogService> catalog;
    std::unique_ptr<store::CalendarStore> calendar_store;
    std::unique_ptr<app::CalendarService> calendar;
    std::unique_ptr<store::AccountStore> account_store;
    std::unique_ptr<app::AccountService> accounts;
    std::unique_ptr<store::DossierStore> dossier_store;
    std::unique_ptr<store::LocalFileStore> file_store;
    std::unique_ptr<app::DossierService> dossiers;
    std::unique_ptr<store::ProcessStore> process_store;
    std::unique_ptr<store::WorklistStore> worklist_store;
    std::unique_ptr<app::HandlingService> handling;
    std::unique_ptr<web::WebContext> ctx;
    std::unique_ptr<web::Router> router;
    std::unique_ptr<web::Server> server;
  };
  static inline State* s_;
  static inline unsigned short port_;
  static inline std::string owner_, stranger_, ward_desk_, ward_specialist_, justice_desk_, supervisor_;
};


TEST_F(DossierPagesHttp, PagesNeedALoginAndRedirectBackAfterIt) {
  auto r = Page("", "/ho-so");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/dang-nhap?next=/ho-so");
  EXPECT_EQ(Page("", "/mot-cua").headers["location"], "/dang-nhap?next=/mot-cua");
  std::string citizen = CookieLogin("079305004321");
  EXPECT_EQ(Page(citizen, "/mot-cua").status, 403);
  EXPECT_EQ(Page(citizen, "/ho-so/moi?thu_tuc=9.999999").status, 404);
  auto list = Page(citizen, "/ho-so");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Hồ sơ của tôi"), std::string::npos);
  EXPECT_NE(list.body.find("Bạn chưa có hồ sơ nào."), std::string::npos);
}

TEST_F(DossierPagesHttp, CitizenSubmitsOfficerAsksSupplementCitizenCompletesOfficerAccepts) {
  std::string citizen = CookieLogin("079203001234");
  auto form = Page(citizen, "/ho-so/moi?thu_tuc=1.001193");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("Dung lượng tối đa 10 MB"), std::string::npos);
  EXPECT_NE(form.body.find("accept=\"application/pdf,image/jpeg,image/png\""), std::string::npos);
  EXPECT_NE(form.body.find("value=\"Nguyễn Văn An\""), std::string::npos);  // prefilled
  EXPECT_NE(form.body.find("Lưu nháp"), std::string::npos);
  std::string csrf = ValueAfter(form.body, "csrf_token");
  ASSERT_FALSE(csrf.empty());
  std::vector<std::pair<std::string, std::string>> fields{
      {"procedure_code", "1.001193"}, {"full_name", "Nguyễn Văn An"}, {"id_number", "079203001234"},
      {"phone", "0912345678"},         {"email", "an@example.vn"},     {"address", ""},
      {"request_note", "Khai sinh cho con"}, {"copies", "1"},         {"action", "nop"}};

  // Without the CSRF token: refused.
  EXPECT_EQ(PostMultipart(citizen, "/ho-so/moi", Multipart(fields, {{"component_0", kPdf}})).status, 403);
  fields.push_back({"csrf_token", csrf});
  // Without the required file: the form again, with the problem on the picker.
  auto missing = PostMultipart(citizen, "/ho-so/moi", Multipart(fields, {}));
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(missing.body.find("href=\"#component_0\""), std::string::npos) << missing.body;
  EXPECT_NE(missing.body.find("Khai sinh cho con"), std::string::npos);  // values kept

  auto created = PostMultipart(citizen, "/ho-so/moi", Multipart(fields, {{"component_0", kPdf}}));
  ASSERT_EQ(created.status, 303) << created.body;
  std::string location = created.headers["location"];
  ASSERT_EQ(location.rfind("/ho-so/", 0), 0u);
  std::string id = location.substr(7, location.find('?') - 7);
  auto view = Page(citizen, location);
  ASSERT_EQ(view.status, 200);
  EXPECT_NE(view.body.find("Đã nộp hồ sơ"), std::string::npos);
  EXPECT_NE(view.body.find("/api/v1/dossiers/" + id + "/files/"), std::string::npos);
  EXPECT_NE(view.body.find("Nộp hồ sơ trực tuyến"), std::string::npos);  // history
  auto mine = Page(citizen, "/ho-so");
  EXPECT_NE(mine.body.find("Chưa có mã"), std::string::npos);
  EXPECT_NE(mine.body.find("href=\"/ho-so/" + id + "\""), std::string::npos);

  // The ward's desk officer sees it waiting and asks for a supplement.
  std::string desk = CookieLogin("motcua.saigon");
  auto queue = Page(desk, "/mot-cua");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("href=\"/mot-cua/ho-so/" + id + "\""), std::string::npos);
  auto desk_view = Page(desk, "/mot-cua/ho-so/" + id);
  ASSERT_EQ(desk_view.status, 200);
  std::string desk_csrf = ValueAfter(desk_view.body, "csrf_token");
  std::string version = ValueAfter(desk_view.body, "version");
  auto empty_items = PostForm(desk, "/mot-cua/ho-so/" + id + "/bo-sung",
                              "csrf_token=" + desk_csrf + "&version=" + version + "&items=");
  EXPECT_EQ(empty_items.status, 400);
  EXPECT_NE(empty_items.body.find("Cần nêu ít nhất một nội dung phải bổ sung."), std::string::npos);
  auto no_reason = PostForm(desk, "/mot-cua/ho-so/" + id + "/tu-choi",
                           "csrf_token=" + desk_csrf + "&version=" + version + "&reason=");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("Cần nêu rõ lý do từ chối."), std::string::npos);
  EXPECT_EQ(PostForm(desk, "/mot-cua/ho-so/" + id + "/tiep-nhan", "version=" + version).status, 403);
  auto asked = PostForm(desk, "/mot-cua/ho-so/" + id + "/bo-sung",
                        "csrf_token=" + desk_csrf + "&version=" + version + "&items=" +
                            web::UrlEncode("Tờ khai chưa ký\nThiếu bản sao giấy chứng sinh"));
  ASSERT_EQ(asked.status, 303) << asked.body;
  EXPECT_NE(Page(desk, asked.headers["location"]).body.find("Đã gửi yêu cầu bổ sung"), std::string::npos);

  // The citizen sees the items, the printable Mẫu 02, and uploads.
  view = Page(citizen, "/ho-so/" + id);
  EXPECT_NE(view.body.find("Tờ khai chưa ký"), std::string::npos);
  EXPECT_NE(view.body.find("Thiếu bản sao giấy chứng sinh"), std::string::npos);
  EXPECT_NE(view.body.find("/api/v1/dossiers/" + id + "/forms/02?format=html"), std::string::npos);
  EXPECT_NE(view.body.find("Nộp bổ sung"), std::string::npos);
  std::string citizen_version = ValueAfter(view.body, "version");
  auto resubmitted = PostMultipart(citizen, "/ho-so/" + id + "/bo-sung",
                                   Multipart({{"csrf_token", csrf}, {"version", citizen_version}},
                                             {{"component_0", kPdf + "% ky roi\n"}}));
  ASSERT_EQ(resubmitted.status, 303) << resubmitted.body;
  EXPECT_EQ(resubmitted.headers["location"], "/ho-so/" + id + "?da-bo-sung=1");

  // A stale version is the Vietnamese conflict message.
  auto stale = PostForm(desk, "/mot-cua/ho-so/" + id + "/tiep-nhan", "csrf_token=" + desk_csrf + "&version=" + version);
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("Hồ sơ vừa được người khác cập nhật"), std::string::npos);
  // The fresh page accepts.
  desk_view = Page(desk, "/mot-cua/ho-so/" + id);
  auto accepted = PostForm(desk, "/mot-cua/ho-so/" + id + "/tiep-nhan",
                           "csrf_token=" + desk_csrf + "&version=" + ValueAfter(desk_view.body, "version"));
  ASSERT_EQ(accepted.status, 303) << accepted.body;
  EXPECT_NE(Page(desk, "/mot-cua").body.find("Đã tiếp nhận"), std::string::npos);

  view = Page(citizen, "/ho-so/" + id);
  EXPECT_NE(view.body.find("000.20.31.H29-261125-"), std::string::npos);
  EXPECT_NE(view.body.find("Ngày hẹn trả kết quả"), std::string::npos);
  EXPECT_NE(view.body.find("/api/v1/dossiers/" + id + "/forms/01?format=html"), std::string::npos);
  EXPECT_EQ(view.body.find("Rút hồ sơ</button>"), std::string::npos);
  auto receipt = Page(citizen, "/api/v1/dossiers/" + id + "/forms/01?format=html");
  EXPECT_EQ(receipt.status, 200);
  // Another citizen cannot see it.
  EXPECT_EQ(Page(CookieLogin("079305004321"), "/ho-so/" + id).status, 404);
}

TEST_F(DossierPagesHttp, CitizenSavesADraftThenSubmitsAndMayWithdraw) {
  std::string citizen = CookieLogin("079305004321");
  auto form = Page(citizen, "/ho-so/moi?thu_tuc=1.001193");
  std::string csrf = ValueAfter(form.body, "csrf_token");
  auto draft = PostMultipart(citizen, "/ho-so/moi",
                             Multipart({{"csrf_token", csrf}, {"procedure_code", "1.001193"},
                                        {"full_name", "Trần Thị Lan"}, {"id_number", "079305004321"},
                                        {"phone", "0987654321"}, {"copies", "1"}, {"action", "luu-nhap"}},
                                       {}));
  ASSERT_EQ(draft.status, 303) << draft.body;
  EXPECT_NE(draft.headers["location"].find("?da-luu=1"), std::string::npos);
  auto view = Page(citizen, draft.headers["location"]);
  EXPECT_NE(view.body.find("Hồ sơ nháp"), std::string::npos) << view.body;
  std::string id = draft.headers["location"].substr(7, draft.headers["location"].find('?') - 7);
  auto withdrawn = PostForm(citizen, "/ho-so/" + id + "/rut", "csrf_token=" + csrf + "&version=" + ValueAfter(view.body, "version"));
  ASSERT_EQ(withdrawn.status, 303) << withdrawn.body;
  EXPECT_NE(Page(citizen, "/ho-so/" + id).body.find("Đã rút hồ sơ"), std::string::npos);
  // A withdraw without the token is refused.
  EXPECT_EQ(PostForm(citizen, "/ho-so/" + id + "/rut", "version=1").status, 403);
}

}  // namespace
}  // namespace motcua
