#pragma once
// Protocol-neutral errors and Result<T>.
//
// Domain and app code return Result<T>; adapters map ErrorCode to their
// protocol in exactly one place (web/error_mapping.cpp for HTTP, main/ for exit
// codes). `user_message` is safe to show (Vietnamese); `internal_message` is
// for logs only and may contain details such as SQL errors.

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace motcua {

enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kConflict,
  kForbidden,
  kUnauthenticated,
  kFailedPrecondition,
  kUnavailable,
  kPayloadTooLarge,
  kResourceExhausted,  // slowed down or locked: try again later
  kInternal,
};

// A problem with one input field, for re-rendering forms.
struct FieldError {
  std::string field;
  std::string message;  // Vietnamese, shown to the user.
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string user_message;
  std::string internal_message;
  std::vector<FieldError> fields;
};

template <typename T>
using Result = tl::expected<T, Error>;

// Status is a Result without a value.
using Status = Result<void>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string user_message,
                                  std::string internal_message = {}) {
  return tl::unexpected<Error>(
      Error{code, std::move(user_message), std::move(internal_message), {}});
}

inline tl::unexpected<Error> Fail(Error error) {
  return tl::unexpected<Error>(std::move(error));
}

// Returns the stable English name of a code, e.g. "not_found", for logs and API bodies.
const char* ErrorCodeName(ErrorCode code);

}  // namespace motcua
