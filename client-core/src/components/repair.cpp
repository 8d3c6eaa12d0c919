// SPDX-License-Identifier: GPL-3.0-or-later
#include "repair.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "kernel/fanout.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client {
namespace {

constexpr std::string_view kLog = "client";
constexpr size_t kIdSize = 16;
constexpr int64_t kMinuteMs = 60'000;
constexpr char kKeptTag = 'k';
constexpr char kAnsweredTag = 'a';
constexpr char kPendingTag = 'p';
constexpr char kExpiryTag = 'x';
// An answer that fails too is answered again, this often at most: the
// second failure restarts the session (OnUndecryptable), so the third try
// meets a fresh one; more would only feed a relay that damages everything.
constexpr uint32_t kMaxAttempts = 3;
// 'p' sender(16) device(4) T(8)
constexpr size_t kPendingKeySize = 1 + kIdSize + 4 + 8;

void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}
void PutU64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}
uint64_t GetU64(std::string_view in) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}
uint32_t GetU32(std::string_view in) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

// 'p' or 'a': peer(16) device(4) T(8).
std::string DeviceKey(char tag, const std::string& peer, uint32_t device, uint64_t t) {
  std::string key(1, tag);
  key.append(peer);
  PutU32(&key, device);
  PutU64(&key, t);
  return key;
}

std::string KeptPrefix(const std::string& recipient, uint64_t t) {
  std::string key(1, kKeptTag);
  key.append(recipient);
  PutU64(&key, t);
  return key;
}

std::string EncodePending(char state, bool broken, int64_t since_ms) {
  std::string out{state, static_cast<char>(broken ? 1 : 0)};
  PutU64(&out, static_cast<uint64_t>(since_ms));
  return out;
}

bool IsRepair(const content::Content& content) {
  return content.has_component() && content.component().type() == Repair::kName;
}

}  // namespace

Status Repair::OnUndecryptable(const Incoming& from, uint32_t envelope_type) {
  if (from.sender_account.size() != kIdSize || from.sender_device == 0) return Status::Ok();
  const uint64_t t = static_cast<uint64_t>(from.server_time_ms);
  const std::string key = DeviceKey(kPendingTag, from.sender_account, from.sender_device, t);
  ComponentTable& table = kernel_.Table(kName);
  KOLLEGA_ASSIGN_OR_RETURN(auto existing, table.Get(key));
  if (existing) return Status::Ok();  // asked once already
  if (!Allow(&asked_in_window_, limits_.requests_per_minute)) {
    KOLLEGA_RETURN_IF_ERROR(Finish(key, Pending{}));
    Fail(from.sender_account, from.sender_device, t,
         "too many messages could not be decrypted at once; this one was not asked for");
    return Status::Ok();
  }
  // A new session is started when the old one cannot be the cause alone: a
  // PreKey message failed (its session is one we cannot make), there is no
  // session, or a request to that device is still open (its answer failed
  // too, so the session, not one damaged envelope, is broken).
  const crypto::SignalAddress address{from.sender_account,
                                      static_cast<int32_t>(from.sender_device)};
  bool broken = envelope_type == static_cast<uint32_t>(crypto::MessageType::kPreKey);
  if (!broken) {
    KOLLEGA_ASSIGN_OR_RETURN(bool has, kernel_.sessions().HasSession(address));
    broken = !has;
    if (!has && wanted_) {
      KOLLEGA_ASSIGN_OR_RETURN(bool wanted, wanted_(from.sender_account));
      if (!wanted) return Status::Ok();  // forgotten on purpose: dropped
    }
  }
  if (!broken) {
    KOLLEGA_RETURN_IF_ERROR(table.Scan(key.substr(0, 1 + kIdSize + 4), false,
                                       [&](std::string_view, std::string_view value) {
                                         broken = !value.empty() && value[0] == char(Ask::kAsked);
                                         return !broken;
                                       }));
  }
  KOLLEGA_RETURN_IF_ERROR(
      table.Put(key, EncodePending(char(Ask::kToAsk), broken, kernel_.NowMs())));
  pending_ = true;
  return Status::Ok();
}

void Repair::OnReceiveBatchDone() {
  Status pruned = Prune();
  if (!pruned.ok()) log::Warn(kLog, "cannot prune repair records: " + pruned.ToString());
  if (!pending_) return;
  pending_ = false;
  Status sent = SendRequests();
  if (!sent.ok()) {
    pending_ = true;  // still recorded: the next delivery tries again
    log::Warn(kLog, "repair requests not sent yet: " + sent.ToString());
  }
}

Status Repair::SendRequests() {
  ComponentTable& table = kernel_.Table(kName);
  std::vector<std::pair<std::string, bool>> to_ask;  // key, broken
  KOLLEGA_RETURN_IF_ERROR(table.Scan(
      std::string(1, kPendingTag), false, [&](std::string_view key, std::string_view value) {
        if (key.size() == kPendingKeySize && value.size() == 10 && value[0] == char(Ask::kToAsk)) {
          to_ask.emplace_back(std::string(key), value[1] != 0);
        }
        return true;
      }));
  std::set<std::string> restarted;  // sender(16) device(4): once per batch
  bool queued = false;
  for (const auto& [key, broken] : to_ask) {
    const std::string sender = key.substr(1, kIdSize);
    const uint32_t device = GetU32(std::string_view(key).substr(1 + kIdSize, 4));
    const uint64_t t = GetU64(std::string_view(key).substr(1 + kIdSize + 4, 8));
    if (broken && restarted.insert(key.substr(1, kIdSize + 4)).second) {
      // A fresh session from a fresh bundle: the request goes out as a
      // PreKey message, which the sender can read whatever state it has.
      const crypto::SignalAddress address{sender, static_cast<int32_t>(device)};
      KOLLEGA_RETURN_IF_ERROR(kernel_.sessions().DeleteSession(address));
      std::vector<int32_t> devices;
      Status fetched = kernel_.fanout().FetchAndProcess(sender, device, &devices);
      if (fetched.code() == StatusCode::kNotFound) {
        KOLLEGA_RETURN_IF_ERROR(Finish(key, Pending{Ask::kDone, broken, 0}));
        Fail(sender, device, t, "the sending device is gone");
        continue;
      }
      KOLLEGA_RETURN_IF_ERROR(fetched);
    }
    content::RepairMessage request;
    request.mutable_request()->set_device_id(device);
    request.mutable_request()->set_server_time_ms(t);
    // Named captures: clang 14 (the fuzz build) cannot capture structured
    // bindings.
    KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&, &key = key, broken = broken]() -> Status {
      KOLLEGA_RETURN_IF_ERROR(Queue(sender, request));
      return table.Put(key, EncodePending(char(Ask::kAsked), broken, kernel_.NowMs()));
    }));
    queued = true;
  }
  if (queued) kernel_.RequestFlush();
  return Status::Ok();
}

Status Repair::OnReceive(const Incoming& from, const content::Content& content) {
  content::RepairMessage message;
  if (!message.ParseFromString(content.component().body())) return Status::Ok();
  switch (message.kind_case()) {
    case content::RepairMessage::kRequest:
      return Answer(from, message.request());
    case content::RepairMessage::kResend:
      return Resent(from, message.resend());
    case content::RepairMessage::kUnavailable:
      return NotKept(from, message.unavailable());
    default:
      return Status::Ok();  // a kind this client does not know
  }
}

Status Repair::Answer(const Incoming& from, const content::RepairRequest& request) {
  if (request.device_id() != kernel_.account().device_id) return Status::Ok();  // not ours
  const std::string& peer = from.sender_account;
  const uint64_t t = request.server_time_ms();
  ComponentTable& table = kernel_.Table(kName);
  const std::string answered = DeviceKey(kAnsweredTag, peer, from.sender_device, t);
  KOLLEGA_ASSIGN_OR_RETURN(auto done, table.Get(answered));
  if (done) return Status::Ok();  // answered once already
  if (!Allow(&answered_in_window_, limits_.answers_per_minute)) {
    log::Debug(kLog, "repair request not answered: too many this minute");
    return Status::Ok();
  }
  const int64_t now = kernel_.NowMs();
  KOLLEGA_RETURN_IF_ERROR(PutExpiring(answered, "", now + limits_.keep_ms));

  // Kept under the account it went to: only that account's devices get it.
  std::vector<std::string> kept;
  KOLLEGA_RETURN_IF_ERROR(
      table.Scan(KeptPrefix(peer, t), false, [&](std::string_view, std::string_view value) {
        if (value.size() > 8 && static_cast<int64_t>(GetU64(value)) > now) {
          kept.emplace_back(value.substr(8));
        }
        return true;
      }));
  if (kept.empty()) {
    content::RepairMessage answer;
    answer.mutable_unavailable()->set_device_id(from.sender_device);
    answer.mutable_unavailable()->set_server_time_ms(t);
    KOLLEGA_RETURN_IF_ERROR(Queue(peer, answer));
    Fail(peer, from.sender_device, t, "a message was asked for again that is no longer kept");
  }
  if (!kept.empty()) {
    content::RepairMessage answer;
    answer.mutable_resend()->set_device_id(from.sender_device);
    answer.mutable_resend()->set_server_time_ms(t);
    uint32_t attempt = 1;
    for (std::string& serialized : kept) {
      content::Content original;
      const bool parsed = original.ParseFromString(serialized);
      crypto::Wipe(serialized);
      if (!parsed) continue;
      content::RepairMessage earlier;
      if (!IsRepair(original)) {
        original.clear_padding();  // the answer is padded as a whole
        original.SerializeToString(answer.mutable_resend()->add_contents());
      } else if (earlier.ParseFromString(original.component().body()) && earlier.has_resend()) {
        // An earlier answer failed too: its messages, once more.
        attempt = std::max(attempt, earlier.resend().attempt() + 1);
        for (std::string& c : *earlier.mutable_resend()->mutable_contents()) {
          answer.mutable_resend()->add_contents()->swap(c);
        }
      }
    }
    answer.mutable_resend()->set_attempt(attempt);
    Status queued = Queue(peer, answer);
    for (std::string& c : *answer.mutable_resend()->mutable_contents()) crypto::Wipe(c);
    KOLLEGA_RETURN_IF_ERROR(queued);
  }
  kernel_.RequestFlush();
  return Status::Ok();
}

Status Repair::Resent(const Incoming& from, const content::RepairResend& resend) {
  if (resend.device_id() != kernel_.account().device_id) return Status::Ok();  // not ours
  const std::string key =
      DeviceKey(kPendingTag, from.sender_account, from.sender_device, resend.server_time_ms());
  KOLLEGA_ASSIGN_OR_RETURN(auto record, kernel_.Table(kName).Get(key));
  // Only an answer to an open request of ours, and only once.
  if (!record || record->size() != 10 || (*record)[0] == char(Ask::kDone)) return Status::Ok();
  KOLLEGA_RETURN_IF_ERROR(Finish(key, Pending{Ask::kDone, (*record)[1] != 0, 0}));
  for (const std::string& serialized : resend.contents()) {
    content::Content original;
    if (!original.ParseFromString(serialized) || IsRepair(original)) continue;
    Component* component = kernel_.ComponentFor(original);
    if (!component || component == this) continue;
    KOLLEGA_RETURN_IF_ERROR(component->OnReceive(from, original));
  }
  return Status::Ok();
}

Status Repair::NotKept(const Incoming& from, const content::RepairUnavailable& answer) {
  if (answer.device_id() != kernel_.account().device_id) return Status::Ok();  // not ours
  const std::string key =
      DeviceKey(kPendingTag, from.sender_account, from.sender_device, answer.server_time_ms());
  KOLLEGA_ASSIGN_OR_RETURN(auto record, kernel_.Table(kName).Get(key));
  if (!record || record->size() != 10 || (*record)[0] == char(Ask::kDone)) return Status::Ok();
  KOLLEGA_RETURN_IF_ERROR(Finish(key, Pending{Ask::kDone, (*record)[1] != 0, 0}));
  Fail(from.sender_account, from.sender_device, answer.server_time_ms(),
       "the sender no longer has the message");
  return Status::Ok();
}

void Repair::OnAccepted(const std::string& recipient, const std::string& serialized,
                        uint64_t server_time_ms) {
  if (server_time_ms == 0 || recipient.size() != kIdSize) return;
  content::Content content;
  if (!content.ParseFromString(serialized)) return;
  if (IsRepair(content)) {
    // Of repair messages, only answers are kept, so that one that fails
    // can be answered again (a bounded number of times).
    content::RepairMessage message;
    if (!message.ParseFromString(content.component().body()) || !message.has_resend() ||
        message.resend().attempt() >= kMaxAttempts) {
      return;
    }
  }
  std::string key = KeptPrefix(recipient, server_time_ms) + content.message_id();
  if (content.has_data()) crypto::Wipe(*content.mutable_data()->mutable_text());
  std::string value;
  const int64_t expires = kernel_.NowMs() + limits_.keep_ms;
  PutU64(&value, static_cast<uint64_t>(expires));
  value.append(serialized);
  Status s = kernel_.Transaction([&] { return PutExpiring(key, value, expires); });
  crypto::Wipe(value);
  if (!s.ok()) log::Warn(kLog, "a sent message is not kept for repair: " + s.ToString());
  Status pruned = Prune();
  if (!pruned.ok()) log::Warn(kLog, "cannot prune repair records: " + pruned.ToString());
}

Status Repair::Prune() {
  ComponentTable& table = kernel_.Table(kName);
  const int64_t now = kernel_.NowMs();
  std::vector<std::string> expired;  // index keys, oldest first
  KOLLEGA_RETURN_IF_ERROR(
      table.Scan(std::string(1, kExpiryTag), false, [&](std::string_view key, std::string_view) {
        if (key.size() < 9) return true;
        if (static_cast<int64_t>(GetU64(key.substr(1))) > now) {
          return false;
        }
        expired.emplace_back(key);
        return true;
      }));
  std::vector<std::pair<std::string, bool>> timed_out;  // key, broken
  KOLLEGA_RETURN_IF_ERROR(table.Scan(
      std::string(1, kPendingTag), false, [&](std::string_view key, std::string_view value) {
        if (key.size() == kPendingKeySize && value.size() == 10 && value[0] == char(Ask::kAsked) &&
            static_cast<int64_t>(GetU64(value.substr(2))) + limits_.answer_timeout_ms <= now) {
          timed_out.emplace_back(std::string(key), value[1] != 0);
        }
        return true;
      }));
  if (expired.empty() && timed_out.empty()) return Status::Ok();
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
    for (const std::string& index : expired) {
      KOLLEGA_RETURN_IF_ERROR(table.Delete(index.substr(9)));
      KOLLEGA_RETURN_IF_ERROR(table.Delete(index));
    }
    for (const auto& [key, broken] : timed_out) {
      KOLLEGA_RETURN_IF_ERROR(Finish(key, Pending{Ask::kDone, broken, 0}));
    }
    return Status::Ok();
  }));
  for (const auto& [key, broken] : timed_out) {
    std::string_view k(key);
    Fail(key.substr(1, kIdSize), GetU32(k.substr(1 + kIdSize, 4)),
         GetU64(k.substr(1 + kIdSize + 4)), "the sender did not answer in time");
  }
  return Status::Ok();
}

Status Repair::Forget(const std::string& recipient, const Which& which) {
  if (recipient.size() != kIdSize) return InvalidArgument("an account id is 16 bytes");
  ComponentTable& table = kernel_.Table(kName);
  std::vector<std::pair<std::string, std::string>> kept;  // key, its expiry index
  KOLLEGA_RETURN_IF_ERROR(table.Scan(
      std::string(1, kKeptTag) + recipient, false,
      [&](std::string_view key, std::string_view value) {
        if (value.size() < 8) return true;
        if (which) {
          content::Content kept;
          const bool picked =
              kept.ParseFromArray(value.data() + 8, static_cast<int>(value.size() - 8)) &&
              which(kept);
          if (kept.has_component()) {
            crypto::Wipe(*kept.mutable_component()->mutable_body());
          }
          if (!picked) return true;
        }
        std::string index(1, kExpiryTag);
        index.append(value.substr(0, 8));
        index.append(key);
        kept.emplace_back(std::string(key), std::move(index));
        return true;
      }));
  if (kept.empty()) return Status::Ok();
  return kernel_.Transaction([&]() -> Status {
    for (const auto& [key, index] : kept) {
      KOLLEGA_RETURN_IF_ERROR(table.Erase(key));
      KOLLEGA_RETURN_IF_ERROR(table.Delete(index));
    }
    return Status::Ok();
  });
}

Status Repair::Finish(const std::string& key, const Pending& pending) {
  const int64_t now = kernel_.NowMs();
  return PutExpiring(key, EncodePending(char(Ask::kDone), pending.broken, now),
                     now + limits_.keep_ms);
}

Status Repair::PutExpiring(const std::string& key, const std::string& value, int64_t expires_ms) {
  ComponentTable& table = kernel_.Table(kName);
  std::string index(1, kExpiryTag);
  PutU64(&index, static_cast<uint64_t>(expires_ms));
  index.append(key);
  return kernel_.Transaction([&]() -> Status {
    KOLLEGA_RETURN_IF_ERROR(table.Put(key, value));
    return table.Put(index, "");
  });
}

Status Repair::Queue(const std::string& peer, const content::RepairMessage& message) {
  content::Content content;
  content.set_message_id(kernel_.NewMessageId());
  content.set_sent_at_ms(static_cast<uint64_t>(kernel_.NowMs()));
  content.mutable_component()->set_type(std::string(kName));
  message.SerializeToString(content.mutable_component()->mutable_body());
  Status queued = kernel_.Enqueue(peer, content);
  crypto::Wipe(*content.mutable_component()->mutable_body());
  return queued;
}

void Repair::Fail(const std::string& peer, uint32_t device, uint64_t server_time_ms,
                  std::string detail) {
  auto event = std::make_shared<RepairFailed>();
  event->peer = ToHex(peer);
  event->device = device;
  event->server_time_ms = server_time_ms;
  event->detail = std::move(detail);
  kernel_.Emit(std::move(event));
}

bool Repair::Allow(int* used, int limit) {
  const int64_t now = kernel_.NowMs();
  if (now - window_start_ms_ >= kMinuteMs || now < window_start_ms_) {
    window_start_ms_ = now;
    asked_in_window_ = 0;
    answered_in_window_ = 0;
  }
  if (*used >= limit) return false;
  ++*used;
  return true;
}

}  // namespace kollega::client
