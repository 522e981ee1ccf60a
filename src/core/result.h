// Errors cross every layer as values. Exceptions are kept for the fatal and are caught at the
// adapter that calls a throwing library.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace srm {

// What kind of failure this is; the API maps each kind to one HTTP status (HttpStatus in api/server.cpp).
enum class ErrorKind {
  kInvalid,        // bad input: 400/422
  kUnauthenticated,// 401
  kForbidden,      // 403
  kNotFound,       // 404
  kConflict,       // 409: out-of-order transition, stale revision, duplicate
  kTooLarge,       // 413
  kThrottled,      // 429
  kUnavailable,    // 503: storage unreachable, retry is safe
  kInternal,       // 500
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;     // machine-readable reason, e.g. "vulnerability_required"
  std::string message;  // for people
  std::string field;    // the input field at fault, empty when none
  bool unprocessable = false;  // kInvalid that is well-formed but semantically refused (422)
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(ErrorKind kind, std::string code, std::string message,
                                   std::string field = {}) {
  return std::unexpected(Error{kind, std::move(code), std::move(message), std::move(field), false});
}
inline std::unexpected<Error> Invalid(std::string code, std::string message, std::string field = {}) {
  return Fail(ErrorKind::kInvalid, std::move(code), std::move(message), std::move(field));
}
// Well-formed input the method refuses (rule zero, unknown level names): HTTP 422.
inline std::unexpected<Error> Unprocessable(std::string code, std::string message,
                                            std::string field = {}) {
  return std::unexpected(
      Error{ErrorKind::kInvalid, std::move(code), std::move(message), std::move(field), true});
}
inline std::unexpected<Error> NotFound(std::string what) {
  return Fail(ErrorKind::kNotFound, "not_found", what + " not found");
}
inline std::unexpected<Error> Forbidden(std::string message) {
  return Fail(ErrorKind::kForbidden, "forbidden", std::move(message));
}
inline std::unexpected<Error> Conflict(std::string code, std::string message) {
  return Fail(ErrorKind::kConflict, std::move(code), std::move(message));
}
inline std::unexpected<Error> Internal(std::string message) {
  return Fail(ErrorKind::kInternal, "internal", std::move(message));
}
inline std::unexpected<Error> Unavailable(std::string message) {
  return Fail(ErrorKind::kUnavailable, "unavailable", std::move(message));
}

// Early-return helpers keep call sites short without macros hiding control flow elsewhere.
#define SRM_TRY(expr)                                  \
  do {                                                 \
    auto _srm_s = (expr);                              \
    if (!_srm_s) return std::unexpected(_srm_s.error()); \
  } while (0)

#define SRM_ASSIGN(lhs, expr)                                \
  auto _srm_tmp_##lhs = (expr);                              \
  if (!_srm_tmp_##lhs) return std::unexpected(_srm_tmp_##lhs.error()); \
  auto lhs = std::move(*_srm_tmp_##lhs)

}  // namespace srm
