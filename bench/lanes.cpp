// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes.h"

#include <algorithm>
#include <deque>
#include <vector>

#include "relay_device.h"

namespace kollega::bench {

namespace {

// Hands a finished set-up to the driver, or disposes of a failed one on a
// later turn of the Loop: the failure is reported from inside the lane's
// own callbacks, which must not destroy their owner while they run.
template <typename LaneT>
void Finish(LoopContext& ctx, std::shared_ptr<std::unique_ptr<LaneT>> holder, LaneDoneFn& done,
            bool ok, const std::string& error) {
  if (ok) return done(std::move(*holder), "");
  std::shared_ptr<LaneT> doomed(std::move(*holder));
  ctx.loop->Post([doomed] {});
  done(nullptr, error);
}

class EchoLane final : public Lane {
 public:
  EchoLane(LoopContext& ctx, const LaneOptions& options)
      : ctx_(ctx),
        ws_(WsClient::Create(*ctx.loop, options.tls)),
        payload_(options.payload),
        max_outstanding_(ctx.closed_loop ? options.window : options.open_window) {}
  ~EchoLane() override {
    ws_->set_on_message(nullptr);
    ws_->set_on_closed(nullptr);
  }

  void Start(const LaneOptions& options, std::function<void(bool, const std::string&)> done) {
    ws_->set_on_message([this](std::string_view frame) { OnEcho(frame); });
    ws_->set_on_closed([this](const std::string& why) {
      if (!closing_) ctx_.stats.Error("echo connection closed: " + why);
    });
    ws_->Connect(options.host, options.port, "/", std::move(done));
  }

  void Pump() override {
    while (ctx_.control->sending() && outstanding_ < max_outstanding_) SendOne(NowNs());
  }

  bool SendStamped(int64_t stamp_ns) override {
    if (outstanding_ >= max_outstanding_) return false;
    SendOne(stamp_ns);
    return true;
  }

  void Close() override {
    closing_ = true;
    ws_->Close();
  }

 private:
  void SendOne(int64_t stamp_ns) {
    ++outstanding_;
    ++ctx_.outstanding;
    ws_->Send(MakePayload(stamp_ns, payload_));
  }

  void OnEcho(std::string_view frame) {
    int64_t stamp;
    if (!ReadStamp(frame.data(), frame.size(), &stamp)) {
      ctx_.stats.Error("short echo frame");
    } else if (ctx_.control->measuring()) {
      ++ctx_.stats.completed;
      const int64_t now = NowNs();
      ctx_.stats.latency_ns.push_back(now - stamp);
      ctx_.stats.done_ns.push_back(now);
    }
    --outstanding_;
    --ctx_.outstanding;
    if (ctx_.closed_loop) Pump();
  }

  LoopContext& ctx_;
  std::shared_ptr<WsClient> ws_;
  size_t payload_;
  int max_outstanding_;
  int outstanding_ = 0;
  bool closing_ = false;
};

// A sender and a recipient device. The window counts messages that are not
// yet both accepted by the relay and delivered to the recipient, so the
// loop is closed end to end, like the echo's round trip.
class RelayPairLane final : public Lane {
 public:
  RelayPairLane(LoopContext& ctx, const LaneOptions& options, const std::string& source)
      : ctx_(ctx),
        sender_(*ctx.loop, options.host, options.port, options.tls, source),
        recipient_(*ctx.loop, options.host, options.port, options.tls, source),
        payload_(options.payload),
        max_outstanding_(ctx.closed_loop ? options.window : options.open_window) {}

  // Logs both devices in with accounts made earlier.
  void Resume(const DeviceCredentials& sender, const DeviceCredentials& recipient,
              std::function<void(bool, const std::string&)> done) {
    LogIn(recipient_, recipient, [this, sender, done](bool ok, const std::string& error) {
      if (!ok) return done(false, "recipient: " + error);
      LogIn(sender_, sender, [this, done](bool ok, const std::string& error) {
        if (!ok) return done(false, "sender: " + error);
        Wire();
        done(true, "");
      });
    });
  }

  void Start(std::function<void(bool, const std::string&)> done) {
    recipient_.SetUpFreshAccount([this, done](bool ok, const std::string& error) {
      if (!ok) return done(false, "recipient: " + error);
      sender_.SetUpFreshAccount([this, done](bool ok, const std::string& error) {
        if (!ok) return done(false, "sender: " + error);
        Wire();
        done(true, "");
      });
    });
  }

  void Pump() override {
    while (ctx_.control->sending() && Outstanding() < max_outstanding_) SendOne(NowNs());
  }

  bool SendStamped(int64_t stamp_ns) override {
    if (Outstanding() >= max_outstanding_) return false;
    SendOne(stamp_ns);
    return true;
  }

  void Close() override {
    closing_ = true;
    sender_.Close();
    recipient_.Close();
  }

 private:
  static void LogIn(RelayDevice& device, const DeviceCredentials& who,
                    std::function<void(bool, const std::string&)> done) {
    device.Connect([&device, who, done](bool ok, const std::string& error) {
      if (!ok) return done(false, error);
      device.Authenticate(who.account_id, who.device_id, who.key, done);
    });
  }

  int Outstanding() const { return std::max(unaccepted_, undelivered_); }

  void Wire() {
    sender_.on_response = [this](const wire::Response& r) { OnSendResponse(r); };
    recipient_.on_deliver = [this](const wire::Deliver& d) { OnDeliver(d); };
    recipient_.on_response = [this](const wire::Response& r) {
      if (r.code() != wire::OK) {
        ctx_.stats.Error("ack: " + wire::ErrorCode_Name(r.code()) + " " + r.message());
      } else if (r.has_ack_result() && r.ack_result().unknown_seqs_size() > 0) {
        ctx_.stats.Error("ack named unknown seqs");
      }
    };
    auto closed = [this](const std::string& why) {
      if (!closing_) ctx_.stats.Error("relay connection closed: " + why);
    };
    sender_.on_closed = closed;
    recipient_.on_closed = closed;
  }

  void SendOne(int64_t stamp_ns) {
    ++unaccepted_;
    ++undelivered_;
    ctx_.outstanding += 2;  // one for the acceptance, one for the delivery
    send_times_.push_back(stamp_ns);
    sender_.SendTo(recipient_.account_id(), MakePayload(stamp_ns, payload_));
  }

  void OnSendResponse(const wire::Response& r) {
    // One writer commits in arrival order, so responses to one connection's
    // sends come back in order; a FIFO of send times is enough.
    if (!send_times_.empty()) {
      if (ctx_.control->measuring() && r.code() == wire::OK) {
        ctx_.stats.accept_latency_ns.push_back(NowNs() - send_times_.front());
      }
      send_times_.pop_front();
    }
    --unaccepted_;
    --ctx_.outstanding;
    if (r.code() != wire::OK) {
      // Nothing was stored, so nothing will be delivered either.
      ctx_.stats.Error("send: " + wire::ErrorCode_Name(r.code()) + " " + r.message());
      --undelivered_;
      --ctx_.outstanding;
    }
    if (ctx_.closed_loop) Pump();
  }

  void OnDeliver(const wire::Deliver& deliver) {
    int64_t now = NowNs();
    seqs_.clear();
    for (const auto& delivery : deliver.deliveries()) {
      seqs_.push_back(delivery.seq());
      int64_t stamp;
      if (!envelope_.ParseFromString(delivery.envelope()) ||
          !ReadStamp(envelope_.content().data(), envelope_.content().size(), &stamp)) {
        ctx_.stats.Error("undecodable envelope");
      } else if (ctx_.control->measuring()) {
        ++ctx_.stats.completed;
        ctx_.stats.latency_ns.push_back(now - stamp);
        ctx_.stats.done_ns.push_back(now);
      }
      --undelivered_;
      --ctx_.outstanding;
    }
    // One ack per push, naming every envelope in it.
    if (!seqs_.empty()) recipient_.Ack(seqs_);
    if (ctx_.closed_loop) Pump();
  }

  LoopContext& ctx_;
  RelayDevice sender_;
  RelayDevice recipient_;
  size_t payload_;
  int max_outstanding_;
  int unaccepted_ = 0;
  int undelivered_ = 0;
  bool closing_ = false;
  std::vector<uint64_t> seqs_;
  std::deque<int64_t> send_times_;
  wire::Envelope envelope_;
};

}  // namespace

LaneFactory EchoLaneFactory(const LaneOptions& options) {
  return [options](LoopContext& ctx, int, LaneDoneFn done) {
    auto holder = std::make_shared<std::unique_ptr<EchoLane>>(new EchoLane(ctx, options));
    (*holder)->Start(options, [&ctx, holder, done](bool ok, const std::string& error) mutable {
      Finish(ctx, holder, done, ok, error);
    });
  };
}

LaneFactory RelayPairFactory(const LaneOptions& options) {
  return [options](LoopContext& ctx, int index, LaneDoneFn done) {
    const std::string source =
        options.sources.empty() ? "" : options.sources[index % options.sources.size()];
    auto holder =
        std::make_shared<std::unique_ptr<RelayPairLane>>(new RelayPairLane(ctx, options, source));
    auto finish = [&ctx, holder, done](bool ok, const std::string& error) mutable {
      Finish(ctx, holder, done, ok, error);
    };
    const auto pair = static_cast<size_t>(index) * 2;
    if (options.accounts == nullptr) return (*holder)->Start(std::move(finish));
    if (pair + 1 >= options.accounts->size()) return finish(false, "not enough accounts");
    (*holder)->Resume((*options.accounts)[pair], (*options.accounts)[pair + 1], std::move(finish));
  };
}

}  // namespace kollega::bench
