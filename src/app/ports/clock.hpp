#pragma once
// Port: the current time. SystemClock in production; tests use a fake clock
// (tests/testutil/fake_clock.hpp) and never sleep.

#include <chrono>

#include "core/time.hpp"

namespace motcua::app {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
};

}  // namespace motcua::app
