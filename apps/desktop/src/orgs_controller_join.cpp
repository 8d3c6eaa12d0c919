// OrganisationsController's joining (docs/organisations.md, "The card"):
// from a card's text or from the QR code in an image, read on a thread of
// its own; then a refresh of what was joined. Errors in words a person can
// act on.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QImage>
#include <QRegularExpression>
#include <memory>

#include "event_pump.h"
#include "orgs_controller.h"
#include "qr_reader.h"

namespace kollega::desktop {
namespace {

QString Q(const std::string& s) { return QString::fromStdString(s); }

// What went wrong joining, in words a person can act on.
QString JoinError(StatusCode code, const QString& message) {
  using C = OrganisationsController;
  switch (code) {
    case StatusCode::kInvalidArgument:
      return C::tr(
          "That is not an organisation's card. Check that you copied all of it: it starts "
          "with kollega://org?");
    case StatusCode::kFailedPrecondition:
      if (message.contains(QLatin1String("account is on"))) {
        return C::tr(
            "This card is for an organisation on another Kollega service than your "
            "account's. Ask the organisation for the card for your service.");
      }
      break;
    case StatusCode::kUnavailable:
      return C::tr(
          "The Kollega service could not be reached. Check your connection and try again.");
    case StatusCode::kNotFound:
      return C::tr("The organisation has not published its details yet. Try again later.");
    case StatusCode::kPermissionDenied:
    case StatusCode::kUnauthenticated:
      return C::tr(
          "The organisation's details did not pass the check against its card, so nothing "
          "was changed.");
    default:
      break;
  }
  return C::tr("Could not join the organisation: %1").arg(message);
}

}  // namespace

void OrganisationsController::join(const QString& card) {
  if (!client_ || busy_) return;
  QString text = card;
  // A code pasted from a mail or a document may be broken over lines.
  text.remove(QRegularExpression(QStringLiteral("\\s+")));
  SetInfo({});
  if (text.isEmpty()) return SetError(tr("Paste or type the organisation's link or code first."));
  SetError({});
  SetBusy(true);
  client_->JoinOrganisation(text.toStdString()).Then([this](Result<client::OrganisationInfo> r) {
    const bool ok = r.ok();
    const StatusCode code = ok ? StatusCode::kOk : r.status().code();
    const QString message = ok ? QString() : Q(r.status().message());
    const QString name = ok ? Q(r->name) : QString();
    PostTo(this, [this, ok, code, message, name] {
      if (!client_) return;  // locked meanwhile
      SetBusy(false);
      if (!ok) return SetError(JoinError(code, message));
      SetInfo(tr("You joined %1.").arg(name));
      LoadDirectory();
    });
  });
}

void OrganisationsController::joinFromImage(const QUrl& file) {
  if (!client_ || busy_) return;
  SetError({});
  SetInfo({});
  SetBusy(true);
  const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
  qr_thread_.start([this, path] {
    const QImage image(path);
    const bool opened = !image.isNull();
    const QStringList texts = ReadQrCodes(image);
    PostTo(this, [this, opened, texts] {
      if (!client_) return;
      SetBusy(false);
      if (!opened) return SetError(tr("That file could not be opened as an image."));
      if (texts.isEmpty()) {
        return SetError(
            tr("No QR code was found in that image. Try a sharper picture, or "
               "paste the link instead."));
      }
      QString card = texts.first();
      for (const QString& t : texts) {
        if (t.startsWith(QLatin1String("kollega://"))) card = t;
      }
      join(card);
    });
  });
}

void OrganisationsController::refresh() {
  if (!client_ || busy_) return;
  SetError({});
  SetInfo({});
  if (orgs_.empty()) return LoadDirectory();
  SetBusy(true);
  auto left = std::make_shared<size_t>(orgs_.size());
  auto failed = std::make_shared<QString>();
  for (const auto& org : orgs_) {
    client_->RefreshOrganisation(org.org_id)
        .Then([this, left, failed](Result<client::OrganisationInfo> r) {
          const bool ok = r.ok();
          const StatusCode code = ok ? StatusCode::kOk : r.status().code();
          const QString message = ok ? QString() : Q(r.status().message());
          PostTo(this, [this, left, failed, ok, code, message] {
            if (!client_) return;
            if (!ok)
              *failed = code == StatusCode::kUnavailable ? JoinError(code, message)
                                                         : tr("Could not refresh: %1").arg(message);
            if (--*left > 0) return;
            SetBusy(false);
            if (!failed->isEmpty()) SetError(*failed);
            LoadDirectory();
          });
        });
  }
}

}  // namespace kollega::desktop
