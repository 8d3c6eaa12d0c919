// Command-line parsing for the `kollega` client: global options, then a
// command with its own options and positional arguments.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kollega::cli {

struct Args {
  std::string data_dir;                        // from --data-dir or XDG
  std::string ca_file;                         // --ca-file: CAs to trust for wss://
  std::string key_file;                        // --key-file: the store key instead of a passphrase
  std::string command;                         // "send", "inbox", ...
  std::vector<std::string> positional;         // after the command
  std::map<std::string, std::string> options;  // --name value / --name=value
  bool help = false;
};

// Fills `out`; on a malformed command line returns false with `error` set.
bool ParseArgs(int argc, char** argv, Args* out, std::string* error);

// $XDG_DATA_HOME/kollega, else $HOME/.local/share/kollega.
std::string DefaultDataDir();

}  // namespace kollega::cli
