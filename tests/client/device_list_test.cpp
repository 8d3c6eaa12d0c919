// SPDX-License-Identifier: GPL-3.0-or-later
// The signed device list format (client-core/src/kernel/device_list.h,
// docs/trust.md §2 rules 1-4, docs/protocol-recipes.md "Signed device list").
#include "kernel/device_list.h"

#include <gtest/gtest.h>

#include "kollega/base/hex.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client {
namespace {

class DeviceListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto context = crypto::SignalContext::Create();
    ASSERT_TRUE(context.ok());
    context_ = std::move(*context);
    auto identity = crypto::GenerateIdentityKeyPair(*context_);
    ASSERT_TRUE(identity.ok());
    identity_ = *identity;
    account_ = crypto::RandomBytes(16);
  }

  wire::DeviceListBody Body(uint64_t version, std::vector<uint32_t> ids) {
    wire::DeviceListBody body;
    body.set_account_id(account_);
    body.set_version(version);
    for (uint32_t id : ids) {
      auto* d = body.add_devices();
      d->set_device_id(id);
      d->set_auth_public_key(std::string(32, static_cast<char>(id)));
      d->set_registration_id(100 + id);
      d->set_linked_at_ms(1000 * id);
    }
    return body;
  }

  // Signs a body as is, without the builder's own checks: what a buggy or
  // hostile signer could produce.
  wire::SignedDeviceList SignRaw(const wire::DeviceListBody& body) {
    wire::SignedDeviceList list;
    body.SerializeToString(list.mutable_body());
    auto sig = crypto::SignWithIdentity(*context_, identity_, DeviceListSigningInput(list.body()));
    EXPECT_TRUE(sig.ok());
    list.set_signature(*sig);
    return list;
  }

  Result<wire::DeviceListBody> Verify(const wire::SignedDeviceList& list,
                                      std::optional<AcceptedDeviceList> accepted = std::nullopt) {
    return VerifyDeviceList(*context_, list, identity_.public_key, account_, accepted);
  }

  std::unique_ptr<crypto::SignalContext> context_;
  crypto::IdentityKeyPair identity_;
  std::string account_;
};

TEST_F(DeviceListTest, GoodListVerifies) {
  auto list = SignDeviceList(*context_, identity_, Body(1, {1, 2}));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  auto body = Verify(*list);
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(body->version(), 1u);
  EXPECT_TRUE(ListsDevice(*body, 2));
  EXPECT_FALSE(ListsDevice(*body, 3));
}

TEST_F(DeviceListTest, TamperedBodyOrSignatureIsRefused) {
  auto list = SignDeviceList(*context_, identity_, Body(1, {1, 2}));
  ASSERT_TRUE(list.ok());
  for (size_t i = 0; i < list->body().size(); ++i) {
    wire::SignedDeviceList bad = *list;
    (*bad.mutable_body())[i] ^= 0x01;
    EXPECT_EQ(Verify(bad).status().code(), StatusCode::kUnauthenticated) << i;
  }
  for (size_t i = 0; i < list->signature().size(); i += 7) {
    wire::SignedDeviceList bad = *list;
    (*bad.mutable_signature())[i] ^= 0x01;
    EXPECT_EQ(Verify(bad).status().code(), StatusCode::kUnauthenticated) << i;
  }
}

TEST_F(DeviceListTest, TruncatedIsRefused) {
  auto list = SignDeviceList(*context_, identity_, Body(1, {1, 2}));
  ASSERT_TRUE(list.ok());
  wire::SignedDeviceList short_body = *list;
  short_body.mutable_body()->resize(list->body().size() - 1);
  EXPECT_FALSE(Verify(short_body).ok());
  wire::SignedDeviceList short_sig = *list;
  short_sig.mutable_signature()->resize(63);
  EXPECT_FALSE(Verify(short_sig).ok());
  EXPECT_FALSE(Verify(wire::SignedDeviceList()).ok());
}

TEST_F(DeviceListTest, AnotherIdentityIsRefused) {
  auto other = crypto::GenerateIdentityKeyPair(*context_);
  ASSERT_TRUE(other.ok());
  auto list = SignDeviceList(*context_, *other, Body(1, {1}));
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(Verify(*list).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(DeviceListTest, ReorderedDuplicateOrEmptyIsRefusedEvenWhenSigned) {
  EXPECT_FALSE(SignDeviceList(*context_, identity_, Body(1, {2, 1})).ok());
  EXPECT_EQ(Verify(SignRaw(Body(1, {2, 1}))).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Verify(SignRaw(Body(1, {1, 1}))).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Verify(SignRaw(Body(1, {}))).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Verify(SignRaw(Body(0, {1}))).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(DeviceListTest, WrongAccountIsRefused) {
  wire::DeviceListBody body = Body(1, {1});
  body.set_account_id(crypto::RandomBytes(16));
  auto list = SignDeviceList(*context_, identity_, body);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(Verify(*list).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(DeviceListTest, VersionRulesAgainstTheAcceptedList) {
  auto v2 = SignDeviceList(*context_, identity_, Body(2, {1, 2}));
  auto v1 = SignDeviceList(*context_, identity_, Body(1, {1}));
  auto v2_other = SignDeviceList(*context_, identity_, Body(2, {1, 3}));
  auto v3 = SignDeviceList(*context_, identity_, Body(3, {1}));
  ASSERT_TRUE(v2.ok() && v1.ok() && v2_other.ok() && v3.ok());
  const AcceptedDeviceList accepted{2, v2->body()};
  EXPECT_EQ(Verify(*v1, accepted).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Verify(*v2_other, accepted).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Verify(*v2, accepted).ok());  // the same list again (re-signed or not)
  wire::SignedDeviceList resigned = SignRaw(Body(2, {1, 2}));
  EXPECT_TRUE(Verify(resigned, accepted).ok());
  EXPECT_TRUE(Verify(*v3, accepted).ok());
}

TEST_F(DeviceListTest, SealedNameOpensOnlyForItsDevice) {
  const std::string secret = crypto::RandomBytes(32);
  auto sealed = SealDeviceName(secret, account_, 2, "laptop");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("laptop"), std::string::npos);
  auto opened = OpenDeviceName(secret, account_, 2, *sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "laptop");
  EXPECT_FALSE(OpenDeviceName(secret, account_, 3, *sealed).ok());
  EXPECT_FALSE(OpenDeviceName(crypto::RandomBytes(32), account_, 2, *sealed).ok());
  std::string bad = *sealed;
  bad.back() ^= 1;
  EXPECT_FALSE(OpenDeviceName(secret, account_, 2, bad).ok());
}

// docs/protocol-recipes.md "Signed device list": the published vector,
// recomputed by the code clients run, so the recipe and the code agree.
TEST(DeviceListVectorTest, RecipeVector) {
  auto context = crypto::SignalContext::Create();
  ASSERT_TRUE(context.ok());
  const std::string pub =
      *FromHex("05d4966ba2234ea049b4cf4833c049ddff54e751387ef9080d42230b61d22d8d69");
  std::string account;
  for (int i = 0; i < 16; ++i) account.push_back(static_cast<char>(i));
  std::string nonce;
  for (int i = 0; i < 12; ++i) nonce.push_back(static_cast<char>(0xa0 + i));
  const std::string secret(32, '\x42');
  auto sealed = SealDeviceNameWithNonce(secret, account, 1, "phone", nonce);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(ToHex(*sealed), "a0a1a2a3a4a5a6a7a8a9aaab142326922d6fd7916be16b52cfbb762512284c294b");
  wire::DeviceListBody body;
  body.set_account_id(account);
  body.set_version(1);
  auto* d = body.add_devices();
  d->set_device_id(1);
  d->set_auth_public_key(std::string(32, '\x11'));
  d->set_registration_id(1234);
  d->set_linked_at_ms(1700000000000);
  d->set_sealed_name(*sealed);
  wire::SignedDeviceList list;
  ASSERT_TRUE(body.SerializeToString(list.mutable_body()));
  EXPECT_EQ(ToHex(list.body()),
            "0a10000102030405060708090a0b0c0d0e0f10011a5108011220111111111111111111111111111111"
            "111111111111111111111111111111111118d2092080d095ffbc312a21a0a1a2a3a4a5a6a7a8a9aaab"
            "142326922d6fd7916be16b52cfbb762512284c294b");
  EXPECT_EQ(ToHex(DeviceListSigningInput(list.body())).substr(0, 44),
            "6b6f6c6c6567612d646576696365732d7631"
            "00000067");
  list.set_signature(*FromHex(
      "1da33ea10bc0762b86cc45864cdb7ee4dd3620bdec50f1d834b091ccdc2b3b3f2797aafe8ea0830a8e4db0f9f4"
      "d1e36eccea788ea195231318ccd2a79c5d0188"));
  auto verified = VerifyDeviceList(**context, list, pub, account, std::nullopt);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  auto name = OpenDeviceName(secret, account, 1, verified->devices(0).sealed_name());
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "phone");
}

}  // namespace
}  // namespace kollega::client
