// The seed corpus generator's shared pieces (make_corpus.cpp writes most
// targets' seeds, make_corpus_org.cpp the organisation ones).
// Thread-safety: none; one program, one thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "relay.pb.h"

namespace kollega::corpus {

// Writes fuzz/corpus/<target>/<name>. A `nondeterministic` seed (one made
// with fresh randomness, such as a sealed blob's nonce) is written only
// when absent, so that regenerating leaves it, and its target's corpus,
// unchanged; delete it by hand after a change to its format. Files
// nobody wrote are removed at the end (PruneUnwritten).
void Write(const std::string& target, const std::string& name, const std::string& bytes,
           bool nondeterministic = false);
std::string Sel(int selector, const std::string& rest);

// relay_dispatch_fuzzer's input: a flags byte (bit 0: log in), then each
// request framed with a u16 big-endian length.
std::string Frames(bool login, const std::vector<wire::Request>& requests);

// Organisation seeds (make_corpus_org.cpp): relay_dispatch_fuzzer's
// organisation operations, and every org_fuzzer seed.
void RelayDispatchOrg(const wire::Request& challenge);
void Org();

}  // namespace kollega::corpus
