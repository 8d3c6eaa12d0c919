// Where the `kollega` CLI gets the key that opens the encrypted client store
// (docs/storage-encryption.md): `--key-file F`, else the KOLLEGA_PASSPHRASE
// environment variable (scripts and tests), else a passphrase typed at a
// no-echo prompt on the terminal. Also reads the linking code, which never
// comes from the command line (it would show in `ps` and shell history).
//
// Thread-safety: main thread only (it changes the terminal's echo).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "args.h"
#include "kollega/base/status.h"
#include "kollega/client-core/client.h"

namespace kollega::cli {

// The store key for args.data_dir. `creating`: a store is about to be made
// (init, link-device on the new device), so a typed passphrase is asked
// twice and a missing --key-file is created with a fresh random key.
Result<client::Client::Options::StoreKey> ReadStoreKey(const Args& args, bool creating);

// The linking code: typed at a no-echo prompt on a terminal, else the first
// line of standard input.
Result<std::string> ReadLinkingCode();

// Overwrites a secret before its memory is released.
void WipeString(std::string& s);

}  // namespace kollega::cli
