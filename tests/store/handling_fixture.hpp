#pragma once
// Shared setup of the handling store contract tests (dossier handling,
// processes, worklists): a migrated database on one engine with the small
// catalog, a few officers and a citizen, and a builder of dossiers at any
// point of their handling, written straight through DossierStore.

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "app/catalog/catalog_service.hpp"
#include "store/account_store.hpp"
#include "store/catalog_store.hpp"
#include "store/dossier_store.hpp"
#include "store/process_store.hpp"
#include "store/worklist_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/test_database.hpp"

namespace motcua::handling_test {

using domain::DossierStatus;
using domain::Role;
using testutil::Engine;

inline constexpr const char* kWard = "000.20.31.H29";     // UBND Phường Sài Gòn
inline constexpr const char* kJustice = "000.00.06.H29";  // Sở Tư pháp
inline constexpr const char* kTourism = "000.00.15.H29";  // Sở Du lịch

inline std::string T(const std::optional<Timestamp>& t) { return t ? FormatTimestamp(*t) : "~"; }

// What a test dossier looks like; the defaults are an online birth
// registration at the ward, at the specialist's step, unassigned.
struct Spec {
  std::string agency = kWard;
  std::string procedure = "1.001193";
  std::string procedure_name = "Đăng ký khai sinh";
  DossierStatus status = DossierStatus::kAccepted;
  domain::Channel channel = domain::Channel::kOnline;
  int step = 1;
  std::string step_agency;  // empty: the receiving agency
  Role step_role = Role::kSpecialist;
  std::string assignee;
  int due_hours = 48;        // due time from the fixture's `now_`
  int received_hours = -24;  // reception time from `now_`
  std::string name = "Nguyễn Văn An";
  std::string id_number = "079203001234";
  bool returned = false;
};

class HandlingStoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason, 4);
    if (!db_) GTEST_SKIP() << reason;
    catalog_store_ = std::make_unique<store::CatalogStore>(db_->db());
    app::CatalogService catalog(*catalog_store_, std::chrono::milliseconds(0));
    ASSERT_TRUE(catalog.Import(testutil::SmallCatalog()));
    accounts_ = std::make_unique<store::AccountStore>(db_->db());
    dossiers_ = std::make_unique<store::DossierStore>(db_->db());
    worklists_ = std::make_unique<store::WorklistStore>(db_->db());
    processes_ = std::make_unique<store::ProcessStore>(db_->db());
  }

  std::int64_t AddUser(const std::string& username, Role role, const std::string& agency, bool active = true) {
    domain::User u;
    u.role = role;
    u.username = username;
    u.full_name = "Cán bộ " + username;
    u.agency_code = agency;
    u.password_hash = "x";
    u.active = active;
    u.created_at = now_;
    auto id = accounts_->InsertUser(u, {now_, "test", "user.add", "", "", "r"});
    EXPECT_TRUE(id) << (id ? "" : id.error().internal_message);
    return id ? *id : 0;
  }

  std::int64_t AddCitizen(const std::string& name, const std::string& id_number) {
    domain::User u;
    u.role = Role::kCitizen;
    u.full_name = name;
    u.id_number = id_number;
    u.password_hash = "x";
    u.created_at = now_;
    auto id = accounts_->InsertUser(u, {now_, "test", "user.register", "", "", "r"});
    EXPECT_TRUE(id) << (id ? "" : id.error().internal_message);
    return id ? *id : 0;
  }

  Timestamp At(int hours) const { return now_ + std::chrono::hours(hours); }

  domain::Dossier Make(const Spec& s) {
    domain::Dossier d;
    d.procedure_code = s.procedure;
    d.procedure_name = s.procedure_name;
    d.agency_code = s.agency;
    d.applicant = {s.name, s.id_number, "0912345678", "", "Quận 1", ""};
    d.channel = s.channel;
    d.status = s.status;
    d.processing_days = 5;
    d.submitted_at = At(s.received_hours - 1);
    d.created_at = At(s.received_hours - 2);
    d.updated_at = d.created_at;
    if (s.status != DossierStatus::kSubmitted && s.status != DossierStatus::kDraft) {
      d.code = fmt::format("{}-261125-{:04}", s.agency, ++sequence_);
      d.received_at = At(s.received_hours);
      d.due_at = At(s.due_hours);
      d.received_by = "motcua.saigon";
      d.handling.step = s.step;
      d.handling.step_agency = s.step_agency.empty() ? s.agency : s.step_agency;
      d.handling.step_role = s.step_role;
      d.handling.assignee = s.assignee;
      d.handling.step_started_at = At(s.received_hours);
      d.handling.step_due_at = At(s.due_hours - 8);
      if (s.returned) d.handling.returned_at = At(-1);
    }
    return d;
  }

  app::DossierChange Change(const domain::Dossier& d, int expected_version = 0) {
    app::DossierChange c;
    c.dossier = d;
    c.expected_version = expected_version;
    c.event = {now_, "test", "seed", "", DossierStatusKey(d.status), "", d.handling.step, "", std::nullopt};
    c.audit = {now_, "test", "dossier.test", d.procedure_code, "", "r"};
    return c;
  }

  domain::Dossier Insert(const Spec& s) {
    auto d = dossiers_->Insert(Change(Make(s)));
    EXPECT_TRUE(d) << (d ? "" : d.error().internal_message);
    return d ? *d : domain::Dossier{};
  }

  std::unique_ptr<testutil::TestDatabase> db_;
  // 25/11/2026 09:00 in Vietnam.
  Timestamp now_ = *ParseTimestamp("2026-11-25T02:00:00Z");
  int sequence_ = 0;
  std::unique_ptr<store::CatalogStore> catalog_store_;
  std::unique_ptr<store::AccountStore> accounts_;
  std::unique_ptr<store::DossierStore> dossiers_;
  std::unique_ptr<store::WorklistStore> worklists_;
  std::unique_ptr<store::ProcessStore> processes_;
};

}  // namespace motcua::handling_test
