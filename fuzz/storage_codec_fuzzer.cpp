// Fuzzes the relay store's value codecs (storage/src/codec.cpp): every
// decoder must refuse or accept any bytes without reading out of bounds, and
// what it accepts must survive a round trip: decode(x) ok implies
// decode(encode(decode(x))) == decode(x). A store read back after a torn or
// corrupted write goes through these same decoders.
//
// Input: one selector byte (which codec), then the value (and, for device
// records, a key-size split chosen by a second byte).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "codec.h"

namespace codec = kollega::storage::codec;
using kollega::storage::DeviceAddress;
using kollega::storage::DeviceList;
using kollega::storage::DeviceRecord;

namespace {

// A broken round trip is a bug in the codec, not bad input: crash so that
// libFuzzer records the input.
void Require(bool ok) {
  if (!ok) std::abort();
}

bool SameList(const DeviceList& a, const DeviceList& b) {
  if (a.version != b.version || a.blob != b.blob || a.devices.size() != b.devices.size()) {
    return false;
  }
  for (size_t i = 0; i < a.devices.size(); ++i) {
    if (a.devices[i].device_id != b.devices[i].device_id ||
        a.devices[i].auth_public_key != b.devices[i].auth_public_key) {
      return false;
    }
  }
  return true;
}

void DeviceLists(std::string_view in) {
  auto list = codec::DecodeDeviceList(in);
  if (!list) return;
  const std::string encoded = codec::EncodeDeviceList(*list);
  Require(encoded == in);  // the layout has one encoding per value
  auto again = codec::DecodeDeviceList(encoded);
  Require(again && SameList(*list, *again));
}

void Accounts(std::string_view in) {
  auto account = codec::DecodeAccount(in);
  if (!account) return;
  Require(codec::EncodeAccount(*account) == in);
}

void Devices(std::string_view in) {
  if (in.empty()) return;
  const size_t key_size = static_cast<uint8_t>(in[0]) % 32;
  in.remove_prefix(1);
  if (in.size() < key_size) return;
  std::string_view key = in.substr(0, key_size);
  std::string_view value = in.substr(key_size);
  auto device = codec::DecodeDevice(key, value);
  if (!device) return;
  const std::string encoded = codec::EncodeDevice(*device);
  Require(encoded == value);
  auto again = codec::DecodeDevice(key, encoded);
  Require(again && again->device_id == device->device_id &&
          again->registration_id == device->registration_id &&
          again->created_ms == device->created_ms &&
          again->auth_public_key == device->auth_public_key);
}

void Identities(std::string_view in) {
  auto identity = codec::DecodeIdentity(in);
  if (!identity) return;
  // Not byte-exact: any non-zero has_signed byte reads as "present".
  auto again = codec::DecodeIdentity(codec::EncodeIdentity(*identity));
  Require(again && again->identity_key == identity->identity_key &&
          again->signed_prekey.has_value() == identity->signed_prekey.has_value());
  if (identity->signed_prekey) {
    Require(again->signed_prekey->id == identity->signed_prekey->id &&
            again->signed_prekey->public_key == identity->signed_prekey->public_key &&
            again->signed_prekey->signature == identity->signed_prekey->signature);
  }
}

void Envelopes(std::string_view in) {
  auto envelope = codec::DecodeEnvelope(in);
  if (!envelope) return;
  Require(codec::EncodeEnvelope(envelope->expires_ms, envelope->payload) == in);
}

void Metas(std::string_view in) {
  auto meta = codec::DecodeMeta(in);
  if (!meta) return;
  Require(codec::EncodeMeta(*meta) == in);
}

void Keys(std::string_view in) {
  DeviceAddress pending;
  if (codec::ParsePendingKey(in, &pending)) {
    Require(codec::PendingKey(pending.account, pending.device) == in);
  }
  if (in.size() == codec::kEnvelopeKeySize) {
    const uint64_t seq = codec::SeqFromEnvelopeKey(in);
    Require(codec::EnvelopeKey(in.substr(0, codec::kMailboxPrefixSize), seq) == in);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 7) {
    case 0:
      DeviceLists(in);
      break;
    case 1:
      Accounts(in);
      break;
    case 2:
      Devices(in);
      break;
    case 3:
      Identities(in);
      break;
    case 4:
      Envelopes(in);
      break;
    case 5:
      Metas(in);
      break;
    default:
      Keys(in);
      break;
  }
  return 0;
}
