// RelayConfig: every knob of kollega-relay, and the parser for its command
// line and `--config FILE` (the same long names, as `key = value` lines).
//
// Ownership: plain value. Thread-safety: a const RelayConfig may be read from
// any thread; the relay never mutates it after start.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kollega/base/log.h"
#include "kollega/base/status.h"

namespace kollega::server {

struct RelayConfig {
  std::string listen = "127.0.0.1";
  uint16_t port = 8420;   // 0 = ephemeral (see port_file)
  std::string port_file;  // written with the bound port once listening
  std::string data_dir = "./data";
  int64_t ttl_seconds = 30LL * 24 * 3600;
  uint64_t max_frame_bytes = 1 << 20;
  uint64_t max_content_bytes = 98304;
  uint32_t max_prekeys_per_upload = 100;
  uint32_t prekey_low_threshold = 10;
  uint32_t mailbox_max_envelopes = 10'000;
  uint64_t mailbox_max_bytes = 256ull << 20;
  uint64_t max_wal_mb = 256;  // WAL kept on disk and replayed at restart
  // Devices per account, listed plus pending (docs/trust.md §3).
  uint32_t max_devices = 5;
  // A registered device that no signed list names is deleted after this.
  int64_t unlisted_device_ttl_seconds = 3600;
  uint32_t pow_bits = 20;
  uint32_t account_rate = 30;   // new accounts per minute, whole relay
  uint32_t bundle_rate = 60;    // bundle fetches per minute, per account
  uint32_t request_rate = 500;  // requests per second, per connection
  uint32_t threads = 0;         // 0 = hardware concurrency
  // io threads under SCHED_BATCH (a woken io thread does not preempt the
  // running one, so the store writer finishes its commit); false = normal.
  bool io_sched_batch = true;
  // A connection whose peer accepts none of our bytes for this long is cut:
  // it stopped reading, and its pushes stay in the mailbox.
  uint32_t write_timeout_seconds = 30;
  // Before a connection becomes a WebSocket, each step (telling TLS from
  // plain, the TLS handshake, reading a request, writing a response) must
  // finish within this, so a slow or silent client cannot hold a socket.
  uint32_t http_timeout_seconds = 15;
  // How often to check whether many connections closed and freed heap can
  // go back to the system (server/src/memory_trim.h); 0 = never.
  uint32_t memory_trim_seconds = 10;
  // How often acknowledged envelopes are scrubbed out of the store's files
  // (docs/storage-encryption.md, "The relay's scrub"); 0 = never.
  uint32_t scrub_interval_seconds = 3600;
  // Abuse limits after login (docs/abuse-limits.md).
  // Envelopes one sender account may have waiting in one device's mailbox
  // (SENDER_QUOTA_EXCEEDED); 0 = no limit.
  uint32_t mailbox_sender_share = 1000;
  // Sends per minute from one account to one other account (RATE_LIMITED
  // with retry_after_ms); 0 = no limit.
  uint32_t sender_rate = 120;
  // One-time prekeys handed out per hour per target device, whoever asks,
  // and per (requester account, target device); past either, bundles come
  // without a one-time prekey. 0 = no limit.
  uint32_t bundle_target_rate = 30;
  uint32_t bundle_pair_rate = 3;
  // Link tokens an account may create per hour (at most one outstanding:
  // a new one replaces the old); 0 = no limit.
  uint32_t link_token_rate = 10;
  // Sign-up: --pow-bits rises one bit per doubling of the recent sign-up
  // rate over signup_base_rate (per minute; 0 = never rises), by at most
  // pow_bits_max_extra; one source address may sign up signup_source_rate
  // times per hour (0 = no limit).
  uint32_t signup_base_rate = 10;
  uint32_t pow_bits_max_extra = 4;
  uint32_t signup_source_rate = 10;
  // Counted bytes one account may store besides its mailboxes: devices,
  // prekeys, device list, link token (ACCOUNT_QUOTA_EXCEEDED); 0 = no
  // limit. The default holds --max-devices (5) devices with full one-time
  // prekey stocks, a full list and a token (docs/abuse-limits.md).
  uint64_t account_byte_budget = 512 * 1024;
  // Testing only: every write a request waits for on the account worker
  // (accounts, devices, link tokens, prekeys, device lists) sleeps this
  // long first, so a test can watch one in flight. 0 outside tests.
  uint32_t test_slow_account_writes_ms = 0;
  // End of the abuse limits after login.
  std::string tls_cert;  // PEM chain; TLS on when both are set
  std::string tls_key;   // PEM private key
  // The origins clients dial this relay by (--public-url, repeatable), as
  // NormaliseOrigin() text; a login signed for another origin is refused
  // (docs/trust.md §5). Empty: only loopback origins on the listen port.
  std::vector<std::string> public_urls;
  log::Level log_level = log::Level::kInfo;

  // Abuse limits before login (docs/abuse.md).
  // A WebSocket that has not authenticated within this is closed (4003).
  uint32_t auth_timeout_seconds = 10;
  // Read cap on a WebSocket message until login; max_frame_bytes after.
  uint64_t prelogin_frame_bytes = 8 * 1024;
  // Open TCP connections on the public port: in total, and per source IP
  // address (kept in memory only). Over either: HTTP 503 and closed.
  uint32_t max_connections = 20'000;
  uint32_t max_connections_per_source = 256;
  // Plain ws:// from a non-loopback peer is refused (HTTP 403) unless the
  // relay sits behind a TLS-terminating proxy at one of these addresses.
  bool behind_proxy = false;
  std::vector<std::string> trusted_proxies;  // canonical IP address text
  // /metrics and /healthz live on their own listener, not the public port.
  std::string metrics_listen = "127.0.0.1";
  uint16_t metrics_port = 8421;   // 0 = ephemeral (see metrics_port_file)
  std::string metrics_port_file;  // written with the bound metrics port

  // Organisations (docs/organisations.md §5).
  // The organisation keys this relay hosts (raw 32 bytes each), read from
  // --organisation-keys; keys a hosted key rotated to are hosted too.
  std::vector<std::string> organisation_keys;
  // Testing only: host every organisation key.
  bool any_organisation = false;
  uint32_t org_max_certificates = 5000;  // kept per organisation (TOO_MANY)
  uint64_t org_page_bytes = 256 * 1024;  // one GetOrganisation answer, about
  uint32_t org_publish_rate = 600;       // PublishOrgObject per minute per source
  uint32_t org_fetch_rate = 120;         // GetOrganisation pages per minute per account
  uint32_t availability_rate = 6;        // PublishAvailability per minute per account
  uint32_t claim_rate = 60;              // ClaimCase per hour per account

  bool tls() const { return !tls_cert.empty() && !tls_key.empty(); }
};

struct ParsedArgs {
  bool help = false;  // --help was given: print RelayUsage() and exit 0
  RelayConfig config;
};

// Parses argv (argv[0] is skipped). Flags take `--name value` or
// `--name=value`; `--config FILE` is read where it appears, so later flags
// override the file. InvalidArgument with a one-line reason on any error.
Result<ParsedArgs> ParseRelayArgs(const std::vector<std::string>& args);

// The --help text: every flag, its default and meaning.
std::string RelayUsage();

}  // namespace kollega::server
