// SPDX-License-Identifier: GPL-3.0-or-later
#include "qr_image.h"

#include <qrencode.h>

#include <QPainter>
#include <QQmlEngine>
#include <memory>

namespace kollega::desktop {
namespace {

// The QR specification's margin: scanners need it to find the code.
constexpr int kQuietZone = 4;

struct QrCodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

QImage QrImage(const QString& text, int module_pixels) {
  const QByteArray utf8 = text.toUtf8();
  std::unique_ptr<QRcode, QrCodeDeleter> code(
      QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M));
  if (!code || module_pixels < 1) return {};
  const int modules = code->width + 2 * kQuietZone;
  QImage image(modules * module_pixels, modules * module_pixels, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      // Bit 0 of each byte is the module's colour (qrencode.h).
      if (code->data[y * code->width + x] & 1) {
        painter.fillRect((x + kQuietZone) * module_pixels, (y + kQuietZone) * module_pixels,
                         module_pixels, module_pixels, Qt::black);
      }
    }
  }
  return image;
}

QImage QrImageProvider::requestImage(const QString& id, QSize* size, const QSize& requested_size) {
  // Hex: nothing in a URL's path needs escaping, so the text arrives intact.
  const QString text = QString::fromUtf8(QByteArray::fromHex(id.toLatin1()));
  QImage image = QrImage(text, 1);
  if (!image.isNull() && requested_size.isValid()) {
    const int wanted = std::max(requested_size.width(), requested_size.height());
    // Rounded up: at least the size asked for, in whole modules.
    image = QrImage(text, std::max(1, (wanted + image.width() - 1) / image.width()));
  } else if (!image.isNull()) {
    image = QrImage(text, 6);
  }
  if (size != nullptr) *size = image.size();
  return image;
}

QString QrSource(const QString& text) {
  if (text.isEmpty()) return {};
  return QStringLiteral("image://qr/") + QString::fromLatin1(text.toUtf8().toHex());
}

void AddQrImageProvider(QQmlEngine* engine) {
  engine->addImageProvider(QStringLiteral("qr"), new QrImageProvider);
}

}  // namespace kollega::desktop
