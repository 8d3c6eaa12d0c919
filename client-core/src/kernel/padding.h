// Content padding: every plaintext a client encrypts is a serialized
// kollega.content.Content whose `padding` field fills it up to a size
// bucket, so the relay (which sees ciphertext lengths) learns only the
// bucket, not the length of what was written.
//
// Buckets: 256, 512, 1024, 2048, 4096 bytes, then multiples of 4096. Small
// messages (most chat lines, every receipt) share the 256 bucket; above
// 4 KiB the overhead stays under 100 %. Padding bytes are zeros: they are
// encrypted, so their value carries nothing.
//
// Thread-safety: pure functions.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>

#include "content.pb.h"
#include "kollega/base/status.h"

namespace kollega::client {

// The smallest bucket that holds `size` bytes.
size_t PaddingBucket(size_t size);

// Sets content.padding so that the serialized size is exactly a bucket, and
// returns the serialized bytes.
Result<std::string> SerializePadded(content::Content content);

}  // namespace kollega::client
