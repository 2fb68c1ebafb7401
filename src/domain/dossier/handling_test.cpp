#include "domain/dossier/handling.hpp"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "testutil/catalog_builder.hpp"

namespace motcua::domain {
namespace {

using A = HandlingAction;
using S = DossierStatus;

Timestamp T(const char* iso) { return *ParseTimestamp(iso); }

const std::string kAgency = "000.00.06.H29";
const std::string kUnit = "000.01.06.H29";
const std::string kOther = "000.00.15.H29";

ProcessDefinition Process() {
  ProcessDefinition p;
  p.procedure_code = "1.000001";
  p.version = 3;
  p.steps = {{"Tiếp nhận", Role::kDeskOfficer, "Bộ phận Một cửa", "", 0.5, {}},
             {"Thẩm định", Role::kSpecialist, "Phòng Lý lịch", kUnit, 5, {}},
             {"Trưởng phòng duyệt", Role::kLeader, "Trưởng phòng", kUnit, 1, {}},
             {"Lãnh đạo Sở ký", Role::kLeader, "Lãnh đạo Sở", "", 1, {}},
             {"Trả kết quả", Role::kDeskOfficer, "Bộ phận Một cửa", "", 0.5, {}}};
  return p;
}

HandlingActor Actor(Role role, std::string name = "canbo", std::set<std::string> scope = {kAgency, kUnit}) {
  return HandlingActor{std::move(name), role, [scope](const std::string& a) { return scope.count(a) > 0; }};
}

ResultDocument Doc() { return {std::string(64, 'a'), "ket-qua.pdf", 1000, "chuyenvien", T("2026-11-20T03:00:00Z")}; }

// A dossier in `status` at the step where that status naturally is.
Dossier In(S status) {
  Dossier d;
  d.id = 1;
  d.code = "000.00.06.H29-261116-0001";
  d.agency_code = kAgency;
  d.status = S::kAccepted;
  d.received_at = T("2026-11-16T02:00:00Z");
  d.due_at = T("2026-11-26T10:00:00Z");
  auto p = Process();
  d = StartProcess(d, p, {T("2026-11-16T06:00:00Z"), "", {}}, T("2026-11-16T02:00:00Z"));
  if (status == S::kAccepted || status == S::kPaused || status == S::kAppraisalSupplement) {
    d = *Forward(d, p, {T("2026-11-23T06:00:00Z"), "", {}}, T("2026-11-16T03:00:00Z"));
    if (status == S::kPaused) d = *Pause(d, "Chờ nộp phí", T("2026-11-17T03:00:00Z"));
    if (status == S::kAppraisalSupplement) {
      d = *RequestAppraisalSupplement(d, {"Bản sao CCCD"}, "", false, T("2026-11-17T03:00:00Z"));
    }
    return d;
  }
  if (status == S::kResultReady || status == S::kRejected || status == S::kReturned) {
    d.handling.step = 3;
    d.handling.step_role = Role::kLeader;
    d = *AttachResult(d, Doc());
    d = status == S::kRejected ? *Reject(d, p, "Không đủ điều kiện", {T("2026-11-25T10:00:00Z"), "", {}}, T("2026-11-24T03:00:00Z"))
                               : *Approve(d, p, {T("2026-11-25T10:00:00Z"), "", {}}, T("2026-11-24T03:00:00Z"));
    if (status == S::kReturned) d = *ReturnResult(d, "desk", T("2026-11-24T08:00:00Z"));
    return d;
  }
  // Before acceptance or closed without a process step.
  d.status = status;
  d.handling = Handling{};
  return d;
}

// Every action in every status, with an actor who could do it if the state
// allowed (a leader covering every unit): allowed, or a precise precondition error.
TEST(HandlingStateMachine, EveryActionInEveryState) {
  const std::map<S, std::set<A>> allowed = {
      {S::kDraft, {}},
      {S::kSubmitted, {}},
      {S::kSupplementRequested, {}},
      {S::kRefused, {}},
      {S::kWithdrawn, {}},
      {S::kAccepted,
       {A::kAssign, A::kForward, A::kSendBack, A::kRequestSupplement, A::kConsult, A::kAttachResult,
        A::kApologize, A::kPause}},
      {S::kPaused, {A::kApologize, A::kResume}},
      {S::kAppraisalSupplement, {A::kApologize}},
      {S::kResultReady, {A::kAssign, A::kAttachResult, A::kReturnResult}},
      {S::kRejected, {A::kAssign, A::kReturnResult}},
      {S::kReturned, {}},
  };
  auto p = Process();
  auto leader = Actor(Role::kLeader);
  for (S status : kAllDossierStatuses) {
    Dossier d = In(status);
    ASSERT_EQ(d.status, status);
    for (A action : kAllHandlingActions) {
      SCOPED_TRACE(std::string(DossierStatusKey(status)) + " / " + HandlingActionKey(action));
      auto result = CheckHandlingAction(d, p, action, leader);
      if (allowed.at(status).count(action)) {
        EXPECT_TRUE(result) << result.error().user_message;
      } else {
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
        EXPECT_NE(result.error().user_message.find(HandlingActionLabel(action)), std::string::npos);
        EXPECT_NE(result.error().user_message.find(DossierStatusLabel(status)), std::string::npos);
      }
    }
  }
}

TEST(HandlingStateMachine, AvailableActionsMatchTheChecks) {
  auto p = Process();
  auto d = In(S::kAccepted);
  auto specialist = Actor(Role::kSpecialist, "chuyenvien");
  auto actions = AvailableHandlingActions(d, p, specialist);
  for (A a : kAllHandlingActions) {
    bool listed = std::find(actions.begin(), actions.end(), a) != actions.end();
    EXPECT_EQ(listed, CheckHandlingAction(d, p, a, specialist).has_value()) << HandlingActionKey(a);
  }
}

TEST(HandlingRoles, OnlyTheAssigneeOrManagersActOnAnAssignedStep) {
  auto p = Process();
  auto d = *Assign(In(S::kAccepted), "chuyenvien", T("2026-11-16T04:00:00Z"));
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kForward, Actor(Role::kSpecialist, "chuyenvien")));
  auto other = CheckHandlingAction(d, p, A::kForward, Actor(Role::kSpecialist, "nguoikhac"));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kForward, Actor(Role::kLeader, "truongphong")));
  // Wrong role, out of scope, supervisor: forbidden.
  EXPECT_EQ(CheckHandlingAction(d, p, A::kForward, Actor(Role::kDeskOfficer)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(CheckHandlingAction(d, p, A::kForward, Actor(Role::kLeader, "x", {kOther})).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(CheckHandlingAction(d, p, A::kApologize, Actor(Role::kSupervisor)).error().code, ErrorCode::kForbidden);
}

TEST(HandlingRoles, SpecialistsTakeUnassignedDossiersLeadersAssignAnyone) {
  auto p = Process();
  auto d = In(S::kAccepted);
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kAssign, Actor(Role::kSpecialist, "chuyenvien")));
  d = *Assign(d, "chuyenvien", T("2026-11-16T04:00:00Z"));
  EXPECT_EQ(CheckHandlingAction(d, p, A::kAssign, Actor(Role::kSpecialist, "khac")).error().code,
            ErrorCode::kForbidden);
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kAssign, Actor(Role::kLeader)));
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kAssign, Actor(Role::kAgencyAdmin)));
  EXPECT_TRUE(CheckAssignee(d, p, Role::kSpecialist, true));
  auto wrong = CheckAssignee(d, p, Role::kDeskOfficer, true);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().fields.at(0).field, "assignee");
  EXPECT_FALSE(CheckAssignee(d, p, Role::kSpecialist, false));
  EXPECT_FALSE(Assign(d, "  ", T("2026-11-16T04:00:00Z")));
}

TEST(HandlingRoles, OnlyALeaderDecidesAtTheLastLeaderStep) {
  auto p = Process();
  auto d = In(S::kAccepted);
  d = *AttachResult(d, Doc());
  d = *Forward(d, p, {T("2026-11-24T06:00:00Z"), "", {}}, T("2026-11-20T03:00:00Z"));  // step 2: head of unit
  EXPECT_EQ(CheckHandlingAction(d, p, A::kApprove, Actor(Role::kLeader)).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kForward, Actor(Role::kLeader)));
  d = *Forward(d, p, {T("2026-11-25T06:00:00Z"), "", {}}, T("2026-11-21T03:00:00Z"));  // step 3: agency leader
  EXPECT_EQ(d.handling.step_agency, kAgency);
  EXPECT_EQ(d.handling.step_role, Role::kLeader);
  auto forward = CheckHandlingAction(d, p, A::kForward, Actor(Role::kLeader));
  ASSERT_FALSE(forward);
  EXPECT_NE(forward.error().user_message.find("phê duyệt"), std::string::npos);
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kApprove, Actor(Role::kLeader)));
  EXPECT_EQ(CheckHandlingAction(d, p, A::kApprove, Actor(Role::kAgencyAdmin)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(CheckHandlingAction(d, p, A::kApprove, Actor(Role::kSpecialist)).error().code, ErrorCode::kForbidden);
  d.handling.results.clear();
  auto no_result = CheckHandlingAction(d, p, A::kApprove, Actor(Role::kLeader));
  ASSERT_FALSE(no_result);
  EXPECT_NE(no_result.error().user_message.find("kết quả"), std::string::npos);
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kReject, Actor(Role::kLeader)));
}

TEST(HandlingFlow, ApproveReturnClassifiesAndRecordsTheDelayingUnit) {
  auto p = Process();
  auto d = In(S::kAccepted);  // step 1 due 2026-11-23T06:00Z
  d = *AttachResult(d, Doc());
  // The specialist hands over a day late: the unit is recorded as the cause.
  d = *Forward(d, p, {T("2026-11-25T06:00:00Z"), "", {}}, T("2026-11-24T03:00:00Z"));
  EXPECT_EQ(d.handling.delayed_by, kUnit);
  d = *Forward(d, p, {T("2026-11-25T08:00:00Z"), "", {}}, T("2026-11-24T04:00:00Z"));
  d = *Approve(d, p, {T("2026-11-25T10:00:00Z"), "", {}}, T("2026-11-24T05:00:00Z"));
  EXPECT_EQ(d.status, S::kResultReady);
  EXPECT_EQ(d.handling.step, 4);
  EXPECT_EQ(d.handling.outcome, "early");  // ready 24/11, due 26/11
  EXPECT_FALSE(d.handling.counted_late);
  auto online = ReturnResult(d, "online", T("2026-11-24T06:00:00Z"));
  ASSERT_TRUE(online);
  EXPECT_EQ(online->status, S::kReturned);
  EXPECT_EQ(online->handling.return_method, "online");
  EXPECT_FALSE(ReturnResult(d, "fax", T("2026-11-24T06:00:00Z")));
}

TEST(HandlingFlow, RejectionKeepsItsStatusWhenReturned) {
  auto d = In(S::kRejected);
  EXPECT_EQ(d.handling.decision_reason, "Không đủ điều kiện");
  EXPECT_FALSE(Reject(In(S::kAccepted), Process(), " ", {}, T("2026-11-24T03:00:00Z")));
  auto returned = *ReturnResult(d, "desk", T("2026-11-25T03:00:00Z"));
  EXPECT_EQ(returned.status, S::kRejected);
  EXPECT_TRUE(returned.handling.returned_at);
  EXPECT_EQ(CheckHandlingAction(returned, Process(), A::kReturnResult, Actor(Role::kLeader)).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST(HandlingFlow, SendBackNeedsAReasonAndGoesToThePreviousStep) {
  auto p = Process();
  auto d = In(S::kAccepted);
  EXPECT_FALSE(SendBack(d, p, "", {}, T("2026-11-17T03:00:00Z")));
  auto back = *SendBack(d, p, "Thiếu chữ ký", {T("2026-11-17T06:00:00Z"), "motcua", {}}, T("2026-11-17T03:00:00Z"));
  EXPECT_EQ(back.handling.step, 0);
  EXPECT_EQ(back.handling.assignee, "motcua");
  EXPECT_EQ(back.handling.step_role, Role::kDeskOfficer);
  EXPECT_EQ(back.handling.delayed_by, "");
  EXPECT_EQ(CheckHandlingAction(back, p, A::kSendBack, Actor(Role::kLeader)).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST(HandlingFlow, SupplementDuringAppraisalRestartsTheDeadlineFromZero) {
  auto proc = testutil::MakeProcedure("1.000001", "Thủ tục", "F", kAgency, 10);
  auto d = In(S::kAccepted);
  d.files = {{0, "Tờ khai", std::string(64, 'b'), "a.pdf", "application/pdf", 10, "electronic"}};
  EXPECT_FALSE(RequestAppraisalSupplement(d, {" "}, "", false, T("2026-11-20T03:00:00Z")));
  auto asked = *RequestAppraisalSupplement(d, {"Bản sao sổ hộ khẩu"}, "Bổ sung trong 10 ngày", true,
                                           T("2026-11-20T03:00:00Z"));
  EXPECT_EQ(asked.status, S::kAppraisalSupplement);
  EXPECT_TRUE(asked.handling.supplement_late);
  auto back = ResubmitAfterAppraisal(asked, proc, T("2026-12-10T10:00:00Z"), T("2026-12-01T10:00:00Z"),
                                     T("2026-11-26T02:00:00Z"));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, S::kAccepted);
  EXPECT_EQ(*back->due_at, T("2026-12-10T10:00:00Z"));
  EXPECT_EQ(*back->handling.step_due_at, T("2026-12-01T10:00:00Z"));
  EXPECT_EQ(back->handling.restarts, 1);
  EXPECT_EQ(back->handling.step, 1);  // the step that asked continues
  asked.files.clear();
  EXPECT_FALSE(ResubmitAfterAppraisal(asked, proc, T("2026-12-10T10:00:00Z"), T("2026-12-01T10:00:00Z"),
                                      T("2026-11-26T02:00:00Z")));
}

TEST(HandlingFlow, ApologyOnlyOnceMovesTheDueTimeAndCountsLate) {
  auto p = Process();
  auto d = In(S::kAccepted);
  EXPECT_FALSE(Apologize(d, "Cần xác minh", T("2026-11-25T10:00:00Z"), "lanhdao", T("2026-11-24T03:00:00Z")));
  EXPECT_FALSE(Apologize(d, " ", T("2026-12-03T10:00:00Z"), "lanhdao", T("2026-11-24T03:00:00Z")));
  auto sorry = *Apologize(d, "Cần xác minh thêm", T("2026-12-03T10:00:00Z"), "lanhdao", T("2026-11-24T03:00:00Z"));
  EXPECT_EQ(*sorry.due_at, T("2026-12-03T10:00:00Z"));
  EXPECT_EQ(*sorry.handling.original_due_at, T("2026-11-26T10:00:00Z"));
  auto again = CheckHandlingAction(sorry, p, A::kApologize, Actor(Role::kLeader));
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().user_message.find("một lần"), std::string::npos);
  // Finished within the new date: on time against it, and still counted late.
  sorry = *AttachResult(sorry, Doc());
  sorry.handling.step = 3;
  sorry = *Approve(sorry, p, {T("2026-12-03T10:00:00Z"), "", {}}, T("2026-12-02T03:00:00Z"));
  EXPECT_EQ(sorry.handling.outcome, "early");
  EXPECT_TRUE(sorry.handling.counted_late);
}

TEST(HandlingFlow, PauseAndResumeMoveTheDueTimes) {
  auto d = In(S::kPaused);
  EXPECT_EQ(d.handling.pause_reason, "Chờ nộp phí");
  EXPECT_FALSE(Pause(In(S::kAccepted), "", T("2026-11-17T03:00:00Z")));
  auto resumed = *Resume(d, T("2026-11-30T10:00:00Z"), T("2026-11-26T06:00:00Z"), T("2026-11-19T03:00:00Z"));
  EXPECT_EQ(resumed.status, S::kAccepted);
  EXPECT_FALSE(resumed.handling.paused_at);
  EXPECT_EQ(*resumed.due_at, T("2026-11-30T10:00:00Z"));
  EXPECT_EQ(*resumed.handling.step_due_at, T("2026-11-26T06:00:00Z"));
}

TEST(HandlingFlow, ConsultationsBlockForwardingUntilAnsweredAndLateRepliesAreAttributed) {
  auto p = Process();
  auto d = In(S::kAccepted);
  Consultation c{0, 0, false, kOther, "Xin ý kiến về lữ hành", "chuyenvien", T("2026-11-17T03:00:00Z"),
                 T("2026-11-19T10:00:00Z"), std::nullopt, "", ""};
  auto same = c;
  same.agency_code = kUnit;
  EXPECT_FALSE(Consult(d, same));
  auto empty = c;
  empty.task = " ";
  EXPECT_FALSE(Consult(d, empty));
  d = *Consult(d, c);
  EXPECT_EQ(OpenConsultations(d), 1);
  EXPECT_EQ(CheckHandlingAction(d, p, A::kForward, Actor(Role::kLeader)).error().code,
            ErrorCode::kFailedPrecondition);
  // The consulted agency records its own reply; others outside cannot.
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kRecordConsultation, Actor(Role::kSpecialist, "dulich", {kOther})));
  EXPECT_EQ(CheckHandlingAction(d, p, A::kRecordConsultation, Actor(Role::kSpecialist, "x", {"000.20.31.H29"}))
                .error().code,
            ErrorCode::kForbidden);
  EXPECT_FALSE(RecordConsultation(d, 2, "Đồng ý", "dulich", T("2026-11-20T03:00:00Z")));
  EXPECT_FALSE(RecordConsultation(d, 1, " ", "dulich", T("2026-11-20T03:00:00Z")));
  d = *RecordConsultation(d, 1, "Đồng ý", "dulich", T("2026-11-20T03:00:00Z"));
  EXPECT_EQ(OpenConsultations(d), 0);
  EXPECT_EQ(d.handling.delayed_by, kOther);
  EXPECT_TRUE(CheckHandlingAction(d, p, A::kForward, Actor(Role::kLeader)));
}

TEST(HandlingFlow, AParallelStepOpensOneConsultationPerBranch) {
  auto p = Process();
  auto d = In(S::kAccepted);
  StepStart next{T("2026-11-25T06:00:00Z"), "", {}};
  next.consultations.push_back({0, 0, false, "000.00.14.H29", "Đăng ký thường trú", "hethong",
                                T("2026-11-18T03:00:00Z"), T("2026-11-20T10:00:00Z"), std::nullopt, "", ""});
  next.consultations.push_back({0, 0, false, kOther, "Cấp thẻ BHYT", "hethong", T("2026-11-18T03:00:00Z"),
                                T("2026-11-21T10:00:00Z"), std::nullopt, "", ""});
  d = *Forward(d, p, next, T("2026-11-18T03:00:00Z"));
  ASSERT_EQ(d.handling.consultations.size(), 2u);
  EXPECT_TRUE(d.handling.consultations[0].planned);
  EXPECT_EQ(d.handling.consultations[1].number, 2);
  EXPECT_EQ(d.handling.consultations[1].step, 2);
  EXPECT_EQ(OpenConsultations(d), 2);
}

TEST(Timeliness, EarlyOnTimeLateAgainstTheDueTime) {
  auto due = T("2026-11-26T10:00:00Z");  // 17:00 in Vietnam
  EXPECT_EQ(ClassifyCompletion(T("2026-11-25T09:00:00Z"), due), Timeliness::kEarly);
  EXPECT_EQ(ClassifyCompletion(T("2026-11-26T01:00:00Z"), due), Timeliness::kOnTime);
  EXPECT_EQ(ClassifyCompletion(due, due), Timeliness::kOnTime);
  EXPECT_EQ(ClassifyCompletion(T("2026-11-26T10:00:01Z"), due), Timeliness::kLate);
  // 16:59 UTC on the 25th is 23:59 in Vietnam: still the day before the due day.
  EXPECT_EQ(ClassifyCompletion(T("2026-11-25T16:59:00Z"), due), Timeliness::kEarly);
  EXPECT_EQ(ClassifyCompletion(T("2026-11-25T17:00:00Z"), due), Timeliness::kOnTime);
}

TEST(DueStatus, ClassifiesOpenDossiersOnly) {
  auto d = In(S::kAccepted);  // due 2026-11-26T10:00Z
  auto soon = T("2026-11-26T10:00:00Z");
  EXPECT_EQ(ClassifyDue(d, T("2026-11-20T00:00:00Z"), T("2026-11-21T00:00:00Z")), DueStatus::kOnTime);
  EXPECT_EQ(ClassifyDue(d, T("2026-11-25T10:00:00Z"), soon), DueStatus::kDueSoon);
  EXPECT_EQ(ClassifyDue(d, T("2026-11-26T10:00:01Z"), T("2026-11-27T10:00:00Z")), DueStatus::kOverdue);
  EXPECT_EQ(ClassifyDue(In(S::kReturned), T("2026-12-26T10:00:01Z"), T("2026-12-27T10:00:00Z")), DueStatus::kNone);
  EXPECT_EQ(ParseDueStatus("overdue"), DueStatus::kOverdue);
  EXPECT_FALSE(ParseDueStatus("late"));
}

TEST(HandlingActionKeys, RoundTrip) {
  for (A a : kAllHandlingActions) {
    EXPECT_EQ(ParseHandlingAction(HandlingActionKey(a)), a);
    EXPECT_STRNE(HandlingActionLabel(a), "");
  }
  EXPECT_FALSE(ParseHandlingAction("accept"));
}

}  // namespace
}  // namespace motcua::domain
