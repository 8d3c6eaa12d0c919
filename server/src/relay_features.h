// What this relay announces in every Challenge (the push after connecting
// and the answer to GetChallenge): the highest wire protocol version it
// speaks, and the optional behaviours it offers within it. The one list;
// relay.proto ("message Challenge") and docs/protocol.md describe each name.
//
// Thread-safety: constants only. (Not named features.h: server/src is on
// the include path, and glibc's <features.h> would be shadowed.)
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

#include "relay.pb.h"

namespace kollega::server {

inline constexpr wire::ProtocolVersion kProtocolVersion = wire::PROTOCOL_VERSION_1;

// A name is added when the relay gains the behaviour, and never reused for
// another one.
inline constexpr std::string_view kFeatures[] = {
    "ack.quiet",          // Ack.quiet is honoured: a successful quiet Ack gets no answer
    "auth.bound",         // Authenticate must sign DeviceAuthMessageV2 (origin, TLS exporter)
    "link.provisioning",  // CreateLinkToken parks a sealed provisioning blob
    "organisations",      // PublishOrgObject, GetOrganisation, PublishAvailability, ClaimCase
};

}  // namespace kollega::server
