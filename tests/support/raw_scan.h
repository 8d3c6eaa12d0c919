// Reads every byte of every file under a directory, as someone holding a
// copy of the disk would, and says which of the given byte strings occur.
// For the at-rest tests (docs/storage-encryption.md): a client store must
// show no plaintext, and a relay no trace of an acknowledged envelope.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace kollega::testing {

struct RawHit {
  std::string needle_name;
  std::string file;
};

// Every (needle, file) pair where the needle's bytes occur in the file.
inline std::vector<RawHit> ScanFilesFor(
    const std::string& dir, const std::vector<std::pair<std::string, std::string>>& needles) {
  std::vector<RawHit> hits;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const auto& [name, needle] : needles) {
      if (!needle.empty() && bytes.find(needle) != std::string::npos) {
        hits.push_back({name, it->path().string()});
      }
    }
  }
  return hits;
}

inline std::string DescribeHits(const std::vector<RawHit>& hits) {
  std::string out;
  for (const auto& h : hits) out += h.needle_name + " in " + h.file + "\n";
  return out;
}

// Files scanned, so a test can show it looked at something.
inline size_t CountFiles(const std::string& dir) {
  size_t n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) ++n;
  }
  return n;
}

}  // namespace kollega::testing
