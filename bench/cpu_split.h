// Keeping the load generator off the servers' cores. On one machine the
// load generator competes with the server for CPU, and its own run-queue
// wait lands in the server's latency tail; giving each side its own CPUs
// stands in for a client machine and a server machine.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace kollega::bench {

struct CpuSplit {
  std::vector<int> client;  // this load generator
  std::vector<int> server;  // the relay and the echo server
};

// The CPUs this process may run on (its affinity mask), in order.
std::vector<int> UsableCpus();

// The first `client_cpus` usable CPUs for the load generator, the rest for
// the servers; false (and an empty split) when fewer than two are usable.
bool SplitCpus(int client_cpus, CpuSplit* split);

// Restricts the calling thread, and every thread or process it starts
// afterwards, to `cpus`. Call before any thread is started.
bool PinCurrentThread(const std::vector<int>& cpus);

// "0", "1-3", "0,2,5": for the report.
std::string DescribeCpus(const std::vector<int>& cpus);

}  // namespace kollega::bench
