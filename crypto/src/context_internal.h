// Internal access to the library context behind a SignalContext.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <signal/signal_protocol.h>

#include "kollega/crypto/signal_context.h"

namespace kollega::crypto {

struct SignalContextAccess {
  static signal_context* Raw(const SignalContext& context);
  // SignalSessions registers itself so destroying the context first is caught.
  static void AddUser(const SignalContext& context);
  static void RemoveUser(const SignalContext& context);
};

}  // namespace kollega::crypto
