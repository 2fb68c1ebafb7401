#pragma once
// A clock tests set and advance by hand.

#include <atomic>

#include "app/ports/clock.hpp"

namespace motcua::testutil {

class FakeClock final : public app::Clock {
 public:
  explicit FakeClock(Timestamp start) : now_(start.time_since_epoch().count()) {}
  explicit FakeClock(const char* iso) : FakeClock(*ParseTimestamp(iso)) {}
  Timestamp Now() const override { return Timestamp(std::chrono::milliseconds(now_.load())); }
  void Set(Timestamp t) { now_ = t.time_since_epoch().count(); }
  void Advance(std::chrono::milliseconds d) { now_ += d.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace motcua::testutil
