// RelayServerImpl: the io_context and its threads, the TLS context, the
// public and the metrics listener, and the two-step shutdown (Drain, then
// Stop).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/server/relay_server.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <fstream>
#include <optional>
#include <thread>
#include <vector>

#include "devices.h"
#include "kollega/base/log.h"
#include "listener.h"
#include "memory_trim.h"
#include "server_context.h"

namespace kollega::server {
namespace {

namespace asio = boost::asio;
constexpr char kLog[] = "relay";

// Written to a temporary name and renamed, so a reader never sees a
// half-written port.
Status WritePortFile(const std::string& path, uint16_t port, const char* flag) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!(out << port << '\n')) return InvalidArgument(std::string("cannot write ") + flag);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return InvalidArgument(std::string("cannot write ") + flag);
  }
  return Status::Ok();
}

// TLS 1.2 suites with forward secrecy (ECDHE) and an AEAD cipher only
// (docs/abuse.md, "TLS settings"); TLS 1.3's suites are all both.
constexpr char kTls12Ciphers[] =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

class RelayServerImpl final : public RelayServer {
 public:
  RelayServerImpl(const RelayConfig& config, storage::RelayStore* store, const Clock* clock)
      : ctx_(config, store, clock),
        ioc_(static_cast<int>(ThreadCount(config))),
        work_(asio::make_work_guard(ioc_)),
        tls_(asio::ssl::context::tls_server),
        trim_timer_(ioc_),
        sweep_timer_(ioc_) {}

  ~RelayServerImpl() override { Stop(); }

  Status Init() {
    const RelayConfig& c = ctx_.config;
    if (c.tls()) KOLLEGA_RETURN_IF_ERROR(LoadTls(c));
    Result<std::shared_ptr<Listener>> listener = Listener::Open(
        ioc_, c.tls() ? &tls_ : nullptr, ctx_, c.listen, c.port, ListenerRole::kPublic);
    if (!listener.ok()) return listener.status();
    listener_ = std::move(listener).value();
    Result<std::shared_ptr<Listener>> metrics = Listener::Open(
        ioc_, nullptr, ctx_, c.metrics_listen, c.metrics_port, ListenerRole::kMetrics);
    if (!metrics.ok()) return metrics.status();
    metrics_listener_ = std::move(metrics).value();
    listener_->Start();
    metrics_listener_->Start();
    if (c.memory_trim_seconds > 0) ScheduleTrimCheck();
    ScheduleDeviceSweep();
    for (uint32_t i = 0; i < ThreadCount(c); ++i) {
      threads_.emplace_back([this] {
        if (ctx_.config.io_sched_batch) UseBatchScheduling();
        // Named so `top -H` and profilers tell the io threads from the
        // store's writer ("kollega-store") and RocksDB's own threads; named
        // after the policy is set, so a named io thread has its policy.
        pthread_setname_np(pthread_self(), "kollega-io");
        ioc_.run();
      });
    }
    // The metrics port first: a reader that waits for --port-file then
    // finds both.
    if (!c.metrics_port_file.empty()) {
      KOLLEGA_RETURN_IF_ERROR(
          WritePortFile(c.metrics_port_file, metrics_listener_->port(), "--metrics-port-file"));
    }
    if (!c.port_file.empty()) {
      KOLLEGA_RETURN_IF_ERROR(WritePortFile(c.port_file, port(), "--port-file"));
    }
    log::Info(kLog, "listening on port " + std::to_string(port()) + (c.tls() ? " (TLS)" : "") +
                        " with " + std::to_string(ThreadCount(c)) +
                        " io threads; metrics on port " +
                        std::to_string(metrics_listener_->port()));
    return Status::Ok();
  }

  uint16_t port() const override { return listener_ ? listener_->port() : 0; }

  void Drain(std::chrono::milliseconds grace) override {
    if (listener_) listener_->Stop();
    if (metrics_listener_) metrics_listener_->Stop();
    auto deadline = std::chrono::steady_clock::now() + grace;
    // Repeated, so a connection that finished its handshake meanwhile is
    // told too (OnShutdown is idempotent).
    while (ctx_.metrics.connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      ctx_.registry.ShutdownAll();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    int64_t left = ctx_.metrics.connections.load();
    if (left > 0) log::Warn(kLog, std::to_string(left) + " connections did not close in time");
    // The caller closes the store next: account writes still queued finish
    // first (their answers still reach connections that are left), later
    // ones are refused with UNAVAILABLE.
    ctx_.account_writes.Stop();
  }

  void Stop() override {
    ctx_.account_writes.Stop();  // before the io threads: its tasks post to them
    work_.reset();
    ioc_.stop();
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
    threads_.clear();
  }

 private:
  // Runs on an io thread; Stop() abandons the pending wait with ioc_.
  void ScheduleTrimCheck() {
    trim_timer_.expires_after(std::chrono::seconds(ctx_.config.memory_trim_seconds));
    trim_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      const int64_t connections = ctx_.metrics.connections.load(std::memory_order_relaxed);
      if (trim_policy_.ShouldTrim(connections)) {
        const bool released = TrimFreeMemory();
        ctx_.metrics.memory_trims.fetch_add(1, std::memory_order_relaxed);
        log::Info(kLog, std::string("connections down to ") + std::to_string(connections) +
                            (released ? ": returned freed memory to the system"
                                      : ": no freed memory to return"));
      }
      ScheduleTrimCheck();
    });
  }

  // Unlisted devices expire (docs/trust.md §3): checked a few times per
  // --unlisted-device-ttl, at least every second and at most every minute.
  // The sweep's reads and deletes run on the account worker, not on this
  // io thread; one at a time, so a slow disk cannot pile them up.
  void ScheduleDeviceSweep() {
    const int64_t quarter_ms = ctx_.config.unlisted_device_ttl_seconds * 1000 / 4;
    sweep_timer_.expires_after(
        std::chrono::milliseconds(std::clamp<int64_t>(quarter_ms, 1000, 60'000)));
    sweep_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      if (!sweep_queued_.exchange(true)) {
        const bool queued = ctx_.account_writes.Submit([this] {
          SweepUnlistedDevices(ctx_);
          sweep_queued_.store(false);
        });
        if (!queued) sweep_queued_.store(false);
      }
      ScheduleDeviceSweep();
    });
  }

  // Every durable write waits for the one store writer thread. On a busy
  // CPU, each frame arriving for an io thread used to preempt whatever ran,
  // the writer included, in the middle of its commit. Under SCHED_BATCH a
  // woken io thread waits for the tick or for the running thread to block
  // instead. On one CPU at 6,500 msg/s: involuntary context switches 4,600
  // -> 400 per second, relay CPU per message 4 % lower
  // (docs/performance-history-2.md, "What makes the tail"). Not a real-time policy: no privilege
  // needed, and the relay's CPU share against other processes is unchanged.
  void UseBatchScheduling() {
    sched_param param{};
    if (::sched_setscheduler(0, SCHED_BATCH, &param) != 0 && !sched_warned_.exchange(true)) {
      log::Warn(kLog, "cannot put io threads under SCHED_BATCH; they stay SCHED_OTHER");
    }
  }

  // One io thread per CPU the process may use (taskset, a container's
  // cpuset; not every CPU of the machine), and at least two: with one, each
  // completion the store writer posts has to interrupt that thread's epoll
  // wait, and on one CPU the relay carried 14.5-15k msg/s with one io thread
  // against 22-26k with two (docs/performance.md).
  static uint32_t ThreadCount(const RelayConfig& c) {
    if (c.threads > 0) return c.threads;
    int cpus = static_cast<int>(std::thread::hardware_concurrency());
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) == 0) cpus = CPU_COUNT(&set);
    return static_cast<uint32_t>(std::max(2, cpus));
  }

  Status LoadTls(const RelayConfig& c) {
    boost::system::error_code ec;
    tls_.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                         asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                         asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use,
                     ec);
    // TLS 1.2 renegotiation has no use here, and a handshake in the middle
    // of a session is the hardest case for a stream (lean_tls_stream.h).
    SSL_CTX* native = tls_.native_handle();
    ::SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION);
    // TLS 1.2 with ECDHE + AEAD, or TLS 1.3; and no session resumption:
    // no tickets (1.2 and 1.3) and no session cache, so no long-lived key
    // can open past sessions (docs/abuse.md, "TLS settings").
    if (::SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
        ::SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
      return Internal("cannot restrict the TLS versions and ciphers");
    }
    ::SSL_CTX_set_options(native, SSL_OP_NO_TICKET | SSL_OP_CIPHER_SERVER_PREFERENCE);
    ::SSL_CTX_set_num_tickets(native, 0);
    ::SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
    if (tls_.use_certificate_chain_file(c.tls_cert, ec); ec) {
      return InvalidArgument("cannot load --tls-cert: " + ec.message());
    }
    if (tls_.use_private_key_file(c.tls_key, asio::ssl::context::pem, ec); ec) {
      return InvalidArgument("cannot load --tls-key: " + ec.message());
    }
    return Status::Ok();
  }

  ServerContext ctx_;
  asio::io_context ioc_;
  // Keeps run() going while no socket is open: store completions may still
  // post answers during shutdown.
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  asio::ssl::context tls_;
  std::shared_ptr<Listener> listener_;
  std::shared_ptr<Listener> metrics_listener_;
  std::vector<std::thread> threads_;
  std::atomic<bool> sched_warned_{false};
  std::atomic<bool> sweep_queued_{false};  // a sweep waits or runs on the account worker
  asio::steady_timer trim_timer_;
  asio::steady_timer sweep_timer_;
  TrimPolicy trim_policy_;
};

}  // namespace

Result<std::unique_ptr<RelayServer>> RelayServer::Start(const RelayConfig& config,
                                                        storage::RelayStore* store,
                                                        const Clock* clock) {
  auto server = std::make_unique<RelayServerImpl>(config, store, clock);
  Status status = server->Init();
  if (!status.ok()) return status;
  return std::unique_ptr<RelayServer>(std::move(server));
}

}  // namespace kollega::server
