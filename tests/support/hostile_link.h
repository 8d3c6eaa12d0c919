// HostileLink: a man in the middle between client-core and the real relay,
// for the trust tests (docs/trust.md, docs/threat-model.md). It wraps the
// WebSocket link that Client::Options::link_factory would use and lets a
// test rewrite, record or drop every frame in both directions: requests on
// their way to the relay, the relay's answers, and its pushes. So a test can
// play a relay operator who adds a ghost device to a bundle, relabels an
// envelope's sender or serves an old device list, while everything else is
// the real relay binary over a real socket.
//
// Ownership: HostileRelay outlives the clients that use its Factory().
// Thread-safety: the hooks run on the client's worker (requests, answers)
// or the socket's I/O thread (pushes); a test sets them before connecting
// and guards whatever they share.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "kollega/client-core/relay_link.h"
#include "relay.pb.h"

namespace kollega::testing {

class HostileRelay {
 public:
  struct Hooks {
    // May rewrite the request; returning false drops it (the caller then
    // sees the answer from `forge_response` if set, else a transport error).
    std::function<bool(wire::Request&)> on_request;
    // Answers a request without asking the relay, when it returns true.
    std::function<bool(const wire::Request&, wire::Response&)> forge_response;
    // May rewrite the relay's answer to `request`.
    std::function<void(const wire::Request&, wire::Response&)> on_response;
    // May rewrite a push; returning false drops it.
    std::function<bool(wire::Push&)> on_push;
  };

  HostileRelay() = default;
  void SetHooks(Hooks hooks);

  // For Client::Options::link_factory: dials the real relay at the URL the
  // client was given, and puts the hooks in between.
  client::RelayLinkFactory Factory();

  // Every request the clients sent through this relay, as they sent them
  // (before on_request ran).
  std::vector<wire::Request> SentRequests();

 private:
  class Link;
  // Records the request and returns the hooks in force for it.
  std::shared_ptr<const Hooks> Record(const wire::Request& request);

  std::mutex mu_;
  std::shared_ptr<const Hooks> hooks_ = std::make_shared<Hooks>();
  std::vector<wire::Request> sent_;
};

}  // namespace kollega::testing
