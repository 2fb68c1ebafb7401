#include "app/rating/rating_service.hpp"

#include <fmt/format.h>

#include "domain/evaluation/rating_eligibility.hpp"

namespace motcua::app {

using namespace motcua::domain;

namespace {

// Compares two secrets in time independent of where they differ.
bool SameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string CodeOf(const Dossier& d) { return d.code.empty() ? "#" + std::to_string(d.id) : d.code; }

tl::unexpected<Error> NotAtThisKiosk() {
  return Fail(ErrorCode::kUnauthenticated, "Thiết bị này chưa được kích hoạt làm kiosk đánh giá của quầy.",
              "no kiosk binding for this device");
}

// Turns the submitted keys into a rating; unknown keys are field errors.
Result<Rating> Parse(const RatingDraft& draft) {
  Rating r;
  std::vector<FieldError> problems;
  for (const auto& [key, value] : draft.answers) {
    auto c = ParseRatingCriterion(key);
    if (!c) {
      problems.push_back({key, "Tiêu chí đánh giá không hợp lệ."});
      continue;
    }
    if (value.empty()) continue;  // an optional criterion left unanswered
    auto s = ParseSatisfaction(value);
    if (!s) {
      problems.push_back({key, "Hãy chọn Rất hài lòng, Hài lòng hoặc Chưa hài lòng."});
      continue;
    }
    r.answers.push_back({*c, *s});
  }
  r.comment = draft.comment;
  if (!problems.empty()) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Phiếu đánh giá chưa hợp lệ.", "invalid rating keys", problems});
  }
  return r;
}

}  // namespace

bool ValidCounterCode(const std::string& counter) {
  if (counter.empty() || counter.size() > 40) return false;
  for (char c : counter) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

RatingService::RatingService(RatingRepository& ratings, DossierService& dossier_service, DossierRepository& dossiers,
                             const RatingLinkSigner& links, const TokenService& tokens, const Clock& clock,
                             RatingOptions options)
    : ratings_(ratings),
      dossier_service_(dossier_service),
      dossiers_(dossiers),
      links_(links),
      tokens_(tokens),
      clock_(clock),
      options_(options) {}

void RatingService::SetPublicUrl(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  std::lock_guard lock(mutex_);
  public_url_ = std::move(url);
}

std::string RatingService::PublicUrl() const {
  std::lock_guard lock(mutex_);
  return public_url_;
}

RatingForm RatingService::FormFor(const Dossier& d, RatingChannel channel) {
  RatingForm f;
  f.dossier_id = d.id;
  f.dossier_code = CodeOf(d);
  f.procedure_name = d.procedure_name;
  f.criteria = CriteriaFor(d);
  if (auto ok = CheckRatable(d); !ok) {
    f.reason = ok.error().user_message;
    return f;
  }
  auto latest = ratings_.Latest(d.id, channel);
  if (!latest) {
    f.reason = latest.error().user_message;
    return f;
  }
  f.current = *latest;
  if (f.current && !MayEditRating(f.current->first_rated_at, clock_.Now(), options_.edit_window)) {
    f.reason = "Đánh giá của hồ sơ đã được ghi nhận và đã quá thời hạn chỉnh sửa.";
    return f;
  }
  f.may_rate = true;
  return f;
}

Result<StoredRating> RatingService::Rate(const Dossier& d, RatingChannel channel, const RatingDraft& draft,
                                         const std::string& nonce, const std::string& counter,
                                         const std::string& officer, const std::string& actor,
                                         const std::string& request_id) {
  if (auto ok = CheckRatable(d); !ok) return Fail(ok.error());
  auto parsed = Parse(draft);
  if (!parsed) return Fail(parsed.error());
  parsed->dossier_id = d.id;
  parsed->channel = channel;
  auto rating = ValidateRating(std::move(*parsed), CriteriaFor(d));
  if (!rating) return Fail(rating.error());
  Timestamp now = clock_.Now();
  auto latest = ratings_.Latest(d.id, channel);
  if (!latest) return Fail(latest.error());
  StoredRating stored;
  stored.rating = std::move(*rating);
  stored.rating.rated_at = now;
  stored.first_rated_at = now;
  stored.rating.version = 1;
  if (*latest) {
    const StoredRating& before = **latest;
    // One rating per dossier and channel; edits within the window are versions.
    if (!MayEditRating(before.first_rated_at, now, options_.edit_window)) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("Hồ sơ đã được đánh giá ngày {}; quá {} ngày nên không thể sửa đánh giá.",
                              FormatVnDateTime(before.first_rated_at), options_.edit_window.count() / 24),
                  "rating edit window over");
    }
    stored.rating.version = before.rating.version + 1;
    stored.first_rated_at = before.first_rated_at;
  }
  stored.counter = counter;
  stored.officer = officer;
  RatingWrite write{stored, nonce, CodeOf(d), {}};
  // The audit row says what happened, never how the rater answered.
  write.audit = AuditEvent{now,
                           actor,
                           stored.rating.version == 1 ? "rating.create" : "rating.edit",
                           CodeOf(d),
                           fmt::format("channel={} version={}", RatingChannelKey(channel), stored.rating.version),
                           request_id};
  if (auto saved = ratings_.Insert(write); !saved) return Fail(saved.error());
  return stored;
}

// --- Online ---

Result<RatingForm> RatingService::OnlineForm(const Principal& who, const std::string& id_or_code,
                                             const std::string& request_id) {
  auto d = dossier_service_.Get(who, id_or_code, request_id);
  if (!d) return Fail(d.error());
  if (IsOfficer(who.user.role) || d->owner_user_id != who.user.id) {
    return Fail(ErrorCode::kForbidden, "Chỉ người nộp hồ sơ mới đánh giá trực tuyến được.", "not the owner");
  }
  return FormFor(*d, RatingChannel::kOnline);
}

Result<StoredRating> RatingService::RateOnline(const Principal& who, const std::string& id_or_code,
                                               const RatingDraft& draft, const std::string& request_id) {
  auto d = dossier_service_.Get(who, id_or_code, request_id);
  if (!d) return Fail(d.error());
  if (IsOfficer(who.user.role) || d->owner_user_id != who.user.id) {
    return Fail(ErrorCode::kForbidden, "Chỉ người nộp hồ sơ mới đánh giá trực tuyến được.", "not the owner");
  }
  const User& u = who.user;
  std::string actor = !u.id_number.empty() ? u.id_number : !u.tax_code.empty() ? u.tax_code : u.username;
  return Rate(*d, RatingChannel::kOnline, draft, "", "", "", actor, request_id);
}

Result<std::vector<StoredRating>> RatingService::Ratings(const Principal& who, const std::string& id_or_code,
                                                         const std::string& request_id) {
  auto d = dossier_service_.Get(who, id_or_code, request_id);
  if (!d) return Fail(d.error());
  auto all = ratings_.ForDossier(d->id);
  if (!all) return all;
  // The officer on duty is kept for appraisal only; read APIs never carry it.
  for (auto& r : *all) r.officer.clear();
  return all;
}

// --- Links ---

Result<std::string> RatingService::NewLink(const Dossier& d) {
  return links_.Sign(d.id, clock_.Now() + options_.link_lifetime);
}

Result<RatingLink> RatingService::CheckLink(const std::string& token) {
  auto link = links_.Open(token);
  if (!link) return link;
  if (clock_.Now() > link->expires_at) {
    return Fail(ErrorCode::kFailedPrecondition, "Liên kết đánh giá đã hết hạn.", "rating link expired");
  }
  auto used = ratings_.LinkNonceUsed(link->nonce);
  if (!used) return Fail(used.error());
  if (*used) return Fail(ErrorCode::kConflict, "Liên kết đánh giá này đã được sử dụng.", "rating link reused");
  return link;
}

Result<RatingForm> RatingService::LinkForm(const std::string& token) {
  auto link = CheckLink(token);
  if (!link) return Fail(link.error());
  auto d = dossiers_.FindById(link->dossier_id);
  if (!d) return Fail(d.error());
  RatingForm f = FormFor(*d, RatingChannel::kLink);
  return f;
}

Result<StoredRating> RatingService::RateByLink(const std::string& token, const RatingDraft& draft,
                                               const std::string& request_id) {
  auto link = CheckLink(token);
  if (!link) return Fail(link.error());
  auto d = dossiers_.FindById(link->dossier_id);
  if (!d) return Fail(d.error());
  return Rate(*d, RatingChannel::kLink, draft, link->nonce, "", "", "rating-link", request_id);
}

std::string RatingService::NoticeAddendum(const Dossier& returned) {
  if (!returned.owner_user_id) return "";
  auto token = NewLink(returned);
  if (!token) return "";  // the result is returned all the same; the dossier page still has the form
  Timestamp expires = clock_.Now() + options_.link_lifetime;
  return fmt::format(
      " Mời Ông/Bà đánh giá mức độ hài lòng về việc giải quyết hồ sơ tại {}/danh-gia/{} (liên kết dùng một lần, "
      "không cần đăng nhập, có hiệu lực đến ngày {}).",
      PublicUrl(), *token, FormatVnDate(ToVietnam(expires).date));
}

// --- Kiosks ---

void RatingService::Returned(const std::string& officer, const Dossier& returned) {
  if (returned.handling.return_method != "desk" || officer.empty()) return;
  // A failure only means the kiosk stays idle; the result was returned.
  (void)ratings_.OfferAtKiosk(officer, returned.id, clock_.Now());
}

Result<std::string> RatingService::ActivateKiosk(const Principal& officer, const std::string& counter,
                                                 const std::string& request_id) {
  if (!ValidCounterCode(counter)) {
    return Fail(ErrorCode::kInvalidArgument, "Mã quầy chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.",
                "bad counter code");
  }
  const User& u = officer.user;
  if (u.role != Role::kDeskOfficer || u.username.empty()) {
    return Fail(ErrorCode::kForbidden, "Chỉ cán bộ Bộ phận Một cửa mới kích hoạt được kiosk đánh giá.",
                "not a desk officer");
  }
  auto existing = ratings_.FindKiosk(counter);
  if (!existing) return Fail(existing.error());
  if (*existing && (*existing)->agency_code != u.agency_code) {
    return Fail(ErrorCode::kForbidden, "Quầy này thuộc cơ quan khác.", "counter of another agency");
  }
  std::string device = tokens_.NewToken();
  KioskBinding b;
  b.counter = counter;
  b.agency_code = u.agency_code;
  b.officer = u.username;
  b.device_hash = tokens_.HashToken(device);
  b.csrf_token = tokens_.NewToken();
  b.activated_at = clock_.Now();
  AuditEvent audit{b.activated_at, u.username, "kiosk.activate", counter, "agency=" + u.agency_code, request_id};
  if (auto ok = ratings_.BindKiosk(b, audit); !ok) return Fail(ok.error());
  return device;
}

Result<KioskBinding> RatingService::Device(const std::string& counter, const std::string& device_token) {
  if (!ValidCounterCode(counter)) {
    return Fail(ErrorCode::kInvalidArgument, "Mã quầy không hợp lệ.", "bad counter code");
  }
  if (device_token.empty()) return NotAtThisKiosk();
  auto kiosk = ratings_.FindKiosk(counter);
  if (!kiosk) return Fail(kiosk.error());
  if (!*kiosk || !SameSecret((*kiosk)->device_hash, tokens_.HashToken(device_token))) return NotAtThisKiosk();
  return **kiosk;
}

Result<KioskScreen> RatingService::Kiosk(const std::string& counter, const std::string& device_token) {
  auto kiosk = Device(counter, device_token);
  if (!kiosk) return Fail(kiosk.error());
  KioskScreen s;
  s.counter = kiosk->counter;
  s.agency_code = kiosk->agency_code;
  s.csrf_token = kiosk->csrf_token;
  s.on_duty = !kiosk->officer.empty();
  if (s.on_duty && kiosk->pending_dossier_id && kiosk->pending_at &&
      clock_.Now() - *kiosk->pending_at <= options_.kiosk_offer) {
    auto d = dossiers_.FindById(kiosk->pending_dossier_id);
    if (d) {
      RatingForm f = FormFor(*d, RatingChannel::kKiosk);
      if (f.may_rate) s.pending = std::move(f);
    }
  }
  return s;
}

Result<KioskBinding> RatingService::KioskPost(const std::string& counter, const std::string& device_token,
                                              const std::string& csrf_token, std::int64_t dossier_id) {
  auto kiosk = Device(counter, device_token);
  if (!kiosk) return kiosk;
  if (!SameSecret(kiosk->csrf_token, csrf_token)) {
    return Fail(ErrorCode::kForbidden, "Phiên làm việc của kiosk đã thay đổi, vui lòng thử lại.", "kiosk csrf");
  }
  bool waiting = !kiosk->officer.empty() && kiosk->pending_dossier_id == dossier_id && dossier_id != 0 &&
                 kiosk->pending_at && clock_.Now() - *kiosk->pending_at <= options_.kiosk_offer;
  if (!waiting) {
    return Fail(ErrorCode::kFailedPrecondition, "Hồ sơ này không còn chờ đánh giá tại quầy.",
                "dossier not pending at kiosk");
  }
  return kiosk;
}

Result<StoredRating> RatingService::RateAtKiosk(const std::string& counter, const std::string& device_token,
                                                const std::string& csrf_token, std::int64_t dossier_id,
                                                const RatingDraft& draft, const std::string& request_id) {
  auto kiosk = KioskPost(counter, device_token, csrf_token, dossier_id);
  if (!kiosk) return Fail(kiosk.error());
  auto d = dossiers_.FindById(dossier_id);
  if (!d) return Fail(d.error());
  return Rate(*d, RatingChannel::kKiosk, draft, "", kiosk->counter, kiosk->officer, "kiosk:" + kiosk->counter,
              request_id);
}

Status RatingService::SkipAtKiosk(const std::string& counter, const std::string& device_token,
                                  const std::string& csrf_token, std::int64_t dossier_id) {
  auto kiosk = KioskPost(counter, device_token, csrf_token, dossier_id);
  if (!kiosk) return Fail(kiosk.error());
  return ratings_.ClearKiosk(counter, dossier_id);
}

}  // namespace motcua::app
