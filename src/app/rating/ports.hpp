#pragma once
// Ports of the rating use cases (đánh giá sự hài lòng, rules.md §7):
// rating storage with the desk kiosks, and the signer of rating links.
//
// Ratings never store who rated: an online rating is the dossier owner's by
// definition, a link or kiosk rating is anonymous. A kiosk rating keeps the
// counter (quầy) and the desk officer on duty, who are the ones rated.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_event.hpp"
#include "core/error.hpp"
#include "domain/evaluation/rating.hpp"

namespace motcua::app {

// One stored version of a dossier's rating on one channel.
struct StoredRating {
  domain::Rating rating;     // with its version and rated_at
  Timestamp first_rated_at{};  // rated_at of version 1: the edit window runs from it
  std::string counter;       // kiosk: the counter code
  std::string officer;       // kiosk: the desk officer on duty (internal, never published)
};

// A new version to store, with what is recorded in the same transaction.
struct RatingWrite {
  StoredRating stored;
  std::string link_nonce;  // link channel: marked used (single use)
  std::string dossier_code;  // for the audit row's target
  AuditEvent audit;
};

// A desk kiosk: a device at a counter of an agency, bound by a desk officer
// who is then on duty there. Only hashes of the device token are stored.
struct KioskBinding {
  std::string counter;       // "[a-z0-9-]", the path segment of /kiosk/{counter}
  std::string agency_code;
  std::string officer;       // username of the desk officer on duty; "" when off duty
  std::string device_hash;   // hex SHA-256 of the device cookie
  std::string csrf_token;    // echoed by the kiosk's forms
  Timestamp activated_at{};
  std::int64_t pending_dossier_id = 0;  // the dossier just returned at the desk, to rate
  std::optional<Timestamp> pending_at;
};

// Thread-safe; every write is one transaction with its audit row.
class RatingRepository {
 public:
  virtual ~RatingRepository() = default;

  // The newest version of the dossier's rating on `channel`; nullopt if none.
  virtual Result<std::optional<StoredRating>> Latest(std::int64_t dossier_id, domain::RatingChannel channel) = 0;

  // The newest version on each channel of the dossier, in channel order.
  virtual Result<std::vector<StoredRating>> ForDossier(std::int64_t dossier_id) = 0;

  // Inserts one version; in the same transaction marks the link nonce used,
  // sets the dossier's report marks from it, clears the kiosk's pending
  // dossier (kiosk channel) and writes the audit row. Errors: kConflict when
  // the version already exists (a concurrent rating) or the link nonce was
  // used; kNotFound for an unknown dossier; kUnavailable, kInternal.
  virtual Status Insert(const RatingWrite& write) = 0;

  // Whether a rating link's nonce was already used.
  virtual Result<bool> LinkNonceUsed(const std::string& nonce) = 0;

  // Creates or re-binds a kiosk (new device hash and CSRF token, officer on
  // duty, nothing pending); the officer is taken off duty at any other
  // counter. Errors: kUnavailable, kInternal.
  virtual Status BindKiosk(const KioskBinding& binding, const AuditEvent& audit) = 0;

  // The kiosk of `counter`, if bound.
  virtual Result<std::optional<KioskBinding>> FindKiosk(const std::string& counter) = 0;

  // Offers `dossier_id` for rating on the kiosk where `officer` is on duty
  // (none: nothing happens). Errors: kUnavailable, kInternal.
  virtual Status OfferAtKiosk(const std::string& officer, std::int64_t dossier_id, Timestamp at) = 0;

  // Clears the kiosk's pending dossier if it still is `dossier_id`.
  virtual Status ClearKiosk(const std::string& counter, std::int64_t dossier_id) = 0;

  // The key of rating links: the stored one, or `generate()` stored now
  // (the first caller wins when several race). Errors: kUnavailable, kInternal.
  virtual Result<std::string> LinkKey(const std::function<std::string()>& generate) = 0;
};

// What a rating link carries (signed, so it needs no login).
struct RatingLink {
  std::int64_t dossier_id = 0;
  Timestamp expires_at{};
  std::string nonce;  // hex, random; the link is single use
};

// Signs and opens rating links (HMAC under a server secret). Thread-safe.
class RatingLinkSigner {
 public:
  virtual ~RatingLinkSigner() = default;
  // A link with a fresh random nonce. Errors: kUnavailable (no key).
  virtual Result<std::string> Sign(std::int64_t dossier_id, Timestamp expires_at) const = 0;
  // The link's content if its MAC verifies (constant-time). Expiry and use
  // are the caller's checks. Errors: kForbidden for a malformed, forged or
  // altered token; kUnavailable (no key).
  virtual Result<RatingLink> Open(const std::string& token) const = 0;
};

}  // namespace motcua::app
