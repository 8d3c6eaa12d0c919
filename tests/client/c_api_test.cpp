// Runs the C tests (c_api_smoke.c and c_api_async.c, compiled as C99)
// against a real relay.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <vector>

#include "c_api_test_util.h"
#include "client_test_util.h"
#include "kollega/client-core/kollega.h"

extern "C" int kollega_c_api_smoke(const char* relay_url, const char* dir_a, const char* dir_b);
extern "C" int kollega_c_api_async(const char* relay_url, const char* dir_a, const char* dir_b);

namespace kollega::testing {
namespace {

TEST(CApiTest, WorksFromCWithBlockingHelpers) {
  TempDir tmp;
  auto relay = MakeRelay();
  ASSERT_TRUE(relay->Start());
  EXPECT_EQ(kollega_c_api_smoke(relay->url().c_str(), tmp.Sub("a").c_str(), tmp.Sub("b").c_str()),
            0);
}

TEST(CApiTest, WorksFromCAsynchronously) {
  TempDir tmp;
  auto relay = MakeRelay();
  ASSERT_TRUE(relay->Start());
  EXPECT_EQ(kollega_c_api_async(relay->url().c_str(), tmp.Sub("a").c_str(), tmp.Sub("b").c_str()),
            0);
}

struct DeviceRow {
  uint32_t id;
  std::string name;
  bool this_device;
};

// kollega_devices(), waited for.
std::vector<DeviceRow> Devices(kollega_client* c) {
  struct Wait {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    std::vector<DeviceRow> rows;
  } w;
  auto fn = [](int rc, const kollega_device* const* items, size_t count, const char*,
               void* user_data) {
    auto* w = static_cast<Wait*>(user_data);
    std::lock_guard lock(w->mu);
    for (size_t i = 0; rc == KOLLEGA_OK && i < count; ++i) {
      EXPECT_TRUE(KOLLEGA_HAS_FIELD(items[i], kollega_device, this_device));
      w->rows.push_back({items[i]->device_id, items[i]->name, items[i]->this_device == 1});
    }
    w->done = true;
    w->cv.notify_all();
  };
  EXPECT_EQ(kollega_devices(c, fn, &w), KOLLEGA_OK);
  std::unique_lock lock(w.mu);
  w.cv.wait_for(lock, std::chrono::seconds(10), [&] { return w.done; });
  return w.rows;
}

TEST(CApiTest, ListsAndUnlinksThisAccountsDevices) {
  TempDir tmp;
  auto relay = MakeRelay();
  ASSERT_TRUE(relay->Start());
  kollega_client* phone = OpenWithTestKey(tmp.Sub("phone"));
  kollega_client* laptop = OpenWithTestKey(tmp.Sub("laptop"));
  ASSERT_TRUE(phone && laptop);
  ASSERT_EQ(kollega_create_account_sync(phone, relay->url().c_str()), KOLLEGA_OK);
  char* code = nullptr;
  ASSERT_EQ(kollega_start_linking_sync(phone, &code), KOLLEGA_OK);
  ASSERT_EQ(kollega_link_device_sync(laptop, relay->url().c_str(), code), KOLLEGA_OK);
  kollega_free_string(code);
  ASSERT_EQ(kollega_listen_sync(phone), KOLLEGA_OK);

  std::vector<DeviceRow> rows;
  ASSERT_TRUE(WaitFor([&] { return (rows = Devices(phone)).size() == 2; }));
  EXPECT_EQ(rows[0].id, 1u);
  EXPECT_TRUE(rows[0].this_device);
  EXPECT_EQ(rows[1].id, 2u);
  EXPECT_EQ(rows[1].name, "device 2");

  // The phone hears of the change as an event.
  ASSERT_EQ(kollega_unlink_device_sync(phone, 2), KOLLEGA_OK) << kollega_last_error();
  EXPECT_EQ(Devices(phone).size(), 1u);
  bool heard = false;
  kollega_event ev;
  for (int i = 0; i < 50 && !heard; ++i) {
    ev.size = sizeof ev;
    if (kollega_poll_event(phone, 100, &ev) != KOLLEGA_OK) continue;
    heard = ev.kind == KOLLEGA_EVENT_DEVICE_LIST_CHANGED && ev.outgoing == 1 && ev.device == 2 &&
            std::string(ev.detail) == "removed";
  }
  EXPECT_TRUE(heard);
  EXPECT_EQ(kollega_unlink_device_sync(phone, 0), KOLLEGA_ERR_INVALID_ARGUMENT);
  kollega_close(phone);
  kollega_close(laptop);
}

}  // namespace
}  // namespace kollega::testing
