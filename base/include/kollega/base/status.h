// Status and Result<T>: how errors cross module boundaries in Kollega.
//
// Errors are values, never exceptions: a function that can fail returns a
// [[nodiscard]] Status, or a Result<T> holding either a T or a non-OK Status.
// Input from outside the process is an error to handle and count; a broken
// internal invariant is an assert.
//
// Thread-safety: plain values; a const Status may be read from any thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kollega {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller's input is malformed or out of range
  kNotFound,            // the named thing does not exist
  kAlreadyExists,       // creating something that is already there
  kPermissionDenied,    // authenticated, but not allowed
  kUnauthenticated,     // identity not proven (bad or missing signature)
  kResourceExhausted,   // quota, rate limit, full mailbox
  kFailedPrecondition,  // state does not allow this now (stale device list)
  kUnavailable,         // shutting down, or temporarily unreachable
  kDataLoss,            // stored data is corrupt
  kInternal,            // a bug or an unexpected library failure
  kStorageFull,         // the local disk is full: nothing was written
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "NotFound: no such account" — for logs and human-facing errors.
  std::string ToString() const;

  // Explicitly discards a status where ignoring it is the right call.
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Unauthenticated(std::string m) {
  return {StatusCode::kUnauthenticated, std::move(m)};
}
inline Status ResourceExhausted(std::string m) {
  return {StatusCode::kResourceExhausted, std::move(m)};
}
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status StorageFull(std::string m) { return {StatusCode::kStorageFull, std::move(m)}; }

// Either a value or a non-OK Status. Accessing value() of an error asserts.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace kollega

// Returns early from the enclosing function when `expr` is not OK.
#define KOLLEGA_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::kollega::Status kollega_status_ = (expr);        \
    if (!kollega_status_.ok()) return kollega_status_; \
  } while (0)

// Evaluates `expr` (a Result<T>); on error returns its Status from the
// enclosing function (which returns a Status or any Result<U>), otherwise
// moves the value into `lhs`, a declaration or an lvalue:
//   KOLLEGA_ASSIGN_OR_RETURN(auto account, store.LoadAccount());
//   KOLLEGA_ASSIGN_OR_RETURN(account_, store.LoadAccount());
// It expands to more than one statement: don't use it as the body of an
// unbraced if/else.
#define KOLLEGA_ASSIGN_OR_RETURN(lhs, expr) \
  KOLLEGA_ASSIGN_OR_RETURN_IMPL_(KOLLEGA_STATUS_CONCAT_(kollega_result_, __LINE__), lhs, expr)
#define KOLLEGA_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                   \
  if (!result.ok()) return result.status();               \
  lhs = std::move(result).value()
#define KOLLEGA_STATUS_CONCAT_(a, b) KOLLEGA_STATUS_CONCAT_INNER_(a, b)
#define KOLLEGA_STATUS_CONCAT_INNER_(a, b) a##b
