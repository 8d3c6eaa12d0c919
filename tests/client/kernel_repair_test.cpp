// Repair of undecryptable messages (docs/protocol-content.md, "Repair"), in
// process: a receiver that lost its session, or got a damaged envelope,
// asks the sender again and the user sees the message once; a message the
// sender no longer keeps, or a request nobody answers, is an event on each
// side that knows; floods of failures or of requests stay bounded.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "content.pb.h"
#include "kernel_test_util.h"
#include "kollega/client-core/component.h"
#include "store/client_store.h"

namespace kollega::testing {
namespace {

using client::DecryptionFailed;
using client::MessageReceived;
using client::MessageStatus;
using client::RepairFailed;
using client::StatusChanged;

constexpr int64_t kDayMs = 24 * 3600 * 1000;

// Time that moves a millisecond with every reading, as a real clock does
// between a message and the answer to it: the relay's time names a message
// (two Sends may share one, the repair covers that), and a frozen clock
// would give every message of a test the same name.
class TickingClock final : public Clock {
 public:
  int64_t NowMs() const override { return now_ms_.fetch_add(1) + 1; }
  void Advance(int64_t ms) { now_ms_ += ms; }

 private:
  mutable std::atomic<int64_t> now_ms_{1'700'000'000'000};
};

// A peer that sends repair requests of its own making (a hostile or broken
// client): the sender must bound what it answers.
class RequestForger final : public client::Component {
 public:
  static constexpr std::string_view kName = "test.forger";
  std::string_view name() const override { return kName; }
  std::vector<std::string> content_types() const override { return {}; }
  void Attach(client::KernelServices* kernel) override { kernel_ = kernel; }
  Status OnReceive(const client::Incoming&, const content::Content&) override {
    return Status::Ok();
  }
  Status Ask(const std::string& peer, uint32_t device, const std::vector<uint64_t>& times) {
    KOLLEGA_RETURN_IF_ERROR(kernel_->Transaction([&]() -> Status {
      for (uint64_t t : times) {
        content::RepairMessage request;
        request.mutable_request()->set_device_id(device);
        request.mutable_request()->set_server_time_ms(t);
        content::Content c;
        c.set_message_id(kernel_->NewMessageId());
        c.mutable_component()->set_type("repair");
        c.mutable_component()->set_body(request.SerializeAsString());
        KOLLEGA_RETURN_IF_ERROR(kernel_->Enqueue(peer, c));
      }
      return Status::Ok();
    }));
    kernel_->RequestFlush();
    return Status::Ok();
  }

 private:
  client::KernelServices* kernel_ = nullptr;
};

class KernelRepairTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("alice"), Options(), &alice_));
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("bob"), Options(true), &bob_));
    KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
    KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
    // A first exchange: both hold a session, later messages are SignalMessages.
    first_ = Send("first");
    ASSERT_TRUE(WaitStatus(first_, MessageStatus::kDelivered));
  }
  client::Client::Options Options(bool forger = false) {
    client::Client::Options o = KernelOptions(relay_, &clock_);
    if (forger) o.extra_components.push_back([] { return std::make_unique<RequestForger>(); });
    return o;
  }
  std::string Send(const std::string& text) {
    auto id = alice_.client->Send(bob_.hex, text).Get();
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : std::string();
  }
  bool WaitStatus(const std::string& id, MessageStatus status) {
    return alice_.log->WaitFor<StatusChanged>(
        [&](const StatusChanged& s) { return s.message_id == id && s.status == status; });
  }
  size_t Received(const std::string& id) {
    bob_.log->Drain();
    return bob_.log
        ->All<MessageReceived>([&](const MessageReceived& m) { return m.message.id == id; })
        .size();
  }
  // Alice's message waits in bob's mailbox while he is away.
  std::string SendWhileBobIsAway(const std::string& text) {
    const size_t before = relay_.MailboxSize(bob_.account, 1);
    const std::string id = Send(text);
    EXPECT_TRUE(WaitStatus(id, MessageStatus::kSent));
    EXPECT_EQ(relay_.MailboxSize(bob_.account, 1), before + 1);
    return id;
  }
  // Waits until alice has handled all bob sent her and sent what it calls for.
  void SettleAlice() {
    ASSERT_TRUE(alice_.log->WaitUntil(
        [&](const auto&) { return relay_.MailboxSize(alice_.account, 1) == 0; }));
    alice_.client->FlushOutbound().Get().IgnoreError();
  }

  // Closes bob's client, runs `edit` on his store, and opens it again.
  void EditBobStore(const std::function<void(client::ClientStore&)>& edit,
                    client::Client::Options options) {
    bob_.client.reset();
    {
      auto store = client::OpenRocksClientStore(dir_.Sub("bob") + "/store", TestStoreKey());
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      edit(**store);
    }
    auto reopened = OpenKernelClient(dir_.Sub("bob"), std::move(options));
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    bob_.client = std::move(reopened).value();
    bob_.log->Attach(bob_.client.get());
  }

  TickingClock clock_;
  FakeRelay relay_{FakeRelay::Options{.clock = &clock_}};
  KernelTempDir dir_;
  Device alice_, bob_;
  std::string first_;
};

TEST_F(KernelRepairTest, LostSessionIsRepairedAndTheMessageArrivesOnce) {
  // Bob's device loses its session with alice (a restored backup, a bug).
  bob_.client.reset();
  {
    auto store = client::OpenRocksClientStore(dir_.Sub("bob") + "/store", TestStoreKey());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    KOLLEGA_ASSERT_OK((*store)->DeleteSession({alice_.account, 1}));
  }
  auto reopened = OpenKernelClient(dir_.Sub("bob"), Options(true));
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  bob_.client = std::move(reopened).value();
  bob_.log->Attach(bob_.client.get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());

  const uint64_t bundles = relay_.RequestCount(wire::Request::kFetchBundle);
  const std::string id = Send("after the loss");
  ASSERT_TRUE(bob_.log->WaitFor<DecryptionFailed>(nullptr));
  ASSERT_TRUE(bob_.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == id; }));
  EXPECT_GT(relay_.RequestCount(wire::Request::kFetchBundle), bundles);  // a new session
  ASSERT_TRUE(WaitStatus(id, MessageStatus::kDelivered));
  // Later messages use the new session; nothing arrives twice.
  const std::string later = Send("and on");
  ASSERT_TRUE(bob_.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == later; }));
  SettleAlice();
  EXPECT_EQ(Received(id), 1u);
  EXPECT_EQ(Received(later), 1u);
  EXPECT_EQ(bob_.log->All<DecryptionFailed>().size(), 1u);
  EXPECT_TRUE(bob_.log->All<RepairFailed>().empty());
  EXPECT_TRUE(alice_.log->All<RepairFailed>().empty());
}

// Bob's session is an old copy (a restored backup): alice's next message
// fails, so does her first answer (the session, not the envelope, is
// broken); the second failure restarts the session and the next answer
// gets through.
TEST_F(KernelRepairTest, StaleSessionIsRestartedAndTheMessageArrivesOnce) {
  std::string saved;
  ASSERT_NO_FATAL_FAILURE(EditBobStore(
      [&](client::ClientStore& store) {
        auto record = store.LoadSession({alice_.account, 1});
        ASSERT_TRUE(record.ok() && record->has_value());
        saved = **record;
      },
      Options(true)));
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  const std::string second = Send("moves the ratchet on");
  ASSERT_TRUE(WaitStatus(second, MessageStatus::kDelivered));
  ASSERT_NO_FATAL_FAILURE(EditBobStore(
      [&](client::ClientStore& store) {
        KOLLEGA_ASSERT_OK(store.StoreSession({alice_.account, 1}, saved));
      },
      Options(true)));
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());

  const std::string id = Send("after the restore");
  ASSERT_TRUE(bob_.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == id; }));
  ASSERT_TRUE(WaitStatus(id, MessageStatus::kDelivered));
  SettleAlice();
  EXPECT_EQ(Received(id), 1u);
  EXPECT_TRUE(bob_.log->All<RepairFailed>().empty());
  EXPECT_TRUE(alice_.log->All<RepairFailed>().empty());
}

// The relay delivers the same undecryptable envelope again (bob's ack was
// lost): bob does not ask twice.
TEST_F(KernelRepairTest, ReceiverAsksOncePerMessage) {
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
  SendWhileBobIsAway("asked for once");
  ASSERT_TRUE(relay_.CorruptMailboxEnvelope(bob_.account, 1, 0));
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());
  client::Client::Options no_acks = Options(true);
  no_acks.acknowledge = false;
  ASSERT_NO_FATAL_FAILURE(EditBobStore([](client::ClientStore&) {}, no_acks));
  for (int round = 1; round <= 2; ++round) {
    KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
    ASSERT_TRUE(bob_.log->WaitFor<DecryptionFailed>(nullptr, kWait, round));
    KOLLEGA_ASSERT_OK(bob_.client->FlushOutbound().Get());
    KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
    EXPECT_EQ(relay_.MailboxSize(alice_.account, 1), 1u) << "round " << round;
  }
}

TEST_F(KernelRepairTest, DamagedEnvelopeIsRepairedAndTheMessageArrivesOnce) {
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
  const std::string id = SendWhileBobIsAway("damaged on the way");
  ASSERT_TRUE(relay_.CorruptMailboxEnvelope(bob_.account, 1, 0));
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(bob_.log->WaitFor<DecryptionFailed>(nullptr));
  ASSERT_TRUE(bob_.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == id; }));
  EXPECT_EQ(bob_.log->All<MessageReceived>().back()->message.text, "damaged on the way");
  ASSERT_TRUE(WaitStatus(id, MessageStatus::kDelivered));
  SettleAlice();
  EXPECT_EQ(Received(id), 1u);
  EXPECT_TRUE(bob_.log->All<RepairFailed>().empty());
}

TEST_F(KernelRepairTest, MessageNoLongerKeptIsAnEventOnBothSides) {
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
  const std::string id = SendWhileBobIsAway("too old to repair");
  ASSERT_TRUE(relay_.CorruptMailboxEnvelope(bob_.account, 1, 0));
  clock_.Advance(kDayMs + 1);  // past the sender's 24 hours
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(bob_.log->WaitFor<RepairFailed>(
      [&](const RepairFailed& f) { return f.peer == alice_.hex && f.device == 1; }));
  ASSERT_TRUE(alice_.log->WaitFor<RepairFailed>(
      [&](const RepairFailed& f) { return f.peer == bob_.hex && f.device == 1; }));
  EXPECT_EQ(Received(id), 0u);
}

TEST_F(KernelRepairTest, RequestNobodyAnswersFailsAfterTheTimeout) {
  Device carol;
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("carol"), Options(), &carol));
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
  SendWhileBobIsAway("never answered");
  ASSERT_TRUE(relay_.CorruptMailboxEnvelope(bob_.account, 1, 0));
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());  // alice is gone for good
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(bob_.log->WaitFor<DecryptionFailed>(nullptr));
  ASSERT_TRUE(
      bob_.log->WaitUntil([&](const auto&) { return relay_.MailboxSize(alice_.account, 1) == 1; }));
  EXPECT_TRUE(bob_.log->All<RepairFailed>().empty());

  clock_.Advance(kDayMs + 1);
  auto hello = carol.client->Send(bob_.hex, "anything that reaches bob").Get();  // a delivery
  ASSERT_TRUE(hello.ok()) << hello.status().ToString();
  ASSERT_TRUE(bob_.log->WaitFor<RepairFailed>([&](const RepairFailed& f) {
    return f.peer == alice_.hex && f.detail.find("in time") != std::string::npos;
  }));
}

TEST_F(KernelRepairTest, ManyDamagedEnvelopesAskOnlyABoundedNumber) {
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
  constexpr size_t kDamaged = 15;  // the receiver asks for at most 10 a minute
  std::vector<std::string> ids;
  for (size_t i = 0; i < kDamaged; ++i) {
    ids.push_back(SendWhileBobIsAway("damaged " + std::to_string(i)));
    ASSERT_TRUE(relay_.CorruptMailboxEnvelope(bob_.account, 1, i));
  }
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(bob_.log->WaitFor<RepairFailed>(nullptr, kWait, kDamaged - 10));
  ASSERT_TRUE(bob_.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id != first_; }, kWait, 10));
  SettleAlice();
  bob_.log->Drain();
  EXPECT_EQ(bob_.log->All<DecryptionFailed>().size(), kDamaged);
  EXPECT_EQ(bob_.log->All<RepairFailed>().size(), kDamaged - 10);
  EXPECT_EQ(bob_.log->All<MessageReceived>().size(), 1 + 10u);
}

TEST_F(KernelRepairTest, FloodOfRequestsGetsABoundedNumberOfAnswers) {
  // The real server time of a message bob got, and 30 that name nothing.
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
  SendWhileBobIsAway("asked for again and again");
  const uint64_t real = relay_.Mailbox(bob_.account, 1).at(0).server_time_ms();
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(bob_.log->WaitFor<MessageReceived>(nullptr, kWait, 2));
  std::vector<uint64_t> times;
  for (uint64_t i = 1; i <= 30; ++i) {
    times.push_back(real);      // the same message, 30 times
    times.push_back(real + i);  // and 30 unknown ones
  }
  // Alice is away while the flood comes, bob while she answers.
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());
  KOLLEGA_ASSERT_OK(bob_.client
                        ->WithComponent(std::string(RequestForger::kName),
                                        [&](client::Component& c) {
                                          return static_cast<RequestForger&>(c).Ask(alice_.account,
                                                                                    1, times);
                                        })
                        .Get());
  ASSERT_GE(relay_.MailboxSize(alice_.account, 1), times.size());
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  ASSERT_NO_FATAL_FAILURE(SettleAlice());
  // 20 answers a minute: the real message once, then "not kept" 19 times.
  EXPECT_EQ(relay_.MailboxSize(bob_.account, 1), 20u);
  alice_.log->Drain();
  EXPECT_EQ(alice_.log->All<RepairFailed>().size(), 19u);
  // Answers bob did not ask for change nothing on his side.
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(
      bob_.log->WaitUntil([&](const auto&) { return relay_.MailboxSize(bob_.account, 1) == 0; }));
  KOLLEGA_ASSERT_OK(bob_.client->FlushOutbound().Get());
  bob_.log->Drain();
  EXPECT_EQ(bob_.log->All<MessageReceived>().size(), 2u);
  EXPECT_TRUE(bob_.log->All<RepairFailed>().empty());
}

}  // namespace
}  // namespace kollega::testing
