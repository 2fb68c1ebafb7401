#pragma once
// RatingService: satisfaction ratings of dossiers (đánh giá sự hài lòng,
// Nghị định 61/2018 Điều 31; Thông tư 32/2017 Điều 12; rules.md §7) on three
// channels:
//   online  the owner, signed in, from the dossier page or the API;
//   link    anyone holding the signed single-use link sent in the notice
//           when the result is returned (no login);
//   kiosk   the touch screen at a desk counter (quầy), bound by the desk
//           officer on duty, showing the dossier that officer just returned.
//
// A dossier may be rated once its result is returned (online dossiers also
// once submitted). One rating per dossier and channel: a later submission on
// the same channel within the edit window (counted from the first one) is a
// new version; after the window it is refused (kFailedPrecondition). Every
// version is stored with the dossier's report marks and an audit row in one
// transaction. The rater's identity is never stored with the rating nor
// returned by the read methods. Thread-safe.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts/account_service.hpp"
#include "app/accounts/ports.hpp"
#include "app/dossier/dossier_service.hpp"
#include "app/handling/handling_service.hpp"
#include "app/ports/clock.hpp"
#include "app/rating/ports.hpp"

namespace motcua::app {

struct RatingOptions {
  std::chrono::hours edit_window{24 * 7};     // MayEditRating
  std::chrono::hours link_lifetime{24 * 30};  // a rating link expires after this
  std::chrono::minutes kiosk_offer{30};       // a dossier returned at the desk stays on the kiosk this long
};

// A rating as submitted: criterion key → satisfaction key (an empty value
// leaves an optional criterion unanswered), and the comment.
struct RatingDraft {
  std::vector<std::pair<std::string, std::string>> answers;
  std::string comment;
};

// What a page needs to show a rating form for a dossier: nothing personal.
struct RatingForm {
  std::int64_t dossier_id = 0;
  std::string dossier_code;
  std::string procedure_name;
  std::vector<domain::RatingCriterion> criteria;
  std::optional<StoredRating> current;  // the version on this channel, if any
  bool may_rate = false;                // false: `reason` says why
  std::string reason;
};

// What the kiosk of a counter shows.
struct KioskScreen {
  std::string counter;
  std::string agency_code;
  std::string csrf_token;
  bool on_duty = false;
  std::optional<RatingForm> pending;  // the dossier to rate now, if any
};

class RatingService final : public ResultReturnObserver {
 public:
  RatingService(RatingRepository& ratings, DossierService& dossier_service, DossierRepository& dossiers,
                const RatingLinkSigner& links, const TokenService& tokens, const Clock& clock,
                RatingOptions options = {});

  // The base URL printed in rating links ("https://dichvucong.example.vn";
  // empty: links are relative). Set once while wiring.
  void SetPublicUrl(std::string url);
  const RatingOptions& options() const { return options_; }

  // Makes this service the observer of returned results: a rating link in
  // the applicant's notice, and the dossier offered on the officer's kiosk.
  void Observe(HandlingService& handling) { handling.SetResultReturnObserver(this); }

  // --- Online: the dossier's owner ---

  // Errors: those of DossierService::Get (kNotFound when not visible);
  // kForbidden unless the caller owns the dossier.
  Result<RatingForm> OnlineForm(const Principal& who, const std::string& id_or_code, const std::string& request_id);
  // Errors: as OnlineForm; kFailedPrecondition (not ratable yet, edit
  // window over); kInvalidArgument with field errors; kConflict (raced).
  Result<StoredRating> RateOnline(const Principal& who, const std::string& id_or_code, const RatingDraft& draft,
                                  const std::string& request_id);
  // The newest version on each channel, for the owner or officers in scope.
  // Errors: those of DossierService::Get.
  Result<std::vector<StoredRating>> Ratings(const Principal& who, const std::string& id_or_code,
                                            const std::string& request_id);

  // --- Signed single-use links ---

  // A new link token for `dossier`. Errors: kUnavailable (no key).
  Result<std::string> NewLink(const domain::Dossier& dossier);
  // The form behind a link. Errors: kForbidden (malformed, forged or
  // altered), kFailedPrecondition (expired), kConflict (already used),
  // kNotFound (dossier gone).
  Result<RatingForm> LinkForm(const std::string& token);
  // Errors: as LinkForm, and as RateOnline.
  Result<StoredRating> RateByLink(const std::string& token, const RatingDraft& draft, const std::string& request_id);

  // --- Desk kiosks ---

  // A desk officer binds the kiosk of `counter` to this device and goes on
  // duty there; returns the device token to keep in a cookie. Errors:
  // kForbidden (not a desk officer, or the counter belongs to another
  // agency), kInvalidArgument (counter code).
  Result<std::string> ActivateKiosk(const Principal& officer, const std::string& counter,
                                    const std::string& request_id);
  // The kiosk screen for the device holding `device_token`. Errors:
  // kInvalidArgument (counter code), kUnauthenticated (this device is not
  // the counter's kiosk).
  Result<KioskScreen> Kiosk(const std::string& counter, const std::string& device_token);
  // Errors: as Kiosk; kForbidden (CSRF token); kFailedPrecondition (the
  // dossier is not the one waiting at the counter); as RateOnline.
  Result<StoredRating> RateAtKiosk(const std::string& counter, const std::string& device_token,
                                   const std::string& csrf_token, std::int64_t dossier_id, const RatingDraft& draft,
                                   const std::string& request_id);
  // The citizen declines: the kiosk goes back to idle. Errors: as RateAtKiosk.
  Status SkipAtKiosk(const std::string& counter, const std::string& device_token, const std::string& csrf_token,
                     std::int64_t dossier_id);

  // ResultReturnObserver.
  std::string NoticeAddendum(const domain::Dossier& returned) override;
  void Returned(const std::string& officer, const domain::Dossier& returned) override;

 private:
  Result<StoredRating> Rate(const domain::Dossier& d, domain::RatingChannel channel, const RatingDraft& draft,
                            const std::string& nonce, const std::string& counter, const std::string& officer,
                            const std::string& actor, const std::string& request_id);
  RatingForm FormFor(const domain::Dossier& d, domain::RatingChannel channel);
  Result<RatingLink> CheckLink(const std::string& token);
  Result<KioskBinding> Device(const std::string& counter, const std::string& device_token);
  Result<KioskBinding> KioskPost(const std::string& counter, const std::string& device_token,
                                 const std::string& csrf_token, std::int64_t dossier_id);
  std::string PublicUrl() const;

  RatingRepository& ratings_;
  DossierService& dossier_service_;
  DossierRepository& dossiers_;
  const RatingLinkSigner& links_;
  const TokenService& tokens_;
  const Clock& clock_;
  RatingOptions options_;
  mutable std::mutex mutex_;
  std::string public_url_;
};

// Whether `counter` is a valid counter code: 1–40 of a–z, 0–9 and "-".
bool ValidCounterCode(const std::string& counter);

}  // namespace motcua::app
