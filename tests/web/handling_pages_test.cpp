// HTTP tests of the handling pages (/can-bo/ho-so, /quan-tri/quy-trinh,
// Mẫu 04–06) on a real server: an online dossier accepted at the desk waits
// in the unit queue, an officer forwards it through the action form, a
// leader assigns it in bulk, a stale form gets the conflict message; the
// control slip lists the hand-overs, the register downloads as CSV; the
// process editor saves a valid version and re-renders an invalid one;
// citizens and CSRF-less posts are refused.

#include <gtest/gtest.h>

#include <string>

#include "testutil/portal_server.hpp"
#include "web/http.hpp"

namespace motcua {
namespace {

using testutil::InputValue;
using testutil::Multipart;
using testutil::PortalServer;
using domain::Role;

const std::string kPdf = "%PDF-1.4\n% test\n";
constexpr const char* kWard = "000.20.31.H29";

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// The value of the hidden input `name` inside the form posting `action`
// (each action form carries its own hidden fields).
std::string FormInput(const std::string& html, const std::string& action, const std::string& name) {
  auto at = html.find("name=\"action\" value=\"" + action + "\"");
  if (at == std::string::npos) return {};
  auto form = html.rfind("<form", at);
  return InputValue(html.substr(form), name);
}

class HandlingPagesHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    portal_ = new PortalServer("2026-11-25T02:00:00Z");  // Wednesday 09:00 in Vietnam
    portal_->AddOfficer("motcua.saigon", Role::kDeskOfficer, kWard);
    portal_->AddOfficer("chuyenvien.saigon", Role::kSpecialist, kWard);
    portal_->AddOfficer("lanhdao.saigon", Role::kLeader, kWard);
    portal_->AddOfficer("quantri.saigon", Role::kAgencyAdmin, kWard);
    portal_->AddCitizen("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
  }
  static void TearDownTestSuite() { delete portal_; }

  // An online birth registration submitted by the citizen and accepted at
  // the desk; returns its id.
  static std::string AcceptedDossier(const std::string& applicant = "Nguyễn Văn An") {
    std::string citizen = portal_->CookieLogin("079203001234");
    auto form = portal_->Page(citizen, "/ho-so/moi?thu_tuc=1.001193");
    EXPECT_EQ(form.status, 200) << form.body;
    std::string csrf = InputValue(form.body, "csrf_token");
    auto created = portal_->PostMultipart(
        citizen, "/ho-so/moi",
        Multipart({{"csrf_token", csrf}, {"procedure_code", "1.001193"}, {"full_name", applicant},
                   {"id_number", "079203001234"}, {"phone", "0912345678"}, {"email", "an@example.vn"},
                   {"address", "12 Lê Lợi"}, {"request_note", "Khai sinh cho con"}, {"copies", "1"},
                   {"action", "nop"}},
                  {{"component_0", kPdf}}));
    EXPECT_EQ(created.status, 303) << created.body;
    std::string location = created.headers["location"];
    std::string id = location.substr(7, location.find('?') - 7);  // /ho-so/<id>?da-nop=1
    std::string desk = portal_->CookieLogin("motcua.saigon");
    auto view = portal_->Page(desk, "/mot-cua/ho-so/" + id);
    EXPECT_EQ(view.status, 200);
    auto accepted = portal_->PostForm(desk, "/mot-cua/ho-so/" + id + "/tiep-nhan",
                                      "csrf_token=" + web::UrlEncode(InputValue(view.body, "csrf_token")) +
                                          "&version=" + InputValue(view.body, "version"));
    EXPECT_EQ(accepted.status, 303) << accepted.body;
    return id;
  }

  static std::string CodeOf(const std::string& officer_cookie, const std::string& id) {
    auto view = portal_->Page(officer_cookie, "/can-bo/ho-so/" + id);
    auto at = view.body.find(std::string(kWard) + "-");
    return at == std::string::npos ? std::string() : view.body.substr(at, std::string(kWard).size() + 12);
  }

  // Posts the action form `action` of the officer's view with `fields`.
  static testutil::HttpResult Act(const std::string& cookie, const std::string& id, const std::string& action,
                                  const std::string& fields = {}, std::string version = {}) {
    auto view = portal_->Page(cookie, "/can-bo/ho-so/" + id);
    EXPECT_EQ(view.status, 200);
    std::string csrf = FormInput(view.body, action, "csrf_token");
    EXPECT_FALSE(csrf.empty()) << "no form for " << action << " in " << view.body;
    if (version.empty()) version = FormInput(view.body, action, "version");
    return portal_->PostForm(cookie, "/can-bo/ho-so/" + id + "/xu-ly",
                             "csrf_token=" + web::UrlEncode(csrf) + "&action=" + action + "&version=" + version +
                                 (fields.empty() ? "" : "&" + fields));
  }

  static inline PortalServer* portal_;
};

TEST_F(HandlingPagesHttp, AcceptedOnlineDossierWaitsInTheDeskUnitQueueWithItsDueStatus) {
  std::string id = AcceptedDossier();
  std::string desk = portal_->CookieLogin("motcua.saigon");
  std::string code = CodeOf(desk, id);
  ASSERT_FALSE(code.empty());

  auto unit = portal_->Page(desk, "/can-bo/ho-so?tab=unit");
  ASSERT_EQ(unit.status, 200) << unit.body;
  EXPECT_TRUE(Has(unit.body, "href=\"/can-bo/ho-so/" + id + "\"")) << unit.body;
  EXPECT_TRUE(Has(unit.body, code));
  EXPECT_TRUE(Has(unit.body, "Hàng chờ đơn vị"));
  EXPECT_TRUE(Has(unit.body, "aria-current=\"page\">Hàng chờ đơn vị"));
  EXPECT_TRUE(Has(unit.body, "<caption>"));
  EXPECT_TRUE(Has(unit.body, "Trong hạn") || Has(unit.body, "Sắp đến hạn") || Has(unit.body, "Quá hạn"));
  EXPECT_TRUE(Has(unit.body, "25/11/2026"));                  // received, dd/mm/yyyy
  EXPECT_TRUE(Has(unit.body, "href=\"/can-bo/ho-so\""));      // the header link for officers
  EXPECT_FALSE(Has(unit.body, "name=\"dossier\""));           // no bulk assignment for desk officers

  // Filters: a text search by code finds it, another procedure does not.
  auto found = portal_->Page(desk, "/can-bo/ho-so?tab=all&q=" + web::UrlEncode(code));
  EXPECT_TRUE(Has(found.body, "/can-bo/ho-so/" + id));
  auto other = portal_->Page(desk, "/can-bo/ho-so?tab=all&procedure=1.000894");
  EXPECT_FALSE(Has(other.body, "/can-bo/ho-so/" + id + "\""));
  auto dated = portal_->Page(desk, "/can-bo/ho-so?tab=unit&from=25%2F11%2F2026&to=25%2F11%2F2026");
  EXPECT_TRUE(Has(dated.body, "href=\"/can-bo/ho-so/" + id + "\"")) << dated.body;
  EXPECT_TRUE(Has(dated.body, "value=\"25/11/2026\""));
  auto bad = portal_->Page(desk, "/can-bo/ho-so?tab=unit&from=25-11-2026");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Has(bad.body, "Ngày phải có dạng"));
}

TEST_F(HandlingPagesHttp, OfficerForwardsThroughTheFormAndLeaderAssignsInBulk) {
  std::string id = AcceptedDossier();
  std::string desk = portal_->CookieLogin("motcua.saigon");
  auto view = portal_->Page(desk, "/can-bo/ho-so/" + id);
  ASSERT_EQ(view.status, 200);
  EXPECT_TRUE(Has(view.body, "Tiếp nhận, chuyển hồ sơ"));
  EXPECT_TRUE(Has(view.body, "aria-current=\"step\""));
  EXPECT_TRUE(Has(view.body, "value=\"forward\""));
  EXPECT_TRUE(Has(view.body, "/can-bo/ho-so/" + id + "/mau-05"));

  auto forwarded = Act(desk, id, "forward", "note=" + web::UrlEncode("Hồ sơ đầy đủ"));
  ASSERT_EQ(forwarded.status, 303) << forwarded.body;
  EXPECT_EQ(forwarded.headers["location"], "/can-bo/ho-so/" + id + "?ket-qua=forward");
  auto after = portal_->Page(desk, forwarded.headers["location"]);
  ASSERT_EQ(after.status, 200);
  EXPECT_TRUE(Has(after.body, "Đã chuyển hồ sơ sang bước tiếp theo."));
  EXPECT_TRUE(Has(after.body, "Bước 2: Thẩm định hồ sơ, trình kết quả"));

  // The leader sees it in the unit queue and assigns it to the specialist.
  std::string leader = portal_->CookieLogin("lanhdao.saigon");
  auto queue = portal_->Page(leader, "/can-bo/ho-so?tab=unit");
  ASSERT_EQ(queue.status, 200);
  EXPECT_TRUE(Has(queue.body, "/can-bo/ho-so?tab=approval"));  // the approval queue, prominently
  std::string code = CodeOf(leader, id);
  ASSERT_TRUE(Has(queue.body, "name=\"dossier\" value=\"" + code + "\"")) << queue.body;
  auto bulk = portal_->PostForm(leader, "/can-bo/ho-so/phan-cong?tab=unit",
                                "csrf_token=" + web::UrlEncode(InputValue(queue.body, "csrf_token")) +
                                    "&dossier=" + web::UrlEncode(code) + "&dossier=KHONG-CO&assignee=chuyenvien.saigon");
  ASSERT_EQ(bulk.status, 200) << bulk.body;  // one failed: the page lists it
  EXPECT_TRUE(Has(bulk.body, "Đã phân công 1 hồ sơ; 1 hồ sơ chưa phân công được"));
  EXPECT_TRUE(Has(bulk.body, "KHONG-CO"));
  std::string specialist = portal_->CookieLogin("chuyenvien.saigon");
  auto mine = portal_->Page(specialist, "/can-bo/ho-so?tab=mine");
  EXPECT_TRUE(Has(mine.body, "/can-bo/ho-so/" + id + "\"")) << mine.body;

  // Mẫu 05: one row per hand-over.
  auto slip = portal_->Page(desk, "/can-bo/ho-so/" + id + "/mau-05");
  ASSERT_EQ(slip.status, 200) << slip.body;
  EXPECT_TRUE(Has(slip.body, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"));
  EXPECT_TRUE(Has(slip.body, "Tiếp nhận hồ sơ"));
  EXPECT_TRUE(Has(slip.body, "Chuyển bước tiếp theo"));
  EXPECT_TRUE(Has(slip.body, "Phân công xử lý"));
  EXPECT_TRUE(Has(slip.body, "<td>3</td>"));
  EXPECT_TRUE(Has(slip.body, "Ủy ban nhân dân Phường Sài Gòn"));
}

TEST_F(HandlingPagesHttp, StaleFormGetsTheConflictMessageAndBadInputItsFieldError) {
  std::string id = AcceptedDossier();
  std::string desk = portal_->CookieLogin("motcua.saigon");
  std::string old_version = FormInput(portal_->Page(desk, "/can-bo/ho-so/" + id).body, "forward", "version");
  ASSERT_EQ(Act(desk, id, "assign", "assignee=motcua.saigon").status, 303);
  auto stale = Act(desk, id, "forward", "", old_version);
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_TRUE(Has(stale.body, "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại trang và thử lại."));
  EXPECT_TRUE(Has(stale.body, "value=\"forward\""));  // the forms again, with the current version

  auto no_reason = Act(desk, id, "pause", "reason=");
  EXPECT_EQ(no_reason.status / 100, 4) << no_reason.body;
  EXPECT_TRUE(Has(no_reason.body, "class=\"error-summary\""));
}

TEST_F(HandlingPagesHttp, ApologyPrintsMau04ForTheApplicant) {
  std::string id = AcceptedDossier();
  std::string desk = portal_->CookieLogin("motcua.saigon");
  auto bad = Act(desk, id, "apologize", "reason=x&new_due_date=31-02-2026");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Has(bad.body, "href=\"#apologize-new_due_date\""));
  auto done = Act(desk, id, "apologize",
                  "reason=" + web::UrlEncode("Chờ xác minh thông tin") + "&new_due_date=03%2F12%2F2026");
  ASSERT_EQ(done.status, 303) << done.body;
  auto view = portal_->Page(desk, "/can-bo/ho-so/" + id);
  EXPECT_TRUE(Has(view.body, "/can-bo/ho-so/" + id + "/mau-04"));
  std::string citizen = portal_->CookieLogin("079203001234");
  auto letter = portal_->Page(citizen, "/can-bo/ho-so/" + id + "/mau-04");
  ASSERT_EQ(letter.status, 200) << letter.body;
  EXPECT_TRUE(Has(letter.body, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"));
  EXPECT_TRUE(Has(letter.body, "Chờ xác minh thông tin"));
  EXPECT_TRUE(Has(letter.body, "03/12/2026"));
}

TEST_F(HandlingPagesHttp, CitizensAreRefusedAndPostsNeedTheCsrfToken) {
  std::string id = AcceptedDossier();
  std::string citizen = portal_->CookieLogin("079203001234");
  EXPECT_EQ(portal_->Page(citizen, "/can-bo/ho-so").status, 403);
  EXPECT_EQ(portal_->Page(citizen, "/can-bo/ho-so/" + id).status, 403);
  EXPECT_EQ(portal_->Page(citizen, "/can-bo/ho-so/" + id + "/mau-05").status, 403);
  EXPECT_EQ(portal_->Page(citizen, "/quan-tri/quy-trinh/1.001193").status, 403);
  EXPECT_EQ(portal_->Page("", "/can-bo/ho-so").status, 303);  // to the login page

  std::string desk = portal_->CookieLogin("motcua.saigon");
  std::string version = FormInput(portal_->Page(desk, "/can-bo/ho-so/" + id).body, "forward", "version");
  auto no_csrf = portal_->PostForm(desk, "/can-bo/ho-so/" + id + "/xu-ly", "action=forward&version=" + version);
  EXPECT_EQ(no_csrf.status, 403);
  auto forged = portal_->PostForm(citizen, "/can-bo/ho-so/" + id + "/xu-ly",
                                  "csrf_token=" +
                                      web::UrlEncode(InputValue(portal_->Page(citizen, "/ho-so").body, "csrf_token")) +
                                      "&action=forward&version=" + version);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(CodeOf(desk, id).empty(), false);
}

TEST_F(HandlingPagesHttp, ProcessEditorSavesAVersionAndReRendersAnInvalidOne) {
  std::string admin = portal_->CookieLogin("quantri.saigon");
  auto list = portal_->Page(admin, "/quan-tri/quy-trinh?q=1.004884");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(Has(list.body, "href=\"/quan-tri/quy-trinh/1.004884\""));
  auto page = portal_->Page(admin, "/quan-tri/quy-trinh/1.004884");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page.body, "Quy trình đang áp dụng"));
  EXPECT_TRUE(Has(page.body, "name=\"step_name_5\""));  // 4 default steps + 2 spare rows
  std::string csrf = InputValue(page.body, "csrf_token");
  auto row = [](int i, const char* name, const char* role, const char* unit, const char* days) {
    std::string k = std::to_string(i);
    return "&step_name_" + k + "=" + web::UrlEncode(name) + "&step_role_" + k + "=" + role + "&step_unit_" + k + "=" +
           web::UrlEncode(unit) + "&step_agency_" + k + "=&step_days_" + k + "=" + web::UrlEncode(days) +
           "&step_parallel_" + k + "=";
  };
  std::string body = "csrf_token=" + web::UrlEncode(csrf) + "&rows=6&effective_from=25%2F11%2F2026&note=" +
                     web::UrlEncode("Rút ngắn thẩm định") + row(0, "Tiếp nhận", "desk_officer", "Bộ phận Một cửa", "0,5") +
                     row(1, "Thẩm định", "specialist", "Phòng Tư pháp", "3") +
                     row(2, "Phê duyệt", "leader", "Lãnh đạo UBND", "1") +
                     row(3, "", "specialist", "", "") +  // an empty row in the middle: ignored
                     row(4, "Trả kết quả", "desk_officer", "Bộ phận Một cửa", "0,5") + row(5, "", "specialist", "", "");
  auto saved = portal_->PostForm(admin, "/quan-tri/quy-trinh/1.004884", body);
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.headers["location"], "/quan-tri/quy-trinh/1.004884?da-luu=1");
  auto shown = portal_->Page(admin, saved.headers["location"]);
  EXPECT_TRUE(Has(shown.body, "Đã lưu quy trình nội bộ phiên bản số 1."));
  EXPECT_TRUE(Has(shown.body, "Phòng Tư pháp"));

  std::string too_long = body;
  too_long.replace(too_long.find("step_days_1=3"), 13, "step_days_1=9");
  auto invalid = portal_->PostForm(admin, "/quan-tri/quy-trinh/1.004884", too_long);
  EXPECT_EQ(invalid.status, 400);
  EXPECT_TRUE(Has(invalid.body, "Tổng thời gian các bước (11 ngày làm việc) vượt thời hạn giải quyết theo quy định "
                                "(5 ngày làm việc).")) << invalid.body;
  EXPECT_TRUE(Has(invalid.body, "value=\"Phòng Tư pháp\""));  // the posted rows again

  auto no_csrf = portal_->PostForm(admin, "/quan-tri/quy-trinh/1.004884", body.substr(body.find("&rows")));
  EXPECT_EQ(no_csrf.status, 403);
  std::string desk = portal_->CookieLogin("motcua.saigon");
  EXPECT_EQ(portal_->Page(desk, "/quan-tri/quy-trinh/1.004884").status, 403);
}

TEST_F(HandlingPagesHttp, RegisterListsTheYearsDossiersAndDownloadsAsCsv) {
  std::string id = AcceptedDossier();
  std::string desk = portal_->CookieLogin("motcua.saigon");
  std::string code = CodeOf(desk, id);
  auto page = portal_->Page(desk, "/can-bo/so-theo-doi?agency=000.20.31.H29&year=2026");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page.body, "SỔ THEO DÕI HỒ SƠ"));
  EXPECT_TRUE(Has(page.body, code));
  EXPECT_TRUE(Has(page.body, "/api/v1/registers/000.20.31.H29/2026?format=csv"));
  EXPECT_TRUE(Has(page.body, "/api/v1/registers/000.20.31.H29/2026?format=xlsx"));
  auto csv = portal_->Page(desk, "/api/v1/registers/000.20.31.H29/2026?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(Has(csv.headers["content-type"], "text/csv"));
  EXPECT_TRUE(Has(csv.body, code));
  auto other = portal_->Page(desk, "/can-bo/so-theo-doi?agency=000.00.06.H29&year=2026");
  EXPECT_EQ(other.status, 403);
}


TEST_F(HandlingPagesHttp, WorklistPagesWithTheKeysetCursor) {
  AcceptedDossier();
  AcceptedDossier();
  std::string desk = portal_->CookieLogin("motcua.saigon");
  auto first = portal_->Page(desk, "/can-bo/ho-so?tab=agency&limit=1");
  ASSERT_EQ(first.status, 200) << first.body;
  auto at = first.body.find("rel=\"next\"");
  ASSERT_NE(at, std::string::npos) << first.body;
  auto href = first.body.rfind("href=\"", at) + 6;
  std::string next = first.body.substr(href, first.body.find('"', href) - href);
  for (auto amp = next.find("&amp;"); amp != std::string::npos; amp = next.find("&amp;")) next.replace(amp, 5, "&");
  EXPECT_TRUE(Has(next, "tab=agency")) << next;
  EXPECT_TRUE(Has(next, "limit=1"));
  EXPECT_TRUE(Has(next, "after=")) << next;
  auto second = portal_->Page(desk, next);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_TRUE(Has(second.body, "Về trang đầu"));
  auto first_link = [](const std::string& html) {
    auto a = html.find("<a href=\"/can-bo/ho-so/");
    return a == std::string::npos ? std::string() : html.substr(a, 40);
  };
  EXPECT_NE(first_link(first.body), first_link(second.body));
  EXPECT_FALSE(first_link(second.body).empty());
}

TEST_F(HandlingPagesHttp, ApplicantFollowsEveryStepAndDownloadsTheResultReturnedOnline) {
  std::string id = AcceptedDossier();
  std::string desk = portal_->CookieLogin("motcua.saigon");
  std::string specialist = portal_->CookieLogin("chuyenvien.saigon");
  std::string leader = portal_->CookieLogin("lanhdao.saigon");
  ASSERT_EQ(Act(desk, id, "forward").status, 303);

  // The specialist attaches the result (multipart) and forwards to the leader.
  auto view = portal_->Page(specialist, "/can-bo/ho-so/" + id);
  ASSERT_TRUE(Has(view.body, "enctype=\"multipart/form-data\"")) << view.body;
  auto attached = portal_->PostMultipart(
      specialist, "/can-bo/ho-so/" + id + "/xu-ly",
      Multipart({{"csrf_token", FormInput(view.body, "attach_result", "csrf_token")},
                 {"action", "attach_result"},
                 {"version", FormInput(view.body, "attach_result", "version")}},
                {{"file", kPdf}}));
  ASSERT_EQ(attached.status, 303) << attached.body;
  auto with_result = portal_->Page(specialist, "/can-bo/ho-so/" + id);
  EXPECT_TRUE(Has(with_result.body, "SHA-256"));
  ASSERT_EQ(Act(specialist, id, "forward").status, 303);

  // The leader approves from the approval tab; the desk returns it online.
  auto approval = portal_->Page(leader, "/can-bo/ho-so?tab=approval");
  EXPECT_TRUE(Has(approval.body, "/can-bo/ho-so/" + id + "\"")) << approval.body;
  ASSERT_EQ(Act(leader, id, "approve").status, 303);
  auto ready = portal_->Page(portal_->CookieLogin("079203001234"), "/ho-so/" + id);
  EXPECT_TRUE(Has(ready.body, "Đã có kết quả"));
  EXPECT_FALSE(Has(ready.body, "/results/"));  // not yet returned
  ASSERT_EQ(Act(desk, id, "return_result", "method=online").status, 303);

  std::string citizen = portal_->CookieLogin("079203001234");
  auto page = portal_->Page(citizen, "/ho-so/" + id);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page.body, "Đã trả kết quả"));
  EXPECT_TRUE(Has(page.body, "Thẩm định hồ sơ, trình kết quả – Phòng chuyên môn, Ủy ban nhân dân Phường Sài Gòn"));
  EXPECT_TRUE(Has(page.body, "Phê duyệt kết quả"));
  EXPECT_TRUE(Has(page.body, "25/11/2026"));
  EXPECT_FALSE(Has(page.body, "chuyenvien.saigon"));  // officers' user names stay inside
  EXPECT_FALSE(Has(page.body, "lanhdao.saigon"));
  EXPECT_FALSE(Has(page.body, "motcua.saigon"));
  auto link = page.body.find("/api/v1/dossiers/" + id + "/results/");
  ASSERT_NE(link, std::string::npos) << page.body;
  std::string url = page.body.substr(link, page.body.find('"', link) - link);
  auto download = portal_->Page(citizen, url);
  EXPECT_EQ(download.status, 200);
  EXPECT_EQ(download.body, kPdf);
}

}  // namespace
}  // namespace motcua
