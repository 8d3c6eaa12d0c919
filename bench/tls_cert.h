// A throwaway self-signed certificate for `kollega-loadgen --tls`: the relay
// and the echo server serve it, and the load generator does not verify it
// (it measures the cost of TLS on loopback, not trust).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace kollega::bench {

// Writes a fresh P-256 key and a one-day certificate for CN=localhost as PEM.
bool WriteSelfSignedCert(const std::string& cert_path, const std::string& key_path,
                         std::string* error);

}  // namespace kollega::bench
