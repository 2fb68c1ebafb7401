// HTTP tests of the dossier API on a real server: multipart submission,
// reception actions, tracking, forms, and a table of endpoint × caller.

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
#include "web/routes.hpp"
#include "web/server.hpp"

namespace motcua {
namespace {

using nlohmann::json;
using testutil::HttpRequest;

const std::string kPdf = "%PDF-1.4\n% test\n";

std::string Multipart(const std::string& boundary, const json& dossier,
                      const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"dossier\"\r\n"
                     "Content-Type: application/json\r\n\r\n" + dossier.dump() + "\r\n";
  for (const auto& [name, bytes] : files) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"f.pdf\"\r\n"
            "Content-Type: application/pdf\r\n\r\n" + bytes + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

class DossierHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string reason;
    s_ = new State();
    s_->db = testutil::TestDatabase::Create(testutil::Engine::kSqlite, &reason, 6);
    s_->files_dir = std::filesystem::temp_directory_path() / ("motcua_http_files_" + std::to_string(::getpid()));
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

  static json Submit(const std::string& token) {
    auto r = Call(token, "POST", "/api/v1/dossiers",
                  Multipart("BOUNDARY42", {{"procedure_code", "1.001193"}, {"request_note", "Khai sinh cho con"}},
                            {{"component_0", kPdf}}),
                  "multipart/form-data; boundary=BOUNDARY42");
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  static json Act(const std::string& token, const json& d, const json& action, int expect) {
    json body = action;
    body["version"] = d["version"];
    auto r = Call(token, "POST", "/api/v1/dossiers/" + std::to_string(d["id"].get<long long>()) + "/actions", body.dump());
    EXPECT_EQ(r.status, expect) << r.body;
    return json::parse(r.body, nullptr, false);
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

TEST_F(DossierHttp, SubmitsOnlineRequestsASupplementAndAcceptsWithACode) {
  json d = Submit(owner_);
  EXPECT_EQ(d["status"], "submitted");
  EXPECT_EQ(d["applicant"]["full_name"], "Nguyễn Văn An");
  ASSERT_EQ(d["files"].size(), 1u);
  EXPECT_EQ(d["files"][0]["content_type"], "application/pdf");

  json asked = Act(ward_desk_, d, {{"action", "request_supplement"}, {"items", {"Tờ khai chưa ký"}}}, 200);
  EXPECT_EQ(asked["status"], "supplement_requested");
  // Form 02 lists what is missing.
  auto form02 = Call(owner_, "GET", "/api/v1/dossiers/" + std::to_string(d["id"].get<long long>()) + "/forms/02");
  EXPECT_EQ(form02.status, 200) << form02.body;
  json resubmitted = Act(owner_, asked, {{"action", "resubmit"}}, 200);
  json accepted = Act(ward_desk_, resubmitted, {{"action", "accept"}}, 200);
  ASSERT_EQ(accepted["status"], "accepted");
  std::string code = accepted["code"];
  EXPECT_EQ(code.substr(0, 21), "000.20.31.H29-261125-");
  EXPECT_EQ(accepted["due_at"], "2026-11-26T10:00:00.000Z");

  // A stale action is a clean 409.
  Act(ward_desk_, resubmitted, {{"action", "refuse"}, {"reason", "x"}}, 409);

  // Public tracking shows status and dates, nothing personal.
  auto tracked = Call("", "GET", "/api/v1/tracking/" + code);
  ASSERT_EQ(tracked.status, 200) << tracked.body;
  json t = json::parse(tracked.body);
  EXPECT_EQ(t["status"], "accepted");
  EXPECT_EQ(t.find("applicant"), t.end());
  EXPECT_EQ(tracked.body.find("Nguyễn Văn An"), std::string::npos);
  EXPECT_EQ(tracked.body.find("079203001234"), std::string::npos);
  auto page = HttpRequest(port_, "GET", "/tra-cuu?ma=" + code, {{"Accept", "text/html"}});
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Đã tiếp nhận"), std::string::npos);
  EXPECT_EQ(page.body.find("Nguyễn Văn An"), std::string::npos);
  EXPECT_EQ(Call("", "GET", "/api/v1/tracking/khong-phai-ma").status, 400);
  EXPECT_EQ(Call("", "GET", "/api/v1/tracking/000.20.31.H29-261125-9999").status, 404);

  // The receipt (Mẫu 01) as JSON and printable HTML.
  auto receipt = Call(owner_, "GET", "/api/v1/dossiers/" + code + "/forms/01");
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  EXPECT_EQ(json::parse(receipt.body)["code"], code);
  auto printable = Call(owner_, "GET", "/api/v1/dossiers/" + code + "/forms/01?format=html");
  EXPECT_EQ(printable.status, 200);
  EXPECT_NE(printable.body.find("<svg"), std::string::npos);

  // The owner downloads the file; the notices tell the story.
  std::string sha = accepted["files"][0]["sha256"];
  auto file = Call(owner_, "GET", "/api/v1/dossiers/" + code + "/files/" + sha);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPdf);
  auto notices = json::parse(Call(owner_, "GET", "/api/v1/notices").body);
  EXPECT_EQ(notices["items"][0]["title"], "Hồ sơ đã được tiếp nhận");
}

TEST_F(DossierHttp, RejectsBadUploadsAndBadBodiesWithVietnameseProblems) {
  auto fake = Call(owner_, "POST", "/api/v1/dossiers",
                   Multipart("B", {{"procedure_code", "1.001193"}}, {{"component_0", "MZ not a pdf"}}),
                   "multipart/form-data; boundary=B");
  EXPECT_EQ(fake.status, 400);
  EXPECT_NE(fake.body.find("PDF, JPEG hoặc PNG"), std::string::npos);
  EXPECT_EQ(Call(owner_, "POST", "/api/v1/dossiers", "{not json").status, 400);
  EXPECT_EQ(Call(owner_, "POST", "/api/v1/dossiers", "--x\r\n", "multipart/form-data; boundary=zz").status, 400);
  EXPECT_EQ(Call("", "POST", "/api/v1/dossiers", "{}").status, 401);
  json d = Submit(owner_);
  Act(owner_, d, {{"action", "explode"}}, 400);
  auto no_version = Call(ward_desk_, "POST", "/api/v1/dossiers/" + std::to_string(d["id"].get<long long>()) + "/actions",
                         R"({"action":"accept"})");
  EXPECT_EQ(no_version.status, 400);
  EXPECT_EQ(Call(owner_, "GET", "/api/v1/dossiers?limit=0").status, 400);
  EXPECT_EQ(Call(owner_, "GET", "/api/v1/dossiers?status=flying").status, 400);
}

// Who may do what, one row per endpoint and caller (issue: citizens see only
// their own dossiers; an officer of agency A can neither see nor act on
// agency B's; each role may perform only its actions).
TEST_F(DossierHttp, AuthorizationTableOfEndpointsRolesAndAgencies) {
  json d = Submit(owner_);
  std::string id = std::to_string(d["id"].get<long long>());
  struct Row {
    const char* who;
    std::string token;
    int view;    // GET /api/v1/dossiers/{id}
    int accept;  // POST actions accept
    int listed;  // how many of this dossier the list shows
  };
  std::vector<Row> table = {
      {"owner", owner_, 200, 403, 1},
      {"another citizen", stranger_, 404, 404, 0},
      {"ward desk officer", ward_desk_, 200, 200, 1},
      {"ward specialist", ward_specialist_, 200, 403, 1},
      {"justice desk officer", justice_desk_, 404, 404, 0},
      {"province supervisor", supervisor_, 200, 403, 1},
      {"anonymous", "", 401, 401, -1},
  };
  // Accept last by the ward desk (it changes the state); others first.
  std::stable_sort(table.begin(), table.end(), [](const Row& a, const Row& b) { return a.accept != 200 && b.accept == 200; });
  for (const auto& row : table) {
    SCOPED_TRACE(row.who);
    auto view = Call(row.token, "GET", "/api/v1/dossiers/" + id);
    EXPECT_EQ(view.status, row.view) << view.body;
    json current = json::parse(Call(ward_desk_, "GET", "/api/v1/dossiers/" + id).body);
    json body = {{"action", "accept"}, {"version", current["version"]}};
    EXPECT_EQ(Call(row.token, "POST", "/api/v1/dossiers/" + id + "/actions", body.dump()).status, row.accept);
    auto list = Call(row.token, "GET", "/api/v1/dossiers?limit=100");
    if (row.listed < 0) {
      EXPECT_EQ(list.status, 401);
      continue;
    }
    ASSERT_EQ(list.status, 200);
    int seen = 0;
    json listed = json::parse(list.body);  // keep it alive for the loop
    for (const auto& item : listed["items"]) seen += item["id"] == d["id"];
    EXPECT_EQ(seen, row.listed);
  }
  // Denials are audited.
  auto audit = HttpRequest(port_, "GET", "/metrics");
  EXPECT_EQ(audit.status, 200);
}

}  // namespace
}  // namespace motcua
