// Starting and watching the server processes under test: the relay binary
// and the echo server (this tool re-run in --serve-echo mode), each on an
// ephemeral port reported through a port file, with stderr to a log file.
// Also file-descriptor limits and resident memory from /proc.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kollega::bench {

struct ChildProcess {
  pid_t pid = -1;
  uint16_t port = 0;
  std::string log_path;
};

// Starts argv[0] with argv, stderr and stdout to `log_path`, and waits up
// to `timeout_s` for `port_file` to hold a port number. When `soft_nofile`
// is non-zero the child starts with that RLIMIT_NOFILE soft limit, so a
// server that relies on inheriting our raised limit shows up as a finding.
// A non-empty `cpus` confines the child (and its threads) to those CPUs.
bool SpawnServer(const std::vector<std::string>& argv, const std::string& port_file,
                 const std::string& log_path, uint64_t soft_nofile, const std::vector<int>& cpus,
                 double timeout_s, ChildProcess* child, std::string* error);

// SIGTERM, then SIGKILL after `grace_s`; reaps the child. Returns a short
// description of how it ended ("exit 0", "signal 9", ...).
std::string StopServer(ChildProcess& child, double grace_s);

// True while the child has not exited (reaps it if it has).
bool IsRunning(ChildProcess& child);

// VmRSS of a process in KiB, or -1.
int64_t ReadRssKb(pid_t pid);
// CPU time (user + system) a process has used so far, in seconds, or -1.
double ReadCpuSeconds(pid_t pid);
// The "Max open files" soft limit of a process, or -1.
int64_t ReadSoftNofile(pid_t pid);

// Raises our soft RLIMIT_NOFILE toward `wanted` (capped by the hard limit);
// reports both limits as they end up.
void RaiseNofile(uint64_t wanted, uint64_t* soft, uint64_t* hard);

// The last `lines` lines of a text file, for error reports.
std::string Tail(const std::string& path, int lines);

// A fresh directory under $TMPDIR (or /tmp); empty if it cannot be made.
std::string MakeTempDir(const std::string& prefix);

}  // namespace kollega::bench
