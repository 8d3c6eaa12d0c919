// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/hostile_link.h"

#include <utility>

namespace kollega::testing {

class HostileRelay::Link : public client::RelayLink {
 public:
  Link(HostileRelay& owner, std::unique_ptr<client::RelayLink> inner)
      : owner_(owner), inner_(std::move(inner)) {}

  Result<wire::Response> Call(wire::Request request, std::chrono::milliseconds timeout) override {
    const std::shared_ptr<const Hooks> hooks = owner_.Record(request);
    wire::Response forged;
    if (hooks->forge_response && hooks->forge_response(request, forged)) {
      forged.set_id(request.id());
      return forged;
    }
    const wire::Request original = request;
    if (hooks->on_request && !hooks->on_request(request)) {
      return Unavailable("the hostile relay dropped the request");
    }
    Result<wire::Response> answer = inner_->Call(std::move(request), timeout);
    if (answer.ok() && hooks->on_response) hooks->on_response(original, *answer);
    return answer;
  }

  Status SendOnly(wire::Request request) override {
    const std::shared_ptr<const Hooks> hooks = owner_.Record(request);
    if (hooks->on_request && !hooks->on_request(request)) return Status::Ok();
    return inner_->SendOnly(std::move(request));
  }

  wire::Challenge TakeChallenge() override { return inner_->TakeChallenge(); }
  // The client's real socket to the real relay: the login binds to it.
  std::string Origin() const override { return inner_->Origin(); }
  std::string TlsExporter() const override { return inner_->TlsExporter(); }
  bool is_open() const override { return inner_->is_open(); }
  void Close() override { inner_->Close(); }

 private:
  HostileRelay& owner_;
  std::unique_ptr<client::RelayLink> inner_;
};

void HostileRelay::SetHooks(Hooks hooks) {
  std::lock_guard lock(mu_);
  hooks_ = std::make_shared<const Hooks>(std::move(hooks));
}

std::shared_ptr<const HostileRelay::Hooks> HostileRelay::Record(const wire::Request& request) {
  std::lock_guard lock(mu_);
  sent_.push_back(request);
  return hooks_;
}

std::vector<wire::Request> HostileRelay::SentRequests() {
  std::lock_guard lock(mu_);
  return sent_;
}

client::RelayLinkFactory HostileRelay::Factory() {
  return
      [this](
          const std::string& url, client::RelayLink::Handlers handlers,
          const client::RelayLink::Options& options) -> Result<std::unique_ptr<client::RelayLink>> {
        auto on_push = std::move(handlers.on_push);
        handlers.on_push = [this, on_push](const wire::Push& push) {
          std::shared_ptr<const Hooks> hooks;
          {
            std::lock_guard lock(mu_);
            hooks = hooks_;
          }
          wire::Push copy = push;
          if (hooks->on_push && !hooks->on_push(copy)) return;
          on_push(copy);
        };
        KOLLEGA_ASSIGN_OR_RETURN(std::unique_ptr<client::RelayLink> inner,
                                 client::ConnectWebSocketLink(url, std::move(handlers), options));
        return std::unique_ptr<client::RelayLink>(new Link(*this, std::move(inner)));
      };
}

}  // namespace kollega::testing
