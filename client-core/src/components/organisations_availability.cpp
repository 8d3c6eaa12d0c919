// SPDX-License-Identifier: GPL-3.0-or-later
// A helper's availability (docs/organisations.md §7): what the helper
// chose, shown as full while the cases component says the helper is at an
// organisation's cap on open cases.
#include "components/organisations.h"
#include "kernel/link_manager.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/signal_keys.h"
#include "kollega/org/availability.h"

namespace kollega::client {

Result<Organisations::AvailabilityChoice> Organisations::LoadChoice() {
  AvailabilityChoice choice;
  KOLLEGA_ASSIGN_OR_RETURN(auto value, kernel_.Table(kName).Get("a"));
  if (!value || value->size() != 11) return choice;
  auto state = [](char c) {
    return c >= 0 && c <= 3 ? static_cast<Availability>(c) : Availability::kUnknown;
  };
  choice.chosen = state((*value)[0]);
  choice.full = (*value)[1] != 0;
  choice.published = state((*value)[2]);
  uint64_t back = 0;
  for (size_t i = 3; i < 11; ++i) back = (back << 8) | static_cast<uint8_t>((*value)[i]);
  choice.back_at_ms = static_cast<int64_t>(back);
  return choice;
}

Status Organisations::Publish(AvailabilityChoice choice, bool always) {
  Availability shown = choice.chosen;
  if (choice.full && choice.chosen != Availability::kAway) shown = Availability::kFull;
  // Nothing chosen and not full: nothing to say, the directory shows the
  // helper as unknown. Not saved when publishing fails, so the next change
  // tries again.
  if (shown != Availability::kUnknown && (always || shown != choice.published)) {
    KOLLEGA_RETURN_IF_ERROR(Sign(shown, shown == Availability::kAway ? choice.back_at_ms : 0));
    choice.published = shown;
  }
  std::string value{static_cast<char>(choice.chosen), static_cast<char>(choice.full ? 1 : 0),
                    static_cast<char>(choice.published)};
  for (int shift = 56; shift >= 0; shift -= 8) {
    value.push_back(static_cast<char>(static_cast<uint64_t>(choice.back_at_ms) >> shift));
  }
  return kernel_.Transaction([&] { return kernel_.Table(kName).Put("a", value); });
}

Status Organisations::PublishAvailability(Availability state, int64_t back_at_ms) {
  if (!kernel_.has_account()) return FailedPrecondition("no account yet");
  KOLLEGA_ASSIGN_OR_RETURN(AvailabilityChoice choice, LoadChoice());
  choice.chosen = state;
  choice.back_at_ms = state == Availability::kAway ? back_at_ms : 0;
  return Publish(choice, /*always=*/true);
}

Status Organisations::SetFull(bool full) {
  if (!kernel_.has_account()) return FailedPrecondition("no account yet");
  KOLLEGA_ASSIGN_OR_RETURN(AvailabilityChoice choice, LoadChoice());
  if (choice.full == full) return Status::Ok();
  choice.full = full;
  return Publish(choice, /*always=*/false);
}

Status Organisations::Sign(Availability state, int64_t back_at_ms) {
  org::Availability availability;
  availability.set_format(1);
  availability.set_account_id(kernel_.account().account_id);
  availability.set_state(static_cast<org::AvailabilityState>(state));
  if (state == Availability::kAway && back_at_ms > 0) {
    availability.set_back_at_ms(static_cast<uint64_t>(back_at_ms));
  }
  availability.set_issued_ms(static_cast<uint64_t>(kernel_.NowMs()));
  org::SignedAvailability signed_availability;
  signed_availability.set_body(availability.SerializeAsString());
  KOLLEGA_ASSIGN_OR_RETURN(auto identity, kernel_.store().LoadLocalIdentity());
  auto signature =
      crypto::SignWithIdentity(kernel_.signal_context(), identity,
                               org::AvailabilitySigningInput(signed_availability.body()));
  crypto::Wipe(identity.private_key);
  KOLLEGA_RETURN_IF_ERROR(signature.status());
  signed_availability.set_signature(*signature);
  wire::Request request;
  request.mutable_publish_availability()->set_signed_availability(
      signed_availability.SerializeAsString());
  return kernel_.link().CallOk(std::move(request));
}

}  // namespace kollega::client
