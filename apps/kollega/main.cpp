// kollega: the command-line client. `kollega --help` lists the commands.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <string>

#include "args.h"
#include "commands.h"
#include "kollega/base/log.h"

namespace {

void PrintUsage() {
  std::printf(
      "kollega — end-to-end encrypted peer support, command-line client\n\n"
      "usage: kollega [--data-dir DIR] [--ca-file PEM] [--key-file FILE] <command> [options] "
      "[arguments]\n\n"
      "commands:\n");
  for (const auto& c : kollega::cli::Commands()) {
    std::printf("  %-34s %s\n", c.usage.c_str(), c.summary.c_str());
  }
  std::printf(
      "\noptions:\n"
      "  --data-dir DIR   where this device keeps its keys and history\n"
      "                   (default: %s)\n"
      "  --ca-file PEM    certificate authorities to trust for a wss:// relay\n"
      "                   (default: the system's trust store)\n"
      "  --key-file FILE  the 32-byte key that encrypts the data directory, instead of\n"
      "                   a passphrase (created by `init` / `link-device` if missing)\n"
      "\nThe data directory is encrypted. Its passphrase is asked for on the terminal,\n"
      "or read from the environment variable KOLLEGA_PASSPHRASE (for scripts).\n"
      "  -h, --help       this text; `kollega <command> --help` for one command\n",
      kollega::cli::DefaultDataDir().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  kollega::log::SetLevel(kollega::log::Level::kWarn);
  kollega::cli::Args args;
  std::string error;
  if (!kollega::cli::ParseArgs(argc, argv, &args, &error)) {
    std::fprintf(stderr, "kollega: %s (see kollega --help)\n", error.c_str());
    return 2;
  }
  if (args.command.empty()) {
    PrintUsage();
    return args.help ? 0 : 2;
  }
  for (const auto& c : kollega::cli::Commands()) {
    if (c.name != args.command) continue;
    if (args.help) {
      std::printf("usage: kollega [--data-dir DIR] %s\n\n%s\n%s", c.usage.c_str(),
                  c.summary.c_str(), c.details.c_str());
      return 0;
    }
    return c.run(args);
  }
  std::fprintf(stderr, "kollega: unknown command '%s' (see kollega --help)\n",
               args.command.c_str());
  return 2;
}
