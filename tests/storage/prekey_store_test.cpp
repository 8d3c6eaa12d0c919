// SPDX-License-Identifier: GPL-3.0-or-later
#include <mutex>
#include <set>
#include <thread>

#include "store_fixture.h"

namespace kollega::storage {
namespace {

class PrekeyStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    Open();
    ASSERT_TRUE(store_->CreateAccount(account_, TestDevice('a')).ok());
  }

  static PrekeyUpload Upload(uint32_t first_id, uint32_t n, bool with_signed = true) {
    PrekeyUpload u;
    u.identity_key = std::string(33, 'I');
    if (with_signed) {
      u.signed_prekey = SignedPrekey{
          .id = 7, .public_key = std::string(33, 'S'), .signature = std::string(64, 'g')};
    }
    for (uint32_t i = 0; i < n; ++i) {
      u.one_time.push_back({first_id + i, std::string(33, static_cast<char>('0' + i % 10))});
    }
    return u;
  }

  const AccountId account_ = TestAccount(7);
  const DeviceAddress device1_{account_, 1};
};

TEST_F(PrekeyStoreTest, StoresAndCountsPrekeys) {
  EXPECT_EQ(*store_->CountOneTimePrekeys(device1_), 0u);
  EXPECT_FALSE(*store_->HasSignedPrekey(device1_));
  ASSERT_TRUE(store_->StorePrekeys(device1_, Upload(1, 10), 100).ok());
  EXPECT_EQ(*store_->CountOneTimePrekeys(device1_), 10u);
  EXPECT_TRUE(*store_->HasSignedPrekey(device1_));
}

TEST_F(PrekeyStoreTest, SameIdReplacesAndSignedPrekeyIsKeptUnlessReplaced) {
  ASSERT_TRUE(store_->StorePrekeys(device1_, Upload(1, 5), 100).ok());
  PrekeyUpload again = Upload(3, 5, /*with_signed=*/false);  // ids 3..7: 3 overlap
  again.one_time[0].public_key = std::string(33, 'R');
  ASSERT_TRUE(store_->StorePrekeys(device1_, again, 100).ok());
  EXPECT_EQ(*store_->CountOneTimePrekeys(device1_), 7u);
  EXPECT_TRUE(*store_->HasSignedPrekey(device1_));

  std::vector<uint32_t> ids;
  for (;;) {
    auto bundles = store_->TakeBundles(account_, 1);
    ASSERT_TRUE(bundles.ok());
    ASSERT_EQ(bundles->size(), 1u);
    EXPECT_EQ((*bundles)[0].signed_prekey.id, 7u);
    if (!(*bundles)[0].one_time) break;
    ids.push_back((*bundles)[0].one_time->id);
    if (ids.back() == 3) {
      EXPECT_EQ((*bundles)[0].one_time->public_key, std::string(33, 'R'));
    }
  }
  EXPECT_EQ(ids, (std::vector<uint32_t>{1, 2, 3, 4, 5, 6, 7}));  // lowest id first
}

TEST_F(PrekeyStoreTest, FirstUploadNeedsASignedPrekeyLaterOnesDoNot) {
  Status first = store_->StorePrekeys(device1_, Upload(1, 3, /*with_signed=*/false), 100);
  EXPECT_EQ(first.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*store_->CountOneTimePrekeys(device1_), 0u);  // nothing of it was stored
  EXPECT_FALSE(*store_->HasSignedPrekey(device1_));
  EXPECT_TRUE(store_->TakeBundles(account_, 1)->empty());

  ASSERT_TRUE(store_->StorePrekeys(device1_, Upload(1, 0), 100).ok());
  EXPECT_TRUE(store_->StorePrekeys(device1_, Upload(1, 3, /*with_signed=*/false), 100).ok());
  EXPECT_EQ(*store_->CountOneTimePrekeys(device1_), 3u);
}

TEST_F(PrekeyStoreTest, StockLimitRefusesTheWholeUpload) {
  ASSERT_TRUE(store_->StorePrekeys(device1_, Upload(1, 8), 10).ok());
  Status over = store_->StorePrekeys(device1_, Upload(100, 3), 10);
  EXPECT_EQ(over.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(*store_->CountOneTimePrekeys(device1_), 8u);
  // Replacing existing ids does not grow the stock.
  EXPECT_TRUE(store_->StorePrekeys(device1_, Upload(1, 8), 10).ok());
}

TEST_F(PrekeyStoreTest, IdentityKeyCannotChange) {
  ASSERT_TRUE(store_->StorePrekeys(device1_, Upload(1, 2), 100).ok());
  PrekeyUpload other = Upload(10, 2);
  other.identity_key = std::string(33, 'X');
  EXPECT_EQ(store_->StorePrekeys(device1_, other, 100).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(*store_->CountOneTimePrekeys(device1_), 2u);
  EXPECT_EQ((*store_->TakeBundles(account_, 1))[0].identity_key, std::string(33, 'I'));
}

TEST_F(PrekeyStoreTest, UnknownDeviceIsNotFound) {
  EXPECT_EQ(store_->StorePrekeys({account_, 9}, Upload(1, 1), 100).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->TakeBundles(account_, 9).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->TakeBundles(TestAccount(99), std::nullopt).status().code(),
            StatusCode::kNotFound);
}

TEST_F(PrekeyStoreTest, BundlesWithAndWithoutOneTimeKeys) {
  const uint32_t second = *store_->AddDevice(account_, TestDevice('b'));
  const uint32_t third = *store_->AddDevice(account_, TestDevice('c'));  // never uploads
  ASSERT_TRUE(store_->StorePrekeys(device1_, Upload(1, 1), 100).ok());
  ASSERT_TRUE(store_->StorePrekeys({account_, second}, Upload(1, 0), 100).ok());

  auto bundles = store_->TakeBundles(account_, std::nullopt);
  ASSERT_TRUE(bundles.ok());
  ASSERT_EQ(bundles->size(), 2u);  // the device without keys has no bundle
  EXPECT_EQ((*bundles)[0].device_id, 1u);
  EXPECT_EQ((*bundles)[0].registration_id, 42u);
  ASSERT_TRUE((*bundles)[0].one_time.has_value());
  EXPECT_EQ((*bundles)[0].one_time->id, 1u);
  EXPECT_EQ((*bundles)[1].device_id, second);
  EXPECT_FALSE((*bundles)[1].one_time.has_value());
  EXPECT_NE((*bundles)[1].device_id, third);

  bundles = store_->TakeBundles(account_, std::nullopt);  // stock now empty
  ASSERT_EQ(bundles->size(), 2u);
  EXPECT_FALSE((*bundles)[0].one_time.has_value());
  EXPECT_EQ((*bundles)[0].signed_prekey.public_key, std::string(33, 'S'));
}

TEST_F(PrekeyStoreTest, ConcurrentTakersNeverShareAKeyAndDrainTheStock) {
  constexpr uint32_t kKeys = 200;
  ASSERT_TRUE(store_->StorePrekeys(device1_, Upload(1, kKeys), kKeys).ok());
  std::mutex mu;
  std::vector<uint32_t> handed_out;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        auto bundles = store_->TakeBundles(account_, std::nullopt);
        ASSERT_TRUE(bundles.ok());
        if (!(*bundles)[0].one_time) return;
        std::lock_guard lock(mu);
        handed_out.push_back((*bundles)[0].one_time->id);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<uint32_t> unique(handed_out.begin(), handed_out.end());
  EXPECT_EQ(handed_out.size(), kKeys);
  EXPECT_EQ(unique.size(), kKeys);
  EXPECT_EQ(*store_->CountOneTimePrekeys(device1_), 0u);
}

}  // namespace
}  // namespace kollega::storage
