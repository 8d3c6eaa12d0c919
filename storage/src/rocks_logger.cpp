// SPDX-License-Identifier: GPL-3.0-or-later
#include "rocks_logger.h"

#include <cstdarg>
#include <cstdio>
#include <string>

#include "kollega/base/log.h"

namespace kollega::storage {
namespace {

// Enough for an error and the file it names; RocksDB's statistics dumps
// are far longer and are not wanted in the relay's log.
constexpr size_t kMaxLine = 512;

class RelayRocksLogger final : public rocksdb::Logger {
 public:
  RelayRocksLogger() : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL) {}

  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}  // level unknown: dropped

  void Logv(const rocksdb::InfoLogLevel level, const char* format, va_list ap) override {
    if (level < GetInfoLogLevel()) return;
    char line[kMaxLine];
    std::vsnprintf(line, sizeof line, format, ap);
    const std::string text = std::string("rocksdb: ") + line;
    if (level >= rocksdb::InfoLogLevel::ERROR_LEVEL) {
      log::Error("storage", text);
    } else {
      log::Warn("storage", text);
    }
  }
};

}  // namespace

std::shared_ptr<rocksdb::Logger> MakeRelayRocksLogger() {
  return std::make_shared<RelayRocksLogger>();
}

}  // namespace kollega::storage
