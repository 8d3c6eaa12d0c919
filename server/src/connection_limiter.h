// ConnectionLimiter: caps open connections on the public port, in total and
// per source address (docs/abuse.md, "Connection caps"). The listener asks
// it before anything else happens on an accepted socket; the slot it hands
// out travels with the socket through every stage and gives the place back
// when the connection ends, whichever stage that is in.
//
// Source addresses live only here, in memory: a count per address, whose
// entry is erased when it reaches zero. Nothing here logs or exports them.
//
// Ownership: shared by the listener and every slot (a slot may outlive the
// listener during shutdown). Thread-safety: TryAdmit and slot destruction
// from any thread (one mutex; held for a map lookup).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kollega::server {

class ConnectionLimiter;

// One admitted connection's place. Move-only; an empty slot holds nothing.
class ConnectionSlot {
 public:
  ConnectionSlot() = default;
  ~ConnectionSlot();
  ConnectionSlot(ConnectionSlot&& other) noexcept = default;
  ConnectionSlot& operator=(ConnectionSlot&& other) noexcept;
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;

 private:
  friend class ConnectionLimiter;
  void Release();

  std::shared_ptr<ConnectionLimiter> limiter_;
  std::string source_;  // address bytes; empty when exempt from the per-source cap
};

class ConnectionLimiter : public std::enable_shared_from_this<ConnectionLimiter> {
 public:
  enum class Verdict { kAdmitted, kTotalFull, kSourceFull };

  ConnectionLimiter(uint32_t max_total, uint32_t max_per_source)
      : max_total_(max_total), max_per_source_(max_per_source) {}

  // `source` is the peer's address in network byte order (4 or 16 bytes);
  // empty exempts the connection from the per-source cap (a trusted proxy,
  // through which many clients come). On kAdmitted, `*slot` holds the place.
  Verdict TryAdmit(const std::string& source, ConnectionSlot* slot);

  uint32_t open() const;
  // Distinct sources with an open connection (for tests: entries go at zero).
  size_t sources() const;

 private:
  friend class ConnectionSlot;
  void Release(const std::string& source);

  const uint32_t max_total_;
  const uint32_t max_per_source_;
  mutable std::mutex mutex_;
  uint32_t open_ = 0;                                     // guarded by mutex_
  std::unordered_map<std::string, uint32_t> per_source_;  // guarded by mutex_
};

}  // namespace kollega::server
