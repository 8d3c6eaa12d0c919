// SPDX-License-Identifier: GPL-3.0-or-later
#include "store_fixture.h"

namespace kollega::storage {
namespace {

using AccountStoreTest = StoreTest;

TEST_F(AccountStoreTest, CreatesAccountWithFirstDevice) {
  Open();
  const AccountId a = TestAccount(1);
  ASSERT_TRUE(store_->CreateAccount(a, TestDevice('a')).ok());
  auto device = store_->GetDevice({a, 1});
  ASSERT_TRUE(device.ok()) << device.status().ToString();
  EXPECT_EQ(device->device_id, 1u);
  EXPECT_EQ(device->auth_public_key, std::string(32, 'a'));
  EXPECT_EQ(device->registration_id, 42u);
  EXPECT_EQ(device->created_ms, clock_.NowMs());
}

TEST_F(AccountStoreTest, RefusesExistingAccountId) {
  Open();
  const AccountId a = TestAccount(1);
  ASSERT_TRUE(store_->CreateAccount(a, TestDevice('a')).ok());
  Status again = store_->CreateAccount(a, TestDevice('b'));
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->GetDevice({a, 1})->auth_public_key, std::string(32, 'a'));
}

TEST_F(AccountStoreTest, RejectsMalformedAccountId) {
  Open();
  EXPECT_EQ(store_->CreateAccount("short", TestDevice()).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetDevice({"short", 1}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(AccountStoreTest, AddsDevicesWithFreshIdsAndListsThemInOrder) {
  Open();
  const AccountId a = TestAccount(1);
  ASSERT_TRUE(store_->CreateAccount(a, TestDevice('a')).ok());
  EXPECT_EQ(*store_->AddDevice(a, TestDevice('b')), 2u);
  EXPECT_EQ(*store_->AddDevice(a, TestDevice('c')), 3u);
  // A second account's devices do not show up in the first one's list.
  ASSERT_TRUE(store_->CreateAccount(TestAccount(2), TestDevice('z')).ok());

  auto devices = store_->ListDevices(a);
  ASSERT_TRUE(devices.ok());
  ASSERT_EQ(devices->size(), 3u);
  for (uint32_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*devices)[i].device_id, i + 1);
    EXPECT_EQ((*devices)[i].auth_public_key, std::string(32, static_cast<char>('a' + i)));
  }
  Reopen();
  EXPECT_EQ(*store_->AddDevice(a, TestDevice('d')), 4u);  // the counter is durable
}

// Sends check the device list from memory; a new device must show at once.
TEST_F(AccountStoreTest, DeviceListsStayCurrentAfterAddingADevice) {
  Open();
  const AccountId a = TestAccount(1);
  EXPECT_EQ(store_->ListDeviceIds(a).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->CreateAccount(a, TestDevice('a')).ok());
  EXPECT_EQ(*store_->ListDeviceIds(a), std::vector<uint32_t>{1});
  ASSERT_EQ(store_->ListDevices(a)->size(), 1u);
  ASSERT_EQ(*store_->AddDevice(a, TestDevice('b')), 2u);
  EXPECT_EQ(*store_->ListDeviceIds(a), (std::vector<uint32_t>{1, 2}));
  auto devices = store_->ListDevices(a);
  ASSERT_EQ(devices->size(), 2u);
  EXPECT_EQ((*devices)[1].auth_public_key, std::string(32, 'b'));
}

TEST_F(AccountStoreTest, UnknownAccountOrDeviceIsNotFound) {
  Open();
  const AccountId a = TestAccount(1);
  EXPECT_EQ(store_->AddDevice(a, TestDevice()).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListDevices(a).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetDevice({a, 1}).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->CreateAccount(a, TestDevice()).ok());
  EXPECT_EQ(store_->GetDevice({a, 2}).status().code(), StatusCode::kNotFound);
}

TEST_F(AccountStoreTest, LinkTokenWorksExactlyOnce) {
  Open();
  const AccountId a = TestAccount(1);
  const std::string token(32, 't');
  ASSERT_TRUE(store_->PutLinkToken(a, token, clock_.NowMs() + 60'000, "").ok());
  EXPECT_EQ(store_->TakeLinkToken(TestAccount(2), token).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->TakeLinkToken(a, std::string(32, 'u')).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->TakeLinkToken(a, token).status().ok());
  EXPECT_EQ(store_->TakeLinkToken(a, token).status().code(), StatusCode::kNotFound);
  Reopen();
  EXPECT_EQ(store_->TakeLinkToken(a, token).status().code(), StatusCode::kNotFound);
}

TEST_F(AccountStoreTest, LinkTokenHandsOutItsSealedBlobOnce) {
  Open();
  const AccountId a = TestAccount(1);
  const std::string token(32, 'b');
  const std::string blob = "sealed\0provisioning" + std::string(3000, 'x');
  ASSERT_TRUE(store_->PutLinkToken(a, token, clock_.NowMs() + 60'000, blob).ok());
  Reopen();
  auto taken = store_->TakeLinkToken(a, token);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(*taken, blob);
  EXPECT_EQ(store_->TakeLinkToken(a, token).status().code(), StatusCode::kNotFound);
}

TEST_F(AccountStoreTest, ExpiredLinkTokenIsRefused) {
  Open();
  const AccountId a = TestAccount(1);
  const std::string token(32, 't');
  ASSERT_TRUE(store_->PutLinkToken(a, token, clock_.NowMs() + 60'000, "").ok());
  clock_.Advance(60'000);
  EXPECT_EQ(store_->TakeLinkToken(a, token).status().code(), StatusCode::kNotFound);
}

TEST_F(AccountStoreTest, ConcurrentConsumersGetTheTokenOnce) {
  Open();
  const AccountId a = TestAccount(1);
  const std::string token(32, 't');
  ASSERT_TRUE(store_->PutLinkToken(a, token, clock_.NowMs() + 60'000, "").ok());
  std::atomic<int> wins{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (store_->TakeLinkToken(a, token).status().ok()) ++wins;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
}

TEST_F(AccountStoreTest, CallsAfterCloseAreUnavailable) {
  Open();
  store_->Close();
  store_->Close();  // idempotent
  EXPECT_EQ(store_->CreateAccount(TestAccount(1), TestDevice()).code(), StatusCode::kUnavailable);
  EXPECT_EQ(store_->ListDevices(TestAccount(1)).status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace kollega::storage
