// The key the client tests open their stores with: a fixed raw 32-byte key,
// so no test pays for scrypt (docs/storage-encryption.md). The passphrase
// route has its own tests (tests/client/store/store_encryption_test.cpp).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "kollega/client-core/client.h"

namespace kollega::testing {

inline client::Client::Options::StoreKey TestStoreKey() {
  client::Client::Options::StoreKey key;
  key.raw_key = std::string(32, 'k');
  return key;
}

// Options as given, with the test key when the test chose no key source.
inline client::Client::Options WithTestStoreKey(client::Client::Options options) {
  if (options.store_key.passphrase.empty() && options.store_key.raw_key.empty()) {
    options.store_key = TestStoreKey();
  }
  return options;
}

}  // namespace kollega::testing
