#pragma once
// The composition root of the use cases over one database: every store,
// the file store and every service, wired once for `serve` and for the
// commands that run use cases (`jobs run-once`).

#include <memory>
#include <string>

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
#include "store/database.hpp"
#include "store/dossier_store.hpp"
#include "store/feedback_store.hpp"
#include "store/local_file_store.hpp"
#include "store/process_store.hpp"
#include "store/rating_store.hpp"
#include "store/report_store.hpp"
#include "main/feedback_figures.hpp"
#include "app/reports/report_service.hpp"
#include "store/worklist_store.hpp"

namespace motcua::cli {

// How long hot lookups are trusted in memory (`serve --session-cache`,
// `--tracking-cache`); 0 turns a cache off.
struct PortalOptions {
  std::chrono::milliseconds session_cache = app::AccountService::kDefaultSessionCache;
  std::chrono::milliseconds tracking_cache = store::DossierStore::kDefaultTrackingCache;
};

struct Portal {
  Portal(store::Database& db, const std::string& files_dir, const PortalOptions& options = {});

  store::CatalogStore catalog_store;
  app::CatalogService catalog;
  store::CalendarStore calendar_store;
  app::SystemClock clock;
  app::CalendarService calendar;
  store::AccountStore account_store;
  security::SodiumPasswordHasher hasher;
  security::SodiumTokenService tokens;
  app::AccountService accounts;
  store::DossierStore dossier_store;
  store::LocalFileStore file_store;
  app::DossierService dossiers;
  store::ProcessStore process_store;
  store::WorklistStore worklist_store;
  app::HandlingService handling;
  store::RatingStore rating_store;
  security::SodiumRatingLinkSigner rating_links;
  app::RatingService ratings;  // observes `handling` (rating links, desk kiosks)
  store::FeedbackStore feedback_store;
  app::FeedbackService feedback;  // phản ánh, kiến nghị
  store::ReportStore report_store;
  FeedbackFigures feedback_figures;
  app::ReportService reports;
};

}  // namespace motcua::cli
