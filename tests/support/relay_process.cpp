// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/relay_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace kollega::testing {
namespace {

std::string MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kollega-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  return pattern;
}

// Bind can fail for a moment after a restart while the old socket is
// released; the relay then exits at once and is started again.
constexpr int kStartAttempts = 20;

// Waits for `pid` up to `timeout`; returns the wait status or -1.
int WaitFor(pid_t pid, std::chrono::milliseconds timeout, bool* exited) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      *exited = true;
      return status;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      *exited = false;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

pid_t Spawn(const std::string& binary, const std::vector<std::string>& args, int out_fd) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_fd, STDERR_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

RelayProcess::RelayProcess(std::string binary, std::vector<std::string> extra_args)
    : binary_(std::move(binary)), extra_args_(std::move(extra_args)), dir_(MakeTempDir()) {}

RelayProcess::~RelayProcess() {
  if (running()) Kill9();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

bool RelayProcess::Start(std::chrono::milliseconds timeout) {
  if (running()) return true;
  std::string port_file = dir_ + "/port";
  std::string metrics_port_file = dir_ + "/metrics-port";
  std::vector<std::string> args = {"--listen",
                                   "127.0.0.1",
                                   "--port",
                                   std::to_string(port_),
                                   "--port-file",
                                   port_file,
                                   "--data-dir",
                                   data_dir(),
                                   "--threads",
                                   "2",
                                   "--pow-bits",
                                   "4",
                                   "--account-rate",
                                   "100000",
                                   "--metrics-port",
                                   std::to_string(metrics_port_),
                                   "--metrics-port-file",
                                   metrics_port_file};
  // Abuse limits after login (docs/abuse-limits.md) off: tests that send or
  // fetch in volume are not about them; relay_abuse_limits_test turns each on.
  for (const char* limit :
       {"--mailbox-sender-share", "--sender-rate", "--bundle-target-rate", "--bundle-pair-rate",
        "--link-token-rate", "--signup-base-rate", "--signup-source-rate"}) {
    args.insert(args.end(), {limit, "0"});
  }
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    std::filesystem::remove(port_file);
    std::filesystem::remove(metrics_port_file);
    int log_fd = open(log_path().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (log_fd < 0) return false;
    pid_ = Spawn(binary_, args, log_fd);
    close(log_fd);
    if (pid_ < 0) return false;
    bool died = false;
    while (!died && std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(port_file);
      unsigned port = 0;
      if (in >> port && port > 0) {
        port_ = static_cast<uint16_t>(port);
        // Written before the port file (relay_server.cpp).
        std::ifstream metrics_in(metrics_port_file);
        unsigned metrics_port = 0;
        if (metrics_in >> metrics_port) metrics_port_ = static_cast<uint16_t>(metrics_port);
        return true;
      }
      int status = 0;
      died = waitpid(pid_, &status, WNOHANG) == pid_;
      if (!died) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!died) break;  // timed out
    pid_ = -1;
    if (port_ == 0) break;  // a first start has no old socket to wait for
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::fprintf(stderr, "relay did not start; its log:\n%s\n", ReadLog().c_str());
  Kill9();
  return false;
}

int RelayProcess::Stop(std::chrono::milliseconds timeout) {
  if (!running()) return -1;
  kill(pid_, SIGTERM);
  bool exited = false;
  int status = WaitFor(pid_, timeout, &exited);
  if (!exited) {
    Kill9();
    return -1;
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void RelayProcess::Kill9() {
  if (!running()) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string RelayProcess::ReadLog() const {
  std::ifstream in(log_path());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int RelayProcess::RunToExit(const std::string& binary, const std::vector<std::string>& args,
                            std::string* output) {
  char path[] = "/tmp/kollega-relay-out-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return -1;
  pid_t pid = Spawn(binary, args, fd);
  close(fd);
  bool exited = false;
  int status = WaitFor(pid, std::chrono::seconds(15), &exited);
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  *output = s.str();
  unlink(path);
  return exited && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TempDir::TempDir() : path_(MakeTempDir()) {}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

int ConnectLoopback(uint16_t port, int timeout_seconds, int rcvbuf) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (rcvbuf > 0) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  timeval tv{timeout_seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string HttpGet(uint16_t port, const std::string& path) {
  int fd = ConnectLoopback(port, 5);
  if (fd < 0) return "";
  std::string out;
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
      static_cast<ssize_t>(request.size())) {
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

}  // namespace kollega::testing
