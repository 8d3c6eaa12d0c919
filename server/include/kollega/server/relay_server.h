// RelayServer: the running relay — listener, HTTP and WebSocket sessions,
// the registry of connected devices — on a pool of io threads.
//
// Beast and Asio stay behind this header (pimpl), so linking the relay into
// a test or a tool does not pull them into the caller's compile.
//
// Ownership: borrows the RelayStore, which must outlive the server and is
// closed by the caller after Drain() (in-flight appends then still answer
// their senders). Thread-safety: Start/Drain/destructor from one thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "kollega/base/clock.h"
#include "kollega/base/status.h"
#include "kollega/server/config.h"

namespace kollega::storage {
class RelayStore;
}

namespace kollega::server {

class RelayServer {
 public:
  // Binds, starts the io threads and begins accepting. Writes config.port_file
  // once listening. InvalidArgument/Unavailable when the address, port or TLS
  // files cannot be used.
  static Result<std::unique_ptr<RelayServer>> Start(const RelayConfig& config,
                                                    storage::RelayStore* store,
                                                    const Clock* clock = &SystemClock());
  virtual ~RelayServer() = default;

  virtual uint16_t port() const = 0;

  // Graceful shutdown, first half: stops accepting, tells every session to
  // finish (each answers its in-flight sends, pushes Closing and closes), and
  // waits up to `grace` for them to end. Safe to call once.
  virtual void Drain(std::chrono::milliseconds grace) = 0;

  // Second half (also run by the destructor): stops the io threads.
  virtual void Stop() = 0;
};

}  // namespace kollega::server
