// Repair: a message this device could not decrypt is asked for again,
// instead of being lost unseen (docs/protocol-content.md, "Repair").
//
// Receiver: for an undecryptable message (the inbox calls OnUndecryptable
// before acknowledging it) a request for (sender account, sender device,
// server time) is recorded; once the delivery is acknowledged it goes to
// that device, after a new session is started when the old one is missing
// or looks broken (a PreKey message failed, or a request to that device is
// still open): the request itself then travels as a PreKey message. The
// answer is the message again, handed to its component as if it had just
// arrived (the component's de-duplication by message id keeps it to once),
// or "no longer kept". That, no answer within `answer_timeout_ms`, or too
// many failures at once to ask for each, is a RepairFailed event.
//
// Sender: every message the relay accepted is kept for `keep_ms` (24 h)
// under the relay's time for it, then deleted. A request from a device of
// the recipient account is answered with the message encrypted afresh
// (through the outbox: the relay takes a Send only for all of the
// account's devices, the others ignore it), or with "no longer kept" and a
// RepairFailed event.
//
// Bounds, so that a hostile relay or peer cannot make a loop or a flood of
// it: one request per (sender device, message), one answer per (device,
// message), at most `requests_per_minute` requests and
// `answers_per_minute` answers. Of repair messages only answers are kept,
// so that an answer that fails too (the session was broken, not the
// envelope: the second failure restarts it) is answered again, at most
// three times in all.
//
// Table (integers big-endian, T = Envelope.server_time_ms):
//   'k' recipient(16) T(8) message_id  -> expires(8) content  kept (sender)
//   'a' peer(16) device(4) T(8)        -> ""                  answered (sender)
//   'p' sender(16) device(4) T(8)      -> state(1) broken(1) since(8)  (receiver)
//   'x' expires(8) key                 -> ""                  when `key` goes
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "kernel/kernel.h"

namespace kollega::client {

class Repair final : public Component {
 public:
  static constexpr std::string_view kName = "repair";  // also its content type

  struct Limits {
    int64_t keep_ms = 24 * 3600 * 1000;            // sent messages kept this long
    int64_t answer_timeout_ms = 24 * 3600 * 1000;  // a request waits this long
    int requests_per_minute = 10;
    int answers_per_minute = 20;
  };

  explicit Repair(Kernel& kernel) : Repair(kernel, Limits()) {}
  Repair(Kernel& kernel, Limits limits) : kernel_(kernel), limits_(limits) {}

  std::string_view name() const override { return kName; }
  std::vector<std::string> content_types() const override { return {std::string(kName)}; }
  void Attach(KernelServices*) override {}
  Status OnReceive(const Incoming& from, const content::Content& content) override;
  void OnReceiveBatchDone() override;
  void OnAccepted(const std::string& recipient, const std::string& serialized,
                  uint64_t server_time_ms) override;
  Status OnUndecryptable(const Incoming& from, uint32_t envelope_type) override;

  // Deletes kept messages and requests past their time (also run at each
  // send). Retention (cases) runs it before it erases, so that no kept
  // copy outlives the messages it erases.
  Status Prune();
  // Erases the messages kept for `recipient` (16 bytes) that `which`
  // picks (all when it is empty), compacted out of the store's files: a
  // closed case leaves no copy of what was said.
  using Which = std::function<bool(const content::Content&)>;
  Status Forget(const std::string& recipient, const Which& which = nullptr);
  // Whether a message from `account` (16 bytes), with no session left to
  // it, may start a new one. Unset: always. Cases erases a closed case's
  // sessions on purpose: a peer's message that crossed the close must not
  // bring them back (docs/organisations.md §12).
  using Wanted = std::function<Result<bool>(const std::string& account)>;
  void SetWanted(Wanted wanted) { wanted_ = std::move(wanted); }

 private:
  enum class Ask : char { kToAsk = 0, kAsked = 1, kDone = 2 };
  struct Pending {
    Ask state = Ask::kToAsk;
    bool broken = false;
    int64_t since_ms = 0;
  };

  // Sender side, inside the receive of the request.
  Status Answer(const Incoming& from, const content::RepairRequest& request);
  // Receiver side, inside the receive of the answer.
  Status Resent(const Incoming& from, const content::RepairResend& resend);
  Status NotKept(const Incoming& from, const content::RepairUnavailable& answer);

  // Queues the recorded requests, starting new sessions where needed.
  Status SendRequests();
  // Deletes what expired; requests with no answer in time fail.
  // The request under `key` is over; its record stays until it expires, so
  // a redelivered copy of the message is not asked for again.
  Status Finish(const std::string& key, const Pending& pending);
  Status PutExpiring(const std::string& key, const std::string& value, int64_t expires_ms);
  Status Queue(const std::string& peer, const content::RepairMessage& message);
  void Fail(const std::string& peer, uint32_t device, uint64_t server_time_ms, std::string detail);
  // Counts one more in the current minute; false when `limit` is reached.
  bool Allow(int* used, int limit);

  Kernel& kernel_;
  Limits limits_;
  Wanted wanted_;
  // Requests may be waiting to be sent (at start: a previous run may have
  // stopped before sending them).
  bool pending_ = true;
  int64_t window_start_ms_ = 0;
  int asked_in_window_ = 0;
  int answered_in_window_ = 0;
};

}  // namespace kollega::client
