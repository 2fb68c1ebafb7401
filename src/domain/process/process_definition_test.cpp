#include "domain/process/process_definition.hpp"

#include <gtest/gtest.h>

#include "testutil/catalog_builder.hpp"

namespace motcua::domain {
namespace {

using namespace std::chrono;

ProcessDefinition FourSteps(double a, double b, double c, double d) {
  ProcessDefinition p;
  p.procedure_code = "1.000001";
  p.steps = {{"Tiếp nhận", Role::kDeskOfficer, "Bộ phận Một cửa", "", a, {}},
             {"Thẩm định", Role::kSpecialist, "Phòng Hộ tịch", "000.01.06.H29", b, {}},
             {"Ký", Role::kLeader, "Lãnh đạo Sở", "", c, {}},
             {"Trả kết quả", Role::kDeskOfficer, "Bộ phận Một cửa", "", d, {}}};
  return p;
}

bool HasField(const Status& s, const std::string& field) {
  if (s) return false;
  for (const auto& f : s.error().fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(ProcessDefinition, AcceptsStepsWithinTheLegalTime) {
  EXPECT_TRUE(ValidateProcess(FourSteps(0.5, 3, 1, 0.5), 5));
  EXPECT_TRUE(ValidateProcess(FourSteps(0.5, 2, 1, 0.5), 5));  // under the limit is fine
}

TEST(ProcessDefinition, RejectsASumAboveTheLegalTimeNamingBoth) {
  auto s = ValidateProcess(FourSteps(0.5, 3.5, 1, 0.5), 5);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(HasField(s, "days"));
  bool named = false;
  for (const auto& f : s.error().fields) named = named || f.message.find("5,5 ngày") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST(ProcessDefinition, NeedsDeskAtBothEndsAndALeader) {
  auto p = FourSteps(1, 1, 1, 1);
  p.steps[0].role = Role::kSpecialist;
  p.steps[2].role = Role::kSpecialist;
  p.steps[3].role = Role::kLeader;
  auto s = ValidateProcess(p, 10);
  EXPECT_TRUE(HasField(s, "steps[0].role"));
  EXPECT_TRUE(HasField(s, "steps[3].role"));
  p.steps[3].role = Role::kDeskOfficer;
  EXPECT_TRUE(HasField(ValidateProcess(p, 10), "steps"));  // no leader step
  ProcessDefinition one;
  one.steps = {p.steps[0]};
  EXPECT_TRUE(HasField(ValidateProcess(one, 10), "steps"));
}

TEST(ProcessDefinition, ChecksNamesUnitsRolesAndAllowances) {
  auto p = FourSteps(1, 1, 1, 1);
  p.steps[1].name = "  ";
  p.steps[1].unit = "";
  p.steps[2].days = -1;
  p.steps[0].role = Role::kSupervisor;
  auto s = ValidateProcess(p, 10);
  EXPECT_TRUE(HasField(s, "steps[1].name"));
  EXPECT_TRUE(HasField(s, "steps[1].unit"));
  EXPECT_TRUE(HasField(s, "steps[2].days"));
  EXPECT_TRUE(HasField(s, "steps[0].role"));
}

TEST(ProcessDefinition, ParallelBranchesNeedAnAgencyAndFitInTheirStep) {
  auto p = FourSteps(0.5, 3, 1, 0.5);
  p.steps[1].parallel = {{"000.00.14.H29", "Đăng ký thường trú", 3}, {"", "Cấp thẻ BHYT", 2},
                         {"000.00.15.H29", "Cấp thẻ BHYT", 3.5}};
  auto s = ValidateProcess(p, 5);
  EXPECT_FALSE(HasField(s, "steps[1].parallel[0].days"));
  EXPECT_TRUE(HasField(s, "steps[1].parallel[1].agency_code"));
  EXPECT_TRUE(HasField(s, "steps[1].parallel[2].days"));
  p.steps[1].parallel.pop_back();
  p.steps[1].parallel[1].agency_code = "000.00.15.H29";
  EXPECT_TRUE(ValidateProcess(p, 5));
}

TEST(ProcessDefinition, DefaultUsesValidCatalogStepsElseTheStandardProcess) {
  auto proc = testutil::MakeProcedure("1.000001", "Thủ tục", "F", "000.00.06.H29", 10);
  // The builder's two catalog steps have no leader: not a valid process.
  auto standard = DefaultProcess(proc);
  ASSERT_EQ(standard.steps.size(), 4u);
  EXPECT_EQ(standard.version, 0);
  EXPECT_TRUE(ValidateProcess(standard, proc.processing_days));
  double total = 0;
  for (const auto& s : standard.steps) total += s.days;
  EXPECT_NEAR(total, 10, 1e-9);
  proc.steps = {{"Tiếp nhận", "desk_officer", "Một cửa", "", 1},
                {"Ký", "leader", "Lãnh đạo", "", 1},
                {"Trả", "desk_officer", "Một cửa", "", 1}};
  auto from_catalog = DefaultProcess(proc);
  ASSERT_EQ(from_catalog.steps.size(), 3u);
  EXPECT_EQ(from_catalog.steps[1].role, Role::kLeader);
}

TEST(ProcessDefinition, VersionInForceIsTheHighestAlreadyEffective) {
  auto v1 = FourSteps(1, 1, 1, 1);
  v1.version = 1;
  v1.effective_from = Date{year{2026}, January, day{1}};
  auto v2 = v1;
  v2.version = 2;
  v2.effective_from = Date{year{2026}, December, day{1}};
  std::vector<ProcessDefinition> versions{v1, v2};
  EXPECT_EQ(VersionInForce(versions, Date{year{2025}, December, day{31}}), nullptr);
  EXPECT_EQ(VersionInForce(versions, Date{year{2026}, November, day{30}})->version, 1);
  EXPECT_EQ(VersionInForce(versions, Date{year{2026}, December, day{1}})->version, 2);
}

TEST(ProcessDefinition, StepAgencyDefaultsToTheReceivingAgency) {
  auto p = FourSteps(1, 1, 1, 1);
  EXPECT_EQ(StepAgency(p.steps[0], "000.00.06.H29"), "000.00.06.H29");
  EXPECT_EQ(StepAgency(p.steps[1], "000.00.06.H29"), "000.01.06.H29");
}

}  // namespace
}  // namespace motcua::domain
