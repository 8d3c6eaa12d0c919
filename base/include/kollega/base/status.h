// Status and Result<T>: how errors cross module boundaries in Kollega.
//
// Errors are values, never exceptions: a function that can fail returns a
// [[nodiscard]] Status, or a Result<T> holding either a T or a non-OK Status.
// Input from outside the process is an error to handle and count; a broken
// internal invariant is an assert. A message says what failed, never content,
// keys or addresses: statuses are logged.
//
// Checked mode (compile definition KOLLEGA_ASSERT_STATUS_CHECKED, modelled
// on RocksDB's ROCKSDB_ASSERT_STATUS_CHECKED): every Status remembers whether
// anyone looked at it, and destroying one that nobody looked at prints its
// code and message and aborts. [[nodiscard]] catches a call whose result is
// dropped on the floor; this catches a status stored in a variable and then
// forgotten. The rules:
//   - Looking means ok(), code(), message(), ToString() or IgnoreError().
//     OK statuses count too, as in RocksDB: tests mostly run the OK path, and
//     a caller that never looks at an OK status would drop an error as well.
//   - A copy or a move hands the duty on: the source counts as looked at and
//     the new Status must be looked at itself, so `return s;` still binds the
//     caller and nothing is reported twice.
//   - Assigning over a Status that holds an unchecked error reports that
//     error (it would be lost). Assigning over an unchecked OK status is
//     allowed, so `Status s; ... s = Write();` needs no ceremony.
//   - A Result<T> owes a look only when it holds an error: Result::ok()
//     counts for its error, as does anything that looks at status().
// The definition changes the layout of Status, so it is set for the whole
// build by the top-level CMake option KOLLEGA_ASSERT_STATUS_CHECKED (ON by
// default in Debug and sanitizer builds), never per target. Off, Status has
// no extra member and the checks compile to nothing.
//
// Thread-safety: plain values; a const Status may be read from any thread
// (in checked mode the "looked at" flag is a relaxed atomic for that reason).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#ifdef KOLLEGA_ASSERT_STATUS_CHECKED
#include <atomic>
#endif

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

template <typename T>
class Result;

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const {
    MarkChecked();
    return code_ == StatusCode::kOk;
  }
  StatusCode code() const {
    MarkChecked();
    return code_;
  }
  const std::string& message() const {
    MarkChecked();
    return message_;
  }
  // "NotFound: no such account" — for logs and human-facing errors.
  std::string ToString() const;

  // Explicitly discards a status where ignoring it is the right call.
  void IgnoreError() const { MarkChecked(); }

#ifdef KOLLEGA_ASSERT_STATUS_CHECKED
  ~Status() {
    if (!checked_.load(std::memory_order_relaxed)) ReportUnchecked("destroyed");
  }
  Status(const Status& other) : code_(other.code_), message_(other.message_) {
    other.MarkChecked();
  }
  Status(Status&& other) noexcept : code_(other.code_), message_(std::move(other.message_)) {
    other.MarkChecked();
  }
  Status& operator=(const Status& other) {
    if (this != &other) {
      ReportIfErrorUnchecked();
      code_ = other.code_;
      message_ = other.message_;
      other.MarkChecked();
      checked_.store(false, std::memory_order_relaxed);
    }
    return *this;
  }
  Status& operator=(Status&& other) noexcept {
    if (this != &other) {
      ReportIfErrorUnchecked();
      code_ = other.code_;
      message_ = std::move(other.message_);
      other.MarkChecked();
      checked_.store(false, std::memory_order_relaxed);
    }
    return *this;
  }
#endif

 private:
  template <typename T>
  friend class Result;

#ifdef KOLLEGA_ASSERT_STATUS_CHECKED
  struct CheckedTag {};
  explicit Status(CheckedTag) : checked_(true) {}
  // A status that owes nothing, for Result's shared OK status.
  static Status AlreadyChecked() { return Status(CheckedTag{}); }
  void MarkChecked() const { checked_.store(true, std::memory_order_relaxed); }
  void ReportIfErrorUnchecked() const {
    if (code_ != StatusCode::kOk && !checked_.load(std::memory_order_relaxed)) {
      ReportUnchecked("overwritten");
    }
  }
  // Prints the code and message (and a stack trace in sanitizer builds),
  // then aborts.
  [[noreturn]] void ReportUnchecked(const char* how) const;
#else
  static Status AlreadyChecked() { return Status(); }
  void MarkChecked() const {}
#endif
  // For Result's own invariant checks, which must not count as a look.
  bool IsOkWithoutLooking() const { return code_ == StatusCode::kOk; }

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
#ifdef KOLLEGA_ASSERT_STATUS_CHECKED
  mutable std::atomic<bool> checked_{false};
#endif
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
// In checked mode a Result holding an error must be looked at (ok(), or
// through status()) before it is destroyed; one holding a value need not.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).IsOkWithoutLooking() && "Result needs a value or an error");
  }

  bool ok() const {
    if (const Status* error = std::get_if<Status>(&v_)) {
      error->MarkChecked();
      return false;
    }
    return true;
  }
  const Status& status() const {
    static const Status kOkStatus = Status::AlreadyChecked();
    const Status* error = std::get_if<Status>(&v_);
    return error != nullptr ? *error : kOkStatus;
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
