// kollega-admin's commands (docs/admin.md). Each takes its parsed
// arguments, prints what it did on standard output, and returns an error
// whose message says what to fix; main() prints it and exits non-zero.
// Only `publish` touches the network.
//
// Thread-safety: main thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "args.h"
#include "kollega/base/status.h"

namespace kollega::admin {

Status Init(const Args& args);
Status Card(const Args& args);
Status Rotate(const Args& args);
Status SignPolicy(const Args& args);
Status EnrolRequestCommand(const Args& args);
Status Enrol(const Args& args);
Status Revoke(const Args& args);
Status Verify(const Args& args);
Status Publish(const Args& args);

}  // namespace kollega::admin
