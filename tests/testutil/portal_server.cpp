#include "testutil/portal_server.hpp"

#include <unistd.h>

#include <atomic>
#include <stdexcept>

#include "testutil/catalog_builder.hpp"
#include "web/http.hpp"
#include "web/routes.hpp"

namespace motcua::testutil {

PortalServer::PortalServer(const char* now) : clock_(now) {
  static std::atomic<int> instances{0};
  std::string reason;
  db_ = TestDatabase::Create(Engine::kSqlite, &reason, 6);
  if (!db_) throw std::runtime_error("no test database: " + reason);
  files_dir_ = std::filesystem::temp_directory_path() /
               ("motcua_portal_files_" + std::to_string(::getpid()) + "_" + std::to_string(instances++));
  catalog_store_ = std::make_unique<store::CatalogStore>(db_->db());
  catalog_ = std::make_unique<app::CatalogService>(*catalog_store_);
  if (!catalog_->Import(SmallCatalog())) throw std::runtime_error("catalog import failed");
  calendar_store_ = std::make_unique<store::CalendarStore>(db_->db());
  calendar_ = std::make_unique<app::CalendarService>(*calendar_store_, clock_);
  account_store_ = std::make_unique<store::AccountStore>(db_->db());
  accounts_ = std::make_unique<app::AccountService>(*account_store_, hasher_, tokens_, clock_);
  dossier_store_ = std::make_unique<store::DossierStore>(db_->db());
  file_store_ = std::make_unique<store::LocalFileStore>(files_dir_.string());
  dossiers_ = std::make_unique<app::DossierService>(*dossier_store_, *file_store_, *catalog_, *calendar_, *accounts_,
                                                    clock_);
  process_store_ = std::make_unique<store::ProcessStore>(db_->db());
  worklist_store_ = std::make_unique<store::WorklistStore>(db_->db());
  // Also starts the internal process of every dossier accepted from now on.
  handling_ = std::make_unique<app::HandlingService>(*dossiers_, *dossier_store_, *process_store_, *worklist_store_,
                                                     *file_store_, *catalog_, *calendar_, *accounts_,
                                                     *account_store_, clock_);
  rating_store_ = std::make_unique<store::RatingStore>(db_->db());
  rating_links_ = std::make_unique<security::SodiumRatingLinkSigner>(
      [this] { return rating_store_->LinkKey(security::SodiumRatingLinkSigner::NewKey); });
  ratings_ = std::make_unique<app::RatingService>(*rating_store_, *dossiers_, *dossier_store_, *rating_links_, tokens_,
                                                  clock_);
  ratings_->Observe(*handling_);
  feedback_store_ = std::make_unique<store::FeedbackStore>(db_->db());
  feedback_ = std::make_unique<app::FeedbackService>(*feedback_store_, *dossier_store_, *catalog_, *calendar_, tokens_,
                                                     clock_);
  report_store_ = std::make_unique<store::ReportStore>(db_->db());
  feedback_figures_ = std::make_unique<cli::FeedbackFigures>(*feedback_store_, clock_);
  reports_ = std::make_unique<app::ReportService>(*report_store_, *catalog_, *feedback_figures_, *account_store_, clock_);
  ctx_ = std::make_unique<web::WebContext>(web::WebContext{*catalog_, metrics_, "Cổng thử nghiệm"});
  ctx_->calendar = calendar_.get();
  ctx_->accounts = accounts_.get();
  ctx_->dossiers = dossiers_.get();
  ctx_->handling = handling_.get();
  ctx_->feedback = feedback_.get();
  ctx_->ratings = ratings_.get();
  ctx_->reports = reports_.get();
  ctx_->secure_cookies = false;
  router_ = web::BuildRoutes(*ctx_);
  web::ServerOptions options;
  options.port = FreePort();
  options.threads = 2;
  options.access_log = false;
  port_ = options.port;
  server_ = std::make_unique<web::Server>(*router_, metrics_, options);
  if (!server_->Start()) throw std::runtime_error("server did not start");
}

PortalServer::~PortalServer() {
  server_.reset();
  std::error_code ec;
  std::filesystem::remove_all(files_dir_, ec);
}

void PortalServer::AddOfficer(const std::string& username, domain::Role role, const std::string& agency) {
  auto added = accounts_->AddOfficer({username, "", role, agency, "matkhau123"}, "test");
  if (!added) throw std::runtime_error("AddOfficer " + username + ": " + added.error().internal_message);
}

void PortalServer::AddCitizen(const std::string& full_name, const std::string& id_number, const std::string& phone,
                              const std::string& email) {
  auto added = accounts_->RegisterCitizen({full_name, id_number, phone, email, "", "matkhau123"}, "test");
  if (!added) throw std::runtime_error("RegisterCitizen " + id_number + ": " + added.error().internal_message);
}

std::string PortalServer::Token(const std::string& login) {
  auto r = accounts_->Login(login, "matkhau123", "bearer", "test");
  if (!r) throw std::runtime_error("login " + login + ": " + r.error().internal_message);
  return r->token;
}

std::string PortalServer::CookieLogin(const std::string& login) {
  auto r = HttpRequest(port_, "POST", "/dang-nhap", {{"Content-Type", "application/x-www-form-urlencoded"}},
                       "login=" + web::UrlEncode(login) + "&password=matkhau123");
  if (r.status != 303) throw std::runtime_error("cookie login " + login + ": status " + std::to_string(r.status));
  std::string cookie = r.headers["set-cookie"];
  return cookie.substr(0, cookie.find(';'));
}

HttpResult PortalServer::Page(const std::string& cookie, const std::string& target) {
  std::map<std::string, std::string> headers{{"Accept", "text/html"}};
  if (!cookie.empty()) headers["Cookie"] = cookie;
  return HttpRequest(port_, "GET", target, headers);
}

HttpResult PortalServer::PostForm(const std::string& cookie, const std::string& target, const std::string& body) {
  return HttpRequest(port_, "POST", target, {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}},
                     body);
}

HttpResult PortalServer::PostMultipart(const std::string& cookie, const std::string& target,
                                       const std::string& body) {
  return HttpRequest(
      port_, "POST", target,
      {{"Cookie", cookie}, {"Content-Type", std::string("multipart/form-data; boundary=") + kMultipartBoundary}}, body);
}

HttpResult PortalServer::Api(const std::string& token, const std::string& method, const std::string& target,
                             const std::string& body) {
  std::map<std::string, std::string> headers;
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  if (!body.empty()) headers["Content-Type"] = "application/json";
  return HttpRequest(port_, method, target, headers, body);
}

std::string Multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<std::pair<std::string, std::string>>& files) {
  const std::string dash = std::string("--") + kMultipartBoundary;
  std::string body;
  for (const auto& [name, value] : fields) {
    body += dash + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }
  for (const auto& [name, bytes] : files) {
    body += dash + "\r\nContent-Disposition: form-data; name=\"" + name +
            "\"; filename=\"giay-to.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n";
  }
  return body + dash + "--\r\n";
}

std::string InputValue(const std::string& html, const std::string& name) {
  const std::string marker = "name=\"" + name + "\" value=\"";
  auto at = html.find(marker);
  if (at == std::string::npos) return {};
  at += marker.size();
  return html.substr(at, html.find('"', at) - at);
}

}  // namespace motcua::testutil
