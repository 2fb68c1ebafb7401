#include "security/sodium_crypto.hpp"

#include <cstdlib>
#include <mutex>

#include <sodium.h>

namespace motcua::security {

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();
  });
}

SodiumPasswordHasher::SodiumPasswordHasher(bool fast_for_tests)
    : ops_(fast_for_tests ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE),
      mem_(fast_for_tests ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) {
  InitSodium();
}

Result<std::string> SodiumPasswordHasher::Hash(const std::string& password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_, mem_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(ErrorCode::kInternal, "Không xử lý được mật khẩu, vui lòng thử lại.", "crypto_pwhash_str failed");
  }
  return std::string(out);
}

bool SodiumPasswordHasher::Verify(const std::string& password, const std::string& hash) const {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

SodiumTokenService::SodiumTokenService() { InitSodium(); }

std::string SodiumTokenService::NewToken() const {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string SodiumTokenService::HashToken(const std::string& token) const {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace motcua::security
