// Sync: keeps this account's devices showing the same conversations. What
// one device sends, the others receive as a copy (a Content whose body is
// `sync`: the recipient, the sent DataMessage and its message id) and show
// as sent by this account. A sync copy is accepted only from a device in
// this account's accepted signed list (docs/trust.md §6); another is
// acknowledged, dropped and reported (UnlistedSender).
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "kernel/kernel.h"

namespace kollega::client {

class Sync final : public Component {
 public:
  static constexpr std::string_view kName = "sync";
  explicit Sync(Kernel& kernel) : kernel_(kernel) {}

  std::string_view name() const override { return kName; }
  std::vector<std::string> content_types() const override { return {"sync"}; }
  void Attach(KernelServices*) override {}
  Status OnReceive(const Incoming& from, const content::Content& content) override;

  // Queues a copy of `sent` (to `peer`) for this account's other devices.
  // Nothing when `peer` is this account itself.
  Status CopySent(const std::string& peer, const content::Content& sent);

 private:
  Kernel& kernel_;
};

}  // namespace kollega::client
