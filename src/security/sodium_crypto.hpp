#pragma once
// libsodium implementations of the crypto ports: Argon2id passwords and
// random tokens. Thread-safe.

#include "app/accounts/ports.hpp"

namespace motcua::security {

class SodiumPasswordHasher final : public app::PasswordHasher {
 public:
  // `interactive` limits (libsodium's INTERACTIVE) suit logins; tests may use
  // the minimum to stay fast.
  explicit SodiumPasswordHasher(bool fast_for_tests = false);
  Result<std::string> Hash(const std::string& password) const override;
  bool Verify(const std::string& password, const std::string& hash) const override;

 private:
  unsigned long long ops_;
  std::size_t mem_;
};

class SodiumTokenService final : public app::TokenService {
 public:
  SodiumTokenService();
  std::string NewToken() const override;
  std::string HashToken(const std::string& token) const override;
};

// Calls sodium_init() once; aborts if the library cannot start.
void InitSodium();

}  // namespace motcua::security
