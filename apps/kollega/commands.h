// The `kollega` client's commands. Each is a thin use of client::Client:
// all logic lives in client-core.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "args.h"

namespace kollega::cli {

struct Command {
  std::string name;
  std::string usage;    // "send <account> <text...>"
  std::string summary;  // one line
  std::string details;  // shown by `kollega <command> --help`
  int (*run)(const Args& args);
};

const std::vector<Command>& Commands();

// commands_devices.cpp
int RunDevices(const Args& args);
int RunUnlinkDevice(const Args& args);

// commands_orgs.cpp
int RunJoinOrg(const Args& args);
int RunOrgs(const Args& args);
int RunHelpers(const Args& args);
int RunAvailability(const Args& args);
int RunEnrolRequest(const Args& args);

// commands_cases.cpp
int RunOpenCase(const Args& args);
int RunOfferCase(const Args& args);
int RunCases(const Args& args);
int RunCase(const Args& args);
int RunCaseSend(const Args& args);
int RunAcceptCase(const Args& args);
int RunCloseCase(const Args& args);
int RunRefer(const Args& args);
int RunHandover(const Args& args);
int RunHandoverAnswer(const Args& args);
int RunCaseTime(const Args& args);
int RunSafety(const Args& args);

}  // namespace kollega::cli
