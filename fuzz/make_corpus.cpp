// Writes the seed corpus of every fuzz target (fuzz/corpus/<target>/), a
// handful of small valid inputs each, made with the product's own encoders
// so that they stay valid as the formats change. scripts/fuzz.sh
// --regenerate runs it; the output is checked in.
//
// Usage: make_corpus <corpus directory>
// Rewrites the seeds in place, keeps the few made with fresh randomness
// (make_corpus.h, Write), and removes files it no longer writes.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "make_corpus.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "codec.h"
#include "content.pb.h"
#include "kernel/padding.h"
#include "kernel/provisioning.h"
#include "relay.pb.h"

namespace kollega::corpus {
namespace {

namespace fs = std::filesystem;

fs::path root;
std::set<fs::path> written;

}  // namespace

void Write(const std::string& target, const std::string& name, const std::string& bytes,
           bool nondeterministic) {
  fs::create_directories(root / target);
  const fs::path path = root / target / name;
  written.insert(path);
  if (nondeterministic && fs::exists(path)) return;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "cannot write %s/%s\n", target.c_str(), name.c_str());
    std::exit(1);
  }
}

std::string Sel(int selector, const std::string& rest) {
  return std::string(1, static_cast<char>(selector)) + rest;
}

namespace {

std::string Framed(const wire::Request& request) {
  wire::Frame frame;
  frame.set_version(wire::PROTOCOL_VERSION_1);
  *frame.mutable_request() = request;
  std::string bytes = frame.SerializeAsString();
  std::string out;
  out.push_back(static_cast<char>(bytes.size() >> 8));
  out.push_back(static_cast<char>(bytes.size() & 0xFF));
  return out + bytes;
}

}  // namespace

// flags: 1 = the harness logs in first (relay_dispatch_fuzzer.cpp).
std::string Frames(bool login, const std::vector<wire::Request>& requests) {
  std::string out(1, login ? '\x01' : '\x00');
  for (const auto& r : requests) out += Framed(r);
  return out;
}

namespace {

namespace codec = kollega::storage::codec;
namespace client = kollega::client;

// Seeds of an earlier regeneration that no longer exist.
void PruneUnwritten() {
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      if (written.count(file.path()) == 0) fs::remove(file.path());
    }
  }
}

// ------------------------------------------------------ relay_dispatch

void RelayDispatch() {
  const std::string a(16, '\xAA'), b(16, '\xBB');
  const std::string t = "relay_dispatch_fuzzer";
  wire::Request challenge, ping, create, auth, reg, link, list, get_list, publish, unlink;
  wire::Request upload, count, fetch, send, ack;
  challenge.set_id(1);
  challenge.mutable_get_challenge();
  ping.set_id(2);
  ping.mutable_ping();
  create.set_id(3);
  create.mutable_create_account()->set_pow_solution("x");
  create.mutable_create_account()->mutable_device()->set_auth_public_key(std::string(32, 'k'));
  create.mutable_create_account()->mutable_device()->set_registration_id(7);
  create.mutable_create_account()->mutable_device()->set_proof(std::string(64, 'p'));
  auth.set_id(4);
  auth.mutable_authenticate()->set_account_id(a);
  auth.mutable_authenticate()->set_device_id(1);
  auth.mutable_authenticate()->set_origin("ws://127.0.0.1:8420");
  auth.mutable_authenticate()->set_signature(std::string(64, 's'));
  reg.set_id(5);
  reg.mutable_register_device()->set_account_id(a);
  reg.mutable_register_device()->set_link_token("token");
  *reg.mutable_register_device()->mutable_device() = create.create_account().device();
  link.set_id(6);
  link.mutable_create_link_token()->set_sealed_provisioning("sealed");
  list.set_id(7);
  list.mutable_list_devices();
  get_list.set_id(8);
  get_list.mutable_get_device_list()->set_account_id(b);
  wire::DeviceListBody body;
  body.set_account_id(a);
  body.set_version(1);
  body.add_devices()->set_device_id(1);
  body.mutable_devices(0)->set_auth_public_key(std::string(32, 'k'));
  publish.set_id(9);
  publish.mutable_publish_device_list()->mutable_list()->set_body(body.SerializeAsString());
  publish.mutable_publish_device_list()->mutable_list()->set_signature(std::string(64, 's'));
  unlink.set_id(10);
  unlink.mutable_unlink_device()->set_device_id(2);
  *unlink.mutable_unlink_device()->mutable_list() = publish.publish_device_list().list();
  upload.set_id(11);
  auto* keys = upload.mutable_upload_prekeys();
  keys->set_identity_key("\x05" + std::string(32, 'i'));
  keys->mutable_signed_prekey()->set_id(1);
  keys->mutable_signed_prekey()->set_public_key("\x05" + std::string(32, 'v'));
  keys->mutable_signed_prekey()->set_signature(std::string(64, 'g'));
  for (uint32_t id = 1; id <= 3; ++id) {
    keys->add_one_time_prekeys()->set_id(id);
    keys->mutable_one_time_prekeys(static_cast<int>(id - 1))
        ->set_public_key("\x05" + std::string(32, static_cast<char>('0' + id)));
  }
  count.set_id(12);
  count.mutable_get_prekey_count();
  fetch.set_id(13);
  fetch.mutable_fetch_bundle()->set_account_id(a);
  fetch.mutable_fetch_bundle()->set_device_id(1);
  send.set_id(14);
  send.mutable_send()->set_recipient_account(b);
  auto* envelope = send.mutable_send()->add_envelopes();
  envelope->set_device_id(1);
  envelope->set_type(2);
  envelope->set_content("ciphertext");
  ack.set_id(15);
  ack.mutable_ack()->add_seqs(1);
  ack.mutable_ack()->set_quiet(true);

  Write(t, "prelogin", Frames(false, {challenge, ping, create, reg, auth}));
  Write(t, "login_devices", Frames(true, {list, get_list, publish, unlink, link}));
  Write(t, "login_prekeys", Frames(true, {upload, count, fetch, fetch}));
  wire::Request to_self = send;
  to_self.set_id(16);
  to_self.mutable_send()->set_recipient_account(a);
  Write(t, "login_send", Frames(true, {send, to_self, ack, ping}));
  Write(t, "unauthenticated_ops", Frames(false, {send, fetch, ack}));
  // A frame that is not a request, and an unknown version.
  wire::Frame push;
  push.set_version(wire::PROTOCOL_VERSION_1);
  push.mutable_push()->mutable_queue_empty();
  std::string bytes = push.SerializeAsString();
  Write(t, "not_a_request",
        std::string(1, '\0') + std::string(1, '\0') + std::string(1, char(bytes.size())) + bytes);
  RelayDispatchOrg(challenge);
}

// --------------------------------------------------------- client side

std::string Padded(const std::string& text) {
  kollega::content::Content content;
  content.set_message_id(std::string(16, '\x01'));
  content.set_sent_at_ms(1'700'000'000'000);
  content.mutable_data()->set_text(text);
  auto padded = client::SerializePadded(std::move(content));
  if (!padded.ok()) std::exit(1);
  return *padded;
}

void ClientEnvelope() {
  const std::string t = "client_envelope_fuzzer";
  wire::Frame frame;
  frame.set_version(wire::PROTOCOL_VERSION_1);
  for (uint32_t type : {2u, 3u, 9u}) {
    wire::Envelope envelope;
    envelope.set_sender_account(std::string(16, '\xAA'));
    envelope.set_sender_device(1);
    envelope.set_type(type);
    envelope.set_content("\x33" + std::string(40, 'c'));
    envelope.set_server_time_ms(1'700'000'000'000);
    auto* delivery = frame.mutable_push()->mutable_deliver()->add_deliveries();
    delivery->set_seq(type);
    delivery->set_envelope(envelope.SerializeAsString());
  }
  Write(t, "deliver", Sel(0, frame.SerializeAsString()));
  Write(t, "prekey_untouched", Sel(1, std::string(2, '\0')));
  Write(t, "prekey_flip", Sel(1, std::string("\x00\x10\xff", 3)));
  Write(t, "signal_untouched", Sel(2, std::string(2, '\0')));
  Write(t, "signal_flip", Sel(2, std::string("\x00\x08\x00", 3)));
  Write(t, "signal_truncated_mac", Sel(2, std::string("\x00\x30", 2)));
  Write(t, "content_text", Sel(3, Padded("hello")));
  kollega::content::Content receipt;
  receipt.set_message_id(std::string(16, '\x02'));
  receipt.mutable_receipt()->add_message_ids(std::string(16, '\x01'));
  Write(t, "content_receipt", Sel(3, receipt.SerializeAsString()));
}

void DeviceList() {
  const std::string t = "device_list_fuzzer";
  wire::DeviceListBody body;
  body.set_account_id(std::string(16, '\x11'));
  body.set_version(4);
  for (uint32_t id : {1u, 2u, 5u}) {
    auto* d = body.add_devices();
    d->set_device_id(id);
    d->set_auth_public_key(std::string(32, static_cast<char>(id)));
    d->set_registration_id(100 + id);
    d->set_sealed_name(std::string(40, 'n'));
  }
  Write(t, "body_v4", Sel(1, body.SerializeAsString()));
  body.set_version(3);
  Write(t, "body_rollback", Sel(1, body.SerializeAsString()));
  wire::SignedDeviceList list;
  list.set_body(body.SerializeAsString());
  list.set_signature(std::string(64, 's'));
  Write(t, "signed_forged", Sel(0, list.SerializeAsString()));
  Write(t, "sealed_name",
        Sel(2, std::string(1, '\x02') + std::string(12, 'n') + "name" + std::string(16, 't')));
}
void Provisioning() {
  const std::string t = "provisioning_fuzzer";
  client::ProvisioningCode code;
  code.account_id = std::string(16, '\x44');
  code.link_token = std::string(32, 'T');
  code.key = std::string(32, 'K');
  const std::string text = client::EncodeProvisioningCode(code);
  Write(t, "code", Sel(0, text));
  Write(t, "code_pasted", Sel(0, "  " + text + "\n"));
  Write(t, "raw_body", Sel(1, code.account_id + std::string(1, 32) + code.link_token + code.key));
  auto sealed = client::SealProvisioning(code.key, code.account_id, "x");
  if (!sealed.ok()) std::exit(1);
  Write(t, "sealed", Sel(2, *sealed), /*nondeterministic=*/true);
  kollega::content::ProvisioningMessage message;
  message.set_account_id(code.account_id);
  message.set_identity_public_key("\x05" + std::string(32, 'i'));
  message.set_identity_private_key(std::string(32, 'j'));
  message.set_account_secret(std::string(32, 'z'));
  Write(t, "message", Sel(3, message.SerializeAsString()));
  Write(t, "base64", Sel(4, client::Base64UrlEncode("any bytes \x01\xff")));
}

// ------------------------------------------------------------ storage

void StorageCodec() {
  const std::string t = "storage_codec_fuzzer";
  kollega::storage::DeviceList list;
  list.version = 3;
  list.devices = {{1, std::string(32, 'a')}, {2, std::string(32, 'b')}};
  list.blob = "signed list";
  Write(t, "device_list", Sel(0, codec::EncodeDeviceList(list)));
  Write(t, "account", Sel(1, codec::EncodeAccount({3, 1'700'000'000'000})));
  kollega::storage::DeviceRecord device;
  device.registration_id = 77;
  device.created_ms = 1'700'000'000'000;
  device.auth_public_key = std::string(32, 'k');
  const std::string key = codec::DeviceKey(std::string(16, '\xAA'), 2);
  Write(t, "device",
        Sel(2, std::string(1, static_cast<char>(key.size())) + key + codec::EncodeDevice(device)));
  codec::IdentityValue identity;
  identity.identity_key = "\x05" + std::string(32, 'i');
  identity.signed_prekey =
      kollega::storage::SignedPrekey{9, "\x05" + std::string(32, 'v'), std::string(64, 'g')};
  Write(t, "identity", Sel(3, codec::EncodeIdentity(identity)));
  identity.signed_prekey.reset();
  Write(t, "identity_unsigned", Sel(3, codec::EncodeIdentity(identity)));
  Write(t, "envelope", Sel(4, codec::EncodeEnvelope(1'700'000'000'000, "payload")));
  Write(t, "meta", Sel(5, codec::EncodeMeta({4, 9, 5, 1234})));
  Write(t, "pending_key", Sel(6, codec::PendingKey(std::string(16, '\xAA'), 3)));
  Write(t, "envelope_key",
        Sel(6, codec::EnvelopeKey(codec::MailboxPrefix({std::string(16, '\xAA'), 1}), 42)));
}

// ---------------------------------------------------------------- http

// Input: a split byte, then the bytes a client sends (http_request_fuzzer.cpp).
void HttpRequest() {
  const std::string t = "http_request_fuzzer";
  Write(t, "healthz", Sel(7, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  Write(t, "metrics_head", Sel(3, "HEAD /metrics HTTP/1.0\r\n\r\n"));
  Write(t, "upgrade",
        Sel(20,
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:8420\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"));
  Write(t, "post_body", Sel(30, "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"));
  Write(t, "chunked",
        Sel(40,
            "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            "5\r\nhello\r\n0\r\n\r\n"));
  Write(t, "tls_hello", Sel(1, std::string("\x16\x03\x01\x00\x05hello", 10)));
}

}  // namespace
}  // namespace kollega::corpus

int main(int argc, char** argv) {
  using namespace kollega::corpus;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus directory>\n", argv[0]);
    return 2;
  }
  root = argv[1];
  RelayDispatch();
  ClientEnvelope();
  DeviceList();
  Provisioning();
  StorageCodec();
  HttpRequest();
  Org();
  PruneUnwritten();
  return 0;
}
