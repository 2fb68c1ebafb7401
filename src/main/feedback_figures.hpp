#pragma once
// Feeds the reports the feedback module's counts (index 8 and the QĐ 766
// satisfaction group): an adapter between two modules' ports.

#include "app/feedback/ports.hpp"
#include "app/ports/clock.hpp"
#include "app/reports/ports.hpp"

namespace motcua::cli {

class FeedbackFigures final : public app::FeedbackFiguresSource {
 public:
  FeedbackFigures(app::FeedbackRepository& feedback, const app::Clock& clock) : feedback_(feedback), clock_(clock) {}

  Result<domain::FeedbackFigures> Figures(const std::vector<std::string>& agencies, Timestamp from,
                                          Timestamp to) override {
    auto c = feedback_.Counts(agencies, from, to, clock_.Now());
    if (!c) return Fail(c.error());
    return domain::FeedbackFigures{c->received, c->answered, c->answered_on_time, c->open_overdue,
                                   c->rated,    c->rated_dissatisfied, c->upheld};
  }

 private:
  app::FeedbackRepository& feedback_;
  const app::Clock& clock_;
};

}  // namespace motcua::cli
