#include "security/rating_link_signer.hpp"

#include <sodium.h>

#include "security/sodium_crypto.hpp"

namespace motcua::security {

namespace {

constexpr unsigned char kVersion = 1;
constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kPayloadBytes = 1 + 8 + 8 + kNonceBytes;
constexpr std::size_t kTokenBytes = kPayloadBytes + crypto_auth_BYTES;

void PutBigEndian(std::string& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

std::uint64_t GetBigEndian(const std::string& in, std::size_t at) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
  return v;
}

tl::unexpected<Error> Forged(const char* why) {
  return Fail(ErrorCode::kForbidden, "Liên kết đánh giá không hợp lệ.", why);
}

std::string Hex(const std::string& bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();
  return out;
}

}  // namespace

SodiumRatingLinkSigner::SodiumRatingLinkSigner(std::function<Result<std::string>()> key_source)
    : key_source_(std::move(key_source)) {
  InitSodium();
}

std::string SodiumRatingLinkSigner::NewKey() {
  InitSodium();
  std::string key(crypto_auth_KEYBYTES, '\0');
  crypto_auth_keygen(reinterpret_cast<unsigned char*>(key.data()));
  return key;
}

Result<std::string> SodiumRatingLinkSigner::Key() const {
  std::lock_guard lock(mutex_);
  if (key_.empty()) {
    auto key = key_source_ ? key_source_() : Result<std::string>(std::string());
    if (!key) return key;
    if (key->size() != crypto_auth_KEYBYTES) {
      return Fail(ErrorCode::kUnavailable, "Chức năng đánh giá tạm thời không sẵn sàng.", "rating link key missing");
    }
    key_ = *key;
  }
  return key_;
}

Result<std::string> SodiumRatingLinkSigner::Sign(std::int64_t dossier_id, Timestamp expires_at) const {
  auto key = Key();
  if (!key) return key;
  std::string payload;
  payload.push_back(static_cast<char>(kVersion));
  PutBigEndian(payload, static_cast<std::uint64_t>(dossier_id));
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(expires_at.time_since_epoch()).count();
  PutBigEndian(payload, static_cast<std::uint64_t>(seconds));
  std::string nonce(kNonceBytes, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  payload += nonce;
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
              reinterpret_cast<const unsigned char*>(key->data()));
  payload.append(reinterpret_cast<const char*>(mac), sizeof mac);
  std::string out(sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<app::RatingLink> SodiumRatingLinkSigner::Open(const std::string& token) const {
  if (token.empty() || token.size() > 200) return Forged("token length");
  std::string bytes(kTokenBytes + 8, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), token.data(), token.size(),
                        nullptr, &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != token.data() + token.size() || len != kTokenBytes) {
    return Forged("token encoding");
  }
  bytes.resize(len);
  auto key = Key();
  if (!key) return Fail(key.error());
  if (crypto_auth_verify(reinterpret_cast<const unsigned char*>(bytes.data()) + kPayloadBytes,
                         reinterpret_cast<const unsigned char*>(bytes.data()), kPayloadBytes,
                         reinterpret_cast<const unsigned char*>(key->data())) != 0) {
    return Forged("token mac");
  }
  if (static_cast<unsigned char>(bytes[0]) != kVersion) return Forged("token version");
  app::RatingLink link;
  link.dossier_id = static_cast<std::int64_t>(GetBigEndian(bytes, 1));
  link.expires_at = Timestamp(std::chrono::seconds(static_cast<std::int64_t>(GetBigEndian(bytes, 9))));
  link.nonce = Hex(bytes.substr(17, kNonceBytes));
  return link;
}

}  // namespace motcua::security
