// SPDX-License-Identifier: GPL-3.0-or-later
#include "args.h"

namespace kollega::admin {

Result<Args> Args::Parse(const std::vector<std::string>& argv, const FlagSpec& spec) {
  Args args;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a.compare(0, 2, "--") != 0) {
      args.positional_.push_back(a);
      continue;
    }
    std::string name = a;
    std::string value;
    bool inline_value = false;
    if (const size_t eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    if (spec.switches.count(name)) {
      if (inline_value) return InvalidArgument(name + " takes no value");
      args.values_[name].push_back("");
    } else if (spec.with_value.count(name)) {
      if (!inline_value) {
        if (i + 1 >= argv.size()) return InvalidArgument(name + " needs a value");
        value = argv[++i];
      }
      args.values_[name].push_back(value);
    } else {
      return InvalidArgument("unknown option " + name + " (see --help)");
    }
  }
  return args;
}

std::string Args::Get(const std::string& flag, const std::string& fallback) const {
  auto it = values_.find(flag);
  return it == values_.end() ? fallback : it->second.back();
}

std::vector<std::string> Args::All(const std::string& flag) const {
  auto it = values_.find(flag);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

Result<std::string> Args::Require(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end() || it->second.back().empty())
    return InvalidArgument(flag + " is required");
  return it->second.back();
}

}  // namespace kollega::admin
