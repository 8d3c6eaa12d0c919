// Fuzzes what a client (and the relay, and kollega-admin) decodes from
// bytes an organisation, a helper or a hostile relay controls
// (docs/organisations.md): the organisation card, signed objects and their
// verification (org/include/kollega/org/verify.h), a helper's availability
// and enrolment request, and, for every body that parses as a policy, the
// client's opening hours and case ledger over it
// (client-core/src/organisations/).
//
// No fuzzer forges Ed25519, so signed objects are read two ways. Input
// layout, by the first byte (selector) modulo 5:
//   0: an organisation card as pasted (text);
//   1: a SignedObject as a relay serves it, put through every Verify*
//      with the pinned key (the seeds are validly signed, so mutations
//      start next to an accepted object);
//   2: a byte (kind in bits 0-2, the version held in bits 3-7), u16
//      big-endian body length, body, then ledger events: the harness
//      signs the body as that kind with the pinned key (and a rotation
//      with the new key too), so the checks after the signature see every
//      body;
//   3: a SignedAvailability as served;
//   4: an enrolment request (JSON) as a helper hands it over.
// Ledger events (mode 2, policies only): 3 bytes each, an op byte and a
// u16 big-endian value, at most kMaxEvents (see Ledger below).
//
// Besides a crash, a hang or a sanitizer report, these fail: an accepted
// object that breaks what its verifier promises (key, version, format,
// expiry, revocation, bounds); a card or a request that does not
// round-trip through its encoder; a ledger whose conversations or support
// time go backwards (but for the helper's correction) or that misstates a
// reached conversation limit; an opening-hours change that is not after
// the instant asked about.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "kollega/crypto/device_key.h"
#include "kollega/org/availability.h"
#include "kollega/org/card.h"
#include "kollega/org/enrol_request.h"
#include "kollega/org/signed_object.h"
#include "kollega/org/verify.h"
#include "organisations/case_ledger.h"
#include "organisations/opening_hours.h"
#include "organisations/time_zone.h"
#include "quiet_protobuf.h"

namespace {

namespace client = kollega::client;
namespace crypto = kollega::crypto;
namespace org = kollega::org;

// The seeds' keys: make_corpus_org.cpp derives the same ones.
const std::string kOrgSeed(32, 'O');
const std::string kNewOrgSeed(32, 'N');
const std::string kHelperAccount(16, '\x11');
constexpr uint64_t kLastVersion = 5;           // the policy and revocation list held (mode 1)
constexpr uint64_t kRevokedSerial = 13;        // named by the held revocation list
constexpr int64_t kNowMs = 1'780'000'000'000;  // 2026-05-28 20:26 UTC, a Thursday
constexpr size_t kMaxEvents = 64;

// Instants the opening hours are evaluated at, in UTC ms: around
// daylight-saving changes, and "now".
constexpr int64_t kInstants[] = {
    1'774'746'000'000,  // 2026-03-29 01:00 UTC: EU clocks spring forward
    1'792'890'000'000,  // 2026-10-25 01:00 UTC: EU clocks fall back
    1'772'953'200'000,  // 2026-03-08 07:00 UTC: US clocks spring forward
    kNowMs,
};

void Require(bool ok) {
  if (!ok) std::abort();
}

struct Fixture {
  std::unique_ptr<crypto::DeviceKey> org_key;
  std::unique_ptr<crypto::DeviceKey> new_key;  // what a rotation hands over to
  org::RevocationList revocations;
};

Fixture& Get() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    auto key = crypto::DeviceKey::FromPrivateSeed(kOrgSeed);
    auto next = crypto::DeviceKey::FromPrivateSeed(kNewOrgSeed);
    Require(key.ok() && next.ok());
    f->org_key = std::make_unique<crypto::DeviceKey>(std::move(key).value());
    f->new_key = std::make_unique<crypto::DeviceKey>(std::move(next).value());
    f->revocations.set_format(1);
    f->revocations.set_org_key(f->org_key->public_key());
    f->revocations.set_version(kLastVersion);
    f->revocations.add_serials(kRevokedSerial);
    return f;
  }();
  return *fixture;
}

uint16_t U16(std::string_view in, size_t pos) {
  return static_cast<uint16_t>(static_cast<uint8_t>(in[pos]) << 8 |
                               static_cast<uint8_t>(in[pos + 1]));
}

// --------------------------------------------------------------- client side

// For a verified policy, the next change is after the instant asked
// about, and nothing changes until just before it.
void OpenAt(const org::Policy& policy, bool verified, int64_t now) {
  auto state = client::EvaluateOpeningHours(policy.hours(), now);
  // Read either way: an unread failure aborts in checked-status mode.
  if (!state.ok() || !verified || state->changes_at_ms == 0) return;
  Require(state->changes_at_ms > now);
  auto before = client::EvaluateOpeningHours(policy.hours(), state->changes_at_ms - 1);
  Require(before.ok() && before->open == state->open);
}

// Opening hours at fixed instants, at the ledger's last one, and exactly
// at (and just before) the edges of the first few intervals in the week
// after kNowMs, where an off-by-one in the search for the next change
// would show.
void OpeningHours(const org::Policy& policy, bool verified, int64_t extra_instant) {
  for (int64_t now : kInstants) OpenAt(policy, verified, now);
  OpenAt(policy, verified, extra_instant);
  (void)client::OutOfHoursNotice(policy.hours(), "da");
  const std::string& zone = policy.hours().time_zone();
  auto today = client::org_time::ToLocal(zone, kNowMs);
  if (!today.ok()) return;
  for (int i = 0; i < std::min(policy.hours().open_size(), 4); ++i) {
    const org::OpenInterval& interval = policy.hours().open(i);
    int64_t day = today->day;
    while (client::org_time::WeekdayOf(day) != static_cast<int>(interval.weekday()) &&
           day < today->day + 7) {
      ++day;
    }
    for (uint32_t edge : {interval.start_minute(), interval.end_minute()}) {
      if (edge > 24 * 60) continue;
      auto at = client::org_time::ToUtc(zone, day, static_cast<int>(edge));
      if (!at.ok()) continue;
      OpenAt(policy, verified, *at);
      OpenAt(policy, verified, *at - 1);
    }
  }
}

// Events, 3 bytes each: op, u16 value v. op % 4: 0 a message v seconds
// later, 1 a message v minutes later, 2 a message v seconds earlier (a
// clock stepping back), 3 the helper starts a conversation (op bit 2
// clear) or sets the support time to v minutes. After each, Check.
int64_t Ledger(const org::CaseLimit& limit, std::string_view events) {
  int64_t t = kNowMs;
  client::CaseLedger ledger(limit, t);
  uint32_t conversations = 0;
  uint32_t support = 0;  // only the helper's own figure may lower it
  for (size_t i = 0; i + 3 <= events.size() && i / 3 < kMaxEvents; i += 3) {
    const uint8_t op = static_cast<uint8_t>(events[i]);
    const int64_t v = U16(events, i + 1);
    switch (op % 4) {
      case 0:
        t += v * 1000;
        ledger.RecordMessage(t);
        break;
      case 1:
        t += v * 60'000;
        ledger.RecordMessage(t);
        break;
      case 2:
        t -= v * 1000;
        ledger.RecordMessage(t);
        break;
      default:
        if ((op & 4) == 0) {
          ledger.StartConversation();
        } else {
          ledger.SetSupportMinutes(static_cast<uint32_t>(v));
          Require(ledger.support_minutes() == static_cast<uint32_t>(v));
          support = ledger.support_minutes();
        }
    }
    Require(ledger.conversations() >= conversations);
    conversations = ledger.conversations();
    Require(ledger.support_minutes() >= support);
    support = ledger.support_minutes();
    const client::LimitCheck check = ledger.Check(t);
    Require(check.conversations == conversations);
    if (limit.max_conversations() != 0 && conversations >= limit.max_conversations()) {
      Require(check.level == client::LimitLevel::kReached);
    }
    if (check.level != client::LimitLevel::kWithin) Require(!check.reason.empty());
  }
  return t;
}

// ----------------------------------------------------------- signed objects

void AfterPolicy(const org::Policy& policy, bool verified, uint64_t last_version,
                 std::string_view events) {
  if (verified) {
    Require(policy.format() == 1);
    Require(policy.org_key() == Get().org_key->public_key());
    Require(policy.version() >= last_version && policy.version() != 0);
    Require(!policy.name().empty());
    for (const auto& i : policy.hours().open()) {
      Require(i.weekday() >= 1 && i.weekday() <= 7);
      Require(i.start_minute() < i.end_minute() && i.end_minute() <= 24 * 60);
    }
  }
  const int64_t last = Ledger(policy.case_limit(), events);
  OpeningHours(policy, verified, last);
}

// Every verifier on one object; `events` feed the ledger of an accepted
// (or merely parsing) policy.
void VerifyAll(const org::SignedObject& object, uint64_t last_version, std::string_view events) {
  Fixture& f = Get();
  const std::string& key = f.org_key->public_key();
  auto policy = org::VerifyPolicy(object, key, last_version);
  if (policy.ok()) {
    AfterPolicy(*policy, true, last_version, events);
  } else if (org::Policy parsed; parsed.ParseFromString(object.body())) {
    AfterPolicy(parsed, false, last_version, events);
  }
  auto cert = org::VerifyCertificate(object, key, kNowMs, &f.revocations);
  if (cert.ok()) {
    Require(cert->format() == 1 && cert->org_key() == key);
    Require(cert->account_id().size() == 16 && cert->identity_key().size() == 33);
    Require(cert->expires_ms() > static_cast<uint64_t>(kNowMs));
    Require(cert->serial() != kRevokedSerial);
    Require(!cert->profile().name().empty());
  }
  auto list = org::VerifyRevocations(object, key, last_version);
  if (list.ok()) {
    Require(list->format() == 1 && list->org_key() == key);
    Require(list->version() >= last_version && list->version() != 0);
  }
  auto rotation = org::VerifyRotation(object, key);
  if (rotation.ok()) {
    Require(rotation->old_key() == key);
    Require(rotation->new_key().size() == 32 && rotation->new_key() != key);
    Require(crypto::VerifySignature(rotation->new_key(),
                                    org::SignedInput(org::KEY_ROTATION, object.body()),
                                    object.new_key_signature()));
  }
  // One object is at most one kind.
  Require(policy.ok() + cert.ok() + list.ok() + rotation.ok() <= 1);
}

void Served(std::string_view in) {
  org::SignedObject object;
  if (!object.ParseFromString(std::string(in))) return;
  VerifyAll(object, kLastVersion, {});
}

void HarnessSigned(std::string_view in) {
  if (in.size() < 3) return;
  Fixture& f = Get();
  const uint32_t kind = static_cast<uint8_t>(in[0]) % 8;  // 0, 5-7: no such kind
  const uint64_t last_version = static_cast<uint8_t>(in[0]) >> 3;
  const size_t len = std::min<size_t>(U16(in, 1), in.size() - 3);
  const std::string_view body = in.substr(3, len);
  org::SignedObject object;
  object.set_kind(kind);
  object.set_body(std::string(body));
  const std::string input = org::SignedInput(static_cast<org::ObjectKind>(kind), body);
  auto signature = f.org_key->Sign(input);
  Require(signature.ok());
  object.set_signature(*signature);
  if (kind == org::KEY_ROTATION) {
    auto second = f.new_key->Sign(input);
    Require(second.ok());
    object.set_new_key_signature(*second);
  }
  VerifyAll(object, last_version, in.substr(3 + len));
}

// ------------------------------------------------------------- other formats

void Card(std::string_view in) {
  auto card = org::DecodeCard(in);
  if (!card.ok()) return;
  Require(card->org_key.size() == 32);
  Require(card->relay_url.rfind("ws", 0) == 0);
  auto again = org::DecodeCard(org::EncodeCard(*card));
  Require(again.ok() && again->relay_url == card->relay_url && again->org_key == card->org_key);
}

void Availability(std::string_view in) {
  org::SignedAvailability signed_availability;
  if (!signed_availability.ParseFromString(std::string(in))) return;
  auto availability = org::ParseAvailability(signed_availability, kHelperAccount, kNowMs);
  if (!availability.ok()) return;
  Require(availability->format() == 1 && availability->account_id() == kHelperAccount);
  Require(signed_availability.ByteSizeLong() <= org::kMaxSignedAvailability);
}

void Request(std::string_view in) {
  auto request = org::DecodeRequest(std::string(in));
  if (!request.ok()) return;
  Require(request->account_id.size() == 16 && request->identity_key.size() == 33);
  auto again = org::DecodeRequest(org::EncodeRequest(*request));
  Require(again.ok() && again->account_id == request->account_id &&
          again->identity_key == request->identity_key &&
          again->profile.SerializeAsString() == request->profile.SerializeAsString());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
      Card(in);
      break;
    case 1:
      Served(in);
      break;
    case 2:
      HarnessSigned(in);
      break;
    case 3:
      Availability(in);
      break;
    default:
      Request(in);
  }
  return 0;
}
