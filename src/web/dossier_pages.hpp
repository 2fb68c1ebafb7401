#pragma once
// Dossier pages (hồ sơ) for people, working without JavaScript:
//   citizens and businesses: /ho-so (my dossiers and notices), /ho-so/moi
//   (online submission, multipart), /ho-so/{id} (status, files, history,
//   supplement upload, withdrawal, printable forms);
//   desk officers (Bộ phận Một cửa): /mot-cua (queue of their scope),
//   /mot-cua/ho-so/{id} with the accept / request supplement / refuse forms,
//   and /mot-cua/tiep-nhan-moi (paper dossiers received at the desk or by
//   post, DossierService::ReceiveAtDesk).
//
// Thin adapters over app::DossierService. Every POST is authenticated by the
// session cookie and carries the session's CSRF token in `csrf_token` (a
// form field, or a part of a multipart body). Pages re-render with their
// field errors; successful posts answer 303 (Post/Redirect/Get). Pages that
// need a login answer 303 to /dang-nhap?next=… . Thread-safe: no state.

#include "web/http.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

class DossierPages {
 public:
  explicit DossierPages(WebContext& ctx) : ctx_(ctx) {}

  // GET /ho-so
  Response MyDossiers(Request& req);
  // GET /ho-so/moi?thu_tuc=CODE and POST /ho-so/moi (multipart/form-data:
  // the applicant fields, component_<n> files, action=luu-nhap|nop).
  Response NewForm(Request& req);
  Response NewSubmit(Request& req);
  // GET /ho-so/{id}
  Response View(Request& req);
  // POST /ho-so/{id}/bo-sung (multipart: version, component_<n>): attaches
  // the files, then submits a draft or resubmits after a supplement request.
  Response Supplement(Request& req);
  // POST /ho-so/{id}/rut (version)
  Response Withdraw(Request& req);

  // GET /mot-cua: waiting for reception and recently handled, in the scope.
  Response DeskQueue(Request& req);
  // GET /mot-cua/ho-so/{id}
  Response DeskView(Request& req);
  // POST /mot-cua/ho-so/{id}/tiep-nhan | bo-sung | tu-choi (version, items, reason)
  Response DeskAccept(Request& req);
  Response DeskSupplement(Request& req);
  Response DeskRefuse(Request& req);

  // GET /mot-cua/tiep-nhan-moi: step 1, the procedures the officer's agency
  // subtree receives; with ?thu_tuc=CODE step 2, the form for that
  // procedure (&so_dinh_danh=N fills the applicant from a citizen's
  // account). For desk officers, agency and system administrators; others 403.
  Response DeskIntakeForm(Request& req);
  // POST /mot-cua/tiep-nhan-moi (multipart/form-data: procedure_code,
  // agency_code, channel truc-tiep|buu-chinh, postal_date dd/mm/yyyy,
  // postal_time HH:MM, full_name, id_number, phone, email, address,
  // request_note, copies, component_<n> files and copy_kind_<n>
  // electronic|original|certified_copy|photocopy): 303 to the officer's view
  // of the new dossier; the form again with field errors otherwise.
  Response DeskIntakeSubmit(Request& req);

 private:
  Response DeskAct(Request& req, const char* action, const char* done);
  WebContext& ctx_;
};

}  // namespace motcua::web
