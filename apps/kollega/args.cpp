// SPDX-License-Identifier: GPL-3.0-or-later
#include "args.h"

#include <cstdlib>

namespace kollega::cli {
namespace {

// Options that take no value.
bool IsFlag(const std::string& name) {
  return name == "help" || name == "all" || name == "available" || name == "heavy";
}

}  // namespace

std::string DefaultDataDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/kollega";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/kollega";
  }
  return "./kollega-data";
}

bool ParseArgs(int argc, char** argv, Args* out, std::string* error) {
  out->data_dir = DefaultDataDir();
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h") arg = "--help";
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      std::string name = arg.substr(2);
      std::string value;
      const size_t eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (!IsFlag(name)) {
        if (i + 1 >= argc) {
          *error = "option --" + name + " needs a value";
          return false;
        }
        value = argv[++i];
      }
      if (name == "help") {
        out->help = true;
      } else if (name == "data-dir") {
        out->data_dir = value;
      } else if (name == "ca-file") {
        out->ca_file = value;
      } else if (name == "key-file") {
        out->key_file = value;
      } else {
        out->options[name] = value;
      }
    } else if (out->command.empty()) {
      out->command = arg;
    } else {
      out->positional.push_back(arg);
    }
  }
  return true;
}

}  // namespace kollega::cli
