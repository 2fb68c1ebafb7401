#include "app/accounts/account_service.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "domain/accounts/validation.hpp"

namespace motcua::app {

using namespace motcua::domain;

namespace {

// Collects field errors from validators so a form shows every problem.
template <typename T>
T Collect(Result<T> result, std::vector<FieldError>& problems) {
  if (result) return *result;
  for (auto& f : result.error().fields) problems.push_back(std::move(f));
  return T{};
}

void CollectStatus(Status status, std::vector<FieldError>& problems) {
  if (!status) {
    for (auto& f : status.error().fields) problems.push_back(std::move(f));
  }
}

tl::unexpected<Error> InvalidForm(std::vector<FieldError> problems) {
  Error e{ErrorCode::kInvalidArgument, "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.", "invalid form", std::move(problems)};
  return tl::unexpected<Error>(std::move(e));
}

}  // namespace

AccountService::AccountService(AccountRepository& repository, const PasswordHasher& hasher,
                               const TokenService& tokens, const Clock& clock, std::chrono::milliseconds session_cache)
    : repository_(repository), hasher_(hasher), tokens_(tokens), clock_(clock), sessions_(session_cache, 100000) {}

Result<User> AccountService::Insert(User user, const std::string& password, std::vector<FieldError> problems,
                                    const std::string& actor, const std::string& request_id) {
  CollectStatus(ValidateNewPassword(password), problems);
  if (!problems.empty()) return InvalidForm(std::move(problems));
  auto hash = hasher_.Hash(password);
  if (!hash) return Fail(hash.error());
  user.password_hash = *hash;
  user.created_at = clock_.Now();
  AuditEvent audit{user.created_at, actor, "account.create", "", RoleKey(user.role), request_id};
  audit.target = !user.username.empty() ? user.username : user.id_number.empty() ? user.tax_code : user.id_number;
  auto id = repository_.InsertUser(user, audit);
  if (!id) return Fail(id.error());
  user.id = *id;
  return user;
}

Result<User> AccountService::RegisterCitizen(const RegisterCitizenInput& in, const std::string& request_id) {
  std::vector<FieldError> problems;
  User user;
  user.role = Role::kCitizen;
  user.full_name = Collect(ValidateFullName(in.full_name), problems);
  user.id_number = Collect(ValidateIdNumber(in.id_number), problems);
  user.phone = Collect(ValidatePhone(in.phone), problems);
  user.email = Collect(ValidateEmail(in.email), problems);
  user.address = ToNfc(Trim(in.address)).value_or("");
  return Insert(std::move(user), in.password, std::move(problems), "anonymous", request_id);
}

Result<User> AccountService::RegisterBusiness(const RegisterBusinessInput& in, const std::string& request_id) {
  std::vector<FieldError> problems;
  User user;
  user.role = Role::kBusiness;
  auto name = ToNfc(Trim(in.business_name)).value_or("");
  if (name.size() < 2 || name.size() > 600) problems.push_back({"business_name", "Vui lòng nhập tên tổ chức, doanh nghiệp."});
  user.business_name = name;
  user.tax_code = Collect(ValidateTaxCode(in.tax_code), problems);
  user.full_name = Collect(ValidateFullName(in.representative, "representative"), problems);
  user.phone = Collect(ValidatePhone(in.phone), problems);
  user.email = Collect(ValidateEmail(in.email), problems);
  user.address = ToNfc(Trim(in.address)).value_or("");
  return Insert(std::move(user), in.password, std::move(problems), "anonymous", request_id);
}

Result<User> AccountService::AddOfficer(const NewOfficerInput& in, const std::string& actor) {
  std::vector<FieldError> problems;
  User user;
  user.role = in.role;
  if (!IsOfficer(in.role)) problems.push_back({"role", "Vai trò phải là vai trò của cán bộ."});
  std::string username(Trim(in.username));
  bool ok = username.size() >= 3 && username.size() <= 64;
  for (char c : username) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-');
  if (!ok) problems.push_back({"username", "Tên đăng nhập gồm 3–64 chữ cái không dấu, chữ số, dấu chấm, gạch dưới."});
  user.username = username;
  user.full_name = in.full_name.empty() ? username : Collect(ValidateFullName(in.full_name), problems);
  if (in.agency_code.empty()) problems.push_back({"agency", "Cán bộ phải thuộc một cơ quan."});
  user.agency_code = in.agency_code;
  return Insert(std::move(user), in.password, std::move(problems), actor, "");
}

Result<LoginResult> AccountService::Login(const std::string& login, const std::string& password,
                                          const std::string& kind, const std::string& request_id) {
  const Timestamp now = clock_.Now();
  const std::string wrong = "Thông tin đăng nhập hoặc mật khẩu không đúng.";
  std::string key(Trim(login));
  // Citizens may type their phone in any common form.
  if (auto phone = ValidatePhone(key); phone && key.find('@') == std::string::npos && key.size() != 12) key = *phone;
  if (key.find('@') != std::string::npos) key = ValidateEmail(key).value_or(key);
  auto user = repository_.FindUserByLogin(key);
  if (!user) {
    if (user.error().code != ErrorCode::kNotFound) return Fail(user.error());
    repository_.Audit({now, "anonymous", "auth.login_failed", key.substr(0, 64), "unknown account", request_id});
    return Fail(ErrorCode::kUnauthenticated, wrong, "unknown login");
  }
  LoginThrottle throttle{user->failed_logins, user->last_failed_at, user->locked_until};
  if (auto wait = WaitBeforeAttempt(throttle, now); wait.count() > 0) {
    repository_.Audit({now, user->username.empty() ? key : user->username, "auth.login_throttled",
                       std::to_string(user->id), fmt::format("wait {}s", wait.count()), request_id});
    std::string message =
        throttle.locked_until && now < *throttle.locked_until
            ? fmt::format("Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau {} phút.",
                          (wait.count() + 59) / 60)
            : fmt::format("Bạn đã nhập sai nhiều lần. Vui lòng thử lại sau {} giây.", wait.count());
    return Fail(ErrorCode::kResourceExhausted, message, "login throttled");
  }
  if (!user->active || !hasher_.Verify(password, user->password_hash)) {
    LoginThrottle next = AfterFailure(throttle, now);
    std::string action = next.locked_until && !throttle.locked_until ? "auth.account_locked" : "auth.login_failed";
    auto recorded = repository_.RecordLoginFailure(
        user->id, next,
        {now, key, action, std::to_string(user->id), fmt::format("failures={}", next.failed_logins), request_id});
    if (!recorded) return Fail(recorded.error());
    return Fail(ErrorCode::kUnauthenticated, wrong, "bad password");
  }
  LoginResult result;
  result.token = tokens_.NewToken();
  Session& s = result.principal.session;
  s.token_hash = tokens_.HashToken(result.token);
  s.user_id = user->id;
  s.kind = kind == "bearer" ? "bearer" : "cookie";
  s.csrf_token = tokens_.NewToken();
  s.created_at = now;
  s.expires_at = now + (s.kind == "bearer" ? std::chrono::duration_cast<std::chrono::milliseconds>(kBearerLifetime)
                                           : std::chrono::duration_cast<std::chrono::milliseconds>(kCookieLifetime));
  auto saved = repository_.RecordLoginSuccess(
      user->id, s, {now, user->username.empty() ? key : user->username, "auth.login", std::to_string(user->id), s.kind, request_id});
  if (!saved) return Fail(saved.error());
  user->failed_logins = 0;
  user->locked_until.reset();
  result.principal.user = std::move(*user);
  return result;
}

Result<Principal> AccountService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 200) return Fail(ErrorCode::kUnauthenticated, "Vui lòng đăng nhập.", "no token");
  const std::string hash = tokens_.HashToken(token);
  const Timestamp now = clock_.Now();
  if (auto cached = sessions_.Get(hash, now); cached && cached->session.expires_at > now) return std::move(*cached);
  const auto generation = sessions_.Generation();
  auto found = repository_.FindSession(hash, now);
  if (!found) {
    if (found.error().code == ErrorCode::kNotFound) {
      return Fail(ErrorCode::kUnauthenticated, "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.", "unknown session");
    }
    return Fail(found.error());
  }
  if (!found->user.active) return Fail(ErrorCode::kUnauthenticated, "Vui lòng đăng nhập.", "inactive user");
  Principal who{std::move(found->user), std::move(found->session)};
  sessions_.Put(hash, who, now, generation);
  return who;
}

Status AccountService::Logout(const Principal& who, const std::string& request_id) {
  sessions_.Erase(who.session.token_hash);
  return repository_.DeleteSession(who.session.token_hash,
                                   {clock_.Now(), who.user.username.empty() ? who.user.id_number : who.user.username,
                                    "auth.logout", std::to_string(who.user.id), "", request_id});
}

Status AccountService::ChangePassword(const Principal& who, const std::string& old_password,
                                      const std::string& new_password, const std::string& request_id) {
  if (!hasher_.Verify(old_password, who.user.password_hash)) {
    Error e{ErrorCode::kInvalidArgument, "Mật khẩu hiện tại không đúng.", "wrong old password", {}};
    e.fields.push_back({"old_password", "Mật khẩu hiện tại không đúng."});
    return Fail(std::move(e));
  }
  if (auto valid = ValidateNewPassword(new_password, "new_password"); !valid) return valid;
  auto hash = hasher_.Hash(new_password);
  if (!hash) return Fail(hash.error());
  auto done = repository_.UpdatePassword(
      who.user.id, *hash, who.session.token_hash,
      {clock_.Now(), who.user.username.empty() ? who.user.id_number : who.user.username, "auth.password_changed",
       std::to_string(who.user.id), "", request_id});
  // Other sessions ended; this one's cached principal holds the old hash.
  const std::int64_t user_id = who.user.id;
  sessions_.EraseIf([user_id](const Principal& p) { return p.user.id == user_id; });
  return done;
}

Result<std::vector<User>> AccountService::ListUsers(bool officers_only) { return repository_.ListUsers(officers_only); }

Result<User> AccountService::FindCitizenByIdNumber(const Principal& officer, const std::string& id_number,
                                                   const std::string& request_id) {
  const User& u = officer.user;
  const std::string actor = u.username.empty() ? "user:" + std::to_string(u.id) : u.username;
  if (u.role != Role::kDeskOfficer && u.role != Role::kAgencyAdmin && u.role != Role::kSystemAdmin) {
    AuditDenied(actor, "citizen lookup", request_id);
    return Fail(ErrorCode::kForbidden, "Chỉ cán bộ Bộ phận Một cửa được tra cứu công dân.", "lookup by non-desk role");
  }
  auto number = ValidateIdNumber(id_number, "id_number");
  if (!number) return Fail(number.error());
  auto found = repository_.FindUserByLogin(*number);
  // The login lookup also matches usernames, phones and e-mails: keep only
  // the citizen whose ID number it is.
  if (!found && found.error().code != ErrorCode::kNotFound) return Fail(found.error());
  if (!found || found->role != Role::kCitizen || found->id_number != *number || !found->active) {
    return Fail(ErrorCode::kNotFound, "Không tìm thấy công dân có số định danh này.", "no citizen");
  }
  if (auto audited = repository_.Audit({clock_.Now(), actor, "account.lookup", "user:" + std::to_string(found->id),
                                        "", request_id});
      !audited) {
    return Fail(audited.error());
  }
  return found;
}

void AccountService::AuditDenied(const std::string& actor, const std::string& what, const std::string& request_id) {
  repository_.Audit({clock_.Now(), actor, "access.denied", what, "", request_id});
}

}  // namespace motcua::app
