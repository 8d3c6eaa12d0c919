// Fuzzes the relay's protocol logic in process: the frame checks of
// Connection::OnMessage, the request table (dispatch.cpp) and every
// handler behind it, over a real RocksDB store (on tmpfs when there is one,
// created once per process). Only the WebSocket is replaced: a Transport
// that records frames and runs posted work on this thread, as the
// session's strand would (server/src/transport.h).
//
// Input: one flags byte, then frames, each a u16 big-endian length and
// that many bytes (the last one is cut at the end of the input), at most
// kMaxFrames. Flag bit 0: log in first as device 1 of kAccountA (the
// harness signs the challenge; no fuzzer forges Ed25519), so the handlers
// that need a login see the input too. Flag bit 1: the harness signs every
// PublishOrgObject as organisation key (flags >> 2) & 7 (OrgSeed below;
// make_corpus.cpp derives the same keys): it sets org_key, signs the
// object's body (a rotation also with the next key, the one it hands over
// to) and, when the frame carries one, the challenge proof over the
// connection's newest nonce. The relay hosts any organisation, so the
// verification and storage of what organisations sign see every body.
// Organisation state (versions, rotations) lasts across inputs, like the
// rest of the store; a rotated key refuses publishing from then on, so
// eight keys keep the others open.
//
// After the frames, the harness waits for every store write the input
// started (the account worker's queue, then a sentinel append behind them
// on the store's single writer),
// then shuts the connection down as the relay would, so completions and
// the shutdown path run too. Reaching the end of an input without a
// crash, a leak, a UBSan report or a hang is the pass condition.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "connection.h"
#include "kollega/base/log.h"
#include "kollega/base/origin.h"
#include "kollega/crypto/device_key.h"
#include "kollega/org/signed_object.h"
#include "organisation.pb.h"
#include "quiet_protobuf.h"
#include "relay.pb.h"
#include "server_context.h"

namespace {

namespace crypto = kollega::crypto;
namespace server = kollega::server;
namespace storage = kollega::storage;
namespace wire = kollega::wire;

constexpr size_t kMaxFrames = 16;
constexpr size_t kOrgKeys = 8;
constexpr uint16_t kPort = 8420;
const std::string kAccountA(16, '\xAA');                         // the harness's login
const std::string kAccountB(16, '\xBB');                         // a recipient that exists
const storage::DeviceAddress kSink{std::string(16, '\xCC'), 1};  // sentinel appends

void Require(bool ok) {
  if (!ok) std::abort();
}

struct Session;

// The session's strand, reduced to a queue this thread drains. Post may be
// called from the store's writer thread; each posted task keeps the
// session alive until it has run, as the real session does.
class FakeTransport final : public server::Transport {
 public:
  const Channel& channel() const override { return channel_; }
  void Post(std::function<void()> fn) override {
    std::lock_guard lock(mu_);
    queue_.push_back(Task{owner_.lock(), std::move(fn)});
  }
  void SendFrame(std::string bytes) override { sent_.push_back(std::move(bytes)); }
  bool Backlogged() const override { return sent_.size() > 64; }
  void Close(uint16_t, std::string) override { closed_ = true; }

  // Runs queued tasks (and those they queue) until none are left.
  void Pump() {
    for (;;) {
      Task task;
      {
        std::lock_guard lock(mu_);
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task.fn();
    }
  }

  std::weak_ptr<Session> owner_;
  Channel channel_{false, "", kPort, ""};
  std::vector<std::string> sent_;
  bool closed_ = false;

 private:
  struct Task {
    std::shared_ptr<Session> keep;
    std::function<void()> fn;
  };
  std::mutex mu_;
  std::deque<Task> queue_;
};

// What a WebSocket session owns: its transport and its connection.
struct Session {
  explicit Session(server::ServerContext& ctx) : connection(ctx, transport) {}
  FakeTransport transport;
  server::Connection connection;
};

struct Fixture {
  std::filesystem::path dir;
  kollega::ManualClock clock;
  std::unique_ptr<storage::RelayStore> store;
  std::unique_ptr<server::ServerContext> ctx;
  std::unique_ptr<crypto::DeviceKey> key_a;
  std::vector<crypto::DeviceKey> org_keys;  // kOrgKeys of them
};

// The seed of organisation key `index` (make_corpus.cpp OrgSeed).
std::string OrgSeed(size_t index) { return std::string(32, static_cast<char>(0x40 + index)); }

Fixture& Get() {
  static Fixture* fixture = [] {
    kollega::log::SetLevel(kollega::log::Level::kError);
    auto* f = new Fixture;
    const char* shm = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
    std::string templ = std::string(shm) + "/kollega-fuzz-XXXXXX";
    Require(mkdtemp(templ.data()) != nullptr);
    f->dir = templ;
    std::atexit([] { std::filesystem::remove_all(Get().dir); });

    server::RelayConfig config;
    config.data_dir = f->dir.string();
    config.pow_bits = 0;
    config.mailbox_max_envelopes = 64;  // a full mailbox is reached, and stays cheap
    config.mailbox_max_bytes = 1 << 20;
    // Otherwise every publish stops at ORG_NOT_HOSTED, before the checks.
    config.any_organisation = true;
    storage::RocksRelayStoreOptions options;
    options.path = config.data_dir;
    options.clock = &f->clock;
    options.limits.max_envelopes = config.mailbox_max_envelopes;
    options.limits.max_bytes = config.mailbox_max_bytes;
    options.scrub_interval = std::chrono::milliseconds(0);
    auto store = storage::OpenRocksRelayStore(options);
    Require(store.ok());
    f->store = std::move(store).value();
    f->ctx = std::make_unique<server::ServerContext>(config, f->store.get(), &f->clock);

    auto key = crypto::DeviceKey::FromPrivateSeed(std::string(32, '\x5A'));
    Require(key.ok());
    f->key_a = std::make_unique<crypto::DeviceKey>(std::move(key).value());
    for (size_t i = 0; i < kOrgKeys; ++i) {
      auto org_key = crypto::DeviceKey::FromPrivateSeed(OrgSeed(i));
      Require(org_key.ok());
      f->org_keys.push_back(std::move(org_key).value());
    }
    for (const std::string* account : {&kAccountA, &kAccountB}) {
      storage::DeviceRecord device;
      device.auth_public_key = f->key_a->public_key();
      device.registration_id = 1;
      device.created_ms = f->clock.NowMs();
      Require(f->store->CreateAccount(*account, device).ok());
    }
    return f;
  }();
  return *fixture;
}

// The nonce of the newest Challenge the connection sent, if any.
std::string LastNonce(const FakeTransport& transport) {
  for (auto it = transport.sent_.rbegin(); it != transport.sent_.rend(); ++it) {
    wire::Frame frame;
    if (!frame.ParseFromString(*it)) continue;
    if (frame.has_push() && frame.push().has_challenge()) return frame.push().challenge().nonce();
    if (frame.has_response() && frame.response().has_challenge()) {
      return frame.response().challenge().nonce();
    }
  }
  return "";
}

void LogIn(Fixture& f, Session& session) {
  const std::string nonce = LastNonce(session.transport);
  const std::string origin = kollega::FormatOrigin(false, "127.0.0.1", kPort);
  auto signature = f.key_a->Sign(crypto::DeviceAuthMessageV2(nonce, kAccountA, 1, origin, ""));
  Require(signature.ok());
  wire::Frame frame;
  frame.set_version(wire::PROTOCOL_VERSION_1);
  frame.mutable_request()->set_id(1);
  auto* auth = frame.mutable_request()->mutable_authenticate();
  auth->set_account_id(kAccountA);
  auth->set_device_id(1);
  auth->set_origin(origin);
  auth->set_signature(*signature);
  session.connection.OnMessage(frame.SerializeAsString());
  session.transport.Pump();
}

// A PublishOrgObject frame signed as organisation key `index` (flag bit
// 1); any other frame unchanged.
std::string SignedAsOrganisation(Fixture& f, const Session& session, size_t index,
                                 std::string_view bytes) {
  wire::Frame frame;
  if (!frame.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
      !frame.request().has_publish_org_object()) {
    return std::string(bytes);
  }
  const crypto::DeviceKey& key = f.org_keys[index];
  auto* publish = frame.mutable_request()->mutable_publish_org_object();
  publish->set_org_key(key.public_key());
  kollega::org::SignedObject object;
  if (!publish->signed_object().empty() && object.ParseFromString(publish->signed_object())) {
    const std::string input = kollega::org::SignedInput(
        static_cast<kollega::org::ObjectKind>(object.kind()), object.body());
    auto signature = key.Sign(input);
    Require(signature.ok());
    object.set_signature(*signature);
    if (object.kind() == kollega::org::KEY_ROTATION) {
      auto second = f.org_keys[(index + 1) % kOrgKeys].Sign(input);
      Require(second.ok());
      object.set_new_key_signature(*second);
    }
    publish->set_signed_object(object.SerializeAsString());
  }
  if (!publish->challenge_signature().empty()) {
    auto proof = key.Sign(kollega::org::PublishProofInput(LastNonce(session.transport)));
    Require(proof.ok());
    publish->set_challenge_signature(*proof);
  }
  return frame.SerializeAsString();
}

// Blocks until every write queued on the store before this call has
// reported back: the writer runs them in order.
void WaitForStoreWrites(Fixture& f) {
  // Account, prekey and device-list writes run on the account worker
  // first (server/src/store_worker.h).
  f.ctx->account_writes.WaitIdle();
  std::promise<void> done;
  auto future = done.get_future();
  f.store->Append({storage::EnvelopeToStore{kSink, "sentinel"}},
                  [&done](kollega::Status status, storage::AppendResult) {
                    status.IgnoreError();  // the sink may be full; only the order matters
                    done.set_value();
                  });
  Require(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Fixture& f = Get();
  f.clock.Advance(1000);  // rate limits refill between inputs, as between logins

  auto session = std::make_shared<Session>(*f.ctx);
  session->transport.owner_ = session;
  session->connection.Bind(std::shared_ptr<server::Connection>(session, &session->connection));
  session->connection.OnOpen();
  if (data[0] & 1) LogIn(f, *session);

  size_t pos = 1;
  for (size_t n = 0; n < kMaxFrames && pos < size; ++n) {
    size_t len = size - pos;
    if (len >= 2) {
      len = std::min<size_t>(size - pos - 2, data[pos] << 8 | data[pos + 1]);
      pos += 2;
    }
    const std::string_view bytes(reinterpret_cast<const char*>(data) + pos, len);
    if (data[0] & 2) {
      session->connection.OnMessage(SignedAsOrganisation(f, *session, data[0] >> 2 & 7, bytes));
    } else {
      session->connection.OnMessage(bytes);
    }
    session->transport.Pump();
    pos += len;
  }

  WaitForStoreWrites(f);
  session->transport.Pump();
  session->connection.OnShutdown();  // answers UNAVAILABLE, closes once writes are answered
  session->transport.Pump();
  session->connection.OnClosed();
  session->transport.Pump();
  // Nothing else may still hold the session: the registry keeps weak_ptrs
  // and every store completion has run.
  std::weak_ptr<Session> weak = session;
  session.reset();
  Require(weak.expired());
  return 0;
}
