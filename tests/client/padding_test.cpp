// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/padding.h"

#include <gtest/gtest.h>

namespace kollega::client {
namespace {

TEST(PaddingTest, BucketsAreFixedThenMultiplesOf4096) {
  EXPECT_EQ(PaddingBucket(0), 256u);
  EXPECT_EQ(PaddingBucket(256), 256u);
  EXPECT_EQ(PaddingBucket(257), 512u);
  EXPECT_EQ(PaddingBucket(4096), 4096u);
  EXPECT_EQ(PaddingBucket(4097), 8192u);
  EXPECT_EQ(PaddingBucket(12289), 16384u);
}

TEST(PaddingTest, EverySizeLandsExactlyOnABucketAndRoundTrips) {
  for (size_t len = 0; len < 9000; len += (len < 600 ? 1 : 37)) {
    content::Content c;
    c.set_message_id(std::string(16, 'i'));
    c.set_sent_at_ms(1700000000000);
    c.mutable_data()->set_text(std::string(len, 'x'));
    auto bytes = SerializePadded(c);
    ASSERT_TRUE(bytes.ok()) << len;
    EXPECT_EQ(bytes->size(), PaddingBucket(bytes->size())) << len;
    EXPECT_GE(bytes->size(), c.ByteSizeLong());
    content::Content back;
    ASSERT_TRUE(back.ParseFromString(*bytes));
    EXPECT_EQ(back.data().text(), c.data().text());
    EXPECT_EQ(back.message_id(), c.message_id());
  }
}

TEST(PaddingTest, ShortMessagesAndReceiptsShareTheSmallestBucket) {
  content::Content a;
  a.set_message_id(std::string(16, 'a'));
  a.mutable_data()->set_text("hi");
  content::Content b;
  b.set_message_id(std::string(16, 'b'));
  b.mutable_receipt()->add_message_ids(std::string(16, 'c'));
  EXPECT_EQ(SerializePadded(a)->size(), 256u);
  EXPECT_EQ(SerializePadded(b)->size(), 256u);
}

}  // namespace
}  // namespace kollega::client
