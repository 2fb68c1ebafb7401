#pragma once
// AccountStore: users and sessions on SQLite or PostgreSQL. Thread-safe.

#include "app/accounts/ports.hpp"
#include "store/database.hpp"

namespace motcua::store {

class AccountStore final : public app::AccountRepository {
 public:
  explicit AccountStore(Database& db) : db_(db) {}

  Result<std::int64_t> InsertUser(const domain::User& user, const app::AuditEvent& audit) override;
  Result<domain::User> FindUserByLogin(const std::string& login) override;
  Result<domain::User> FindUserById(std::int64_t id) override;
  Result<std::vector<domain::User>> ListUsers(bool officers_only) override;
  Status RecordLoginFailure(std::int64_t user_id, const domain::LoginThrottle& state,
                            const app::AuditEvent& audit) override;
  Status RecordLoginSuccess(std::int64_t user_id, const app::Session& session, const app::AuditEvent& audit) override;
  Result<app::SessionUser> FindSession(const std::string& token_hash, Timestamp now) override;
  Status DeleteSession(const std::string& token_hash, const app::AuditEvent& audit) override;
  Status UpdatePassword(std::int64_t user_id, const std::string& password_hash, const std::string& keep_session_hash,
                        const app::AuditEvent& audit) override;
  Status Audit(const app::AuditEvent& audit) override;

 private:
  Result<domain::User> FindUser(const std::string& where, const std::string& value);
  Database& db_;
};

}  // namespace motcua::store
