#include "main/portal.hpp"

namespace motcua::cli {

Portal::Portal(store::Database& db, const std::string& files_dir, const PortalOptions& options)
    : catalog_store(db),
      catalog(catalog_store),
      calendar_store(db),
      calendar(calendar_store, clock),
      account_store(db),
      accounts(account_store, hasher, tokens, clock, options.session_cache),
      dossier_store(db, options.tracking_cache),
      file_store(files_dir),
      dossiers(dossier_store, file_store, catalog, calendar, accounts, clock),
      process_store(db),
      worklist_store(db),
      handling(dossiers, dossier_store, process_store, worklist_store, file_store, catalog, calendar, accounts,
               account_store, clock),
      rating_store(db),
      rating_links([this] { return rating_store.LinkKey(security::SodiumRatingLinkSigner::NewKey); }),
      ratings(rating_store, dossiers, dossier_store, rating_links, tokens, clock),
      feedback_store(db),
      feedback(feedback_store, dossier_store, catalog, calendar, tokens, clock),
      report_store(db),
      feedback_figures(feedback_store, clock),
      reports(report_store, catalog, feedback_figures, account_store, clock) {
  ratings.Observe(handling);
}

}  // namespace motcua::cli
