// TlsTest: a relay serving TLS and plain HTTP on the same port. Uses the
// openssl and curl command-line tools (both installed by
// scripts/setup-deps.sh) to make a certificate and to talk TLS; skipped only
// on a machine set up some other way.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "relay_fixture.h"

namespace kollega::testing {

class TlsTest : public RelayCustomTest {
 protected:
  static constexpr const char* kOpenssl = "/usr/bin/openssl";
  static constexpr const char* kCurl = "/usr/bin/curl";

  void SetUp() override {
    if (!std::filesystem::exists(kOpenssl) || !std::filesystem::exists(kCurl)) {
      GTEST_SKIP() << "needs openssl and curl";
    }
  }

  // Starts the relay with a fresh self-signed certificate and `extra` flags.
  void StartTlsRelay(std::vector<std::string> extra = {}) {
    const std::string cert = cert_dir_.Sub("cert.pem"), key = cert_dir_.Sub("key.pem");
    std::string out;
    ASSERT_EQ(RelayProcess::RunToExit(
                  kOpenssl,
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                   "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"},
                  &out),
              0)
        << out;
    std::vector<std::string> args = {"--tls-cert", cert, "--tls-key", key};
    args.insert(args.end(), extra.begin(), extra.end());
    StartRelay(args);
  }

  // GET /healthz over TLS with curl: the body, or "" on failure.
  std::string TlsHealthz() {
    std::string url = "https://127.0.0.1:" + std::to_string(port()) + "/healthz";
    std::string out;
    if (RelayProcess::RunToExit(kCurl, {"-sk", "--max-time", "5", url}, &out) != 0) return "";
    return out;
  }

  TempDir cert_dir_;
};

}  // namespace kollega::testing
