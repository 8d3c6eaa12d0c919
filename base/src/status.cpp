// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/base/status.h"

#ifdef KOLLEGA_ASSERT_STATUS_CHECKED
#include <cstdio>
#include <cstdlib>
#if defined(__SANITIZE_ADDRESS__)
#define KOLLEGA_HAVE_SANITIZER_STACK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KOLLEGA_HAVE_SANITIZER_STACK 1
#endif
#endif
#ifdef KOLLEGA_HAVE_SANITIZER_STACK
#include <sanitizer/common_interface_defs.h>
#else
#include <execinfo.h>
#include <unistd.h>
#endif
#endif

namespace kollega {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "InvalidArgument";
    case StatusCode::kNotFound:
      return "NotFound";
    case StatusCode::kAlreadyExists:
      return "AlreadyExists";
    case StatusCode::kPermissionDenied:
      return "PermissionDenied";
    case StatusCode::kUnauthenticated:
      return "Unauthenticated";
    case StatusCode::kResourceExhausted:
      return "ResourceExhausted";
    case StatusCode::kFailedPrecondition:
      return "FailedPrecondition";
    case StatusCode::kUnavailable:
      return "Unavailable";
    case StatusCode::kDataLoss:
      return "DataLoss";
    case StatusCode::kInternal:
      return "Internal";
    case StatusCode::kStorageFull:
      return "StorageFull";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  MarkChecked();
  if (code_ == StatusCode::kOk) return "OK";
  std::string out(StatusCodeName(code_));
  if (!message_.empty()) {
    out += ": ";
    out += message_;
  }
  return out;
}

#ifdef KOLLEGA_ASSERT_STATUS_CHECKED
void Status::ReportUnchecked(const char* how) const {
  // Status messages name what failed, never content or keys (the rule in
  // this header's opening comment), so printing the message is safe. The
  // stack is what finds the caller that forgot to look.
  std::fprintf(stderr,
               "kollega: a Status was %s without being checked "
               "(KOLLEGA_ASSERT_STATUS_CHECKED): %s%s%s\n",
               how, std::string(StatusCodeName(code_)).c_str(), message_.empty() ? "" : ": ",
               message_.c_str());
#ifdef KOLLEGA_HAVE_SANITIZER_STACK
  __sanitizer_print_stack_trace();
#else
  void* frames[64];
  int depth = backtrace(frames, 64);
  backtrace_symbols_fd(frames, depth, STDERR_FILENO);
#endif
  std::fflush(stderr);
  std::abort();
}
#endif

}  // namespace kollega
