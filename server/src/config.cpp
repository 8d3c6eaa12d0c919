// Flag and config-file parsing for kollega-relay. One table describes every
// option (name, help, how to store it), so --help, the parser and the config
// file cannot drift apart.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/server/config.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string_view>

#include "kollega/base/base64.h"
#include "kollega/base/origin.h"

namespace kollega::server {
namespace {

struct Option {
  const char* name;
  const char* value_hint;  // "" for none
  const char* help;
  // Stores `value` into the config; returns an error message or "".
  std::function<std::string(RelayConfig&, const std::string&)> set;
  std::function<std::string(const RelayConfig&)> show_default;
};

template <typename T>
std::string ParseNumber(const std::string& text, T min, T max, T* out) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return "is not a number";
  if (value < min || value > max) {
    return "must be between " + std::to_string(min) + " and " + std::to_string(max);
  }
  *out = value;
  return "";
}

template <typename T>
Option Number(const char* name, const char* help, T RelayConfig::*field, T min, T max) {
  return Option{name, "N", help,
                [=](RelayConfig& c, const std::string& v) {
                  return ParseNumber<T>(v, min, max, &(c.*field));
                },
                [=](const RelayConfig& c) { return std::to_string(c.*field); }};
}

Option Text(const char* name, const char* hint, const char* help, std::string RelayConfig::*field) {
  return Option{name, hint, help,
                [=](RelayConfig& c, const std::string& v) {
                  if (v.empty()) return std::string("must not be empty");
                  c.*field = v;
                  return std::string();
                },
                [=](const RelayConfig& c) { return c.*field; }};
}

// An IPv4 or IPv6 address in the form inet_ntop prints (an IPv4-mapped
// IPv6 address as IPv4), so the listener can compare it with a peer's.
Result<std::string> CanonicalAddress(const std::string& text) {
  char out[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return std::string(inet_ntop(AF_INET, &v4, out, sizeof out));
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) {
    return InvalidArgument("is not an IP address");
  }
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::memcpy(&v4, &v6.s6_addr[12], sizeof v4);
    return std::string(inet_ntop(AF_INET, &v4, out, sizeof out));
  }
  return std::string(inet_ntop(AF_INET6, &v6, out, sizeof out));
}

// Options that take no value on the command line (`--name` means yes).
bool IsFlag(const std::string& name) {
  return name == "behind-proxy" || name == "any-organisation";
}

std::string Trim(const std::string& s);

// --organisation-keys FILE: one base64url key per line, '#' comments.
std::string ReadOrganisationKeys(RelayConfig& c, const std::string& path) {
  std::ifstream in(path);
  if (!in) return "cannot read " + path;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    line = Trim(line);
    if (line.empty()) continue;
    Result<std::string> key = Base64UrlDecode(line);
    if (!key.ok() || key->size() != 32) {
      return path + ":" + std::to_string(line_no) + ": not a base64url 32-byte key";
    }
    c.organisation_keys.push_back(*std::move(key));
  }
  return std::string();
}

const std::vector<Option>& Options() {
  constexpr uint32_t kU32Max = std::numeric_limits<uint32_t>::max();
  static const std::vector<Option> options = {
      Text("listen", "ADDR", "IP address to listen on", &RelayConfig::listen),
      Number<uint16_t>("port", "TCP port; 0 picks a free one", &RelayConfig::port, 0, 65535),
      Text("port-file", "FILE", "write the bound port here once listening",
           &RelayConfig::port_file),
      Text("data-dir", "DIR", "RocksDB data directory (created if missing)",
           &RelayConfig::data_dir),
      Number<int64_t>("ttl", "seconds an undelivered envelope is kept", &RelayConfig::ttl_seconds,
                      1, 10LL * 365 * 24 * 3600),
      Number<uint64_t>("max-frame-bytes", "largest WebSocket message accepted (close 1009)",
                       &RelayConfig::max_frame_bytes, 1024, 64ull << 20),
      Number<uint64_t>("max-content-bytes", "largest envelope content (TOO_LARGE)",
                       &RelayConfig::max_content_bytes, 1, 64ull << 20),
      Number<uint32_t>("max-prekeys-per-upload", "one-time prekeys per upload (TOO_MANY)",
                       &RelayConfig::max_prekeys_per_upload, 1, 10'000),
      Number<uint32_t>("prekey-low-threshold", "push PrekeysLow below this many one-time prekeys",
                       &RelayConfig::prekey_low_threshold, 0, 10'000),
      Number<uint32_t>("mailbox-max-envelopes", "envelopes per device mailbox (MAILBOX_FULL)",
                       &RelayConfig::mailbox_max_envelopes, 1, kU32Max),
      Number<uint64_t>("mailbox-max-bytes", "bytes per device mailbox (MAILBOX_FULL)",
                       &RelayConfig::mailbox_max_bytes, 1, std::numeric_limits<uint64_t>::max()),
      Number<uint32_t>("max-devices",
                       "devices per account, listed plus pending (RegisterDevice: TOO_MANY)",
                       &RelayConfig::max_devices, 1, 1000),
      Number<int64_t>("unlisted-device-ttl",
                      "seconds before a registered device that no signed device list names "
                      "is deleted",
                      &RelayConfig::unlisted_device_ttl_seconds, 1, 365LL * 24 * 3600),
      Number<uint64_t>("max-wal-mb",
                       "MiB of write-ahead log kept before the store flushes what pins it",
                       &RelayConfig::max_wal_mb, 16, 1ull << 20),
      Number<uint32_t>("pow-bits", "proof-of-work difficulty for CreateAccount",
                       &RelayConfig::pow_bits, 0, 40),
      Number<uint32_t>("account-rate", "new accounts per minute, whole relay",
                       &RelayConfig::account_rate, 1, kU32Max),
      Number<uint32_t>("bundle-rate", "prekey bundle fetches per minute, per account",
                       &RelayConfig::bundle_rate, 1, kU32Max),
      Number<uint32_t>("request-rate", "requests per second, per connection",
                       &RelayConfig::request_rate, 1, kU32Max),
      Number<uint32_t>("write-timeout", "seconds a peer may read nothing before it is cut off",
                       &RelayConfig::write_timeout_seconds, 1, 3600),
      Number<uint32_t>("http-timeout",
                       "seconds for the TLS handshake and for each HTTP request or response "
                       "before the WebSocket upgrade",
                       &RelayConfig::http_timeout_seconds, 1, 3600),
      Number<uint32_t>("memory-trim-interval",
                       "seconds between checks that return freed memory after many "
                       "connections closed; 0 = off",
                       &RelayConfig::memory_trim_seconds, 0, 86400),
      Number<uint32_t>("scrub-interval",
                       "seconds within which an acknowledged envelope leaves the data files "
                       "(flush and compact the mailboxes); 0 = off",
                       &RelayConfig::scrub_interval_seconds, 0, 7 * 86400),
      Number<uint32_t>("threads", "io threads; 0 = one per CPU the relay may use, at least 2",
                       &RelayConfig::threads, 0, 1024),
      Option{
          "io-sched", "POLICY",
          "batch (io threads do not preempt the store writer when woken) or normal",
          [](RelayConfig& c, const std::string& v) {
            if (v != "batch" && v != "normal") return std::string("must be batch or normal");
            c.io_sched_batch = v == "batch";
            return std::string();
          },
          [](const RelayConfig& c) { return std::string(c.io_sched_batch ? "batch" : "normal"); }},
      // Abuse limits after login (docs/abuse-limits.md).
      Number<uint32_t>("mailbox-sender-share",
                       "envelopes one sender may have waiting in one device's mailbox "
                       "(SENDER_QUOTA_EXCEEDED); 0 = no limit",
                       &RelayConfig::mailbox_sender_share, 0, kU32Max),
      Number<uint32_t>("sender-rate",
                       "sends per minute from one account to one other account "
                       "(RATE_LIMITED); 0 = no limit",
                       &RelayConfig::sender_rate, 0, kU32Max),
      Number<uint32_t>("bundle-target-rate",
                       "one-time prekeys handed out per hour per device, whoever asks; "
                       "past it bundles carry none; 0 = no limit",
                       &RelayConfig::bundle_target_rate, 0, kU32Max),
      Number<uint32_t>("bundle-pair-rate",
                       "one-time prekeys one account may take per hour from one device; "
                       "0 = no limit",
                       &RelayConfig::bundle_pair_rate, 0, kU32Max),
      Number<uint32_t>("link-token-rate",
                       "link tokens an account may create per hour (RATE_LIMITED); "
                       "0 = no limit",
                       &RelayConfig::link_token_rate, 0, kU32Max),
      Number<uint32_t>("signup-base-rate",
                       "sign-ups per minute above which --pow-bits rises one bit per "
                       "doubling; 0 = never rises",
                       &RelayConfig::signup_base_rate, 0, kU32Max),
      Number<uint32_t>("pow-bits-max-extra", "most bits the sign-up difficulty rises by",
                       &RelayConfig::pow_bits_max_extra, 0, 16),
      Number<uint32_t>("signup-source-rate",
                       "sign-ups per hour from one source address (IPv6: per /64; kept "
                       "in memory only); 0 = no limit",
                       &RelayConfig::signup_source_rate, 0, kU32Max),
      Number<uint64_t>("account-byte-budget",
                       "bytes one account may store besides its mailboxes: devices, prekeys, "
                       "device list, link token (ACCOUNT_QUOTA_EXCEEDED); 0 = no limit",
                       &RelayConfig::account_byte_budget, 0, std::numeric_limits<uint64_t>::max()),
      // Not in --help (RelayUsage skips test-*): tests/relay only.
      Number<uint32_t>("test-slow-account-writes-ms",
                       "testing only: delay each account, prekey and device write by this "
                       "many milliseconds",
                       &RelayConfig::test_slow_account_writes_ms, 0, 60'000),
      // End of the abuse limits after login.
      Text("tls-cert", "FILE", "PEM certificate chain (TLS needs --tls-key too)",
           &RelayConfig::tls_cert),
      Text("tls-key", "FILE", "PEM private key", &RelayConfig::tls_key),
      Option{"public-url", "URL",
             "a ws:// or wss:// URL clients dial this relay by; repeat for several. Logins "
             "signed for any other origin are refused. Without it only loopback URLs on the "
             "listen port are accepted",
             [](RelayConfig& c, const std::string& v) {
               Result<std::string> origin = NormaliseOrigin(v);
               if (!origin.ok()) return origin.status().message();
               c.public_urls.push_back(*std::move(origin));
               return std::string();
             },
             [](const RelayConfig&) { return std::string(); }},
      // Abuse limits before login (docs/abuse.md).
      Number<uint32_t>("auth-timeout",
                       "seconds a WebSocket may stay unauthenticated before it is closed (4003)",
                       &RelayConfig::auth_timeout_seconds, 1, 3600),
      Number<uint64_t>("prelogin-frame-bytes",
                       "largest WebSocket message accepted before login (close 1009)",
                       &RelayConfig::prelogin_frame_bytes, 512, 64ull << 20),
      Number<uint32_t>("max-connections", "open connections on the public port (HTTP 503)",
                       &RelayConfig::max_connections, 1, kU32Max),
      Number<uint32_t>("max-connections-per-source",
                       "open connections per source address (HTTP 503); trusted proxies "
                       "are exempt",
                       &RelayConfig::max_connections_per_source, 1, kU32Max),
      Option{"behind-proxy", "",
             "(a flag; behind-proxy = yes in a config file) cleartext WebSockets come through a "
             "TLS-terminating proxy at a --trusted-proxy "
             "address",
             [](RelayConfig& c, const std::string& v) {
               if (v != "yes" && v != "no") return std::string("must be yes or no");
               c.behind_proxy = v == "yes";
               return std::string();
             },
             [](const RelayConfig& c) { return std::string(c.behind_proxy ? "yes" : "no"); }},
      Option{"trusted-proxy", "ADDR",
             "IP address of a TLS-terminating proxy allowed to send cleartext WebSockets; "
             "repeat for several (needs --behind-proxy)",
             [](RelayConfig& c, const std::string& v) {
               Result<std::string> address = CanonicalAddress(v);
               if (!address.ok()) return address.status().message();
               c.trusted_proxies.push_back(*std::move(address));
               return std::string();
             },
             [](const RelayConfig&) { return std::string(); }},
      // Organisations (docs/organisations.md §5).
      Option{"organisation-keys", "FILE",
             "organisation keys this relay hosts, one base64url key per line ('#' comments)",
             ReadOrganisationKeys, [](const RelayConfig&) { return std::string(); }},
      Option{"any-organisation", "",
             "(a flag) FOR TESTS ONLY: host every organisation key, so anyone may fill "
             "slots for any key",
             [](RelayConfig& c, const std::string& v) {
               if (v != "yes" && v != "no") return std::string("must be yes or no");
               c.any_organisation = v == "yes";
               return std::string();
             },
             [](const RelayConfig& c) { return std::string(c.any_organisation ? "yes" : "no"); }},
      Number<uint32_t>("org-max-certificates", "helper certificates kept per organisation",
                       &RelayConfig::org_max_certificates, 1, 1'000'000),
      Number<uint64_t>("org-page-bytes", "about the most bytes of one GetOrganisation page",
                       &RelayConfig::org_page_bytes, 16 * 1024, 768 * 1024),
      Number<uint32_t>("org-publish-rate",
                       "PublishOrgObject per minute per source address; 0 = no limit",
                       &RelayConfig::org_publish_rate, 0, kU32Max),
      Number<uint32_t>("org-fetch-rate",
                       "GetOrganisation pages per minute per account; 0 = no limit",
                       &RelayConfig::org_fetch_rate, 0, kU32Max),
      Number<uint32_t>("availability-rate",
                       "PublishAvailability per minute per account; 0 = no limit",
                       &RelayConfig::availability_rate, 0, kU32Max),
      Number<uint32_t>("claim-rate", "ClaimCase per hour per account; 0 = no limit",
                       &RelayConfig::claim_rate, 0, kU32Max),
      Text("metrics-listen", "ADDR", "IP address of the /metrics and /healthz listener",
           &RelayConfig::metrics_listen),
      Number<uint16_t>("metrics-port", "TCP port of /metrics and /healthz; 0 picks a free one",
                       &RelayConfig::metrics_port, 0, 65535),
      Text("metrics-port-file", "FILE", "write the bound metrics port here once listening",
           &RelayConfig::metrics_port_file),
      Option{"log-level", "LEVEL", "debug, info, warn, error or off",
             [](RelayConfig& c, const std::string& v) {
               return log::ParseLevel(v, &c.log_level) ? std::string()
                                                       : std::string(
                                                             "must be one of debug, info, "
                                                             "warn, error, off");
             },
             [](const RelayConfig&) { return std::string("info"); }},
  };
  return options;
}

const Option* FindOption(const std::string& name) {
  for (const Option& o : Options()) {
    if (name == o.name) return &o;
  }
  return nullptr;
}

Status Apply(RelayConfig& config, const std::string& name, const std::string& value,
             const std::string& where) {
  const Option* option = FindOption(name);
  if (option == nullptr) return InvalidArgument(where + "unknown option '" + name + "'");
  std::string error = option->set(config, value);
  if (!error.empty()) return InvalidArgument(where + "--" + name + " " + error);
  return Status::Ok();
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

Status ReadConfigFile(const std::string& path, RelayConfig& config) {
  std::ifstream in(path);
  if (!in) return InvalidArgument("cannot read config file " + path);
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    std::string where = path + ":" + std::to_string(line_no) + ": ";
    size_t eq = line.find('=');
    if (eq == std::string::npos) return InvalidArgument(where + "expected 'key = value'");
    std::string key = Trim(line.substr(0, eq));
    if (key == "config") return InvalidArgument(where + "config files do not nest");
    KOLLEGA_RETURN_IF_ERROR(Apply(config, key, Trim(line.substr(eq + 1)), where));
  }
  return Status::Ok();
}

}  // namespace

Result<ParsedArgs> ParseRelayArgs(const std::vector<std::string>& args) {
  ParsedArgs parsed;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      parsed.help = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) return InvalidArgument("unexpected argument '" + arg + "'");
    std::string name = arg.substr(2);
    std::string value;
    size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else {
      if (name != "config" && FindOption(name) == nullptr) {
        return InvalidArgument("unknown option '--" + name + "'");
      }
      if (IsFlag(name)) {
        value = "yes";
      } else {
        if (i + 1 >= args.size()) return InvalidArgument("--" + name + " needs a value");
        value = args[++i];
      }
    }
    if (name == "config") {
      KOLLEGA_RETURN_IF_ERROR(ReadConfigFile(value, parsed.config));
    } else {
      KOLLEGA_RETURN_IF_ERROR(Apply(parsed.config, name, value, ""));
    }
  }
  if (parsed.config.tls_cert.empty() != parsed.config.tls_key.empty()) {
    return InvalidArgument("--tls-cert and --tls-key must be given together");
  }
  if (parsed.config.behind_proxy != !parsed.config.trusted_proxies.empty()) {
    return InvalidArgument("--behind-proxy and --trusted-proxy must be given together");
  }
  return parsed;
}

std::string RelayUsage() {
  RelayConfig defaults;
  std::ostringstream out;
  out << "Usage: kollega-relay [--config FILE] [options]\n\n"
         "The Kollega relay: stores and forwards end-to-end encrypted envelopes.\n"
         "WebSocket on any path (e.g. /v1/websocket) and GET /healthz on --port;\n"
         "GET /metrics and GET /healthz on --metrics-port. A config file holds\n"
         "'key = value' lines with the long option names below; later command-line\n"
         "flags override it.\n\nOptions:\n";
  auto line = [&](const std::string& flag, const std::string& help) {
    out << "  " << flag;
    for (size_t n = flag.size(); n < 32; ++n) out << ' ';
    out << help << "\n";
  };
  line("--help", "show this text and exit");
  line("--config FILE", "read options from FILE");
  for (const Option& o : Options()) {
    // Test hooks (test-*) are accepted but not offered to operators.
    if (std::string_view(o.name).rfind("test-", 0) == 0) continue;
    std::string flag = std::string("--") + o.name;
    if (*o.value_hint) flag += std::string(" ") + o.value_hint;
    std::string def = o.show_default(defaults);
    line(flag, std::string(o.help) + (def.empty() ? "" : " (default: " + def + ")"));
  }
  return out.str();
}

}  // namespace kollega::server
