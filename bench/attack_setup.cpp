// SPDX-License-Identifier: GPL-3.0-or-later
#include "attack_setup.h"

#include <chrono>
#include <future>
#include <memory>
#include <thread>

namespace kollega::bench {

namespace {

using namespace std::chrono_literals;

// Runs `start` on the Loop's thread and waits for it to call `finish`.
template <typename Result>
Result RunOn(LoopThread& lt, const std::function<void(Loop&, std::function<void(Result)>)>& start) {
  std::promise<Result> promise;
  auto future = promise.get_future();
  lt.loop.Post([&] { start(lt.loop, [&promise](Result r) { promise.set_value(std::move(r)); }); });
  Result result = future.get();
  std::this_thread::sleep_for(50ms);  // let close frames go out
  lt.Stop();
  return result;
}

struct Batch {
  std::string host;
  uint16_t port = 0;
  int count = 0, started = 0, finished = 0;
  std::vector<std::unique_ptr<RelayDevice>> devices;
  std::vector<DeviceCredentials>* out = nullptr;
  std::string error;
  std::function<void(std::string)> done;
};

void StartNext(Loop& loop, Batch& b) {
  if (!b.error.empty() || b.started >= b.count) return;
  ++b.started;
  b.devices.push_back(std::make_unique<RelayDevice>(loop, b.host, b.port));
  RelayDevice* d = b.devices.back().get();
  d->SetUpFreshAccount([&loop, &b, d](bool ok, const std::string& error) {
    if (!ok && b.error.empty()) b.error = error;
    if (ok) b.out->push_back(d->credentials());
    d->Close();
    ++b.finished;
    if (!b.error.empty() || b.finished == b.count) {
      if (b.done) std::exchange(b.done, nullptr)(b.error);
      return;
    }
    StartNext(loop, b);
  });
}

}  // namespace

bool CreateAccounts(const std::string& host, uint16_t port, int count, int concurrency,
                    std::vector<DeviceCredentials>* out, std::string* error) {
  if (count <= 0) return true;
  LoopThread lt;
  Batch batch;
  batch.host = host;
  batch.port = port;
  batch.count = count;
  batch.out = out;
  *error = RunOn<std::string>(lt, [&](Loop& loop, std::function<void(std::string)> finish) {
    batch.done = std::move(finish);
    for (int i = 0; i < concurrency; ++i) StartNext(loop, batch);
  });
  return error->empty();
}

bool UploadOneTimePrekeys(const std::string& host, uint16_t port, const DeviceCredentials& who,
                          int count, std::string* error) {
  LoopThread lt;
  std::unique_ptr<RelayDevice> device;
  *error = RunOn<std::string>(lt, [&](Loop& loop, std::function<void(std::string)> finish) {
    device = std::make_unique<RelayDevice>(loop, host, port);
    RelayDevice* d = device.get();
    d->Connect([d, who, count, finish](bool ok, const std::string& e) {
      if (!ok) return finish(e);
      d->Authenticate(who.account_id, who.device_id, who.key,
                      [d, count, finish](bool ok, const std::string& e) {
                        if (!ok) return finish(e);
                        // Shapes only, as RelayDevice::UploadSignedPrekey.
                        wire::Request request;
                        auto* upload = request.mutable_upload_prekeys();
                        std::string key(33, '\x11');
                        key[0] = 0x05;
                        upload->set_identity_key(key);
                        upload->mutable_signed_prekey()->set_id(1);
                        upload->mutable_signed_prekey()->set_public_key(key);
                        upload->mutable_signed_prekey()->set_signature(std::string(64, 's'));
                        for (int i = 0; i < count; ++i) {
                          auto* one = upload->add_one_time_prekeys();
                          one->set_id(static_cast<uint32_t>(100 + i));
                          one->set_public_key(key);
                        }
                        d->Call(request, [d, finish](const wire::Response& r) {
                          d->Close();
                          finish(r.code() == wire::OK
                                     ? ""
                                     : "UploadPrekeys: " + wire::ErrorCode_Name(r.code()));
                        });
                      });
    });
  });
  return error->empty();
}

int SendOnce(const std::string& host, uint16_t port, const std::string& source,
             const DeviceCredentials& who, const std::string& recipient, const std::string& content,
             std::string* error) {
  LoopThread lt;
  std::unique_ptr<RelayDevice> device;
  auto [code, why] = RunOn<std::pair<int, std::string>>(
      lt, [&](Loop& loop, std::function<void(std::pair<int, std::string>)> finish) {
        device = std::make_unique<RelayDevice>(loop, host, port, false, source);
        RelayDevice* d = device.get();
        d->Connect([d, who, recipient, content, finish](bool ok, const std::string& e) {
          if (!ok) return finish({-1, e});
          d->Authenticate(who.account_id, who.device_id, who.key,
                          [d, recipient, content, finish](bool ok, const std::string& e) {
                            if (!ok) return finish({-1, e});
                            d->on_response = [d, finish](const wire::Response& r) {
                              d->Close();
                              finish({static_cast<int>(r.code()), ""});
                            };
                            d->SendTo(recipient, content);
                          });
        });
      });
  *error = why;
  return code;
}

}  // namespace kollega::bench
