// SPDX-License-Identifier: GPL-3.0-or-later
#include "tls_outbox.h"

#include <new>

namespace kollega::server {
namespace {

int Write(BIO* bio, const char* data, int size) {
  auto* outbox = static_cast<std::string*>(::BIO_get_data(bio));
  if (outbox == nullptr || size < 0) return -1;
  try {
    outbox->append(data, static_cast<size_t>(size));
  } catch (const std::bad_alloc&) {
    return -1;
  }
  return size;
}

long Control(BIO*, int cmd, long, void*) {
  // OpenSSL flushes after each handshake flight; there is nothing to do
  // until the stream sends the outbox. Everything else is unsupported.
  return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

int Create(BIO* bio) {
  ::BIO_set_init(bio, 1);
  return 1;
}

const BIO_METHOD* OutboxMethod() {
  static BIO_METHOD* const method = [] {
    BIO_METHOD* m = ::BIO_meth_new(::BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "kollega-outbox");
    if (m == nullptr) return m;
    ::BIO_meth_set_write(m, Write);
    ::BIO_meth_set_ctrl(m, Control);
    ::BIO_meth_set_create(m, Create);
    return m;
  }();
  return method;
}

}  // namespace

BIO* NewOutboxBio(std::string* outbox) {
  const BIO_METHOD* method = OutboxMethod();
  if (method == nullptr) return nullptr;
  BIO* bio = ::BIO_new(method);
  if (bio != nullptr) ::BIO_set_data(bio, outbox);
  return bio;
}

}  // namespace kollega::server
