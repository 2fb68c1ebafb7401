// HTTP tests of the working-day calendar: the real router and server on
// 127.0.0.1, a real SQLite store, a fake clock.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/calendar/calendar_service.hpp"
#include "app/calendar/calendar_text.hpp"
#include "app/catalog/catalog_service.hpp"
#include "store/calendar_store.hpp"
#include "store/catalog_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/http_client.hpp"
#include "testutil/test_database.hpp"
#include "web/routes.hpp"
#include "web/server.hpp"

namespace motcua {
namespace {

using nlohmann::json;
using testutil::HttpGet;

constexpr const char* kWard = "000.20.31.H29";

class CalendarHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string reason;
    db_ = testutil::TestDatabase::Create(testutil::Engine::kSqlite, &reason).release();
    catalog_store_ = new store::CatalogStore(db_->db());
    catalog_ = new app::CatalogService(*catalog_store_);
    ASSERT_TRUE(catalog_->Import(testutil::SmallCatalog()));
    calendar_store_ = new store::CalendarStore(db_->db());
    clock_ = new testutil::FakeClock("2025-06-15T03:00:00Z");
    calendar_ = new app::CalendarService(*calendar_store_, *clock_, std::chrono::milliseconds(0));
    ASSERT_TRUE(calendar_->SetDay(*ParseIsoDate("2025-09-03"), true,
                                  "Nghỉ lễ Quốc khánh (Thông báo)", "admin", ""));
    ASSERT_TRUE(calendar_->SetDay(*ParseIsoDate("2025-09-06"), false, "Làm bù cho ngày 03/09",
                                  "admin", ""));
    ASSERT_TRUE(calendar_->SetOfficeHours(kWard, *app::ParseOfficeHours("07:00-11:00,13:00-17:00"),
                                          "admin", ""));
    metrics_ = new web::Metrics();
    ctx_ = new web::WebContext{*catalog_, *metrics_, "Cổng Dịch vụ công TP.HCM"};
    ctx_->calendar = calendar_;
    router_ = web::BuildRoutes(*ctx_).release();
    web::ServerOptions options;
    options.port = testutil::FreePort();
    options.threads = 2;
    options.access_log = false;
    port_ = options.port;
    server_ = new web::Server(*router_, *metrics_, options);
    ASSERT_TRUE(server_->Start());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete router_;
    delete ctx_;
    delete metrics_;
    delete calendar_;
    delete clock_;
    delete calendar_store_;
    delete catalog_;
    delete catalog_store_;
    delete db_;
  }

  static json GetJson(const std::string& target, int expected_status = 200) {
    auto r = HttpGet(port_, target);
    EXPECT_EQ(r.status, expected_status) << target << "\n" << r.body;
    if (expected_status >= 400) {
      EXPECT_EQ(r.headers["content-type"], "application/problem+json; charset=utf-8") << target;
    }
    return json::parse(r.body, nullptr, false);
  }

  static inline testutil::TestDatabase* db_;
  static inline store::CatalogStore* catalog_store_;
  static inline app::CatalogService* catalog_;
  static inline store::CalendarStore* calendar_store_;
  static inline testutil::FakeClock* clock_;
  static inline app::CalendarService* calendar_;
  static inline web::Metrics* metrics_;
  static inline web::WebContext* ctx_;
  static inline web::Router* router_;
  static inline web::Server* server_;
  static inline unsigned short port_;
};

TEST_F(CalendarHttp, HolidaysListTheDaysOffOfTheYearWithTheirKind) {
  json body = GetJson("/api/v1/calendar/holidays?year=2025");
  EXPECT_EQ(body["year"], 2025);
  ASSERT_EQ(body["items"].size(), 13u);
  EXPECT_EQ(body["items"][0],
            (json{{"date", "2025-01-01"}, {"name", "Tết Dương lịch"}, {"kind", "holiday"}}));
  EXPECT_EQ(body["items"][1]["date"], "2025-01-28");
  EXPECT_EQ(body["items"][1]["name"], "Tết Âm lịch");
  EXPECT_EQ(
      body["items"][6],
      (json{{"date", "2025-02-03"}, {"name", "Nghỉ bù Tết Âm lịch"}, {"kind", "compensatory"}}));
  EXPECT_EQ(body["items"][7]["date"], "2025-04-07");
  EXPECT_EQ(body["items"][7]["name"], "Giỗ Tổ Hùng Vương");
  EXPECT_EQ(body["items"][12], (json{{"date", "2025-09-03"},
                                     {"name", "Nghỉ lễ Quốc khánh (Thông báo)"},
                                     {"kind", "override"}}));
}

TEST_F(CalendarHttp, HolidaysRejectAMissingOrBadYear) {
  for (const char* target :
       {"/api/v1/calendar/holidays", "/api/v1/calendar/holidays?year=",
        "/api/v1/calendar/holidays?year=abc", "/api/v1/calendar/holidays?year=20255",
        "/api/v1/calendar/holidays?year=1800", "/api/v1/calendar/holidays?year=2201"}) {
    json problem = GetJson(target, 400);
    EXPECT_EQ(problem["status"], 400);
    EXPECT_FALSE(problem["detail"].get<std::string>().empty());
    ASSERT_TRUE(problem["errors"].is_array()) << target;
    EXPECT_EQ(problem["errors"][0]["field"], "year") << target;
  }
  EXPECT_EQ(GetJson("/api/v1/calendar/holidays?year=1800", 400)["detail"],
            "Năm phải từ 1900 đến 2200.");
}

TEST_F(CalendarHttp, DueSkipsLunarNewYear) {
  json body = GetJson("/api/v1/calendar/due?from=2025-01-24&days=3");
  EXPECT_EQ(body, (json{{"from", "2025-01-24"},
                        {"days", 3},
                        {"due_date", "2025-02-05"},
                        {"due_time", "2025-02-05T17:00:00+07:00"}}));
}

TEST_F(CalendarHttp, DueCountsOnTheAgencysOfficeHoursAndTheTimeOfReceipt) {
  // Half of the ward's 480 office minutes after 07:00 ends at 11:00; the default hours give 11:30.
  json ward = GetJson(std::string("/api/v1/calendar/due?from=2025-01-24&days=0.5&agency=") + kWard);
  EXPECT_EQ(ward["days"], 0.5);
  EXPECT_EQ(ward["agency"], kWard);
  EXPECT_EQ(ward["due_time"], "2025-01-27T11:00:00+07:00");
  EXPECT_EQ(GetJson("/api/v1/calendar/due?from=2025-01-24&days=0.5")["due_time"],
            "2025-01-27T11:30:00+07:00");
  // Same-day procedures: received after closing on Friday, due on Monday's close.
  json late = GetJson("/api/v1/calendar/due?from=2025-01-24&days=0&time=17:30");
  EXPECT_EQ(late["time"], "17:30");
  EXPECT_EQ(late["due_date"], "2025-01-27");
  EXPECT_EQ(late["due_time"], "2025-01-27T17:00:00+07:00");
  EXPECT_EQ(GetJson("/api/v1/calendar/due?from=2025-01-24&days=0&time=09:00")["due_date"],
            "2025-01-24");
}

TEST_F(CalendarHttp, DueHonoursOverridesAndSeesNewOnesAtOnce) {
  // 03/09 is off by override and 06/09 (Saturday) is worked.
  EXPECT_EQ(GetJson("/api/v1/calendar/due?from=2025-09-02&days=1")["due_date"], "2025-09-04");
  EXPECT_EQ(GetJson("/api/v1/calendar/due?from=2025-09-05&days=1")["due_date"], "2025-09-06");
  ASSERT_TRUE(calendar_->SetDay(*ParseIsoDate("2025-09-04"), true, "Nghỉ thêm", "admin", ""));
  EXPECT_EQ(GetJson("/api/v1/calendar/due?from=2025-09-02&days=1")["due_date"], "2025-09-05");
  ASSERT_TRUE(calendar_->ClearDay(*ParseIsoDate("2025-09-04"), "admin", ""));
  EXPECT_EQ(GetJson("/api/v1/calendar/due?from=2025-09-02&days=1")["due_date"], "2025-09-04");
}

TEST_F(CalendarHttp, DueRejectsMissingAndBadParameters) {
  const std::pair<const char*, const char*> cases[] = {
      {"/api/v1/calendar/due?days=3", "from"},
      {"/api/v1/calendar/due?from=2025-02-30&days=3", "from"},
      {"/api/v1/calendar/due?from=24/01/2025&days=3", "from"},
      {"/api/v1/calendar/due?from=1850-01-02&days=3", "from"},
      {"/api/v1/calendar/due?from=2025-01-24", "days"},
      {"/api/v1/calendar/due?from=2025-01-24&days=-1", "days"},
      {"/api/v1/calendar/due?from=2025-01-24&days=abc", "days"},
      {"/api/v1/calendar/due?from=2025-01-24&days=nan", "days"},
      {"/api/v1/calendar/due?from=2025-01-24&days=1000000", "days"},
      {"/api/v1/calendar/due?from=2025-01-24&days=3&time=25:00", "time"},
      {"/api/v1/calendar/due?from=2025-01-24&days=3&agency=000.99.99.H29", "agency"},
  };
  for (const auto& [target, field] : cases) {
    json problem = GetJson(target, 400);
    EXPECT_EQ(problem["code"], "invalid_argument") << target;
    EXPECT_FALSE(problem["detail"].get<std::string>().empty()) << target;
    ASSERT_TRUE(problem["errors"].is_array()) << target;
    EXPECT_EQ(problem["errors"][0]["field"], field) << target;
  }
  EXPECT_EQ(GetJson("/api/v1/calendar/due?from=2025-01-24&days=-1", 400)["detail"],
            "Số ngày làm việc không được âm.");
}

TEST_F(CalendarHttp, PageShowsTheDaysOffOfTheYearAccessibly) {
  auto r = HttpGet(port_, "/lich-lam-viec?nam=2025");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  const std::string& html = r.body;
  EXPECT_NE(html.find("<h1>Lịch nghỉ lễ, tết năm 2025</h1>"), std::string::npos);
  EXPECT_NE(html.find("<caption>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\">Thứ</th>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\"><time datetime=\"2025-01-01\">01/01/2025</time></th>"),
            std::string::npos);
  EXPECT_NE(
      html.find("<td>Thứ Tư</td>\n          <td>Tết Dương lịch</td>\n          <td>Ngày lễ</td>"),
      std::string::npos);
  EXPECT_NE(
      html.find(
          "<td>Thứ Hai</td>\n          <td>Nghỉ bù Tết Âm lịch</td>\n          <td>Nghỉ bù</td>"),
      std::string::npos);
  EXPECT_NE(
      html.find("<td>Nghỉ lễ Quốc khánh (Thông báo)</td>\n          <td>Theo quyết định</td>"),
      std::string::npos);
  EXPECT_NE(html.find("Giỗ Tổ Hùng Vương"), std::string::npos);
  // The make-up Saturday is listed apart.
  EXPECT_NE(html.find("06/09/2025</time></th>\n          <td>Thứ Bảy</td>\n          <td>Làm bù "
                      "cho ngày 03/09</td>"),
            std::string::npos);
  EXPECT_NE(html.find("href=\"/lich-lam-viec?nam=2024\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/lich-lam-viec?nam=2026\""), std::string::npos);
}

TEST_F(CalendarHttp, PageDefaultsToTheCurrentYearOfTheClock) {
  clock_->Set(*ParseTimestamp("2026-12-31T18:30:00Z"));  // already 2027 in Vietnam
  auto r = HttpGet(port_, "/lich-lam-viec");
  clock_->Set(*ParseTimestamp("2025-06-15T03:00:00Z"));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<h1>Lịch nghỉ lễ, tết năm 2027</h1>"), std::string::npos);
}

TEST_F(CalendarHttp, PageHasNoLinkPastTheSupportedYears) {
  auto first = HttpGet(port_, "/lich-lam-viec?nam=1900");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body.find("nam=1899"), std::string::npos);
  EXPECT_NE(first.body.find("nam=1901"), std::string::npos);
}

TEST_F(CalendarHttp, PageRejectsABadYearWithAnErrorPage) {
  for (const char* target : {"/lich-lam-viec?nam=abc", "/lich-lam-viec?nam=1800"}) {
    auto r = HttpGet(port_, target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  }
  EXPECT_NE(HttpGet(port_, "/lich-lam-viec?nam=1800").body.find("Năm phải từ 1900 đến 2200."),
            std::string::npos);
}

TEST(CalendarRoutes, AnswerUnavailableWhenNoCalendarIsConfigured) {
  std::string reason;
  auto db = testutil::TestDatabase::Create(testutil::Engine::kSqlite, &reason);
  store::CatalogStore catalog_store(db->db());
  app::CatalogService catalog(catalog_store);
  web::Metrics metrics;
  web::WebContext ctx{catalog, metrics};
  auto router = web::BuildRoutes(ctx);
  web::ServerOptions options;
  options.access_log = false;
  web::Request req;
  req.method = "GET";
  req.path = "/api/v1/calendar/holidays";
  req.query.emplace("year", "2025");
  auto response = web::Dispatch(*router, metrics, req, options);
  EXPECT_EQ(response.status, 503);
  web::Request page;
  page.method = "GET";
  page.path = "/lich-lam-viec";
  EXPECT_EQ(web::Dispatch(*router, metrics, page, options).status, 503);
}

}  // namespace
}  // namespace motcua
