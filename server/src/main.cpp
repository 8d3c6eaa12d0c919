// kollega-relay: parse flags, open the store, serve until SIGTERM/SIGINT,
// then shut down in the order that loses nothing:
//   1. stop accepting, ask every session to finish (in-flight sends answer
//      their senders, then Closing + close)
//   2. close the store (remaining writes complete, RocksDB closes cleanly)
//   3. stop the io threads
// Exit codes: 0 clean, 1 runtime failure, 2 bad flags.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <pthread.h>
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "kollega/base/log.h"
#include "kollega/base/origin.h"
#include "kollega/server/config.h"
#include "kollega/server/relay_server.h"
#include "kollega/storage/relay_store.h"

namespace {

constexpr char kLog[] = "main";
// Longer than a session's close timeout (ws_session_impl.h, 3 s): a peer
// that never finishes its close is let go within the grace.
constexpr auto kDrainGrace = std::chrono::seconds(5);

}  // namespace

namespace {

// Every connection is a descriptor; the usual soft limit of 1024 would cap
// the relay at about a thousand devices. Raise the soft limit to the hard
// limit the operator (or systemd's LimitNOFILE) allows.
void RaiseDescriptorLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    kollega::log::Warn(kLog, "cannot raise the open-file limit");
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kollega;
  std::vector<std::string> args(argv, argv + argc);
  Result<server::ParsedArgs> parsed = server::ParseRelayArgs(args);
  if (!parsed.ok()) {
    std::fprintf(stderr, "kollega-relay: %s\nTry 'kollega-relay --help'.\n",
                 parsed.status().message().c_str());
    return 2;
  }
  if (parsed->help) {
    std::fputs(server::RelayUsage().c_str(), stdout);
    return 0;
  }
  const server::RelayConfig& config = parsed->config;
  log::SetLevel(config.log_level);
  RaiseDescriptorLimit();
  // Without --public-url only loopback logins are accepted (docs/trust.md
  // §5), so a relay that others can reach would refuse every remote client.
  if (config.public_urls.empty() && !IsLoopbackHost(config.listen) &&
      config.listen.rfind("127.", 0) != 0) {
    log::Warn(kLog, "listening on " + config.listen +
                        " without --public-url: only logins to a loopback URL will be accepted");
  }
  // Cleartext is served to loopback peers only (docs/abuse.md,
  // "Cleartext refused"): without TLS, remote clients need a TLS proxy.
  if (!config.tls() && !config.behind_proxy && !IsLoopbackHost(config.listen) &&
      config.listen.rfind("127.", 0) != 0) {
    log::Warn(kLog,
              "no --tls-cert and no --behind-proxy: WebSockets from other machines "
              "will be refused (HTTP 403)");
  }

  // Block the stop signals in every thread (the io threads inherit this
  // mask); the main thread takes them synchronously with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  storage::RocksRelayStoreOptions options;
  options.path = config.data_dir;
  options.limits.ttl_ms = config.ttl_seconds * 1000;
  options.limits.max_envelopes = config.mailbox_max_envelopes;
  options.limits.max_bytes = config.mailbox_max_bytes;
  options.max_wal_bytes = config.max_wal_mb << 20;
  options.scrub_interval = std::chrono::seconds(config.scrub_interval_seconds);
  Result<std::unique_ptr<storage::RelayStore>> store = storage::OpenRocksRelayStore(options);
  if (!store.ok()) {
    log::Error(kLog, "cannot open the store: " + store.status().ToString());
    return 1;
  }
  Result<std::unique_ptr<server::RelayServer>> relay =
      server::RelayServer::Start(config, store->get());
  if (!relay.ok()) {
    log::Error(kLog, "cannot start: " + relay.status().ToString());
    (*store)->Close();
    return relay.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
  }

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  log::Info(kLog, std::string("received ") + (signal_number == SIGINT ? "SIGINT" : "SIGTERM") +
                      "; shutting down");
  (*relay)->Drain(kDrainGrace);
  (*store)->Close();
  (*relay)->Stop();
  relay->reset();
  store->reset();
  log::Info(kLog, "stopped cleanly");
  return 0;
}
