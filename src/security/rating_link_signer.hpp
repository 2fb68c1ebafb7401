#pragma once
// Rating links signed with libsodium's crypto_auth (HMAC-SHA-512-256).
//
// A token is base64url (no padding) of: version byte 1, the dossier id and
// the expiry (Unix seconds) as 8 big-endian bytes each, a 16-byte random
// nonce, then the 32-byte MAC of all that. Open verifies the MAC with
// crypto_auth_verify (constant time) before reading anything else.
//
// The 32-byte key comes from `key_source` on first use (the stored secret,
// see store::RatingStore::LinkKey) and is then kept in memory. Thread-safe.

#include <functional>
#include <mutex>
#include <string>

#include "app/rating/ports.hpp"

namespace motcua::security {

class SodiumRatingLinkSigner final : public app::RatingLinkSigner {
 public:
  // `key_source` returns the raw key bytes (crypto_auth_KEYBYTES).
  explicit SodiumRatingLinkSigner(std::function<Result<std::string>()> key_source);

  Result<std::string> Sign(std::int64_t dossier_id, Timestamp expires_at) const override;
  Result<app::RatingLink> Open(const std::string& token) const override;

  // A new random key for crypto_auth.
  static std::string NewKey();

 private:
  Result<std::string> Key() const;

  std::function<Result<std::string>()> key_source_;
  mutable std::mutex mutex_;
  mutable std::string key_;
};

}  // namespace motcua::security
