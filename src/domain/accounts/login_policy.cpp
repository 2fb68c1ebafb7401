#include "domain/accounts/login_policy.hpp"

#include <algorithm>

namespace motcua::domain {

using namespace std::chrono;

seconds WaitBeforeAttempt(const LoginThrottle& state, Timestamp now) {
  if (state.locked_until && now < *state.locked_until) {
    return ceil<seconds>(*state.locked_until - now);
  }
  if (state.failed_logins < kFreeAttempts || !state.last_failed_at) return seconds{0};
  int over = std::min(state.failed_logins - kFreeAttempts, 5);
  seconds delay{std::min(2 << over, 60)};
  auto ready = *state.last_failed_at + delay;
  return now < ready ? ceil<seconds>(ready - now) : seconds{0};
}

LoginThrottle AfterFailure(const LoginThrottle& state, Timestamp now) {
  LoginThrottle next = state;
  if (next.locked_until && now >= *next.locked_until) {
    next.failed_logins = 0;  // a served lock starts a fresh count
    next.locked_until.reset();
  }
  next.failed_logins += 1;
  next.last_failed_at = now;
  if (next.failed_logins >= kLockAfter) next.locked_until = now + kLockDuration;
  return next;
}

}  // namespace motcua::domain
