#pragma once
// Handling pages (giải quyết hồ sơ) for officers and administrators, working
// without JavaScript:
//   /can-bo/ho-so                 worklist with tabs, filters, keyset paging
//                                 and bulk assignment (phân công hàng loạt);
//   /can-bo/ho-so/{id}            the officer's dossier view: summary, process,
//                                 consultations, files, results, history, and
//                                 one form per available action (POST …/xu-ly);
//   /can-bo/ho-so/{id}/mau-04     Phiếu xin lỗi và hẹn lại ngày trả kết quả
//                                 (also for the applicant who owns the dossier);
//   /can-bo/ho-so/{id}/mau-05     Phiếu kiểm soát quá trình giải quyết hồ sơ;
//   /can-bo/so-theo-doi           Sổ theo dõi hồ sơ (Mẫu 06), A4 landscape;
//   /quan-tri/quy-trinh[/{code}]  internal process editor (quy trình nội bộ).
//
// Thin adapters over app::HandlingService (and DossierService for the
// history). Every POST is authenticated by the session cookie and carries the
// session's CSRF token in `csrf_token`; successful posts answer 303, failed
// ones re-render the page with the Vietnamese message and the status of
// web/error_mapping. Pages that need a login answer 303 to /dang-nhap?next=….
// Thread-safe: no state.

#include <vector>

#include "app/dossier/ports.hpp"
#include "web/http.hpp"
#include "web/router.hpp"
#include "web/templates.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

class HandlingPages {
 public:
  explicit HandlingPages(WebContext& ctx) : ctx_(ctx) {}

  // GET /can-bo/ho-so?tab=&status=&step=&procedure=&due=&channel=&from=&to=&q=&after=
  // (the filters of WorklistQueryFrom; dates YYYY-MM-DD from <input type=date>).
  Response Worklist(Request& req);
  // POST /can-bo/ho-so/phan-cong?tab=… (csrf_token, dossier=<id>…, assignee):
  // 303 back to the list when every dossier was assigned, else the list with
  // the dossiers that failed and why.
  Response BulkAssign(Request& req);
  // GET /can-bo/ho-so/{id}[?ket-qua=<action>]
  Response View(Request& req);
  // POST /can-bo/ho-so/{id}/xu-ly (csrf_token, action, version and the
  // action's fields; multipart/form-data with a part "file" for attach_result).
  Response Act(Request& req);
  // GET /can-bo/ho-so/{id}/mau-04 and /mau-05: standalone printable pages.
  Response Form04(Request& req);
  Response Form05(Request& req);
  // GET /can-bo/so-theo-doi?agency=&year=
  Response Register(Request& req);
  // GET /quan-tri/quy-trinh?q=: procedures whose process the caller may edit.
  Response ProcessList(Request& req);
  // GET /quan-tri/quy-trinh/{code}[?da-luu=N] and POST /quan-tri/quy-trinh/{code}
  // (csrf_token, effective_from, note, rows, and per row i: step_name_i,
  // step_role_i, step_unit_i, step_agency_i, step_days_i, step_parallel_i with
  // "agency_code | task | days" per line; rows left empty are ignored).
  Response ProcessEditor(Request& req);
  Response ProcessSave(Request& req);

 private:
  WebContext& ctx_;
};

// Adds the handling pages to the route table.
void AddHandlingPageRoutes(Router& router, WebContext& ctx);

// The applicant's view of a dossier's handling, for the citizen's page
// /ho-so/{id}: sets in `view` "history" (every step with its date and unit,
// and only the notes meant for the applicant: never officers' user names),
// "handling_step" (where it is now), "original_due_at" and "apology" (after
// a Mẫu 04), "result_state" ("Đã có kết quả" / "Đã trả kết quả") and
// "results" (download links once the result was returned online). Leaves
// `view` alone when ctx.handling is not set.
void AddApplicantHandling(TemplateData& view, WebContext& ctx, const domain::Dossier& dossier,
                          const std::vector<app::DossierEvent>& events);

}  // namespace motcua::web
