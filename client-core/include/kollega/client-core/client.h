// Client: the facade every Kollega app links. It owns one device's local
// store, its Signal sessions and its link to the relay, and does all
// cryptography and protocol work, so an app only shows messages and events.
// docs/life-of-a-message.md follows one message through it.
//
// Asynchronous: no method waits for the network or the disk. Each returns an
// Async<> at once (async.h: Then() for a UI, Get() for a command-line tool)
// and the work runs on the client's worker thread. What happens later —
// messages, receipts, connection changes — arrives as events (events.h).
//
// Inside, a small kernel (relay link, fan-out to devices, inbox, outbox) and
// components registered by content type (conversations, receipts, sync);
// see client-core/README.md. Identifiers are lowercase hex (types.h).
//
// Ownership: Client owns the worker thread, the store (a RocksDB directory,
// locked while open) and at most one relay link. Destroying it closes them;
// queued outbound messages stay queued on disk. Results not yet delivered
// then complete with Unavailable.
//
// Thread-safety: every method may be called from any thread. Events and
// Then() functions run on the worker thread: keep them short, and never call
// Async::Get() there (post to your own thread instead).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kollega/base/clock.h"
#include "kollega/base/status.h"
#include "kollega/client-core/async.h"
#include "kollega/client-core/cases.h"
#include "kollega/client-core/component.h"
#include "kollega/client-core/events.h"
#include "kollega/client-core/relay_link.h"
#include "kollega/client-core/types.h"

namespace kollega::client {

class Client {
 public:
  struct Options {
    std::chrono::milliseconds request_timeout{10000};
    // Reconnect backoff while listening: doubles from min to max, each delay
    // drawn uniformly from [d/2, d] so that many clients don't reconnect in step.
    std::chrono::milliseconds reconnect_min{250};
    std::chrono::milliseconds reconnect_max{30000};
    uint32_t prekey_batch = 100;     // one-time prekeys per upload
    uint32_t prekey_low_water = 20;  // top up below this many on the relay
    // One-time private prekeys kept on this device (at least prekey_batch):
    // a drained relay stock no longer piles up private keys here; the oldest
    // beyond this are deleted at each top-up (docs/abuse-limits.md).
    uint32_t max_prekey_stock = 200;
    uint32_t max_send_attempts = 20;  // then the message is dropped (SendFailed)
    // A new signed prekey replaces the current one once it is this old (checked
    // at each connect); the one it replaces is kept for `signed_prekey_grace`
    // after that, so that messages already encrypted to it still open, and
    // then deleted (forward secrecy for first messages).
    std::chrono::milliseconds signed_prekey_max_age{std::chrono::hours(24 * 7)};
    std::chrono::milliseconds signed_prekey_grace{std::chrono::hours(24 * 30)};
    // For wss:// relays: a PEM file of the certificate authorities to trust
    // (e.g. a programme's own CA); empty = the system's trust store.
    std::string tls_ca_file;
    // This device's name in the account's signed device list, sealed so the
    // relay never sees it (docs/trust.md §2); empty = "device N".
    std::string device_name;
    // Another device of this account that the relay has not seen for this
    // long is taken off the account's device list at this device's next
    // login, with a SilentDeviceUnlinked event (docs/trust.md §3): what was
    // queued for it has expired on the relay. Match the relay's --ttl
    // (default 30 days); zero = never.
    std::chrono::milliseconds silent_device_after = std::chrono::hours(24 * 30);

    // --- The encrypted store (docs/storage-encryption.md) ---
    // What unwraps the store's data key: exactly one of a passphrase
    // (stretched with scrypt) or a 32-byte key the app keeps for the user (a
    // platform keystore, a key file). Required: Open refuses a new data
    // directory without one, and an unencrypted one from an older version is
    // encrypted on its first open with one. Wiped once the store is open.
    struct StoreKey {
      std::string passphrase;
      std::string raw_key;  // exactly 32 bytes
      // scrypt cost for a NEW store as log2(N); 0 = the default (2^17,
      // about half a second). Lower it only in tests: an existing store
      // keeps the cost recorded in its key file.
      uint8_t kdf_log2_n = 0;
    };
    StoreKey store_key;

    // --- Seams (tests, and features that bring their own parts) ---
    // The time every rule is judged by (prekey age, expiry, opening hours);
    // null = the system clock. Must outlive the Client.
    const Clock* clock = nullptr;
    // How to reach the relay; empty = the WebSocket (relay_link.h).
    RelayLinkFactory link_factory;
    // Components beyond the built-in ones, created when the client opens.
    std::vector<ComponentFactory> extra_components;
    // Tests only: false stores received messages but never acknowledges
    // them, as a device that crashes between the two would.
    bool acknowledge = true;
  };

  static Result<std::unique_ptr<Client>> Open(const std::string& data_dir);
  static Result<std::unique_ptr<Client>> Open(const std::string& data_dir, Options options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // --- Setting up this device (once per data dir) ---
  // A new anonymous account on `relay_url` (ws:// or wss://host:port): proof
  // of work, keys generated here, prekeys uploaded. Leaves the client online
  // (not listening: call StartListening to stay so).
  Async<Status> CreateAccount(const std::string& relay_url);
  // On an existing, online device: a one-time code (base64url, ~110
  // characters) to show to the new device. It carries the key that opens the
  // account's secrets; whoever holds it within the token's lifetime can join.
  Async<Result<std::string>> StartLinking();
  // On a new device: joins the account the code belongs to. Leaves it online.
  Async<Status> LinkDevice(const std::string& relay_url, const std::string& code);
  Async<Result<WhoAmIInfo>> WhoAmI();  // FailedPrecondition before an account exists

  // --- Connection ---
  // Connects, authenticates, tops up prekeys and sends the outbound queue;
  // what was queued on the relay then arrives as events, ending with
  // QueueDrained. One attempt; no reconnect.
  Async<Status> Connect();
  // Like Connect(), then stays connected: reconnects with backoff whenever
  // the link drops. Completes with the first attempt's status; retries go on.
  Async<Status> StartListening();
  Async<Status> Disconnect();
  Async<Result<ConnectionState>> GetConnectionState();

  // --- Conversations (client-core/src/components/conversations) ---
  // Stores and queues the message (so it survives a crash or being offline),
  // then sends it if online. Completes with its id (hex) once it is stored.
  // Copies go to this account's other devices.
  Async<Result<std::string>> Send(const std::string& peer, const std::string& text);
  // Oldest first; at most `limit` of the newest, or with `before` (a message
  // id) the `limit` just older than that message: a page further back costs
  // the page, not the messages in between. NotFound when `before` is not in
  // this conversation.
  Async<Result<std::vector<Message>>> History(const std::string& peer, size_t limit = 100,
                                              const std::string& before = {});
  // Oldest first; at most `limit` of the messages just newer than `after`
  // (a message id): paging back down towards the newest.
  Async<Result<std::vector<Message>>> HistoryAfter(const std::string& peer,
                                                   const std::string& after, size_t limit);
  // Most recent first, with each one's unread count.
  Async<Result<std::vector<Conversation>>> Conversations();

  // --- Receipts (client-core/src/components/receipts) ---
  // Marks the peer's received messages read and sends read receipts; the
  // conversation's unread count goes to 0 right after.
  Async<Status> MarkRead(const std::string& peer);

  // --- Outbox ---
  // Retries the outbound queue now (Unavailable when offline).
  Async<Status> FlushOutbound();

  // --- Identity ---
  // The 60-digit number both sides compare out of band.
  Async<Result<std::string>> SafetyNumber(const std::string& peer);
  Async<Result<std::vector<IdentityChange>>> PendingIdentityChanges();
  // The user's decision to trust the peer's new identity key. Messages held
  // back because of it are received on the next connection.
  Async<Status> AcceptIdentityChange(const std::string& peer);

  // --- This account's devices (docs/trust.md §2) ---
  // The devices of this account's signed list: names (unsealed), when each
  // was linked, when the relay last saw it (when online), which is this one.
  Async<Result<std::vector<DeviceInfo>>> Devices();
  // Publishes this account's list without `device_id`; the relay then
  // deletes that device's mailbox, keys and connection. A device may unlink
  // itself: this data directory then refuses to connect again.
  Async<Status> UnlinkDevice(uint32_t device_id);

  // --- Organisations (docs/organisations.md) ---
  // Pins the organisation of a kollega://org card (it must be on this
  // account's relay) and fetches its policy and helper directory, each
  // object verified against the card's key. Joining again refreshes.
  Async<Result<OrganisationInfo>> JoinOrganisation(const std::string& card);
  Async<Result<OrganisationInfo>> RefreshOrganisation(const std::string& org_id);
  Async<Result<std::vector<OrganisationInfo>>> Organisations();
  // From the directories held on this device (refresh first for news).
  Async<Result<std::vector<HelperInfo>>> Helpers(HelperFilter filter);
  // The safety action (docs/organisations.md §9): the emergency and crisis
  // numbers for `country` (ISO 3166 alpha-2; empty: every country's), then
  // the organisation's on-call contact. From the pinned policy: works
  // offline.
  Async<Result<std::vector<ContactInfo>>> SafetyContacts(const std::string& org_id,
                                                         const std::string& country);
  // The resource cards helpers refer to, in `language` where given.
  Async<Result<std::vector<ContactInfo>>> Resources(const std::string& org_id,
                                                    const std::string& language);
  // A helper's device: this account's availability, signed, on the relay.
  Async<Status> SetAvailability(Availability state, int64_t back_at_ms = 0);

  // --- Cases (docs/organisations.md §8-11; cases.h) ---
  // A seeker opens a case with a helper of the directory (`category`: one
  // of the policy's category ids, or empty). Returns the case id (hex).
  // Check OrganisationInfo::open_now first: outside opening hours the
  // message is queued and delivered as usual, and the seeker should have
  // seen the out-of-hours notice.
  Async<Result<std::string>> OpenCase(const std::string& org_id, const std::string& helper,
                                      const std::string& category, const std::string& text);
  // "Whoever is available first" among the helpers `filter` matches.
  Async<Result<std::string>> OfferCase(HelperFilter filter, const std::string& category,
                                       const std::string& text);
  // A helper takes an offered case (first come, first served at the relay).
  Async<Status> AcceptCase(const std::string& case_id);
  Async<Status> SendInCase(const std::string& case_id, const std::string& text);
  Async<Result<std::vector<CaseInfo>>> Cases();
  Async<Result<std::vector<CaseEntryInfo>>> CaseEntries(const std::string& case_id);
  // The other side's texts in the case were seen: they get the read mark
  // (CaseEntryInfo::status), as MarkRead does in a plain chat.
  Async<Status> MarkCaseRead(const std::string& case_id);
  // Wipes the case here and tells the other side. True: prompt a debrief.
  // A helper may count it under another of the policy's categories than the
  // one it was opened with (`category`; empty keeps that one).
  Async<Result<bool>> CloseCase(const std::string& case_id, bool heavy = false,
                                const std::string& category = "");
  // The organisation's categories, named in `language` (else English, else
  // any language the policy has, else the id).
  Async<Result<std::vector<CaseCategory>>> CaseCategories(const std::string& org_id,
                                                          const std::string& language);
  Async<Status> ReferInCase(const std::string& case_id, const std::string& resource_id);
  Async<Status> AskHandover(const std::string& case_id, const std::string& helper);
  // The seeker's consent (or not); returns the new case's id when agreed.
  Async<Result<std::string>> AnswerHandover(const std::string& case_id, bool agreed,
                                            const std::string& pass_on);
  Async<Status> StartConversation(const std::string& case_id);
  Async<Status> SetSupportMinutes(const std::string& case_id, uint32_t minutes);

  // --- Components ---
  // Runs `fn` on the worker thread with the component called `name` (one of
  // Options::extra_components, or a built-in one): the way a component's own
  // API reaches it. NotFound when there is none of that name.
  Async<Status> WithComponent(std::string name, std::function<Status(Component&)> fn);

  // --- Events ---
  // Replaces the callback (run on the worker thread); nullptr switches back
  // to the queue.
  void SetEventCallback(std::function<void(const Event&)> callback);
  // Queue mode: waits up to `timeout` for the next event; nullptr if none.
  EventPtr NextEvent(std::chrono::milliseconds timeout);
  std::vector<EventPtr> PollEvents();

 private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kollega::client
