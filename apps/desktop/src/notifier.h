// Notifier: the tray icon with the unread count, and a desktop notification
// when something arrives while the window is not active. A notification
// never carries content or who sent it: only "New message in Kollega"
// (docs/desktop.md "Notifications"); AppController::incoming() carries
// nothing either.
//
// The unread count is the conversations' (app.conversations.totalUnread)
// plus the cases' (app.cases.unread) when that property exists, read
// through QObject::property so that this builds without it.
//
// Without a system tray (a desktop without one, or offscreen) there is no
// icon, and what would be shown is still counted: notificationCount(),
// lastMessage(), toolTip().
//
// Ownership: borrows the AppController and the window (SetWindow), both of
// which must outlive it; owns the tray icon and its menu.
// Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>

class QMenu;
class QSystemTrayIcon;
class QWindow;

namespace kollega::desktop {

class AppController;

class Notifier : public QObject {
  Q_OBJECT
  Q_PROPERTY(int unread READ unread NOTIFY unreadChanged)
  Q_PROPERTY(QString toolTip READ toolTip NOTIFY unreadChanged)

 public:
  // `use_tray`: show a tray icon if the desktop has a tray (false in tests).
  explicit Notifier(AppController* app, bool use_tray = true, QObject* parent = nullptr);
  ~Notifier() override;

  // Notifications are shown only while `window` is not the active one.
  void SetWindow(QWindow* window);
  // True when an icon is in the system tray: closing the window then hides
  // it there instead of quitting.
  bool HasTray() const { return tray_ != nullptr; }

  int unread() const { return unread_; }
  QString toolTip() const;
  int notificationCount() const { return notification_count_; }
  QString lastTitle() const { return last_title_; }
  QString lastMessage() const { return last_message_; }

  // The tray icon for `unread` (a badge with the count; none at 0).
  static QImage IconImage(int unread);

 signals:
  void unreadChanged();
  // A notification was shown (or would have been, without a tray).
  void notified(const QString& title, const QString& message);
  void showWindowRequested();
  void quitRequested();

 private slots:
  void UpdateUnread();
  void OnIncoming();

 private:
  void UpdateTray();

  AppController* app_;
  QPointer<QWindow> window_;
  std::unique_ptr<QMenu> menu_;
  std::unique_ptr<QSystemTrayIcon> tray_;
  int unread_ = 0;
  int notification_count_ = 0;
  QString last_title_;
  QString last_message_;
};

}  // namespace kollega::desktop
