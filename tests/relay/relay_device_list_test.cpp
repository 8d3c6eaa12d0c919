// Signed device lists on the real relay (docs/trust.md §2-3,
// docs/protocol.md §4.13-4.15): publish and fetch, the checks a list must
// pass, unlinking (mailbox, prekeys and auth key gone, connection closed,
// the others told), self-unlink, the list carried by bundles and
// STALE_DEVICES. The signatures are arbitrary 64 bytes: the relay does not
// check them, clients do.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "device_list_fixture.h"

namespace kollega::testing {
namespace {

TEST_F(RelayTest, PublishedListRoundTrips) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);

  // No list yet: an empty message.
  auto none = bob_c->Call(GetList(alice->account));
  ASSERT_TRUE(none);
  ASSERT_EQ(none->code(), wire::OK);
  EXPECT_TRUE(none->has_signed_device_list());
  EXPECT_TRUE(none->signed_device_list().body().empty());

  const wire::SignedDeviceList list = MakeList(alice->account, 1, {*alice});
  auto published = alice_c->Call(Publish(list));
  ASSERT_TRUE(published);
  ASSERT_EQ(published->code(), wire::OK) << published->message();
  EXPECT_EQ(published->signed_device_list().SerializeAsString(), list.SerializeAsString());

  auto got = bob_c->Call(GetList(alice->account));
  ASSERT_TRUE(got);
  ASSERT_EQ(got->code(), wire::OK);
  EXPECT_EQ(got->signed_device_list().SerializeAsString(), list.SerializeAsString());
  EXPECT_EQ(bob_c->Call(GetList(std::string(16, 'z')))->code(), wire::UNKNOWN_ACCOUNT);
}

TEST_F(RelayTest, RolledBackOrEqualVersionIsStaleWithTheStoredList) {
  std::unique_ptr<TestClient> alice_c;
  auto alice = NewRecipient(port(), &alice_c);
  ASSERT_TRUE(alice);
  const wire::SignedDeviceList v2 = MakeList(alice->account, 2, {*alice});
  ASSERT_EQ(alice_c->Call(Publish(v2))->code(), wire::OK);

  for (uint64_t version : {1, 2}) {
    auto stale = alice_c->Call(Publish(MakeList(alice->account, version, {*alice}, "other")));
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->code(), wire::STALE_DEVICES) << "version " << version;
    EXPECT_EQ(stale->device_mismatch().device_list().SerializeAsString(), v2.SerializeAsString());
  }
  auto got = alice_c->Call(GetList(alice->account));
  EXPECT_EQ(got->signed_device_list().SerializeAsString(), v2.SerializeAsString());
}

TEST_F(RelayTest, ListsThatDoNotMatchTheAccountAreRefused) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  auto alice2 = LinkDevice(port(), *alice_c, *alice);
  ASSERT_TRUE(alice2);

  auto expect_invalid = [&](const wire::SignedDeviceList& list, const char* what) {
    auto r = alice_c->Call(Publish(list));
    ASSERT_TRUE(r) << what;
    EXPECT_EQ(r->code(), wire::INVALID_ARGUMENT) << what << ": " << r->message();
  };
  // Another account's id in the body.
  expect_invalid(MakeList(bob->account, 1, {*alice}), "names another account");
  // A device the relay never registered.
  TestDevice ghost = *alice2;
  ghost.device_id = 7;
  expect_invalid(MakeList(alice->account, 1, {*alice, ghost}), "unknown device");
  // A registered device, but with a key of the list writer's choosing.
  TestDevice rekeyed = *alice2;
  rekeyed.key = bob->key;
  expect_invalid(MakeList(alice->account, 1, {*alice, rekeyed}), "wrong auth key");
  // Leaves out the publishing device.
  expect_invalid(MakeList(alice->account, 1, {*alice2}), "leaves out the caller");
  // Shape: signature length, unsorted ids, version 0, garbage body.
  wire::SignedDeviceList short_sig = MakeList(alice->account, 1, {*alice});
  short_sig.set_signature("sig");
  expect_invalid(short_sig, "short signature");
  expect_invalid(MakeList(alice->account, 1, {*alice2, *alice}), "descending ids");
  expect_invalid(MakeList(alice->account, 0, {*alice}), "version 0");
  wire::SignedDeviceList garbage = MakeList(alice->account, 1, {*alice});
  garbage.set_body("\xff\xff\xff");
  expect_invalid(garbage, "garbage body");

  // None of them was stored.
  EXPECT_TRUE(alice_c->Call(GetList(alice->account))->signed_device_list().body().empty());
  EXPECT_EQ(alice_c->Call(Publish(MakeList(alice->account, 1, {*alice, *alice2})))->code(),
            wire::OK);
}

TEST_F(RelayTest, BundlesAndStaleAnswersCarryTheListAndOnlyListedDevices) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  auto alice2 = LinkRecipient(port(), *alice_c, *alice);  // has keys, never listed
  ASSERT_TRUE(alice2);
  const wire::SignedDeviceList list = MakeList(alice->account, 1, {*alice});
  ASSERT_EQ(alice_c->Call(Publish(list))->code(), wire::OK);

  auto bundle = bob_c->Call(Fetch(alice->account));
  ASSERT_TRUE(bundle);
  ASSERT_EQ(bundle->code(), wire::OK);
  ASSERT_EQ(bundle->bundle().devices_size(), 1);
  EXPECT_EQ(bundle->bundle().devices(0).device_id(), 1u);
  EXPECT_EQ(bundle->bundle().device_list().SerializeAsString(), list.SerializeAsString());
  EXPECT_EQ(bob_c->Call(Fetch(alice->account, alice2->device_id))->code(), wire::UNKNOWN_DEVICE);

  // The unlisted device is not a recipient: naming it is "extra".
  auto stale = Send(*bob_c, alice->account, {1, alice2->device_id}, "x");
  ASSERT_TRUE(stale);
  ASSERT_EQ(stale->code(), wire::STALE_DEVICES);
  EXPECT_EQ(std::vector<uint32_t>(stale->device_mismatch().extra_devices().begin(),
                                  stale->device_mismatch().extra_devices().end()),
            std::vector<uint32_t>{alice2->device_id});
  EXPECT_EQ(stale->device_mismatch().device_list().SerializeAsString(), list.SerializeAsString());
  EXPECT_EQ(Send(*bob_c, alice->account, {1}, "x")->code(), wire::OK);
}

TEST_F(RelayTest, UnlinkDeletesTheDeviceClosesItAndTellsTheOthers) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  auto alice2 = LinkRecipient(port(), *alice_c, *alice);
  auto alice3 = LinkRecipient(port(), *alice_c, *alice);
  ASSERT_TRUE(alice2 && alice3);
  ASSERT_EQ(alice_c->Call(Publish(MakeList(alice->account, 1, {*alice, *alice2, *alice3})))->code(),
            wire::OK);
  auto phone = ConnectAs(port(), *alice2);
  auto laptop = ConnectAs(port(), *alice3);
  ASSERT_TRUE(phone && laptop);
  ASSERT_TRUE(WaitQueueEmpty(*phone));
  // Two envelopes reach the phone, which does not acknowledge them: they
  // stay in its mailbox.
  for (const char* text : {"one", "two"}) {
    ASSERT_EQ(Send(*bob_c, alice->account, {1, alice2->device_id, alice3->device_id}, text)->code(),
              wire::OK);
  }
  ASSERT_EQ(ReceiveEnvelopes(*phone, 2).size(), 2u);
  laptop->DiscardPending();

  const wire::SignedDeviceList v2 = MakeList(alice->account, 2, {*alice, *alice3});
  auto unlinked = alice_c->Call(Unlink(alice2->device_id, v2));
  ASSERT_TRUE(unlinked);
  ASSERT_EQ(unlinked->code(), wire::OK) << unlinked->message();
  EXPECT_EQ(unlinked->signed_device_list().SerializeAsString(), v2.SerializeAsString());

  // The phone is told and cut off at once.
  auto closing = phone->WaitPush(IsClosing);
  ASSERT_TRUE(closing);
  EXPECT_EQ(closing->closing().reason(), "device unlinked");
  ASSERT_TRUE(phone->WaitClosed());
  EXPECT_EQ(phone->close_info().code, 4002);
  // The laptop learns the new list.
  auto changed = laptop->WaitPush([](const wire::Push& p) { return p.has_device_list_changed(); });
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->device_list_changed().list().SerializeAsString(), v2.SerializeAsString());

  // The phone cannot come back, and is no recipient any more.
  auto again = TestClient::Connect(port());
  ASSERT_TRUE(again);
  EXPECT_EQ(Authenticate(*again, *alice2)->code(), wire::AUTH_FAILED);
  EXPECT_EQ(bob_c->Call(Fetch(alice->account, alice2->device_id))->code(), wire::UNKNOWN_DEVICE);
  auto stale = Send(*bob_c, alice->account, {1, alice2->device_id, alice3->device_id}, "x");
  EXPECT_EQ(stale->code(), wire::STALE_DEVICES);
  EXPECT_EQ(Send(*bob_c, alice->account, {1, alice3->device_id}, "x")->code(), wire::OK);
  auto devices = alice_c->Call(ListDevicesRequest());
  ASSERT_TRUE(devices);
  for (const wire::DeviceInfo& d : devices->device_list().devices()) {
    EXPECT_NE(d.device_id(), alice2->device_id);
  }
  again.reset();
  phone.reset();
  laptop.reset();
  alice_c.reset();
  bob_c.reset();

  // And its mailbox and prekeys are gone from the relay's files.
  ASSERT_EQ(relay_->Stop(), 0);
  auto store = OpenStore(relay_->data_dir());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const storage::DeviceAddress phone_box{alice->account, alice2->device_id};
  auto left = (*store)->Read(phone_box, 0, 100);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
  auto depth = (*store)->QueueDepth(phone_box);
  ASSERT_TRUE(depth.ok());
  EXPECT_EQ(*depth, 0u);
  EXPECT_EQ((*store)->CountOneTimePrekeys(phone_box).status().code(), StatusCode::kNotFound);
  EXPECT_EQ((*store)->GetDevice(phone_box).status().code(), StatusCode::kNotFound);
  // The laptop's mailbox is untouched: three envelopes, unacknowledged.
  EXPECT_EQ((*store)->Read({alice->account, alice3->device_id}, 0, 100)->size(), 3u);
  (*store)->Close();
}

TEST_F(RelayTest, ADeviceCanUnlinkItself) {
  std::unique_ptr<TestClient> alice_c;
  auto alice = NewRecipient(port(), &alice_c);
  ASSERT_TRUE(alice);
  auto alice2 = LinkRecipient(port(), *alice_c, *alice);
  ASSERT_TRUE(alice2);
  ASSERT_EQ(alice_c->Call(Publish(MakeList(alice->account, 1, {*alice, *alice2})))->code(),
            wire::OK);
  auto phone = ConnectAs(port(), *alice2);
  ASSERT_TRUE(phone);
  alice_c->DiscardPending();

  const wire::SignedDeviceList v2 = MakeList(alice->account, 2, {*alice});
  auto answer = phone->Call(Unlink(alice2->device_id, v2));
  ASSERT_TRUE(answer);  // answered before the connection closes
  EXPECT_EQ(answer->code(), wire::OK) << answer->message();
  EXPECT_TRUE(phone->WaitPush(IsClosing));
  EXPECT_TRUE(phone->WaitClosed());
  EXPECT_EQ(phone->close_info().code, 4002);
  auto changed = alice_c->WaitPush([](const wire::Push& p) { return p.has_device_list_changed(); });
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->device_list_changed().list().SerializeAsString(), v2.SerializeAsString());
  auto again = TestClient::Connect(port());
  EXPECT_EQ(Authenticate(*again, *alice2)->code(), wire::AUTH_FAILED);
}

TEST_F(RelayTest, UnlinkChecksTheNewList) {
  std::unique_ptr<TestClient> alice_c;
  auto alice = NewRecipient(port(), &alice_c);
  ASSERT_TRUE(alice);
  auto alice2 = LinkRecipient(port(), *alice_c, *alice);
  ASSERT_TRUE(alice2);
  ASSERT_EQ(alice_c->Call(Publish(MakeList(alice->account, 3, {*alice, *alice2})))->code(),
            wire::OK);
  // Still names the device; not a newer version; an unknown device.
  EXPECT_EQ(alice_c->Call(Unlink(2, MakeList(alice->account, 4, {*alice, *alice2})))->code(),
            wire::INVALID_ARGUMENT);
  auto stale = alice_c->Call(Unlink(2, MakeList(alice->account, 3, {*alice})));
  EXPECT_EQ(stale->code(), wire::STALE_DEVICES);
  EXPECT_FALSE(stale->device_mismatch().device_list().body().empty());
  EXPECT_EQ(alice_c->Call(Unlink(9, MakeList(alice->account, 4, {*alice, *alice2})))->code(),
            wire::UNKNOWN_DEVICE);
  // Nothing was removed by the refusals.
  EXPECT_TRUE(ConnectAs(port(), *alice2));
  EXPECT_EQ(alice_c->Call(Unlink(1, MakeList(alice->account, 4, {*alice2})))->code(), wire::OK)
      << "unlinking itself with a list of the others";
}

}  // namespace
}  // namespace kollega::testing
