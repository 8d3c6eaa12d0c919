// RelayTest: a fixture that starts a fresh kollega-relay per test and
// expects it to shut down cleanly (exit 0 on SIGTERM) at the end.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "support/relay_helpers.h"
#include "support/relay_process.h"
#include "support/test_client.h"

#ifndef KOLLEGA_RELAY_BIN
#error "KOLLEGA_RELAY_BIN must name the kollega-relay binary"
#endif

namespace kollega::testing {

class RelayTest : public ::testing::Test {
 protected:
  // Starts (or restarts with other flags) the relay under test.
  void StartRelay(std::vector<std::string> extra_args = {}) {
    relay_ = std::make_unique<RelayProcess>(KOLLEGA_RELAY_BIN, std::move(extra_args));
    ASSERT_TRUE(relay_->Start());
  }
  void SetUp() override { StartRelay(); }
  void TearDown() override {
    if (relay_ && relay_->running()) {
      EXPECT_EQ(relay_->Stop(), 0) << relay_->ReadLog();
    }
  }
  uint16_t port() const { return relay_->port(); }
  // /metrics lives on its own listener, not the public port.
  uint16_t metrics_port() const { return relay_->metrics_port(); }

  std::unique_ptr<RelayProcess> relay_;
};

// For tests that start the relay themselves with particular flags.
class RelayCustomTest : public RelayTest {
 protected:
  void SetUp() override {}
};

// Shorthands for matching pushes.
inline bool IsChallenge(const wire::Push& p) { return p.has_challenge(); }
inline bool IsClosing(const wire::Push& p) { return p.has_closing(); }
inline bool IsPrekeysLow(const wire::Push& p) { return p.has_prekeys_low(); }

}  // namespace kollega::testing
