// The relay as a process: HTTP endpoints, shutdown, flags, config file, and
// what it must never write down (account ids in metrics or logs).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <sched.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "kollega/base/hex.h"
#include "relay_fixture.h"
#include "support/raw_socket.h"
#include "tls_fixture.h"

namespace kollega::testing {
namespace {

TEST_F(RelayTest, HealthzAndMetricsOverPlainHttp) {
  std::string health = HttpGet(port(), "/healthz");
  EXPECT_NE(health.find("200 OK"), std::string::npos) << health;
  EXPECT_NE(health.find("\r\n\r\nok"), std::string::npos);

  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  ASSERT_EQ(Send(*alice_c, bob->account, {1}, "counted")->code(), wire::OK);
  ASSERT_EQ(ReceiveEnvelopes(*bob_c, 1).size(), 1u);
  Send(*alice_c, std::string(16, 'q'), {1}, "x").value();  // one UNKNOWN_ACCOUNT

  std::string metrics = HttpGet(metrics_port(), "/metrics");
  EXPECT_NE(metrics.find("200 OK"), std::string::npos);
  for (const char* line :
       {"kollega_connections 2", "kollega_authenticated_connections 2",
        "kollega_messages_accepted_total 1", "kollega_messages_delivered_total 1",
        "kollega_envelopes_acked_total 0", "kollega_queue_depth", "kollega_store_sst_bytes",
        "kollega_store_memtable_bytes", "kollega_store_wal_bytes", "kollega_wal_syncs_total",
        "kollega_errors_total{code=\"UNKNOWN_ACCOUNT\"} 1",
        "# TYPE kollega_store_commit_duration_seconds histogram",
        "kollega_store_commit_duration_seconds_bucket{le=\"0.00025\"}",
        "kollega_store_commit_duration_seconds_bucket{le=\"1\"}",
        "kollega_store_commit_duration_seconds_sum "}) {
    EXPECT_NE(metrics.find(line), std::string::npos) << line << "\n" << metrics;
  }
  // One synced commit (the send): the histogram's total says so, and so
  // does its last bucket.
  EXPECT_NE(metrics.find("kollega_store_commit_duration_seconds_count 1\n"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("kollega_store_commit_duration_seconds_bucket{le=\"+Inf\"} 1\n"),
            std::string::npos);
  for (const auto& id : {alice->account, bob->account}) {
    EXPECT_EQ(metrics.find(ToHex(id)), std::string::npos);
    EXPECT_EQ(metrics.find(id), std::string::npos);
  }
  EXPECT_NE(HttpGet(port(), "/nope").find("404"), std::string::npos);

  // Nor do the logs carry ids, content or addresses.
  ASSERT_EQ(relay_->Stop(), 0);
  std::string log = relay_->ReadLog();
  for (const auto& id : {alice->account, bob->account}) {
    EXPECT_EQ(log.find(ToHex(id)), std::string::npos);
  }
  EXPECT_EQ(log.find("counted"), std::string::npos);
  EXPECT_EQ(log.find("127.0.0.1"), std::string::npos) << log;
}

TEST_F(RelayTest, SigtermClosesSessionsWithAReasonAndExitsZero) {
  std::unique_ptr<TestClient> c;
  ASSERT_TRUE(NewRecipient(port(), &c));
  EXPECT_EQ(relay_->Stop(), 0) << relay_->ReadLog();
  auto closing = c->WaitPush(IsClosing);
  ASSERT_TRUE(closing);
  EXPECT_EQ(closing->closing().reason(), "relay shutting down");
  ASSERT_TRUE(c->WaitClosed());
  EXPECT_EQ(c->close_info().code, 1001);
  EXPECT_NE(relay_->ReadLog().find("stopped cleanly"), std::string::npos);
}

// A burst of connections that closes leaves its freed heap with the
// allocator unless the relay hands it back; it does so once the burst is
// over, not while connections stay.
TEST_F(RelayCustomTest, FreedMemoryGoesBackAfterABurstOfConnectionsCloses) {
  StartRelay({"--memory-trim-interval", "1"});
  auto metrics_have = [&](const std::string& line) {
    for (int i = 0; i < 100; ++i) {
      if (HttpGet(metrics_port(), "/metrics").find(line + "\n") != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  };
  std::vector<std::unique_ptr<TestClient>> burst;
  for (int i = 0; i < 100; ++i) {
    burst.push_back(TestClient::Connect(port()));
    ASSERT_TRUE(burst.back()) << i;
  }
  ASSERT_TRUE(metrics_have("kollega_connections 100"));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // checks see the peak
  EXPECT_NE(HttpGet(metrics_port(), "/metrics").find("kollega_memory_trims_total 0\n"),
            std::string::npos);

  burst.clear();
  ASSERT_TRUE(metrics_have("kollega_connections 0"));
  EXPECT_TRUE(metrics_have("kollega_memory_trims_total 1")) << HttpGet(metrics_port(), "/metrics");
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // and only once
  EXPECT_NE(HttpGet(metrics_port(), "/metrics").find("kollega_memory_trims_total 1\n"),
            std::string::npos);
  EXPECT_NE(relay_->ReadLog().find("connections down to 0"), std::string::npos);
}

TEST(RelayProcessTest, HelpListsEveryFlag) {
  std::string out;
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--help"}, &out), 0);
  for (const char* flag : {"--listen",
                           "--port",
                           "--port-file",
                           "--data-dir",
                           "--ttl",
                           "--max-frame-bytes",
                           "--max-content-bytes",
                           "--max-prekeys-per-upload",
                           "--prekey-low-threshold",
                           "--mailbox-max-envelopes",
                           "--mailbox-max-bytes",
                           "--pow-bits",
                           "--account-rate",
                           "--bundle-rate",
                           "--request-rate",
                           "--threads",
                           "--io-sched",
                           "--max-wal-mb",
                           "--write-timeout",
                           "--memory-trim-interval",
                           "--tls-cert",
                           "--tls-key",
                           "--log-level",
                           "--config"}) {
    EXPECT_NE(out.find(flag), std::string::npos) << flag;
  }
}

TEST(RelayProcessTest, BadFlagsExitTwoWithAClearError) {
  std::string out;
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--no-such-flag"}, &out), 2);
  EXPECT_NE(out.find("unknown option '--no-such-flag'"), std::string::npos) << out;
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--port", "70000"}, &out), 2);
  EXPECT_NE(out.find("--port"), std::string::npos) << out;
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--tls-cert", "x.pem"}, &out), 2);
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--config", "/nonexistent"}, &out), 2);
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--io-sched", "fifo"}, &out), 2);
  EXPECT_NE(out.find("--io-sched must be batch or normal"), std::string::npos) << out;
}

// The relay's threads as `ps -L` shows them: name and scheduling policy.
// Io threads name themselves as they start, which may be just after the
// port file is written, so this waits until `io_threads` of them have.
std::multimap<std::string, int> ThreadsByName(pid_t pid, int io_threads) {
  std::multimap<std::string, int> threads;
  for (int attempt = 0; attempt < 100; ++attempt) {
    threads.clear();
    for (const auto& task :
         std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
      std::ifstream comm(task.path() / "comm");
      std::string name;
      std::getline(comm, name);
      pid_t tid = static_cast<pid_t>(std::stol(task.path().filename().string()));
      threads.emplace(name, ::sched_getscheduler(tid));
    }
    if (static_cast<int>(threads.count("kollega-io")) == io_threads) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return threads;
}

// An operator can tell the io threads from the store writer in top -H; the
// io threads do not preempt the writer when woken (--io-sched batch, the
// default), and --io-sched normal leaves them as ordinary threads.
TEST_F(RelayCustomTest, ThreadsAreNamedAndIoThreadsRunUnderTheChosenPolicy) {
  for (const char* policy : {"batch", "normal"}) {
    SCOPED_TRACE(policy);
    StartRelay({"--threads", "3", "--io-sched", policy});
    auto threads = ThreadsByName(relay_->pid(), 3);
    ASSERT_EQ(threads.count("kollega-io"), 3u);
    const int io_policy = std::string(policy) == "batch" ? SCHED_BATCH : SCHED_OTHER;
    for (auto [it, end] = threads.equal_range("kollega-io"); it != end; ++it) {
      EXPECT_EQ(it->second, io_policy);
    }
    ASSERT_EQ(threads.count("kollega-store"), 1u);
    EXPECT_EQ(threads.find("kollega-store")->second, SCHED_OTHER);
    EXPECT_EQ(relay_->Stop(), 0);
  }
}

class ConfigFileTest : public RelayCustomTest {};

TEST_F(ConfigFileTest, ConfigFileSetsOptions) {
  // The fixture's directory is made by the first RelayProcess; write the
  // file next to it and start a relay that reads it.
  RelayProcess probe(KOLLEGA_RELAY_BIN);
  std::string path = probe.dir() + "/relay.conf";
  {
    std::ofstream conf(path);
    conf << "# test configuration\nmax-content-bytes = 10\n  pow-bits = 3 \n";
  }
  StartRelay({"--config", path});
  auto c = TestClient::Connect(port());
  auto challenge = c->WaitPush(IsChallenge);
  ASSERT_TRUE(challenge);
  EXPECT_EQ(challenge->challenge().pow_bits(), 3u);
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  EXPECT_EQ(Send(*alice_c, bob->account, {1}, std::string(11, 'x'))->code(), wire::TOO_LARGE);

  std::ofstream(path) << "pow-bits = lots\n";
  std::string out;
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--config", path}, &out), 2);
  EXPECT_NE(out.find("relay.conf:1"), std::string::npos) << out;
}

TEST_F(TlsTest, ServesTlsAndPlainOnTheSamePort) {
  StartTlsRelay();
  EXPECT_EQ(TlsHealthz(), "ok\n");
  EXPECT_NE(HttpGet(port(), "/healthz").find("200 OK"), std::string::npos);
  auto c = TestClient::Connect(port());  // plain WebSocket still works
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->WaitPush(IsChallenge));
}

// A client that connects and says nothing (the relay cannot yet tell TLS
// from plain) and one that stops inside its ClientHello are both cut at
// --http-timeout; the relay keeps serving TLS meanwhile.
TEST_F(TlsTest, SilentAndHalfHandshakesAreCutAtTheDeadline) {
  StartTlsRelay({"--http-timeout", "1"});
  auto silent = RawSocket::Connect(port());
  auto half = RawSocket::Connect(port());
  ASSERT_TRUE(silent && half);
  // A TLS record header announcing a 512-byte handshake message, and only
  // part of it: enough to be detected as TLS, not enough to answer.
  ASSERT_TRUE(half->Write(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)));
  EXPECT_EQ(TlsHealthz(), "ok\n");
  EXPECT_TRUE(silent->WaitEof(milliseconds(4000))) << "a silent client was never cut";
  EXPECT_TRUE(half->WaitEof(milliseconds(4000))) << "a stalled handshake was never cut";
  EXPECT_EQ(TlsHealthz(), "ok\n");
  EXPECT_NE(HttpGet(metrics_port(), "/metrics").find("kollega_http_timeouts_total 2\n"),
            std::string::npos);
}

// The deadline is for HTTP only: a WebSocket over TLS that is quiet for
// longer than --http-timeout stays up. openssl s_client speaks for the
// client: the upgrade, 2.5 s of nothing, a WebSocket ping (masked with a
// zero key, payload "late") and a close. The pong proves the same
// connection was still there.
TEST_F(TlsTest, AWebSocketOverTlsOutlivesTheHttpDeadline) {
  StartTlsRelay({"--http-timeout", "1"});
  const std::string script =
      "(printf 'GET /v1/websocket HTTP/1.1\\r\\nHost: localhost\\r\\nUpgrade: websocket\\r\\n"
      "Connection: Upgrade\\r\\nSec-WebSocket-Version: 13\\r\\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\n\\r\\n'; sleep 2.5; "
      "printf '\\211\\204\\000\\000\\000\\000late\\210\\200\\000\\000\\000\\000') | "
      "timeout 10 " +
      std::string(kOpenssl) + " s_client -quiet -connect 127.0.0.1:" + std::to_string(port());
  std::string out;
  RelayProcess::RunToExit("/bin/sh", {"-c", script}, &out);
  EXPECT_NE(out.find("101 Switching Protocols"), std::string::npos) << out;
  EXPECT_NE(out.find(std::string("\x8a\x04late", 6)), std::string::npos)
      << "no pong after the HTTP deadline: " << out;
}

TEST(RelayProcessTest, UnreadableTlsFilesAreAClearError) {
  std::string out;
  EXPECT_EQ(
      RelayProcess::RunToExit(KOLLEGA_RELAY_BIN,
                              {"--port", "0", "--data-dir", "/tmp/kollega-tls-none", "--tls-cert",
                               "/nonexistent.pem", "--tls-key", "/nonexistent.key"},
                              &out),
      2);
  EXPECT_NE(out.find("--tls-cert"), std::string::npos) << out;
  std::filesystem::remove_all("/tmp/kollega-tls-none");
}

}  // namespace
}  // namespace kollega::testing
