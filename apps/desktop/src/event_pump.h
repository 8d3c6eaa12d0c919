// EventPump: carries client-core events to the UI thread. A thread of its
// own blocks on Client::NextEvent and posts each event to `receiver`'s thread
// (Qt::QueuedConnection), so event handling never runs on client-core's
// worker and the UI thread never waits for the client.
//
// Ownership: borrows the Client, which must outlive the pump; Stop() (or the
// destructor) joins the thread. Thread-safety: construct, Stop and destroy
// on one thread; the handler runs on `receiver`'s thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <atomic>
#include <functional>
#include <thread>

#include "kollega/client-core/client.h"

namespace kollega::desktop {

class EventPump {
 public:
  using Handler = std::function<void(const client::EventPtr&)>;
  EventPump(client::Client* client, QObject* receiver, Handler handler);
  ~EventPump();
  EventPump(const EventPump&) = delete;
  EventPump& operator=(const EventPump&) = delete;

  void Stop();

 private:
  void Run();

  client::Client* client_;
  QObject* receiver_;
  Handler handler_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Runs `fn` on `context`'s thread, later; dropped if `context` is destroyed
// first. For results that client-core completes on its worker thread.
template <typename F>
void PostTo(QObject* context, F fn) {
  QMetaObject::invokeMethod(context, std::move(fn), Qt::QueuedConnection);
}

}  // namespace kollega::desktop
