// Crash soak: kill -9 the relay again and again in the middle of traffic —
// a sender pipelining sends, a recipient receiving and acknowledging live —
// and restart it each time. Every send the relay accepted must reach the
// recipient, in the order sent; redelivery of what was in flight is
// allowed (clients drop duplicates), loss is not.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "relay_fixture.h"

namespace kollega::testing {
namespace {

constexpr int kCycles = 5;
constexpr size_t kWindow = 16;  // sends in flight

// Sends "<cycle>:<n>" with n = 0, 1, ... until the connection breaks;
// returns the contents the relay accepted.
std::vector<std::string> SendUntilBroken(TestClient& client, const TestDevice& to, int cycle) {
  std::vector<std::string> accepted;
  std::deque<std::pair<uint64_t, std::string>> in_flight;
  for (int n = 0;; ++n) {
    std::string content = std::to_string(cycle) + ":" + std::to_string(n);
    in_flight.emplace_back(client.SendRequest(SendRequest(to.account, {to.device_id}, content)),
                           std::move(content));
    if (in_flight.size() < kWindow) continue;
    // Answers come in the order of the sends: the store commits in order.
    auto r = client.WaitResponse(in_flight.front().first, milliseconds(2000));
    if (!r) return accepted;  // the relay is gone
    EXPECT_EQ(r->code(), wire::OK) << r->message();
    if (r->code() == wire::OK) accepted.push_back(in_flight.front().second);
    in_flight.pop_front();
  }
}

// Everything the recipient saw, across all its connections.
struct Inbox {
  std::mutex mu;
  std::map<uint64_t, std::string> by_seq;  // seq -> content; seqs only grow
  size_t deliveries = 0;                   // redeliveries included
};

// Receives and quietly acknowledges until the connection breaks or `stop`.
void ReceiveAndAck(TestClient& client, Inbox& inbox, const std::atomic<bool>& stop) {
  while (!stop && !client.closed()) {
    auto push =
        client.WaitPush([](const wire::Push& p) { return p.has_deliver(); }, milliseconds(100));
    if (!push) continue;
    wire::Request ack;
    ack.mutable_ack()->set_quiet(true);
    std::lock_guard lock(inbox.mu);
    for (const wire::Delivery& d : push->deliver().deliveries()) {
      wire::Envelope envelope;
      EXPECT_TRUE(envelope.ParseFromString(d.envelope()));
      auto [it, fresh] = inbox.by_seq.emplace(d.seq(), envelope.content());
      EXPECT_EQ(it->second, envelope.content()) << "seq " << d.seq() << " changed its content";
      ++inbox.deliveries;
      ack.mutable_ack()->add_seqs(d.seq());
    }
    client.SendRequest(ack);
  }
}

class CrashSoakTest : public RelayCustomTest {};

TEST_F(CrashSoakTest, RepeatedKillNineUnderTrafficLosesNothingAccepted) {
  // Unthrottled: the sender runs as fast as its window allows.
  StartRelay({"--request-rate", "100000"});
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  alice_c.reset();
  bob_c.reset();

  std::mt19937 rng(12);
  Inbox inbox;
  std::vector<std::string> accepted;
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle));
    auto sender = ConnectAs(port(), *alice);
    auto recipient = ConnectAs(port(), *bob);
    ASSERT_TRUE(sender && recipient);
    std::atomic<bool> stop{false};
    std::vector<std::string> sent;
    std::thread send_thread([&] { sent = SendUntilBroken(*sender, *bob, cycle); });
    std::thread receive_thread([&] { ReceiveAndAck(*recipient, inbox, stop); });
    std::this_thread::sleep_for(milliseconds(150 + rng() % 250));
    relay_->Kill9();
    send_thread.join();
    stop = true;
    receive_thread.join();
    EXPECT_GT(sent.size(), 0u) << "no send was accepted before the kill";
    accepted.insert(accepted.end(), sent.begin(), sent.end());
    ASSERT_TRUE(relay_->Restart()) << relay_->ReadLog();
  }

  // Whatever is still queued comes now.
  auto recipient = ConnectAs(port(), *bob);
  ASSERT_TRUE(recipient);
  std::atomic<bool> stop{false};
  std::thread drain([&] { ReceiveAndAck(*recipient, inbox, stop); });
  const auto deadline = std::chrono::steady_clock::now() + kWait;
  std::set<std::string> seen;
  for (;;) {
    {
      std::lock_guard lock(inbox.mu);
      seen.clear();
      for (const auto& [seq, content] : inbox.by_seq) seen.insert(content);
    }
    const bool all = std::all_of(accepted.begin(), accepted.end(),
                                 [&](const std::string& c) { return seen.count(c) > 0; });
    if (all || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(milliseconds(50));
  }
  stop = true;
  drain.join();

  for (const std::string& c : accepted) EXPECT_TRUE(seen.count(c)) << "accepted, then lost: " << c;
  // In seq order, the contents are in the order they were sent: cycle by
  // cycle, and within a cycle by number (gaps are sends cut by a kill).
  std::lock_guard lock(inbox.mu);
  std::pair<int, int> last{-1, -1};
  std::set<std::string> distinct;
  for (const auto& [seq, content] : inbox.by_seq) {
    const size_t colon = content.find(':');
    ASSERT_NE(colon, std::string::npos) << content;
    std::pair<int, int> at{std::stoi(content.substr(0, colon)),
                           std::stoi(content.substr(colon + 1))};
    EXPECT_LT(last, at) << "out of order: " << content;
    last = at;
    EXPECT_TRUE(distinct.insert(content).second) << "stored twice: " << content;
  }
  std::printf("%d kills: %zu sends accepted, %zu envelopes stored, %zu deliveries\n", kCycles,
              accepted.size(), inbox.by_seq.size(), inbox.deliveries);
}

}  // namespace
}  // namespace kollega::testing
