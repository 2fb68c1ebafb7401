#pragma once
// When a dossier may be rated (đánh giá sự hài lòng, Nghị định 61/2018
// Điều 31; Thông tư 32/2017 Điều 12; rules.md §7): once its result has been
// returned (trả kết quả, including a rejection returned to the applicant);
// a dossier submitted online may also be rated from its submission on, since
// the online service itself is one of the criteria. Plain rules, no I/O.

#include "core/error.hpp"
#include "domain/dossier/dossier.hpp"
#include "domain/evaluation/rating.hpp"

namespace motcua::domain {

// Whether the result of `dossier` has been handed to the applicant.
bool ResultReturned(const Dossier& dossier);

// Whether `dossier` may be rated now. Errors: kFailedPrecondition with a
// Vietnamese message saying when it can be rated.
Status CheckRatable(const Dossier& dossier);

// The criteria asked for `dossier` (online-service quality only for online dossiers).
std::vector<RatingCriterion> CriteriaFor(const Dossier& dossier);

}  // namespace motcua::domain
