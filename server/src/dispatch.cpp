// The request table: which handler serves each request type, and whether it
// needs an authenticated connection.
//
// Adding a request: a new member of Request.op in proto/relay.proto, one
// Handle* member of Connection (in the handlers_*.cpp of its concern), and
// one row in kRows below. Nothing else routes requests.
//
// The rows are laid out at compile time into an array indexed by the op's
// field number (ops are numbered 10 to a few dozen), so a lookup is a bounds
// check and one load: no map, no std::function, no allocation.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <google/protobuf/unknown_field_set.h>

#include <algorithm>
#include <array>

#include "connection.h"

namespace kollega::server {
namespace {

using R = wire::Request;

// Request field numbers at or above this are operations (relay.proto,
// "message Request"): an unknown one is an op from a newer protocol.
constexpr int kFirstOpField = 10;

// True when `request` carries a field this relay does not know in the op
// range: a newer client's op, which protobuf kept as an unknown field.
bool HasUnknownOp(const wire::Request& request) {
  const google::protobuf::UnknownFieldSet& unknown =
      request.GetReflection()->GetUnknownFields(request);
  for (int i = 0; i < unknown.field_count(); ++i) {
    if (unknown.field(i).number() >= kFirstOpField) return true;
  }
  return false;
}

}  // namespace

const Connection::Route* Connection::FindRoute(R::OpCase op) {
  struct Row {
    R::OpCase op;
    Route route;
  };
  // clang-format off
  static constexpr Row kRows[] = {
    {R::kGetChallenge,    {&Connection::HandleGetChallenge,    Access::kAnyone}},
    {R::kPing,            {&Connection::HandlePing,            Access::kAnyone}},
    {R::kCreateAccount,   {&Connection::HandleCreateAccount,   Access::kAnyone}},
    {R::kAuthenticate,    {&Connection::HandleAuthenticate,    Access::kAnyone}},
    {R::kRegisterDevice,  {&Connection::HandleRegisterDevice,  Access::kAnyone}},
    {R::kCreateLinkToken, {&Connection::HandleCreateLinkToken, Access::kAuthenticated}},
    {R::kListDevices,     {&Connection::HandleListDevices,     Access::kAuthenticated}},
    {R::kPublishDeviceList, {&Connection::HandlePublishDeviceList, Access::kAuthenticated}},
    {R::kUnlinkDevice,    {&Connection::HandleUnlinkDevice,    Access::kAuthenticated}},
    {R::kGetDeviceList,   {&Connection::HandleGetDeviceList,   Access::kAuthenticated}},
    {R::kUploadPrekeys,   {&Connection::HandleUploadPrekeys,   Access::kAuthenticated}},
    {R::kGetPrekeyCount,  {&Connection::HandleGetPrekeyCount,  Access::kAuthenticated}},
    {R::kFetchBundle,     {&Connection::HandleFetchBundle,     Access::kAuthenticated}},
    {R::kSend,            {&Connection::HandleSend,            Access::kAuthenticated}},
    {R::kAck,             {&Connection::HandleAck,             Access::kAuthenticated}},
    {R::kPublishOrgObject, {&Connection::HandlePublishOrgObject, Access::kAnyone}},
    {R::kGetOrganisation, {&Connection::HandleGetOrganisation, Access::kAuthenticated}},
    {R::kPublishAvailability, {&Connection::HandlePublishAvailability, Access::kAuthenticated}},
    {R::kClaimCase,       {&Connection::HandleClaimCase,       Access::kAuthenticated}},
  };
  // clang-format on
  static constexpr size_t kSlots = [] {
    int highest = 0;
    for (const Row& row : kRows) highest = std::max(highest, static_cast<int>(row.op));
    return static_cast<size_t>(highest) + 1;
  }();
  static constexpr std::array<Route, kSlots> kByOp = [] {
    std::array<Route, kSlots> by_op{};
    for (const Row& row : kRows) by_op[row.op] = row.route;
    return by_op;
  }();
  static_assert(
      [] {
        for (const Row& row : kRows) {
          if (row.op < kFirstOpField) return false;
          if (std::count_if(std::begin(kRows), std::end(kRows),
                            [&](const Row& other) { return other.op == row.op; }) != 1) {
            return false;
          }
        }
        return true;
      }(),
      "each op has one row, and ops are numbered from kFirstOpField");

  const auto slot = static_cast<size_t>(op);
  if (slot >= kSlots || kByOp[slot].handler == nullptr) return nullptr;
  return &kByOp[slot];
}

void Connection::Dispatch(const wire::Request& request) {
  const uint64_t id = request.id();
  const Route* route = FindRoute(request.op_case());
  if (route == nullptr) {
    // An op set in the schema but without a row is as unknown to this relay
    // as one from a newer schema.
    if (request.op_case() != R::OP_NOT_SET || HasUnknownOp(request)) {
      return Reply(id, wire::UNSUPPORTED_OPERATION,
                   "unsupported operation; see the challenge's features");
    }
    return Reply(id, wire::MALFORMED, "request has no operation");
  }
  if (route->access == Access::kAuthenticated && !Authenticated()) {
    return Reply(id, wire::NOT_AUTHENTICATED, "authenticate first");
  }
  (this->*route->handler)(id, request);
}

}  // namespace kollega::server
