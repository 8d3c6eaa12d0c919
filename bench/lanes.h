// The two kinds of lane the load tool measures, built by LaneFactory:
//
//   echo:  one connection to the echo server; a message is one binary frame
//          of `payload` bytes, complete when the same frame comes back.
//   relay: a sender and a recipient connection, each authenticated as its
//          own fresh account; a message is a Send of one envelope of
//          `payload` bytes, complete when the recipient gets it in a
//          Deliver push. Recipients ack each push with one Ack naming all
//          its envelopes.
//
// Both stamp the payload with the send time and count the latency to
// completion, so "round trip" (echo) and "send to push" (relay) are measured
// the same way.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "load.h"
#include "relay_device.h"

namespace kollega::bench {

struct LaneOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  size_t payload = 512;
  int window = 8;          // closed loop: messages outstanding per lane
  int open_window = 1000;  // open loop: cap before sends are skipped
  bool tls = false;        // wss:// (no certificate checks)
  // Relay lanes only. Lane i connects from sources[i % size] (empty: the
  // system's choice), so a relay's per-source caps see several sources.
  std::vector<std::string> sources;
  // Lane i logs in as (*accounts)[2i] (sender) and [2i+1] (recipient),
  // made earlier, instead of signing up two fresh accounts.
  std::shared_ptr<const std::vector<DeviceCredentials>> accounts;
};

LaneFactory EchoLaneFactory(const LaneOptions& options);
LaneFactory RelayPairFactory(const LaneOptions& options);

}  // namespace kollega::bench
