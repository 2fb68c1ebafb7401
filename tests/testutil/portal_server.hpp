#pragma once
// The whole portal on 127.0.0.1 for HTTP tests of pages: a fresh SQLite
// database with the small catalog, every service (catalog, calendar,
// accounts, dossiers with a temporary file store, handling), the real router and
// server, a fake clock; plus helpers to log in through the login page and to
// send forms. One instance per test suite (start it in SetUpTestSuite).

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/dossier_service.hpp"
#include "app/feedback/feedback_service.hpp"
#include "app/handling/handling_service.hpp"
#include "app/rating/rating_service.hpp"
#include "security/rating_link_signer.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/calendar_store.hpp"
#include "store/catalog_store.hpp"
#include "store/dossier_store.hpp"
#include "store/feedback_store.hpp"
#include "store/local_file_store.hpp"
#include "store/process_store.hpp"
#include "store/rating_store.hpp"
#include "store/report_store.hpp"
#include "main/feedback_figures.hpp"
#include "app/reports/report_service.hpp"
#include "store/worklist_store.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/http_client.hpp"
#include "testutil/test_database.hpp"
#include "web/router.hpp"
#include "web/server.hpp"
#include "web/web_context.hpp"

namespace motcua::testutil {

class PortalServer {
 public:
  // Starts the portal with the clock at `now` (ISO 8601). Throws
  // std::runtime_error if the database or the server cannot start.
  explicit PortalServer(const char* now);
  ~PortalServer();
  PortalServer(const PortalServer&) = delete;
  PortalServer& operator=(const PortalServer&) = delete;

  unsigned short port() const { return port_; }
  FakeClock& clock() { return clock_; }
  app::AccountService& accounts() { return *accounts_; }
  app::CalendarService& calendar() { return *calendar_; }
  app::DossierService& dossiers() { return *dossiers_; }
  app::HandlingService& handling() { return *handling_; }
  app::FeedbackService& feedback() { return *feedback_; }
  app::RatingService& ratings() { return *ratings_; }
  app::ReportService& reports() { return *reports_; }

  // Adds an officer or a citizen with the password "matkhau123".
  void AddOfficer(const std::string& username, domain::Role role, const std::string& agency);
  void AddCitizen(const std::string& full_name, const std::string& id_number, const std::string& phone,
                  const std::string& email);

  // A bearer token for `login`.
  std::string Token(const std::string& login);
  // Logs in through /dang-nhap; returns the "motcua_session=…" cookie pair.
  std::string CookieLogin(const std::string& login);

  // GET as a browser (Accept: text/html) with the cookie, if any.
  HttpResult Page(const std::string& cookie, const std::string& target);
  // POST application/x-www-form-urlencoded with the cookie.
  HttpResult PostForm(const std::string& cookie, const std::string& target, const std::string& body);
  // POST multipart/form-data (a body from Multipart) with the cookie.
  HttpResult PostMultipart(const std::string& cookie, const std::string& target, const std::string& body);
  // An API call with a bearer token (empty: none) and a JSON body.
  HttpResult Api(const std::string& token, const std::string& method, const std::string& target,
                 const std::string& body = {});

 private:
  FakeClock clock_;
  std::filesystem::path files_dir_;
  security::SodiumPasswordHasher hasher_{true};
  security::SodiumTokenService tokens_;
  web::Metrics metrics_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<store::CatalogStore> catalog_store_;
  std::unique_ptr<app::CatalogService> catalog_;
  std::unique_ptr<store::CalendarStore> calendar_store_;
  std::unique_ptr<app::CalendarService> calendar_;
  std::unique_ptr<store::AccountStore> account_store_;
  std::unique_ptr<app::AccountService> accounts_;
  std::unique_ptr<store::DossierStore> dossier_store_;
  std::unique_ptr<store::LocalFileStore> file_store_;
  std::unique_ptr<app::DossierService> dossiers_;
  std::unique_ptr<store::ProcessStore> process_store_;
  std::unique_ptr<store::WorklistStore> worklist_store_;
  std::unique_ptr<app::HandlingService> handling_;
  std::unique_ptr<store::RatingStore> rating_store_;
  std::unique_ptr<security::SodiumRatingLinkSigner> rating_links_;
  std::unique_ptr<app::RatingService> ratings_;
  std::unique_ptr<store::FeedbackStore> feedback_store_;
  std::unique_ptr<app::FeedbackService> feedback_;
  std::unique_ptr<store::ReportStore> report_store_;
  std::unique_ptr<cli::FeedbackFigures> feedback_figures_;
  std::unique_ptr<app::ReportService> reports_;
  std::unique_ptr<web::WebContext> ctx_;
  std::unique_ptr<web::Router> router_;
  std::unique_ptr<web::Server> server_;
  unsigned short port_ = 0;
};

// The boundary Multipart uses.
inline constexpr const char* kMultipartBoundary = "PORTALBOUNDARY7";

// A multipart/form-data body: plain fields, then files (part name → bytes,
// sent as giay-to.pdf, application/pdf).
std::string Multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<std::pair<std::string, std::string>>& files);

// The value attribute of the first input named `name` in `html`
// (name="…" value="…"), or "".
std::string InputValue(const std::string& html, const std::string& name);

}  // namespace motcua::testutil
