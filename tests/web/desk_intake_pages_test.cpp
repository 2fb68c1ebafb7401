// HTTP tests of the desk intake page /mot-cua/tiep-nhan-moi: a desk officer
// picks a procedure, fills the applicant (or finds a citizen by ID number),
// attaches a scanned PDF with its copy kind, and the dossier is accepted with
// a code (or recorded as postal, waiting for acceptance); errors re-render
// with Vietnamese field errors; other roles and CSRF-less posts get 403.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "testutil/portal_server.hpp"
#include "web/http.hpp"

namespace motcua {
namespace {

using nlohmann::json;
using testutil::InputValue;
using testutil::Multipart;
using testutil::PortalServer;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::string kPdf = "%PDF-1.4\n% scanned at the desk\n";
constexpr const char* kIntake = "/mot-cua/tiep-nhan-moi";

class DeskIntakePagesHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    portal_ = new PortalServer("2026-11-25T02:00:00Z");  // Wednesday 09:00 in Vietnam
    portal_->AddOfficer("motcua.saigon", domain::Role::kDeskOfficer, "000.20.31.H29");
    portal_->AddOfficer("chuyenvien.saigon", domain::Role::kSpecialist, "000.20.31.H29");
    portal_->AddOfficer("motcua.tuphap", domain::Role::kDeskOfficer, "000.00.06.H29");
    portal_->AddCitizen("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
  }
  static void TearDownTestSuite() { delete portal_; }

  // The fields of a complete desk intake of "Đăng ký khai sinh".
  static Fields BirthRegistration(const std::string& csrf) {
    return {{"csrf_token", csrf},        {"procedure_code", "1.001193"}, {"agency_code", "000.20.31.H29"},
            {"channel", "truc-tiep"},    {"postal_date", ""},            {"postal_time", ""},
            {"full_name", "Lê Thị Hoa"}, {"id_number", "079190000111"},  {"phone", "0901234567"},
            {"email", ""},               {"address", "12 Lê Lợi, Phường Sài Gòn"},
            {"request_note", "Đăng ký khai sinh cho con"}, {"copies", "1"}, {"copy_kind_0", "certified_copy"}};
  }

  static void Set(Fields& fields, const std::string& name, const std::string& value) {
    for (auto& [n, v] : fields) {
      if (n == name) {
        v = value;
        return;
      }
    }
    fields.emplace_back(name, value);
  }

  static inline PortalServer* portal_;
};

TEST_F(DeskIntakePagesHttp, DeskOfficerReceivesAPaperDossierAndGetsACodeAndTheReceipt) {
  std::string desk = portal_->CookieLogin("motcua.saigon");
  auto queue = portal_->Page(desk, "/mot-cua");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("href=\"/mot-cua/tiep-nhan-moi\""), std::string::npos);

  // Step 1: the ward's procedures only.
  auto step1 = portal_->Page(desk, kIntake);
  ASSERT_EQ(step1.status, 200) << step1.body;
  EXPECT_NE(step1.body.find("Bước 1 trên 2"), std::string::npos);
  EXPECT_NE(step1.body.find("<option value=\"1.001193\""), std::string::npos);
  EXPECT_EQ(step1.body.find("<option value=\"2.000488\""), std::string::npos);  // the justice department's

  // Step 2: the form for the procedure's components.
  auto step2 = portal_->Page(desk, std::string(kIntake) + "?thu_tuc=1.001193");
  ASSERT_EQ(step2.status, 200) << step2.body;
  EXPECT_NE(step2.body.find("Bước 2 trên 2"), std::string::npos);
  EXPECT_NE(step2.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(step2.body.find("name=\"copy_kind_0\""), std::string::npos);
  EXPECT_NE(step2.body.find("Bản sao chứng thực"), std::string::npos);
  EXPECT_NE(step2.body.find("Qua dịch vụ bưu chính"), std::string::npos);
  std::string csrf = InputValue(step2.body, "csrf_token");
  ASSERT_FALSE(csrf.empty());

  // Finding a citizen by ID number fills the applicant.
  auto found = portal_->Page(desk, std::string(kIntake) + "?thu_tuc=1.001193&so_dinh_danh=079203001234");
  ASSERT_EQ(found.status, 200);
  EXPECT_NE(found.body.find("value=\"Nguyễn Văn An\""), std::string::npos) << found.body;
  EXPECT_NE(found.body.find("value=\"0912345678\""), std::string::npos);
  auto unknown = portal_->Page(desk, std::string(kIntake) + "?thu_tuc=1.001193&so_dinh_danh=079299999999");
  EXPECT_NE(unknown.body.find("Không tìm thấy công dân có số định danh này"), std::string::npos);

  auto created = portal_->PostMultipart(desk, kIntake, Multipart(BirthRegistration(csrf), {{"component_0", kPdf}}));
  ASSERT_EQ(created.status, 303) << created.body;
  std::string location = created.headers["location"];
  ASSERT_EQ(location.rfind("/mot-cua/ho-so/", 0), 0u) << location;
  EXPECT_NE(location.find("?ket-qua=nhap-moi"), std::string::npos);
  std::string id = location.substr(15, location.find('?') - 15);

  auto view = portal_->Page(desk, location);
  ASSERT_EQ(view.status, 200);
  EXPECT_NE(view.body.find("Đã tiếp nhận hồ sơ nộp trực tiếp"), std::string::npos);
  EXPECT_NE(view.body.find("000.20.31.H29-261125-"), std::string::npos) << view.body;
  EXPECT_NE(view.body.find("Ngày hẹn trả kết quả"), std::string::npos);
  EXPECT_NE(view.body.find("/api/v1/dossiers/" + id + "/forms/01?format=html"), std::string::npos);
  EXPECT_EQ(portal_->Page(desk, "/api/v1/dossiers/" + id + "/forms/01?format=html").status, 200);

  auto api = portal_->Api(portal_->Token("motcua.saigon"), "GET", "/api/v1/dossiers/" + id);
  ASSERT_EQ(api.status, 200);
  json d = json::parse(api.body);
  EXPECT_EQ(d["channel"], "desk");
  EXPECT_EQ(d["status"], "accepted");
  EXPECT_EQ(d["applicant"]["full_name"], "Lê Thị Hoa");
  EXPECT_EQ(d["request_note"], "Đăng ký khai sinh cho con");
  ASSERT_EQ(d["files"].size(), 1u);
  EXPECT_EQ(d["files"][0]["copy_kind"], "certified_copy");
}

TEST_F(DeskIntakePagesHttp, PostalIntakeRecordsTheHandoverAndWaitsForAcceptance) {
  std::string desk = portal_->CookieLogin("motcua.saigon");
  std::string csrf = InputValue(portal_->Page(desk, std::string(kIntake) + "?thu_tuc=1.001193").body, "csrf_token");
  Fields fields = BirthRegistration(csrf);
  Set(fields, "channel", "buu-chinh");
  auto no_time = portal_->PostMultipart(desk, kIntake, Multipart(fields, {{"component_0", kPdf}}));
  EXPECT_EQ(no_time.status, 400);
  EXPECT_NE(no_time.body.find("Cần ghi ngày giao nhận với bưu chính"), std::string::npos) << no_time.body;
  EXPECT_NE(no_time.body.find("href=\"#postal_time\""), std::string::npos);
  EXPECT_NE(no_time.body.find("id=\"channel-postal\" name=\"channel\" value=\"buu-chinh\" checked"),
            std::string::npos);

  Set(fields, "postal_date", "26/11/2026");  // tomorrow
  Set(fields, "postal_time", "09:15");
  auto future = portal_->PostMultipart(desk, kIntake, Multipart(fields, {{"component_0", kPdf}}));
  EXPECT_EQ(future.status, 400);
  EXPECT_NE(future.body.find("href=\"#postal_date\""), std::string::npos) << future.body;

  Set(fields, "postal_date", "24/11/2026");
  auto postal = portal_->PostMultipart(desk, kIntake, Multipart(fields, {{"component_0", kPdf}}));
  ASSERT_EQ(postal.status, 303) << postal.body;
  EXPECT_NE(postal.headers["location"].find("?ket-qua=buu-chinh"), std::string::npos);
  auto view = portal_->Page(desk, postal.headers["location"]);
  EXPECT_NE(view.body.find("Đã ghi nhận hồ sơ nhận qua dịch vụ bưu chính"), std::string::npos);
  EXPECT_NE(view.body.find("Chưa có mã"), std::string::npos);
  EXPECT_NE(view.body.find("/tiep-nhan\" method=\"post\""), std::string::npos);  // accept form offered
  EXPECT_NE(view.body.find("24/11/2026 09:15"), std::string::npos);              // submitted = handover
}

TEST_F(DeskIntakePagesHttp, BadInputReRendersTheFormWithVietnameseFieldErrors) {
  std::string desk = portal_->CookieLogin("motcua.saigon");
  std::string csrf = InputValue(portal_->Page(desk, std::string(kIntake) + "?thu_tuc=1.001193").body, "csrf_token");
  Fields fields = BirthRegistration(csrf);
  Set(fields, "full_name", "");
  Set(fields, "phone", "12345");
  Set(fields, "copies", "0");
  auto bad = portal_->PostMultipart(desk, kIntake, Multipart(fields, {{"component_0", kPdf}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Số bộ hồ sơ là số từ 1 đến 20."), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("href=\"#copies\""), std::string::npos);
  EXPECT_NE(bad.body.find("Đăng ký khai sinh cho con"), std::string::npos);  // values kept

  Set(fields, "copies", "1");
  auto invalid = portal_->PostMultipart(desk, kIntake, Multipart(fields, {{"component_0", kPdf}}));
  EXPECT_EQ(invalid.status, 400);
  EXPECT_NE(invalid.body.find("href=\"#full_name\""), std::string::npos) << invalid.body;
  EXPECT_NE(invalid.body.find("href=\"#phone\""), std::string::npos);
  EXPECT_NE(invalid.body.find("id=\"full_name-error\""), std::string::npos);

  Set(fields, "full_name", "Lê Thị Hoa");
  Set(fields, "phone", "0901234567");
  auto not_pdf = portal_->PostMultipart(desk, kIntake, Multipart(fields, {{"component_0", "plain text"}}));
  EXPECT_EQ(not_pdf.status, 400);
  EXPECT_NE(not_pdf.body.find("phải là PDF, JPEG hoặc PNG"), std::string::npos);
  EXPECT_NE(not_pdf.body.find("href=\"#component_0\""), std::string::npos);

  auto unknown = portal_->Page(desk, std::string(kIntake) + "?thu_tuc=9.999999");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("Không tìm thấy thủ tục có mã 9.999999."), std::string::npos);
}

TEST_F(DeskIntakePagesHttp, CitizensSpecialistsAndOtherAgenciesAreRefused) {
  EXPECT_EQ(portal_->Page("", kIntake).headers["location"], "/dang-nhap?next=/mot-cua/tiep-nhan-moi");
  for (const char* login : {"079203001234", "chuyenvien.saigon"}) {
    std::string cookie = portal_->CookieLogin(login);
    auto page = portal_->Page(cookie, std::string(kIntake) + "?thu_tuc=1.001193");
    EXPECT_EQ(page.status, 403) << login;
    EXPECT_EQ(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
    std::string csrf = InputValue(portal_->Page(cookie, "/tai-khoan").body, "csrf_token");
    ASSERT_FALSE(csrf.empty());
    auto post = portal_->PostMultipart(cookie, kIntake, Multipart(BirthRegistration(csrf), {{"component_0", kPdf}}));
    EXPECT_EQ(post.status, 403) << login;
  }
  // The justice department's desk does not receive the ward's procedures.
  std::string justice = portal_->CookieLogin("motcua.tuphap");
  EXPECT_EQ(portal_->Page(justice, std::string(kIntake) + "?thu_tuc=1.001193").status, 403);
}

TEST_F(DeskIntakePagesHttp, PostsWithoutTheCsrfTokenAreRefused) {
  std::string desk = portal_->CookieLogin("motcua.saigon");
  Fields fields = BirthRegistration("");
  fields.erase(fields.begin());  // no csrf_token part
  auto post = portal_->PostMultipart(desk, kIntake, Multipart(fields, {{"component_0", kPdf}}));
  EXPECT_EQ(post.status, 403);
  EXPECT_NE(post.body.find("Phiên làm việc của biểu mẫu đã hết hạn"), std::string::npos);
}

}  // namespace
}  // namespace motcua
