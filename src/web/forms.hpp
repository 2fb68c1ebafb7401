#pragma once
// Printed forms of the one-stop desk (Thông tư 01/2018/TT-VPCP Điều 9;
// rules.md §5), filled from the dossier, the catalog and the applicant:
//
//   "01" Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt and appointment)
//   "02" Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (supplement request: every
//        missing or wrong item at once)
//   "03" Phiếu từ chối tiếp nhận, giải quyết hồ sơ (refusal, with reasons)
//
// Each form exists as JSON (for the API and e-signing) and as a standalone,
// printable A5 HTML page (templates/form_layout.mustache + form_0N.mustache,
// styled by static/print.css) carrying a QR code of the public tracking URL
// and the dossier code as text. Pure functions of their input; thread-safe.
//
// JSON shape (every key always present; null or "" when unknown):
//   {"form": "01", "title": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
//    "code": "000.00.06.H29-261125-0001" ("" before acceptance), "dossier_id": 42,
//    "status": "accepted",
//    "agency": {"code", "name", "parent_name"},
//    "applicant": {"full_name", "id_number", "address", "phone", "email", "organization"},
//    "procedure": {"code", "name", "processing_days"},
//    "request_note": "...",
//    "components": [{"name", "originals", "certified_copies", "photocopies",
//                    "required": bool, "received": bool}],
//    "copies": 1,
//    "received_at": ISO 8601 UTC or null, "due_at": ISO or null,
//    "issued_at": ISO or null (the date printed on the form),
//    "collect_at": the receiving agency's address,
//    "fees": [{"name", "amount_vnd", "note"}], "fee_method": "...",
//    "tracking_url": "...", "officer": "..."}
//   plus "items": [...] and "note" for 02, "reason" for 03.
//
// "components" come from the procedure (from the dossier's files when the
// procedure left the catalog); "received" marks those with a file in
// dossier.files (by component_index).

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/catalog/agency.hpp"
#include "domain/catalog/procedure.hpp"
#include "domain/dossier/dossier.hpp"

namespace motcua::web {

// What a form is filled from. Pointers are borrowed for the call only.
struct FormContext {
  const domain::Dossier* dossier = nullptr;      // required
  const domain::Procedure* procedure = nullptr;  // nullptr if removed from the catalog
  const domain::Agency* agency = nullptr;        // receiving agency, may be nullptr
  const domain::Agency* parent_agency = nullptr; // its parent (cơ quan chủ quản), may be nullptr
  // Encoded in the QR code. Give an absolute URL ("https://dichvucong.example/tra-cuu?ma=CODE")
  // so that a phone can open it; a site-relative one is printed but scans as text only.
  // Empty: no QR code.
  std::string tracking_url;
  std::string place = "Thành phố Hồ Chí Minh";  // địa danh in "<place>, ngày ... tháng ... năm ..."
  std::string officer_name;                      // who received / signs; empty leaves a blank to sign
  // The date printed on the form. Default: received_at (01), updated_at (02),
  // decided_at (03); pass the time of the audit event when reprinting later.
  std::optional<Timestamp> issued_at = std::nullopt;
  // How fees are paid (hình thức nộp phí). Default: "Không thu phí, lệ phí"
  // when the procedure has none, else by the dossier's channel.
  std::string fee_method = {};
};

// Returns the form `number` ("01", "02", "03") as JSON (shape above).
// Errors: kNotFound for another number; kFailedPrecondition when the form
// does not apply to the dossier (01 needs status accepted with a code,
// received_at and due_at; 02 needs supplement_requested; 03 needs refused);
// kInternal when ctx.dossier is null.
Result<nlohmann::json> FormJson(const std::string& number, const FormContext& ctx);

// Returns the form as a complete standalone HTML page (lang="vi", A5 portrait,
// /static/print.css, no script so it passes the site's CSP) with every value
// escaped, the QR code inlined and the dossier code as text under it.
// Errors: those of FormJson, and of QrSvg for an unusable tracking_url.
Result<std::string> FormHtml(const std::string& number, const FormContext& ctx);

}  // namespace motcua::web
