#pragma once
// What handlers need: the use cases and shared web services. Built by main/.

#include <string>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/dossier_service.hpp"
#include "app/feedback/feedback_service.hpp"
#include "app/handling/handling_service.hpp"
#include "app/rating/rating_service.hpp"
#include "app/reports/report_service.hpp"
#include "web/metrics.hpp"

namespace motcua::web {

struct WebContext {
  app::CatalogService& catalog;
  Metrics& metrics;
  std::string portal_name = "Cổng Dịch vụ công";
  app::CalendarService* calendar = nullptr;
  app::AccountService* accounts = nullptr;
  app::DossierService* dossiers = nullptr;
  app::HandlingService* handling = nullptr;
  app::FeedbackService* feedback = nullptr;  // phản ánh, kiến nghị
  app::RatingService* ratings = nullptr;  // satisfaction ratings and desk kiosks
  app::ReportService* reports = nullptr;  // reports, indicators and dashboards
  // Cookies get the Secure attribute unless serving plain HTTP for
  // development (set from --insecure-cookies / loopback listening).
  bool secure_cookies = true;
  // Absolute base URL citizens reach the portal at, for links printed on
  // forms (QR codes must open on a phone), e.g. "https://dichvucong.example.vn".
  std::string public_url = "http://localhost:8080";
};

}  // namespace motcua::web
