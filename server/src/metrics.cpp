// Prometheus rendering of Metrics plus the store's own counters.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics.h"

#include <sstream>

#include "kollega/storage/relay_store.h"
#include "relay.pb.h"

namespace kollega::server {
namespace {

void Write(std::ostringstream& out, const char* name, const char* type, const char* help,
           uint64_t value) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n'
      << name << ' ' << value << '\n';
}

// Seconds, as Prometheus names durations; the bucket bounds are printed
// exactly (0.00025, not 2.5e-04).
std::string Seconds(uint64_t us) {
  std::ostringstream s;
  s << us / 1'000'000;
  if (uint64_t frac = us % 1'000'000; frac != 0) {
    std::string digits = std::to_string(frac + 1'000'000).substr(1);
    digits.erase(digits.find_last_not_of('0') + 1);
    s << '.' << digits;
  }
  return s.str();
}

void WriteCommitDurations(std::ostringstream& out, const storage::CommitDurations& d) {
  const char* name = "kollega_store_commit_duration_seconds";
  out << "# HELP " << name
      << " Synced group commits of mailbox writes: time in the write and its fsync.\n"
      << "# TYPE " << name << " histogram\n";
  for (size_t i = 0; i < storage::kCommitBuckets; ++i) {
    out << name << "_bucket{le=\"" << Seconds(storage::kCommitBucketsUs[i]) << "\"} " << d.counts[i]
        << '\n';
  }
  out << name << "_bucket{le=\"+Inf\"} " << d.count << '\n'
      << name << "_sum " << Seconds(d.sum_us) << '\n'
      << name << "_count " << d.count << '\n';
}

// docs/abuse.md, "Before login" and "Transport".
void WriteEdgeRefusals(std::ostringstream& out, const Metrics& m) {
  const char* name = "kollega_connection_refusals_total";
  out << "# HELP " << name
      << " Connections refused with HTTP 503 (or closed before TLS) over a connection cap.\n"
      << "# TYPE " << name << " counter\n"
      << name << "{reason=\"total\"} " << m.connection_refusals_total_cap.load() << '\n'
      << name << "{reason=\"source\"} " << m.connection_refusals_source_cap.load() << '\n';
  Write(out, "kollega_cleartext_refusals_total", "counter",
        "Cleartext WebSocket upgrades refused (HTTP 403) from non-loopback, untrusted peers.",
        m.cleartext_refusals.load());
  Write(out, "kollega_auth_timeouts_total", "counter",
        "WebSockets closed (4003) for not authenticating within --auth-timeout.",
        m.auth_timeouts.load());
}

}  // namespace

std::string Metrics::Render(const storage::StoreStats& store) const {
  auto load = [](const auto& a) {
    return static_cast<uint64_t>(a.load(std::memory_order_relaxed));
  };
  std::ostringstream out;
  Write(out, "kollega_connections", "gauge", "Open WebSocket connections.", load(connections));
  Write(out, "kollega_authenticated_connections", "gauge", "Authenticated WebSocket connections.",
        load(authenticated_connections));
  Write(out, "kollega_accounts_created_total", "counter", "Accounts created since start.",
        load(accounts_created));
  Write(out, "kollega_auth_channel_refusals_total", "counter",
        "Logins refused because they were signed for another origin or TLS session.",
        load(auth_channel_refusals));
  WriteEdgeRefusals(out, *this);
  Write(out, "kollega_messages_accepted_total", "counter",
        "Envelopes durably stored and acknowledged to senders.", load(messages_accepted));
  Write(out, "kollega_messages_delivered_total", "counter",
        "Envelopes pushed to recipient devices (including re-deliveries).",
        load(messages_delivered));
  Write(out, "kollega_envelopes_acked_total", "counter", "Envelopes removed on acknowledgement.",
        load(envelopes_acked));
  Write(out, "kollega_write_timeouts_total", "counter",
        "Connections cut because the peer stopped reading.", load(write_timeouts));
  Write(out, "kollega_http_timeouts_total", "counter",
        "Connections cut because a TLS handshake or HTTP request took longer than "
        "--http-timeout.",
        load(http_timeouts));
  Write(out, "kollega_memory_trims_total", "counter",
        "Times freed heap was returned to the system after many connections closed.",
        load(memory_trims));
  Write(out, "kollega_queue_depth", "gauge", "Envelopes waiting in all mailboxes (estimate).",
        store.queued_envelopes);
  Write(out, "kollega_store_sst_bytes", "gauge", "On-disk size of RocksDB table files.",
        store.sst_bytes);
  Write(out, "kollega_store_memtable_bytes", "gauge", "RocksDB memtable size.",
        store.memtable_bytes);
  Write(out, "kollega_store_wal_bytes", "gauge",
        "On-disk size of the write-ahead log (bounded by --max-wal-mb).", store.wal_bytes);
  Write(out, "kollega_wal_syncs_total", "counter", "Synced group commits of mailbox writes.",
        store.wal_syncs);
  WriteCommitDurations(out, store.commit_durations);
  Write(out, "kollega_envelopes_expired_total", "counter",
        "Undelivered envelopes dropped at their time-to-live.", store.envelopes_expired);
  Write(out, "kollega_store_write_errors_total", "counter", "Failed synced writes.",
        store.write_errors);
  out << "# HELP kollega_errors_total Error responses sent, by code.\n"
         "# TYPE kollega_errors_total counter\n";
  for (int code = 1; code <= kMaxErrorCode; ++code) {
    uint64_t n = errors_[code].load(std::memory_order_relaxed);
    if (n == 0) continue;
    std::string name = wire::ErrorCode_IsValid(code)
                           ? wire::ErrorCode_Name(static_cast<wire::ErrorCode>(code))
                           : "OTHER";
    out << "kollega_errors_total{code=\"" << name << "\"} " << n << '\n';
  }
  return out.str();
}

}  // namespace kollega::server
