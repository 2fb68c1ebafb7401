// Reports over HTTP: a dossier's lifecycle moves the figures of the
// summary, indicators, officers' scores and the per-procedure statistics;
// page, JSON and CSV show the same numbers; supervisors drill down to the
// dossiers behind a figure; scopes, bad input and weights.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "testutil/portal_server.hpp"

namespace motcua {
namespace {

using json = nlohmann::json;
using testutil::PortalServer;

const std::string kPdf = "%PDF-1.4\n% to khai\n";
const std::string kResult = "%PDF-1.7\n% ket qua\n";

class ReportApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    portal_ = new PortalServer("2026-11-25T02:00:00Z");  // Wednesday 09:00 in Vietnam
    portal_->AddCitizen("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
    portal_->AddOfficer("motcua.tuphap", domain::Role::kDeskOfficer, "000.00.06.H29");
    portal_->AddOfficer("chuyenvien.lltp", domain::Role::kSpecialist, "000.01.06.H29");
    portal_->AddOfficer("lanhdao.tuphap", domain::Role::kLeader, "000.00.06.H29");
    portal_->AddOfficer("giamsat", domain::Role::kSupervisor, "000.00.00.H29");
    portal_->AddOfficer("lanhdao.saigon", domain::Role::kLeader, "000.20.31.H29");
    citizen_ = portal_->Token("079203001234");
    desk_ = portal_->Token("motcua.tuphap");
    specialist_ = portal_->Token("chuyenvien.lltp");
    leader_ = portal_->Token("lanhdao.tuphap");
    supervisor_ = portal_->Token("giamsat");
    ward_leader_ = portal_->Token("lanhdao.saigon");
    Lifecycle();
  }
  static void TearDownTestSuite() { delete portal_; }

  static json Act(const std::string& token, const json& d, json action) {
    action["version"] = d["version"];
    auto r = portal_->Api(token, "POST", "/api/v1/dossiers/" + std::to_string(d["id"].get<long long>()) + "/actions",
                          action.dump());
    EXPECT_EQ(r.status, 200) << action.dump() << " → " << r.body;
    return json::parse(r.body, nullptr, false);
  }

  // One online dossier accepted, handled, approved early and returned online.
  static void Lifecycle() {
    std::string body = "--B\r\nContent-Disposition: form-data; name=\"dossier\"\r\n\r\n{\"procedure_code\":\"2.000488\"}\r\n"
                       "--B\r\nContent-Disposition: form-data; name=\"component_0\"; filename=\"a.pdf\"\r\n"
                       "Content-Type: application/pdf\r\n\r\n" + kPdf + "\r\n--B--\r\n";
    auto r = testutil::HttpRequest(portal_->port(), "POST", "/api/v1/dossiers",
                                   {{"Authorization", "Bearer " + citizen_},
                                    {"Content-Type", "multipart/form-data; boundary=B"}}, body);
    ASSERT_EQ(r.status, 201) << r.body;
    json d = json::parse(r.body);
    d = Act(desk_, d, {{"action", "accept"}});
    d = Act(desk_, d, {{"action", "forward"}, {"assignee", "chuyenvien.lltp"}});
    std::string attach = "--B\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n{\"action\":\"attach_result\",\"version\":" +
                         std::to_string(d["version"].get<int>()) +
                         "}\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kq.pdf\"\r\n"
                         "Content-Type: application/pdf\r\n\r\n" + kResult + "\r\n--B--\r\n";
    r = testutil::HttpRequest(portal_->port(), "POST",
                              "/api/v1/dossiers/" + std::to_string(d["id"].get<long long>()) + "/actions",
                              {{"Authorization", "Bearer " + specialist_},
                               {"Content-Type", "multipart/form-data; boundary=B"}}, attach);
    ASSERT_EQ(r.status, 200) << r.body;
    d = json::parse(r.body);
    d = Act(specialist_, d, {{"action", "forward"}});
    d = Act(leader_, d, {{"action", "approve"}});
    d = Act(desk_, d, {{"action", "return_result"}, {"method", "online"}});
    ASSERT_EQ(d["status"], "returned");
    dossier_id_ = d["id"].get<long long>();
  }

  static inline PortalServer* portal_;
  static inline std::string citizen_, desk_, specialist_, leader_, supervisor_, ward_leader_;
  static inline long long dossier_id_ = 0;
};

TEST_F(ReportApi, TheSummaryCountsTheDossierForItsAgencyItsParentAndTheProvince) {
  for (std::string agency : {"000.00.06.H29", ""}) {
    auto r = portal_->Api("", "GET", "/api/v1/reports/summary?period=2026-11&agency=" + agency);
    ASSERT_EQ(r.status, 200) << r.body;
    json s = json::parse(r.body);
    EXPECT_EQ(s["total"]["received"]["total"], 1) << agency;
    EXPECT_EQ(s["total"]["received"]["online"], 1);
    EXPECT_EQ(s["total"]["resolved"]["early"], 1);
    EXPECT_EQ(s["total"]["returned"]["online"], 1);
    EXPECT_EQ(s["total"]["rates"]["on_time"]["text"], "100,0%");
    EXPECT_EQ(s["total"]["rates"]["online"]["text"], "100,0%");
  }
  auto ward = json::parse(portal_->Api("", "GET", "/api/v1/reports/summary?period=2026-11&agency=000.20.31.H29").body);
  EXPECT_EQ(ward["total"]["received"]["total"], 0);
  // A day range inside the month reads day rows and agrees.
  auto days = json::parse(
      portal_->Api("", "GET", "/api/v1/reports/summary?from=2026-11-20&to=2026-11-25&agency=000.00.06.H29").body);
  EXPECT_EQ(days["total"]["received"]["total"], 1);
  auto before = json::parse(
      portal_->Api("", "GET", "/api/v1/reports/summary?from=2026-11-01&to=2026-11-24&agency=000.00.06.H29").body);
  EXPECT_EQ(before["total"]["received"]["total"], 0);
}

TEST_F(ReportApi, GroupingByMonthAndByProcedure) {
  json m = json::parse(portal_->Api("", "GET", "/api/v1/reports/summary?period=2026&group_by=month").body);
  ASSERT_EQ(m["rows"].size(), 1u);
  EXPECT_EQ(m["rows"][0]["key"], "202611");
  EXPECT_EQ(m["rows"][0]["label"], "11/2026");
  json p = json::parse(portal_->Api("", "GET", "/api/v1/reports/summary?period=2026&group_by=procedure").body);
  ASSERT_EQ(p["rows"].size(), 1u);
  EXPECT_EQ(p["rows"][0]["key"], "2.000488");
}

TEST_F(ReportApi, IndicatorsAndQd766) {
  auto r = portal_->Api("", "GET", "/api/v1/reports/indicators?period=2026-Q4&agency=000.00.06.H29");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["indices"][0]["score_text"], "2,0");  // index 1: early
  EXPECT_EQ(j["indices"][6]["score_text"], "2,0");  // index 7: early, no complaint
  EXPECT_EQ(j["indices"][4]["score"], nullptr);     // index 5: no data
  EXPECT_EQ(j["qd766"]["groups"].size(), 6u);
  EXPECT_EQ(j["qd766"]["groups"][1]["key"], "progress");
  EXPECT_EQ(j["qd766"]["groups"][1]["weight"], 20);
}

TEST_F(ReportApi, OfficersScoresNeedASupervisorInScope) {
  EXPECT_EQ(portal_->Api("", "GET", "/api/v1/reports/officers?period=2026-11&agency=000.00.06.H29").status, 401);
  EXPECT_EQ(portal_->Api(citizen_, "GET", "/api/v1/reports/officers?period=2026-11&agency=000.00.06.H29").status, 403);
  EXPECT_EQ(portal_->Api(ward_leader_, "GET", "/api/v1/reports/officers?period=2026-11&agency=000.00.06.H29").status,
            404);
  auto r = portal_->Api(leader_, "GET", "/api/v1/reports/officers?period=2026-11&agency=000.00.06.H29");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  std::set<std::string> names;
  for (const auto& o : j["officers"]) names.insert(o["username"]);
  EXPECT_TRUE(names.count("motcua.tuphap"));
  EXPECT_TRUE(names.count("chuyenvien.lltp"));
  EXPECT_TRUE(names.count("lanhdao.tuphap"));
  for (const auto& o : j["officers"]) {
    if (o["username"] == "chuyenvien.lltp") {
      EXPECT_EQ(o["indices"]["1"], 2.0);
      EXPECT_EQ(o["agency"], "000.01.06.H29");
    }
  }
}

TEST_F(ReportApi, TheCsvExportHasTheSameNumbersAsTheJson) {
  auto r = testutil::HttpRequest(portal_->port(), "GET", "/api/v1/reports/summary?period=2026-11&agency=000.00.06.H29",
                                 {{"Accept", "text/csv"}}, "");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Tổng cộng: Sở Tư pháp"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("100,0%"), std::string::npos);
  auto x = portal_->Api("", "GET", "/api/v1/reports/summary?period=2026-11&format=xlsx");
  EXPECT_EQ(x.status, 200);
  EXPECT_EQ(x.body.substr(0, 2), "PK");
}

TEST_F(ReportApi, BadParametersGiveJsonProblems) {
  auto r = portal_->Api("", "GET", "/api/v1/reports/summary?period=2026-13");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("Kỳ báo cáo không hợp lệ"), std::string::npos);
  EXPECT_EQ(portal_->Api("", "GET", "/api/v1/reports/summary?from=2026-11-20&to=2026-11-01").status, 400);
  EXPECT_EQ(portal_->Api("", "GET", "/api/v1/reports/summary?group_by=weekday").status, 400);
  EXPECT_EQ(portal_->Api("", "GET", "/api/v1/reports/summary?agency=999.99.99.X99").status, 404);
  EXPECT_EQ(portal_->Api("", "GET", "/api/v1/reports/summary?format=pdf").status, 400);
  EXPECT_EQ(portal_->Api(supervisor_, "GET", "/api/v1/reports/dossiers?figure=nothing").status, 400);
}

TEST_F(ReportApi, DrillDownListsTheDossiersBehindAFigure) {
  auto r = portal_->Api(supervisor_, "GET", "/api/v1/reports/dossiers?period=2026-11&figure=resolved_early");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["id"], dossier_id_);
  j = json::parse(portal_->Api(supervisor_, "GET", "/api/v1/reports/dossiers?period=2026-11&figure=resolved_late").body);
  EXPECT_EQ(j["items"].size(), 0u);
  EXPECT_EQ(portal_->Api(citizen_, "GET", "/api/v1/reports/dossiers?period=2026-11&figure=received").status, 403);
}

TEST_F(ReportApi, WeightsMustTotalOneHundredAndOnlySupervisorsSetThem) {
  json w = {{"effective_from", "2026-12-01"},
            {"weights", {{"publicity", 20}, {"progress", 20}, {"online", 10}, {"payment", 10}, {"satisfaction", 20},
                         {"digitization", 20}}}};
  EXPECT_EQ(portal_->Api(leader_, "PUT", "/api/v1/reports/weights", w.dump()).status, 403);
  json bad = w;
  bad["weights"]["publicity"] = 30;
  auto r = portal_->Api(supervisor_, "PUT", "/api/v1/reports/weights", bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("bằng 100"), std::string::npos);
  json past = w;
  past["effective_from"] = "2026-01-01";
  EXPECT_EQ(portal_->Api(supervisor_, "PUT", "/api/v1/reports/weights", past.dump()).status, 400);
  EXPECT_EQ(portal_->Api(supervisor_, "PUT", "/api/v1/reports/weights", w.dump()).status, 201);
  json got = json::parse(portal_->Api("", "GET", "/api/v1/reports/weights").body);
  EXPECT_EQ(got["versions"].size(), 2u);
  EXPECT_EQ(got["in_force"]["weights"]["publicity"], 18);  // from 1/12 only
}

TEST_F(ReportApi, PagesShowTheSameNumbersWithChartsAndTables) {
  auto page = portal_->Page("", "/minh-bach?co-quan=000.00.06.H29&ky=2026-11");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("role=\"img\""), std::string::npos);
  EXPECT_NE(page.body.find("100,0%"), std::string::npos);
  EXPECT_EQ(page.body.find("079203001234"), std::string::npos);

  EXPECT_EQ(portal_->Page("", "/giam-sat/bao-cao").status, 303);
  std::string cookie = portal_->CookieLogin("giamsat");
  auto dash = portal_->Page(cookie, "/giam-sat/bao-cao?co-quan=000.00.06.H29&ky=2026-11");
  ASSERT_EQ(dash.status, 200) << dash.body;
  EXPECT_NE(dash.body.find("/giam-sat/bao-cao/ho-so?co-quan=000.00.06.H29&amp;ky=2026-11&amp;chi-so=received"),
            std::string::npos);
  EXPECT_NE(dash.body.find("chuyenvien.lltp"), std::string::npos);
  // A supervisor of the top-level agency may choose the whole province.
  EXPECT_NE(dash.body.find("<option value=\"\">Toàn tỉnh/thành phố</option>"), std::string::npos);
  std::string leader_cookie = portal_->CookieLogin("lanhdao.tuphap");
  auto own = portal_->Page(leader_cookie, "/giam-sat/bao-cao?co-quan=000.00.06.H29&ky=2026-11");
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.body.find("Toàn tỉnh/thành phố</option>"), std::string::npos);
  auto drill = portal_->Page(cookie, "/giam-sat/bao-cao/ho-so?co-quan=000.00.06.H29&ky=2026-11&chi-so=received");
  ASSERT_EQ(drill.status, 200);
  EXPECT_NE(drill.body.find("/can-bo/ho-so/" + std::to_string(dossier_id_)), std::string::npos);
  std::string citizen_cookie = portal_->CookieLogin("079203001234");
  EXPECT_EQ(portal_->Page(citizen_cookie, "/giam-sat/bao-cao").status, 403);
}

TEST_F(ReportApi, TheProcedurePageShowsItsYearToDateFigures) {
  auto page = portal_->Page("", "/thu-tuc/2.000488");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Tình hình giải quyết từ đầu năm"), std::string::npos) << page.body;
}

// Its own portal: rules from today change the bands every other test reads.
class ReportScoringRulesApi : public ReportApi {};

TEST_F(ReportScoringRulesApi, NewRulesApplyFromTheirDateEverywhereAndOnlySupervisorsSetThem) {
  const std::string officers = "/api/v1/reports/officers?period=2026-11&agency=000.00.06.H29";
  json before = json::parse(portal_->Api(leader_, "GET", officers).body);
  EXPECT_EQ(before["scoring_rules"]["effective_from"], "2018-08-21");
  ASSERT_FALSE(before["officers"].empty());
  EXPECT_EQ(before["officers"][0]["indices"].size(), 5u);

  json rules = {{"effective_from", "2026-11-25"},
                {"officer_indices", {1, 7}},
                {"officer_full", 4},
                {"officer_partial", 2.5},
                {"agency_bands", {{"excellent", 16}, {"good", 13}, {"fairly_good", 10}, {"average", 7}}},
                {"note", "Thử nghiệm"}};
  EXPECT_EQ(portal_->Api("", "PUT", "/api/v1/reports/scoring-rules", rules.dump()).status, 401);
  EXPECT_EQ(portal_->Api(leader_, "PUT", "/api/v1/reports/scoring-rules", rules.dump()).status, 403);
  json bad = rules;
  bad["officer_indices"] = {1, 9};
  auto r = portal_->Api(supervisor_, "PUT", "/api/v1/reports/scoring-rules", bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("1, 2, 3, 4 và 7"), std::string::npos) << r.body;
  bad = rules;
  bad["officer_full"] = 4.5;  // two indices give at most 4 points
  EXPECT_EQ(portal_->Api(supervisor_, "PUT", "/api/v1/reports/scoring-rules", bad.dump()).status, 400);
  bad = rules;
  bad["officer_partial"] = 2.55;
  EXPECT_EQ(portal_->Api(supervisor_, "PUT", "/api/v1/reports/scoring-rules", bad.dump()).status, 400);
  bad = rules;
  bad["agency_bands"].erase("average");
  EXPECT_EQ(portal_->Api(supervisor_, "PUT", "/api/v1/reports/scoring-rules", bad.dump()).status, 400);
  bad = rules;
  bad["effective_from"] = "2026-11-24";  // published scores do not change under their readers
  EXPECT_EQ(portal_->Api(supervisor_, "PUT", "/api/v1/reports/scoring-rules", bad.dump()).status, 400);
  EXPECT_EQ(json::parse(portal_->Api("", "GET", "/api/v1/reports/scoring-rules").body)["versions"].size(), 1u);

  r = portal_->Api(supervisor_, "PUT", "/api/v1/reports/scoring-rules", rules.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  json got = json::parse(portal_->Api("", "GET", "/api/v1/reports/scoring-rules").body);
  EXPECT_EQ(got["versions"].size(), 2u);
  EXPECT_EQ(got["in_force"]["effective_from"], "2026-11-25");
  EXPECT_EQ(got["in_force"]["officer_partial"], 2.5);

  // Officers: only indices 1 and 7, and the band from the new thresholds.
  json after = json::parse(portal_->Api(leader_, "GET", officers).body);
  EXPECT_EQ(after["scoring_rules"]["effective_from"], "2026-11-25");
  ASSERT_FALSE(after["officers"].empty());
  for (const auto& o : after["officers"]) {
    EXPECT_EQ(o["indices"].size(), 2u) << o.dump();
    double sum = 0;
    for (const auto& [k, v] : o["indices"].items()) {
      EXPECT_TRUE(k == "1" || k == "7") << k;
      if (!v.is_null()) sum += v.get<double>();
    }
    EXPECT_DOUBLE_EQ(o["score"].get<double>(), sum);
    const char* band = sum >= 4 ? "Đạt điểm tối đa" : sum >= 2.5 ? "Đạt một phần" : "Chưa đạt";
    EXPECT_EQ(o["band_label"], band) << o.dump();
  }
  // The agency's band from the new edges; an earlier period keeps the old rules.
  json ind = json::parse(
      portal_->Api("", "GET", "/api/v1/reports/indicators?period=2026-11&agency=000.00.06.H29").body);
  double score = ind["agency_score"]["score"].get<double>();
  std::string expected = score >= 16 ? "excellent" : score >= 13 ? "good" : score >= 10 ? "fairly_good"
                         : score >= 7 ? "average" : "weak";
  EXPECT_EQ(ind["agency_score"]["band"], expected) << ind["agency_score"].dump();
  json october = json::parse(
      portal_->Api("", "GET", "/api/v1/reports/indicators?period=2026-10&agency=000.00.06.H29").body);
  EXPECT_EQ(october["scoring_rules"]["effective_from"], "2018-08-21");

  // The export and the dashboard show the same columns.
  auto csv = testutil::HttpRequest(portal_->port(), "GET", officers,
                                   {{"Accept", "text/csv"}, {"Authorization", "Bearer " + leader_}}, "");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("Chỉ số 7"), std::string::npos);
  EXPECT_EQ(csv.body.find("Chỉ số 2"), std::string::npos);
  std::string cookie = portal_->CookieLogin("giamsat");
  auto dash = portal_->Page(cookie, "/giam-sat/bao-cao?co-quan=000.00.06.H29&ky=2026-11");
  ASSERT_EQ(dash.status, 200);
  EXPECT_NE(dash.body.find("Chỉ số 1, 7 (tối đa 4,0 điểm; đạt tối đa từ 4,0, đạt một phần từ 2,5 điểm; quy tắc áp "
                           "dụng từ 25/11/2026)"),
            std::string::npos);
  EXPECT_EQ(dash.body.find("<th scope=\"col\">CS 2</th>"), std::string::npos);
}

}  // namespace
}  // namespace motcua
