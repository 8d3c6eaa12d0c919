// The C API for organisations and cases (kollega_cases.h) against the real
// relay, which holds what the test's organisation published: a seeker joins
// by card, filters the directory, reads the safety contacts, opens a case,
// sees it with its limit and closes it.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <condition_variable>
#include <cstring>
#include <mutex>

#include "../c_api_test_util.h"
#include "../client_test_util.h"
#include "kollega/client-core/kollega.h"
#include "kollega/client-core/relay_connection.h"
#include "kollega/crypto/device_key.h"
#include "kollega/org/card.h"
#include "kollega/org/signed_object.h"
#include "organisations/forged_directory.h"

namespace kollega::testing {
namespace {

constexpr int64_t kYear = 365LL * 24 * 3600 * 1000;

// Waits for one callback and keeps what it said.
struct Waiter {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  int rc = -1;
  std::string result;
  std::vector<std::string> rows;

  void Finish(int code, const char* text) {
    std::lock_guard lock(mu);
    rc = code;
    result = text ? text : "";
    done = true;
    cv.notify_all();
  }
  int Wait() {
    std::unique_lock lock(mu);
    cv.wait_for(lock, std::chrono::seconds(15), [&] { return done; });
    int out = done ? rc : -2;
    done = false;
    return out;
  }
  static void Done(int rc, const char* result, void* self) {
    static_cast<Waiter*>(self)->Finish(rc, result);
  }
};

class CApiCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    relay_ = MakeRelay({"--any-organisation"});
    ASSERT_TRUE(relay_->Start());
    org::Policy policy;
    policy.set_format(1);
    policy.set_org_key(key_.public_key());
    policy.set_version(1);
    policy.set_name("Kollegahjelpen");
    policy.add_categories()->set_id("burnout");
    auto* card = policy.add_resources();
    card->set_id("psychologist");
    (*card->mutable_titles())["nb"] = "Psykolog";
    policy.mutable_case_limit()->set_max_conversations(1);
    auto* no = policy.add_emergency();
    no->set_country("NO");
    auto* ambulance = no->add_contacts();
    ambulance->set_label("Medical emergency");
    ambulance->set_phone("113");
    policy.mutable_on_call()->set_phone("+47 00 00 00 00");
    Publish(org::POLICY, policy);
    Certify(1, std::string(16, '\x11'), "Kari", "Oslo");
    Certify(2, std::string(16, '\x22'), "Ola", "Bergen");
  }

  void Publish(org::ObjectKind kind, const google::protobuf::MessageLite& m) {
    auto endpoint = client::RelayEndpoint::Parse(relay_->url());
    ASSERT_TRUE(endpoint.ok());
    auto link = client::RelayConnection::Connect(*endpoint, {});
    ASSERT_TRUE(link.ok()) << link.status().ToString();
    wire::Request request;
    request.mutable_publish_org_object()->set_org_key(key_.public_key());
    request.mutable_publish_org_object()->set_signed_object(
        org::Sign(key_, kind, m)->SerializeAsString());
    auto response = (*link)->Call(request, std::chrono::seconds(5));
    ASSERT_TRUE(response.ok()) << response.status().ToString();
    ASSERT_EQ(response->code(), wire::OK) << response->message();
  }

  void Certify(uint64_t serial, const std::string& account, const std::string& name,
               const std::string& region) {
    org::HelperCertificate c;
    c.set_format(1);
    c.set_org_key(key_.public_key());
    c.set_serial(serial);
    c.set_account_id(account);
    c.set_identity_key(std::string(1, '\x05') + std::string(32, static_cast<char>(serial)));
    c.mutable_profile()->set_name(name);
    c.mutable_profile()->set_region(region);
    c.mutable_profile()->add_languages("nb");
    c.mutable_profile()->add_languages("en");
    c.set_issued_ms(Now() - kYear);
    c.set_expires_ms(Now() + kYear);
    Publish(org::HELPER_CERTIFICATE, c);
  }

  kollega_client* OpenSeeker() { return OpenWithTestKey(tmp_.Sub("seeker")); }

  TempDir tmp_;
  std::unique_ptr<RelayProcess> relay_;
  crypto::DeviceKey key_ = crypto::DeviceKey::Generate().value();
};

TEST_F(CApiCasesTest, ASeekerJoinsFiltersOpensAndClosesACaseFromC) {
  kollega_client* c = OpenSeeker();
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(kollega_create_account_sync(c, relay_->url().c_str()), KOLLEGA_OK)
      << kollega_last_error();
  ASSERT_EQ(kollega_connect_sync(c), KOLLEGA_OK);
  Waiter w;
  const std::string card = org::EncodeCard({relay_->url(), key_.public_key()});
  ASSERT_EQ(kollega_join_organisation(c, card.c_str(), Waiter::Done, &w), KOLLEGA_OK);
  ASSERT_EQ(w.Wait(), KOLLEGA_OK) << w.result;
  const std::string org_id = w.result;
  EXPECT_EQ(org_id.size(), 64u);

  kollega_helper_filter filter;
  std::memset(&filter, 0, sizeof filter);
  filter.size = sizeof filter;
  filter.region = "bergen";
  ASSERT_EQ(kollega_helpers(
                c, &filter,
                [](int rc, const kollega_helper* const* items, size_t count, const char* error,
                   void* self) {
                  auto* w = static_cast<Waiter*>(self);
                  for (size_t i = 0; i < count; ++i) {
                    w->rows.push_back(std::string(items[i]->name) + "/" + items[i]->languages);
                  }
                  w->Finish(rc, error);
                },
                &w),
            KOLLEGA_OK);
  ASSERT_EQ(w.Wait(), KOLLEGA_OK) << w.result;
  EXPECT_EQ(w.rows, (std::vector<std::string>{"Ola/nb,en"}));
  w.rows.clear();

  ASSERT_EQ(kollega_safety_contacts(
                c, org_id.c_str(), "NO",
                [](int rc, const kollega_contact* const* items, size_t count, const char* error,
                   void* self) {
                  auto* w = static_cast<Waiter*>(self);
                  for (size_t i = 0; i < count; ++i) w->rows.push_back(items[i]->phone);
                  w->Finish(rc, error);
                },
                &w),
            KOLLEGA_OK);
  ASSERT_EQ(w.Wait(), KOLLEGA_OK);
  EXPECT_EQ(w.rows, (std::vector<std::string>{"113", "+47 00 00 00 00"}));
  w.rows.clear();

  ASSERT_EQ(kollega_open_case(c, org_id.c_str(), "22222222222222222222222222222222", "burnout",
                              "Hello Ola", Waiter::Done, &w),
            KOLLEGA_OK);
  ASSERT_EQ(w.Wait(), KOLLEGA_OK) << w.result;
  const std::string case_id = w.result;
  ASSERT_EQ(kollega_cases(
                c,
                [](int rc, const kollega_case* const* items, size_t count, const char* error,
                   void* self) {
                  auto* w = static_cast<Waiter*>(self);
                  for (size_t i = 0; i < count; ++i) {
                    EXPECT_TRUE(KOLLEGA_HAS_FIELD(items[i], kollega_case, handover_to));
                    w->rows.push_back(std::string(items[i]->case_id) + " " +
                                      std::to_string(items[i]->limit) + " " +
                                      items[i]->limit_reason);
                  }
                  w->Finish(rc, error);
                },
                &w),
            KOLLEGA_OK);
  ASSERT_EQ(w.Wait(), KOLLEGA_OK);
  EXPECT_EQ(w.rows,
            (std::vector<std::string>{case_id + " 2 1 of 1 conversations: this is the last one"}));

  ASSERT_EQ(kollega_close_case(c, case_id.c_str(), 0, Waiter::Done, &w), KOLLEGA_OK);
  ASSERT_EQ(w.Wait(), KOLLEGA_OK) << w.result;
  EXPECT_EQ(w.result, "") << "no debrief prompt for a seeker";
  EXPECT_EQ(kollega_open_case(c, nullptr, "x", nullptr, "x", nullptr, nullptr),
            KOLLEGA_ERR_INVALID_ARGUMENT);
  kollega_close(c);
}

}  // namespace
}  // namespace kollega::testing
