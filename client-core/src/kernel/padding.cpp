// SPDX-License-Identifier: GPL-3.0-or-later
#include "padding.h"

namespace kollega::client {
namespace {

constexpr size_t kSmallBuckets[] = {256, 512, 1024, 2048, 4096};
constexpr size_t kLargeStep = 4096;
// Field 15, wire type 2 (length-delimited): one tag byte.
constexpr size_t kPaddingTagBytes = 1;

size_t VarintSize(size_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

}  // namespace

size_t PaddingBucket(size_t size) {
  for (size_t b : kSmallBuckets) {
    if (size <= b) return b;
  }
  return (size + kLargeStep - 1) / kLargeStep * kLargeStep;
}

Result<std::string> SerializePadded(content::Content content) {
  content.clear_padding();
  const size_t bare = content.ByteSizeLong();
  // Proto3 omits an empty bytes field, so padding costs at least tag + length
  // + one byte; when the bare size sits just under a bucket boundary, no
  // padding length lands exactly on it and the next bucket is used.
  for (size_t bucket = PaddingBucket(bare + kPaddingTagBytes + 2);;
       bucket = PaddingBucket(bucket + 1)) {
    for (size_t len_bytes = 1; len_bytes <= 5; ++len_bytes) {
      if (bucket < bare + kPaddingTagBytes + len_bytes + 1) break;
      const size_t pad = bucket - bare - kPaddingTagBytes - len_bytes;
      if (VarintSize(pad) != len_bytes) continue;
      content.set_padding(std::string(pad, '\0'));
      std::string out;
      if (!content.SerializeToString(&out)) return Internal("cannot serialize content");
      if (out.size() != bucket) return Internal("padding arithmetic is off");
      return out;
    }
  }
}

}  // namespace kollega::client
