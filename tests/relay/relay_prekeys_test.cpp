// Prekeys: upload limits, bundles, one-time keys handed out exactly once
// under concurrent fetches, low-stock pushes, fetch rate limit.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <mutex>
#include <set>
#include <thread>

#include "relay_fixture.h"

namespace kollega::testing {
namespace {

wire::Request Fetch(const std::string& account, uint32_t device = 0) {
  wire::Request r;
  r.mutable_fetch_bundle()->set_account_id(account);
  r.mutable_fetch_bundle()->set_device_id(device);
  return r;
}

TEST_F(RelayTest, UploadChecksSizesAndCount) {
  std::unique_ptr<TestClient> c;
  ASSERT_TRUE(NewAccount(port(), &c));
  EXPECT_EQ(UploadPrekeys(*c, 101)->code(), wire::TOO_MANY);
  EXPECT_EQ(UploadPrekeys(*c, 100)->code(), wire::OK);
  wire::Request bad;
  bad.mutable_upload_prekeys()->set_identity_key(std::string(32, 'k'));
  EXPECT_EQ(c->Call(bad)->code(), wire::INVALID_ARGUMENT);

  wire::Request count;
  count.mutable_get_prekey_count();
  auto r = c->Call(count);
  ASSERT_EQ(r->code(), wire::OK);
  EXPECT_EQ(r->prekey_count().one_time(), 100u);
  EXPECT_TRUE(r->prekey_count().has_signed_prekey());
}

wire::Request PrekeyCountRequest() {
  wire::Request r;
  r.mutable_get_prekey_count();
  return r;
}

// An upload of `ones` one-time prekeys (ids 1..), with a signed prekey
// unless `with_signed` is false; every key well formed.
wire::Request Upload(uint32_t ones, bool with_signed = true) {
  wire::Request r;
  wire::UploadPrekeys* up = r.mutable_upload_prekeys();
  up->set_identity_key(FakeKey(0));
  if (with_signed) {
    up->mutable_signed_prekey()->set_id(1);
    up->mutable_signed_prekey()->set_public_key(FakeKey(1));
    up->mutable_signed_prekey()->set_signature(std::string(64, 's'));
  }
  for (uint32_t i = 1; i <= ones; ++i) {
    wire::OneTimePrekey* k = up->add_one_time_prekeys();
    k->set_id(i);
    k->set_public_key(FakeKey(100 + i));
  }
  return r;
}

TEST_F(RelayTest, UploadRefusesKeysWithoutTheCurveTypeByte) {
  std::unique_ptr<TestClient> c;
  ASSERT_TRUE(NewAccount(port(), &c));
  std::string untyped = FakeKey(0);
  untyped[0] = 0x04;
  const std::string bare = FakeKey(0).substr(1);  // 32 bytes: the X25519 key alone

  auto expect_refused = [&](wire::Request r, const char* what) {
    auto answer = c->Call(std::move(r));
    ASSERT_TRUE(answer) << what;
    EXPECT_EQ(answer->code(), wire::INVALID_ARGUMENT) << what;
    EXPECT_NE(answer->message().find("0x05"), std::string::npos) << answer->message();
  };
  wire::Request r = Upload(1);
  r.mutable_upload_prekeys()->set_identity_key(untyped);
  expect_refused(r, "identity key with type byte 0x04");
  r.mutable_upload_prekeys()->set_identity_key(bare);
  expect_refused(r, "32-byte identity key");
  r = Upload(1);
  r.mutable_upload_prekeys()->mutable_signed_prekey()->set_public_key(untyped);
  expect_refused(r, "signed prekey without 0x05");
  r = Upload(1);
  r.mutable_upload_prekeys()->mutable_one_time_prekeys(0)->set_public_key(bare);
  expect_refused(r, "32-byte one-time prekey");

  // None of them left a trace.
  auto count = c->Call(PrekeyCountRequest());
  ASSERT_TRUE(count);
  EXPECT_EQ(count->prekey_count().one_time(), 0u);
  EXPECT_FALSE(count->prekey_count().has_signed_prekey());
  EXPECT_EQ(c->Call(Upload(1))->code(), wire::OK);
}

TEST_F(RelayTest, FirstUploadNeedsASignedPrekeyThenOneTimeKeysAlone) {
  std::unique_ptr<TestClient> c;
  ASSERT_TRUE(NewAccount(port(), &c));
  auto first = c->Call(Upload(5, /*with_signed=*/false));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->code(), wire::INVALID_ARGUMENT);
  EXPECT_NE(first->message().find("signed prekey"), std::string::npos) << first->message();
  auto count = c->Call(PrekeyCountRequest());
  ASSERT_TRUE(count);
  EXPECT_EQ(count->prekey_count().one_time(), 0u);
  EXPECT_FALSE(count->prekey_count().has_signed_prekey());

  ASSERT_EQ(c->Call(Upload(0))->code(), wire::OK);  // identity and signed prekey
  EXPECT_EQ(c->Call(Upload(5, /*with_signed=*/false))->code(), wire::OK);
  count = c->Call(PrekeyCountRequest());
  ASSERT_TRUE(count);
  EXPECT_EQ(count->prekey_count().one_time(), 5u);
  EXPECT_TRUE(count->prekey_count().has_signed_prekey());
}

TEST_F(RelayTest, BundleCarriesEachOneTimePrekeyOnceThenSignedOnly) {
  std::unique_ptr<TestClient> bob_c, alice_c;
  auto bob = NewAccount(port(), &bob_c);
  auto alice = NewAccount(port(), &alice_c);
  ASSERT_TRUE(bob && alice);
  ASSERT_EQ(UploadPrekeys(*bob_c, 2)->code(), wire::OK);
  std::set<uint32_t> seen;
  for (int i = 0; i < 3; ++i) {
    auto r = alice_c->Call(Fetch(bob->account));
    ASSERT_EQ(r->code(), wire::OK);
    ASSERT_EQ(r->bundle().devices_size(), 1);
    const auto& d = r->bundle().devices(0);
    EXPECT_EQ(d.device_id(), 1u);
    EXPECT_EQ(d.registration_id(), bob->registration_id);
    EXPECT_EQ(d.identity_key(), FakeKey(0));
    EXPECT_EQ(d.signed_prekey().public_key(), FakeKey(1));
    if (i < 2) {
      ASSERT_TRUE(d.has_one_time_prekey());
      EXPECT_TRUE(seen.insert(d.one_time_prekey().id()).second);
    } else {
      EXPECT_FALSE(d.has_one_time_prekey());
    }
  }
  EXPECT_EQ(alice_c->Call(Fetch(std::string(16, 'z')))->code(), wire::UNKNOWN_ACCOUNT);
  EXPECT_EQ(alice_c->Call(Fetch(bob->account, 5))->code(), wire::UNKNOWN_DEVICE);
}

TEST_F(RelayTest, OneTimePrekeyIsHandedOutOnceUnderConcurrentFetches) {
  std::unique_ptr<TestClient> bob_c;
  auto bob = NewAccount(port(), &bob_c);
  ASSERT_TRUE(bob);
  constexpr uint32_t kKeys = 40;
  ASSERT_EQ(UploadPrekeys(*bob_c, kKeys)->code(), wire::OK);

  constexpr int kFetchers = 6;
  constexpr int kFetchesEach = 10;
  std::mutex mu;
  std::multiset<uint32_t> handed_out;
  int without_one_time = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kFetchers; ++t) {
    threads.emplace_back([&] {
      std::unique_ptr<TestClient> c;
      if (!NewAccount(port(), &c)) return;
      std::vector<uint64_t> ids;
      for (int i = 0; i < kFetchesEach; ++i) ids.push_back(c->SendRequest(Fetch(bob->account)));
      for (uint64_t id : ids) {
        auto r = c->WaitResponse(id);
        if (!r || r->code() != wire::OK || r->bundle().devices_size() != 1) {
          ADD_FAILURE() << "fetch failed";
          continue;
        }
        std::lock_guard lock(mu);
        const auto& d = r->bundle().devices(0);
        if (d.has_one_time_prekey()) {
          handed_out.insert(d.one_time_prekey().id());
        } else {
          ++without_one_time;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(handed_out.size(), kKeys);
  EXPECT_EQ(std::set<uint32_t>(handed_out.begin(), handed_out.end()).size(), kKeys)
      << "a one-time prekey was handed out twice";
  EXPECT_EQ(without_one_time, kFetchers * kFetchesEach - static_cast<int>(kKeys));
}

TEST_F(RelayTest, PrekeysLowIsPushedAfterAuthAndWhenStockFalls) {
  std::unique_ptr<TestClient> bob_c, alice_c;
  auto bob = NewAccount(port(), &bob_c);
  auto alice = NewAccount(port(), &alice_c);
  ASSERT_TRUE(bob && alice);
  // A new device has no keys: told right after authenticating.
  auto low = bob_c->WaitPush(IsPrekeysLow);
  ASSERT_TRUE(low);
  EXPECT_EQ(low->prekeys_low().one_time(), 0u);

  ASSERT_EQ(UploadPrekeys(*bob_c, 11)->code(), wire::OK);           // threshold is 10
  ASSERT_EQ(alice_c->Call(Fetch(bob->account))->code(), wire::OK);  // 10 left: not low
  EXPECT_FALSE(bob_c->WaitPush(IsPrekeysLow, milliseconds(300)));
  ASSERT_EQ(alice_c->Call(Fetch(bob->account))->code(), wire::OK);  // 9 left
  low = bob_c->WaitPush(IsPrekeysLow);
  ASSERT_TRUE(low);
  EXPECT_EQ(low->prekeys_low().one_time(), 9u);
}

class BundleRateTest : public RelayCustomTest {};

TEST_F(BundleRateTest, BundleFetchesAreRateLimitedPerAccount) {
  StartRelay({"--bundle-rate", "5"});
  std::unique_ptr<TestClient> bob_c, alice_c;
  auto bob = NewAccount(port(), &bob_c);
  auto alice = NewAccount(port(), &alice_c);
  ASSERT_TRUE(bob && alice);
  ASSERT_EQ(UploadPrekeys(*bob_c, 20)->code(), wire::OK);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(alice_c->Call(Fetch(bob->account))->code(), wire::OK);
  EXPECT_EQ(alice_c->Call(Fetch(bob->account))->code(), wire::RATE_LIMITED);
  // A second connection of the same account shares the limit.
  auto alice2 = ConnectAs(port(), *alice);
  ASSERT_TRUE(alice2);
  EXPECT_EQ(alice2->Call(Fetch(bob->account))->code(), wire::RATE_LIMITED);
  // Bob's stock lost only the five fetched keys.
  wire::Request count;
  count.mutable_get_prekey_count();
  EXPECT_EQ(bob_c->Call(count)->prekey_count().one_time(), 15u);
}

}  // namespace
}  // namespace kollega::testing
