#include "security/rating_link_signer.hpp"

#include <gtest/gtest.h>

#include <sodium.h>

namespace motcua::security {
namespace {

Timestamp T(const char* iso) { return *ParseTimestamp(iso); }

SodiumRatingLinkSigner WithKey(std::string key) {
  return SodiumRatingLinkSigner([key] { return Result<std::string>(key); });
}

// Flips one bit of the decoded token and encodes it again.
std::string Flip(const std::string& token, std::size_t byte) {
  std::string bin(token.size(), '\0');
  std::size_t len = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), token.data(), token.size(),
                              nullptr, &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  bin.resize(len);
  bin[byte] = static_cast<char>(bin[byte] ^ 0x01);
  std::string out(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()), len,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

TEST(RatingLinkSigner, OpensWhatItSignedWithAFreshNonceEachTime) {
  auto signer = WithKey(SodiumRatingLinkSigner::NewKey());
  auto a = signer.Sign(42, T("2026-12-25T02:00:00Z"));
  auto b = signer.Sign(42, T("2026-12-25T02:00:00Z"));
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  auto link = signer.Open(*a);
  ASSERT_TRUE(link) << link.error().internal_message;
  EXPECT_EQ(link->dossier_id, 42);
  EXPECT_EQ(link->expires_at, T("2026-12-25T02:00:00Z"));
  EXPECT_EQ(link->nonce.size(), 32u);
  EXPECT_NE(link->nonce, signer.Open(*b)->nonce);
  // URL-safe: goes into a path segment as is.
  EXPECT_EQ(a->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
}

TEST(RatingLinkSigner, RefusesEveryAlteredByteAndTokensOfAnotherKey) {
  auto signer = WithKey(SodiumRatingLinkSigner::NewKey());
  auto token = *signer.Sign(7, T("2026-12-25T02:00:00Z"));
  for (std::size_t byte : {0u, 1u, 8u, 9u, 16u, 17u, 32u, 33u, 64u}) {
    auto opened = signer.Open(Flip(token, byte));
    ASSERT_FALSE(opened) << "byte " << byte;
    EXPECT_EQ(opened.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(opened.error().user_message, "Liên kết đánh giá không hợp lệ.");
  }
  auto other = WithKey(SodiumRatingLinkSigner::NewKey());
  EXPECT_EQ(other.Open(token).error().code, ErrorCode::kForbidden);
}

TEST(RatingLinkSigner, RefusesMalformedTokens) {
  auto signer = WithKey(SodiumRatingLinkSigner::NewKey());
  auto token = *signer.Sign(7, T("2026-12-25T02:00:00Z"));
  for (const std::string& bad : {std::string(), token.substr(0, token.size() - 4), token + "AAAA", std::string("!!!"),
                                 token + "=", std::string(300, 'A')}) {
    auto opened = signer.Open(bad);
    ASSERT_FALSE(opened) << bad;
    EXPECT_EQ(opened.error().code, ErrorCode::kForbidden);
  }
}

TEST(RatingLinkSigner, WithoutAUsableKeyIsUnavailable) {
  auto signer = WithKey("short");
  EXPECT_EQ(signer.Sign(1, T("2026-12-25T02:00:00Z")).error().code, ErrorCode::kUnavailable);
  auto failing = SodiumRatingLinkSigner(
      [] { return Result<std::string>(Fail(ErrorCode::kUnavailable, "Cơ sở dữ liệu tạm thời không sẵn sàng.")); });
  EXPECT_EQ(failing.Sign(1, T("2026-12-25T02:00:00Z")).error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace motcua::security
