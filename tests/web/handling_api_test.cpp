// The handling API end to end over HTTP: actions through the whole process
// to the result download, history (the applicant sees no officer names),
// the control slip, worklists with keyset pages and counts, processes
// (GET/PUT), the register as JSON, CSV and XLSX, and bad input.

#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "testutil/portal_server.hpp"

namespace motcua {
namespace {

using json = nlohmann::json;
using testutil::PortalServer;

const std::string kPdf = "%PDF-1.4\n% to khai\n";
const std::string kResult = "%PDF-1.7\n% ket qua LLTP\n";

class HandlingApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    portal_ = new PortalServer("2026-11-25T02:00:00Z");  // Wednesday 09:00 in Vietnam
    portal_->AddCitizen("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
    portal_->AddOfficer("motcua.tuphap", domain::Role::kDeskOfficer, "000.00.06.H29");
    portal_->AddOfficer("chuyenvien.lltp", domain::Role::kSpecialist, "000.01.06.H29");
    portal_->AddOfficer("lanhdao.tuphap", domain::Role::kLeader, "000.00.06.H29");
    portal_->AddOfficer("quantri", domain::Role::kSystemAdmin, "000.00.00.H29");
    portal_->AddOfficer("motcua.saigon", domain::Role::kDeskOfficer, "000.20.31.H29");
    citizen_ = portal_->Token("079203001234");
    desk_ = portal_->Token("motcua.tuphap");
    specialist_ = portal_->Token("chuyenvien.lltp");
    leader_ = portal_->Token("lanhdao.tuphap");
    admin_ = portal_->Token("quantri");
    ward_ = portal_->Token("motcua.saigon");
  }
  static void TearDownTestSuite() { delete portal_; }

  static json Submit() {
    std::string body = "--B\r\nContent-Disposition: form-data; name=\"dossier\"\r\n\r\n{\"procedure_code\":\"2.000488\"}\r\n"
                       "--B\r\nContent-Disposition: form-data; name=\"component_0\"; filename=\"a.pdf\"\r\n"
                       "Content-Type: application/pdf\r\n\r\n" +
                       kPdf + "\r\n--B--\r\n";
    auto r = testutil::HttpRequest(portal_->port(), "POST", "/api/v1/dossiers",
                                   {{"Authorization", "Bearer " + citizen_},
                                    {"Content-Type", "multipart/form-data; boundary=B"}},
                                   body);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  static json Act(const std::string& token, const json& d, json action, int expect = 200) {
    action["version"] = d["version"];
    auto r = portal_->Api(token, "POST", "/api/v1/dossiers/" + std::to_string(d["id"].get<long long>()) + "/actions",
                          action.dump());
    EXPECT_EQ(r.status, expect) << action.dump() << " → " << r.body;
    json body = json::parse(r.body, nullptr, false);
    return r.status == 200 ? body : d;
  }
  static json AttachResult(const json& d) {
    std::string body = "--B\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n{\"action\":\"attach_result\",\"version\":" +
                       std::to_string(d["version"].get<int>()) +
                       "}\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"phieu.pdf\"\r\n"
                       "Content-Type: application/pdf\r\n\r\n" +
                       kResult + "\r\n--B--\r\n";
    auto r = testutil::HttpRequest(portal_->port(), "POST",
                                   "/api/v1/dossiers/" + std::to_string(d["id"].get<long long>()) + "/actions",
                                   {{"Authorization", "Bearer " + specialist_},
                                    {"Content-Type", "multipart/form-data; boundary=B"}},
                                   body);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  static inline PortalServer* portal_;
  static inline std::string citizen_, desk_, specialist_, leader_, admin_, ward_;
};

TEST_F(HandlingApi, ActionsCarryADossierFromAcceptanceToTheDownloadedResult) {
  json d = Act(desk_, Submit(), {{"action", "accept"}});
  EXPECT_EQ(d["status"], "accepted");
  EXPECT_EQ(d["handling"]["step"], 0);
  EXPECT_NE(std::find(d["available_actions"].begin(), d["available_actions"].end(), "forward"),
            d["available_actions"].end());
  d = Act(desk_, d, {{"action", "forward"}, {"assignee", "chuyenvien.lltp"}});
  EXPECT_EQ(d["handling"]["assignee"], "chuyenvien.lltp");
  // Unknown action, stale version, a citizen forwarding: clear problems.
  Act(specialist_, d, {{"action", "teleport"}}, 400);
  json stale = d;
  stale["version"] = d["version"].get<int>() - 1;
  auto r = portal_->Api(specialist_, "POST", "/api/v1/dossiers/" + std::to_string(d["id"].get<long long>()) + "/actions",
                        json{{"action", "forward"}, {"version", stale["version"]}}.dump());
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("người khác cập nhật"), std::string::npos);
  Act(citizen_, d, {{"action", "forward"}}, 403);
  Act(ward_, d, {{"action", "forward"}}, 404);
  Act(leader_, d, {{"action", "approve"}}, 422);
  d = AttachResult(d);
  ASSERT_EQ(d["handling"]["results"].size(), 1u);
  d = Act(specialist_, d, {{"action", "forward"}});
  Act(leader_, d, {{"action", "apologize"}, {"reason", "Xác minh thêm"}, {"new_due_date", "31/12/2026"}}, 400);
  d = Act(leader_, d, {{"action", "apologize"}, {"reason", "Xác minh thêm"}, {"new_due_date", "2026-12-31"}});
  EXPECT_EQ(d["due_at"], "2026-12-31T10:00:00.000Z");
  d = Act(leader_, d, {{"action", "approve"}});
  EXPECT_EQ(d["status"], "result_ready");
  d = Act(desk_, d, {{"action", "return_result"}, {"method", "online"}});
  EXPECT_EQ(d["status"], "returned");
  std::string url = d["handling"]["results"][0]["url"];
  auto download = portal_->Api(citizen_, "GET", url);
  EXPECT_EQ(download.status, 200);
  EXPECT_EQ(download.body, kResult);
  EXPECT_EQ(portal_->Api(ward_, "GET", url).status, 404);

  // Public tracking shows "Đã trả kết quả" and nothing personal.
  auto tracking = portal_->Api("", "GET", "/api/v1/tracking/" + d["code"].get<std::string>());
  EXPECT_EQ(tracking.status, 200);
  EXPECT_NE(tracking.body.find("Đã trả kết quả"), std::string::npos);
  EXPECT_EQ(tracking.body.find("079203001234"), std::string::npos);

  // History: officers see who did what; the applicant sees steps and dates only.
  auto officer_view = json::parse(portal_->Api(leader_, "GET", "/api/v1/dossiers/" + d["code"].get<std::string>() + "/history").body);
  auto citizen_view = json::parse(portal_->Api(citizen_, "GET", "/api/v1/dossiers/" + d["code"].get<std::string>() + "/history").body);
  ASSERT_GE(officer_view["history"].size(), 7u);
  EXPECT_EQ(officer_view["history"].size(), citizen_view["history"].size());
  EXPECT_TRUE(officer_view["history"][1].contains("actor"));
  EXPECT_FALSE(citizen_view["history"][1].contains("actor"));
  EXPECT_FALSE(citizen_view.contains("control_slip"));
  ASSERT_TRUE(officer_view.contains("control_slip"));
  EXPECT_EQ(officer_view["control_slip"]["rows"].back()["action"], "return_result");
  EXPECT_EQ(portal_->Api(citizen_, "GET", "/api/v1/dossiers/" + d["code"].get<std::string>() + "/control-slip").status,
            403);
}

TEST_F(HandlingApi, WorklistPagesByKeysetWithoutGapsAndCounts) {
  std::set<long long> ids;
  for (int i = 0; i < 5; ++i) ids.insert(Act(desk_, Submit(), {{"action", "accept"}})["id"].get<long long>());
  std::set<long long> seen;
  std::string next;
  for (int page = 0; page < 10; ++page) {
    auto r = portal_->Api(desk_, "GET", "/api/v1/worklist?tab=unit&limit=2" + (next.empty() ? "" : "&after=" + next));
    ASSERT_EQ(r.status, 200) << r.body;
    json body = json::parse(r.body);
    for (const auto& item : body["items"]) {
      EXPECT_TRUE(seen.insert(item["id"].get<long long>()).second) << "duplicate";
      EXPECT_EQ(item["due_status"], "on_time");
    }
    if (body["next"].is_null()) break;
    next.clear();
    for (char c : body["next"].get<std::string>()) next += c == '|' ? std::string("%7C") : std::string(1, c);
  }
  for (long long id : ids) EXPECT_TRUE(seen.count(id)) << id;
  auto counts = json::parse(portal_->Api(desk_, "GET", "/api/v1/worklist/counts").body);
  EXPECT_GE(counts["unit"].get<int>(), 5);
  EXPECT_EQ(portal_->Api(desk_, "GET", "/api/v1/worklist?tab=nope").status, 400);
  EXPECT_EQ(portal_->Api(desk_, "GET", "/api/v1/worklist?due=late").status, 400);
  EXPECT_EQ(portal_->Api(citizen_, "GET", "/api/v1/worklist").status, 403);
  EXPECT_EQ(portal_->Api("", "GET", "/api/v1/worklist").status, 401);
}

TEST_F(HandlingApi, ProcessesAreReadByAnyoneAndReplacedByAdministratorsOnly) {
  auto get = portal_->Api("", "GET", "/api/v1/procedures/1.004628/process");
  ASSERT_EQ(get.status, 200) << get.body;
  EXPECT_EQ(json::parse(get.body)["version"], 0);
  json process = {{"effective_from", "2026-12-01"},
                  {"steps",
                   {{{"name", "Tiếp nhận"}, {"role", "desk_officer"}, {"unit", "Một cửa"}, {"days", 1}},
                    {{"name", "Thẩm định"}, {"role", "specialist"}, {"unit", "Phòng Lữ hành"}, {"days", 6}},
                    {{"name", "Ký"}, {"role", "leader"}, {"unit", "Ban Giám đốc"}, {"days", 2}},
                    {{"name", "Trả"}, {"role", "desk_officer"}, {"unit", "Một cửa"}, {"days", 1}}}}};
  EXPECT_EQ(portal_->Api(desk_, "PUT", "/api/v1/procedures/1.004628/process", process.dump()).status, 403);
  auto put = portal_->Api(admin_, "PUT", "/api/v1/procedures/1.004628/process", process.dump());
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(json::parse(put.body)["version"], 1);
  process["steps"][1]["days"] = 9;
  auto too_long = portal_->Api(admin_, "PUT", "/api/v1/procedures/1.004628/process", process.dump());
  EXPECT_EQ(too_long.status, 400);
  EXPECT_NE(too_long.body.find("vượt thời hạn giải quyết"), std::string::npos);
  EXPECT_EQ(portal_->Api(admin_, "PUT", "/api/v1/procedures/1.004628/process", "[1,2]").status, 400);
  EXPECT_EQ(portal_->Api(admin_, "PUT", "/api/v1/procedures/9.999999/process", json{{"effective_from", "2026-12-01"}, {"steps", process["steps"]}}.dump()).status, 404);
  auto versions = json::parse(portal_->Api("", "GET", "/api/v1/procedures/1.004628/process").body);
  EXPECT_EQ(versions["versions"].size(), 1u);
}

TEST_F(HandlingApi, RegisterExportsJsonCsvAndXlsx) {
  json d = Act(desk_, Submit(), {{"action", "accept"}});
  std::string code = d["code"];
  auto j = portal_->Api(desk_, "GET", "/api/v1/registers/000.01.06.H29/2026");
  ASSERT_EQ(j.status, 200) << j.body;
  EXPECT_NE(j.body.find(code), std::string::npos);
  auto csv = portal_->Api(desk_, "GET", "/api/v1/registers/000.01.06.H29/2026?format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(code), std::string::npos);
  EXPECT_NE(csv.body.find("Nguyễn Văn An"), std::string::npos);
  auto xlsx = portal_->Api(desk_, "GET", "/api/v1/registers/000.01.06.H29/2026?format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.compare(0, 2, "PK"), 0);
  EXPECT_EQ(portal_->Api(desk_, "GET", "/api/v1/registers/000.01.06.H29/2026?format=pdf").status, 400);
  EXPECT_EQ(portal_->Api(ward_, "GET", "/api/v1/registers/000.01.06.H29/2026").status, 403);
}

}  // namespace
}  // namespace motcua
