// QR codes for the screens: a linking code or a safety number drawn as a
// QImage (libqrencode), and the "qr" image provider that gives it to QML as
// `image://qr/<percent-encoded text>`. The text may be a secret (a linking
// code): nothing here keeps it, and screens load the image with
// `cache: false` so that Qt's pixmap cache does not either.
//
// Ownership: the provider is owned by the QML engine it is added to.
// Thread-safety: QrImage is reentrant; the provider may be called from
// Qt's image-loading threads.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QQuickImageProvider>
#include <QString>

class QQmlEngine;

namespace kollega::desktop {

// `text` as a black-on-white QR code (error correction M), `module_pixels`
// pixels per module, with the standard 4-module quiet zone. A null image
// when the text does not fit a QR code.
QImage QrImage(const QString& text, int module_pixels = 8);

class QrImageProvider : public QQuickImageProvider {
 public:
  QrImageProvider() : QQuickImageProvider(QQuickImageProvider::Image) {}
  // `id` is the hex of the text's UTF-8; `requested_size` (if given) is the
  // smallest size wanted: whole modules, never blurred.
  QImage requestImage(const QString& id, QSize* size, const QSize& requested_size) override;
};

// What a QML Image's source is for `text`'s QR code (empty for no text).
QString QrSource(const QString& text);

// Adds the "qr" provider to `engine` (which then owns it).
void AddQrImageProvider(QQmlEngine* engine);

}  // namespace kollega::desktop
