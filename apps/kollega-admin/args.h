// kollega-admin's command line: a command, then --flags (with or without a
// value, some repeatable) and positional arguments in any order. Each
// command declares the flags it knows; anything else is an error that
// names the flag, so a typo never silently changes what gets signed.
//
// Thread-safety: plain values.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "kollega/base/status.h"

namespace kollega::admin {

struct FlagSpec {
  std::set<std::string> with_value;  // "--dir", "--out", ...
  std::set<std::string> switches;    // "--qr", "--yes", ...
};

class Args {
 public:
  // `argv` holds what follows the command name.
  static Result<Args> Parse(const std::vector<std::string>& argv, const FlagSpec& spec);

  bool Has(const std::string& flag) const { return values_.count(flag) > 0; }
  // The last value given for `flag`, or `fallback`.
  std::string Get(const std::string& flag, const std::string& fallback = "") const;
  // Every value given for a repeatable flag, in order.
  std::vector<std::string> All(const std::string& flag) const;
  // InvalidArgument naming the flag when it is missing.
  Result<std::string> Require(const std::string& flag) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

}  // namespace kollega::admin
