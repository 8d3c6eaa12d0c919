// FakeRelay: an in-process stand-in for kollega-relay, for tests of the
// client kernel and its components without sockets, processes or sleeps.
// It hands out RelayLinks (client-core's relay_link.h) through Factory() and
// answers every request the client makes as the real relay does
// (docs/protocol.md, server/src/handlers_*.cpp): accounts with proof of work
// and key proofs, challenge-response authentication, device linking, prekeys
// (each one-time prekey handed out once), STALE_DEVICES with the exact
// missing and extra devices, per-device mailboxes with never-reused seqs,
// Deliver pushes then QueueEmpty after authentication, PrekeysLow below the
// threshold, and quiet acks. Relay rate limits are left out.
//
// Signed device lists follow docs/trust.md §3 (fake_relay_devices.cpp).
//
// On top, test controls: drop a device's link as a network would
// (Disconnect), refuse new links (SetOffline), add a device that never
// connects (AddDevice) or remove one, hold pushes back, and look at
// mailboxes, prekeys and request counts; and hostile ones: a ghost device,
// an old list served, an envelope's sender relabelled.
//
// Ownership: the relay's state is shared with the links it handed out, so a
// link may outlive the FakeRelay (its calls then fail with Unavailable).
// Thread-safety: every method may be called from any thread. One mutex
// guards the state; link handlers (on_push, on_close) are never called while
// it is held. They run on the thread whose call caused them (a sender's
// Call() pushes to the recipient), one at a time per link and in order, and
// never after that link's Close() has returned.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kollega/base/clock.h"
#include "kollega/base/status.h"
#include "kollega/client-core/relay_link.h"
#include "relay.pb.h"

namespace kollega::testing {

class FakeRelay {
 public:
  struct Options {
    // Proof-of-work difficulty handed out with each challenge; the real
    // relay's default (20) would only slow tests down.
    uint32_t pow_bits = 0;
    uint32_t prekey_low_threshold = 10;
    uint32_t max_prekeys_per_upload = 100;
    uint32_t mailbox_max_envelopes = 10'000;
    size_t max_content_bytes = 98'304;
    // Server time in envelopes and link-token expiry; null = the system clock.
    const Clock* clock = nullptr;
  };

  FakeRelay();
  explicit FakeRelay(Options options);
  ~FakeRelay();
  FakeRelay(const FakeRelay&) = delete;
  FakeRelay& operator=(const FakeRelay&) = delete;

  // For Client::Options::link_factory. The URL is ignored; each call is a
  // new connection that starts with a challenge, like a WebSocket's.
  client::RelayLinkFactory Factory();

  // --- Controls ---
  // Ends the device's link as a network drop would: its on_close fires
  // (Unavailable) and later calls on it fail. False when it had none.
  bool Disconnect(const std::string& account, uint32_t device);
  // While offline the factory fails with Unavailable. Links already open
  // stay open; Disconnect() them to drop them too.
  void SetOffline(bool offline);
  // While held, envelopes are stored but not pushed (nor QueueEmpty after
  // an authentication); releasing pushes what every connected device missed.
  void HoldDeliveries(bool hold);
  // A device of `account` that exists but never connects: registered with a
  // throwaway Signal identity, a signed prekey and `one_time_prekeys`
  // one-time prekeys, as a linked device that uploaded its keys and went
  // away would be. Senders find it through STALE_DEVICES and FetchBundle
  // and can encrypt to it. Returns its device id.
  Result<uint32_t> AddDevice(const std::string& account, uint32_t one_time_prekeys = 5);
  // Reverses the order of the envelopes waiting for the device, as if their
  // senders had reached the relay the other way round (two devices' sends
  // race; the relay keeps its own arrival order, which can be either).
  void ReverseMailbox(const std::string& account, uint32_t device);
  // Removes the device with its keys and mailbox, dropping its link.
  Status RemoveDevice(const std::string& account, uint32_t device);

  // --- A hostile relay (docs/trust.md): what an operator could try ---
  // AddDevice, and then treat the device as listed: offered in bundles and
  // required by every Send to the account (STALE_DEVICES names it).
  Result<uint32_t> AddGhostDevice(const std::string& account);
  // Serves `list` (e.g. an older one) instead of the stored list with
  // bundles, STALE_DEVICES and GetDeviceList.
  Status ServeDeviceList(const std::string& account, const wire::SignedDeviceList& list);
  // The next envelope stored for (account, device) names `as_account`,
  // `as_device` as its sender.
  void RelabelNextEnvelope(const std::string& account, uint32_t device,
                           const std::string& as_account, uint32_t as_device);
  // Serves `key` (empty: a fresh, unrelated one) as the identity key in the
  // device's bundle; returns the key it replaced.
  Result<std::string> ReplaceIdentityKey(const std::string& account, uint32_t device,
                                         std::string key = {});
  // The stored list of the account, if any, and the ids it names.
  std::optional<wire::SignedDeviceList> StoredDeviceList(const std::string& account) const;
  std::vector<uint32_t> ListedDevices(const std::string& account) const;

  // --- Hostile-relay controls for repair tests ---
  // Flips one byte in the middle of the content of the `index`-th envelope
  // waiting for the device (oldest first), as a relay or disk that damages
  // it would; its sender and server time stay. False when there is none.
  bool CorruptMailboxEnvelope(const std::string& account, uint32_t device, size_t index);

  // --- What tests look at (accounts are the 16 raw bytes) ---
  size_t MailboxSize(const std::string& account, uint32_t device) const;
  // The envelopes waiting in the mailbox, oldest first.
  std::vector<wire::Envelope> Mailbox(const std::string& account, uint32_t device) const;
  bool IsConnected(const std::string& account, uint32_t device) const;
  std::vector<uint32_t> Devices(const std::string& account) const;
  size_t OneTimePrekeyCount(const std::string& account, uint32_t device) const;
  // The stored signed prekey's id; nullopt when none was uploaded.
  std::optional<uint32_t> SignedPrekeyId(const std::string& account, uint32_t device) const;
  // Requests received of one kind (wire::Request::kSend, ...), from every link.
  uint64_t RequestCount(wire::Request::OpCase kind) const;
  // Links handed out by the factory so far.
  uint64_t LinksOpened() const;

  struct State;  // shared with the links; defined in fake_relay.cpp

 private:
  std::shared_ptr<State> state_;
};

}  // namespace kollega::testing
