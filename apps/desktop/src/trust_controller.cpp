// SPDX-License-Identifier: GPL-3.0-or-later
#include "trust_controller.h"

#include <QDateTime>
#include <QQmlEngine>
#include <memory>

#include "event_pump.h"
#include "qr_image.h"

namespace kollega::desktop {
namespace {

using client::As;

constexpr int kSafetyDigits = 60;
constexpr int kSafetyGroup = 5;

// Overwrites a secret's characters before letting it go. Best effort: Qt
// strings are shared on copy, and QML may hold a copy of its own.
void WipeString(QString& secret) {
  if (!secret.isEmpty()) secret.fill(QLatin1Char('0'));
  secret.clear();
}

}  // namespace

void TrustController::RegisterQmlTypes() {
  qmlRegisterUncreatableType<TrustController>("Kollega", 1, 0, "TrustController",
                                              "given as a property of app");
  qmlRegisterUncreatableType<DevicesModel>("Kollega", 1, 0, "DevicesModel",
                                           "given as app.trust.devices");
}

QString TrustController::linkingQr() const { return QrSource(linking_code_); }

QString TrustController::safetyQr() const { return QrSource(safety_digits_); }

QStringList TrustController::GroupSafetyNumber(const QString& digits) {
  if (digits.size() != kSafetyDigits) return {};
  QStringList groups;
  for (int i = 0; i < kSafetyDigits; i += kSafetyGroup) {
    const QString group = digits.mid(i, kSafetyGroup);
    for (QChar c : group) {
      if (!c.isDigit()) return {};
    }
    groups.append(group);
  }
  return groups;
}

void TrustController::SetClient(client::Client* client) {
  client_ = client;
  ++generation_;
  devices_.Set({});
  clearLinkingCode();
  clearSafetyNumber();
  SetError({});
  if (!changed_peers_.isEmpty()) {
    changed_peers_.clear();
    emit changedPeersChanged();
  }
  if (this_device_unlinked_) {
    this_device_unlinked_ = false;
    emit thisDeviceUnlinkedChanged();
  }
  if (client_ == nullptr) return;
  refreshDevices();
  // Changes flagged in an earlier run are still pending: block them again.
  LoadPendingChanges();
}

void TrustController::OnEvent(const client::Event& event) {
  if (auto* changed = As<client::IdentityChanged>(event)) {
    AddChangedPeer(QString::fromStdString(changed->peer));
  } else if (auto* list = As<client::DeviceListChanged>(event)) {
    if (list->own) refreshDevices();
  } else if (As<client::SilentDeviceUnlinked>(event) != nullptr) {
    refreshDevices();
  } else if (auto* c = As<client::ConnectionChanged>(event)) {
    // Last-seen times come from the relay: ask again once connected.
    if (c->state == client::ConnectionState::kOnline) refreshDevices();
  }
}

void TrustController::LoadPendingChanges() {
  const uint64_t generation = generation_;
  client_->PendingIdentityChanges().Then(
      [this, generation](Result<std::vector<client::IdentityChange>> pending) {
        if (!pending.ok()) return;
        QStringList peers;
        for (const auto& change : *pending) peers.append(QString::fromStdString(change.peer));
        PostTo(this, [this, generation, peers] {
          if (!Current(generation)) return;
          for (const QString& peer : peers) AddChangedPeer(peer);
        });
      });
}

void TrustController::AddChangedPeer(const QString& peer) {
  if (peer.isEmpty() || changed_peers_.contains(peer)) return;
  changed_peers_.append(peer);
  emit changedPeersChanged();
}

void TrustController::refreshDevices() {
  if (client_ == nullptr) return;
  const uint64_t generation = generation_;
  client_->Devices().Then([this, generation](Result<std::vector<client::DeviceInfo>> list) {
    if (!list.ok()) return;  // offline with no list yet: the screen stays as it was
    auto rows = std::make_shared<std::vector<client::DeviceInfo>>(std::move(*list));
    PostTo(this, [this, generation, rows] {
      if (Current(generation)) devices_.Set(std::move(*rows));
    });
  });
}

void TrustController::unlinkDevice(int device_id) {
  if (client_ == nullptr || device_id <= 0) return;
  bool self = false;
  for (int row = 0; row < devices_.rowCount(); ++row) {
    if (devices_.deviceIdAt(row) == device_id) {
      self = devices_.data(devices_.index(row), DevicesModel::kThisDeviceRole).toBool();
    }
  }
  SetError({});
  const uint64_t generation = generation_;
  client_->UnlinkDevice(static_cast<uint32_t>(device_id))
      .Then([this, generation, device_id, self](Status status) {
        const bool ok = status.ok();
        const QString message = QString::fromStdString(status.message());
        PostTo(this, [this, generation, device_id, self, ok, message] {
          if (!Current(generation)) return;
          if (!ok) {
            SetError(tr("The device could not be unlinked: %1").arg(message));
            return;
          }
          if (self) {
            this_device_unlinked_ = true;
            emit thisDeviceUnlinkedChanged();
          }
          emit deviceUnlinked(device_id);
          refreshDevices();
        });
      });
}

void TrustController::startLinking() {
  if (client_ == nullptr || linking_busy_) return;
  clearLinkingCode();
  SetError({});
  linking_busy_ = true;
  emit linkingChanged();
  const uint64_t generation = generation_;
  const uint64_t linking = ++linking_generation_;
  client_->StartLinking().Then([this, generation, linking](Result<std::string> code) {
    const bool ok = code.ok();
    auto text = std::make_shared<QString>(ok ? QString::fromStdString(*code)
                                             : QString::fromStdString(code.status().message()));
    PostTo(this, [this, generation, linking, ok, text] {
      // The dialog was closed (or the app locked) meanwhile: not kept.
      if (!Current(generation) || linking != linking_generation_) return WipeString(*text);
      linking_busy_ = false;
      if (ok) {
        linking_code_ = *text;
      } else {
        SetError(tr("No code could be made: %1").arg(*text));
      }
      WipeString(*text);
      emit linkingChanged();
    });
  });
}

void TrustController::clearLinkingCode() {
  ++linking_generation_;
  if (linking_code_.isEmpty() && !linking_busy_) return;
  WipeString(linking_code_);
  linking_busy_ = false;
  emit linkingChanged();
}

void TrustController::showSafetyNumber(const QString& peer) {
  clearSafetyNumber();
  if (client_ == nullptr || peer.isEmpty()) return;
  safety_peer_ = peer;
  emit safetyNumberChanged();
  const uint64_t generation = generation_;
  client_->SafetyNumber(peer.toStdString())
      .Then([this, generation, peer](Result<std::string> number) {
        const bool ok = number.ok();
        const QString text = QString::fromStdString(ok ? *number : number.status().message());
        PostTo(this, [this, generation, peer, ok, text] {
          if (!Current(generation) || peer != safety_peer_) return;
          if (!ok) return SetError(tr("The safety number is not known yet: %1").arg(text));
          safety_digits_ = text;
          safety_groups_ = GroupSafetyNumber(text);
          emit safetyNumberChanged();
        });
      });
}

void TrustController::clearSafetyNumber() {
  if (safety_peer_.isEmpty() && safety_digits_.isEmpty()) return;
  safety_peer_.clear();
  safety_digits_.clear();
  safety_groups_.clear();
  emit safetyNumberChanged();
}

void TrustController::acceptIdentityChange(const QString& peer) {
  if (client_ == nullptr || !changed_peers_.contains(peer)) return;
  SetError({});
  const uint64_t generation = generation_;
  client_->AcceptIdentityChange(peer.toStdString()).Then([this, generation, peer](Status status) {
    const bool ok = status.ok();
    const QString message = QString::fromStdString(status.message());
    PostTo(this, [this, generation, peer, ok, message] {
      if (!Current(generation)) return;
      if (!ok) return SetError(tr("The new safety number could not be accepted: %1").arg(message));
      if (changed_peers_.removeAll(peer) > 0) emit changedPeersChanged();
      // The number shown, if any, was the old key's.
      if (safety_peer_ == peer) showSafetyNumber(peer);
    });
  });
}

void TrustController::SetError(const QString& error) {
  if (error == error_) return;
  error_ = error;
  emit errorChanged();
}

void TrustController::ShowExamples() {
  const int64_t now = QDateTime::currentMSecsSinceEpoch();
  constexpr int64_t kDay = 86'400'000;
  devices_.Set({{1, "Laptop", now - 90 * kDay, now - 60'000, true},
                {2, "Phone", now - 30 * kDay, now - 3'600'000, false},
                {3, "Tablet at home", now - 7 * kDay, 0, false}});
}

}  // namespace kollega::desktop
