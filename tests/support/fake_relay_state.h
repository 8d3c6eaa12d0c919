// FakeRelay's state, shared by fake_relay.cpp (links and test controls) and
// fake_relay_handlers.cpp (the relay's answers to requests). Not a public
// header: tests include fake_relay.h.
//
// Locking: State::mu guards everything but an Endpoint's own queue and
// delivery lock. Code holding mu only queues pushes and closes on endpoints
// and lists them in a PumpList; Pump() runs the handlers after mu is
// released.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/fake_relay.h"

namespace kollega::testing {

// The push side of one link: what is waiting for its handlers, in order.
struct Endpoint {
  client::RelayLink::Handlers handlers;
  std::mutex queue_mu;
  struct Item {
    std::optional<wire::Push> push;
    std::optional<Status> close;  // set: on_close(*close), then nothing more
  };
  std::deque<Item> queue;  // guarded by queue_mu
  // Held while handlers run, so they run one at a time and Close() can wait
  // for a running one. Recursive: a handler may call back into its link.
  std::recursive_mutex deliver_mu;
  bool closed = false;  // guarded by deliver_mu

  void Queue(Item item);
  // Runs the handlers for everything queued (never with State::mu held).
  void Pump();
  // No handler runs after this returns.
  void Shut();
};
using PumpList = std::vector<std::shared_ptr<Endpoint>>;
void Pump(const PumpList& endpoints);

using Address = std::pair<std::string, uint32_t>;  // account (16 bytes), device

struct DeviceState {
  std::string auth_public_key;
  uint32_t registration_id = 0;
  int64_t created_ms = 0;
  std::optional<std::string> identity_key;
  std::optional<wire::SignedPrekey> signed_prekey;
  std::map<uint32_t, std::string> one_time;  // id -> public key
  std::map<uint64_t, std::string> mailbox;   // seq -> serialized Envelope
  uint64_t next_seq = 1;                     // seqs are never reused
  int64_t last_seen_ms = 0;                  // last authentication
};

struct AccountState {
  std::map<uint32_t, DeviceState> devices;
  uint32_t next_device_id = 2;  // ids are never reused
  // The newest signed device list (docs/trust.md §3) and the ids its body
  // names: with a list, a Send covers exactly the listed devices.
  std::optional<wire::SignedDeviceList> list;
  uint64_t list_version = 0;
  std::set<uint32_t> listed;
  // Hostile controls (fake_relay.h): devices the relay itself added and
  // treats as listed, and a list served instead of the stored one.
  std::set<uint32_t> ghosts;
  std::optional<wire::SignedDeviceList> served_list;

  // What the relay hands out as the account's list.
  const wire::SignedDeviceList* ServedList() const {
    if (served_list) return &*served_list;
    return list ? &*list : nullptr;
  }
  // The devices a Send must cover (before leaving out the sender).
  std::vector<uint32_t> Expected() const;
};

struct LinkTokenState {
  std::string account;
  int64_t expires_ms = 0;
  std::string sealed_provisioning;
};

// One connection, as the relay's Connection sees it.
struct Session {
  uint64_t id = 0;
  std::shared_ptr<Endpoint> endpoint;
  bool open = true;
  std::optional<std::string> nonce;      // the one unused challenge nonce
  std::optional<wire::Challenge> taken;  // what TakeChallenge() hands out
  std::optional<Address> address;        // set once authenticated
  std::string origin;                    // what the link dialled: a login must sign it
  uint32_t accounts_created = 0;
  uint64_t last_pushed_seq = 0;
  bool queue_empty_sent = false;
};

struct FakeRelay::State {
  explicit State(Options o) : options(o) {}

  std::mutex mu;
  Options options;
  bool offline = false;
  bool hold = false;
  std::map<std::string, AccountState> accounts;
  std::map<std::string, LinkTokenState> link_tokens;  // by SHA-256 of the token
  std::map<uint64_t, std::shared_ptr<Session>> sessions;
  std::map<Address, std::shared_ptr<Session>> connected;  // authenticated ones
  std::map<int, uint64_t> request_counts;
  // Hostile control: the next envelope stored for the key address carries
  // the value address as its sender.
  std::map<Address, Address> relabel;
  uint64_t next_link_id = 1;

  int64_t NowMs() const;
  DeviceState* FindDevice(const Address& address);

  // Answers one request; nullopt when the relay sends no answer (a quiet,
  // successful Ack). Everything below runs with mu held.
  std::optional<wire::Response> HandleLocked(Session& s, const wire::Request& r, PumpList* pump);
  wire::Challenge FreshChallengeLocked(Session& s);
  // Pushes what the session's device has not been sent yet, then QueueEmpty
  // once, unless deliveries are held.
  void DrainLocked(Session& s, PumpList* pump);
  // Ends a session as the network would: on_close(why) follows.
  void DropLocked(Session& s, const Status& why, PumpList* pump);
  void ForgetLocked(Session& s);
  void PushLocked(Session& s, wire::Push push, PumpList* pump);

 private:
  wire::Response CreateAccount(Session& s, const wire::CreateAccount& r);
  wire::Response Authenticate(Session& s, const wire::Authenticate& r, PumpList* pump);
  wire::Response RegisterDevice(Session& s, const wire::RegisterDevice& r);
  wire::Response CreateLinkToken(Session& s, const wire::CreateLinkToken& r);
  wire::Response ListDevices(Session& s);
  wire::Response UploadPrekeys(Session& s, const wire::UploadPrekeys& r);
  wire::Response GetPrekeyCount(Session& s);
  wire::Response FetchBundle(Session& s, const wire::FetchBundle& r, PumpList* pump);
  wire::Response Send(Session& s, const wire::Send& r, PumpList* pump);
  std::optional<wire::Response> Ack(Session& s, const wire::Ack& r);
  // fake_relay_devices.cpp
  wire::Response PublishDeviceList(Session& s, const wire::SignedDeviceList& list,
                                   std::optional<uint32_t> unlink, PumpList* pump);
  wire::Response GetDeviceList(const wire::GetDeviceList& r);

 public:
  // Deletes a device with its keys and mailbox, dropping its link.
  void RemoveDeviceLocked(const std::string& account, uint32_t device, PumpList* pump);
};

}  // namespace kollega::testing
