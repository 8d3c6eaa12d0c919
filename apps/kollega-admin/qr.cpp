// SPDX-License-Identifier: GPL-3.0-or-later
#include "qr.h"

#include <qrencode.h>

#include <memory>

namespace kollega::admin {

Result<std::string> RenderQr(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) return InvalidArgument("the card does not fit in a QR code");
  constexpr int kQuiet = 2;
  const int width = code->width;
  auto dark = [&](int x, int y) {
    if (x < 0 || y < 0 || x >= width || y >= width) return false;
    return (code->data[y * width + x] & 1) != 0;
  };
  std::string out;
  for (int y = -kQuiet; y < width + kQuiet; y += 2) {
    for (int x = -kQuiet; x < width + kQuiet; ++x) {
      const bool top = !dark(x, y);
      const bool bottom = y + 1 < width + kQuiet && !dark(x, y + 1);
      out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
    }
    out += "\n";
  }
  return out;
}

}  // namespace kollega::admin
