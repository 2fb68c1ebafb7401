#pragma once
// AccountService: registration, login and sessions, passwords, officers.
// Thread-safe (state lives in the repository).

#include "core/ttl_cache.hpp"
#include <chrono>
#include <string>

#include "app/accounts/ports.hpp"
#include "app/ports/clock.hpp"

namespace motcua::app {

struct RegisterCitizenInput {
  std::string full_name;
  std::string id_number;
  std::string phone;
  std::string email;
  std::string address;
  std::string password;
};

struct RegisterBusinessInput {
  std::string business_name;
  std::string tax_code;
  std::string representative;  // full name of the legal representative
  std::string phone;
  std::string email;
  std::string address;
  std::string password;
};

struct NewOfficerInput {
  std::string username;
  std::string full_name;
  domain::Role role = domain::Role::kDeskOfficer;
  std::string agency_code;
  std::string password;
};

// Who is making a request, resolved from a cookie or bearer token.
struct Principal {
  domain::User user;
  Session session;
};

struct LoginResult {
  std::string token;  // shown once: the cookie value or bearer token
  Principal principal;
};

class AccountService {
 public:
  // `session_cache`: how long a resolved token is trusted without asking
  // storage again (0: always ask). Logout and password changes made through
  // this service take effect at once; a session ended by another process
  // (another server, the CLI) within that time.
  AccountService(AccountRepository& repository, const PasswordHasher& hasher, const TokenService& tokens,
                 const Clock& clock, std::chrono::milliseconds session_cache = kDefaultSessionCache);

  static constexpr std::chrono::milliseconds kDefaultSessionCache{5000};

  static constexpr std::chrono::hours kCookieLifetime{12};
  static constexpr std::chrono::hours kBearerLifetime{24 * 30};

  // Validates every field (all problems reported at once) and creates the
  // account. Errors: kInvalidArgument with field errors; kConflict when the
  // ID number, phone or e-mail is already registered.
  Result<domain::User> RegisterCitizen(const RegisterCitizenInput& input, const std::string& request_id);
  Result<domain::User> RegisterBusiness(const RegisterBusinessInput& input, const std::string& request_id);

  // Creates an officer account (CLI / administrators).
  // Errors: kInvalidArgument, kConflict.
  Result<domain::User> AddOfficer(const NewOfficerInput& input, const std::string& actor);

  // Logs in by ID number, phone, e-mail or username. `kind` is "cookie" or
  // "bearer". Errors: kUnauthenticated for a wrong identifier or password
  // (the same message either way); kUnavailable with the wait in the message
  // when throttled or locked. Every failure is audited.
  Result<LoginResult> Login(const std::string& login, const std::string& password, const std::string& kind,
                            const std::string& request_id);

  // Resolves a token. Errors: kUnauthenticated if unknown, expired, or the
  // account is disabled.
  Result<Principal> Authenticate(const std::string& token);

  Status Logout(const Principal& who, const std::string& request_id);

  // Checks the old password, sets the new one and ends the user's other
  // sessions. Errors: kInvalidArgument (field errors), kUnauthenticated.
  Status ChangePassword(const Principal& who, const std::string& old_password, const std::string& new_password,
                        const std::string& request_id);

  Result<std::vector<domain::User>> ListUsers(bool officers_only);

  // For the one-stop desk: the active citizen account whose ID number (số
  // định danh cá nhân) is `id_number`, to fill in the applicant of a paper
  // dossier. Every lookup is audited ("account.lookup"): it reads personal
  // data. Errors: kForbidden unless `officer` is a desk officer, an agency
  // administrator or a system administrator (the denial is audited);
  // kInvalidArgument (field "id_number") for a malformed number; kNotFound
  // when no active citizen has it; kUnavailable, kInternal.
  Result<domain::User> FindCitizenByIdNumber(const Principal& officer, const std::string& id_number,
                                             const std::string& request_id);

  // Records a denied access attempt (authorization failures are audited).
  void AuditDenied(const std::string& actor, const std::string& what, const std::string& request_id);

 private:
  Result<domain::User> Insert(domain::User user, const std::string& password, std::vector<FieldError> problems,
                              const std::string& actor, const std::string& request_id);

  AccountRepository& repository_;
  const PasswordHasher& hasher_;
  const TokenService& tokens_;
  const Clock& clock_;
  TtlCache<std::string, Principal> sessions_;  // by token hash
};

}  // namespace motcua::app
