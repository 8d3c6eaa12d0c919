// The example component: the smallest feature that plugs into the kernel
// without touching it (client-core/README.md, "Adding a component"). It
// sends a "ping" as a ComponentMessage of type "example.ping", records the
// pings it receives in its own table, emits its own event kind, and offers
// its API (SendPing, Pings) through Client::WithComponent. A client without
// it acknowledges such a message and ignores it.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kernel_test_util.h"
#include "kollega/client-core/component.h"

namespace kollega::testing {
namespace {

using client::Component;
using client::KernelServices;

// The component's own event: a ping arrived (and is stored).
struct PingReceived final : client::EventKind<PingReceived> {
  static constexpr std::string_view kName = "example.ping.received";
  std::string from;  // hex
  std::string note;
};

class PingComponent final : public Component {
 public:
  static constexpr std::string_view kName = "example";
  static constexpr char kType[] = "example.ping";

  std::string_view name() const override { return kName; }
  std::vector<std::string> content_types() const override { return {kType}; }
  void Attach(KernelServices* kernel) override { kernel_ = kernel; }

  Status OnReceive(const client::Incoming& from, const content::Content& content) override {
    // Keyed by sender and message id: a redelivered ping is stored once.
    KOLLEGA_RETURN_IF_ERROR(kernel_->Table(kName).Put(from.sender_account + content.message_id(),
                                                      content.component().body()));
    auto event = std::make_shared<PingReceived>();
    event->from = ToHex(from.sender_account);
    event->note = content.component().body();
    kernel_->Emit(std::move(event));
    return Status::Ok();
  }
  void OnSent(const std::string& /*recipient*/, const content::Content& content) override {
    if (content.has_component() && content.component().type() == kType) ++sent_;
  }

  // --- Its API, reached through Client::WithComponent ---
  Status SendPing(const std::string& peer, const std::string& note) {
    content::Content ping;
    ping.set_message_id(kernel_->NewMessageId());
    ping.set_sent_at_ms(static_cast<uint64_t>(kernel_->NowMs()));
    ping.mutable_component()->set_type(kType);
    ping.mutable_component()->set_body(note);
    KOLLEGA_RETURN_IF_ERROR(kernel_->Transaction([&] { return kernel_->Enqueue(peer, ping); }));
    kernel_->RequestFlush();
    return Status::Ok();
  }
  Result<std::vector<std::string>> Pings() {
    std::vector<std::string> notes;
    KOLLEGA_RETURN_IF_ERROR(
        kernel_->Table(kName).Scan("", false, [&](std::string_view, std::string_view value) {
          notes.emplace_back(value);
          return true;
        }));
    return notes;
  }
  int sent() const { return sent_; }

 private:
  KernelServices* kernel_ = nullptr;
  int sent_ = 0;
};

class ExampleComponentTest : public ::testing::Test {
 protected:
  client::Client::Options Options(bool with_ping) {
    client::Client::Options o = KernelOptions(relay_, &clock_);
    if (with_ping) o.extra_components.push_back([] { return std::make_unique<PingComponent>(); });
    return o;
  }
  static Status Ping(Device& from, const Device& to, const std::string& note) {
    return from.client
        ->WithComponent(
            std::string(PingComponent::kName),
            [&](Component& c) { return static_cast<PingComponent&>(c).SendPing(to.account, note); })
        .Get();
  }
  static std::vector<std::string> StoredPings(Device& d) {
    std::vector<std::string> notes;
    Status s = d.client
                   ->WithComponent(std::string(PingComponent::kName),
                                   [&](Component& c) -> Status {
                                     KOLLEGA_ASSIGN_OR_RETURN(
                                         notes, static_cast<PingComponent&>(c).Pings());
                                     return Status::Ok();
                                   })
                   .Get();
    EXPECT_TRUE(s.ok()) << s.ToString();
    return notes;
  }

  ManualClock clock_;
  FakeRelay relay_{FakeRelay::Options{.clock = &clock_}};
  KernelTempDir dir_;
};

TEST_F(ExampleComponentTest, PingTravelsIsStoredAndEmittedAsItsOwnEvent) {
  Device alice, bob;
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("alice"), Options(true), &alice));
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("bob"), Options(true), &bob));
  KOLLEGA_ASSERT_OK(alice.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob.client->StartListening().Get());

  KOLLEGA_ASSERT_OK(Ping(alice, bob, "are you there?"));
  ASSERT_TRUE(bob.log->WaitFor<PingReceived>(
      [&](const PingReceived& p) { return p.note == "are you there?"; }));
  const PingReceived* got = bob.log->All<PingReceived>()[0];
  EXPECT_EQ(got->from, alice.hex);
  EXPECT_EQ(got->name(), "example.ping.received");
  EXPECT_EQ(StoredPings(bob), std::vector<std::string>{"are you there?"});
  ASSERT_TRUE(
      bob.log->WaitUntil([&](const auto&) { return relay_.MailboxSize(bob.account, 1) == 0; }));

  // The sender's component heard that the relay took it; nothing of it
  // leaked into the conversations component on either side.
  int sent = 0;
  KOLLEGA_ASSERT_OK(alice.client
                        ->WithComponent(std::string(PingComponent::kName),
                                        [&](Component& c) {
                                          sent = static_cast<PingComponent&>(c).sent();
                                          return Status::Ok();
                                        })
                        .Get());
  EXPECT_EQ(sent, 1);
  EXPECT_TRUE(bob.log->All<client::MessageReceived>().empty());
  auto history = bob.client->History(alice.hex).Get();
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());
}

TEST_F(ExampleComponentTest, ClientWithoutTheComponentAcknowledgesAndIgnoresIt) {
  Device alice, carol;
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("alice"), Options(true), &alice));
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("carol"), Options(false), &carol));
  KOLLEGA_ASSERT_OK(alice.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(carol.client->StartListening().Get());
  Status missing =
      carol.client->WithComponent("example", [](Component&) { return Status::Ok(); }).Get();
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);

  const uint64_t acks_before = relay_.RequestCount(wire::Request::kAck);
  KOLLEGA_ASSERT_OK(Ping(alice, carol, "ping nobody understands"));
  ASSERT_TRUE(carol.log->WaitUntil([&](const auto&) {
    return relay_.RequestCount(wire::Request::kAck) > acks_before &&
           relay_.MailboxSize(carol.account, 1) == 0;
  }));

  // Carol's client is fine: the next ordinary message arrives as usual.
  auto id = alice.client->Send(carol.hex, "plain text").Get();
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(carol.log->WaitFor<client::MessageReceived>(
      [&](const client::MessageReceived& m) { return m.message.id == *id; }));
  EXPECT_TRUE(carol.log->All<PingReceived>().empty());
  EXPECT_TRUE(carol.log->All<client::DecryptionFailed>().empty());
  auto history = carol.client->History(alice.hex).Get();
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].text, "plain text");
}

}  // namespace
}  // namespace kollega::testing
