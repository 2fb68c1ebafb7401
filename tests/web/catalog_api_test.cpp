// HTTP tests: the real router and server on 127.0.0.1, a real SQLite store.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/catalog/catalog_service.hpp"
#include "store/catalog_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/http_client.hpp"
#include "testutil/test_database.hpp"
#include "web/routes.hpp"
#include "web/server.hpp"

namespace motcua {
namespace {

using nlohmann::json;
using testutil::HttpGet;

class CatalogHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string reason;
    db_ = testutil::TestDatabase::Create(testutil::Engine::kSqlite, &reason).release();
    store_ = new store::CatalogStore(db_->db());
    service_ = new app::CatalogService(*store_);
    ASSERT_TRUE(service_->Import(testutil::SmallCatalog()));
    metrics_ = new web::Metrics();
    ctx_ = new web::WebContext{*service_, *metrics_, "Cổng Dịch vụ công TP.HCM"};
    router_ = web::BuildRoutes(*ctx_).release();
    web::ServerOptions options;
    options.port = testutil::FreePort();
    options.threads = 2;
    options.access_log = false;
    options.max_body_bytes = 1 << 20;
    port_ = options.port;
    server_ = new web::Server(*router_, *metrics_, options);
    ASSERT_TRUE(server_->Start());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete router_;
    delete ctx_;
    delete metrics_;
    delete service_;
    delete store_;
    delete db_;
  }

  static json GetJson(const std::string& target, int expected_status = 200) {
    auto r = HttpGet(port_, target);
    EXPECT_EQ(r.status, expected_status) << target << "\n" << r.body;
    return json::parse(r.body, nullptr, false);
  }

  static inline testutil::TestDatabase* db_;
  static inline store::CatalogStore* store_;
  static inline app::CatalogService* service_;
  static inline web::Metrics* metrics_;
  static inline web::WebContext* ctx_;
  static inline web::Router* router_;
  static inline web::Server* server_;
  static inline unsigned short port_;
};

TEST_F(CatalogHttp, HealthzAnswersOk) {
  auto r = HttpGet(port_, "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["status"], "ok");
}

TEST_F(CatalogHttp, SearchesProceduresWithoutDiacritics) {
  json body = GetJson("/api/v1/procedures?q=dang+ky+khai+sinh");
  ASSERT_TRUE(body.is_object());
  EXPECT_EQ(body["total"], 2);
  EXPECT_EQ(body["page"], 1);
  ASSERT_EQ(body["items"].size(), 2u);
  const json& first = body["items"][0];
  EXPECT_EQ(first["code"], "1.001193");
  EXPECT_EQ(first["name"], "Đăng ký khai sinh");
  EXPECT_EQ(first["agency"]["code"], "000.20.31.H29");
  EXPECT_EQ(first["agency"]["name"], "Ủy ban nhân dân Phường Sài Gòn");
  EXPECT_EQ(first["field"]["name"], "Hộ tịch");
  EXPECT_EQ(first["processing_days"], 1.0);
  EXPECT_EQ(first["online_level"], "full");
}

TEST_F(CatalogHttp, AcceptsPercentEncodedVietnameseQueries) {
  // "khai sinh lại" in UTF-8, percent-encoded.
  json body = GetJson("/api/v1/procedures?q=khai%20sinh%20l%E1%BA%A1i");
  ASSERT_FALSE(body["items"].empty());
  EXPECT_EQ(body["items"][0]["code"], "1.004884");
}

TEST_F(CatalogHttp, FiltersAndPaginates) {
  json body = GetJson("/api/v1/procedures?field=HT&level=commune&online=full&per_page=1&page=2");
  EXPECT_EQ(body["total"], 2);
  EXPECT_EQ(body["page"], 2);
  EXPECT_EQ(body["items"].size(), 1u);
  json by_agency = GetJson("/api/v1/procedures?agency=000.00.06.H29");
  EXPECT_EQ(by_agency["total"], 1);
}

TEST_F(CatalogHttp, ReturnsTheFullProcedureAnd404ForUnknownCodes) {
  json p = GetJson("/api/v1/procedures/2.000488");
  EXPECT_EQ(p["name"], "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam");
  EXPECT_EQ(p["processing_days"], 10.0);
  EXPECT_EQ(p["components"][0]["originals"], 1);
  EXPECT_EQ(p["legal_bases"][0]["number"], "60/2014/QH13");
  EXPECT_EQ(p["steps"].size(), 2u);
  EXPECT_EQ(p["agencies"][0]["name"], "Trung tâm Lý lịch tư pháp");

  auto r = HttpGet(port_, "/api/v1/procedures/9.999999");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.headers["content-type"], "application/problem+json; charset=utf-8");
  json problem = json::parse(r.body);
  EXPECT_EQ(problem["status"], 404);
  EXPECT_EQ(problem["detail"], "Không tìm thấy thủ tục hành chính có mã này.");
}

TEST_F(CatalogHttp, ListsAgenciesAsATreeAndFieldsWithCounts) {
  json agencies = GetJson("/api/v1/agencies");
  ASSERT_EQ(agencies["items"].size(), 1u);
  EXPECT_EQ(agencies["items"][0]["code"], "000.00.00.H29");
  EXPECT_EQ(agencies["items"][0]["children"].size(), 3u);
  json fields = GetJson("/api/v1/fields");
  ASSERT_EQ(fields["items"].size(), 3u);
  EXPECT_EQ(fields["items"][0]["code"], "HT");
  EXPECT_EQ(fields["items"][0]["procedures"], 4);
}

TEST_F(CatalogHttp, RejectsInvalidParametersWithVietnameseProblems) {
  for (const char* target :
       {"/api/v1/procedures?page=-1", "/api/v1/procedures?page=0", "/api/v1/procedures?page=abc",
        "/api/v1/procedures?per_page=1000", "/api/v1/procedures?level=galaxy",
        "/api/v1/procedures?online=4", "/api/v1/procedures?agency=000.99.99.H29",
        "/api/v1/procedures?field=NOPE", "/api/v1/procedures?q=%FF%FE",
        "/api/v1/procedures?q=%ZZ"}) {
    auto r = HttpGet(port_, target);
    EXPECT_EQ(r.status, 400) << target;
    json problem = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(problem.is_object()) << target;
    EXPECT_FALSE(problem["detail"].get<std::string>().empty()) << target;
  }
}

TEST_F(CatalogHttp, RefusesOversizeRequestsWithoutCrashing) {
  std::string long_query = "/api/v1/procedures?q=" + std::string(9000, 'a');
  EXPECT_EQ(HttpGet(port_, long_query).status, 414);
  std::string too_long_q = "/api/v1/procedures?q=" + std::string(300, 'a');
  EXPECT_EQ(HttpGet(port_, too_long_q).status, 400);
  auto big = testutil::HttpRequest(port_, "POST", "/api/v1/procedures", {}, std::string(2 << 20, 'x'));
  EXPECT_TRUE(big.status == 413 || big.status == 0 || big.status == 405) << big.status;
  // And the server still answers.
  EXPECT_EQ(HttpGet(port_, "/healthz").status, 200);
}

TEST_F(CatalogHttp, AnswersUnknownRoutesAndMethodsClearly) {
  EXPECT_EQ(HttpGet(port_, "/api/v1/nothing").status, 404);
  EXPECT_EQ(testutil::HttpRequest(port_, "DELETE", "/api/v1/procedures").status, 405);
  auto page = HttpGet(port_, "/khong-co", {{"Accept", "text/html"}});
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("Không tìm thấy"), std::string::npos);
}

TEST_F(CatalogHttp, ExportsPrometheusMetricsByRoute) {
  HttpGet(port_, "/api/v1/procedures?q=khai+sinh");
  auto r = HttpGet(port_, "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("motcua_http_requests_total{method=\"GET\",route=\"/api/v1/procedures\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(r.body.find("motcua_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/procedures\",le=\"+Inf\"}"),
            std::string::npos);
}

TEST_F(CatalogHttp, RendersThePortalPagesInVietnamese) {
  auto home = HttpGet(port_, "/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("<html lang=\"vi\">"), std::string::npos);
  EXPECT_NE(home.body.find("Dịch vụ công được sử dụng nhiều"), std::string::npos);
  EXPECT_NE(home.body.find("/thu-tuc/1.001193"), std::string::npos);

  auto search = HttpGet(port_, "/thu-tuc?q=dang+ky+khai+sinh");
  EXPECT_EQ(search.status, 200);
  EXPECT_NE(search.body.find("2 thủ tục"), std::string::npos);
  EXPECT_LT(search.body.find("Đăng ký khai sinh</a>"), search.body.find("Đăng ký khai sinh lại</a>"));

  auto detail = HttpGet(port_, "/thu-tuc/2.000488");
  EXPECT_EQ(detail.status, 200);
  EXPECT_NE(detail.body.find("Thành phần hồ sơ"), std::string::npos);
  EXPECT_NE(detail.body.find("10 ngày làm việc"), std::string::npos);
  EXPECT_NE(detail.body.find("Căn cứ pháp lý"), std::string::npos);
  EXPECT_NE(detail.body.find("Trung tâm Lý lịch tư pháp"), std::string::npos);

  auto agencies = HttpGet(port_, "/co-quan");
  EXPECT_EQ(agencies.status, 200);
  EXPECT_NE(agencies.body.find("Trung tâm Lý lịch tư pháp"), std::string::npos);

  auto bad = HttpGet(port_, "/thu-tuc?page=-3");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Số trang phải là số nguyên"), std::string::npos);
}

TEST_F(CatalogHttp, EscapesUserInputInPages) {
  auto r = HttpGet(port_, "/thu-tuc?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace motcua
