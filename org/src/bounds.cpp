// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounds.h"

#include <string>

namespace kollega::org {
namespace {

constexpr size_t kShortText = 200;  // names, labels, regions
constexpr size_t kLongText = 4000;  // introductions, notices, descriptions
constexpr int kManyItems = 200;     // regions, categories, contacts ...

Status TextFits(std::string_view field, const std::string& value, size_t max) {
  if (value.size() > max) {
    return InvalidArgument(std::string(field) + " is longer than " + std::to_string(max) +
                           " bytes");
  }
  return Status::Ok();
}

template <typename List>
Status ListFits(std::string_view field, const List& list, size_t max_each) {
  if (list.size() > kManyItems) {
    return InvalidArgument(std::string(field) + " has more than " + std::to_string(kManyItems) +
                           " entries");
  }
  for (const std::string& value : list) KOLLEGA_RETURN_IF_ERROR(TextFits(field, value, max_each));
  return Status::Ok();
}

template <typename Map>
Status MapFits(std::string_view field, const Map& map, size_t max_each) {
  if (map.size() > kManyItems) return InvalidArgument(std::string(field) + " has too many entries");
  for (const auto& [language, text] : map) {
    KOLLEGA_RETURN_IF_ERROR(TextFits(field, language, 35));
    KOLLEGA_RETURN_IF_ERROR(TextFits(field, text, max_each));
  }
  return Status::Ok();
}

Status ContactFits(const Contact& c) {
  KOLLEGA_RETURN_IF_ERROR(TextFits("a contact's label", c.label(), kShortText));
  KOLLEGA_RETURN_IF_ERROR(TextFits("a contact's phone", c.phone(), 64));
  KOLLEGA_RETURN_IF_ERROR(TextFits("a contact's e-mail", c.email(), kShortText));
  return TextFits("a contact's hours", c.hours(), kShortText);
}

Status HoursFit(const OpeningHours& hours) {
  if (hours.open_size() == 0) return Status::Ok();  // always open
  if (hours.time_zone().empty()) return InvalidArgument("opening hours need a time zone");
  KOLLEGA_RETURN_IF_ERROR(TextFits("the time zone", hours.time_zone(), 64));
  if (hours.open_size() > kManyItems) return InvalidArgument("too many opening intervals");
  for (const OpenInterval& i : hours.open()) {
    if (i.weekday() < 1 || i.weekday() > 7) {
      return InvalidArgument("an opening interval's weekday is not 1 (Monday) to 7 (Sunday)");
    }
    if (i.start_minute() >= i.end_minute() || i.end_minute() > 24 * 60) {
      return InvalidArgument("an opening interval does not lie within its day");
    }
  }
  return MapFits("the out-of-hours notice", hours.out_of_hours_notice(), kLongText);
}

}  // namespace

std::string_view KindName(ObjectKind kind) {
  switch (kind) {
    case POLICY:
      return "policy";
    case HELPER_CERTIFICATE:
      return "helper certificate";
    case REVOCATION_LIST:
      return "revocation list";
    case KEY_ROTATION:
      return "key rotation";
    default:
      return "object";
  }
}

size_t MaxBodyBytes(ObjectKind kind) {
  switch (kind) {
    case POLICY:
      return 64 * 1024;
    case HELPER_CERTIFICATE:
      return 8 * 1024;
    case REVOCATION_LIST:
      return 256 * 1024;  // about 20,000 serials
    case KEY_ROTATION:
      return 256;
    default:
      return 0;
  }
}

Status CheckPolicyFields(const Policy& p) {
  if (p.name().empty()) return InvalidArgument("the policy has no name");
  KOLLEGA_RETURN_IF_ERROR(TextFits("the name", p.name(), kShortText));
  KOLLEGA_RETURN_IF_ERROR(ListFits("regions", p.regions(), kShortText));
  KOLLEGA_RETURN_IF_ERROR(ListFits("professions", p.professions(), kShortText));
  KOLLEGA_RETURN_IF_ERROR(ListFits("languages", p.languages(), 35));
  if (p.categories_size() > kManyItems) return InvalidArgument("too many categories");
  for (const Category& c : p.categories()) {
    if (c.id().empty()) return InvalidArgument("a category has no id");
    KOLLEGA_RETURN_IF_ERROR(TextFits("a category id", c.id(), 64));
    KOLLEGA_RETURN_IF_ERROR(MapFits("a category's names", c.names(), kShortText));
  }
  KOLLEGA_RETURN_IF_ERROR(HoursFit(p.hours()));
  if (p.retention_days() > 3650) return InvalidArgument("retention is over ten years");
  if (p.resources_size() > kManyItems) return InvalidArgument("too many resource cards");
  for (const ResourceCard& r : p.resources()) {
    KOLLEGA_RETURN_IF_ERROR(TextFits("a resource id", r.id(), 64));
    KOLLEGA_RETURN_IF_ERROR(MapFits("a resource's titles", r.titles(), kShortText));
    KOLLEGA_RETURN_IF_ERROR(MapFits("a resource's descriptions", r.descriptions(), kLongText));
    KOLLEGA_RETURN_IF_ERROR(ContactFits(r.contact()));
  }
  if (p.emergency_size() > kManyItems) return InvalidArgument("too many countries");
  for (const CountryContacts& country : p.emergency()) {
    if (country.country().size() != 2) {
      return InvalidArgument("a country is not a two-letter ISO 3166 code");
    }
    if (country.contacts_size() > kManyItems) return InvalidArgument("too many contacts");
    for (const Contact& c : country.contacts()) KOLLEGA_RETURN_IF_ERROR(ContactFits(c));
  }
  return ContactFits(p.on_call());
}

Status CheckProfileFields(const HelperProfile& p) {
  if (p.name().empty()) return InvalidArgument("the helper has no name or pseudonym");
  KOLLEGA_RETURN_IF_ERROR(TextFits("the helper's name", p.name(), kShortText));
  KOLLEGA_RETURN_IF_ERROR(TextFits("the profession", p.profession(), kShortText));
  KOLLEGA_RETURN_IF_ERROR(TextFits("the region", p.region(), kShortText));
  KOLLEGA_RETURN_IF_ERROR(TextFits("the gender", p.gender(), 64));
  KOLLEGA_RETURN_IF_ERROR(TextFits("the sector", p.sector(), 64));
  KOLLEGA_RETURN_IF_ERROR(ListFits("the helper's languages", p.languages(), 35));
  return TextFits("the introduction", p.introduction(), kLongText);
}

}  // namespace kollega::org
