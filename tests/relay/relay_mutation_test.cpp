// Mutated requests: valid requests of every type, damaged by a seeded
// generator field by field (odd sizes and numbers, missing and surplus
// fields, another operation) and byte by byte (bit flips, truncation,
// splices, absurd length prefixes), sent by an authenticated and an
// unauthenticated connection while an innocent pair keeps talking. Each
// damaged frame must be answered, and if it ends the connection, with a
// known close code and a reason; the relay must stay up and shut down
// cleanly; the pair must lose nothing. KOLLEGA_MUTATION_SEED=N runs another
// sequence (a failure prints the seed and the frame's bytes).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/reflection.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "relay_fixture.h"

namespace kollega::testing {
namespace {

constexpr int kFrames = 1500;
// Ids the damaged frames cannot reach with a few flipped bits, so the ping
// that follows each is never confused with an answer to the damage.
constexpr uint64_t kPingIdBase = 0x5a5a000000000000ull;

// The frame's first bytes in hex, for a failure message.
std::string Hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  constexpr size_t kShown = 256;
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  if (bytes.size() > kShown) out += "... (" + std::to_string(bytes.size()) + " bytes)";
  return out;
}

std::string Serialize(wire::Request request) {
  wire::Frame frame;
  frame.set_version(wire::PROTOCOL_VERSION_1);
  *frame.mutable_request() = std::move(request);
  return frame.SerializeAsString();
}

// One valid request of each type, as an authenticated device would send
// them (the Send goes to `sink`, never to the innocent pair).
std::vector<wire::Request> Corpus(const TestDevice& self, const TestDevice& sink) {
  std::vector<wire::Request> requests;
  requests.push_back(PingRequest());
  requests.push_back(GetChallengeRequest());
  requests.push_back(SendRequest(sink.account, {sink.device_id}, std::string(40, 'c')));
  wire::Request ack;
  ack.mutable_ack()->add_seqs(1);
  ack.mutable_ack()->add_seqs(2);
  ack.mutable_ack()->set_quiet(true);
  requests.push_back(ack);
  wire::Request fetch;
  fetch.mutable_fetch_bundle()->set_account_id(sink.account);
  fetch.mutable_fetch_bundle()->set_device_id(sink.device_id);
  requests.push_back(fetch);
  wire::Request upload;
  upload.mutable_upload_prekeys()->set_identity_key(FakeKey(0));
  upload.mutable_upload_prekeys()->mutable_signed_prekey()->set_id(1);
  upload.mutable_upload_prekeys()->mutable_signed_prekey()->set_public_key(FakeKey(1));
  upload.mutable_upload_prekeys()->mutable_signed_prekey()->set_signature(std::string(64, 's'));
  for (uint32_t i = 0; i < 3; ++i) {
    auto* k = upload.mutable_upload_prekeys()->add_one_time_prekeys();
    k->set_id(10 + i);
    k->set_public_key(FakeKey(10 + i));
  }
  requests.push_back(upload);
  wire::Request count;
  count.mutable_get_prekey_count();
  requests.push_back(count);
  wire::Request list;
  list.mutable_list_devices();
  requests.push_back(list);
  wire::Request token;
  token.mutable_create_link_token()->set_sealed_provisioning(std::string(80, 'p'));
  requests.push_back(token);
  wire::Request auth;
  auth.mutable_authenticate()->set_account_id(self.account);
  auth.mutable_authenticate()->set_device_id(self.device_id);
  auth.mutable_authenticate()->set_signature(std::string(64, 'x'));
  requests.push_back(auth);
  wire::Request create;
  create.mutable_create_account()->set_pow_solution(std::string(8, 'w'));
  create.mutable_create_account()->mutable_device()->set_auth_public_key(std::string(32, 'k'));
  create.mutable_create_account()->mutable_device()->set_registration_id(7);
  create.mutable_create_account()->mutable_device()->set_proof(std::string(64, 'q'));
  requests.push_back(create);
  wire::Request reg;
  reg.mutable_register_device()->set_account_id(self.account);
  reg.mutable_register_device()->set_link_token(std::string(32, 't'));
  *reg.mutable_register_device()->mutable_device() = create.create_account().device();
  requests.push_back(reg);

  uint64_t id = 1000;
  for (wire::Request& r : requests) r.set_id(id++);
  return requests;
}

// The id the relay must answer `bytes` with: the request's, or 0 for a frame
// that is not a parseable request. Every request the corpus can turn into is
// answered: the one quiet request, an Ack, always fails here (nothing is ever
// sent to the damaging device), and failures are answered.
uint64_t AnswerId(const std::string& bytes) {
  wire::Frame frame;
  if (!frame.ParseFromString(bytes) || !frame.has_request()) return 0;
  return frame.request().id();
}

// Damages requests in two ways: field by field through protobuf
// reflection (odd sizes and numbers, missing and surplus fields, another
// operation), which gets past the parser into the handlers; and byte by
// byte on the encoded frame, which mostly does not.
class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}

  std::string Mutate(const std::vector<wire::Request>& corpus) {
    wire::Request request = corpus[Below(corpus.size())];
    const size_t way = Below(4);
    if (way != 0) {
      for (size_t n = 1 + Below(3); n > 0; --n) MutateFields(request, 0);
    }
    std::string bytes = Serialize(std::move(request));
    if (way <= 1) {
      for (size_t n = 1 + Below(3); n > 0; --n) MutateBytes(bytes, corpus);
    }
    return bytes;
  }

 private:
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng_() % n); }

  std::string RandomBytes() {
    static constexpr size_t kSizes[] = {0,  1,  15, 16, 17,  31,   32,
                                        33, 63, 64, 65, 200, 4096, 100000};
    std::string b(kSizes[Below(std::size(kSizes))], '\0');
    for (char& c : b) c = static_cast<char>(rng_() & 0xff);
    return b;
  }

  uint64_t RandomNumber() {
    static constexpr uint64_t kEdges[] = {0,          1,          2,          3,     64,
                                          100,        1024,       16380,      16381, 0x7fffffff,
                                          0xffffffff, 1ull << 32, ~0ull >> 1, ~0ull};
    return Below(4) == 0 ? rng_() : kEdges[Below(std::size(kEdges))];
  }

  void SetRandom(google::protobuf::Message& m, const google::protobuf::FieldDescriptor* f,
                 int depth) {
    using FD = google::protobuf::FieldDescriptor;
    const google::protobuf::Reflection* r = m.GetReflection();
    switch (f->cpp_type()) {
      case FD::CPPTYPE_STRING:
        f->is_repeated() ? r->AddString(&m, f, RandomBytes()) : r->SetString(&m, f, RandomBytes());
        break;
      case FD::CPPTYPE_UINT32:
        f->is_repeated() ? r->AddUInt32(&m, f, static_cast<uint32_t>(RandomNumber()))
                         : r->SetUInt32(&m, f, static_cast<uint32_t>(RandomNumber()));
        break;
      case FD::CPPTYPE_UINT64:
        f->is_repeated() ? r->AddUInt64(&m, f, RandomNumber())
                         : r->SetUInt64(&m, f, RandomNumber());
        break;
      case FD::CPPTYPE_BOOL:
        if (!f->is_repeated()) r->SetBool(&m, f, !r->GetBool(m, f));
        break;
      case FD::CPPTYPE_ENUM:
        if (!f->is_repeated()) r->SetEnumValue(&m, f, static_cast<int>(RandomNumber() & 0xff));
        break;
      case FD::CPPTYPE_MESSAGE: {
        google::protobuf::Message* sub =
            f->is_repeated() ? r->AddMessage(&m, f) : r->MutableMessage(&m, f);
        if (depth < 3) MutateFields(*sub, depth + 1);
        break;
      }
      default:
        break;
    }
  }

  void MutateFields(google::protobuf::Message& m, int depth) {
    const google::protobuf::Descriptor* d = m.GetDescriptor();
    if (d->field_count() == 0) return;
    const google::protobuf::FieldDescriptor* f =
        d->field(static_cast<int>(Below(d->field_count())));
    if (depth == 0 && f->name() == "id") return;  // keep answers matchable
    const google::protobuf::Reflection* r = m.GetReflection();
    switch (Below(4)) {
      case 0:  // drop it
        r->ClearField(&m, f);
        break;
      case 1:  // many of it: past every per-request cap
        if (f->is_repeated()) {
          static constexpr size_t kCounts[] = {65, 101, 1025};
          // Elements past depth 3 stay empty: the count is the point.
          for (size_t n = kCounts[Below(std::size(kCounts))]; n > 0; --n) {
            SetRandom(m, f, depth + 3);
          }
          break;
        }
        [[fallthrough]];
      default:
        SetRandom(m, f, depth);
        break;
    }
  }

  void MutateBytes(std::string& b, const std::vector<wire::Request>& corpus) {
    switch (Below(7)) {
      case 0:  // flip a few bits
        for (size_t n = 1 + Below(8); n > 0 && !b.empty(); --n) {
          b[Below(b.size())] ^= static_cast<char>(1u << Below(8));
        }
        break;
      case 1:  // cut short
        b.resize(Below(b.size() + 1));
        break;
      case 2:  // insert random bytes
        b.insert(Below(b.size() + 1), std::string(1 + Below(16), static_cast<char>(rng_())));
        break;
      case 3: {  // overwrite a byte with a boundary value
        static constexpr char kEdges[] = {'\x00', '\x01', '\x7f', '\x80', '\xff'};
        if (!b.empty()) b[Below(b.size())] = kEdges[Below(sizeof kEdges)];
        break;
      }
      case 4: {  // the head of this frame, the tail of another
        const std::string other = Serialize(corpus[Below(corpus.size())]);
        b = b.substr(0, Below(b.size() + 1)) + other.substr(Below(other.size() + 1));
        break;
      }
      case 5: {  // repeat a slice
        size_t from = Below(b.size() + 1);
        b.insert(from, b.substr(from, Below(32)));
        break;
      }
      default:  // a length-delimited field claiming ~4 GiB
        b += std::string("\x1a\xff\xff\xff\xff\x0f", 6);
        break;
    }
  }

  std::mt19937_64 rng_;
};

uint64_t SeedFromEnvironment() {
  const char* s = std::getenv("KOLLEGA_MUTATION_SEED");
  return s != nullptr ? std::strtoull(s, nullptr, 10) : 20261130;
}

class MutationTest : public RelayCustomTest {};

TEST_F(MutationTest, DamagedRequestsAreAnsweredOrClosedAndHurtNoOne) {
  // High request rate: the ping after each damaged frame must not be
  // rate limited (the limiter has its own test).
  // Damage before login must reach the parser too, not stop at the
  // pre-login frame cap or the login deadline (docs/abuse.md; tested on
  // their own).
  StartRelay(
      {"--request-rate", "100000", "--prelogin-frame-bytes", "1048576", "--auth-timeout", "3600"});
  std::unique_ptr<TestClient> alice_c, bob_c, mallory_c, sink_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  auto mallory = NewRecipient(port(), &mallory_c);
  auto sink = NewRecipient(port(), &sink_c);
  ASSERT_TRUE(alice && bob && mallory && sink);
  sink_c->Close();
  const std::vector<wire::Request> corpus = Corpus(*mallory, *sink);

  // The innocent pair talks throughout.
  std::atomic<bool> stop{false};
  std::atomic<int> sent{0}, failed{0};
  std::thread innocent([&] {
    while (!stop) {
      auto r = Send(*alice_c, bob->account, {bob->device_id}, "m" + std::to_string(sent.load()));
      (r && r->code() == wire::OK ? sent : failed)++;
      std::this_thread::sleep_for(milliseconds(5));
    }
  });
  // A failed ASSERT below returns early: stop the pair first, not abort.
  struct StopOnExit {
    std::atomic<bool>& stop;
    std::thread& thread;
    ~StopOnExit() {
      stop = true;
      if (thread.joinable()) thread.join();
    }
  } stop_innocent{stop, innocent};

  const uint64_t seed = SeedFromEnvironment();
  SCOPED_TRACE("KOLLEGA_MUTATION_SEED=" + std::to_string(seed));
  Mutator mutator(seed);
  const std::set<uint16_t> kExpectedCloses = {1002, 1008};
  std::map<int, int> outcomes;  // answer code -> frames
  int closes = 0;
  std::unique_ptr<TestClient> c;
  bool authenticated = false;
  for (int i = 0; i < kFrames; ++i) {
    if (!c) {
      // Alternate: damage seen before and after authentication.
      authenticated = (closes % 2) == 0;
      c = authenticated ? ConnectAs(port(), *mallory) : TestClient::Connect(port());
      ASSERT_TRUE(c) << "the relay stopped accepting connections at frame " << i;
      c->DiscardPending();
    }
    const std::string bytes = mutator.Mutate(corpus);
    ASSERT_TRUE(c->SendBytes(bytes)) << "frame " << i;
    const uint64_t ping_id = kPingIdBase + static_cast<uint64_t>(i);
    wire::Frame ping;
    ping.set_version(wire::PROTOCOL_VERSION_1);
    *ping.mutable_request() = PingRequest();
    ping.mutable_request()->set_id(ping_id);
    c->SendFrame(ping);
    // Every frame is answered, also one that then ends the connection.
    auto answer = c->WaitResponse(AnswerId(bytes));
    ASSERT_TRUE(answer) << "frame " << i << " was not answered: " << Hex(bytes);
    if (answer->code() != wire::OK) {
      EXPECT_FALSE(answer->message().empty()) << "frame " << i;
    }
    ++outcomes[answer->code()];
    if (auto r = c->WaitResponse(ping_id)) {
      ASSERT_EQ(r->code(), wire::OK) << "frame " << i << ": " << Hex(bytes);
      c->DiscardPending();
      continue;
    }
    // The ping went unanswered: the damage must have ended the connection,
    // with a reason the client can show.
    ASSERT_TRUE(c->WaitClosed(milliseconds(2000)))
        << "frame " << i << " neither let the ping through nor closed: " << Hex(bytes);
    EXPECT_TRUE(kExpectedCloses.count(c->close_info().code))
        << "frame " << i << " closed with " << c->close_info().code << " ("
        << c->close_info().reason << "): " << Hex(bytes);
    EXPECT_FALSE(c->close_info().reason.empty());
    ++closes;
    c.reset();
  }
  stop = true;
  innocent.join();

  std::printf("%d damaged frames, %d connections closed; answers:", kFrames, closes);
  for (auto [code, n] : outcomes) std::printf(" %s %d", wire::ErrorCode_Name(code).c_str(), n);
  std::printf("\n");
  // The damage reached past the parser into the handlers, and also closed
  // connections: the generator exercised every path.
  EXPECT_GT(outcomes[wire::MALFORMED], 0);
  EXPECT_GT(outcomes[wire::UNSUPPORTED_VERSION], 0);
  EXPECT_GT(outcomes[wire::INVALID_ARGUMENT] + outcomes[wire::UNKNOWN_ACCOUNT], 0);
  EXPECT_GT(closes, 0);
  EXPECT_NE(HttpGet(port(), "/healthz").find("200"), std::string::npos);

  // The innocent pair lost nothing, and in order.
  EXPECT_EQ(failed.load(), 0);
  ASSERT_GT(sent.load(), 0);
  auto got = ReceiveEnvelopes(*bob_c, static_cast<size_t>(sent.load()));
  ASSERT_EQ(got.size(), static_cast<size_t>(sent.load()));
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].envelope.content(), "m" + std::to_string(i));
    EXPECT_EQ(got[i].envelope.sender_account(), alice->account);
  }
  // And the relay still serves the connection that sent the damage.
  auto again = ConnectAs(port(), *mallory);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->Call(PingRequest())->code(), wire::OK);
}

}  // namespace
}  // namespace kollega::testing
