// GetOrganisation: one page of everything the relay holds for an
// organisation (docs/organisations.md §5, §6). The first page carries the
// policy, the revocation list and the rotation; then certificates in serial
// order, each with its helper's availability on the same page; a page ends
// once it would pass --org-page-bytes (it always holds at least one
// certificate, so paging moves on). The cursor is the next serial, 8 bytes
// big-endian: opaque to clients.
//
// Only reads, so it runs on the strand like GetDeviceList.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cstdint>
#include <unordered_set>

#include "connection.h"

namespace kollega::server {
namespace {

constexpr size_t kCursorSize = 8;
// Certificates read from the store per step while filling a page.
constexpr size_t kChunk = 128;
// Protobuf framing per repeated entry, about.
constexpr size_t kEntryOverhead = 8;

std::string EncodeCursor(uint64_t serial) {
  std::string out(kCursorSize, '\0');
  for (size_t i = 0; i < kCursorSize; ++i) {
    out[i] = static_cast<char>(serial >> (8 * (kCursorSize - 1 - i)));
  }
  return out;
}

uint64_t DecodeCursor(const std::string& cursor) {
  uint64_t v = 0;
  for (char c : cursor) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

}  // namespace

void Connection::HandleGetOrganisation(uint64_t id, const wire::Request& request) {
  const wire::GetOrganisation& req = request.get_organisation();
  storage::OrganisationStore* store = ctx_.store->organisations();
  if (store == nullptr) return Reply(id, wire::UNSUPPORTED_OPERATION, "no organisations here");
  if (req.org_key().size() != storage::kOrgKeySize) {
    return Reply(id, wire::INVALID_ARGUMENT, "an organisation key is 32 bytes");
  }
  if (!req.cursor().empty() && req.cursor().size() != kCursorSize) {
    return Reply(id, wire::INVALID_ARGUMENT, "not a cursor this relay gave out");
  }
  int64_t retry_after_ms = 0;
  if (!ctx_.org_fetch_limiter.TryTake(address_->account, &retry_after_ms)) {
    wire::Response response;
    response.set_retry_after_ms(static_cast<uint32_t>(std::max<int64_t>(1, retry_after_ms)));
    return Reply(id, wire::RATE_LIMITED, "too many organisation fetches; retry later", response);
  }
  const std::string& org_key = req.org_key();
  const bool first = req.cursor().empty();
  const int64_t now = ctx_.clock->NowMs();
  wire::Response response;
  wire::OrganisationPage* page = response.mutable_organisation_page();
  size_t bytes = 0;
  bool holds_anything = false;
  if (first) {
    Result<storage::OrganisationHead> head = store->GetOrganisationHead(org_key);
    if (!head.ok()) return Reply(id, StoreErrorCode(head.status()), "could not read the store");
    if (head->policy) page->set_policy(head->policy->blob);
    if (head->revocations) page->set_revocations(head->revocations->blob);
    if (head->rotation) page->set_rotation(*head->rotation);
    bytes = page->policy().size() + page->revocations().size() + page->rotation().size();
    holds_anything = head->HoldsAnything();
  }
  uint64_t from = first ? 0 : DecodeCursor(req.cursor());
  std::unordered_set<std::string> with_availability;
  bool more = true;
  while (more) {
    Result<std::vector<storage::StoredCertificate>> certs =
        store->ListCertificates(org_key, from, kChunk, now);
    if (!certs.ok()) return Reply(id, StoreErrorCode(certs.status()), "could not read the store");
    more = certs->size() == kChunk;
    for (storage::StoredCertificate& cert : *certs) {
      holds_anything = true;
      std::optional<std::string> availability;
      if (with_availability.count(cert.account_id) == 0) {
        Result<std::optional<std::string>> a = store->GetAvailability(cert.account_id);
        if (!a.ok()) return Reply(id, StoreErrorCode(a.status()), "could not read the store");
        availability = *std::move(a);
      }
      const size_t size = cert.blob.size() + kEntryOverhead +
                          (availability ? availability->size() + 16 + 2 * kEntryOverhead : 0);
      if (page->certificates_size() > 0 && bytes + size > ctx_.config.org_page_bytes) {
        page->set_next_cursor(EncodeCursor(cert.serial));
        more = false;
        break;
      }
      bytes += size;
      page->add_certificates(std::move(cert.blob));
      if (availability) {
        with_availability.insert(cert.account_id);
        wire::AccountAvailability* entry = page->add_availability();
        entry->set_account_id(cert.account_id);
        entry->set_signed_availability(*std::move(availability));
      }
      if (cert.serial == UINT64_MAX) {
        more = false;
        break;
      }
      from = cert.serial + 1;
    }
  }
  if (first && !holds_anything) {
    return Reply(id, wire::UNKNOWN_ORGANISATION, "this relay holds nothing for that key");
  }
  ReplyOk(id, response);
}

}  // namespace kollega::server
