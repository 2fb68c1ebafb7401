#include "domain/accounts/login_policy.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

using namespace std::chrono;

TEST(LoginPolicy, AllowsFreeAttemptsThenSlowsDownThenLocks) {
  Timestamp t = *ParseTimestamp("2026-11-25T08:00:00Z");
  LoginThrottle s;
  for (int i = 0; i < kFreeAttempts; ++i) {
    EXPECT_EQ(WaitBeforeAttempt(s, t).count(), 0) << i;
    s = AfterFailure(s, t);
  }
  // Third failure: the next attempt must wait 2 s, then 4 s, ...
  EXPECT_EQ(WaitBeforeAttempt(s, t).count(), 2);
  EXPECT_EQ(WaitBeforeAttempt(s, t + seconds(2)).count(), 0);
  t += seconds(2);
  s = AfterFailure(s, t);
  EXPECT_EQ(WaitBeforeAttempt(s, t).count(), 4);
  while (s.failed_logins < kLockAfter) {
    t += seconds(60);
    s = AfterFailure(s, t);
  }
  ASSERT_TRUE(s.locked_until);
  EXPECT_EQ(*s.locked_until, t + kLockDuration);
  EXPECT_EQ(WaitBeforeAttempt(s, t + minutes(1)).count(), duration_cast<seconds>(kLockDuration - minutes(1)).count());
  EXPECT_EQ(WaitBeforeAttempt(s, t + kLockDuration).count(), 0);
  // A failure after the lock expired starts counting again.
  s = AfterFailure(s, t + kLockDuration + seconds(1));
  EXPECT_EQ(s.failed_logins, 1);
  EXPECT_FALSE(s.locked_until);
}

}  // namespace
}  // namespace motcua::domain
