#pragma once
// Throttling of failed logins: slowed, then locked (pure).
//
// After kFreeAttempts failures, each further attempt must wait a delay that
// doubles with every failure (2 s, 4 s, … capped at 60 s) since the last
// failure; at kLockAfter failures the account is locked for kLockDuration.
// The clock is passed in: no sleeping on server threads.

#include <chrono>
#include <optional>

#include "core/time.hpp"

namespace motcua::domain {

inline constexpr int kFreeAttempts = 3;
inline constexpr int kLockAfter = 10;
inline constexpr std::chrono::minutes kLockDuration{15};

struct LoginThrottle {
  int failed_logins = 0;
  std::optional<Timestamp> last_failed_at;
  std::optional<Timestamp> locked_until;
};

// How long the caller must still wait before an attempt is evaluated; zero
// when an attempt may be made now.
std::chrono::seconds WaitBeforeAttempt(const LoginThrottle& state, Timestamp now);

// The state after a failed attempt at `now` (locks at kLockAfter).
LoginThrottle AfterFailure(const LoginThrottle& state, Timestamp now);

}  // namespace motcua::domain
