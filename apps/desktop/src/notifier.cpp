// SPDX-License-Identifier: GPL-3.0-or-later
#include "notifier.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QMetaProperty>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <QWindow>

#include "app_controller.h"

namespace kollega::desktop {
namespace {

// cases.unread arrives with the cases area; until then it counts as 0.
int CasesUnread(QObject* cases) {
  const QVariant value = cases->property("unread");
  return value.isValid() ? value.toInt() : 0;
}

}  // namespace

Notifier::Notifier(AppController* app, bool use_tray, QObject* parent)
    : QObject(parent), app_(app) {
  connect(app_->conversations(), &ConversationsModel::totalUnreadChanged, this,
          &Notifier::UpdateUnread);
  QObject* cases = app_->cases();
  const int index = cases->metaObject()->indexOfProperty("unread");
  if (index >= 0) {
    const QMetaProperty property = cases->metaObject()->property(index);
    if (property.hasNotifySignal()) {
      connect(cases, property.notifySignal(), this,
              metaObject()->method(metaObject()->indexOfSlot("UpdateUnread()")));
    }
  }
  connect(app_, &AppController::incoming, this, &Notifier::OnIncoming);

  // A tray menu is a widget: only with a QApplication and a tray.
  if (use_tray && qobject_cast<QApplication*>(QCoreApplication::instance()) != nullptr &&
      QSystemTrayIcon::isSystemTrayAvailable()) {
    menu_ = std::make_unique<QMenu>();
    QAction* open = menu_->addAction(tr("Open Kollega"));
    connect(open, &QAction::triggered, this, &Notifier::showWindowRequested);
    QAction* quit = menu_->addAction(tr("Quit"));
    connect(quit, &QAction::triggered, this, &Notifier::quitRequested);
    tray_ = std::make_unique<QSystemTrayIcon>();
    tray_->setContextMenu(menu_.get());
    connect(tray_.get(), &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
              if (reason == QSystemTrayIcon::Trigger) emit showWindowRequested();
            });
    connect(tray_.get(), &QSystemTrayIcon::messageClicked, this, &Notifier::showWindowRequested);
  }
  UpdateUnread();
  if (tray_) tray_->show();
}

Notifier::~Notifier() = default;

void Notifier::SetWindow(QWindow* window) { window_ = window; }

QString Notifier::toolTip() const { return tr("Kollega: %n unread", "", unread_); }

void Notifier::UpdateUnread() {
  const int unread = app_->conversations()->totalUnread() + CasesUnread(app_->cases());
  if (unread != unread_) {
    unread_ = unread;
    emit unreadChanged();
  }
  UpdateTray();
}

void Notifier::UpdateTray() {
  if (!tray_) return;
  tray_->setIcon(QIcon(QPixmap::fromImage(IconImage(unread_))));
  tray_->setToolTip(toolTip());
}

void Notifier::OnIncoming() {
  // The person is looking at the app: the message shows there.
  if (window_ && window_->isVisible() && window_->isActive()) return;
  // Never the text, never the sender: a notification is seen by whoever is
  // near the screen, and may be kept by the desktop.
  last_title_ = QStringLiteral("Kollega");
  last_message_ = tr("New message in Kollega");
  ++notification_count_;
  if (tray_) tray_->showMessage(last_title_, last_message_, QSystemTrayIcon::Information);
  emit notified(last_title_, last_message_);
}

QImage Notifier::IconImage(int unread) {
  constexpr int kSize = 64;
  QImage image(kSize, kSize, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setBrush(QColor("#1d4e89"));
  painter.setPen(Qt::NoPen);
  painter.drawRoundedRect(QRectF(2, 2, kSize - 4, kSize - 4), 12, 12);
  QFont font = painter.font();
  font.setBold(true);
  font.setPixelSize(40);
  painter.setFont(font);
  painter.setPen(Qt::white);
  painter.drawText(QRectF(0, 0, kSize, kSize), Qt::AlignCenter, QStringLiteral("K"));
  if (unread > 0) {
    const QString count = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    const QRectF badge(kSize - 38, 0, 38, 30);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor("#b00020"));
    painter.drawRoundedRect(badge, 15, 15);
    font.setPixelSize(count.size() > 2 ? 15 : 22);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(badge, Qt::AlignCenter, count);
  }
  return image;
}

}  // namespace kollega::desktop
