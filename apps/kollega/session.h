// What several `kollega` commands do with a Client beyond one call: open it
// for the data directory, and wait (bounded) for what arrives as events —
// the end of the relay's queue after connecting, or a sent message's fate.
// Each wait reads the client's event queue (no event callback may be set)
// from the main thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "args.h"
#include "kollega/client-core/client.h"

namespace kollega::cli {

// How long a command waits for the relay: the client's request timeout.
std::chrono::milliseconds RequestTimeout();

// The client for args.data_dir, or nullptr after printing why (including,
// with `need_account`, that the directory holds no account yet).
std::unique_ptr<client::Client> OpenClient(const Args& args, bool need_account);
// Whether the client's store holds an account.
Result<bool> HasAccount(client::Client& c);

// After a successful Connect(): waits for QueueDrained, handing every other
// event to `other`. False when it did not come within `timeout`.
bool WaitQueueDrained(client::Client& c, std::chrono::milliseconds timeout,
                      const std::function<void(const client::Event&)>& other);

struct SendOutcome {
  enum Kind { kSent, kFailed, kNoAnswer } kind = kNoAnswer;
  std::string detail;  // why it failed
};
// After a Send() while online: waits until the message `id` to `peer` is
// accepted by the relay (Sent or later) or given up (SendFailed).
SendOutcome WaitSendOutcome(client::Client& c, const std::string& peer, const std::string& id,
                            std::chrono::milliseconds timeout);

}  // namespace kollega::cli
