// kollega-admin: the organisation administrators' tool (docs/admin.md).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <string>
#include <vector>

#include "args.h"
#include "commands.h"

namespace kollega::admin {
namespace {

struct Command {
  const char* name;
  const char* usage;
  const char* help;
  FlagSpec flags;
  Status (*run)(const Args&);
};

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"init",
       "init --dir D --relay wss://HOST [--passphrase-file F]",
       "Makes the organisation's signing key in D (created 0700), sealed under a passphrase\n"
       "(KOLLEGA_ADMIN_PASSPHRASE, else --passphrase-file, else typed twice), records the\n"
       "relay, and prints the card. Refuses a D that already holds a key.",
       {{"--dir", "--relay", "--passphrase-file"}, {}},
       Init},
      {"card",
       "card --dir D [--qr]",
       "Prints the organisation card (kollega://org?...); --qr adds it as a QR code.",
       {{"--dir"}, {"--qr"}},
       Card},
      {"sign-policy",
       "sign-policy --dir D policy.json [--version N] [--out F]",
       "Signs a policy written in protobuf's JSON mapping of kollega.org.Policy\n"
       "(examples/organisations/). Fills format, org_key, version (one above the last\n"
       "signed, or --version N) and issued_ms; checks it as a client would; writes\n"
       "D/policy-<version>.signed.",
       {{"--dir", "--version", "--out", "--passphrase-file"}, {}},
       SignPolicy},
      {"enrol-request",
       "enrol-request --account-id HEX --identity-key HEX --name NAME --profession P\n"
       "    [--region R] [--gender G] [--sector S] [--language L]... [--introduction TEXT]\n"
       "    --out req.json",
       "Writes a helper's enrolment request (what the helper's app writes), to send to\n"
       "the administrators.",
       {{"--account-id", "--identity-key", "--name", "--profession", "--region", "--gender",
         "--sector", "--language", "--introduction", "--out"},
        {}},
       EnrolRequestCommand},
      {"enrol",
       "enrol --dir D req.json --expires YYYY-MM-DD [--out F] [--yes]",
       "Shows the request, asks (unless --yes), and signs a helper certificate with the next\n"
       "serial, valid to the end of the given day (UTC); writes D/certificate-<serial>.signed.",
       {{"--dir", "--expires", "--out", "--passphrase-file"}, {"--yes"}},
       Enrol},
      {"revoke",
       "revoke --dir D SERIAL... [--out F]",
       "Signs a new revocation list: every serial revoked so far plus these, one version up;\n"
       "writes D/revocations-<version>.signed.",
       {{"--dir", "--out", "--passphrase-file"}, {}},
       Revoke},
      {"rotate",
       "rotate --dir D",
       "Makes a new organisation key, signs the hand-over with the old and the new key\n"
       "(D/rotation-*.signed), keeps the old key as D/retired-*.key, prints the new card.",
       {{"--dir", "--passphrase-file"}, {}},
       Rotate},
      {"verify",
       "verify --card CARD FILE...",
       "Checks signed files as a client that pinned CARD would, and prints what they hold.",
       {{"--card"}, {}},
       Verify},
      {"publish",
       "publish --dir D FILE... [--relay URL] [--ca-file PEM] [--passphrase-file F]",
       "Checks the files, then sends each to the relay (rotation, policy, revocations,\n"
       "certificates, in that order) and prints the relay's answer to each. The key\n"
       "first signs the relay's one-time challenge, so the passphrase is asked for.",
       {{"--dir", "--relay", "--ca-file", "--passphrase-file"}, {}},
       Publish},
  };
  return commands;
}

void PrintUsage(FILE* out) {
  std::fprintf(out,
               "kollega-admin — an organisation's keys, policy, helpers and revocations\n\n"
               "usage: kollega-admin <command> [options]   (kollega-admin <command> --help)\n\n"
               "commands:\n");
  for (const Command& c : Commands()) std::fprintf(out, "  %s\n", c.usage);
  std::fprintf(out,
               "\nSigning works offline; only publish connects. docs/admin.md is the guide.\n");
}

}  // namespace
}  // namespace kollega::admin

int main(int argc, char** argv) {
  using namespace kollega::admin;
  std::vector<std::string> rest(argv + (argc > 1 ? 2 : 1), argv + argc);
  const std::string name = argc > 1 ? argv[1] : "";
  if (name.empty() || name == "--help" || name == "-h" || name == "help") {
    PrintUsage(name.empty() ? stderr : stdout);
    return name.empty() ? 2 : 0;
  }
  for (const Command& c : Commands()) {
    if (name != c.name) continue;
    for (const std::string& a : rest) {
      if (a == "--help" || a == "-h") {
        std::printf("usage: kollega-admin %s\n\n%s\n", c.usage, c.help);
        return 0;
      }
    }
    auto args = Args::Parse(rest, c.flags);
    kollega::Status status = args.ok() ? c.run(*args) : args.status();
    if (!status.ok()) {
      std::fprintf(stderr, "kollega-admin %s: %s\n", c.name, status.message().c_str());
      return 1;
    }
    return 0;
  }
  std::fprintf(stderr, "kollega-admin: unknown command \"%s\"\n\n", name.c_str());
  PrintUsage(stderr);
  return 2;
}
