// SPDX-License-Identifier: GPL-3.0-or-later
#include "cpu_split.h"

#include <sched.h>

#include <algorithm>

namespace kollega::bench {

std::vector<int> UsableCpus() {
  std::vector<int> cpus;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
  for (int i = 0; i < CPU_SETSIZE; ++i) {
    if (CPU_ISSET(i, &set)) cpus.push_back(i);
  }
  return cpus;
}

bool SplitCpus(int client_cpus, CpuSplit* split) {
  *split = CpuSplit{};
  std::vector<int> cpus = UsableCpus();
  if (cpus.size() < 2) return false;
  // At least one CPU on each side.
  size_t n =
      static_cast<size_t>(std::clamp<int>(client_cpus, 1, static_cast<int>(cpus.size()) - 1));
  split->client.assign(cpus.begin(), cpus.begin() + static_cast<std::ptrdiff_t>(n));
  split->server.assign(cpus.begin() + static_cast<std::ptrdiff_t>(n), cpus.end());
  return true;
}

bool PinCurrentThread(const std::vector<int>& cpus) {
  if (cpus.empty()) return false;
  cpu_set_t set;
  CPU_ZERO(&set);
  for (int c : cpus) CPU_SET(c, &set);
  return ::sched_setaffinity(0, sizeof set, &set) == 0;
}

std::string DescribeCpus(const std::vector<int>& cpus) {
  std::string out;
  for (size_t i = 0; i < cpus.size();) {
    size_t j = i;
    while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1) ++j;
    if (!out.empty()) out += ",";
    out += std::to_string(cpus[i]);
    if (j > i) out += "-" + std::to_string(cpus[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace kollega::bench
