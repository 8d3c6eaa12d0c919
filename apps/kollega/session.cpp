// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include <cstdio>
#include <filesystem>

#include "key_source.h"

namespace kollega::cli {
namespace {

using client::As;
using client::Client;
using Clock = std::chrono::steady_clock;

std::chrono::milliseconds Left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return std::max(left, std::chrono::milliseconds(0));
}

}  // namespace

std::chrono::milliseconds RequestTimeout() { return Client::Options{}.request_timeout; }

Result<bool> HasAccount(Client& c) {
  auto me = c.WhoAmI().Get();
  if (me.ok()) return true;
  if (me.status().code() == StatusCode::kFailedPrecondition) return false;
  return me.status();
}

std::unique_ptr<Client> OpenClient(const Args& args, bool need_account) {
  Client::Options options;
  options.tls_ca_file = args.ca_file;
  if (auto name = args.options.find("name"); name != args.options.end()) {
    options.device_name = name->second;  // sealed into the signed device list
  }
  // No key file yet: this open makes the store (or encrypts an old one).
  const bool creating = !std::filesystem::exists(args.data_dir + "/store.key");
  auto key = ReadStoreKey(args, creating);
  if (!key.ok()) {
    std::fprintf(stderr, "kollega: %s\n", key.status().message().c_str());
    return nullptr;
  }
  options.store_key = std::move(*key);
  auto opened = Client::Open(args.data_dir, options);
  WipeString(options.store_key.passphrase);
  WipeString(options.store_key.raw_key);
  if (!opened.ok()) {
    std::fprintf(stderr, "kollega: cannot open data directory %s: %s\n", args.data_dir.c_str(),
                 opened.status().ToString().c_str());
    return nullptr;
  }
  if (need_account) {
    auto has = HasAccount(**opened);
    if (!has.ok()) {
      std::fprintf(stderr, "kollega: cannot read %s: %s\n", args.data_dir.c_str(),
                   has.status().ToString().c_str());
      return nullptr;
    }
    if (!*has) {
      std::fprintf(stderr,
                   "kollega: no account in %s yet: run `kollega init <relay-url>` or "
                   "`kollega link-device --code CODE --relay URL`\n",
                   args.data_dir.c_str());
      return nullptr;
    }
  }
  return std::move(opened).value();
}

bool WaitQueueDrained(Client& c, std::chrono::milliseconds timeout,
                      const std::function<void(const client::Event&)>& other) {
  const auto deadline = Clock::now() + timeout;
  while (auto event = c.NextEvent(Left(deadline))) {
    if (As<client::QueueDrained>(*event)) return true;
    if (other) other(*event);
  }
  return false;
}

SendOutcome WaitSendOutcome(Client& c, const std::string& peer, const std::string& id,
                            std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (auto event = c.NextEvent(Left(deadline))) {
    if (auto* s = As<client::StatusChanged>(*event); s && s->message_id == id) {
      if (s->status != client::MessageStatus::kQueued) return {SendOutcome::kSent, ""};
    } else if (auto* f = As<client::SendFailed>(*event); f && f->message_id == id) {
      return {SendOutcome::kFailed, f->detail};
    }
  }
  // The status is also in the history, should its event have been missed.
  auto history = c.History(peer, 100).Get();
  if (history.ok()) {
    for (const auto& m : *history) {
      if (m.id == id && m.status != client::MessageStatus::kQueued) {
        return {SendOutcome::kSent, ""};
      }
    }
  }
  return {SendOutcome::kNoAnswer, ""};
}

}  // namespace kollega::cli
