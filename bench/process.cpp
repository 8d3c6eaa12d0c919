// SPDX-License-Identifier: GPL-3.0-or-later
#include "process.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>
#include <thread>

namespace kollega::bench {

namespace {

using namespace std::chrono_literals;

int64_t ReadProcField(const std::string& path, const std::string& prefix, int column) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::istringstream fields(line.substr(prefix.size()));
    std::string value;
    for (int i = 0; i <= column; ++i) fields >> value;
    char* end = nullptr;
    long long n = std::strtoll(value.c_str(), &end, 10);
    return end != value.c_str() ? n : -1;
  }
  return -1;
}

std::string DescribeStatus(int status) {
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

}  // namespace

bool SpawnServer(const std::vector<std::string>& argv, const std::string& port_file,
                 const std::string& log_path, uint64_t soft_nofile, const std::vector<int>& cpus,
                 double timeout_s, ChildProcess* child, std::string* error) {
  ::unlink(port_file.c_str());
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    *error = "cannot create " + log_path + ": " + std::strerror(errno);
    return false;
  }
  cpu_set_t cpu_set;
  CPU_ZERO(&cpu_set);
  for (int c : cpus) CPU_SET(c, &cpu_set);
  pid_t pid = ::fork();
  if (pid < 0) {
    *error = std::string("fork: ") + std::strerror(errno);
    ::close(log_fd);
    return false;
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    if (soft_nofile > 0) {
      rlimit limit;
      if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = soft_nofile;
        ::setrlimit(RLIMIT_NOFILE, &limit);
      }
    }
    if (!cpus.empty()) ::sched_setaffinity(0, sizeof cpu_set, &cpu_set);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(log_fd);
  child->pid = pid;
  child->log_path = log_path;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!IsRunning(*child)) {
      *error = argv[0] + " exited during start-up; log " + log_path + ":\n" + Tail(log_path, 15);
      return false;
    }
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0 && port < 65536) {
      child->port = static_cast<uint16_t>(port);
      return true;
    }
    std::this_thread::sleep_for(20ms);
  }
  *error =
      argv[0] + " wrote no port to " + port_file + "; log " + log_path + ":\n" + Tail(log_path, 15);
  StopServer(*child, 1);
  return false;
}

bool IsRunning(ChildProcess& child) {
  if (child.pid <= 0) return false;
  int status = 0;
  pid_t r = ::waitpid(child.pid, &status, WNOHANG);
  if (r == child.pid) {
    child.pid = -1;
    return false;
  }
  return true;
}

std::string StopServer(ChildProcess& child, double grace_s) {
  if (child.pid <= 0) return "already exited";
  ::kill(child.pid, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(grace_s);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(child.pid, &status, WNOHANG) == child.pid) {
      child.pid = -1;
      return DescribeStatus(status);
    }
    std::this_thread::sleep_for(10ms);
  }
  ::kill(child.pid, SIGKILL);
  ::waitpid(child.pid, &status, 0);
  child.pid = -1;
  return "did not stop within " + std::to_string(grace_s) + " s of SIGTERM; killed";
}

int64_t ReadRssKb(pid_t pid) {
  return ReadProcField("/proc/" + std::to_string(pid) + "/status", "VmRSS:", 0);
}

double ReadCpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return -1;
  // The command name may hold spaces; fields are counted after its ')'.
  size_t paren = line.rfind(')');
  if (paren == std::string::npos) return -1;
  std::istringstream fields(line.substr(paren + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::strtod(field.c_str(), nullptr);  // utime, stime
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

int64_t ReadSoftNofile(pid_t pid) {
  // "Max open files            1024                 524288               files"
  return ReadProcField("/proc/" + std::to_string(pid) + "/limits", "Max open files", 0);
}

void RaiseNofile(uint64_t wanted, uint64_t* soft, uint64_t* hard) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted) {
    rlimit raised = limit;
    raised.rlim_cur = std::min<rlim_t>(wanted, limit.rlim_max);
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  *soft = limit.rlim_cur;
  *hard = limit.rlim_max;
}

std::string Tail(const std::string& path, int lines) {
  std::ifstream in(path);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    last.push_back(line);
    if (static_cast<int>(last.size()) > lines) last.pop_front();
  }
  std::string out;
  for (const auto& l : last) out += "  | " + l + "\n";
  return out;
}

std::string MakeTempDir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/" + prefix + "XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  return ::mkdtemp(buffer.data()) ? std::string(buffer.data()) : std::string();
}

}  // namespace kollega::bench
