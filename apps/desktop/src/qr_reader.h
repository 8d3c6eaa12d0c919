// QrReader: the text of the QR codes in an image, with zbar (an
// organisation's card printed as a QR code, docs/organisations.md "The
// card"). Pure and blocking: the OrganisationsController runs it on a
// thread of its own, never on the UI thread.
//
// Thread-safety: a free function; each call has its own zbar scanner.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QStringList>

namespace kollega::desktop {

// Every QR code's text found in `image` (any format; read as greyscale),
// in zbar's order; empty when there is none or the image is null.
QStringList ReadQrCodes(const QImage& image);

}  // namespace kollega::desktop
