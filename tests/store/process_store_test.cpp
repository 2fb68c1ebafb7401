// ProcessStore on both engines: versions numbered 1, 2, ... per procedure,
// steps and parallel branches round-trip, the audit row is written with
// the version, a failed version writes nothing, and concurrent editors get
// distinct numbers.

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "store/audit_writer.hpp"
#include "store/handling_fixture.hpp"

namespace motcua::handling_test {
namespace {

class ProcessStoreContract : public HandlingStoreTest {};

domain::ProcessDefinition Birth(Timestamp now, const char* note = "Quy trình phường") {
  domain::ProcessDefinition p;
  p.procedure_code = "1.001193";
  p.effective_from = *ParseIsoDate("2026-12-01");
  p.note = note;
  p.created_by = "quantri.saigon";
  p.created_at = now;
  p.steps = {
      {"Tiếp nhận", Role::kDeskOfficer, "Bộ phận Một cửa", "", 0.5, {}},
      {"Thẩm định", Role::kSpecialist, "Tư pháp - Hộ tịch", "", 2,
       {{kJustice, "Xác minh hộ tịch", 1.5}, {kTourism, "Ý kiến phối hợp", 1}}},
      {"Phê duyệt", Role::kLeader, "Lãnh đạo Sở Tư pháp", kJustice, 1, {}},
      {"Trả kết quả", Role::kDeskOfficer, "Bộ phận Một cửa", "", 0.5, {}},
  };
  return p;
}

void ExpectSameProcess(const domain::ProcessDefinition& a, const domain::ProcessDefinition& b) {
  EXPECT_EQ(a.procedure_code, b.procedure_code);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(FormatIsoDate(a.effective_from), FormatIsoDate(b.effective_from));
  EXPECT_EQ(a.note, b.note);
  EXPECT_EQ(a.created_by, b.created_by);
  EXPECT_EQ(T(a.created_at), T(b.created_at));
  ASSERT_EQ(a.steps.size(), b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    const auto& x = a.steps[i];
    const auto& y = b.steps[i];
    EXPECT_EQ(x.name, y.name) << i;
    EXPECT_EQ(x.role, y.role) << i;
    EXPECT_EQ(x.unit, y.unit) << i;
    EXPECT_EQ(x.agency_code, y.agency_code) << i;
    EXPECT_DOUBLE_EQ(x.days, y.days) << i;
    ASSERT_EQ(x.parallel.size(), y.parallel.size()) << i;
    for (std::size_t j = 0; j < x.parallel.size(); ++j) {
      EXPECT_EQ(x.parallel[j].agency_code, y.parallel[j].agency_code);
      EXPECT_EQ(x.parallel[j].task, y.parallel[j].task);
      EXPECT_DOUBLE_EQ(x.parallel[j].days, y.parallel[j].days);
    }
  }
}

TEST_P(ProcessStoreContract, NumbersVersionsFromOneAndRoundTripsStepsAndBranches) {
  auto none = processes_->Versions("1.001193");
  ASSERT_TRUE(none) << none.error().internal_message;
  EXPECT_TRUE(none->empty());

  domain::ProcessDefinition first = Birth(now_);
  auto v1 = processes_->AddVersion(first, {now_, "quantri.saigon", "process.add_version", "", "", "r1"});
  ASSERT_TRUE(v1) << v1.error().internal_message;
  EXPECT_EQ(v1->version, 1);

  domain::ProcessDefinition second = Birth(At(1), "Rút ngắn thẩm định");
  second.version = 42;  // ignored: the store numbers
  second.steps[1].days = 1.5;
  second.steps[1].parallel.pop_back();
  auto v2 = processes_->AddVersion(second, {At(1), "quantri.saigon", "process.add_version", "", "", "r2"});
  ASSERT_TRUE(v2) << v2.error().internal_message;
  EXPECT_EQ(v2->version, 2);

  // Another procedure numbers on its own.
  domain::ProcessDefinition death = Birth(now_);
  death.procedure_code = "1.000894";
  auto other = processes_->AddVersion(death, {now_, "quantri.saigon", "process.add_version", "", "", "r3"});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->version, 1);

  auto versions = processes_->Versions("1.001193");
  ASSERT_TRUE(versions) << versions.error().internal_message;
  ASSERT_EQ(versions->size(), 2u);
  first.version = 1;
  second.version = 2;
  ExpectSameProcess((*versions)[0], first);
  ExpectSameProcess((*versions)[1], second);
  ExpectSameProcess(*v2, second);

  auto audit = store::ReadAudit(db_->db(), "1.001193", 10);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "process.add_version");
  EXPECT_EQ((*audit)[0].detail, "version 2");
  EXPECT_EQ((*audit)[0].request_id, "r2");
  EXPECT_EQ((*audit)[1].detail, "version 1");
}

TEST_P(ProcessStoreContract, AFailedVersionWritesNothing) {
  ASSERT_TRUE(processes_->AddVersion(Birth(now_), {now_, "quantri", "process.add_version", "", "", "r"}));

  domain::ProcessDefinition unknown_procedure = Birth(now_);
  unknown_procedure.procedure_code = "9.999999";
  auto missing = processes_->AddVersion(unknown_procedure, {now_, "quantri", "process.add_version", "", "", "r"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  domain::ProcessDefinition unknown_agency = Birth(now_);
  unknown_agency.steps[1].parallel[1].agency_code = "000.99.99.H29";
  auto conflict = processes_->AddVersion(unknown_agency, {now_, "quantri", "process.add_version", "", "", "r"});
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);

  auto versions = processes_->Versions("1.001193");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].steps.size(), 4u);
  EXPECT_EQ(store::ReadAudit(db_->db(), "1.001193", 10)->size(), 1u);
  EXPECT_EQ(store::ReadAudit(db_->db(), "9.999999", 10)->size(), 0u);

  // The failed attempts took no number: the next version is 2.
  auto next = processes_->AddVersion(Birth(now_), {now_, "quantri", "process.add_version", "", "", "r"});
  ASSERT_TRUE(next);
  EXPECT_EQ(next->version, 2);
}

TEST_P(ProcessStoreContract, ConcurrentEditorsGetDistinctConsecutiveVersions) {
  constexpr int kThreads = 4, kEach = 5;
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::vector<int> numbers;
  std::vector<std::string> errors;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto v = processes_->AddVersion(Birth(now_, "song song"),
                                        {now_, "quantri" + std::to_string(t), "process.add_version", "", "", "r"});
        std::lock_guard lock(mutex);
        if (v) {
          numbers.push_back(v->version);
        } else {
          errors.push_back(v.error().internal_message);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(errors.empty()) << errors.front();
  std::set<int> distinct(numbers.begin(), numbers.end());
  EXPECT_EQ(distinct.size(), numbers.size());
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*distinct.begin(), 1);
  EXPECT_EQ(*distinct.rbegin(), kThreads * kEach);
  auto versions = processes_->Versions("1.001193");
  ASSERT_TRUE(versions);
  EXPECT_EQ(versions->size(), static_cast<std::size_t>(kThreads * kEach));
  for (const auto& v : *versions) EXPECT_EQ(v.steps.size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(Engines, ProcessStoreContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua::handling_test
