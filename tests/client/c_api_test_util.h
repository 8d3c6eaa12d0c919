// What the C++ tests of the C API (kollega.h) share: a client opened on a
// fixed test store key, so no passphrase prompt or key file is needed.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "kollega/client-core/kollega.h"

namespace kollega::testing {

inline kollega_client* OpenWithTestKey(const std::string& dir) {
  static const unsigned char kKey[32] = {7};
  kollega_open_options options;
  std::memset(&options, 0, sizeof options);
  options.size = sizeof options;
  options.store_key = kKey;
  options.store_key_len = sizeof kKey;
  kollega_client* c = nullptr;
  EXPECT_EQ(kollega_open_with_options(dir.c_str(), &options, &c), KOLLEGA_OK)
      << kollega_last_error();
  return c;
}

}  // namespace kollega::testing
