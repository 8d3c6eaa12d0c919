// Silences protobuf's parse-error log lines (invalid UTF-8 in a string
// field and the like) in fuzz targets: libFuzzer feeds such input millions
// of times, and the product handles the failed parse itself.
// Include it in each target that parses protobuf; it acts at static
// initialisation. Thread-safety: set once, before LLVMFuzzerTestOneInput.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <google/protobuf/stubs/logging.h>

#include <string>

namespace kollega::fuzz {

inline const bool kProtobufQuiet = [] {
  google::protobuf::SetLogHandler(
      [](google::protobuf::LogLevel, const char*, int, const std::string&) {});
  return true;
}();

}  // namespace kollega::fuzz
