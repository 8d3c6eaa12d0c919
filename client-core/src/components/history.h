// History: the conversation records the conversations and sync components
// share (the client store's history: store/client_store.h), and how a
// stored message becomes the API's Message.
//
// Thread-safety: worker thread only, like the kernel.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernel/kernel.h"

namespace kollega::client {

Message ToMessage(const StoredMessage& stored);

// Adds `message` to history unless it is already there (a resend or a
// redelivery is shown once) and emits MessageReceived. True when added.
Result<bool> RecordMessage(Kernel& kernel, const StoredMessage& message);

// Sets a stored outgoing message's status and emits StatusChanged.
Status UpdateStatus(Kernel& kernel, const std::string& peer, const std::string& message_id,
                    MessageStatus status);

}  // namespace kollega::client
