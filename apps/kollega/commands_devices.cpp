// SPDX-License-Identifier: GPL-3.0-or-later
// `kollega devices` and `kollega unlink-device`: this account's signed
// device list (docs/trust.md §2).
#include <cstdio>
#include <string>

#include "commands.h"
#include "kollega/client-core/client.h"
#include "output.h"
#include "session.h"

namespace kollega::cli {
namespace {

// Local time, like every other time the CLI prints.
std::string When(int64_t ms) { return ms <= 0 ? "never" : FormatTime(ms); }

int Failed(const char* what, const Status& status) {
  std::fprintf(stderr, "kollega: %s: %s\n", what, status.ToString().c_str());
  return 1;
}

}  // namespace

int RunDevices(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  // Online: the list is refreshed and the relay says when each was last seen.
  if (Status s = c->Connect().Get(); !s.ok()) {
    std::fprintf(stderr, "kollega: offline (%s); showing the list known here\n",
                 s.message().c_str());
  }
  auto devices = c->Devices().Get();
  if (!devices.ok()) return Failed("devices", devices.status());
  std::printf("%-4s %-24s %-22s %s\n", "id", "name", "linked", "last seen");
  for (const client::DeviceInfo& d : *devices) {
    std::printf("%-4u %-24s %-22s %s%s\n", d.device_id, d.name.c_str(),
                When(d.linked_at_ms).c_str(), When(d.last_seen_ms).c_str(),
                d.this_device ? "  (this device)" : "");
  }
  return 0;
}

int RunUnlinkDevice(const Args& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "kollega unlink-device: expects a device id (see kollega devices)\n");
    return 2;
  }
  char* end = nullptr;
  const unsigned long id = std::strtoul(args.positional[0].c_str(), &end, 10);
  if (!end || *end != '\0' || id == 0 || id > 0xFFFFFFFFul) {
    std::fprintf(stderr, "kollega unlink-device: %s is not a device id\n",
                 args.positional[0].c_str());
    return 2;
  }
  auto c = OpenClient(args, true);
  if (!c) return 1;
  if (Status s = c->Connect().Get(); !s.ok()) return Failed("unlink-device", s);
  if (Status s = c->UnlinkDevice(static_cast<uint32_t>(id)).Get(); !s.ok()) {
    return Failed("unlink-device", s);
  }
  std::printf("device %lu unlinked: it receives nothing more, and its mailbox is deleted\n", id);
  return 0;
}

}  // namespace kollega::cli
