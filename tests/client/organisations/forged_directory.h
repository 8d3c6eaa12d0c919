// An organisation's directory as a relay operator serves it, for client
// tests that play that operator through a HostileRelay's forge_response:
// what the organisation published, answered in small pages, plus the
// availability helpers published through it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "organisation.pb.h"
#include "relay.pb.h"
#include "support/hostile_link.h"

namespace kollega::testing {

inline int64_t Now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Shared with the hooks, which run on the clients' workers.
struct Directory {
  std::mutex mu;
  std::string policy, revocations, rotation;
  std::vector<std::string> certificates;
  std::vector<wire::AccountAvailability> availability;
  size_t page_size = 2;  // certificates per page: small, so paging is used
  int pages_served = 0;

  bool Answer(const wire::Request& request, wire::Response& response) {
    std::lock_guard lock(mu);
    if (request.has_publish_availability()) {
      wire::AccountAvailability entry;
      // The real relay fills in the caller's account; here the body names it.
      org::SignedAvailability s;
      org::Availability a;
      if (s.ParseFromString(request.publish_availability().signed_availability()) &&
          a.ParseFromString(s.body())) {
        entry.set_account_id(a.account_id());
      }
      entry.set_signed_availability(request.publish_availability().signed_availability());
      availability.push_back(entry);
      response.set_id(request.id());
      return true;
    }
    if (!request.has_get_organisation()) return false;
    response.set_id(request.id());
    ++pages_served;
    size_t start = request.get_organisation().cursor().empty()
                       ? 0
                       : std::stoul(request.get_organisation().cursor());
    auto* page = response.mutable_organisation_page();
    if (start == 0) {
      page->set_policy(policy);
      page->set_revocations(revocations);
      page->set_rotation(rotation);
      for (const auto& a : availability) *page->add_availability() = a;
    }
    size_t end = std::min(certificates.size(), start + page_size);
    for (size_t i = start; i < end; ++i) page->add_certificates(certificates[i]);
    if (end < certificates.size()) page->set_next_cursor(std::to_string(end));
    return true;
  }
};

// Hooks that make a HostileRelay answer organisation requests as `dir`'s
// operator, and pass everything else to the real relay.
inline HostileRelay::Hooks ServeDirectory(std::shared_ptr<Directory> dir) {
  HostileRelay::Hooks hooks;
  hooks.forge_response = [dir](const wire::Request& q, wire::Response& r) {
    return dir->Answer(q, r);
  };
  return hooks;
}

}  // namespace kollega::testing
