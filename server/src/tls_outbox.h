// The output side of LeanTlsStream: a BIO that appends whatever OpenSSL
// writes to a std::string and never asks it to retry, so that sending is
// left to ordinary asynchronous writes (lean_tls_stream.h says why).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <openssl/bio.h>

#include <string>

namespace kollega::server {

// A new BIO writing into `*outbox`, which must outlive it; null without
// memory. Reads from it fail.
BIO* NewOutboxBio(std::string* outbox);

}  // namespace kollega::server
