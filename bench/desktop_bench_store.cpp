// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktop_bench_store.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "kollega/client-core/client.h"
#include "support/relay_process.h"

namespace kollega::bench {
namespace {

constexpr int kShortLength = 50;

// A made-up account id: the messages stay queued, nobody receives them.
std::string FakePeer(int i) {
  char hex[33];
  std::snprintf(hex, sizeof hex, "%08x%024x", 0x6b6f6c6cU, static_cast<unsigned>(i + 1));
  return hex;
}

}  // namespace

bool MakeBenchStore(const std::string& relay_bin, const std::string& dir, int messages,
                    int conversations, BenchStore* out, std::string* error) {
  testing::RelayProcess relay(relay_bin);
  if (!relay.Start()) {
    *error = "the relay did not start";
    return false;
  }
  client::Client::Options options;
  options.store_key.passphrase = "bench passphrase, not secret";
  options.store_key.kdf_log2_n = 10;  // unlocking is not what is measured
  auto opened = client::Client::Open(dir, options);
  if (!opened.ok()) {
    *error = "cannot open the store: " + opened.status().ToString();
    return false;
  }
  std::unique_ptr<client::Client> client = std::move(opened).value();
  Status made = client->CreateAccount(relay.url()).Get();
  if (!made.ok()) {
    *error = "cannot create the account: " + made.ToString();
    return false;
  }
  client->Disconnect().Get().IgnoreError();
  relay.Stop();

  out->dir = dir;
  out->passphrase = options.store_key.passphrase;
  out->big_peer = FakePeer(0);
  out->messages = static_cast<size_t>(messages);
  out->small_peer = FakePeer(1);
  // Sent back to back: the client's worker stores them in order.
  std::vector<client::Async<Result<std::string>>> sent;
  sent.reserve(static_cast<size_t>(messages + kShortLength + conversations));
  for (int i = 0; i < messages; ++i) {
    sent.push_back(client->Send(out->big_peer, "Message " + std::to_string(i) +
                                                   " of a long conversation, about as long as "
                                                   "a chat message usually is."));
  }
  // The short one is one page: the same screenful to draw as the long one.
  for (int i = 0; i < kShortLength; ++i) {
    sent.push_back(client->Send(out->small_peer,
                                "Message " + std::to_string(i) + " of a short conversation."));
  }
  for (int i = 2; i < conversations; ++i) {
    sent.push_back(
        client->Send(FakePeer(i), "The only message of conversation " + std::to_string(i)));
  }
  bool all_ok = true;
  for (auto& one : sent) all_ok = one.Get().ok() && all_ok;  // every result read
  if (!all_ok) {
    *error = "a message could not be stored";
    return false;
  }
  auto all = client->History(out->big_peer, static_cast<size_t>(messages)).Get();
  auto small = client->History(out->small_peer, kShortLength).Get();
  if (!all.ok() || all->empty() || !small.ok() || small->empty()) {
    *error = "the conversations are not there";
    return false;
  }
  out->newest_id = all->back().id;
  out->deep_id = (*all)[std::min(all->size() - 1, size_t{100})].id;
  out->small_id = small->back().id;
  return true;
}

}  // namespace kollega::bench
