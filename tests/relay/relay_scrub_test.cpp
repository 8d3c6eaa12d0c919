// Data at rest on the relay (docs/storage-encryption.md): an acknowledged
// envelope leaves every file of the data directory within the scrub
// interval, and the directory is private to the relay's user.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <sys/stat.h>

#include <chrono>
#include <thread>

#include "kollega/base/hex.h"
#include "kollega/crypto/device_key.h"
#include "relay_fixture.h"
#include "support/raw_scan.h"

namespace kollega::testing {
namespace {

using std::chrono::milliseconds;

// The marker is random, so no earlier run can have left it anywhere.
std::string Marker() { return "envelope-marker-" + ToHex(crypto::RandomBytes(16)); }

class RelayScrubTest : public RelayCustomTest {
 protected:
  // Sends `content` from a new account to another, which receives and
  // acknowledges it.
  void SendAndAck(const std::string& content) {
    std::unique_ptr<TestClient> alice_c, bob_c;
    auto alice = NewAccount(port(), &alice_c);
    auto bob = NewRecipient(port(), &bob_c);
    ASSERT_TRUE(alice && bob);
    ASSERT_TRUE(WaitQueueEmpty(*bob_c));
    auto sent = Send(*alice_c, bob->account, {1}, content);
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->code(), wire::OK);
    auto got = ReceiveEnvelopes(*bob_c, 1);
    ASSERT_EQ(got.size(), 1u);
    ASSERT_EQ(got[0].envelope.content(), content);
    // Stored before it was acknowledged: the scan below does see envelopes.
    EXPECT_FALSE(ScanFilesFor(relay_->data_dir(), {{"envelope", content}}).empty());
    auto acked = Ack(*bob_c, {got[0].seq});
    ASSERT_TRUE(acked);
    ASSERT_EQ(acked->code(), wire::OK);
  }

  // Whether `content` is gone from every file within `within`.
  bool GoneWithin(const std::string& content, milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    do {
      if (ScanFilesFor(relay_->data_dir(), {{"envelope", content}}).empty()) return true;
      std::this_thread::sleep_for(milliseconds(100));
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
  }
};

TEST_F(RelayScrubTest, AnAcknowledgedEnvelopeLeavesEveryFileWithinTheInterval) {
  StartRelay({"--scrub-interval", "1"});
  const std::string marker = Marker();
  SendAndAck(marker);
  EXPECT_TRUE(GoneWithin(marker, milliseconds(4000)))
      << DescribeHits(ScanFilesFor(relay_->data_dir(), {{"envelope", marker}}));
}

// The control: without the scrub RocksDB keeps the acknowledged envelope in
// its files (WAL, then SST) until some later compaction, which a quiet relay
// may never run. This is what the test above would see if the scrub broke.
TEST_F(RelayScrubTest, WithoutTheScrubTheEnvelopeStaysInTheFiles) {
  StartRelay({"--scrub-interval", "0"});
  const std::string marker = Marker();
  SendAndAck(marker);
  EXPECT_FALSE(GoneWithin(marker, milliseconds(1500)));
}

TEST_F(RelayScrubTest, TheDataDirectoryIsPrivateAndAnOpenOneIsTightened) {
  StartRelay();
  struct stat st {};
  ASSERT_EQ(::stat(relay_->data_dir().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(relay_->Stop(), 0);
  ASSERT_EQ(::chmod(relay_->data_dir().c_str(), 0755), 0);
  ASSERT_TRUE(relay_->Restart());
  ASSERT_EQ(::stat(relay_->data_dir().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

}  // namespace
}  // namespace kollega::testing
