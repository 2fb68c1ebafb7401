// `motcua process import|show` and `motcua jobs run-once` end to end.

#include <gtest/gtest.h>

#include "testutil/cli_runner.hpp"

namespace motcua {
namespace {

namespace fs = std::filesystem;

class HandlingCli : public testutil::CliTest {
 protected:
  void SetUp() override {
    testutil::CliTest::SetUp();
    if (HasFatalFailure()) return;
    Migrate();
    ASSERT_EQ(Motcua({"catalog", "import", std::string(MOTCUA_SOURCE_DIR) + "/data/demo/catalog.json"}).exit_code, 0);
  }
  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
};

constexpr const char* kProcess = R"({
  "procedure_code": "2.000488", "effective_from": "2099-01-01", "note": "Quy trình mới",
  "steps": [
    {"name": "Tiếp nhận", "role": "desk_officer", "unit": "Bộ phận Một cửa", "days": 0.5},
    {"name": "Xác minh", "role": "specialist", "unit": "Phòng Lý lịch tư pháp", "agency_code": "000.02.06.H29", "days": 7},
    {"name": "Ký phiếu", "role": "leader", "unit": "Ban Giám đốc Sở", "days": 1.5},
    {"name": "Trả kết quả", "role": "desk_officer", "unit": "Bộ phận Một cửa", "days": 1}
  ]})";

TEST_F(HandlingCli, ImportsAProcessVersionAndShowsTheOneInForce) {
  auto run = Motcua({"process", "import", Write("p.json", kProcess)});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Thủ tục 2.000488: đã lưu quy trình phiên bản 1 (hiệu lực từ 2099-01-01)."),
            std::string::npos)
      << run.out;
  // Not yet in force: the catalog's process applies today.
  auto show = Motcua({"process", "show", "2.000488"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("\"version\": 0"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("Tra cứu, xác minh thông tin lý lịch tư pháp"), std::string::npos);
}

TEST_F(HandlingCli, RefusesAProcessLongerThanTheLegalTimeWithTheReason) {
  std::string text = kProcess;
  text.replace(text.find("\"days\": 7"), 9, "\"days\": 9");
  auto run = Motcua({"process", "import", Write("p.json", text)});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("vượt thời hạn giải quyết"), std::string::npos) << run.err;
  auto bad = Motcua({"process", "import", Write("bad.json", "{not json")});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(HandlingCli, JobsRunOnceScansDeadlines) {
  auto run = Motcua({"jobs", "run-once"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "Sắp đến hạn: 0; quá hạn: 0; thông báo đã gửi: 0.\n");
}

}  // namespace
}  // namespace motcua
