// SPDX-License-Identifier: GPL-3.0-or-later
#include "event_pump.h"

#include <chrono>

namespace kollega::desktop {

// How long one NextEvent waits: bounds how long Stop() takes.
constexpr std::chrono::milliseconds kPollInterval{100};

EventPump::EventPump(client::Client* client, QObject* receiver, Handler handler)
    : client_(client), receiver_(receiver), handler_(std::move(handler)) {
  thread_ = std::thread([this] { Run(); });
}

EventPump::~EventPump() { Stop(); }

void EventPump::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void EventPump::Run() {
  while (!stop_) {
    client::EventPtr event = client_->NextEvent(kPollInterval);
    if (!event) continue;
    // The receiver stops this pump before it dies, and Qt drops events
    // still queued for an object once it is destroyed.
    PostTo(receiver_, [handler = handler_, event] { handler(event); });
  }
}

}  // namespace kollega::desktop
