// Store-and-forward: live and offline delivery, order, ack, multi-device
// sends, stale device lists, full mailboxes.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <thread>

#include "relay_fixture.h"

namespace kollega::testing {
namespace {

TEST_F(RelayTest, DeliversLiveToAConnectedDevice) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  ASSERT_TRUE(WaitQueueEmpty(*bob_c));

  auto sent = Send(*alice_c, bob->account, {1}, "ciphertext-1");
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->code(), wire::OK);
  EXPECT_TRUE(sent->has_send_accepted());

  auto got = ReceiveEnvelopes(*bob_c, 1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].envelope.content(), "ciphertext-1");
  EXPECT_EQ(got[0].envelope.sender_account(), alice->account);
  EXPECT_EQ(got[0].envelope.sender_device(), 1u);
  EXPECT_EQ(got[0].envelope.type(), wire::ENVELOPE_TYPE_SIGNAL_MESSAGE);
  EXPECT_GT(got[0].envelope.server_time_ms(), 0u);
}

TEST_F(RelayTest, DeliversOfflineEnvelopesAfterReconnect) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  bob_c.reset();  // Bob goes offline

  for (int i = 0; i < 3; ++i) {
    auto sent = Send(*alice_c, bob->account, {1}, "m" + std::to_string(i));
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->code(), wire::OK);
  }
  bob_c = TestClient::Connect(port());
  ASSERT_TRUE(bob_c);
  auto auth = Authenticate(*bob_c, *bob);
  ASSERT_TRUE(auth);
  ASSERT_EQ(auth->code(), wire::OK);
  EXPECT_EQ(auth->authenticated().queued(), 3u);
  auto got = ReceiveEnvelopes(*bob_c, 3);
  ASSERT_EQ(got.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(got[i].envelope.content(), "m" + std::to_string(i));
  EXPECT_TRUE(WaitQueueEmpty(*bob_c));
}

TEST_F(RelayTest, KeepsOrderOf200MessagesAcrossDrainAndLive) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  bob_c.reset();
  // Half while Bob is away, half pipelined while he reconnects and drains.
  for (int i = 0; i < 100; ++i)
    alice_c->SendRequest(SendRequest(bob->account, {1}, std::to_string(i)));
  bob_c = ConnectAs(port(), *bob);
  ASSERT_TRUE(bob_c);
  std::vector<uint64_t> ids;
  for (int i = 100; i < 200; ++i) {
    ids.push_back(alice_c->SendRequest(SendRequest(bob->account, {1}, std::to_string(i))));
  }
  for (uint64_t id : ids) {
    auto r = alice_c->WaitResponse(id);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->code(), wire::OK);
  }
  auto got = ReceiveEnvelopes(*bob_c, 200, milliseconds(10000));
  ASSERT_EQ(got.size(), 200u);
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(got[i].envelope.content(), std::to_string(i)) << "at " << i;
    if (i > 0) {
      EXPECT_GT(got[i].seq, got[i - 1].seq);
    }
  }
}

TEST_F(RelayTest, AckDeletesSoAReconnectGetsNothing) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  ASSERT_EQ(Send(*alice_c, bob->account, {1}, "a")->code(), wire::OK);
  ASSERT_EQ(Send(*alice_c, bob->account, {1}, "b")->code(), wire::OK);
  auto got = ReceiveEnvelopes(*bob_c, 2);
  ASSERT_EQ(got.size(), 2u);
  auto ack = Ack(*bob_c, {got[0].seq, got[1].seq});
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->code(), wire::OK);
  EXPECT_EQ(ack->ack_result().removed(), 2u);

  bob_c = TestClient::Connect(port());
  auto auth = Authenticate(*bob_c, *bob);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->authenticated().queued(), 0u);
  EXPECT_TRUE(WaitQueueEmpty(*bob_c));
  EXPECT_TRUE(ReceiveEnvelopes(*bob_c, 1, milliseconds(300)).empty());
}

TEST_F(RelayTest, AQuietAckIsAnsweredOnlyWhenSomethingIsWrong) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  ASSERT_EQ(Send(*alice_c, bob->account, {1}, "a")->code(), wire::OK);
  ASSERT_EQ(Send(*alice_c, bob->account, {1}, "b")->code(), wire::OK);
  auto got = ReceiveEnvelopes(*bob_c, 2);
  ASSERT_EQ(got.size(), 2u);
  auto quiet_ack = [](std::vector<uint64_t> seqs) {
    wire::Request r;
    for (uint64_t s : seqs) r.mutable_ack()->add_seqs(s);
    r.mutable_ack()->set_quiet(true);
    return r;
  };
  uint64_t fine = bob_c->SendRequest(quiet_ack({got[0].seq}));
  EXPECT_FALSE(bob_c->WaitResponse(fine, milliseconds(500)));
  // Half wrong: answered, with what was removed and what was unknown.
  uint64_t wrong = bob_c->SendRequest(quiet_ack({got[0].seq, got[1].seq}));
  auto answer = bob_c->WaitResponse(wrong);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->code(), wire::UNKNOWN_ENVELOPE);
  EXPECT_EQ(answer->ack_result().removed(), 1u);
  ASSERT_EQ(answer->ack_result().unknown_seqs_size(), 1);
  EXPECT_EQ(answer->ack_result().unknown_seqs(0), got[0].seq);

  bob_c = TestClient::Connect(port());
  auto auth = Authenticate(*bob_c, *bob);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->authenticated().queued(), 0u);
}

TEST_F(RelayTest, UnackedEnvelopesAreDeliveredAgainOnReconnect) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  ASSERT_EQ(Send(*alice_c, bob->account, {1}, "again")->code(), wire::OK);
  auto first = ReceiveEnvelopes(*bob_c, 1);
  ASSERT_EQ(first.size(), 1u);
  bob_c = ConnectAs(port(), *bob);
  auto second = ReceiveEnvelopes(*bob_c, 1);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].seq, first[0].seq);
}

TEST_F(RelayTest, SendsToEveryDeviceAndExcludesTheSenderOnItsOwnAccount) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  auto bob2 = LinkRecipient(port(), *bob_c, *bob);
  ASSERT_TRUE(bob2);
  EXPECT_EQ(bob2->device_id, 2u);
  auto bob2_c = ConnectAs(port(), *bob2);
  ASSERT_TRUE(bob2_c);

  ASSERT_EQ(Send(*alice_c, bob->account, {1, 2}, "to-both")->code(), wire::OK);
  EXPECT_EQ(ReceiveEnvelopes(*bob_c, 1).size(), 1u);
  EXPECT_EQ(ReceiveEnvelopes(*bob2_c, 1).size(), 1u);

  // A sync message from device 1 to its own account names device 2 only.
  ASSERT_EQ(Send(*bob_c, bob->account, {2}, "sync")->code(), wire::OK);
  auto got = ReceiveEnvelopes(*bob2_c, 1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].envelope.content(), "sync");
  auto self = Send(*bob_c, bob->account, {1, 2}, "self");
  EXPECT_EQ(self->code(), wire::STALE_DEVICES);
  EXPECT_EQ(std::vector<uint32_t>(self->device_mismatch().extra_devices().begin(),
                                  self->device_mismatch().extra_devices().end()),
            std::vector<uint32_t>{1});

  wire::Request list;
  list.mutable_list_devices();
  auto devices = bob_c->Call(list);
  ASSERT_TRUE(devices);
  EXPECT_EQ(devices->device_list().devices_size(), 2);
}

TEST_F(RelayTest, StaleDeviceListGetsExactMismatchAndStoresNothing) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  ASSERT_TRUE(LinkRecipient(port(), *bob_c, *bob));  // Bob now has devices 1 and 2
  bob_c.reset();

  auto r = Send(*alice_c, bob->account, {1, 3, 7}, "stale");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code(), wire::STALE_DEVICES);
  const auto& m = r->device_mismatch();
  EXPECT_EQ(std::vector<uint32_t>(m.missing_devices().begin(), m.missing_devices().end()),
            std::vector<uint32_t>{2});
  EXPECT_EQ(std::vector<uint32_t>(m.extra_devices().begin(), m.extra_devices().end()),
            (std::vector<uint32_t>{3, 7}));

  bob_c = TestClient::Connect(port());
  auto auth = Authenticate(*bob_c, *bob);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->authenticated().queued(), 0u);  // nothing was stored for device 1
}

TEST_F(RelayTest, SendToUnknownAccountIsRefused) {
  std::unique_ptr<TestClient> alice_c;
  ASSERT_TRUE(NewRecipient(port(), &alice_c));
  auto r = Send(*alice_c, std::string(16, '\x42'), {1}, "x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code(), wire::UNKNOWN_ACCOUNT);
}

TEST_F(RelayTest, SendLimitsAreEnforced) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  EXPECT_EQ(Send(*alice_c, bob->account, {1}, std::string(98305, 'x'))->code(), wire::TOO_LARGE);
  EXPECT_EQ(Send(*alice_c, bob->account, {1}, std::string(98304, 'x'))->code(), wire::OK);
  std::vector<uint32_t> many;
  for (uint32_t d = 1; d <= 65; ++d) many.push_back(d);
  EXPECT_EQ(Send(*alice_c, bob->account, many, "x")->code(), wire::TOO_MANY);
  EXPECT_EQ(Send(*alice_c, bob->account, {1, 1}, "x")->code(), wire::INVALID_ARGUMENT);
  EXPECT_EQ(Send(*alice_c, bob->account, {}, "x")->code(), wire::INVALID_ARGUMENT);
}

class MailboxQuotaTest : public RelayCustomTest {};

TEST_F(MailboxQuotaTest, FullMailboxIsReportedAndStoresNothing) {
  StartRelay({"--mailbox-max-envelopes", "3"});
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  bob_c.reset();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Send(*alice_c, bob->account, {1}, "m")->code(), wire::OK);
  auto full = Send(*alice_c, bob->account, {1}, "one too many");
  ASSERT_TRUE(full);
  EXPECT_EQ(full->code(), wire::MAILBOX_FULL);
  EXPECT_FALSE(full->message().empty());

  bob_c = ConnectAs(port(), *bob);
  auto got = ReceiveEnvelopes(*bob_c, 4, milliseconds(1000));
  ASSERT_EQ(got.size(), 3u);
  // Once Bob acknowledges, there is room again.
  auto ack = Ack(*bob_c, {got[0].seq});
  ASSERT_TRUE(ack);
  ASSERT_EQ(ack->code(), wire::OK);
  auto fits = Send(*alice_c, bob->account, {1}, "fits");
  ASSERT_TRUE(fits);
  EXPECT_EQ(fits->code(), wire::OK);
}

class StalledReaderTest : public RelayCustomTest {};

// A device that stops reading would hold its session and queue forever: the
// relay cuts it after --write-timeout, and everything it could not push
// waits in the mailbox for the next connection.
TEST_F(StalledReaderTest, ADeviceThatStopsReadingIsCutOffAndLosesNothing) {
  StartRelay({"--write-timeout", "2"});
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  ASSERT_TRUE(WaitQueueEmpty(*bob_c));
  bob_c->PauseReading();
  // ~24 MB: more than the relay's queue and both sockets' buffers hold.
  constexpr int kCount = 400;
  const std::string filler(60 * 1024, 'c');
  for (int i = 0; i < kCount; ++i) {
    auto sent = Send(*alice_c, bob->account, {1}, std::to_string(i) + "/" + filler);
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->code(), wire::OK) << "at " << i;
  }
  std::this_thread::sleep_for(std::chrono::seconds(5));
  EXPECT_NE(HttpGet(metrics_port(), "/metrics").find("kollega_write_timeouts_total 1\n"),
            std::string::npos);
  bob_c->ResumeReading();
  EXPECT_TRUE(bob_c->WaitClosed(std::chrono::seconds(10)));

  bob_c = ConnectAs(port(), *bob);
  ASSERT_TRUE(bob_c);
  auto got = ReceiveEnvelopes(*bob_c, kCount, std::chrono::seconds(30));
  ASSERT_EQ(got.size(), static_cast<size_t>(kCount));
  for (int i = 0; i < kCount; ++i) {
    const std::string& content = got[i].envelope.content();
    EXPECT_EQ(content.substr(0, content.find('/')), std::to_string(i));
  }
  // Alice, who kept reading, was never affected.
  EXPECT_FALSE(alice_c->closed());
}

}  // namespace
}  // namespace kollega::testing
