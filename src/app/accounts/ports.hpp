#pragma once
// Ports of the accounts use cases: storage and cryptography.

#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_event.hpp"
#include "core/error.hpp"
#include "domain/accounts/login_policy.hpp"
#include "domain/accounts/user.hpp"

namespace motcua::app {

// A login session: a browser cookie or an API bearer token. Only the token's
// hash is stored; the token itself is shown once, to its owner.
struct Session {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string kind;        // "cookie" or "bearer"
  std::string csrf_token;  // pages: echoed in every form
  Timestamp created_at{};
  Timestamp expires_at{};
};

struct SessionUser {
  Session session;
  domain::User user;
};

// Thread-safe. Every write takes the audit event recorded with it in the
// same transaction.
class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  // Inserts a user; returns its id. Errors: kConflict naming the field
  // (id_number, phone, email, username, tax_code) already in use.
  virtual Result<std::int64_t> InsertUser(const domain::User& user, const AuditEvent& audit) = 0;

  // Finds an active or inactive user whose username, ID number, phone or
  // e-mail equals `login`. Errors: kNotFound.
  virtual Result<domain::User> FindUserByLogin(const std::string& login) = 0;
  virtual Result<domain::User> FindUserById(std::int64_t id) = 0;
  virtual Result<std::vector<domain::User>> ListUsers(bool officers_only) = 0;

  // Stores the throttling state after a failed attempt.
  virtual Status RecordLoginFailure(std::int64_t user_id, const domain::LoginThrottle& state,
                                    const AuditEvent& audit) = 0;
  // Resets throttling and stores the new session.
  virtual Status RecordLoginSuccess(std::int64_t user_id, const Session& session,
                                    const AuditEvent& audit) = 0;
  // The session and its user, read together (every authenticated request
  // asks). Errors: kNotFound if the session is unknown or expired at `now`.
  virtual Result<SessionUser> FindSession(const std::string& token_hash, Timestamp now) = 0;
  virtual Status DeleteSession(const std::string& token_hash, const AuditEvent& audit) = 0;
  // Replaces the hash and ends every other session of the user.
  virtual Status UpdatePassword(std::int64_t user_id, const std::string& password_hash,
                                const std::string& keep_session_hash, const AuditEvent& audit) = 0;
  // Records an event that changes nothing else (e.g. an access denial).
  virtual Status Audit(const AuditEvent& audit) = 0;
};

// Argon2id password hashing (libsodium). Thread-safe.
class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual Result<std::string> Hash(const std::string& password) const = 0;
  virtual bool Verify(const std::string& password, const std::string& hash) const = 0;
};

// Random tokens and their storage hashes. Thread-safe.
class TokenService {
 public:
  virtual ~TokenService() = default;
  // 32 random bytes, base64url without padding.
  virtual std::string NewToken() const = 0;
  // Hex SHA-256 of the token (what is stored).
  virtual std::string HashToken(const std::string& token) const = 0;
};

}  // namespace motcua::app
