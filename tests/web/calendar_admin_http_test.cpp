// HTTP tests of calendar editing: the administrators' page
// /quan-tri/lich-lam-viec (add and remove an override, office hours) and the
// API PUT/DELETE /api/v1/calendar/overrides/{date}, on the real server. The
// due-date API must follow each change at once; other roles get 403.

#include <gtest/gtest.h>

#include <memory>

#include <nlohmann/json.hpp>

#include "testutil/portal_server.hpp"
#include "web/http.hpp"

namespace motcua {
namespace {

using nlohmann::json;
using testutil::HttpResult;
using testutil::InputValue;
using testutil::PortalServer;

constexpr const char* kAdminPage = "/quan-tri/lich-lam-viec";
constexpr const char* kAddForm = "action=\"/quan-tri/lich-lam-viec/ngay\"";

class CalendarAdminHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    portal_ = new PortalServer("2026-11-25T02:00:00Z");
    portal_->AddOfficer("quantri", domain::Role::kSystemAdmin, "000.00.00.H29");
    portal_->AddOfficer("quantri.tuphap", domain::Role::kAgencyAdmin, "000.00.06.H29");
    portal_->AddOfficer("motcua.saigon", domain::Role::kDeskOfficer, "000.20.31.H29");
    portal_->AddCitizen("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
  }
  static void TearDownTestSuite() { delete portal_; }

  static std::string DueDate(const std::string& from, const std::string& days) {
    auto r = portal_->Api("", "GET", "/api/v1/calendar/due?from=" + from + "&days=" + days);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false).value("due_date", "");
  }

  // The admin page as `cookie`, and its CSRF token.
  static std::string Csrf(const std::string& cookie) {
    auto page = portal_->Page(cookie, kAdminPage);
    EXPECT_EQ(page.status, 200) << page.body;
    return InputValue(page.body, "csrf_token");
  }

  static inline PortalServer* portal_;
};

TEST_F(CalendarAdminHttp, AdminAddsAndRemovesAnOverrideAndTheDueDateFollows) {
  std::string admin = portal_->CookieLogin("quantri");
  // The public calendar links administrators to the editing page.
  auto calendar = portal_->Page(admin, "/lich-lam-viec?nam=2026");
  ASSERT_EQ(calendar.status, 200);
  EXPECT_NE(calendar.body.find("href=\"/quan-tri/lich-lam-viec?nam=2026\""), std::string::npos);

  auto page = portal_->Page(admin, "/quan-tri/lich-lam-viec?nam=2026");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Quản trị lịch làm việc năm 2026"), std::string::npos);
  EXPECT_NE(page.body.find(kAddForm), std::string::npos);
  EXPECT_NE(page.body.find("Năm 2026 chưa có ngày nào được điều chỉnh"), std::string::npos);
  std::string csrf = InputValue(page.body, "csrf_token");
  ASSERT_FALSE(csrf.empty());

  // Wednesday 02/12/2026 becomes a day off: one working day from Tuesday
  // 01/12 now ends on Thursday.
  EXPECT_EQ(DueDate("2026-12-01", "1"), "2026-12-02");
  auto added = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay",
                                 "csrf_token=" + csrf + "&date=02%2F12%2F2026&kind=nghi&note=" +
                                     web::UrlEncode("Nghỉ theo Thông báo của Văn phòng Chính phủ"));
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(added.headers["location"], "/quan-tri/lich-lam-viec?nam=2026&ket-qua=da-luu&ngay=2026-12-02");
  EXPECT_EQ(DueDate("2026-12-01", "1"), "2026-12-03");
  page = portal_->Page(admin, added.headers["location"]);
  EXPECT_NE(page.body.find("Đã lưu ngày 02/12/2026."), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("<time datetime=\"2026-12-02\">02/12/2026</time>"), std::string::npos);
  EXPECT_NE(page.body.find("Nghỉ theo Thông báo của Văn phòng Chính phủ"), std::string::npos);
  EXPECT_NE(page.body.find("quantri"), std::string::npos);  // who changed it
  EXPECT_NE(page.body.find("Xóa<span class=\"visually-hidden\"> điều chỉnh ngày 02/12/2026</span>"),
            std::string::npos);
  auto holidays = json::parse(portal_->Api("", "GET", "/api/v1/calendar/holidays?year=2026").body);
  bool listed = false;
  for (const auto& day : holidays["items"]) listed = listed || day["date"] == "2026-12-02";
  EXPECT_TRUE(listed);
  // The public page shows it too.
  EXPECT_NE(portal_->Page("", "/lich-lam-viec?nam=2026").body.find("Nghỉ theo Thông báo của Văn phòng Chính phủ"),
            std::string::npos);

  // Removing it restores the default policy.
  auto removed = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay/xoa", "csrf_token=" + csrf + "&date=2026-12-02");
  ASSERT_EQ(removed.status, 303) << removed.body;
  EXPECT_NE(portal_->Page(admin, removed.headers["location"]).body.find("Đã xóa điều chỉnh ngày 02/12/2026"),
            std::string::npos);
  EXPECT_EQ(DueDate("2026-12-01", "1"), "2026-12-02");
  // Removing it again: nothing to remove.
  auto again = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay/xoa", "csrf_token=" + csrf + "&date=2026-12-02");
  EXPECT_EQ(again.status, 404);
  EXPECT_NE(again.body.find("Ngày 02/12/2026 chưa được điều chỉnh"), std::string::npos);

  // A make-up Saturday needs no note and counts as a working day.
  EXPECT_EQ(DueDate("2026-12-04", "1"), "2026-12-07");
  auto saturday = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay",
                                    "csrf_token=" + csrf + "&date=5%2F12%2F2026&kind=lam-viec&note=");
  ASSERT_EQ(saturday.status, 303) << saturday.body;
  EXPECT_EQ(DueDate("2026-12-04", "1"), "2026-12-05");
  page = portal_->Page(admin, saturday.headers["location"]);
  EXPECT_NE(page.body.find("Ngày làm việc"), std::string::npos);
  ASSERT_TRUE(portal_->calendar().ClearDay(Date{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{5}},
                                           "test", ""));
}

TEST_F(CalendarAdminHttp, BadInputReRendersTheFormWithVietnameseMessagesAnd400) {
  std::string admin = portal_->CookieLogin("quantri.tuphap");
  std::string csrf = Csrf(admin);
  auto impossible = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay",
                                      "csrf_token=" + csrf + "&date=30%2F02%2F2026&kind=nghi&note=Ngh%E1%BB%89");
  EXPECT_EQ(impossible.status, 400);
  EXPECT_NE(impossible.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(impossible.body.find("Ngày phải có dạng ngày/tháng/năm, ví dụ 02/01/2026, và là một ngày có thật."),
            std::string::npos)
      << impossible.body;
  EXPECT_NE(impossible.body.find("href=\"#date\""), std::string::npos);
  EXPECT_NE(impossible.body.find("value=\"30/02/2026\""), std::string::npos);  // kept for correction
  EXPECT_NE(impossible.body.find("<title>Lỗi: "), std::string::npos);

  auto no_note = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay",
                                   "csrf_token=" + csrf + "&date=03%2F12%2F2026&kind=nghi&note=++");
  EXPECT_EQ(no_note.status, 400);
  EXPECT_NE(no_note.body.find("Phải ghi tên hoặc lý do của ngày nghỉ."), std::string::npos);
  EXPECT_NE(no_note.body.find("href=\"#note\""), std::string::npos);

  auto far = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay",
                               "csrf_token=" + csrf + "&date=01%2F01%2F2300&kind=lam-viec");
  EXPECT_EQ(far.status, 400);
  EXPECT_NE(far.body.find("Năm phải từ 1900 đến 2200."), std::string::npos);

  auto no_kind = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay", "csrf_token=" + csrf + "&date=03%2F12%2F2026");
  EXPECT_EQ(no_kind.status, 400);
  EXPECT_NE(no_kind.body.find("Chọn ngày nghỉ hoặc ngày làm việc."), std::string::npos);

  auto overrides = portal_->calendar().Overrides(2026);
  ASSERT_TRUE(overrides);
  EXPECT_TRUE(overrides->empty());  // nothing stored
}

TEST_F(CalendarAdminHttp, AgencyAdministratorSetsOfficeHoursWithinTheirAgencyOnly) {
  std::string admin = portal_->CookieLogin("quantri.tuphap");
  std::string csrf = Csrf(admin);
  auto page = portal_->Page(admin, kAdminPage);
  EXPECT_NE(page.body.find("<option value=\"000.01.06.H29\""), std::string::npos);
  EXPECT_EQ(page.body.find("<option value=\"000.20.31.H29\""), std::string::npos);  // not theirs

  auto saved = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/gio-lam-viec",
                                 "csrf_token=" + csrf + "&nam=2026&agency=000.01.06.H29&hours=" +
                                     web::UrlEncode("07:00-11:00, 13:30-17:30"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  page = portal_->Page(admin, saved.headers["location"]);
  EXPECT_NE(page.body.find("Đã lưu giờ làm việc của cơ quan."), std::string::npos);
  EXPECT_NE(page.body.find("07:00–11:00, 13:30–17:30"), std::string::npos);
  auto hours = portal_->calendar().OfficeHours("000.01.06.H29");
  ASSERT_TRUE(hours);
  EXPECT_EQ(hours->Opening(), 7 * 60);

  auto bad = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/gio-lam-viec",
                               "csrf_token=" + csrf + "&agency=000.01.06.H29&hours=7h-11h");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("href=\"#hours\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"7h-11h\""), std::string::npos);

  auto foreign = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/gio-lam-viec",
                                   "csrf_token=" + csrf + "&agency=000.20.31.H29&hours=07%3A00-11%3A00");
  EXPECT_EQ(foreign.status, 403);
  EXPECT_NE(foreign.body.find("Bạn chỉ đặt giờ làm việc cho cơ quan mình"), std::string::npos);
}

TEST_F(CalendarAdminHttp, OtherRolesGet403AndNeverSeeTheForm) {
  EXPECT_EQ(portal_->Page("", kAdminPage).headers["location"], "/dang-nhap?next=/quan-tri/lich-lam-viec");
  for (const char* login : {"motcua.saigon", "079203001234"}) {
    std::string cookie = portal_->CookieLogin(login);
    auto page = portal_->Page(cookie, kAdminPage);
    EXPECT_EQ(page.status, 403) << login;
    EXPECT_EQ(page.body.find(kAddForm), std::string::npos) << login;
    EXPECT_NE(page.body.find("Chỉ quản trị hệ thống hoặc quản trị cơ quan được chỉnh sửa lịch làm việc."),
              std::string::npos);
    // No link on the public page either.
    EXPECT_EQ(portal_->Page(cookie, "/lich-lam-viec").body.find("/quan-tri/lich-lam-viec"), std::string::npos);
    // A post with the user's own valid CSRF token is refused too.
    std::string csrf = InputValue(portal_->Page(cookie, "/tai-khoan").body, "csrf_token");
    ASSERT_FALSE(csrf.empty());
    auto post = portal_->PostForm(cookie, "/quan-tri/lich-lam-viec/ngay",
                                  "csrf_token=" + csrf + "&date=02%2F12%2F2026&kind=nghi&note=x");
    EXPECT_EQ(post.status, 403) << login;
  }
  auto overrides = portal_->calendar().Overrides(2026);
  ASSERT_TRUE(overrides);
  EXPECT_TRUE(overrides->empty());
}

TEST_F(CalendarAdminHttp, PostsWithoutTheCsrfTokenAreRefused) {
  std::string admin = portal_->CookieLogin("quantri");
  auto post = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay", "date=02%2F12%2F2026&kind=nghi&note=x");
  EXPECT_EQ(post.status, 403);
  EXPECT_NE(post.body.find("Phiên làm việc của biểu mẫu đã hết hạn"), std::string::npos);
  auto wrong = portal_->PostForm(admin, "/quan-tri/lich-lam-viec/ngay/xoa", "csrf_token=sai&date=2026-12-02");
  EXPECT_EQ(wrong.status, 403);
  auto overrides = portal_->calendar().Overrides(2026);
  ASSERT_TRUE(overrides);
  EXPECT_TRUE(overrides->empty());
}

TEST_F(CalendarAdminHttp, ApiPutsAndDeletesOverridesForAdministratorsOnly) {
  std::string admin = portal_->Token("quantri");
  auto put = portal_->Api(admin, "PUT", "/api/v1/calendar/overrides/2026-12-09",
                          R"({"off":true,"note":"Nghỉ bù theo Thông báo"})");
  ASSERT_EQ(put.status, 200) << put.body;
  json body = json::parse(put.body);
  EXPECT_EQ(body["date"], "2026-12-09");
  EXPECT_EQ(body["off"], true);
  EXPECT_EQ(body["note"], "Nghỉ bù theo Thông báo");
  EXPECT_EQ(body["updated_by"], "quantri");
  EXPECT_EQ(DueDate("2026-12-08", "1"), "2026-12-10");

  // A day off needs a note; an impossible date is a 400 in Vietnamese.
  auto no_note = portal_->Api(admin, "PUT", "/api/v1/calendar/overrides/2026-12-10", R"({"off":true})");
  EXPECT_EQ(no_note.status, 400);
  EXPECT_EQ(json::parse(no_note.body)["errors"][0]["field"], "note") << no_note.body;
  auto bad_date = portal_->Api(admin, "PUT", "/api/v1/calendar/overrides/2026-02-30", R"({"off":false})");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(bad_date.headers["content-type"], "application/problem+json; charset=utf-8");
  EXPECT_NE(bad_date.body.find("Ngày phải có dạng YYYY-MM-DD"), std::string::npos);
  auto no_off = portal_->Api(admin, "PUT", "/api/v1/calendar/overrides/2026-12-10", R"({"note":"x"})");
  EXPECT_EQ(no_off.status, 400);

  // Other roles and anonymous callers.
  EXPECT_EQ(portal_->Api(portal_->Token("motcua.saigon"), "PUT", "/api/v1/calendar/overrides/2026-12-10",
                         R"({"off":false})")
                .status,
            403);
  EXPECT_EQ(portal_->Api(portal_->Token("079203001234"), "DELETE", "/api/v1/calendar/overrides/2026-12-09").status,
            403);
  EXPECT_EQ(portal_->Api("", "DELETE", "/api/v1/calendar/overrides/2026-12-09").status, 401);
  // A session cookie without the X-CSRF-Token header.
  std::string cookie = portal_->CookieLogin("quantri");
  auto csrf_less = testutil::HttpRequest(portal_->port(), "DELETE", "/api/v1/calendar/overrides/2026-12-09",
                                         {{"Cookie", cookie}});
  EXPECT_EQ(csrf_less.status, 403);

  auto deleted = portal_->Api(admin, "DELETE", "/api/v1/calendar/overrides/2026-12-09");
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_EQ(DueDate("2026-12-08", "1"), "2026-12-09");
  auto missing = portal_->Api(admin, "DELETE", "/api/v1/calendar/overrides/2026-12-09");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("Ngày 09/12/2026 chưa được điều chỉnh."), std::string::npos);
}

}  // namespace
}  // namespace motcua
