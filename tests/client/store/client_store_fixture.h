// Shared fixture for the client store tests: a real RocksDB in a fresh
// directory under the system temp dir, reopened at will to prove what
// survives a restart.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "../test_store_key.h"
#include "store/client_store.h"

namespace kollega::client::testing {

template <typename T>
T Must(Result<T> r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) std::abort();  // the rest of the test would be meaningless
  return std::move(r).value();
}

// A fresh directory per call, removed (with its key file) by the destructor.
class TempDir {
 public:
  TempDir() {
    // mkdtemp, not the pid: test processes in other PID namespaces share /tmp.
    std::string pattern =
        (std::filesystem::temp_directory_path() / "kollega-client-store-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // One level down, so that what sits next to it (the store's key file)
  // goes with the directory too.
  std::string path() const { return (path_ / "d").string(); }

 private:
  std::filesystem::path path_;
};

class ClientStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  // Closes the store (dropping any open transaction, as a crash would) and
  // opens it again from disk.
  void Reopen() {
    store_.reset();
    store_ = Must(OpenRocksClientStore(dir_.path(), kollega::testing::TestStoreKey()));
  }

  TempDir dir_;
  std::unique_ptr<ClientStore> store_;
};

}  // namespace kollega::client::testing
