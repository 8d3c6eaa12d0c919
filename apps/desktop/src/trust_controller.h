// TrustController: the app's trust (docs/trust.md) — this account's devices
// and unlinking one, linking another device with a one-time code, safety
// numbers, and identity changes that block sending until the user accepts.
// Shown to QML as `app.trust`.
//
// The linking code opens the account's secrets for its lifetime: it is
// kept only while the dialog that shows it is open (clearLinkingCode).
//
// Ownership: owned by the AppController; borrows the Client (Feature); owns
// its DevicesModel. Thread-safety: UI thread only; client results are
// posted back to it and dropped when the client changed meanwhile.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>

#include "devices_model.h"
#include "feature.h"

namespace kollega::desktop {

class TrustController : public Feature {
  Q_OBJECT
  // Contacts whose identity key changed and who are not accepted yet:
  // sending to them is blocked (Chat, CaseChat) until the user accepts.
  Q_PROPERTY(QStringList changedPeers READ changedPeers NOTIFY changedPeersChanged)
  Q_PROPERTY(DevicesModel* devices READ devices CONSTANT)
  // The code for the device being linked; "" when no dialog shows it.
  Q_PROPERTY(QString linkingCode READ linkingCode NOTIFY linkingChanged)
  Q_PROPERTY(QString linkingQr READ linkingQr NOTIFY linkingChanged)
  Q_PROPERTY(bool linkingBusy READ linkingBusy NOTIFY linkingChanged)
  // The contact whose safety number is shown, and the number: 60 digits as
  // 12 groups of 5 (safetyGroups) and as a QR code of the digits.
  Q_PROPERTY(QString safetyPeer READ safetyPeer NOTIFY safetyNumberChanged)
  Q_PROPERTY(QStringList safetyGroups READ safetyGroups NOTIFY safetyNumberChanged)
  Q_PROPERTY(QString safetyQr READ safetyQr NOTIFY safetyNumberChanged)
  // What went wrong last (devices, linking, safety number); "" when fine.
  Q_PROPERTY(QString error READ error NOTIFY errorChanged)
  // This computer was unlinked from the account: it can no longer connect.
  Q_PROPERTY(bool thisDeviceUnlinked READ thisDeviceUnlinked NOTIFY thisDeviceUnlinkedChanged)

 public:
  using Feature::Feature;

  QStringList changedPeers() const { return changed_peers_; }
  DevicesModel* devices() { return &devices_; }
  QString linkingCode() const { return linking_code_; }
  QString linkingQr() const;
  bool linkingBusy() const { return linking_busy_; }
  QString safetyPeer() const { return safety_peer_; }
  QStringList safetyGroups() const { return safety_groups_; }
  QString safetyQr() const;
  QString error() const { return error_; }
  bool thisDeviceUnlinked() const { return this_device_unlinked_; }

  Q_INVOKABLE void refreshDevices();
  Q_INVOKABLE void unlinkDevice(int device_id);
  // Asks client-core for a one-time code (the client must be online).
  Q_INVOKABLE void startLinking();
  // The dialog closed: the code is forgotten, and one still on its way is
  // dropped when it arrives.
  Q_INVOKABLE void clearLinkingCode();
  Q_INVOKABLE void showSafetyNumber(const QString& peer);
  Q_INVOKABLE void clearSafetyNumber();
  // The user trusts the contact's new identity key: sending is allowed
  // again and held-back messages are received.
  Q_INVOKABLE void acceptIdentityChange(const QString& peer);

  // 60 digits as 12 groups of 5; empty for anything else.
  static QStringList GroupSafetyNumber(const QString& digits);

  void SetClient(client::Client* client) override;
  void OnEvent(const client::Event& event) override;
  void ShowExamples() override;
  // Makes this area's types known to QML (import Kollega 1.0).
  static void RegisterQmlTypes();

 signals:
  void changedPeersChanged();
  void linkingChanged();
  void safetyNumberChanged();
  void errorChanged();
  void thisDeviceUnlinkedChanged();
  // A device was unlinked (it is gone from `devices`).
  void deviceUnlinked(int deviceId);

 private:
  void LoadPendingChanges();
  void AddChangedPeer(const QString& peer);
  void SetError(const QString& error);
  // A result posted later applies only if the client is still the same.
  bool Current(uint64_t generation) const { return client_ && generation == generation_; }

  client::Client* client_ = nullptr;
  uint64_t generation_ = 0;
  uint64_t linking_generation_ = 0;
  DevicesModel devices_;
  QStringList changed_peers_;
  QString linking_code_;
  bool linking_busy_ = false;
  QString safety_peer_;
  QString safety_digits_;
  QStringList safety_groups_;
  QString error_;
  bool this_device_unlinked_ = false;
};

}  // namespace kollega::desktop
