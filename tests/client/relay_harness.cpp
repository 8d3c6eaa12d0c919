// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay_harness.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#ifndef KOLLEGA_RELAY_BIN
#error "KOLLEGA_RELAY_BIN must name the kollega-relay binary"
#endif

namespace kollega::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "kollega-client-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  if (!made) std::abort();
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

RelayHarness::RelayHarness(std::string data_dir, std::vector<std::string> extra_flags)
    : data_dir_(std::move(data_dir)), extra_flags_(std::move(extra_flags)) {}

RelayHarness::~RelayHarness() { Stop(); }

std::string RelayHarness::url() const { return "ws://127.0.0.1:" + std::to_string(port_); }

Status RelayHarness::Start() {
  if (pid_ > 0) return Status::Ok();
  const std::string port_file = data_dir_ + ".port";
  std::filesystem::remove(port_file);
  // $KOLLEGA_RELAY_BIN overrides the built binary (e.g. to test another build).
  const char* override_bin = std::getenv("KOLLEGA_RELAY_BIN");
  std::vector<std::string> args = {override_bin && *override_bin ? override_bin : KOLLEGA_RELAY_BIN,
                                   "--listen",
                                   "127.0.0.1",
                                   "--port",
                                   std::to_string(port_),
                                   "--port-file",
                                   port_file,
                                   "--data-dir",
                                   data_dir_,
                                   "--pow-bits",
                                   "4",
                                   "--account-rate",
                                   "10000",
                                   "--bundle-rate",
                                   "10000",
                                   "--request-rate",
                                   "10000"};
  args.insert(args.end(), extra_flags_.begin(), extra_flags_.end());
  for (int attempt = 0; attempt < 50; ++attempt) {
    pid_ = fork();
    if (pid_ < 0) return Internal("fork failed");
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    for (int i = 0; i < 200; ++i) {
      std::ifstream in(port_file);
      unsigned port = 0;
      if (in >> port && port > 0) {
        port_ = static_cast<uint16_t>(port);
        return Status::Ok();
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;  // exited: on a restart the old port may still be settling
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (pid_ > 0) {
      Stop(true);
      return Unavailable("relay did not start listening");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Unavailable("relay exited at start-up");
}

void RelayHarness::Stop(bool crash) {
  if (pid_ <= 0) return;
  kill(pid_, crash ? SIGKILL : SIGTERM);
  int status = 0;
  for (int i = 0; i < 400; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace kollega::testing
