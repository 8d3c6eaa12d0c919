// SPDX-License-Identifier: GPL-3.0-or-later
#include "qr_reader.h"

#include <zbar.h>

#include <cstring>
#include <memory>

namespace kollega::desktop {

QStringList ReadQrCodes(const QImage& image) {
  if (image.isNull()) return {};
  // zbar reads 8-bit greyscale ("Y800"), rows packed without padding.
  const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
  const int width = grey.width();
  const int height = grey.height();
  QByteArray pixels(qsizetype(width) * height, '\0');
  for (int y = 0; y < height; ++y) {
    std::memcpy(pixels.data() + qsizetype(y) * width, grey.constScanLine(y), size_t(width));
  }
  std::unique_ptr<zbar::zbar_image_scanner_t, void (*)(zbar::zbar_image_scanner_t*)> scanner(
      zbar::zbar_image_scanner_create(), zbar::zbar_image_scanner_destroy);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  std::unique_ptr<zbar::zbar_image_t, void (*)(zbar::zbar_image_t*)> zimage(
      zbar::zbar_image_create(), zbar::zbar_image_destroy);
  zbar::zbar_image_set_format(zimage.get(), zbar_fourcc('Y', '8', '0', '0'));
  zbar::zbar_image_set_size(zimage.get(), unsigned(width), unsigned(height));
  // zbar borrows the pixels (no cleanup handler): they outlive the scan.
  zbar::zbar_image_set_data(zimage.get(), pixels.constData(), size_t(pixels.size()), nullptr);
  QStringList texts;
  if (zbar::zbar_scan_image(scanner.get(), zimage.get()) <= 0) return texts;
  for (const zbar::zbar_symbol_t* symbol = zbar::zbar_image_first_symbol(zimage.get());
       symbol != nullptr; symbol = zbar::zbar_symbol_next(symbol)) {
    texts.append(QString::fromUtf8(zbar::zbar_symbol_get_data(symbol),
                                   int(zbar::zbar_symbol_get_data_length(symbol))));
  }
  return texts;
}

}  // namespace kollega::desktop
